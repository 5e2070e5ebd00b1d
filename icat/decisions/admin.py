"""Back office: everything about decisions is read-only here; writes go through the pages and services,
and a decision record can never be changed or deleted (ToR 3.B.3, 3.C.2)."""

from django.contrib import admin

from icat.core.admin import ReadOnlyAdmin

from .models import Application, DecisionRecord, Proposal, ProposalVersion, Stance


class VersionInline(admin.TabularInline):
    model = ProposalVersion
    extra = 0
    can_delete = False
    fields = ["number", "note", "author_label", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ["title", "procedure", "state", "called_at", "deadline"]
    list_filter = ["state", "procedure"]
    search_fields = ["title"]
    inlines = [VersionInline]


@admin.register(Stance)
class StanceAdmin(ReadOnlyAdmin):
    list_display = ["proposal", "organization", "position", "acted_by_label", "on_behalf", "at"]
    list_filter = ["position", "on_behalf"]


@admin.register(DecisionRecord)
class DecisionRecordAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "procedure", "confirmed_at"]
    list_filter = ["year", "procedure"]
    search_fields = ["number", "title", "text"]


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["organization_name", "requested_status", "state", "received_at"]
    list_filter = ["state", "requested_status"]
    search_fields = ["organization_name", "contact_email"]
    exclude = ["secret"]
