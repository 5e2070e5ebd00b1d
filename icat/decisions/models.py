"""Proposals, their versions, each organization's stance, and the immutable, hash-chained record.

The software never declares consensus by itself: stances are rows, and the Chair's confirmation is a
separate act that produces a ``DecisionRecord`` (ToR 3.B.3).
"""

import hashlib
import json
import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from icat.core.models import AppendOnlyModel


class Procedure(models.TextChoices):
    MEETING = "meeting", _("At a meeting")
    WRITING = "writing", _("In writing (silence procedure)")


class Proposal(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Open")
        ADOPTED = "adopted", _("Adopted by consensus")
        NOT_ADOPTED = "not_adopted", _("Not adopted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    title = models.CharField(_("title"), max_length=300)
    procedure = models.CharField(_("procedure"), max_length=10, choices=Procedure.choices)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.OPEN, db_index=True
    )
    # What is decided: an application, a work plan, a publication... or nothing.
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("kind of subject"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    object_id = models.PositiveBigIntegerField(_("subject id"), null=True, blank=True)
    subject = GenericForeignKey("content_type", "object_id")
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    meeting_label = models.CharField(_("meeting"), max_length=300, blank=True)
    called_at = models.DateTimeField(
        _("call for objections"), help_text=_("When the Chair circulated or tabled it.")
    )
    deadline = models.DateTimeField(_("deadline (UTC)"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_by_label = models.CharField(_("proposed by"), max_length=200)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by_label = models.CharField(_("closed by"), max_length=200, blank=True)
    closing_note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-called_at", "-id"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(procedure="writing") | models.Q(deadline__isnull=False),
                name="written_procedure_has_deadline",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("decisions:proposal", args=[self.pk])

    @property
    def is_open(self):
        return self.state == self.State.OPEN


class ProposalVersion(AppendOnlyModel):
    """The text to be decided; a revision (for instance after an objection) is a new version, all kept."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("text"))
    note = models.TextField(_("what changed"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    author_label = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["proposal", "number"]
        verbose_name = _("proposal version")
        constraints = [models.UniqueConstraint(fields=["proposal", "number"], name="one_number_per_version")]

    def __str__(self):
        return f"{self.proposal} v{self.number}"


class Voter(AppendOnlyModel):
    """An organization with voting rights when the Chair called for objections (ToR 3.B.7), fixed then."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="voters")
    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("organization with voting rights at the call")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "organization"], name="one_voter_row_per_org")
        ]

    def __str__(self):
        return f"{self.organization} on {self.proposal}"


class Position(models.TextChoices):
    NO_OBJECTION = "no_objection", _("No objection")
    OBJECTION = "objection", _("Objection")
    OBJECTION_WITHDRAWN = "withdrawn", _("Objection withdrawn")


def stance_copy_path(instance, filename):
    return f"decisions/stances/{instance.proposal_id}/{secrets.token_hex(8)}-{filename[-80:]}"


class Stance(AppendOnlyModel):
    """One organization's position on one version. Every change is a new row; the latest one stands."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="stances")
    version = models.ForeignKey(ProposalVersion, on_delete=models.PROTECT, related_name="stances")
    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    position = models.CharField(_("position"), max_length=12, choices=Position.choices)
    reason = models.TextField(_("reason"), blank=True)
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    acted_by_label = models.CharField(_("recorded by"), max_length=200)
    on_behalf = models.BooleanField(
        _("recorded by the secretariat on behalf of the organization"), default=False
    )
    message_received_at = models.DateTimeField(_("date of the organization's message"), null=True, blank=True)
    copy = models.FileField(_("copy of the message"), upload_to=stance_copy_path, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("stance")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(on_behalf=False) | models.Q(message_received_at__isnull=False),
                name="on_behalf_stance_has_message_date",
            ),
        ]

    def __str__(self):
        return f"{self.organization}: {self.get_position_display()}"


class Comment(AppendOnlyModel):
    """A remark by any focal point, partners included (who never object), or by the secretariat."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="comments")
    version = models.ForeignKey(ProposalVersion, on_delete=models.PROTECT, related_name="comments")
    organization = models.ForeignKey(
        "orgs.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    author_label = models.CharField(max_length=200)
    text = models.TextField(_("comment"))
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("comment")

    def __str__(self):
        return f"{self.author_label} on {self.proposal}"


class RecordChain(models.Model):
    """A single row locked while a record is appended, so the chain grows one link at a time."""

    class Meta:
        verbose_name = _("record chain lock")

    def __str__(self):
        return "record chain lock"


class DecisionRecord(AppendOnlyModel):
    """The written record of a decision (ToR 3.B.3): immutable, numbered per year, chained by hash."""

    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="record")
    position = models.PositiveIntegerField(_("position in the chain"), unique=True)
    number = models.CharField(_("number"), max_length=60, unique=True)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    sequence = models.PositiveSmallIntegerField(_("number in the year"))
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text as adopted"))
    version_number = models.PositiveSmallIntegerField(_("version adopted"))
    procedure = models.CharField(_("procedure"), max_length=10, choices=Procedure.choices)
    subject_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject_label = models.CharField(_("subject"), max_length=300, blank=True)
    meeting_label = models.CharField(_("meeting"), max_length=300, blank=True)
    called_at = models.DateTimeField(_("call for objections"))
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_by_label = models.CharField(_("confirmed by"), max_length=200)
    # Voting organizations at the call, every stance and comment with who acted and when: a frozen copy.
    content = models.JSONField(_("stances and comments"))
    previous_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-position"]
        verbose_name = _("decision record")
        verbose_name_plural = _("decision records")
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="one_sequence_number_per_year")
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("decisions:record", args=[self.year, self.sequence])

    HASHED_FIELDS = (
        "position",
        "number",
        "title",
        "text",
        "version_number",
        "procedure",
        "subject_label",
        "meeting_label",
        "called_at",
        "deadline",
        "confirmed_at",
        "confirmed_by_label",
        "content",
        "previous_hash",
    )

    def computed_hash(self) -> str:
        """SHA-256 of the record's content and the previous record's hash, in a canonical JSON form."""
        data = {}
        for name in self.HASHED_FIELDS:
            value = getattr(self, name)
            data[name] = value.isoformat() if hasattr(value, "isoformat") else value
        canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def new_secret():
    return secrets.token_urlsafe(24)


