"""Voting rights (ToR 3.B.7) and "active and regular participation" (ToR 3.D.1), computed from attendance."""

from datetime import UTC, date, datetime, timedelta
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from icat.meetings import queries, rules, services
from icat.meetings.models import Attendance, Capacity, Meeting
from icat.meetings.tests.factories import SYSTEM, give_voting_rights, held_working_group_meeting
from icat.orgs import services as org_services

FIRST = date(2024, 3, 12)


def test_has_voting_rights_from_the_day_of_the_first_meeting_attended(member_org):
    give_voting_rights(member_org, FIRST)
    assert not queries.has_voting_rights(member_org, FIRST - timedelta(days=1))
    assert queries.has_voting_rights(member_org, FIRST)
    assert queries.has_voting_rights(member_org, date(2026, 1, 1))
    assert queries.voting_rights_since(member_org, date(2026, 1, 1)) == FIRST


def test_has_voting_rights_counts_the_meeting_day_in_its_own_time_zone(member_org):
    # 08:00 in Tokyo on 12 March is 23:00 UTC on 11 March: the meeting is on the 12th for ToR 3.B.7.
    start = datetime(2024, 3, 11, 23, 0, tzinfo=UTC)
    meeting = services.schedule_meeting(
        SYSTEM,
        kind="working_group",
        title="Tokyo",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        time_zone="Asia/Tokyo",
    )
    services.record_attendance(SYSTEM, meeting, member_org, presence="present")
    assert meeting.starts_on == FIRST
    assert not queries.has_voting_rights(member_org, date(2024, 3, 11))
    assert queries.has_voting_rights(member_org, FIRST)


def test_has_voting_rights_never_for_a_partner(partner_org, member_org):
    meeting = held_working_group_meeting(FIRST, present=[partner_org, member_org])
    assert meeting.attendance.get(organization=partner_org).capacity == Capacity.OBSERVER
    assert not queries.has_voting_rights(partner_org, date(2026, 1, 1))
    assert list(queries.voting_organizations(date(2026, 1, 1))) == [member_org]


def test_partners_only_observe(partner_org):
    meeting = held_working_group_meeting(FIRST)
    with pytest.raises(ValidationError, match="3.B.7"):
        services.record_attendance(SYSTEM, meeting, partner_org, presence="present", capacity="participant")
    assert rules.partners_only_observe("partner", "working_group", "participant")
    assert rules.partners_only_observe("partner", "working_group", "observer") is None
    assert rules.partners_only_observe("member", "working_group", "participant") is None


