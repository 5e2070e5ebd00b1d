from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from icat.core.admin import ReadOnlyAdmin, SecretariatAccess

from . import services
from .models import ApiToken, User


@admin.register(User)
class UserAdmin(SecretariatAccess, BaseUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "is_secretariat", "is_active"]
    list_filter = ["is_secretariat", "is_active"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("Person", {"fields": ["first_name", "last_name", "email", "time_zone"]}),
        ("Role", {"fields": ["is_active", "is_secretariat"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]

    def save_model(self, request, obj, form, change):
        """Accounts are created and changed through the services, so the audit trail has them."""
        if change:
            fields = {name: form.cleaned_data[name] for name in form.changed_data if name in services.PERSON_FIELDS}
            services.update_person(request.user, User.objects.get(pk=obj.pk), **fields)
        else:
            created = services.create_person(request.user, username=form.cleaned_data["username"], email="",
                                             password=form.cleaned_data.get("password1") or None)
            obj.pk = created.pk


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
