"""Meeting pages. Each asks icat.policy, writes only through the services and runs a bounded number
of queries."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icat import policy
from icat.core.permissions import policy_refusal
from icat.orgs.models import Organization

from . import ical, queries, services
from .forms import (
    AgendaItemForm,
    AmendMinutesForm,
    AnswerForm,
    ApproveMinutesForm,
    AttendanceForm,
    CancelForm,
    CorrectionForm,
    DecideCorrectionForm,
    InviteGuestForm,
    InviteOrganizationForm,
    MeetingForm,
    MinutesForm,
    SeriesForm,
)
from .models import AgendaItem, CalendarFeed, Invitation, Meeting, Minutes, MinutesCorrection

PAST_PER_PAGE = 25


def _meeting(pk) -> Meeting:
    return get_object_or_404(Meeting, pk=pk)


def _run(request, form, call, success: str):
    """Call the service with the valid form; a refusal becomes a form error, nothing being written."""
    try:
        call()
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, success)
    return True


def _form_page(request, meeting, form, *, title: str, intro: str = "", submit: str = ""):
    return render(
        request,
        "meetings/form.html",
        {"meeting": meeting, "form": form, "title": title, "intro": intro, "submit": submit or _("Save")},
    )


def meeting_list(request):
    kind = request.GET.get("kind", "")
    if kind not in Meeting.Kind.values:
        kind = ""
    upcoming, past = queries.upcoming_and_past(request.actor, timezone.now(), kind=kind)
    page = Paginator(past, PAST_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/list.html",
        {
            "upcoming": upcoming,
            "page": page,
            "kind": kind,
            "kinds": Meeting.Kind.choices,
            "query": f"kind={kind}" if kind else "",
            "can_schedule": policy.can(request.actor, "meetings.schedule"),
        },
    )


def meeting_detail(request, pk):
    try:
        meeting = queries.meeting_page(pk)
    except Meeting.DoesNotExist:
        raise Http404 from None
    refusal = policy_refusal(request, "meetings.view", meeting)
    if refusal:
        return refusal
    actor = request.actor
    minutes = getattr(meeting, "minutes", None)
    revisions, corrections = queries.minutes_detail(minutes) if minutes else ([], [])
    invitations = list(meeting.invitations.all())
    viewer_zone = getattr(request.user, "time_zone", "") or "UTC"
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "agenda": list(meeting.agenda_items.all()),
            "invitations": invitations,
            "my_invitations": [i for i in invitations if i.organization_id in actor.organization_ids],
            "attendance": list(meeting.attendance.all()),
            "minutes": minutes,
            "current": revisions[0] if revisions else None,
            "revisions": revisions,
            "corrections": corrections,
            "viewer_zone": viewer_zone if viewer_zone != meeting.time_zone else "",
            "can_manage": policy.can(actor, "meetings.manage", meeting),
            "can_record_attendance": policy.can(actor, "meetings.record_attendance", meeting),
            "can_draft_minutes": policy.can(actor, "meetings.draft_minutes", meeting),
            "can_approve": minutes is not None
            and (
                policy.can(actor, "meetings.record_minutes_approval", minutes)
                or policy.can(actor, "meetings.approve_minutes_as_chair", minutes)
            ),
            "can_correct": minutes is not None
            and minutes.state == Minutes.State.OPEN_FOR_CORRECTIONS
            and policy.can(actor, "meetings.propose_correction", minutes),
            "in_calendar": ical.fits_a_calendar(meeting),
        },
    )


def schedule(request):
    refusal = policy_refusal(request, "meetings.schedule")
    if refusal:
        return refusal
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = {}

        def call():
            created["meeting"] = services.schedule_meeting(request.actor, **form.service_fields())

        if _run(request, form, call, _("Meeting scheduled.")):
            return redirect("meetings:detail", created["meeting"].pk)
    return _form_page(
        request,
        None,
        form,
        title=_("Schedule a meeting"),
        intro=_(
            "A Working Group meeting invites every Working Group member as a participant and every partner "
            "as a non-voting observer (ToR 3.B.7, 3.F.2); their focal points are told by e-mail."
        ),
        submit=_("Schedule"),
    )


def edit(request, pk):
    meeting = _meeting(pk)
    refusal = policy_refusal(request, "meetings.manage", meeting)
    if refusal:
        return refusal
    form = MeetingForm(request.POST or None, instance=Meeting.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data.get("note", "")
        if _run(
            request,
            form,
            lambda: services.update_meeting(request.actor, meeting, note=note, **form.service_fields()),
            _("Meeting updated."),
        ):
            return redirect("meetings:detail", pk)
    return _form_page(request, meeting, form, title=_("Change the meeting"))


def cancel(request, pk):
    meeting = _meeting(pk)
    refusal = policy_refusal(request, "meetings.manage", meeting)
    if refusal:
        return refusal
    form = CancelForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            request,
            form,
            lambda: services.cancel_meeting(request.actor, meeting, reason=form.cleaned_data["reason"]),
            _("Meeting cancelled; invitees are told."),
        )
    ):
        return redirect("meetings:detail", pk)
    return _form_page(
        request,
        meeting,
        form,
        title=_("Cancel the meeting"),
        intro=_("The meeting stays on record as cancelled; calendars show it cancelled."),
        submit=_("Cancel the meeting"),
    )


def invite(request, pk):
    meeting = _meeting(pk)
    refusal = policy_refusal(request, "meetings.manage", meeting)
    if refusal:
        return refusal
    posted = request.POST if request.method == "POST" else None
    which = request.POST.get("which") if posted else ""
    org_form = InviteOrganizationForm(posted if which == "organization" else None, prefix="org")
    guest_form = InviteGuestForm(posted if which == "guest" else None, prefix="guest")
    if which == "working_group":
        try:
            created = services.invite_working_group(request.actor, meeting)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(count)d invitations sent.") % {"count": len(created)})
        return redirect("meetings:invite", pk)
    if which == "organization" and org_form.is_valid():
        data = org_form.cleaned_data
        if _run(
            request,
            org_form,
            lambda: services.invite_organization(
                request.actor, meeting, data["organization"], capacity=data["capacity"]
            ),
            _("Invitation sent."),
        ):
            return redirect("meetings:invite", pk)
    if which == "guest" and guest_form.is_valid():
        data = guest_form.cleaned_data
        if _run(
            request,
            guest_form,
            lambda: services.invite_guest(
                request.actor, meeting, email=data["email"], name=data["name"], capacity=data["capacity"]
            ),
            _("Invitation sent."),
        ):
            return redirect("meetings:invite", pk)
    return render(
        request,
        "meetings/invite.html",
        {
            "meeting": meeting,
            "org_form": org_form,
            "guest_form": guest_form,
            "invitations": meeting.invitations.select_related("organization"),
        },
    )


def answer(request, pk):
    invitation = get_object_or_404(Invitation.objects.select_related("meeting", "organization"), pk=pk)
    refusal = policy_refusal(request, "meetings.answer_invitation", invitation)
    if refusal:
        return refusal
    form = AnswerForm(
        request.POST or None,
        initial={
            "answer": invitation.answer if invitation.answer != "pending" else None,
            "attendees": invitation.attendees,
        },
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            request,
            form,
            lambda: services.answer_invitation(
                request.actor,
                invitation,
                answer=form.cleaned_data["answer"],
                attendees=form.cleaned_data["attendees"],
            ),
            _("Answer recorded."),
        )
    ):
        return redirect("meetings:detail", invitation.meeting_id)
    return _form_page(
        request,
        invitation.meeting,
        form,
        title=_("Answer the invitation for %(org)s") % {"org": invitation.invitee},
        submit=_("Send the answer"),
    )


def agenda(request, pk):
    meeting = _meeting(pk)
    refusal = policy_refusal(request, "meetings.manage", meeting)
    if refusal:
        return refusal
    form = AgendaItemForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _run(
            request,
            form,
            lambda: services.add_agenda_item(
                request.actor, meeting, title=data["title"], notes=data["notes"], subject=data["minutes"]
            ),
            _("Item added."),
        ):
            return redirect("meetings:agenda", pk)
    items = (
        meeting.agenda_items.filter(withdrawn=False).select_related("content_type").order_by("order", "pk")
    )
    return render(request, "meetings/agenda.html", {"meeting": meeting, "form": form, "items": items})


@require_POST
def withdraw_agenda_item(request, pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    refusal = policy_refusal(request, "meetings.manage", item.meeting)
    if refusal:
        return refusal
    services.change_agenda_item(request.actor, item, withdrawn=True)
    messages.success(request, _("Item withdrawn from the agenda."))
    return redirect("meetings:agenda", item.meeting_id)


@require_POST
def circulate_agenda(request, pk):
    meeting = _meeting(pk)
    refusal = policy_refusal(request, "meetings.manage", meeting)
    if refusal:
        return refusal
    try:
        services.circulate_agenda(request.actor, meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("meetings:agenda", pk)
    messages.success(request, _("Agenda circulated to the invitees' focal points."))
    return redirect("meetings:detail", pk)


def attendance(request, pk):
    meeting = _meeting(pk)
    refusal = policy_refusal(request, "meetings.record_attendance", meeting)
    if refusal:
        return refusal
    invitations = list(meeting.invitations.select_related("organization").exclude(organization=None))
    form = AttendanceForm(
        request.POST or None, invitations=invitations, attendance=list(meeting.attendance.all())
    )
    if request.method == "POST" and form.is_valid():

        def call():
            for organization, presence, capacity, attendees in form.entries():
                services.record_attendance(
                    request.actor,
                    meeting,
                    organization,
                    presence=presence,
                    capacity=capacity,
                    attendees=attendees,
                )

        if _run(request, form, call, _("Attendance recorded.")):
            return redirect("meetings:detail", pk)
    return render(request, "meetings/attendance.html", {"meeting": meeting, "form": form})


def minutes_draft(request, pk):
    meeting = _meeting(pk)
    refusal = policy_refusal(request, "meetings.draft_minutes", meeting)
    if refusal:
        return refusal
    minutes = Minutes.objects.filter(meeting=meeting).first()
    current = queries.current_text(minutes)
    form = MinutesForm(request.POST or None, initial={"text": current.text if current else ""})
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            request,
            form,
            lambda: services.draft_minutes(
                request.actor, meeting, text=form.cleaned_data["text"], reason=form.cleaned_data["reason"]
            ),
            _("New version of the minutes saved."),
        )
    ):
        return redirect("meetings:detail", pk)
    return _form_page(request, meeting, form, title=_("Draft the minutes"), submit=_("Save this version"))


@require_POST
def minutes_circulate(request, pk):
    minutes = get_object_or_404(Minutes.objects.select_related("meeting"), meeting_id=pk)
    refusal = policy_refusal(request, "meetings.draft_minutes", minutes.meeting)
    if refusal:
        return refusal
    try:
        services.circulate_minutes(request.actor, minutes)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Draft circulated for corrections to the organizations that attended."))
    return redirect("meetings:detail", pk)


def minutes_correct(request, pk):
    minutes = get_object_or_404(Minutes.objects.select_related("meeting"), meeting_id=pk)
    refusal = policy_refusal(request, "meetings.propose_correction", minutes)
    if refusal:
        return refusal
    organizations = Organization.objects.filter(
        pk__in=request.actor.organization_ids,
        attendance__meeting=minutes.meeting,
        attendance__presence="present",
    ).order_by("name")
    form = CorrectionForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _run(
            request,
            form,
            lambda: services.propose_correction(
                request.actor, minutes, data["organization"], text=data["text"]
            ),
            _("Correction proposed."),
        ):
            return redirect("meetings:detail", pk)
    return _form_page(request, minutes.meeting, form, title=_("Propose a correction"), submit=_("Propose"))


def correction_decide(request, pk):
    correction = get_object_or_404(
        MinutesCorrection.objects.select_related("minutes__meeting", "organization"), pk=pk
    )
    meeting = correction.minutes.meeting
    refusal = policy_refusal(request, "meetings.draft_minutes", meeting)
    if refusal:
        return refusal
    form = DecideCorrectionForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            request,
            form,
            lambda: services.decide_correction(
                request.actor, correction, accept=form.cleaned_data["accept"], note=form.cleaned_data["note"]
            ),
            _("Decision recorded."),
        )
    ):
        return redirect("meetings:detail", meeting.pk)
    return _form_page(
        request,
        meeting,
        form,
        title=_("Correction proposed by %(org)s") % {"org": correction.organization.short_name},
        intro=correction.text,
        submit=_("Record the decision"),
    )


def minutes_approve(request, pk):
    minutes = get_object_or_404(Minutes.objects.select_related("meeting"), meeting_id=pk)
    if not (
        policy.can(request.actor, "meetings.record_minutes_approval", minutes)
        or policy.can(request.actor, "meetings.approve_minutes_as_chair", minutes)
    ):
        return policy_refusal(request, "meetings.record_minutes_approval", minutes)
    form = ApproveMinutesForm(request.POST or None, minutes=minutes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _run(
            request,
            form,
            lambda: services.approve_minutes(
                request.actor, minutes, how=data["how"], at_meeting=data["at_meeting"], note=data["note"]
            ),
            _("Minutes approved and locked."),
        ):
            return redirect("meetings:detail", pk)
    return _form_page(
        request,
        minutes.meeting,
        form,
        title=_("Approve the minutes"),
        intro=_(
            "Minutes are approved as an item of a later meeting's agenda, or by the Chair where the Working "
            "Group so decides (ToR 3.D.3 i). Approved minutes are locked."
        ),
        submit=_("Approve and lock"),
    )


def minutes_amend(request, pk):
    minutes = get_object_or_404(Minutes.objects.select_related("meeting"), meeting_id=pk)
    refusal = policy_refusal(request, "meetings.draft_minutes", minutes.meeting)
    if refusal:
        return refusal
    current = queries.current_text(minutes)
    form = AmendMinutesForm(request.POST or None, initial={"text": current.text if current else ""})
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            request,
            form,
            lambda: services.amend_approved_minutes(
                request.actor, minutes, text=form.cleaned_data["text"], reason=form.cleaned_data["reason"]
            ),
            _("New version recorded with its reason."),
        )
    ):
        return redirect("meetings:detail", pk)
    return _form_page(
        request,
        minutes.meeting,
        form,
        title=_("New version of approved minutes"),
        intro=_("Approved minutes are locked: a change is a new version that says why; earlier ones stay."),
        submit=_("Record the new version"),
    )


def _series(request):
    form = SeriesForm(request.GET or None)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    meetings = [
        meeting
        for meeting in queries.series_minutes(data["kind"], data["start"], data["end"])
        if policy.can(request.actor, "meetings.view", meeting)
    ]
    return form, meetings


def compiled_minutes(request):
    form, meetings = _series(request)
    return render(
        request,
        "meetings/compiled.html",
        {"form": form, "meetings": meetings, "query": request.GET.urlencode()},
    )


def compiled_minutes_pdf(request):
    from weasyprint import HTML

    form, meetings = _series(request)
    if meetings is None:
        return redirect(reverse("meetings:compiled") + "?" + request.GET.urlencode())
    html = render_to_string(
        "meetings/_compiled_document.html",
        {"meetings": meetings, "form": form, "standalone": True},
        request=request,
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="minutes.pdf"'
    return response


# --- Calendars (RFC 5545) ----------------------------------------------------------------------------------


def _ics(request, meetings, name: str, filename: str) -> HttpResponse:
    body = ical.calendar_of(
        meetings,
        name=name,
        build_url=lambda meeting: request.build_absolute_uri(reverse("meetings:detail", args=[meeting.pk])),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def meeting_ics(request, pk):
    meeting = _meeting(pk)
    refusal = policy_refusal(request, "meetings.view", meeting)
    if refusal:
        return refusal
    if not ical.fits_a_calendar(meeting):
        raise Http404
    return _ics(request, [meeting], meeting.title, f"meeting-{meeting.pk}.ics")


def public_feed(request):
    since = timezone.now() - queries.FEED_HISTORY
    return _ics(
        request, queries.public_meetings().filter(ends_at__gte=since), _("Public meetings"), "icat.ics"
    )


def private_feed(request, token):
    feed = CalendarFeed.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if feed is None:
        raise Http404
    since = timezone.now() - queries.FEED_HISTORY
    meetings = queries.private_feed_meetings(policy.actor_for(feed.user)).filter(ends_at__gte=since)
    return _ics(request, meetings, _("My meetings"), "my-icat-meetings.ics")


@login_required
def my_calendar(request):
    feed = services.calendar_feed_of(request.user)
    return render(
        request,
        "meetings/calendar.html",
        {
            "public_url": request.build_absolute_uri(reverse("meetings:public_feed")),
            "private_url": request.build_absolute_uri(reverse("meetings:private_feed", args=[feed.token])),
            "feed": feed,
        },
    )


@login_required
@require_POST
def reset_calendar(request):
    services.reset_calendar_token(request.actor)
    messages.success(request, _("New private address made; the old one no longer works."))
    return redirect("meetings:calendar")


def participation(request, slug):
    organization = get_object_or_404(Organization, slug=slug)
    return render(
        request,
        "meetings/participation.html",
        {"record": queries.participation_record(organization, timezone.localdate(), limit=200)},
    )
