"""Voting rights and participation agree with a plain reading of ToR 3.B.7 on any history of meetings."""

from datetime import UTC, date, datetime, time, timedelta

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from icat.meetings import queries, services
from icat.meetings.tests.factories import SYSTEM, held_working_group_meeting

START = date(2024, 1, 1)
meeting_history = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=300),  # day after START
        st.sampled_from(["present", "absent", "excused", "observer", "cancelled"]),
    ),
    max_size=4,
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=meeting_history, probe=st.integers(min_value=0, max_value=320))
def test_has_voting_rights_matches_the_terms_of_reference(member_org, history, probe):
    with transaction.atomic():
        for offset, what in history:
            day = START + timedelta(days=offset)
            if what == "cancelled":
                start = datetime.combine(day, time(10), tzinfo=UTC)
                meeting = services.schedule_meeting(
                    SYSTEM, kind="working_group", title="Called off", starts_at=start, ends_at=start
                )
                services.cancel_meeting(SYSTEM, meeting, reason="No quorum")
            elif what == "observer":
                meeting = held_working_group_meeting(day)
                services.record_attendance(
                    SYSTEM, meeting, member_org, presence="present", capacity="observer"
                )
            else:
                meeting = held_working_group_meeting(day)
                services.record_attendance(SYSTEM, meeting, member_org, presence=what)
        on = START + timedelta(days=probe)
        counting_days = [START + timedelta(days=offset) for offset, what in history if what == "present"]
        expected = any(day <= on for day in counting_days)
        assert queries.has_voting_rights(member_org, on) is expected
        assert (member_org in queries.voting_organizations(on)) is expected
        held = sum(1 for offset, what in history if what != "cancelled" and offset <= probe)
        attended = sum(1 for offset, what in history if what in ("present", "observer") and offset <= probe)
        record = queries.participation(member_org, START, on)
        assert (record.held, record.attended) == (held, attended)
        transaction.set_rollback(True)
