from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from icat.core.admin import ReadOnlyAdmin, secretariat_only

from .models import ApiToken, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "is_secretariat", "is_active"]
    list_filter = ["is_secretariat", "is_active"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("Person", {"fields": ["first_name", "last_name", "email", "time_zone"]}),
        ("Role", {"fields": ["is_active", "is_secretariat"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]

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


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
