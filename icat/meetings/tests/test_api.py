"""The API: public reads, signed-in writes through the services, JSON errors, bounded queries."""

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from icat.meetings import services
from icat.meetings.models import Attendance, Meeting
from icat.meetings.tests.factories import SYSTEM, bulk_history, give_voting_rights, held_working_group_meeting


def post(client, url, payload):
    return client.post(url, json.dumps(payload), content_type="application/json")


def test_schedule_needs_the_chair_or_secretariat(client, role_users, member_org):
    payload = {
        "kind": "working_group",
        "title": "Via API",
        "starts_at": "2031-05-05T14:00:00",
        "ends_at": "2031-05-05T16:00:00",
        "time_zone": "America/New_York",
    }
    assert post(client, "/api/meetings/", payload).status_code == 401
    client.force_login(role_users["wg_member"])
    response = post(client, "/api/meetings/", payload)
    assert response.status_code == 403 and "3.D.3" in response.json()["detail"]
    client.force_login(role_users["secretariat"])
    response = post(client, "/api/meetings/", payload)
    assert response.status_code == 201
    starts = datetime.fromisoformat(response.json()["starts_at"])
    assert starts == datetime(2031, 5, 5, 18, tzinfo=UTC)  # 14:00 EDT
    assert Meeting.objects.get(title="Via API").invitations.count() >= 1


def test_attendance_and_participation(client, role_users, member_org, partner_org):
    meeting = held_working_group_meeting(date(2025, 2, 3))
    client.force_login(role_users["chair"])
    response = post(
        client,
        f"/api/meetings/{meeting.pk}/attendance",
        [
            {"organization": member_org.slug, "presence": "present", "attendees": "Delegate"},
            {"organization": partner_org.slug, "presence": "present"},
        ],
    )
    assert response.status_code == 200, response.json()
    assert {row["organization"]: row["capacity"] for row in response.json()} == {
        member_org.slug: "participant",
        partner_org.slug: "observer",
    }
    refused = post(
        client,
        f"/api/meetings/{meeting.pk}/attendance",
        [{"organization": partner_org.slug, "presence": "present", "capacity": "participant"}],
    )
    assert refused.status_code == 400 and "3.B.7" in refused.json()["detail"]
    assert Attendance.objects.get(meeting=meeting, organization=partner_org).capacity == "observer"
    client.logout()
    standing = client.get(f"/api/meetings/participation/{member_org.slug}?on=2025-06-01").json()
    assert standing["has_voting_rights"] and standing["voting_rights_since"] == "2025-02-03"
    assert standing["last_twelve_months"]["held"] == 1 and "2/3" in standing["active_and_regular_definition"]
    assert not client.get(f"/api/meetings/participation/{partner_org.slug}").json()["has_voting_rights"]
    voters = client.get("/api/meetings/voting-rights?on=2025-06-01").json()
    assert [row["slug"] for row in voters] == [member_org.slug]
    period = client.get(
        f"/api/meetings/participation/{member_org.slug}/period?start=2025-01-01&end=2025-12-31"
    )
    assert period.json()["attended"] == 1 and period.json()["rate"] == 1.0


def test_hidden_meetings_are_not_listed_nor_shown(client, role_users):
    start = timezone.now() + timedelta(days=2)

    hidden = services.schedule_meeting(
        SYSTEM,
        kind="principals",
        title="Closed",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        visibility="working_group",
    )
    assert client.get("/api/meetings/").json()["count"] == 0
    assert client.get(f"/api/meetings/{hidden.pk}").status_code == 403
    client.force_login(role_users["wg_member"])
    assert client.get(f"/api/meetings/{hidden.pk}").json()["title"] == "Closed"


@pytest.mark.parametrize(
    "url",
    [
        "/api/meetings/?limit=100",
        "/api/meetings/voting-rights?on=2024-06-01",
        "/api/meetings/participation/{slug}",
        "/api/meetings/{pk}",
        "/api/meetings/{pk}/attendance",
    ],
)
def test_endpoints_run_a_bounded_number_of_queries(
    client, role_users, member_org, other_member_org, url, organization_factory, django_assert_max_num_queries
):
    organizations = [
        member_org,
        other_member_org,
        *[organization_factory(status="member", working_group=True) for _ in range(4)],
    ]
    meetings = bulk_history(organizations, meetings=30, first_day=date(2023, 1, 1), every_days=20)
    Meeting.objects.update(visibility="public")
    give_voting_rights(member_org, date(2024, 1, 1))
    client.force_login(role_users["secretariat"])
    with django_assert_max_num_queries(12):
        response = client.get(url.format(slug=member_org.slug, pk=meetings[-1].pk))
    assert response.status_code == 200
