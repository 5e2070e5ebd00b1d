"""Every write about meetings: one function per use case, in a transaction, checked by icat.policy and
audited.

Invitees' focal points hear of invitations, circulated agendas, changes and cancellations by e-mail,
queued in the same transaction (icat.core.notify), so a message is never lost.
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime

import nh3
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from icat import policy
from icat.core import audit
from icat.core.notify import queue_email
from icat.orgs import queries as org_queries
from icat.orgs.models import Organization, OrganizationStatus

from . import ical, queries, rules
from .models import (
    AgendaItem,
    Attendance,
    CalendarFeed,
    Capacity,
    Invitation,
    Meeting,
    Minutes,
    MinutesCorrection,
    MinutesRevision,
    new_feed_token,
)

MEETING_FIELDS = [
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "time_zone",
    "date_precision",
    "place",
    "online_url",
    "visibility",
    "source",
]
# Changes that calendar clients and invitees must hear about (RFC 5545 SEQUENCE is raised for them).
SIGNIFICANT_FIELDS = {"title", "starts_at", "ends_at", "time_zone", "place", "online_url", "description"}


def _aware(value: datetime, time_zone: str) -> datetime:
    """A naive date-time is read in the meeting's own time zone; the database keeps UTC, and so do we, so that
    the same instant given in another zone is not mistaken for a change."""
    if timezone.is_naive(value):
        value = value.replace(tzinfo=zoneinfo.ZoneInfo(time_zone))
    return value.astimezone(UTC)


def _status_on(organization, day):
    row = OrganizationStatus.objects.on(day).filter(organization=organization).first()
    return row.status if row else None


def _validated(instance):
    instance.full_clean()
    return instance


def _meeting_url(meeting: Meeting) -> str:
    return settings.SITE_URL + reverse("meetings:detail", args=[meeting.pk])


def _when(meeting: Meeting) -> str:
    start = meeting.local_start
    return f"{start:%A %d %B %Y, %H:%M} ({meeting.time_zone})"


def _notify_invitees(meeting: Meeting, subject: str, body: str, topic: str, invitations=None):
    """E-mail the invitees' current focal points and guests, with the meeting as an .ics attachment so their
    calendar adds, moves or cancels it (same UID, higher SEQUENCE)."""
    invitations = list(invitations if invitations is not None else meeting.invitations.all())
    addresses = queries.focal_point_addresses(
        [invitation.organization_id for invitation in invitations if invitation.organization_id],
        timezone.localdate(),
    )
    addresses += [invitation.guest_email for invitation in invitations if invitation.guest_email]
    place = meeting.place or meeting.online_url
    text = f"{body}\n\n{meeting.title}\n{_when(meeting)}\n{place}\n\n{_meeting_url(meeting)}\n"
    attachments = []
    if ical.fits_a_calendar(meeting):
        calendar = ical.calendar_of([meeting], name=meeting.title, build_url=_meeting_url)
        attachments.append(["meeting.ics", calendar.decode(), "text/calendar"])
    queue_email(subject, text, addresses, topic=topic, attachments=attachments)


# --- Scheduling -----------------------------------------------------------------------------------------


@transaction.atomic
def schedule_meeting(who, **fields) -> Meeting:
    """Schedule a meeting; a Working Group meeting invites the Working Group and the partners at once."""
    actor = policy.require(who, "meetings.schedule")
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    time_zone = fields.get("time_zone") or "UTC"
    fields["time_zone"] = time_zone
    if time_zone not in zoneinfo.available_timezones():
        raise ValidationError(_("%(name)s is not a known time zone name.") % {"name": time_zone})
    fields["starts_at"] = _aware(fields["starts_at"], time_zone)
    fields["ends_at"] = _aware(fields.get("ends_at") or fields["starts_at"], time_zone)
    if fields["ends_at"] < fields["starts_at"]:
        raise ValidationError(_("A meeting ends after it starts."))
    meeting = Meeting(**fields)
    meeting.starts_on = meeting.local_start.date()
    _validated(meeting).save()
    audit.record(
        actor,
        "meetings.schedule",
        meeting,
        changes={name: [None, value] for name, value in audit.snapshot(meeting, MEETING_FIELDS).items()},
    )
    if meeting.kind == Meeting.Kind.WORKING_GROUP:
        invite_working_group(actor, meeting)
    return meeting


@transaction.atomic
def record_past_meeting(who, *, reference_key: str = "", **fields) -> Meeting:
    """Put on record a meeting or event already held, e.g. from ICAT's history; nobody is notified."""
    actor = policy.require(who, "meetings.schedule")
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    meeting = Meeting(status=Meeting.Status.HELD, reference_key=reference_key or None, **fields)
    meeting.starts_on = meeting.local_start.date()
    if meeting.starts_on > timezone.localdate():
        raise ValidationError(_("Only a meeting already held is recorded as past."))
    _validated(meeting).save()
    audit.record(
        actor,
        "meetings.record_past_meeting",
        meeting,
        changes={name: [None, value] for name, value in audit.snapshot(meeting, MEETING_FIELDS).items()},
    )
    return meeting


