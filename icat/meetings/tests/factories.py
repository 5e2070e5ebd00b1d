"""Helpers other apps' tests use to put participation on record through the meetings services."""

from datetime import UTC, date, datetime, time, timedelta

from icat import policy
from icat.meetings import services
from icat.meetings.models import Attendance, Capacity, Meeting

SYSTEM = policy.system_actor("tests")


def held_working_group_meeting(on: date, *, title: str = "", present=(), absent=()) -> Meeting:
    """A Working Group meeting on ``on`` (10:00 UTC), held, with the given organizations present or absent
    in the capacity their invitation gives them (participant for the Working Group, observer for partners).
    ``on`` must not be in the future."""
    start = datetime.combine(on, time(10), tzinfo=UTC)
    meeting = services.schedule_meeting(
        SYSTEM,
        kind=Meeting.Kind.WORKING_GROUP,
        title=title or f"Working Group meeting of {on:%d %B %Y}",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        time_zone="UTC",
    )
    for organization in present:
        services.record_attendance(SYSTEM, meeting, organization, presence=Attendance.Presence.PRESENT)
    for organization in absent:
        services.record_attendance(SYSTEM, meeting, organization, presence=Attendance.Presence.ABSENT)
    meeting.refresh_from_db()
    return meeting


def give_voting_rights(organization, on: date) -> Meeting:
    """ToR 3.B.7: a held Working Group meeting on ``on`` with ``organization`` recorded present as a
    participant.
    The organization must be a member in the Working Group, its interest confirmed in writing, on that day
    (the ``member_org`` fixture is, from 1 January 2020); ``on`` must not be in the future."""
    meeting = held_working_group_meeting(on, present=[organization])
    attendance = meeting.attendance.get(organization=organization)
    if attendance.capacity != Capacity.PARTICIPANT:
        raise ValueError(
            f"{organization} was not in the Working Group on {on}; it attended as {attendance.capacity}"
        )
    return meeting


def bulk_history(
    organizations,
    *,
    meetings: int,
    first_day: date,
    every_days: int,
    per_meeting: int | None = None,
    with_minutes: bool = True,
):
    """Many held Working Group meetings written in bulk (no services, no audit): each invites ``per_meeting``
    of the organizations (all by default, in rotation) as participants and records each present or absent in
    turn, with an agenda item and minutes.
    For query-count tests and the bench only; the organizations must be members in the Working Group."""
    from icat.meetings.models import AgendaItem, Invitation, Minutes, MinutesRevision

    rows = []
    for number in range(meetings):
        start = datetime.combine(first_day + timedelta(days=every_days * number), time(10), tzinfo=UTC)
        rows.append(
            Meeting(
                kind=Meeting.Kind.WORKING_GROUP,
                title=f"Working Group meeting {number + 1}",
                starts_at=start,
                ends_at=start + timedelta(hours=2),
                starts_on=start.date(),
                status=Meeting.Status.HELD,
                time_zone="UTC",
            )
        )
    created = Meeting.objects.bulk_create(rows)
    invitations, attendance, items = [], [], []
    for number, meeting in enumerate(created):
        items.append(AgendaItem(meeting=meeting, order=1, title="Work plan"))
        count = per_meeting or len(organizations)
        invited = [organizations[(number + offset) % len(organizations)] for offset in range(count)]
        for position, organization in enumerate(invited):
            invitations.append(
                Invitation(meeting=meeting, organization=organization, capacity=Capacity.PARTICIPANT)
            )
            present = (number + position) % 4 != 0
            attendance.append(
                Attendance(
                    meeting=meeting,
                    organization=organization,
                    capacity=Capacity.PARTICIPANT,
                    presence=Attendance.Presence.PRESENT if present else Attendance.Presence.ABSENT,
                )
            )
    Invitation.objects.bulk_create(invitations, batch_size=2000)
    Attendance.objects.bulk_create(attendance, batch_size=2000)
    AgendaItem.objects.bulk_create(items, batch_size=2000)
    if with_minutes:
        minutes = Minutes.objects.bulk_create([Minutes(meeting=meeting) for meeting in created])
        MinutesRevision.objects.bulk_create(
            [
                MinutesRevision(minutes=row, number=1, text="<p>Record.</p>", author_label="bench")
                for row in minutes
            ],
            batch_size=2000,
        )
    return created
