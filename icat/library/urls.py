"""Mounted at the site root (one line in icat/urls.py): the library under /library/, plus /oai and
/sitemap.xml, whose addresses harvesters and search engines expect at the top."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import feeds, oai, views
from .sitemaps import SITEMAPS

app_name = "library"
urlpatterns = [
    path("library/", views.index, name="index"),
    path("library/feed/", feeds.ProductsFeed(), name="feed"),
    path("library/themes/<slug:slug>/feed/", feeds.ProductsFeed(), name="theme_feed"),
    path("library/workspace/", views.workspace, name="workspace"),
    path("library/new/", views.product_create, name="create"),
    path("library/<int:pk>/", views.product_detail, name="product_short"),
    path("library/<int:pk>/edit/", views.product_edit, name="edit"),
    path("library/<int:pk>/versions/", views.version_upload, name="upload"),
    path("library/<int:pk>/consultation/", views.open_consultation, name="open_consultation"),
    path("library/<int:pk>/comments/", views.comment, name="comment"),
    path("library/<int:pk>/sign-off/", views.circulate, name="circulate"),
    path("library/<int:pk>/sign-off/outside/", views.outside_signoff, name="outside_signoff"),
    path("library/<int:pk>/supersede/", views.supersede, name="supersede"),
    path("library/<int:pk>/files/<str:language>/", views.download, name="download"),
    path("library/<int:pk>-<slug:slug>/", views.product_detail, name="product"),
    path("oai", oai.endpoint, name="oai"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "library:sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
]
