"""The back office shows meetings for the secretariat to look up; writes go through the pages and services,
so every change is checked and audited, and nothing is deleted."""

from django.contrib import admin

from icat.core.admin import ReadOnlyAdmin

from .models import AgendaItem, Attendance, Invitation, Meeting, Minutes, MinutesCorrection, MinutesRevision


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    can_delete = False
    fields = ["organization", "guest_name", "guest_email", "capacity", "answer", "attendees"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    can_delete = False
    fields = ["organization", "presence", "capacity", "attendees"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "starts_on", "date_precision", "status", "visibility", "sequence"]
    list_filter = ["kind", "status", "visibility"]
    search_fields = ["title", "place", "source"]
    date_hierarchy = "starts_at"
    inlines = [InvitationInline, AttendanceInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "order", "title", "content_type", "object_id", "withdrawn"]
    search_fields = ["title", "meeting__title"]


@admin.register(Minutes)
class MinutesAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "state", "approved_at", "approved_how"]
    list_filter = ["state"]


@admin.register(MinutesRevision)
class MinutesRevisionAdmin(ReadOnlyAdmin):
    list_display = ["minutes", "number", "author_label", "created_at", "after_approval"]


@admin.register(MinutesCorrection)
class MinutesCorrectionAdmin(ReadOnlyAdmin):
    list_display = ["minutes", "organization", "state", "proposed_at"]
    list_filter = ["state"]
