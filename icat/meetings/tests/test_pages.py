"""The pages: who sees what, the forms call the services, and every page runs a bounded number of queries."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from icat.meetings import services
from icat.meetings.models import Attendance, Invitation, Meeting, Minutes
from icat.meetings.tests.factories import SYSTEM, bulk_history, held_working_group_meeting


def planned(kind="working_group", visibility="members_partners", days=10, **fields):
    start = (timezone.now() + timedelta(days=days)).replace(microsecond=0)
    return services.schedule_meeting(
        SYSTEM,
        kind=kind,
        title=fields.pop("title", f"{kind} meeting"),
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        time_zone="Europe/Vienna",
        visibility=visibility,
        **fields,
    )


@pytest.fixture
def everyone(role_users, member_org, partner_org, chair_org, member_outside_wg_org):
    return role_users


def test_list_shows_upcoming_and_past_by_visibility(client, everyone):
    planned(title="Open side event", kind="side_event", visibility="public")
    planned(title="Members briefing", kind="other", visibility="members_partners")
    planned(title="Internal WG", visibility="working_group")
    page = client.get(reverse("meetings:list")).content.decode()
    assert "Open side event" in page and "Members briefing" not in page and "Internal WG" not in page
    client.force_login(everyone["partner"])
    page = client.get(reverse("meetings:list")).content.decode()
    # The partner is invited to the Working Group meeting as an observer, so sees it (ToR 3.F.2).
    assert "Members briefing" in page and "Internal WG" in page
    client.force_login(everyone["member"])
    page = client.get(reverse("meetings:list")).content.decode()
    assert "Members briefing" in page and "Internal WG" not in page


def test_schedule_form_stores_utc_and_invites(client, everyone, django_capture_on_commit_callbacks):
    client.force_login(everyone["secretariat"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("meetings:schedule"),
            {
                "kind": "working_group",
                "title": "Spring meeting",
                "description": "",
                "starts_at": "2031-03-30T10:00",
                "ends_at": "2031-03-30T12:30",
                "time_zone": "Europe/Vienna",
                "place": "Vienna International Centre",
                "online_url": "",
                "visibility": "members_partners",
            },
        )
    meeting = Meeting.objects.get(title="Spring meeting")
    assert response.status_code == 302 and response["Location"] == reverse(
        "meetings:detail", args=[meeting.pk]
    )
    # 30 March 2031 is summer time in Vienna: 10:00 local is 08:00 UTC.
    assert meeting.starts_at == datetime(2031, 3, 30, 8, 0, tzinfo=UTC)
    assert meeting.invitations.count() == 3
    assert any("Invitation: Spring meeting" in message.subject for message in mail.outbox)


def test_schedule_form_is_refused_to_a_member(client, everyone):
    client.force_login(everyone["wg_member"])
    assert client.get(reverse("meetings:schedule")).status_code == 403
    assert client.get(reverse("meetings:schedule")).status_code == 403
    client.logout()
    assert client.get(reverse("meetings:schedule")).status_code == 302


def test_detail_page_shows_agenda_invitees_attendance_and_minutes(client, everyone, member_org, partner_org):
    meeting = held_working_group_meeting(date(2025, 5, 6), present=[member_org, partner_org])
    services.draft_minutes(SYSTEM, meeting, text="<p>Agreed the work plan.</p><script>alert(1)</script>")
    client.force_login(everyone["partner"])
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Observer (non-voting)" in page and "Agreed the work plan." in page
    assert "<script>alert" not in page


def test_hidden_meeting_is_refused(client, everyone):
    meeting = planned(visibility="working_group", kind="principals")
    client.force_login(everyone["partner"])
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 403
    client.force_login(everyone["wg_member"])
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 200


def test_answer_attendance_and_minutes_through_the_forms(client, everyone, member_org, partner_org):
    meeting = planned()
    invitation = Invitation.objects.get(meeting=meeting, organization=partner_org)
    client.force_login(everyone["partner"])
    response = client.post(
        reverse("meetings:answer", args=[invitation.pk]), {"answer": "attending", "attendees": "A. Observer"}
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    invitation.refresh_from_db()
    assert (invitation.answer, invitation.attendees) == ("attending", "A. Observer")
    # The meeting took place: move it into the past the way the secretariat would.
    start = timezone.now() - timedelta(days=1)
    services.update_meeting(SYSTEM, meeting, starts_at=start, ends_at=start + timedelta(hours=2))
    client.force_login(everyone["secretariat"])
    prefix_member, prefix_partner = f"org{member_org.pk}", f"org{partner_org.pk}"
    response = client.post(
        reverse("meetings:attendance", args=[meeting.pk]),
        {
            f"{prefix_member}-presence": "present",
            f"{prefix_member}-capacity": "participant",
            f"{prefix_member}-attendees": "M. Delegate",
            f"{prefix_partner}-presence": "excused",
            f"{prefix_partner}-capacity": "observer",
        },
    )
    assert response.status_code == 302
    assert Attendance.objects.get(meeting=meeting, organization=member_org).attendees == "M. Delegate"
    meeting.refresh_from_db()
    assert meeting.status == "held"
    client.post(reverse("meetings:minutes_draft", args=[meeting.pk]), {"text": "<p>Draft</p>", "reason": ""})
    client.post(reverse("meetings:minutes_circulate", args=[meeting.pk]))
    assert Minutes.objects.get(meeting=meeting).state == "open"
    client.force_login(everyone["wg_member"])
    response = client.post(
        reverse("meetings:minutes_correct", args=[meeting.pk]),
        {"organization": member_org.pk, "text": "Add our statement."},
    )
    assert response.status_code == 302
    client.force_login(everyone["partner"])  # excused: did not attend, proposes nothing
    assert client.get(reverse("meetings:minutes_correct", args=[meeting.pk])).status_code == 403


def test_compiled_minutes_html_and_pdf(client, everyone, member_org):
    for day in (date(2025, 1, 10), date(2025, 4, 10)):
        meeting = held_working_group_meeting(day, present=[member_org])
        services.draft_minutes(SYSTEM, meeting, text=f"<p>Minutes of {day:%B}</p>")
    client.force_login(everyone["secretariat"])
    query = {"kind": "working_group", "start": "2025-01-01", "end": "2025-12-31"}
    page = client.get(reverse("meetings:compiled"), query).content.decode()
    assert page.index("Minutes of January") < page.index("Minutes of April")
    response = client.get(reverse("meetings:compiled_pdf"), query)
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    from io import BytesIO

    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "Minutes of January" in text and "Minutes of April" in text


def test_profile_shows_participation_and_voting_rights(client, member_org):
    held_working_group_meeting(date(2025, 2, 3), present=[member_org])
    page = client.get(reverse("orgs:profile", args=[member_org.slug])).content.decode()
    assert "Voting rights since 3 February 2025" in page
    assert "Definition of active and regular participation" in page


# --- Bounded queries ---------------------------------------------------------------------------------------


@pytest.fixture
def busy_history(member_org, other_member_org, partner_org, organization_factory):
    """Forty meetings with attendance, agendas and minutes, so a page that loops over rows would show it."""
    extra = [organization_factory(status="member", working_group=True) for _ in range(5)]
    return bulk_history(
        [member_org, other_member_org, *extra], meetings=40, first_day=date(2023, 1, 1), every_days=12
    )


@pytest.mark.parametrize("who", ["anonymous", "partner", "secretariat"])
def test_pages_run_a_bounded_number_of_queries(
    client, everyone, busy_history, member_org, who, django_assert_max_num_queries
):
    if everyone[who]:
        client.force_login(everyone[who])
    meeting = busy_history[-1]
    meeting.visibility = "public"
    meeting.save()
    for url, limit in [
        (reverse("meetings:list"), 12),
        (reverse("meetings:detail", args=[meeting.pk]), 16),
        (reverse("orgs:profile", args=[member_org.slug]), 24),
        (reverse("meetings:participation", args=[member_org.slug]), 14),
        (reverse("meetings:public_feed"), 8),
        (reverse("meetings:compiled") + "?kind=working_group&start=2023-01-01&end=2025-12-31", 14),
    ]:
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200, url


def arrangement_urls(planned_meeting, held_meeting):
    return [
        reverse("meetings:schedule"),
        reverse("meetings:edit", args=[planned_meeting.pk]),
        reverse("meetings:cancel", args=[planned_meeting.pk]),
        reverse("meetings:invite", args=[planned_meeting.pk]),
        reverse("meetings:agenda", args=[planned_meeting.pk]),
        reverse("meetings:attendance", args=[held_meeting.pk]),
        reverse("meetings:minutes_draft", args=[held_meeting.pk]),
        reverse("meetings:minutes_approve", args=[held_meeting.pk]),
    ]


@pytest.mark.parametrize(
    ("who", "status"),
    [("secretariat", 200), ("chair", 200), ("wg_member", 403), ("partner", 403), ("anonymous", 302)],
)
def test_arrangement_pages_open_only_to_chair_and_secretariat(client, everyone, member_org, who, status):
    held = held_working_group_meeting(date(2025, 5, 6), present=[member_org])
    services.draft_minutes(SYSTEM, held, text="<p>Record</p>")
    if everyone[who]:
        client.force_login(everyone[who])
    for url in arrangement_urls(planned(), held):
        assert client.get(url).status_code == status, url


def test_invite_page_invites_organizations_guests_and_the_working_group(
    client, everyone, member_outside_wg_org
):
    meeting = planned(kind="principals")
    client.force_login(everyone["secretariat"])
    url = reverse("meetings:invite", args=[meeting.pk])
    client.post(
        url,
        {
            "which": "organization",
            "org-organization": member_outside_wg_org.pk,
            "org-capacity": "participant",
        },
    )
    client.post(
        url,
        {
            "which": "guest",
            "guest-email": "delegate@mission.example",
            "guest-name": "A. Delegate",
            "guest-capacity": "guest",
        },
    )
    page = client.post(url, {"which": "working_group"}, follow=True).content.decode()
    assert "Only a Working Group meeting invites" in page
    assert {(i.organization, i.guest_email) for i in meeting.invitations.all()} == {
        (member_outside_wg_org, ""),
        (None, "delegate@mission.example"),
    }


def test_agenda_page_adds_withdraws_and_circulates(client, everyone):
    meeting = planned()
    client.force_login(everyone["chair"])
    url = reverse("meetings:agenda", args=[meeting.pk])
    client.post(url, {"title": "Opening", "notes": ""})
    client.post(url, {"title": "Any other business", "notes": ""})
    first = meeting.agenda_items.get(title="Opening")
    client.post(reverse("meetings:withdraw_agenda_item", args=[first.pk]))
    client.post(reverse("meetings:circulate_agenda", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.agenda_circulated_at is not None
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Any other business" in page and "Opening" not in page


def test_edit_and_cancel_pages(client, everyone):
    meeting = planned()
    client.force_login(everyone["secretariat"])
    response = client.get(reverse("meetings:edit", args=[meeting.pk]))
    assert meeting.local_start.strftime("%Y-%m-%dT%H:%M") in response.content.decode()
    client.post(reverse("meetings:cancel", args=[meeting.pk]), {"reason": "Moved to the spring session"})
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Moved to the spring session" in page and "Cancelled" in page


def test_approval_and_new_version_pages(client, everyone, member_org):
    held = held_working_group_meeting(date(2025, 5, 6), present=[member_org])
    services.draft_minutes(SYSTEM, held, text="<p>Record</p>")
    client.force_login(everyone["chair"])
    client.post(
        reverse("meetings:minutes_approve", args=[held.pk]),
        {"how": "by_chair", "note": "As the Working Group decided on 6 May 2025"},
    )
    assert Minutes.objects.get(meeting=held).is_locked
    client.post(
        reverse("meetings:minutes_amend", args=[held.pk]),
        {"text": "<p>Record, corrected</p>", "reason": "Misspelt name"},
    )
    page = client.get(reverse("meetings:detail", args=[held.pk])).content.decode()
    assert "Record, corrected" in page and "Misspelt name" in page and "after approval" in page


def test_correction_is_decided_on_its_page(client, everyone, member_org, member_focal_point):
    held = held_working_group_meeting(date(2025, 5, 6), present=[member_org])
    minutes = services.draft_minutes(SYSTEM, held, text="<p>Record</p>").meeting.minutes
    services.circulate_minutes(SYSTEM, minutes)
    correction = services.propose_correction(
        member_focal_point, minutes, member_org, text="Spell our name right"
    )
    client.force_login(everyone["secretariat"])
    url = reverse("meetings:correction_decide", args=[correction.pk])
    assert "Spell our name right" in client.get(url).content.decode()
    client.post(url, {"accept": "no", "note": ""})
    correction.refresh_from_db()
    assert correction.state == "proposed"  # declining needs a reason
    client.post(url, {"accept": "no", "note": "The name was already right"})
    correction.refresh_from_db()
    assert correction.state == "declined"