def test_has_voting_rights_not_from_a_cancelled_meeting(member_org):
    start = datetime(2024, 3, 12, 10, tzinfo=UTC)
    meeting = services.schedule_meeting(
        SYSTEM, kind="working_group", title="Called off", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    services.cancel_meeting(SYSTEM, meeting, reason="No quorum")
    with pytest.raises(ValidationError):
        services.record_attendance(SYSTEM, meeting, member_org, presence="present")
    # Even a row written around the services does not count once the meeting is cancelled.
    Attendance.objects.create(
        meeting=meeting, organization=member_org, presence="present", capacity="participant"
    )
    assert not queries.has_voting_rights(member_org, date(2026, 1, 1))


def test_has_voting_rights_not_when_absent_or_as_observer(member_org, other_member_org):
    held_working_group_meeting(FIRST, absent=[member_org])
    assert not queries.has_voting_rights(member_org, date(2026, 1, 1))
    meeting = held_working_group_meeting(FIRST + timedelta(days=1))
    services.record_attendance(SYSTEM, meeting, other_member_org, presence="present", capacity="observer")
    assert not queries.has_voting_rights(other_member_org, date(2026, 1, 1))


def test_has_voting_rights_needs_interest_confirmed_in_writing(organization_factory):
    since = date(2020, 1, 1)
    unconfirmed = organization_factory(status="member")
    org_services.join_working_group(
        SYSTEM, unconfirmed, on=since, interest_confirmed_on=None, source="listing"
    )
    held_working_group_meeting(FIRST, present=[unconfirmed])
    assert not queries.has_voting_rights(unconfirmed, date(2026, 1, 1))


def test_has_voting_rights_end_when_membership_ends(member_org):
    give_voting_rights(member_org, FIRST)
    org_services.change_status(SYSTEM, member_org, "former", on=date(2025, 6, 1))
    assert queries.has_voting_rights(member_org, date(2025, 5, 31))
    assert not queries.has_voting_rights(member_org, date(2025, 6, 1))


def test_member_outside_the_working_group_has_no_voting_rights(member_outside_wg_org):
    meeting = held_working_group_meeting(FIRST)
    services.record_attendance(
        SYSTEM, meeting, member_outside_wg_org, presence="present", capacity="participant"
    )
    assert not queries.has_voting_rights(member_outside_wg_org, date(2026, 1, 1))


def test_voting_organizations_is_one_query(member_org, other_member_org, django_assert_num_queries):
    give_voting_rights(member_org, FIRST)
    give_voting_rights(other_member_org, FIRST + timedelta(days=3))
    with django_assert_num_queries(1):
        assert list(queries.voting_organizations(FIRST + timedelta(days=1))) == [member_org]
    with django_assert_num_queries(1):
        assert set(queries.voting_organizations(date(2025, 1, 1))) == {member_org, other_member_org}


def test_working_group_invitation_capacity():
    assert rules.working_group_invitation_capacity("member", True) == Capacity.PARTICIPANT
    assert rules.working_group_invitation_capacity("partner", False) == Capacity.OBSERVER
    assert rules.working_group_invitation_capacity("member", False) is None
    assert rules.working_group_invitation_capacity("applicant", False) is None


def test_working_group_meeting_invites_members_as_participants_and_partners_as_observers(
    member_org, partner_org, member_outside_wg_org, chair_org
):
    meeting = held_working_group_meeting(FIRST)
    capacities = {invitation.organization: invitation.capacity for invitation in meeting.invitations.all()}
    assert capacities == {member_org: "participant", chair_org: "participant", partner_org: "observer"}


def test_attendance_needs_a_held_meeting(member_org):
    start = datetime.now(UTC) + timedelta(days=3)
    meeting = services.schedule_meeting(
        SYSTEM, kind="working_group", title="Soon", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    with pytest.raises(ValidationError, match="once the meeting has taken place"):
        services.record_attendance(SYSTEM, meeting, member_org, presence="present")
    assert rules.attendance_needs_a_held_meeting(meeting, start.date()) is None


# --- Participation and "active and regular" -----------------------------------------------------------------


def test_participation_counts_held_meetings_invited_to_and_attended(member_org, other_member_org):
    held_working_group_meeting(date(2024, 1, 10), present=[member_org], absent=[other_member_org])
    held_working_group_meeting(date(2024, 2, 10), present=[member_org, other_member_org])
    held_working_group_meeting(date(2024, 3, 10), absent=[member_org])
    record = queries.participation(member_org, date(2024, 1, 1), date(2024, 12, 31))
    assert (record.held, record.attended, record.rate, record.percent) == (3, 2, Fraction(2, 3), 67)
    assert queries.participation(member_org, date(2024, 2, 10), date(2024, 2, 10)).held == 1
    everyone = queries.participation_of_all(date(2024, 1, 1), date(2024, 12, 31))
    assert (everyone[other_member_org.pk].held, everyone[other_member_org.pk].attended) == (3, 1)


def test_is_active_and_regular_default_two_thirds_and_at_least_two(member_org):
    held_working_group_meeting(date(2024, 4, 1), present=[member_org])
    assert not queries.is_active_and_regular(member_org, date(2024, 4, 2))  # 1 of 1, fewer than 2
    held_working_group_meeting(date(2024, 5, 1), present=[member_org])
    held_working_group_meeting(date(2024, 6, 1), absent=[member_org])
    assert queries.is_active_and_regular(member_org, date(2024, 6, 1))  # 2 of 3
    held_working_group_meeting(date(2024, 7, 1), absent=[member_org])
    assert not queries.is_active_and_regular(member_org, date(2024, 7, 1))  # 2 of 4
    # The window is the preceding 12 months: on 1 April 2025 the meeting of 1 April 2024 has left it.
    assert (
        queries.participation(
            member_org, *queries.active_and_regular_definition().window(date(2025, 4, 1))
        ).held
        == 3
    )


def test_is_active_and_regular_definition_comes_from_the_setting(member_org, settings):
    settings.MEETINGS_ACTIVE_AND_REGULAR = {"months": 6, "share": "1/2", "minimum": 1}
    definition = queries.active_and_regular_definition()
    assert (definition.months, definition.share, definition.minimum) == (6, Fraction(1, 2), 1)
    assert "1/2" in str(definition) and "6 months" in str(definition)
    held_working_group_meeting(date(2024, 4, 1), present=[member_org])
    held_working_group_meeting(date(2024, 5, 1), absent=[member_org])
    assert queries.is_active_and_regular(member_org, date(2024, 5, 1))
    assert not queries.is_active_and_regular(member_org, date(2024, 11, 1))


def test_active_and_regular_window_handles_month_ends():
    definition = queries.active_and_regular_definition()
    assert definition.window(date(2024, 2, 29)) == (date(2023, 3, 1), date(2024, 2, 29))
    assert definition.window(date(2025, 3, 15)) == (date(2024, 3, 16), date(2025, 3, 15))


def test_cancelled_meetings_do_not_count_as_held(member_org):
    held_working_group_meeting(date(2024, 1, 10), present=[member_org])
    start = datetime(2024, 2, 10, 10, tzinfo=UTC)
    cancelled = services.schedule_meeting(
        SYSTEM, kind="working_group", title="Off", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    services.cancel_meeting(SYSTEM, cancelled, reason="Holiday")
    assert queries.participation(member_org, date(2024, 1, 1), date(2024, 12, 31)).held == 1
    assert Meeting.objects.get(pk=cancelled.pk).status == "cancelled"
