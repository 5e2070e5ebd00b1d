from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from icat.api import api

admin.site.site_header = f"{settings.GROUP_SHORT_NAME} back office"
admin.site.site_title = f"{settings.GROUP_SHORT_NAME} back office"
admin.site.index_title = "Secretariat"

urlpatterns = [
    path("", include("icat.core.urls")),
    path("accounts/", include("icat.accounts.urls")),
    path("organizations/", include("icat.orgs.urls")),
    path("meetings/", include("icat.meetings.urls")),
    path("decisions/", include("icat.decisions.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
    path("", include("icat.library.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
