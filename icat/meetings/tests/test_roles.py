"""Who may do what with meetings: one row per role, one column per action (ToR 3.C.3, 3.D.3, 3.F.2)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from icat import policy
from icat.meetings import services
from icat.meetings.tests.factories import SYSTEM, held_working_group_meeting

ROLES = ["anonymous", "visitor", "member", "wg_member", "partner", "chair", "secretariat"]
# Expected: the roles allowed each action. The wg_member's and partner's organizations attended the meeting.
MATRIX = {
    "meetings.schedule": {"chair", "secretariat"},
    "meetings.manage": {"chair", "secretariat"},
    "meetings.record_attendance": {"chair", "secretariat"},
    "meetings.draft_minutes": {"chair", "secretariat"},
    "meetings.record_minutes_approval": {"chair", "secretariat"},
    "meetings.approve_minutes_as_chair": {"chair"},
    "meetings.propose_correction": {"wg_member", "partner"},
    "view_public": set(ROLES),
    "view_members_partners": {"member", "wg_member", "partner", "chair", "secretariat"},
    "view_working_group": {"wg_member", "partner", "chair", "secretariat"},
    "view_principals_working_group": {"wg_member", "chair", "secretariat"},
}


@pytest.fixture
def targets(role_users, member_org, partner_org):
    meeting = held_working_group_meeting(date(2025, 4, 2), present=[member_org, partner_org])
    minutes = services.draft_minutes(SYSTEM, meeting, text="<p>Record</p>").meeting.minutes
    start = timezone.now() + timedelta(days=3)

    def scheduled(kind, visibility):
        return services.schedule_meeting(
            SYSTEM,
            kind=kind,
            title=f"{kind} {visibility}",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            visibility=visibility,
        )

    return {
        "meetings.schedule": None,
        "meetings.manage": meeting,
        "meetings.record_attendance": meeting,
        "meetings.draft_minutes": meeting,
        "meetings.record_minutes_approval": minutes,
        "meetings.approve_minutes_as_chair": minutes,
        "meetings.propose_correction": minutes,
        "view_public": scheduled("side_event", "public"),
        "view_members_partners": scheduled("other", "members_partners"),
        "view_working_group": scheduled(
            "working_group", "working_group"
        ),  # the partner is invited as observer
        "view_principals_working_group": scheduled("principals", "working_group"),
    }


@pytest.mark.parametrize("who", ROLES)
def test_role_matrix(role_users, targets, who):
    actor = policy.actor_for(role_users[who])
    allowed = set()
    for column, target in targets.items():
        action = "meetings.view" if column.startswith("view_") else column
        if policy.can(actor, action, target):
            allowed.add(column)
    expected = {column for column, roles in MATRIX.items() if who in roles}
    assert allowed == expected


def test_arranges_meetings(role_users):
    assert policy.arranges_meetings(policy.actor_for(role_users["chair"]))
    assert policy.arranges_meetings(policy.actor_for(role_users["secretariat"]))
    assert not policy.arranges_meetings(policy.actor_for(role_users["wg_member"]))


def test_approves_minutes_as_chair(role_users):
    assert policy.approves_minutes_as_chair(policy.actor_for(role_users["chair"]))
    assert not policy.approves_minutes_as_chair(policy.actor_for(role_users["secretariat"]))


def test_sees_meeting_public_for_anyone():
    assert policy.sees_meeting(policy.ANONYMOUS, None)


def test_answers_invitation(role_users, member_org):
    meeting = held_working_group_meeting(date(2025, 4, 2))
    invitation = meeting.invitations.get(organization=member_org)
    assert policy.answers_invitation(policy.actor_for(role_users["wg_member"]), invitation)
    assert not policy.answers_invitation(policy.actor_for(role_users["partner"]), invitation)
    assert policy.answers_invitation(policy.actor_for(role_users["secretariat"]), invitation)


def test_proposes_minutes_correction_needs_presence(role_users, member_org, partner_org):
    meeting = held_working_group_meeting(date(2025, 4, 2), present=[member_org], absent=[partner_org])
    minutes = services.draft_minutes(SYSTEM, meeting, text="<p>x</p>").meeting.minutes
    assert policy.proposes_minutes_correction(policy.actor_for(role_users["wg_member"]), minutes)
    assert not policy.proposes_minutes_correction(policy.actor_for(role_users["partner"]), minutes)
