from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.schedule, name="schedule"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/invitations/", views.invite, name="invite"),
    path("invitations/<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/agenda/", views.agenda, name="agenda"),
    path("<int:pk>/agenda/circulate/", views.circulate_agenda, name="circulate_agenda"),
    path("agenda-items/<int:pk>/withdraw/", views.withdraw_agenda_item, name="withdraw_agenda_item"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/minutes/", views.minutes_draft, name="minutes_draft"),
    path("<int:pk>/minutes/circulate/", views.minutes_circulate, name="minutes_circulate"),
    path("<int:pk>/minutes/corrections/", views.minutes_correct, name="minutes_correct"),
    path("corrections/<int:pk>/", views.correction_decide, name="correction_decide"),
    path("<int:pk>/minutes/approve/", views.minutes_approve, name="minutes_approve"),
    path("<int:pk>/minutes/new-version/", views.minutes_amend, name="minutes_amend"),
    path("minutes/", views.compiled_minutes, name="compiled"),
    path("minutes.pdf", views.compiled_minutes_pdf, name="compiled_pdf"),
    path("<int:pk>/meeting.ics", views.meeting_ics, name="ics"),
    path("calendar.ics", views.public_feed, name="public_feed"),
    path("calendar/<str:token>.ics", views.private_feed, name="private_feed"),
    path("calendar/", views.my_calendar, name="calendar"),
    path("calendar/reset/", views.reset_calendar, name="reset_calendar"),
    path("participation/<slug:slug>/", views.participation, name="participation"),
]
