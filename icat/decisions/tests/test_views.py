"""Pages and the role matrix: who may do what, the time zone of the viewer, bounded queries."""

import zoneinfo
from datetime import timedelta

from django.urls import reverse

from icat import policy
from icat.decisions import services
from icat.decisions.models import Position, Proposal

ROLES = ["anonymous", "visitor", "member", "wg_member", "partner", "chair", "secretariat"]
ALLOWED = {
    "decisions.circulate": {"chair"},
    "decisions.table": {"chair"},
    "decisions.revise": {"chair"},
    "decisions.confirm": {"chair"},
    "decisions.record_not_adopted": {"chair"},
    "decisions.withdraw_proposal": {"chair"},
    "decisions.view_proposals": {"member", "wg_member", "partner", "chair", "secretariat"},
    "decisions.view_who_acted": {"member", "wg_member", "partner", "chair", "secretariat"},
    "decisions.assess_application": {"secretariat"},
    "decisions.introduce_application": {"chair"},
    "decisions.view_applications": {"chair", "secretariat"},
    "decisions.view_records": set(ROLES),
    "decisions.verify_chain": set(ROLES),
    "decisions.apply": set(ROLES),
    "decisions.send_reminders": {"secretariat"},
}


def test_role_matrix(role_users):
    """Every role against every action (one set of people, built once)."""
    actual = {action: {role for role in ROLES if policy.can(role_users[role], action)} for action in ALLOWED}
    assert actual == ALLOWED


def test_speaks_for_organization_role_matrix(role_users, member_org):
    """Stances: only the organization's own focal points, or the secretariat on its behalf (ToR 3.A.2)."""
    allowed = {role for role in ROLES if policy.can(role_users[role], "decisions.record_stance", member_org)}
    assert allowed == {"wg_member", "secretariat"}


PAGES = {
    "decisions:consultations": {"member", "wg_member", "partner", "chair", "secretariat"},
    "decisions:circulate": {"chair"},
    "decisions:applications": {"chair", "secretariat"},
    "decisions:records": set(ROLES),
    "decisions:apply": set(ROLES),
}


def test_page_role_matrix(client, role_users):
    for name, role in [(name, role) for name in sorted(PAGES) for role in ROLES]:
        client.logout()
        if role_users[role]:
            client.force_login(role_users[role])
        status = client.get(reverse(name)).status_code
        expected = 200 if role in PAGES[name] else (302 if role == "anonymous" else 403)
        assert status == expected, (role, name, status)


def test_proposal_page_shows_text_meanings_and_the_deadline_in_the_viewer_time_zone(
    client, written, member_focal_point
):
    member_focal_point.time_zone = "Asia/Tokyo"
    member_focal_point.save()
    client.force_login(member_focal_point)
    page = client.get(written.get_absolute_url()).content.decode()
    local = written.deadline.astimezone(zoneinfo.ZoneInfo("Asia/Tokyo"))
    assert local.strftime("%Y-%m-%d %H:%M") in page and "Asia/Tokyo" in page
    assert "What each stance means" in page and "While an objection stands" in page
    assert "Record the stance" in page


def test_partner_sees_no_stance_form_but_may_comment(client, written, partner_focal_point):
    client.force_login(partner_focal_point)
    page = client.get(written.get_absolute_url()).content.decode()
    assert "Record the stance" not in page and "Add the comment" in page


def test_objecting_through_the_page_and_the_refusal_message(
    client, written, member_focal_point, member_org, clock
):
    client.force_login(member_focal_point)
    url = reverse("decisions:record_stance", args=[written.pk])
    response = client.post(
        url,
        {"stance-organization": member_org.pk, "stance-position": "objection", "stance-reason": ""},
        follow=True,
    )
    assert "An objection must state its reason in writing." in response.content.decode()
    client.post(
        url,
        {
            "stance-organization": member_org.pk,
            "stance-position": "objection",
            "stance-reason": "Budget unclear",
        },
    )
    assert written.stances.get().position == Position.OBJECTION
    clock.advance(days=8)
    response = client.post(
        url, {"stance-organization": member_org.pk, "stance-position": "no_objection"}, follow=True
    )
    assert "has passed" in response.content.decode()


def test_word_diff_between_versions(client, written, chair_focal_point):
    services.revise(
        chair_focal_point, written, text="The Working Group adopts the revised work plan.", note="Revised"
    )
    client.force_login(chair_focal_point)
    page = client.get(written.get_absolute_url()).content.decode()
    assert "<ins>revised</ins>" in page


