"""The Terms of Reference's rules on meetings and participation, one function each."""

from django.utils.translation import gettext as _

from icat.orgs.models import OrganizationStatus

from .models import Capacity, Meeting


def working_group_invitation_capacity(status_on_day: str | None, in_working_group: bool) -> str | None:
    """ToR 3.B.7, 3.F.2 b: a Working Group meeting invites every Working Group member as a participant and
    every partner as a non-voting observer. Returns the capacity, or None when not invited by the rule."""
    if status_on_day == OrganizationStatus.Status.MEMBER and in_working_group:
        return Capacity.PARTICIPANT
    if status_on_day == OrganizationStatus.Status.PARTNER:
        return Capacity.OBSERVER
    return None


def partners_only_observe(status_on_day: str | None, meeting_kind: str, capacity: str) -> str | None:
    """ToR 3.B.7: partners attend Working Group meetings as non-voting observers, never as participants.
    Returns the refusal, or None when the capacity is allowed."""
    if (
        meeting_kind == Meeting.Kind.WORKING_GROUP
        and capacity == Capacity.PARTICIPANT
        and status_on_day != OrganizationStatus.Status.MEMBER
    ):
        return _(
            "ToR 3.B.7: only members take part in a Working Group meeting as participants; "
            "partners and others attend as non-voting observers or guests."
        )
    return None


def attendance_needs_a_held_meeting(meeting: Meeting, today) -> str | None:
    """ToR 3.B.7 counts meetings actually held: attendance is recorded only once a meeting has started and
    never for a cancelled one. Returns the refusal, or None."""
    if meeting.status == Meeting.Status.CANCELLED:
        return _("A cancelled meeting was not held; no attendance can be recorded.")
    if meeting.starts_on > today:
        return _("Attendance is recorded once the meeting has taken place.")
    return None
