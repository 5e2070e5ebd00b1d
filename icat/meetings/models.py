"""Meetings, who was invited, what was on the agenda, who came, and the record of deliberations.

Participation is recorded here as facts (attendance rows); rights that follow from it (voting rights,
ToR 3.B.7; "active and regular participation", ToR 3.D.1) are computed in ``queries.py``, never stored.
Nothing is deleted: a meeting is cancelled, minutes are superseded by a new version.
"""

import secrets
import uuid
import zoneinfo

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from icat.core.models import AppendOnlyModel


def validate_time_zone(name: str):
    if name not in zoneinfo.available_timezones():
        raise ValidationError(
            _("%(name)s is not a known time zone name (e.g. Europe/Vienna)."), params={"name": name}
        )


class Meeting(models.Model):
    class Kind(models.TextChoices):
        WORKING_GROUP = "working_group", _("Working Group meeting")
        PRINCIPALS = "principals", _("Meeting of Principals")
        MEMBER_STATE_BRIEFING = "member_state_briefing", _("Briefing for Member States")
        SIDE_EVENT = "side_event", _("Side event")
        CIVIL_SOCIETY_CONSULTATION = (
            "civil_society_consultation",
            _("Consultation with civil society and survivors"),
        )
        OTHER = "other", _("Other meeting or event")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS_PARTNERS = "members_partners", _("Members and partners")
        WORKING_GROUP = "working_group", _("Working Group and invitees")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    class DatePrecision(models.TextChoices):
        TIME = "time", _("Date and time")
        DAY = "day", _("Day (time not known)")
        MONTH = "month", _("Month only (day not known)")
        YEAR = "year", _("Year only (month not known)")

    # Stable identity for calendar clients (RFC 5545 UID): never changes, even when the meeting moves.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    # The local calendar day it starts on, in its own time zone: the day rules such as ToR 3.B.7 count from.
    starts_on = models.DateField(_("day"), editable=False, db_index=True)
    date_precision = models.CharField(
        _("precision of the date"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.TIME,
        help_text=_("Past events known only by month or year are stored on its first day and shown as such."),
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.MEMBERS_PARTNERS
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    cancellation_reason = models.TextField(_("reason for cancellation"), blank=True)
    # RFC 5545 SEQUENCE: raised on every change calendar clients must notice.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    agenda_circulated_at = models.DateTimeField(_("agenda circulated"), null=True, blank=True)
    source = models.TextField(_("source"), blank=True, help_text=_("The document this record rests on."))
    reference_key = models.SlugField(max_length=80, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["kind", "status", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="meeting_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancellation_reason=""), name="cancellation_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.starts_on:%Y-%m-%d})" if self.starts_on else self.title

    def save(self, *args, **kwargs):
        self.starts_on = self.starts_at.astimezone(self.zone).date()
        super().save(*args, **kwargs)

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.zone)

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED


class Capacity(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    OBSERVER = "observer", _("Observer (non-voting)")
    GUEST = "guest", _("Guest")


class Invitation(models.Model):
    """An organization (or an outside guest, by e-mail address) invited to a meeting, and its answer."""

    class Answer(models.TextChoices):
        PENDING = "pending", _("No answer yet")
        ATTENDING = "attending", _("Will attend")
        DECLINED = "declined", _("Will not attend")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="invitations")
    organization = models.ForeignKey(
        "orgs.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_invitations",
    )
    guest_name = models.CharField(_("guest's name"), max_length=200, blank=True)
    guest_email = models.EmailField(_("guest's e-mail address"), blank=True)
    capacity = models.CharField(_("capacity"), max_length=12, choices=Capacity.choices)
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices, default=Answer.PENDING)
    attendees = models.TextField(_("who will attend"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-capacity", "organization__name", "guest_email"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False, guest_email="")
                | Q(organization__isnull=True) & ~Q(guest_email=""),
                name="invitation_is_for_an_organization_or_a_guest",
            ),
            models.UniqueConstraint(
                fields=["meeting", "organization"],
                condition=Q(organization__isnull=False),
                name="one_invitation_per_organization",
            ),
            models.UniqueConstraint(
                fields=["meeting", "guest_email"],
                condition=~Q(guest_email=""),
                name="one_invitation_per_guest",
            ),
        ]

    def __str__(self):
        return f"{self.invitee} → {self.meeting}"

    @property
    def invitee(self):
        if self.organization_id:
            return self.organization.short_name
        return f"{self.guest_name} <{self.guest_email}>" if self.guest_name else self.guest_email


