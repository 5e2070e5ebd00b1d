from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("working-group/", views.working_group, name="working_group"),
    path("chairs/", views.chairs, name="chairs"),
    path("<slug:slug>/", views.profile, name="profile"),
]
