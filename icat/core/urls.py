from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("about/terms-of-reference/", views.TermsOfReferenceView.as_view(), name="terms_of_reference"),
    path("contact/", views.ContactView.as_view(), name="contact"),
    path("audit/", views.AuditTrailView.as_view(), name="audit"),
    path("audit/export.csv", views.audit_export, name="audit_export"),
]