@transaction.atomic
def update_meeting(who, meeting: Meeting, *, note: str = "", **changes) -> Meeting:
    """Change a planned meeting; invitees hear of a change of time or place and the SEQUENCE goes up."""
    actor = policy.require(who, "meetings.manage", meeting)
    unknown = set(changes) - set(MEETING_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("A cancelled meeting is not changed; schedule a new one."))
    before = audit.snapshot(meeting, MEETING_FIELDS)
    time_zone = changes.get("time_zone", meeting.time_zone)
    for name in ("starts_at", "ends_at"):
        if name in changes:
            changes[name] = _aware(changes[name], time_zone)
    for name, value in changes.items():
        setattr(meeting, name, value)
    if meeting.ends_at < meeting.starts_at:
        raise ValidationError(_("A meeting ends after it starts."))
    meeting.starts_on = meeting.local_start.date()
    _validated(meeting)
    difference = audit.diff(before, audit.snapshot(meeting, MEETING_FIELDS))
    if not difference:
        return meeting
    significant = SIGNIFICANT_FIELDS & set(difference)
    if significant:
        meeting.sequence += 1
    meeting.save()
    audit.record(actor, "meetings.update", meeting, changes=difference, note=note)
    if significant and meeting.status == Meeting.Status.PLANNED:
        _notify_invitees(
            meeting,
            _("Changed: %(title)s") % {"title": meeting.title},
            _("The meeting has changed. %(note)s") % {"note": note},
            "meetings.change",
        )
    return meeting


