"""Organizations, their dated status, Working Group membership, focal points and chairs.

Status is a history of intervals, never one field overwritten, so "who was a member on date D" is a
filter and every past state stays on record.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Organization(models.Model):
    class Kind(models.TextChoices):
        UN_ENTITY = "un_entity", _("UN entity")
        INTERGOVERNMENTAL = "intergovernmental", _("Other intergovernmental organization")
        CIVIL_SOCIETY = "civil_society", _("Civil society or other stakeholder")

    class Scope(models.TextChoices):
        GLOBAL = "global", _("Global")
        REGIONAL = "regional", _("Regional")
        SUBREGIONAL = "subregional", _("Sub-regional")

    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=300, unique=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, default=Scope.GLOBAL)
    website = models.URLField(_("website"), blank=True)
    mandate_summary = models.TextField(_("mandate summary"), blank=True)
    mandate_covers_trafficking = models.BooleanField(
        _("mandate or statute addresses trafficking in persons"),
        default=True,
        help_text=_("Criterion of ToR 3.A.4(b)."),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def short_name(self):
        return self.acronym or self.name


class IntervalQuerySet(models.QuerySet):
    def on(self, day):
        """Rows in force on ``day``: started on or before it and not yet ended."""
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gt=day))


class Interval(models.Model):
    """A fact that holds from ``valid_from`` (inclusive) until ``valid_to`` (exclusive, open if empty)."""

    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("until"), null=True, blank=True)
    source = models.TextField(_("source"), blank=True, help_text=_("The document or decision this rests on."))

    objects = IntervalQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["valid_from"]

    def is_current_on(self, day):
        return self.valid_from <= day and (self.valid_to is None or self.valid_to > day)


class OrganizationStatus(Interval):
    class Status(models.TextChoices):
        APPLICANT = "applicant", _("Applicant")
        MEMBER = "member", _("Member")
        PARTNER = "partner", _("Partner")
        FORMER = "former", _("Former member or partner")

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="statuses")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)

    class Meta(Interval.Meta):
        verbose_name = _("status")
        verbose_name_plural = _("status history")
        constraints = [
            models.UniqueConstraint(
                fields=["organization"], condition=Q(valid_to__isnull=True), name="one_open_status_per_org"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="status_interval_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.organization.short_name}: {self.get_status_display()} {self.valid_from}–{self.valid_to or ''}"


class WorkingGroupMembership(Interval):
    """A member's place in the Working Group (ToR 3.B.7): it confirms its interest in writing."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="wg_memberships")
    interest_confirmed_on = models.DateField(
        _("interest confirmed in writing on"),
        null=True,
        blank=True,
        help_text=_("Empty where the membership is known from a published listing but the letter is not held."),
    )

    class Meta(Interval.Meta):
        verbose_name = _("Working Group membership")
        verbose_name_plural = _("Working Group memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["organization"], condition=Q(valid_to__isnull=True), name="one_open_wg_membership_per_org"
            ),
        ]

    def __str__(self):
        return f"{self.organization.short_name} in the Working Group from {self.valid_from}"


class FocalPoint(Interval):
    """A person an organization designated to represent it (ToR 3.A.2)."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="focal_points")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="focal_points")
    title = models.CharField(_("title or function"), max_length=200, blank=True)

    class Meta(Interval.Meta):
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "person"],
                condition=Q(valid_to__isnull=True),
                name="one_open_designation_per_person_and_org",
            ),
        ]

    def __str__(self):
        return f"{self.person} for {self.organization.short_name}"


class Chairmanship(Interval):
    """An organization's term as Chair or Co-Chair (ToR 3.D.1–2)."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="chairmanships")
    is_co_chair = models.BooleanField(_("co-chair"), default=False)
    roles = models.TextField(
        _("roles and responsibilities"),
        blank=True,
        help_text=_("For Co-Chairs, how the tasks of ToR 3.D.3 a–m are divided."),
    )

    class Meta(Interval.Meta):
        verbose_name = _("chairmanship")
        verbose_name_plural = _("chairmanships")

    def __str__(self):
        role = _("Co-Chair") if self.is_co_chair else _("Chair")
        return f"{self.organization.short_name} {role} {self.period_label}"

    @property
    def period_label(self):
        """Years as people say them: a term ending on 1 January ended with the previous year."""
        if self.valid_to is None:
            return f"{self.valid_from.year}–"
        ends_on_new_year = (self.valid_to.month, self.valid_to.day) == (1, 1)
        last_year = self.valid_to.year - 1 if ends_on_new_year else self.valid_to.year
        if last_year == self.valid_from.year:
            return str(self.valid_from.year)
        return f"{self.valid_from.year}–{last_year}"
