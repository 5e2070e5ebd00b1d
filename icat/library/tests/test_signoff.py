"""Sign-off by consensus through the decisions app (ToR 3.B.3, 3.B.5): a product is published only
when its written-procedure proposal is adopted; not adopted, it returns to consultation."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from icat.decisions import services as decisions
from icat.decisions.models import Position, Proposal
from icat.library import services
from icat.library.models import Product
from icat.meetings.tests.factories import held_working_group_meeting

from .conftest import make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def voting(member_org, chair_org):
    """Member and Chair attended a Working Group meeting, so they vote (ToR 3.B.7)."""
    held_working_group_meeting(date(2021, 3, 1), present=[member_org, chair_org])


@pytest.fixture
def in_consultation(member_org, voting):
    return make_product(
        title="Issue brief on technology", kind="issue_brief", state="consultation", leads=[member_org]
    )


def circulate(chair, product, days=7):
    return services.circulate_for_signoff(chair, product, deadline=timezone.now() + timedelta(days=days))


def all_agree(proposal, *focal_points):
    for person, organization in focal_points:
        decisions.record_stance(person, proposal, organization=organization, position=Position.NO_OBJECTION)


def test_an_adopted_sign_off_publishes_the_product_and_links_its_record(
    in_consultation, chair_focal_point, chair_org, member_focal_point, member_org, client
):
    proposal = circulate(chair_focal_point, in_consultation)
    in_consultation.refresh_from_db()
    assert in_consultation.state == Product.State.SIGN_OFF
    assert proposal.subject == in_consultation and in_consultation.signoff_proposal == proposal
    assert client.get(in_consultation.get_absolute_url()).status_code == 404
    all_agree(proposal, (member_focal_point, member_org), (chair_focal_point, chair_org))
    record = decisions.confirm_adoption(chair_focal_point, proposal)
    in_consultation.refresh_from_db()
    assert in_consultation.state == Product.State.PUBLISHED
    assert in_consultation.signoff == Product.SignOff.DECISION
    assert in_consultation.decision_record == record
    assert in_consultation.publication_date == timezone.localdate(record.confirmed_at)
    page = client.get(in_consultation.get_absolute_url()).content.decode()
    assert record.get_absolute_url() in page and record.number in page


def test_a_sign_off_not_adopted_returns_the_product_to_consultation(
    in_consultation, chair_focal_point, member_focal_point, member_org
):
    proposal = circulate(chair_focal_point, in_consultation)
    decisions.record_stance(
        member_focal_point,
        proposal,
        organization=member_org,
        position=Position.OBJECTION,
        reason="Section 2 needs the survivors' perspective.",
    )
    decisions.record_not_adopted(chair_focal_point, proposal, note="Objection stands")
    in_consultation.refresh_from_db()
    assert in_consultation.state == Product.State.CONSULTATION
    assert in_consultation.signoff_proposal is None and not in_consultation.is_public


def test_a_withdrawn_sign_off_can_be_circulated_again(in_consultation, chair_focal_point):
    first = circulate(chair_focal_point, in_consultation)
    with pytest.raises(PermissionDenied):
        circulate(chair_focal_point, in_consultation)
    decisions.withdraw_proposal(chair_focal_point, first, note="Wrong deadline")
    second = circulate(chair_focal_point, in_consultation, days=10)
    in_consultation.refresh_from_db()
    assert in_consultation.signoff_proposal == second and in_consultation.state == Product.State.SIGN_OFF


def test_only_the_chair_circulates_and_only_from_consultation(
    product_factory, member_focal_point, secretariat_user, chair_focal_point
):
    product = product_factory(state="consultation")
    for person in (member_focal_point, secretariat_user):
        with pytest.raises(PermissionDenied):
            circulate(person, product)
    with pytest.raises(PermissionDenied):
        circulate(chair_focal_point, product_factory(state="draft"))
    assert not Proposal.objects.exists()


def test_an_adoption_of_another_subject_publishes_nothing(
    in_consultation, chair_focal_point, chair_org, member_focal_point, member_org
):
    proposal = decisions.circulate_in_writing(
        chair_focal_point,
        title="Unrelated",
        text="Something else",
        deadline=timezone.now() + timedelta(days=3),
    )
    all_agree(proposal, (member_focal_point, member_org), (chair_focal_point, chair_org))
    decisions.confirm_adoption(chair_focal_point, proposal)
    in_consultation.refresh_from_db()
    assert in_consultation.state == Product.State.CONSULTATION


def test_the_chair_circulates_from_the_product_page(in_consultation, chair_focal_point, client):
    client.force_login(chair_focal_point, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(in_consultation.get_absolute_url()).content.decode()
    assert reverse("library:circulate", args=[in_consultation.pk]) in page
    deadline = (timezone.now() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("library:circulate", args=[in_consultation.pk]), {"deadline": deadline})
    assert response.status_code == 302
    in_consultation.refresh_from_db()
    assert in_consultation.state == Product.State.SIGN_OFF