@transaction.atomic
def cancel_meeting(who, meeting: Meeting, *, reason: str) -> Meeting:
    """Cancel a planned meeting, with the reason; it stays on record and calendars show it cancelled."""
    actor = policy.require(who, "meetings.manage", meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != Meeting.Status.PLANNED:
        raise ValidationError(_("Only a planned meeting can be cancelled."))
    if not reason.strip():
        raise ValidationError(_("Say why the meeting is cancelled."))
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancellation_reason = reason.strip()
    meeting.sequence += 1
    meeting.save()
    audit.record(actor, "meetings.cancel", meeting, changes={"status": ["planned", "cancelled"]}, note=reason)
    _notify_invitees(
        meeting,
        _("Cancelled: %(title)s") % {"title": meeting.title},
        _("The meeting is cancelled. Reason: %(reason)s") % {"reason": meeting.cancellation_reason},
        "meetings.cancellation",
    )
    return meeting


# --- Invitations (ToR 3.B.7, 3.F.2) ---------------------------------------------------------------------


def _invite(
    actor, meeting: Meeting, *, capacity: str, organization=None, guest_email="", guest_name=""
) -> Invitation:
    invitation = Invitation(
        meeting=meeting,
        organization=organization,
        guest_email=guest_email,
        guest_name=guest_name,
        capacity=capacity,
    )
    _validated(invitation).save()
    audit.record(
        actor,
        "meetings.invite",
        invitation,
        organization=organization,
        changes={"capacity": [None, capacity]},
    )
    return invitation


def _send_invitations(meeting: Meeting, invitations: list[Invitation]):
    if invitations and meeting.status == Meeting.Status.PLANNED:
        _notify_invitees(
            meeting,
            _("Invitation: %(title)s") % {"title": meeting.title},
            _("You are invited. Please answer who will attend on the meeting's page."),
            "meetings.invitation",
            invitations,
        )


@transaction.atomic
def invite_working_group(who, meeting: Meeting) -> list[Invitation]:
    """Invite every Working Group member as a participant and every partner as an observer
    (ToR 3.B.7, 3.F.2)."""
    actor = policy.require(who, "meetings.manage", meeting)
    if meeting.kind != Meeting.Kind.WORKING_GROUP:
        raise ValidationError(_("Only a Working Group meeting invites the whole Working Group by rule."))
    already = set(meeting.invitations.exclude(organization=None).values_list("organization_id", flat=True))
    created = []
    for organization in (
        org_queries.organizations_on(meeting.starts_on).exclude(pk__in=already).order_by("name")
    ):
        capacity = rules.working_group_invitation_capacity(
            organization.status_now, organization.in_working_group
        )
        if capacity:
            created.append(_invite(actor, meeting, capacity=capacity, organization=organization))
    _send_invitations(meeting, created)
    return created


@transaction.atomic
def invite_organization(who, meeting: Meeting, organization: Organization, *, capacity: str) -> Invitation:
    actor = policy.require(who, "meetings.manage", meeting)
    if capacity not in Capacity.values:
        raise ValidationError(_("Unknown capacity: %(capacity)s") % {"capacity": capacity})
    refusal = rules.partners_only_observe(_status_on(organization, meeting.starts_on), meeting.kind, capacity)
    if refusal:
        raise ValidationError(refusal)
    if meeting.invitations.filter(organization=organization).exists():
        raise ValidationError(_("%(org)s is already invited.") % {"org": organization.short_name})
    invitation = _invite(actor, meeting, capacity=capacity, organization=organization)
    _send_invitations(meeting, [invitation])
    return invitation


@transaction.atomic
def invite_guest(
    who, meeting: Meeting, *, email: str, name: str = "", capacity: str = Capacity.GUEST
) -> Invitation:
    """Invite someone from outside ICAT (civil society, a Member State delegate) by e-mail address."""
    actor = policy.require(who, "meetings.manage", meeting)
    if capacity == Capacity.PARTICIPANT and meeting.kind == Meeting.Kind.WORKING_GROUP:
        raise ValidationError(rules.partners_only_observe(None, meeting.kind, capacity))
    email = email.strip().lower()
    if meeting.invitations.filter(guest_email=email).exists():
        raise ValidationError(_("%(email)s is already invited.") % {"email": email})
    invitation = _invite(actor, meeting, capacity=capacity, guest_email=email, guest_name=name.strip())
    _send_invitations(meeting, [invitation])
    return invitation


@transaction.atomic
def answer_invitation(who, invitation: Invitation, *, answer: str, attendees: str = "") -> Invitation:
    """The invited organization says whether it will attend and who will come for it."""
    actor = policy.require(who, "meetings.answer_invitation", invitation)
    if answer not in (Invitation.Answer.ATTENDING, Invitation.Answer.DECLINED):
        raise ValidationError(_("Answer that you will attend or that you will not."))
    invitation = Invitation.objects.select_for_update().select_related("meeting").get(pk=invitation.pk)
    if invitation.meeting.status != Meeting.Status.PLANNED:
        raise ValidationError(_("Only invitations to planned meetings are answered."))
    before = [invitation.answer, invitation.attendees]
    invitation.answer = answer
    invitation.attendees = attendees.strip()
    invitation.answered_at = timezone.now()
    invitation.answered_by = actor.user
    invitation.save()
    audit.record(
        actor.for_organization(invitation.organization) if invitation.organization else actor,
        "meetings.answer_invitation",
        invitation,
        organization=invitation.organization,
        changes={"answer": [before[0], answer], "attendees": [before[1], invitation.attendees]},
    )
    return invitation


# --- Agenda ---------------------------------------------------------------------------------------------


@transaction.atomic
def add_agenda_item(
    who, meeting: Meeting, *, title: str, notes: str = "", subject=None, order: int | None = None
) -> AgendaItem:
    """Add an item; ``subject`` may be any record (a proposal, an application) the item is about."""
    actor = policy.require(who, "meetings.manage", meeting)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("A cancelled meeting has no agenda to change."))
    if order is None:
        order = (meeting.agenda_items.aggregate(last=Max("order"))["last"] or 0) + 1
    item = AgendaItem(meeting=meeting, order=order, title=title.strip(), notes=notes.strip())
    if subject is not None:
        item.content_type = ContentType.objects.get_for_model(subject)
        item.object_id = str(subject.pk)
    _validated(item).save()
    audit.record(
        actor,
        "meetings.add_agenda_item",
        item,
        changes={
            "title": [None, item.title],
            "order": [None, order],
            "subject": [None, str(subject) if subject is not None else None],
        },
    )
    return item


