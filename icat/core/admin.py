"""The back office is the secretariat's (ToR 3.C.3 a); access and every write go through icat.policy
and the services. Nothing a record refers to is deleted, so no admin offers deletion."""

from django.contrib import admin

from icat import policy

from .models import AuditEntry, OutgoingEmail


def secretariat_only(request) -> bool:
    return request.user.is_active and policy.can(request.user, "admin.access")


admin.site.has_permission = secretariat_only


class SecretariatAccess:
    """Visible and editable by the secretariat; never deletes. Mixed into any ModelAdmin."""

    def has_module_permission(self, request):
        return secretariat_only(request)

    def has_view_permission(self, request, obj=None):
        return secretariat_only(request)

    def has_add_permission(self, request):
        return secretariat_only(request)

    def has_change_permission(self, request, obj=None):
        return secretariat_only(request)

    def has_delete_permission(self, request, obj=None):
        return False


class SecretariatAdmin(SecretariatAccess, admin.ModelAdmin):
    pass


class ReadOnlyAdmin(SecretariatAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_label", "acting_for", "action", "target_label", "organization"]
    list_filter = ["action", "at"]
    search_fields = ["actor_label", "target_label", "action", "note"]
    date_hierarchy = "at"


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "subject", "state", "attempts", "topic", "sent_at"]
    list_filter = ["state", "topic"]
    search_fields = ["subject", "recipients"]
    actions = ["retry_now"]

    @admin.action(description="Try to send the selected messages again now")
    def retry_now(self, request, queryset):
        from .tasks import deliver

        sent = sum(deliver(email.pk) for email in queryset.filter(state=OutgoingEmail.State.PENDING))
        self.message_user(request, f"{sent} sent.")
