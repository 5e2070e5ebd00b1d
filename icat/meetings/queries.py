"""Reads about meetings and the rights that follow from participation, each a bounded number of queries.

Voting rights (ToR 3.B.7) and "active and regular participation" (ToR 3.D.1, 3.E.3) are computed from
attendance rows every time they are asked for; nothing of them is stored.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from django.conf import settings
from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import ngettext

from icat.orgs.models import FocalPoint, Organization, OrganizationStatus, WorkingGroupMembership
from icat.policy import Actor, Role

from .models import (
    AgendaItem,
    Attendance,
    Capacity,
    Invitation,
    Meeting,
    Minutes,
    MinutesCorrection,
    MinutesRevision,
)

HELD_WORKING_GROUP = Q(kind=Meeting.Kind.WORKING_GROUP, status=Meeting.Status.HELD)


# --- Voting rights (ToR 3.B.7) -----------------------------------------------------------------------


def _counting_attendance(on: date) -> QuerySet[Attendance]:
    """Presence as a participant at a Working Group meeting held (not cancelled) on or before ``on``."""
    return Attendance.objects.filter(
        presence=Attendance.Presence.PRESENT,
        capacity=Capacity.PARTICIPANT,
        meeting__kind=Meeting.Kind.WORKING_GROUP,
        meeting__status=Meeting.Status.HELD,
        meeting__starts_on__lte=on,
    )


def voting_organizations(on: date) -> QuerySet[Organization]:
    """Every organization with voting rights on ``on``, as one query (ToR 3.B.7): a member that day, in the
    Working Group with its interest confirmed in writing, that attended at least one Working Group meeting
    held on or before that day as a participant. A partner is never a member, so never votes."""
    return Organization.objects.filter(
        Exists(
            OrganizationStatus.objects.on(on).filter(
                organization=OuterRef("pk"), status=OrganizationStatus.Status.MEMBER
            )
        ),
        Exists(
            WorkingGroupMembership.objects.on(on).filter(
                organization=OuterRef("pk"),
                interest_confirmed_on__isnull=False,
                interest_confirmed_on__lte=on,
            )
        ),
        Exists(_counting_attendance(on).filter(organization=OuterRef("pk"))),
    ).order_by("name")


def has_voting_rights(organization, on: date) -> bool:
    return voting_organizations(on).filter(pk=getattr(organization, "pk", organization)).exists()


def voting_rights_since(organization, on: date) -> date | None:
    """The day the voting rights held on ``on`` began: the latest of the first qualifying meeting attended,
    the current Working Group membership and its written confirmation, and the current member status."""
    if not has_voting_rights(organization, on):
        return None
    first_meeting = (
        _counting_attendance(on)
        .filter(organization=organization)
        .aggregate(day=Min("meeting__starts_on"))["day"]
    )
    membership = WorkingGroupMembership.objects.on(on).get(organization=organization)
    status = OrganizationStatus.objects.on(on).get(organization=organization)
    return max(first_meeting, membership.valid_from, membership.interest_confirmed_on, status.valid_from)


# --- Participation and "active and regular" (ToR 3.D.1, 3.E.3) ----------------------------------------


@dataclass(frozen=True)
class Participation:
    """Working Group meetings held in a period to which the organization was invited, and those it
    attended."""

    start: date
    end: date
    held: int
    attended: int

    @property
    def rate(self) -> Fraction | None:
        return Fraction(self.attended, self.held) if self.held else None

    @property
    def percent(self) -> int | None:
        return round(100 * self.attended / self.held) if self.held else None


def _held_working_group(start: date, end: date) -> Q:
    return Q(
        meeting__kind=Meeting.Kind.WORKING_GROUP,
        meeting__status=Meeting.Status.HELD,
        meeting__starts_on__gte=start,
        meeting__starts_on__lte=end,
    )


def _counts_per_organization(start: date, end: date, organization_id=None) -> dict[int, tuple[int, int]]:
    """``{organization id: (held, attended)}``: Working Group meetings held in the period to which it was
    invited, and those at which it was recorded present; two grouped queries. Attendance is only recorded
    with an invitation (``services.record_attendance`` makes one), so attended never exceeds held."""
    period = _held_working_group(start, end)
    invitations = Invitation.objects.filter(period, organization__isnull=False)
    present = Attendance.objects.filter(period, presence=Attendance.Presence.PRESENT)
    if organization_id is not None:
        invitations = invitations.filter(organization=organization_id)
        present = present.filter(organization=organization_id)

    def grouped(queryset):
        return dict(
            queryset.order_by()
            .values("organization")
            .annotate(n=Count("pk"))
            .values_list("organization", "n")
        )

    held, attended = grouped(invitations), grouped(present)
    return {org_id: (count, attended.get(org_id, 0)) for org_id, count in held.items()}


def participation(organization, start: date, end: date) -> Participation:
    """Working Group meetings held from ``start`` to ``end`` (both included) to which the organization was
    invited, and how many of them it attended; two queries."""
    org_id = getattr(organization, "pk", organization)
    held, attended = _counts_per_organization(start, end, org_id).get(org_id, (0, 0))
    return Participation(start=start, end=end, held=held, attended=attended)


def participation_of_all(start: date, end: date) -> dict[int, Participation]:
    """``participation`` for every organization invited in the period, in two queries."""
    return {
        org_id: Participation(start, end, held, attended)
        for org_id, (held, attended) in _counts_per_organization(start, end).items()
    }


@dataclass(frozen=True)
class ActiveAndRegularDefinition:
    months: int
    share: Fraction
    minimum: int

    def window(self, on: date) -> tuple[date, date]:
        """The ``months`` months before ``on``, ``on`` included: 12 months to 15 March 2025 start on
        16 March 2024."""
        month_index = on.year * 12 + on.month - 1 - self.months
        year, month = divmod(month_index, 12)
        month += 1
        day = min(on.day, calendar.monthrange(year, month)[1])
        return date(year, month, day) + timedelta(days=1), on

    def is_met(self, record: Participation) -> bool:
        return record.held > 0 and record.attended >= self.minimum and record.rate >= self.share

    def __str__(self):
        return ngettext(
            "Attended at least %(share)s of the Working Group meetings held in the preceding "
            "%(months)d months to which the organization was invited, and at least %(minimum)d meeting.",
            "Attended at least %(share)s of the Working Group meetings held in the preceding "
            "%(months)d months to which the organization was invited, and at least %(minimum)d meetings.",
            self.minimum,
        ) % {"share": self.share_label, "months": self.months, "minimum": self.minimum}

    @property
    def share_label(self) -> str:
        return f"{self.share.numerator}/{self.share.denominator}"


def active_and_regular_definition() -> ActiveAndRegularDefinition:
    """From the ``MEETINGS_ACTIVE_AND_REGULAR`` setting,
    e.g. ``{"months": 12, "share": "2/3", "minimum": 2}``."""
    configured = getattr(settings, "MEETINGS_ACTIVE_AND_REGULAR", {})
    return ActiveAndRegularDefinition(
        months=int(configured.get("months", 12)),
        share=Fraction(str(configured.get("share", "2/3"))),
        minimum=int(configured.get("minimum", 2)),
    )


def is_active_and_regular(organization, on: date) -> bool:
    """ToR 3.D.1 and 3.E.3 require "active and regular participation" without defining it; the definition
    is the setting's (see ``active_and_regular_definition``, shown wherever the result is)."""
    definition = active_and_regular_definition()
    return definition.is_met(participation(organization, *definition.window(on)))