class Application(models.Model):
    """An organization's written application to join as member or partner (ToR 3.A.3–4)."""

    class Requested(models.TextChoices):
        MEMBER = "member", _("Member")
        PARTNER = "partner", _("Partner")

    class State(models.TextChoices):
        RECEIVED = "received", _("Received, awaiting the secretariat's assessment")
        ASSESSED = "assessed", _("Assessed, awaiting the Working Group")
        CRITERIA_UNMET = "criteria_unmet", _("Assessed: the criteria of ToR 3.A.4 are not met")
        INTRODUCED = "introduced", _("Introduced by the Chair; before the Working Group")
        ADMITTED = "admitted", _("Accepted by consensus")
        NOT_ADMITTED = "not_admitted", _("Not accepted")

    organization_name = models.CharField(_("organization"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    requested_status = models.CharField(_("applies to become"), max_length=10, choices=Requested.choices)
    contact_name = models.CharField(_("contact person (future focal point)"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_title = models.CharField(_("contact's title or function"), max_length=200, blank=True)
    mandate = models.TextField(_("mandate"))
    statute_excerpt = models.TextField(_("excerpt of the statute"))
    claims_intergovernmental = models.BooleanField(_("the organization is intergovernmental"))
    claimed_scope = models.CharField(
        _("its reach"),
        max_length=20,
        choices=[("global", _("Global")), ("regional", _("Regional")), ("subregional", _("Sub-regional"))],
    )
    claims_mandate_covers_trafficking = models.BooleanField(
        _("its mandate or statute addresses trafficking in persons")
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.RECEIVED, db_index=True
    )
    secret = models.CharField(max_length=64, unique=True, default=new_secret)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    organization = models.ForeignKey(
        "orgs.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="applications"
    )
    assessment = models.TextField(_("secretariat's assessment"), blank=True)
    assessed_at = models.DateTimeField(null=True, blank=True)
    assessed_by_label = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self):
        return _("Application of %(name)s to become %(status)s") % {
            "name": self.organization_name,
            "status": self.get_requested_status_display().lower(),
        }

    def get_absolute_url(self):
        return reverse("decisions:application", args=[self.pk])

    def get_status_url(self):
        return reverse("decisions:application_status", args=[self.secret])
