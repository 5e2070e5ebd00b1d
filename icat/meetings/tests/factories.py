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