def test_record_page_pdf_and_export(client, written, chair_focal_point, clock):
    clock.advance(days=8)
    record = services.confirm_adoption(chair_focal_point, written)
    page = client.get(record.get_absolute_url()).content.decode()
    assert record.number in page and "MEM" in page
    assert str(chair_focal_point) not in page  # the public sees organizations, not people
    pdf = client.get(reverse("decisions:record_pdf", args=[record.year, record.sequence]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    export = client.get(reverse("decisions:records_export", args=[record.year])).content.decode()
    assert record.number in export and record.hash in export


def test_records_list_search_and_filters(client, circulate, chair_focal_point, clock, member_org):
    for title, subject in [("Work plan", None), ("Admit a member", member_org)]:
        proposal = circulate(title=title, text=f"Decided: {title}.", subject=subject, days=1)
        clock.advance(days=2)
        services.confirm_adoption(chair_focal_point, proposal)
        clock.advance(days=-2)
    url = reverse("decisions:records")
    assert "Work plan" in client.get(url, {"q": "work"}).content.decode()
    assert "Admit a member" not in client.get(url, {"q": "work"}).content.decode()
    assert "Work plan" not in client.get(url, {"subject": "organization"}).content.decode()
    assert "Admit a member" in client.get(url, {"year": clock.now.year}).content.decode()


def test_pages_run_a_bounded_number_of_queries(
    client,
    circulate,
    chair_focal_point,
    member_focal_point,
    member_org,
    clock,
    organization_factory,
    django_assert_max_num_queries,
):
    proposal = circulate(days=1)
    for index in range(15):
        services.comment(member_focal_point, proposal, organization=member_org, text=f"Comment {index}")
        services.record_stance(
            member_focal_point,
            proposal,
            organization=member_org,
            position=Position.OBJECTION if index % 2 else Position.NO_OBJECTION,
            reason="r",
        )
    for index in range(12):
        other = circulate(title=f"Other {index}", days=1)
        clock.advance(days=2)
        services.confirm_adoption(chair_focal_point, other)
        clock.advance(days=-2)
    client.force_login(member_focal_point)
    record = other.record
    for url in [
        proposal.get_absolute_url(),
        reverse("decisions:consultations"),
        reverse("decisions:records"),
        record.get_absolute_url(),
    ]:
        with django_assert_max_num_queries(20):
            assert client.get(url).status_code == 200


def test_open_consultations_lists_what_awaits_my_answer(client, circulate, member_focal_point, member_org):
    waiting = circulate(title="Awaiting us")
    answered = circulate(title="Answered already")
    services.record_stance(
        member_focal_point, answered, organization=member_org, position=Position.NO_OBJECTION
    )
    client.force_login(member_focal_point)
    response = client.get(reverse("decisions:consultations"))
    mine = {item.title: item.answered for item in response.context["mine"]}
    assert mine == {waiting.title: False, answered.title: True}


def test_circulate_page_reads_the_deadline_in_the_chair_time_zone(
    client, voting_orgs, chair_focal_point, clock
):
    chair_focal_point.time_zone = "America/New_York"
    chair_focal_point.save()
    client.force_login(chair_focal_point)
    day = (clock.now + timedelta(days=10)).date()
    response = client.post(
        reverse("decisions:circulate"), {"title": "T", "text": "X", "deadline": f"{day}T12:00"}
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.deadline.utcoffset() == timedelta(0) and proposal.deadline.hour in (16, 17)


def test_the_secretariat_records_a_stance_on_behalf_with_the_message_and_its_copy(
    client, written, secretariat_user, member_org, clock
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(secretariat_user)
    page = client.get(written.get_absolute_url()).content.decode()
    assert "Record a stance received by e-mail or letter" in page
    sent = (clock.now - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    client.post(reverse("decisions:record_on_behalf", args=[written.pk]), {
        "behalf-organization": member_org.pk, "behalf-position": "objection", "behalf-reason": "By letter",
        "behalf-message_received_at": sent,
        "behalf-copy": SimpleUploadedFile("letter.eml", b"From: mem@example.org\n\nNo.", "message/rfc822"),
    })
    stance = written.stances.get()
    assert stance.on_behalf and stance.copy.read().startswith(b"From:")
    page = client.get(written.get_absolute_url()).content.decode()
    assert "on behalf, message of" in page
    copy_url = reverse("decisions:stance_copy", args=[written.pk, stance.pk])
    assert copy_url in page and b"".join(client.get(copy_url).streaming_content).startswith(b"From:")
    client.logout()
    assert client.get(copy_url).status_code == 302  # the copy is not public
