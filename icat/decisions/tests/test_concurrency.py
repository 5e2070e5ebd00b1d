"""Row locks on PostgreSQL: two simultaneous confirmations make one record; an objection racing the
Chair's confirmation is either in (and the confirmation refused) or refused, never half-recorded."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from icat.decisions import services
from icat.decisions.models import DecisionRecord, Proposal, Stance
from icat.meetings.tests.factories import held_working_group_meeting

from .conftest import FIRST_MEETING

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def run_together(*calls):
    """Run each call in its own thread and connection, released at the same moment; collect outcomes."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        from django.db import connections

        try:
            barrier.wait()
            outcomes[index] = call()
        except ValidationError as error:
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcomes


@pytest.fixture
def setting(transactional_db, member_org, other_member_org, chair_org, chair_focal_point, member_focal_point):
    held_working_group_meeting(FIRST_MEETING, present=[member_org, other_member_org, chair_org])
    return chair_focal_point, member_focal_point, member_org


def test_two_simultaneous_confirmations_make_exactly_one_record(setting, monkeypatch):
    chair, _member, _org = setting
    proposal = services.circulate_in_writing(
        chair, title="Race", text="X", deadline=services.current_time() + timedelta(hours=1)
    )
    monkeypatch.setattr(services, "current_time", lambda: proposal.deadline + timedelta(minutes=1))
    outcomes = run_together(
        lambda: services.confirm_adoption(chair, proposal), lambda: services.confirm_adoption(chair, proposal)
    )
    assert DecisionRecord.objects.count() == 1
    assert sum(isinstance(outcome, DecisionRecord) for outcome in outcomes) == 1
    assert sum(isinstance(outcome, ValidationError) for outcome in outcomes) == 1


def test_an_objection_racing_the_confirmation_is_in_or_refused(setting, monkeypatch):
    chair, member, organization = setting
    proposal = services.circulate_in_writing(
        chair, title="Race", text="X", deadline=services.current_time() + timedelta(days=1)
    )
    # All but the racing organization agreed, so the Chair may confirm before the deadline.
    for voter in proposal.voters.exclude(organization=organization).select_related("organization"):
        services.record_stance(
            policy_system(),
            proposal,
            organization=voter.organization,
            position="no_objection",
            on_behalf_received_at=services.current_time(),
            attachment=letter(),
        )
    services.record_stance(member, proposal, organization=organization, position="no_objection")
    objection, confirmation = run_together(
        lambda: services.record_stance(
            member, proposal, organization=organization, position="objection", reason="Last minute"
        ),
        lambda: services.confirm_adoption(chair, proposal),
    )
    proposal.refresh_from_db()
    objected = Stance.objects.filter(proposal=proposal, position="objection").exists()
    if proposal.state == Proposal.State.ADOPTED:
        assert isinstance(objection, ValidationError) and not objected
    else:
        assert isinstance(confirmation, ValidationError) and objected and not DecisionRecord.objects.exists()


def policy_system():
    from icat import policy

    return policy.system_actor("tests")


def letter():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("letter.pdf", b"%PDF-1.4 letter")
