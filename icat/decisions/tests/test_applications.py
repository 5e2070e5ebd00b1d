"""Membership and partnership applications (ToR 3.A.3–4), decided as proposals."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from icat.core.models import OutgoingEmail
from icat.decisions import services
from icat.decisions.models import Application
from icat.meetings import services as meeting_services
from icat.meetings.models import AgendaItem, Meeting
from icat.orgs import queries as org_queries

FORM = {
    "organization_name": "Regional Organization for Migration",
    "acronym": "ROM",
    "website": "https://rom.example.org",
    "requested_status": "member",
    "claims_intergovernmental": "on",
    "claimed_scope": "regional",
    "claims_mandate_covers_trafficking": "on",
    "mandate": "Protects migrants and counters trafficking in persons.",
    "statute_excerpt": "Article 2: the Organization combats trafficking in persons.",
    "contact_name": "Amina Diallo",
    "contact_title": "Director",
    "contact_email": "amina@rom.example.org",
}


@pytest.fixture
def application(db, client):
    response = client.post(reverse("decisions:apply"), FORM)
    assert response.status_code == 302
    return Application.objects.get()


@pytest.fixture
def next_meeting(system, clock):
    start = (clock.now + timedelta(days=20)).replace(tzinfo=UTC)
    return meeting_services.schedule_meeting(
        system,
        kind=Meeting.Kind.WORKING_GROUP,
        title="Working Group",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        time_zone="UTC",
    )


def test_application_status_is_seen_through_the_secret_link(client, application):
    page = client.get(application.get_status_url()).content.decode()
    assert "Received, awaiting" in page
    assert client.get(reverse("decisions:application_status", args=["wrong"])).status_code == 404
    assert OutgoingEmail.objects.filter(
        topic="decisions.application", recipients=["amina@rom.example.org"]
    ).exists()


def test_application_meets_the_criteria_civil_society_is_refused(application, secretariat_user):
    assessed = services.assess_application(
        secretariat_user,
        application,
        kind="civil_society",
        scope="global",
        mandate_covers_trafficking=True,
        assessment="An NGO.",
    )
    assert assessed.state == Application.State.CRITERIA_UNMET and "3.A.4(a)" in assessed.assessment


def test_only_an_assessed_application_is_introduced(application, chair_focal_point, next_meeting):
    with pytest.raises(ValidationError, match="criteria"):
        services.introduce_application(chair_focal_point, application, meeting=next_meeting)


def test_the_membership_path_from_application_to_member(
    application,
    secretariat_user,
    chair_focal_point,
    member_focal_point,
    member_org,
    voting_orgs,
    next_meeting,
    clock,
    client,
):
    services.assess_application(
        secretariat_user,
        application,
        kind="intergovernmental",
        scope="regional",
        mandate_covers_trafficking=True,
        assessment="Criteria met: statute art. 2.",
    )
    item = services.introduce_application(chair_focal_point, application, meeting=next_meeting)
    assert AgendaItem.objects.get(pk=item.pk).object_id == str(application.pk)
    proposal = services.circulate_in_writing(
        chair_focal_point,
        title=str(application),
        text="Accept ROM.",
        deadline=clock.now + timedelta(days=7),
        subject=application,
    )
    services.record_stance(
        member_focal_point,
        proposal,
        organization=member_org,
        position="objection",
        reason="Check the statute.",
    )
    services.withdraw_objection(member_focal_point, proposal, organization=member_org, reason="Checked.")
    clock.advance(days=8)
    record = services.confirm_adoption(chair_focal_point, proposal)
    application.refresh_from_db()
    assert application.state == Application.State.ADMITTED
    day = record.confirmed_at.date()
    assert application.organization in org_queries.members_on(day)
    invitation = OutgoingEmail.objects.get(topic="decisions.invitation")
    assert invitation.recipients == ["amina@rom.example.org"]
    link = invitation.body.split("Create your account here: ")[1].strip()
    assert client.get(link).status_code == 200
    response = client.post(
        link, {"new_password1": "a long pass phrase 42", "new_password2": "a long pass phrase 42"}
    )
    assert response.status_code == 302
    assert client.get(link).status_code == 400  # used once


def test_a_refused_application_is_not_admitted(
    application,
    secretariat_user,
    chair_focal_point,
    member_focal_point,
    member_org,
    voting_orgs,
    next_meeting,
    clock,
):
    services.assess_application(
        secretariat_user,
        application,
        kind="intergovernmental",
        scope="regional",
        mandate_covers_trafficking=True,
        assessment="Criteria met.",
    )
    services.introduce_application(chair_focal_point, application, meeting=next_meeting)
    proposal = services.circulate_in_writing(
        chair_focal_point,
        title="Accept",
        text="Accept ROM.",
        deadline=clock.now + timedelta(days=7),
        subject=application,
    )
    services.record_stance(
        member_focal_point, proposal, organization=member_org, position="objection", reason="Not relevant."
    )
    clock.advance(days=8)
    services.record_not_adopted(chair_focal_point, proposal)
    application.refresh_from_db()
    assert application.state == Application.State.NOT_ADMITTED


def test_application_pages_for_secretariat_and_chair(
    client, application, secretariat_user, chair_focal_point
):
    client.force_login(secretariat_user)
    response = client.post(
        application.get_absolute_url(),
        {
            "assess": "1",
            "kind": "intergovernmental",
            "scope": "regional",
            "mandate_covers_trafficking": "on",
            "assessment": "Met.",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == Application.State.ASSESSED
    client.force_login(chair_focal_point)
    assert "Put it on the agenda" in client.get(application.get_absolute_url()).content.decode()


def test_past_meetings_are_refused_for_introduction(application, secretariat_user, chair_focal_point, system):
    services.assess_application(
        secretariat_user,
        application,
        kind="intergovernmental",
        scope="regional",
        mandate_covers_trafficking=True,
        assessment="Met.",
    )
    start = datetime(2022, 5, 1, 10, tzinfo=UTC)
    past = meeting_services.schedule_meeting(
        system,
        kind=Meeting.Kind.WORKING_GROUP,
        title="Old",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        time_zone="UTC",
    )
    with pytest.raises(ValidationError, match="coming"):
        services.introduce_application(chair_focal_point, application, meeting=past)