class AgendaItem(models.Model):
    """One item of a meeting's agenda, optionally about a record elsewhere (e.g. a proposal to decide)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="agenda_items")
    order = models.PositiveIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=300)
    notes = models.TextField(_("notes"), blank=True)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    subject = GenericForeignKey("content_type", "object_id")
    withdrawn = models.BooleanField(_("withdrawn from the agenda"), default=False)

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.order}. {self.title}"


class Attendance(models.Model):
    """Whether an invited organization was present at a meeting, who came for it, and in which capacity."""

    class Presence(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendance")
    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="attendance")
    presence = models.CharField(_("presence"), max_length=10, choices=Presence.choices)
    capacity = models.CharField(_("capacity"), max_length=12, choices=Capacity.choices)
    attendees = models.TextField(_("who attended"), blank=True)
    people = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="meetings_attended")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organization__name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organization"], name="one_attendance_row_per_organization"
            ),
        ]
        indexes = [models.Index(fields=["organization", "presence", "capacity"])]

    def __str__(self):
        return f"{self.organization.short_name}: {self.get_presence_display()} ({self.meeting})"


class Minutes(models.Model):
    """The record of deliberations of one meeting (ToR 3.D.3 i); its text lives in its revisions."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN_FOR_CORRECTIONS = "open", _("Circulated for corrections")
        APPROVED = "approved", _("Approved and locked")

    class ApprovedHow(models.TextChoices):
        AT_MEETING = "at_meeting", _("Approved at a later meeting")
        BY_CHAIR = "by_chair", _("Approved by the Chair, as the Working Group decided")

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="minutes")
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_how = models.CharField(max_length=12, choices=ApprovedHow.choices, blank=True)
    approved_at_meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="minutes_approved"
    )
    approval_note = models.TextField(_("approval note"), blank=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self):
        return f"Minutes of {self.meeting}"

    @property
    def is_locked(self):
        return self.state == self.State.APPROVED


class MinutesRevision(AppendOnlyModel):
    """One version of the minutes' text, kept forever with who wrote it and, after approval, why."""

    minutes = models.ForeignKey(Minutes, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    author_label = models.CharField(max_length=200)
    reason = models.TextField(_("reason for this version"), blank=True)
    after_approval = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["minutes", "-number"]
        verbose_name = _("minutes revision")
        verbose_name_plural = _("minutes revisions")
        constraints = [models.UniqueConstraint(fields=["minutes", "number"], name="one_revision_number")]

    def __str__(self):
        return f"{self.minutes} v{self.number}"


class MinutesCorrection(models.Model):
    """A correction proposed by an organization that attended; the drafter accepts or declines it."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    minutes = models.ForeignKey(Minutes, on_delete=models.PROTECT, related_name="corrections")
    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("proposed correction"))
    proposed_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PROPOSED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("note on the decision"), blank=True)

    class Meta:
        ordering = ["proposed_at"]
        verbose_name = _("proposed correction")
        verbose_name_plural = _("proposed corrections")

    def __str__(self):
        return f"Correction by {self.organization.short_name} to {self.minutes}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A person's private calendar address; the token is the only secret, and they can reset it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    reset_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("private calendar feed")
        verbose_name_plural = _("private calendar feeds")

    def __str__(self):
        return f"Calendar feed of {self.user}"