@transaction.atomic
def change_agenda_item(
    who,
    item: AgendaItem,
    *,
    title: str | None = None,
    notes: str | None = None,
    order: int | None = None,
    withdrawn: bool | None = None,
) -> AgendaItem:
    actor = policy.require(who, "meetings.manage", item.meeting)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    fields = ["title", "notes", "order", "withdrawn"]
    before = audit.snapshot(item, fields)
    for name, value in {"title": title, "notes": notes, "order": order, "withdrawn": withdrawn}.items():
        if value is not None:
            setattr(item, name, value.strip() if isinstance(value, str) else value)
    difference = audit.diff(before, audit.snapshot(_validated(item), fields))
    if difference:
        item.save()
        audit.record(actor, "meetings.change_agenda_item", item, changes=difference)
    return item


@transaction.atomic
def circulate_agenda(who, meeting: Meeting) -> Meeting:
    """Send the agenda to every invitee's focal points (and guests)."""
    actor = policy.require(who, "meetings.manage", meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    items = list(meeting.agenda_items.filter(withdrawn=False).order_by("order", "pk"))
    if not items:
        raise ValidationError(_("Draft the agenda before circulating it."))
    if meeting.status != Meeting.Status.PLANNED:
        raise ValidationError(_("Only the agenda of a planned meeting is circulated."))
    previous = meeting.agenda_circulated_at
    meeting.agenda_circulated_at = timezone.now()
    meeting.save(update_fields=["agenda_circulated_at", "updated_at"])
    audit.record(
        actor,
        "meetings.circulate_agenda",
        meeting,
        changes={"agenda_circulated_at": [previous, meeting.agenda_circulated_at]},
    )
    listing = "\n".join(f"{position}. {item.title}" for position, item in enumerate(items, start=1))
    _notify_invitees(
        meeting,
        _("Agenda: %(title)s") % {"title": meeting.title},
        _("The agenda is circulated:\n\n%(items)s") % {"items": listing},
        "meetings.agenda",
    )
    return meeting


# --- Attendance (ToR 3.B.7) -----------------------------------------------------------------------------


@transaction.atomic
def record_attendance(
    who,
    meeting: Meeting,
    organization: Organization,
    *,
    presence: str,
    capacity: str | None = None,
    attendees: str = "",
    people=(),
) -> Attendance:
    """Record whether ``organization`` was present, who came for it and in which capacity. The meeting is
    then held; an organization not invited beforehand is recorded as invited too, so rates stay true."""
    actor = policy.require(who, "meetings.record_attendance", meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    refusal = rules.attendance_needs_a_held_meeting(meeting, timezone.localdate())
    if refusal:
        raise ValidationError(refusal)
    if presence not in Attendance.Presence.values:
        raise ValidationError(_("Unknown presence: %(presence)s") % {"presence": presence})
    invitation = meeting.invitations.filter(organization=organization).first()
    capacity = capacity or (invitation.capacity if invitation else Capacity.GUEST)
    if capacity not in Capacity.values:
        raise ValidationError(_("Unknown capacity: %(capacity)s") % {"capacity": capacity})
    refusal = rules.partners_only_observe(_status_on(organization, meeting.starts_on), meeting.kind, capacity)
    if refusal:
        raise ValidationError(refusal)
    if invitation is None:
        _invite(actor, meeting, capacity=capacity, organization=organization)
    row = Attendance.objects.select_for_update().filter(meeting=meeting, organization=organization).first()
    fields = ["presence", "capacity", "attendees"]
    before = audit.snapshot(row, fields) if row else {}
    row = row or Attendance(meeting=meeting, organization=organization)
    row.presence, row.capacity, row.attendees = presence, capacity, attendees.strip()
    _validated(row).save()
    if people:
        row.people.set(people)
    difference = audit.diff(before, audit.snapshot(row, fields))
    if difference:
        audit.record(actor, "meetings.record_attendance", row, organization=organization, changes=difference)
    if meeting.status == Meeting.Status.PLANNED:
        meeting.status = Meeting.Status.HELD
        meeting.save(update_fields=["status", "updated_at"])
        audit.record(actor, "meetings.mark_held", meeting, changes={"status": ["planned", "held"]})
    return row


# --- Minutes (ToR 3.D.3 i) ------------------------------------------------------------------------------

MINUTES_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}


def clean_minutes_text(text: str) -> str:
    return nh3.clean(text, tags=MINUTES_TAGS, link_rel="noopener noreferrer").strip()


def _add_revision(actor, minutes: Minutes, text: str, reason: str = "", after_approval: bool = False):
    last = minutes.revisions.aggregate(last=Max("number"))["last"] or 0
    return MinutesRevision.objects.create(
        minutes=minutes,
        number=last + 1,
        text=text,
        author=actor.user,
        author_label=actor.label,
        reason=reason,
        after_approval=after_approval,
    )


@transaction.atomic
def draft_minutes(who, meeting: Meeting, *, text: str, reason: str = "") -> Minutes:
    """Write the first draft, or a new draft version; every version is kept with who wrote it."""
    actor = policy.require(who, "meetings.draft_minutes", meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(_("Minutes are drafted for a meeting that was held."))
    text = clean_minutes_text(text)
    if not text:
        raise ValidationError(_("The minutes are empty."))
    minutes, created = Minutes.objects.select_for_update().get_or_create(meeting=meeting)
    if minutes.is_locked:
        raise ValidationError(_("Approved minutes are locked; issue a new, reasoned version instead."))
    revision = _add_revision(actor, minutes, text, reason)
    audit.record(
        actor,
        "meetings.draft_minutes",
        minutes,
        changes={"version": [revision.number - 1 or None, revision.number]},
        note=reason,
    )
    return minutes


@transaction.atomic
def circulate_minutes(who, minutes: Minutes) -> Minutes:
    """Open the draft to corrections from the organizations that attended, and tell their focal points."""
    actor = policy.require(who, "meetings.draft_minutes", minutes.meeting)
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.state != Minutes.State.DRAFT:
        raise ValidationError(_("Only a draft is circulated for corrections."))
    minutes.state = Minutes.State.OPEN_FOR_CORRECTIONS
    minutes.save(update_fields=["state"])
    audit.record(actor, "meetings.circulate_minutes", minutes, changes={"state": ["draft", "open"]})
    attended = minutes.meeting.attendance.filter(presence=Attendance.Presence.PRESENT).values_list(
        "organization_id", flat=True
    )
    queue_email(
        _("Draft minutes for corrections: %(title)s") % {"title": minutes.meeting.title},
        _("The draft minutes are open to corrections from the organizations that attended.\n\n%(url)s")
        % {"url": _meeting_url(minutes.meeting)},
        queries.focal_point_addresses(list(attended), timezone.localdate()),
        topic="meetings.minutes",
    )
    return minutes


@transaction.atomic
def propose_correction(who, minutes: Minutes, organization: Organization, *, text: str) -> MinutesCorrection:
    actor = policy.require(who, "meetings.propose_correction", minutes).for_organization(organization)
    if not minutes.meeting.attendance.filter(
        organization=organization, presence=Attendance.Presence.PRESENT
    ).exists():
        raise ValidationError(_("%(org)s did not attend this meeting.") % {"org": organization.short_name})
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.state != Minutes.State.OPEN_FOR_CORRECTIONS:
        raise ValidationError(_("These minutes are not open for corrections."))
    if not text.strip():
        raise ValidationError(_("Describe the correction."))
    correction = MinutesCorrection.objects.create(
        minutes=minutes, organization=organization, proposed_by=actor.user, text=text.strip()
    )
    audit.record(
        actor,
        "meetings.propose_correction",
        correction,
        organization=organization,
        changes={"text": [None, correction.text]},
    )
    return correction


@transaction.atomic
def decide_correction(
    who, correction: MinutesCorrection, *, accept: bool, note: str = ""
) -> MinutesCorrection:
    """The drafter accepts a correction (then writes it into a new draft version) or declines it,
    saying why."""
    actor = policy.require(who, "meetings.draft_minutes", correction.minutes.meeting)
    correction = MinutesCorrection.objects.select_for_update().get(pk=correction.pk)
    if correction.state != MinutesCorrection.State.PROPOSED:
        raise ValidationError(_("This correction was already decided."))
    if not accept and not note.strip():
        raise ValidationError(_("Say why the correction is declined."))
    correction.state = MinutesCorrection.State.ACCEPTED if accept else MinutesCorrection.State.DECLINED
    correction.decided_by, correction.decided_at, correction.decision_note = (
        actor.user,
        timezone.now(),
        note.strip(),
    )
    correction.save()
    audit.record(
        actor,
        "meetings.decide_correction",
        correction,
        organization=correction.organization,
        changes={"state": ["proposed", correction.state]},
        note=note,
    )
    return correction


@transaction.atomic
def approve_minutes(
    who, minutes: Minutes, *, how: str, at_meeting: Meeting | None = None, note: str = ""
) -> Minutes:
    """Approve and lock: as an item of a later meeting's agenda, or by the Chair where the Working Group
    so decided (ToR 3.D.3 i)."""
    if how == Minutes.ApprovedHow.BY_CHAIR:
        actor = policy.require(who, "meetings.approve_minutes_as_chair", minutes)
        if not note.strip():
            raise ValidationError(
                _("Cite the Working Group's decision that the Chair approves these minutes.")
            )
    elif how == Minutes.ApprovedHow.AT_MEETING:
        actor = policy.require(who, "meetings.record_minutes_approval", minutes)
        if at_meeting is None or at_meeting.starts_at <= minutes.meeting.starts_at:
            raise ValidationError(_("Minutes are approved at a later meeting."))
        if at_meeting.status != Meeting.Status.HELD:
            raise ValidationError(_("The approving meeting must have been held."))
        if not at_meeting.agenda_items.filter(
            withdrawn=False,
            content_type=ContentType.objects.get_for_model(Minutes),
            object_id=str(minutes.pk),
        ).exists():
            raise ValidationError(_("Put the approval of these minutes on that meeting's agenda first."))
    else:
        raise ValidationError(_("Say how the minutes were approved."))
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.is_locked:
        raise ValidationError(_("These minutes are already approved."))
    if not minutes.revisions.exists():
        raise ValidationError(_("There is no text to approve."))
    if minutes.corrections.filter(state=MinutesCorrection.State.PROPOSED).exists():
        raise ValidationError(_("Decide on every proposed correction before approval."))
    previous = minutes.state
    minutes.state = Minutes.State.APPROVED
    minutes.approved_at, minutes.approved_by, minutes.approved_how = timezone.now(), actor.user, how
    minutes.approved_at_meeting, minutes.approval_note = at_meeting, note.strip()
    minutes.save()
    audit.record(
        actor,
        "meetings.approve_minutes",
        minutes,
        changes={"state": [previous, "approved"], "approved_how": [None, how]},
        note=note,
    )
    return minutes


@transaction.atomic
def amend_approved_minutes(who, minutes: Minutes, *, text: str, reason: str) -> MinutesRevision:
    """A locked record changes only by a new version that says why; the approved one stays on record."""
    actor = policy.require(who, "meetings.draft_minutes", minutes.meeting)
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if not minutes.is_locked:
        raise ValidationError(_("Minutes not yet approved are revised as drafts."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for a new version of approved minutes."))
    text = clean_minutes_text(text)
    if not text:
        raise ValidationError(_("The minutes are empty."))
    revision = _add_revision(actor, minutes, text, reason.strip(), after_approval=True)
    audit.record(
        actor,
        "meetings.amend_minutes",
        minutes,
        changes={"version": [revision.number - 1, revision.number]},
        note=reason,
    )
    return revision


# --- Private calendar feed ------------------------------------------------------------------------------


@transaction.atomic
def calendar_feed_of(user) -> CalendarFeed:
    """The person's private feed, made the first time they ask for it."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def reset_calendar_token(who) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    actor = policy.as_actor(who)
    if not actor.is_authenticated:
        raise ValidationError(_("Sign in to have a private calendar."))
    feed = CalendarFeed.objects.select_for_update().filter(user=actor.user).first() or CalendarFeed(
        user=actor.user
    )
    feed.token, feed.reset_at = new_feed_token(), timezone.now()
    feed.save()
    audit.record(actor, "meetings.reset_calendar_token", feed)
    return feed
