"""Fixtures for decisions: three organizations with voting rights, a partner, a clock the tests move."""

from datetime import UTC, date, datetime, timedelta

import pytest

from icat.decisions import services
from icat.meetings.tests.factories import held_working_group_meeting

FIRST_MEETING = date(2021, 3, 1)


@pytest.fixture(autouse=True)
def media_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


class Clock:
    """The time the decision services see; the tests move it past deadlines."""

    def __init__(self):
        self.now = datetime.now(UTC).replace(microsecond=0)

    def advance(self, **delta):
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock(monkeypatch):
    moving = Clock()
    monkeypatch.setattr(services, "current_time", lambda: moving.now)
    return moving


@pytest.fixture
def voting_orgs(member_org, other_member_org, chair_org):
    """Member, second member and Chair: in the Working Group and present at a meeting: they vote (3.B.7)."""
    held_working_group_meeting(FIRST_MEETING, present=[member_org, other_member_org, chair_org])
    return [member_org, other_member_org, chair_org]


@pytest.fixture
def other_member_focal_point(other_member_org, focal_point_factory):
    return focal_point_factory(other_member_org, username="second-fp")


@pytest.fixture
def circulate(voting_orgs, chair_focal_point, clock):
    """Circulate a written proposal, deadline a week ahead unless told."""

    def make(
        title="Adopt the work plan 2026–2027",
        text="The Working Group adopts the work plan.",
        days=7,
        subject=None,
    ):
        return services.circulate_in_writing(
            chair_focal_point,
            title=title,
            text=text,
            deadline=clock.now + timedelta(days=days),
            subject=subject,
        )

    return make


@pytest.fixture
def written(circulate):
    return circulate()
