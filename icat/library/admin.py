from django.contrib import admin

from icat.core.admin import ReadOnlyAdmin, SecretariatAdmin

from . import services
from .models import Comment, LanguageVersion, Product, Theme


@admin.register(Theme)
class ThemeAdmin(SecretariatAdmin):
    """The managed taxonomy; saving goes through the service so every change is audited."""

    list_display = ["name", "slug", "position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        saved = services.save_theme(
            request.user, slug=obj.slug, name=obj.name, description=obj.description, position=obj.position
        )
        obj.pk = saved.pk


class VersionInline(admin.TabularInline):
    model = LanguageVersion
    extra = 0
    can_delete = False
    fields = ["language", "title", "file_format", "file_size", "text_state"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Product)
class ProductAdmin(ReadOnlyAdmin):
    """Read-only: products change through the library's pages and services, which enforce the sign-off."""

    list_display = ["title", "kind", "series_number", "state", "publication_date", "signoff"]
    list_filter = ["state", "kind", "signoff", "themes"]
    search_fields = ["title", "summary"]
    inlines = [VersionInline]
    exclude = ["search_vector"]


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ["product", "section", "author", "organization", "created_at"]
    list_filter = ["created_at"]