@dataclass(frozen=True)
class ParticipationRecord:
    """What an organization's profile shows: its record, whether it votes and since when, and its standing."""

    organization: Organization
    on: date
    attended: list[Attendance]
    last_year: Participation
    active_and_regular: bool
    definition: ActiveAndRegularDefinition
    has_voting_rights: bool
    voting_rights_since: date | None


def participation_record(organization, on: date, *, limit: int = 20) -> ParticipationRecord:
    """Everything the profile section shows, in a fixed number of queries."""
    definition = active_and_regular_definition()
    last_year = participation(organization, *definition.window(on))
    attended = list(
        Attendance.objects.filter(organization=organization, presence=Attendance.Presence.PRESENT)
        .select_related("meeting")
        .order_by("-meeting__starts_at")[:limit]
    )
    since = voting_rights_since(organization, on)
    return ParticipationRecord(
        organization=organization,
        on=on,
        attended=attended,
        last_year=last_year,
        active_and_regular=definition.is_met(last_year),
        definition=definition,
        has_voting_rights=since is not None,
        voting_rights_since=since,
    )


# --- Meetings, as each person may see them -------------------------------------------------------------


def visible_meetings(actor: Actor) -> QuerySet[Meeting]:
    """The meetings ``actor`` may see (the rule ``meetings.view``), as one filter."""
    meetings = Meeting.objects.all()
    if actor.is_system or actor.has(Role.SECRETARIAT):
        return meetings
    shown = Q(visibility=Meeting.Visibility.PUBLIC)
    if actor.has(Role.FOCAL_POINT):
        shown |= Q(visibility=Meeting.Visibility.MEMBERS_PARTNERS)
    if actor.has(Role.WORKING_GROUP_MEMBER) or actor.has(Role.CHAIR):
        shown |= Q(visibility=Meeting.Visibility.WORKING_GROUP)
    elif actor.organization_ids:
        shown |= Q(
            Exists(
                Invitation.objects.filter(meeting=OuterRef("pk"), organization_id__in=actor.organization_ids)
            )
        )
    return meetings.filter(shown)


