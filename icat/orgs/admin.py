from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone

from icat.core.admin import SecretariatAdmin

from . import services
from .models import Chairmanship, FocalPoint, Organization, OrganizationStatus, WorkingGroupMembership


class HistoryInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StatusInline(HistoryInline):
    model = OrganizationStatus
    fields = ["status", "valid_from", "valid_to", "source"]


class WorkingGroupInline(HistoryInline):
    model = WorkingGroupMembership
    fields = ["valid_from", "valid_to", "interest_confirmed_on", "source"]


class FocalPointInline(HistoryInline):
    model = FocalPoint
    fields = ["person", "title", "valid_from", "valid_to"]


class ChairInline(HistoryInline):
    model = Chairmanship
    fields = ["valid_from", "valid_to", "is_co_chair", "roles", "source"]


@admin.register(Organization)
class OrganizationAdmin(SecretariatAdmin):
    list_display = ["name", "acronym", "kind", "scope"]
    list_filter = ["kind", "scope", "statuses__status"]
    search_fields = ["name", "acronym", "slug"]
    prepopulated_fields = {"slug": ["acronym"]}
    inlines = [StatusInline, WorkingGroupInline, FocalPointInline, ChairInline]

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in services.ORGANIZATION_FIELDS if name in form.cleaned_data}
        if change:
            services.update_organization(request.user, Organization.objects.get(pk=obj.pk), **fields)
        else:
            created = services.create_organization(request.user, **fields)
            obj.pk = created.pk


class ServiceAddAdmin(SecretariatAdmin):
    """History rows are added through their service (each subclass's ``create_through_service``) and
    never edited; ending one is an action."""

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request)

    def save_model(self, request, obj, form, change):
        created = self.create_through_service(request, form.cleaned_data)
        obj.pk = created.pk


@admin.register(OrganizationStatus)
class OrganizationStatusAdmin(ServiceAddAdmin):
    list_display = ["organization", "status", "valid_from", "valid_to"]
    list_filter = ["status"]
    search_fields = ["organization__name", "organization__acronym"]
    fields = ["organization", "status", "valid_from", "source"]

    def create_through_service(self, request, data):
        return services.change_status(request.user, data["organization"], data["status"],
                                      on=data["valid_from"], source=data["source"])


@admin.register(WorkingGroupMembership)
class WorkingGroupMembershipAdmin(ServiceAddAdmin):
    list_display = ["organization", "valid_from", "valid_to", "interest_confirmed_on"]
    fields = ["organization", "valid_from", "interest_confirmed_on", "source"]
    actions = ["leave_today"]

    def create_through_service(self, request, data):
        return services.join_working_group(request.user, data["organization"], on=data["valid_from"],
                                           interest_confirmed_on=data["interest_confirmed_on"], source=data["source"])

    @admin.action(description="Record that the selected organizations leave the Working Group today")
    def leave_today(self, request, queryset):
        for row in queryset.filter(valid_to__isnull=True).select_related("organization"):
            try:
                services.leave_working_group(request.user, row.organization, on=timezone.localdate())
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)


@admin.register(FocalPoint)
class FocalPointAdmin(ServiceAddAdmin):
    list_display = ["person", "organization", "title", "valid_from", "valid_to"]
    search_fields = ["person__username", "person__last_name", "organization__name", "organization__acronym"]
    fields = ["organization", "person", "title", "valid_from", "source"]
    actions = ["end_today"]

    def create_through_service(self, request, data):
        return services.designate_focal_point(request.user, data["organization"], data["person"],
                                              on=data["valid_from"], title=data["title"], source=data["source"])

    @admin.action(description="End the selected designations today")
    def end_today(self, request, queryset):
        for row in queryset.filter(valid_to__isnull=True):
            try:
                services.end_focal_point(request.user, row, on=timezone.localdate())
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)


@admin.register(Chairmanship)
class ChairmanshipAdmin(ServiceAddAdmin):
    list_display = ["organization", "valid_from", "valid_to", "is_co_chair"]
    fields = ["organization", "valid_from", "valid_to", "is_co_chair", "roles", "source"]

    def create_through_service(self, request, data):
        return services.record_chairmanship(request.user, data["organization"], valid_from=data["valid_from"],
                                            valid_to=data["valid_to"], is_co_chair=data["is_co_chair"],
                                            roles=data["roles"], source=data["source"])
