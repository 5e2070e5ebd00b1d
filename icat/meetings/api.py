"""Meetings, attendance, participation and voting rights over HTTP; writes go through the same services."""

from datetime import date, datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from icat import policy
from icat.accounts.api import SIGNED_IN
from icat.orgs.models import Organization

from . import queries, services
from .models import Meeting

router = Router(tags=["meetings"])


class MeetingOut(Schema):
    id: int
    uid: UUID = Field(description="Stable identity, also the calendar UID")
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    date_precision: str = Field(description="time, day, or month (the day is not known)")
    place: str
    online_url: str
    visibility: str
    status: str
    cancellation_reason: str
    sequence: int
    source: str


class AgendaItemOut(Schema):
    order: int
    title: str
    notes: str
    subject_type: str | None = Field(None, alias="content_type.model")
    subject_id: str = Field(alias="object_id")


class InvitationOut(Schema):
    organization: str | None = Field(None, alias="organization.slug")
    guest_name: str
    capacity: str
    answer: str
    attendees: str


class AttendanceOut(Schema):
    organization: str = Field(alias="organization.slug")
    presence: str
    capacity: str
    attendees: str


class MeetingDetail(MeetingOut):
    description: str
    agenda: list[AgendaItemOut]
    invitations: list[InvitationOut]
    attendance: list[AttendanceOut]


class MeetingFilters(Schema):
    kind: Meeting.Kind | None = None
    status: Meeting.Status | None = None
    since: date | None = Field(None, description="Meetings starting on or after this day")
    until: date | None = Field(None, description="Meetings starting on or before this day")


class MeetingIn(Schema):
    kind: Meeting.Kind
    title: str
    description: str = ""
    starts_at: datetime = Field(description="With an offset, or read as a clock time in time_zone")
    ends_at: datetime
    time_zone: str = "UTC"
    place: str = ""
    online_url: str = ""
    visibility: Meeting.Visibility = Meeting.Visibility.MEMBERS_PARTNERS


class CancelIn(Schema):
    reason: str


class AttendanceIn(Schema):
    organization: str = Field(description="The organization's short name in addresses (slug)")
    presence: str
    capacity: str | None = None
    attendees: str = ""


class ParticipationOut(Schema):
    organization: str
    start: date
    end: date
    held: int
    attended: int
    rate: float | None


class StandingOut(Schema):
    organization: str
    on: date
    has_voting_rights: bool
    voting_rights_since: date | None
    active_and_regular: bool
    active_and_regular_definition: str
    last_twelve_months: ParticipationOut


class VotingOrganizationOut(Schema):
    slug: str
    name: str
    acronym: str


def _participation_out(slug: str, record) -> dict:
    return {
        "organization": slug,
        "start": record.start,
        "end": record.end,
        "held": record.held,
        "attended": record.attended,
        "rate": float(record.rate) if record.rate is not None else None,
    }


def _visible(request, pk: int) -> Meeting:
    meeting = queries.meeting_page(pk)
    policy.require(request.actor, "meetings.view", meeting)
    return meeting


@router.get("/", response=list[MeetingOut], summary="Meetings you may see, newest first")
@paginate(LimitOffsetPagination)
def list_meetings(request, filters: Query[MeetingFilters]):
    meetings = queries.visible_meetings(request.actor).order_by("-starts_at")
    if filters.kind:
        meetings = meetings.filter(kind=filters.kind)
    if filters.status:
        meetings = meetings.filter(status=filters.status)
    if filters.since:
        meetings = meetings.filter(starts_on__gte=filters.since)
    if filters.until:
        meetings = meetings.filter(starts_on__lte=filters.until)
    return meetings


@router.post(
    "/", response={201: MeetingOut}, auth=SIGNED_IN, summary="Schedule a meeting (Chair, secretariat)"
)
def schedule(request, payload: MeetingIn):
    return Status(201, services.schedule_meeting(request.actor, **payload.dict()))


@router.get(
    "/voting-rights", response=list[VotingOrganizationOut], summary="Who has voting rights on a day (3.B.7)"
)
def voting_rights(request, on: date | None = None):
    return list(queries.voting_organizations(on or timezone.localdate()))


@router.get(
    "/participation/{slug}", response=StandingOut, summary="An organization's participation and rights"
)
def participation(request, slug: str, on: date | None = None):
    organization = get_object_or_404(Organization, slug=slug)
    record = queries.participation_record(organization, on or timezone.localdate(), limit=0)
    return {
        "organization": slug,
        "on": record.on,
        "has_voting_rights": record.has_voting_rights,
        "voting_rights_since": record.voting_rights_since,
        "active_and_regular": record.active_and_regular,
        "active_and_regular_definition": str(record.definition),
        "last_twelve_months": _participation_out(slug, record.last_year),
    }


@router.get(
    "/participation/{slug}/period", response=ParticipationOut, summary="Working Group meetings in a period"
)
def participation_in_period(request, slug: str, start: date, end: date):
    organization = get_object_or_404(Organization, slug=slug)
    return _participation_out(slug, queries.participation(organization, start, end))


@router.get(
    "/{meeting_id}", response=MeetingDetail, summary="One meeting with agenda, invitations and attendance"
)
def meeting_detail(request, meeting_id: int):
    meeting = _visible(request, meeting_id)
    out = MeetingOut.from_orm(meeting).model_dump()
    return {
        **out,
        "description": meeting.description,
        "agenda": list(meeting.agenda_items.all()),
        "invitations": list(meeting.invitations.all()),
        "attendance": list(meeting.attendance.all()),
    }


@router.post("/{meeting_id}/cancel", response=MeetingOut, auth=SIGNED_IN, summary="Cancel, with the reason")
def cancel(request, meeting_id: int, payload: CancelIn):
    return services.cancel_meeting(
        request.actor, get_object_or_404(Meeting, pk=meeting_id), reason=payload.reason
    )


@router.get("/{meeting_id}/attendance", response=list[AttendanceOut], summary="Who attended")
def attendance(request, meeting_id: int):
    return list(_visible(request, meeting_id).attendance.all())


@router.post(
    "/{meeting_id}/attendance",
    response=list[AttendanceOut],
    auth=SIGNED_IN,
    summary="Record attendance (Chair, secretariat)",
)
@transaction.atomic
def record_attendance(request, meeting_id: int, payload: list[AttendanceIn]):
    """All rows or none: one refused row leaves the record as it was."""
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    organizations = Organization.objects.in_bulk([row.organization for row in payload], field_name="slug")
    rows = []
    for row in payload:
        organization = organizations.get(row.organization)
        if organization is None:
            raise ValidationError(f"Unknown organization: {row.organization}")
        rows.append(
            services.record_attendance(
                request.actor,
                meeting,
                organization,
                presence=row.presence,
                capacity=row.capacity,
                attendees=row.attendees,
            )
        )
    return rows
