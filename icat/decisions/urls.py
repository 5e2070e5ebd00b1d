from django.urls import path

from . import views

app_name = "decisions"
urlpatterns = [
    path("", views.records, name="records"),
    path("records/<int:year>/<int:sequence>/", views.record, name="record"),
    path("records/<int:year>/<int:sequence>/pdf/", views.record_pdf, name="record_pdf"),
    path("records/<int:year>/export.csv", views.records_export, name="records_export"),
    path("consultations/", views.consultations, name="consultations"),
    path("proposals/circulate/", views.circulate, name="circulate"),
    path("proposals/table/", views.table, name="table"),
    path("proposals/<int:pk>/", views.proposal, name="proposal"),
    path("proposals/<int:pk>/stance/", views.record_stance, name="record_stance"),
    path("proposals/<int:pk>/withdraw-objection/", views.withdraw_objection, name="withdraw_objection"),
    path("proposals/<int:pk>/on-behalf/", views.record_on_behalf, name="record_on_behalf"),
    path("proposals/<int:pk>/stances/<int:stance_id>/copy/", views.stance_copy, name="stance_copy"),
    path("proposals/<int:pk>/comment/", views.add_comment, name="comment"),
    path("proposals/<int:pk>/revise/", views.revise, name="revise"),
    path("proposals/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("proposals/<int:pk>/not-adopted/", views.not_adopted, name="not_adopted"),
    path("proposals/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("apply/", views.apply, name="apply"),
    path("apply/status/<str:secret>/", views.application_status, name="application_status"),
    path("applications/", views.applications, name="applications"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("invitation/<str:uidb64>/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