def upcoming_and_past(actor: Actor, now, *, kind: str = "") -> tuple[QuerySet[Meeting], QuerySet[Meeting]]:
    meetings = visible_meetings(actor)
    if kind:
        meetings = meetings.filter(kind=kind)
    upcoming = meetings.filter(ends_at__gte=now).order_by("starts_at")
    past = meetings.filter(ends_at__lt=now).order_by("-starts_at")
    return upcoming, past


def meeting_page(pk: int) -> Meeting:
    """One meeting with its agenda, invitations, attendance and minutes, in a fixed number of queries."""
    return (
        Meeting.objects.select_related("minutes", "minutes__approved_at_meeting")
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.filter(withdrawn=False)
                .select_related("content_type")
                .order_by("order", "pk"),
            ),
            Prefetch(
                "invitations", queryset=Invitation.objects.select_related("organization", "answered_by")
            ),
            Prefetch(
                "attendance",
                queryset=Attendance.objects.select_related("organization").prefetch_related("people"),
            ),
        )
        .get(pk=pk)
    )


def minutes_detail(minutes: Minutes) -> tuple[list[MinutesRevision], list[MinutesCorrection]]:
    revisions = list(minutes.revisions.order_by("-number"))
    corrections = list(minutes.corrections.select_related("organization", "proposed_by", "decided_by"))
    return revisions, corrections


def current_text(minutes: Minutes | None) -> MinutesRevision | None:
    return minutes.revisions.order_by("-number").first() if minutes else None


def public_meetings() -> QuerySet[Meeting]:
    return Meeting.objects.filter(visibility=Meeting.Visibility.PUBLIC).order_by("starts_at")


def focal_point_addresses(organization_ids, on: date) -> list[str]:
    """E-mail addresses of the current focal points of these organizations."""
    return list(
        FocalPoint.objects.on(on)
        .filter(organization_id__in=organization_ids)
        .exclude(person__email="")
        .values_list("person__email", flat=True)
    )


def series_minutes(kind: str, start: date, end: date) -> list[Meeting]:
    """Meetings of one kind in a period with their approved or draft minutes, for one compiled document."""
    return list(
        Meeting.objects.filter(kind=kind, starts_on__gte=start, starts_on__lte=end, minutes__isnull=False)
        .select_related("minutes")
        .prefetch_related(
            Prefetch("minutes__revisions", queryset=MinutesRevision.objects.order_by("-number")),
            Prefetch("attendance", queryset=Attendance.objects.select_related("organization")),
        )
        .order_by("starts_at")
    )


# --- Calendar feeds --------------------------------------------------------------------------------------

FEED_HISTORY = timedelta(days=365)  # feeds carry the past year and everything ahead, not 20 years of history


def private_feed_meetings(actor: Actor) -> QuerySet[Meeting]:
    """A person's feed: meetings their organizations are invited to; for those who arrange meetings, all."""
    from icat.policy import can

    if can(actor, "meetings.schedule"):
        return Meeting.objects.order_by("starts_at")
    return Meeting.objects.filter(
        Exists(Invitation.objects.filter(meeting=OuterRef("pk"), organization_id__in=actor.organization_ids))
    ).order_by("starts_at")


def agenda_items_about(record) -> QuerySet[AgendaItem]:
    """Agenda items (with their meetings) linked to ``record``, e.g. a proposal or an application."""
    from django.contrib.contenttypes.models import ContentType

    return (
        AgendaItem.objects.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk), withdrawn=False
        )
        .select_related("meeting")
        .order_by("meeting__starts_at", "order")
    )
