"""Each rule of the ToR on decisions, proven through the services enforcing it (ToR 3.B.3, 3.B.7, 3.D.1)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from icat.decisions import rules, services
from icat.decisions.models import DecisionRecord, Position, Proposal
from icat.meetings.tests.factories import held_working_group_meeting

NO, OBJ = Position.NO_OBJECTION, Position.OBJECTION


def test_adoption_needs_no_standing_objection_consensus_with_no_objection_adopts(
    written, member_focal_point, member_org, clock, chair_focal_point
):
    services.record_stance(member_focal_point, written, organization=member_org, position=NO)
    clock.advance(days=8)
    record = services.confirm_adoption(chair_focal_point, written)
    written.refresh_from_db()
    assert written.state == Proposal.State.ADOPTED
    assert record.text == "The Working Group adopts the work plan."


def test_adoption_needs_no_standing_objection_a_standing_objection_blocks(
    written, member_focal_point, member_org, clock, chair_focal_point
):
    services.record_stance(
        member_focal_point, written, organization=member_org, position=OBJ, reason="Too long."
    )
    clock.advance(days=8)
    with pytest.raises(ValidationError, match="An objection stands"):
        services.confirm_adoption(chair_focal_point, written)
    assert not DecisionRecord.objects.exists()


def test_only_a_standing_objection_is_withdrawn_a_withdrawn_objection_unblocks(
    written, member_focal_point, member_org, clock, chair_focal_point
):
    services.record_stance(
        member_focal_point, written, organization=member_org, position=OBJ, reason="Unclear."
    )
    services.withdraw_objection(member_focal_point, written, organization=member_org, reason="Clarified.")
    clock.advance(days=8)
    assert services.confirm_adoption(chair_focal_point, written).number.startswith("ICAT/WG/")


def test_only_a_standing_objection_is_withdrawn_nothing_to_withdraw(written, member_focal_point, member_org):
    with pytest.raises(ValidationError, match="no standing objection"):
        services.withdraw_objection(member_focal_point, written, organization=member_org)


def test_stance_needs_voting_rights_at_the_call_a_partner_cannot_object(
    written, partner_focal_point, partner_org
):
    with pytest.raises(ValidationError, match="partner"):
        services.record_stance(
            partner_focal_point, written, organization=partner_org, position=OBJ, reason="No."
        )
    # ... but a partner may comment (ToR 3.F).
    services.comment(partner_focal_point, written, organization=partner_org, text="We can contribute data.")
    assert written.comments.count() == 1


def test_stance_needs_voting_rights_at_the_call_an_organization_without_them_cannot_object(
    written, member_outside_wg_focal_point, member_outside_wg_org
):
    with pytest.raises(ValidationError, match="no voting rights"):
        services.record_stance(
            member_outside_wg_focal_point,
            written,
            organization=member_outside_wg_org,
            position=OBJ,
            reason="No.",
        )


def test_stance_needs_voting_rights_at_the_call_rights_gained_after_the_call_do_not_count(
    written, organization_factory, focal_point_factory, clock
):
    newcomer = organization_factory(status="member", working_group=True, acronym="NEW")
    person = focal_point_factory(newcomer)
    held_working_group_meeting(clock.now.date(), present=[newcomer])
    with pytest.raises(ValidationError, match="no voting rights"):
        services.record_stance(person, written, organization=newcomer, position=OBJ, reason="Late.")


def test_stance_needs_voting_rights_at_the_call_rule_function(member_org, partner_org):
    assert rules.stance_needs_voting_rights_at_the_call(member_org, {member_org.pk}, "member") is None
    assert "partner" in rules.stance_needs_voting_rights_at_the_call(partner_org, {member_org.pk}, "partner")


def test_nothing_after_the_deadline(written, member_focal_point, member_org, clock):
    clock.now = written.deadline - timedelta(seconds=1)
    services.record_stance(
        member_focal_point, written, organization=member_org, position=OBJ, reason="In time."
    )
    clock.now = written.deadline
    with pytest.raises(ValidationError, match="deadline .* has passed"):
        services.withdraw_objection(member_focal_point, written, organization=member_org)
    with pytest.raises(ValidationError, match="has passed"):
        services.comment(member_focal_point, written, organization=member_org, text="Late.")
    assert written.stances.count() == 1


def test_objection_needs_a_written_reason(written, member_focal_point, member_org):
    with pytest.raises(ValidationError, match="reason"):
        services.record_stance(
            member_focal_point, written, organization=member_org, position=OBJ, reason="  "
        )


def test_written_procedure_closes_at_the_deadline(
    written,
    member_focal_point,
    other_member_focal_point,
    member_org,
    other_member_org,
    chair_org,
    chair_focal_point,
):
    with pytest.raises(ValidationError, match="runs until"):
        services.confirm_adoption(chair_focal_point, written)
    # Once every organization with voting rights said "no objection", the Chair need not wait.
    services.record_stance(member_focal_point, written, organization=member_org, position=NO)
    services.record_stance(other_member_focal_point, written, organization=other_member_org, position=NO)
    services.record_stance(chair_focal_point, written, organization=chair_org, position=NO)
    assert services.confirm_adoption(chair_focal_point, written)


def test_deadline_must_be_in_the_future(voting_orgs, chair_focal_point, clock):
    with pytest.raises(ValidationError, match="future"):
        services.circulate_in_writing(chair_focal_point, title="T", text="X", deadline=clock.now)
    assert not Proposal.objects.exists()


def test_on_behalf_needs_message_date_and_copy(written, secretariat_user, member_org, clock):
    with pytest.raises(ValidationError, match="date of its message and a copy"):
        services.record_stance(
            secretariat_user, written, organization=member_org, position=OBJ, reason="By mail"
        )
    copy = SimpleUploadedFile("letter.pdf", b"%PDF-1.4 letter", content_type="application/pdf")
    stance = services.record_stance(
        secretariat_user,
        written,
        organization=member_org,
        position=OBJ,
        reason="By letter",
        on_behalf_received_at=clock.now - timedelta(hours=3),
        attachment=copy,
    )
    assert stance.on_behalf and stance.copy.name and stance.acted_by == secretariat_user


def test_on_behalf_copy_is_checked_by_content(written, secretariat_user, member_org, clock):
    fake = SimpleUploadedFile("letter.pdf", b"\x00\x01\xff\xfe binary", content_type="application/pdf")
    with pytest.raises(ValidationError, match="must be a PDF"):
        services.record_stance(
            secretariat_user,
            written,
            organization=member_org,
            position=NO,
            on_behalf_received_at=clock.now,
            attachment=fake,
        )


def test_proposal_must_be_open(written, chair_focal_point, member_focal_point, member_org):
    services.withdraw_proposal(chair_focal_point, written, note="Superseded.")
    with pytest.raises(ValidationError, match="closed"):
        services.record_stance(member_focal_point, written, organization=member_org, position=NO)


def test_application_meets_the_criteria():
    assert rules.application_meets_the_criteria([]) is None
    assert "3.A.4" in rules.application_meets_the_criteria(["ToR 3.A.4(a): intergovernmental."])


def test_one_organization_one_stance_focal_points_act_for_it(
    written, member_org, member_focal_point, focal_point_factory, clock, chair_focal_point
):
    colleague = focal_point_factory(member_org, username="member-colleague")
    services.record_stance(member_focal_point, written, organization=member_org, position=OBJ, reason="Wait.")
    services.record_stance(colleague, written, organization=member_org, position=NO)
    clock.advance(days=8)
    record = services.confirm_adoption(chair_focal_point, written)
    # Both acts are on record, with who acted; the latest one is the organization's stance.
    assert [row["by"] for row in record.content["stances"]] == [str(member_focal_point), str(colleague)]


def test_only_the_chair_confirms(written, member_focal_point, secretariat_user, clock):
    clock.advance(days=8)
    for person in (member_focal_point, secretariat_user):
        with pytest.raises(PermissionDenied, match="Chair"):
            services.confirm_adoption(person, written)


def test_a_focal_point_speaks_only_for_its_own_organization(written, member_focal_point, other_member_org):
    with pytest.raises(PermissionDenied, match="focal point"):
        services.record_stance(member_focal_point, written, organization=other_member_org, position=NO)


def test_a_revision_is_a_new_version_and_earlier_stances_no_longer_count(
    written, member_focal_point, member_org, chair_focal_point, clock
):
    services.record_stance(
        member_focal_point, written, organization=member_org, position=OBJ, reason="Cut 2."
    )
    version = services.revise(
        chair_focal_point,
        written,
        text="The Working Group adopts the plan, minus 2.",
        note="Removes item 2 after the objection.",
    )
    assert version.number == 2 and written.versions.count() == 2
    clock.advance(days=8)
    record = services.confirm_adoption(chair_focal_point, written)
    assert record.version_number == 2 and "minus 2" in record.text


def test_a_revision_after_the_deadline_needs_a_new_deadline(written, chair_focal_point, clock):
    clock.advance(days=8)
    with pytest.raises(ValidationError, match="future"):
        services.revise(chair_focal_point, written, text="New text", note="Changed")
    services.revise(
        chair_focal_point, written, text="New text", note="Changed", deadline=clock.now + timedelta(days=3)
    )
    written.refresh_from_db()
    assert written.deadline == clock.now + timedelta(days=3)


def test_not_adopted_when_an_objection_stands(
    written, member_focal_point, member_org, chair_focal_point, clock
):
    with pytest.raises(ValidationError, match="No objection stands"):
        services.record_not_adopted(chair_focal_point, written)
    services.record_stance(member_focal_point, written, organization=member_org, position=OBJ, reason="No.")
    clock.advance(days=8)
    services.record_not_adopted(chair_focal_point, written, note="No consensus.")
    written.refresh_from_db()
    assert written.state == Proposal.State.NOT_ADOPTED


ACTIONS = st.lists(
    st.tuples(st.integers(0, 2), st.sampled_from(["no_objection", "objection", "withdraw"])), max_size=8
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=ACTIONS)
def test_standing_objections_random_sequences_of_stances_and_withdrawals(
    actions, voting_orgs, member_focal_point, other_member_focal_point, chair_focal_point, clock
):
    """Hypothesis: whatever the order of stances and withdrawals, the Chair can confirm exactly when no
    organization's latest stance is an objection (ToR 3.B.3)."""
    people = [member_focal_point, other_member_focal_point, chair_focal_point]
    proposal = services.circulate_in_writing(
        chair_focal_point, title="P", text="T", deadline=clock.now + timedelta(days=1)
    )
    expected = {}
    for index, action in actions:
        organization = voting_orgs[index]
        if action == "withdraw":
            if expected.get(organization.pk) != OBJ:
                with pytest.raises(ValidationError):
                    services.withdraw_objection(people[index], proposal, organization=organization)
                continue
            services.withdraw_objection(people[index], proposal, organization=organization)
            expected[organization.pk] = Position.OBJECTION_WITHDRAWN
        else:
            services.record_stance(
                people[index], proposal, organization=organization, position=action, reason="because"
            )
            expected[organization.pk] = action
    assert rules.standing_objections(services.current_positions(proposal)) == {
        org for org, position in expected.items() if position == OBJ
    }
    clock.advance(days=2)
    if any(position == OBJ for position in expected.values()):
        with pytest.raises(ValidationError):
            services.confirm_adoption(chair_focal_point, proposal)
    else:
        assert services.confirm_adoption(chair_focal_point, proposal).proposal_id == proposal.pk
    clock.advance(days=-2)


def test_table_at_meeting_the_chair_calls_for_objections_among_voting_members(
    voting_orgs, chair_focal_point, member_focal_point, member_org, system, clock
):
    from datetime import UTC, datetime

    from icat.meetings import services as meeting_services
    from icat.meetings.models import AgendaItem, Meeting

    start = datetime(2025, 6, 2, 9, tzinfo=UTC)
    meeting = meeting_services.schedule_meeting(
        system, kind=Meeting.Kind.WORKING_GROUP, title="June meeting", starts_at=start,
        ends_at=start + timedelta(hours=3), time_zone="UTC",
    )
    proposal = services.table_at_meeting(chair_focal_point, meeting=meeting, title="Side event", text="Hold.")
    item = AgendaItem.objects.get(meeting=meeting)
    assert item.object_id == str(proposal.pk) and proposal.meeting == meeting and proposal.deadline is None
    assert set(proposal.voters.values_list("organization", flat=True)) == {org.pk for org in voting_orgs}
    services.record_stance(member_focal_point, proposal, organization=member_org, position=NO)
    record = services.confirm_adoption(chair_focal_point, proposal)  # no deadline at a meeting
    assert record.procedure == "meeting" and record.meeting_label == str(meeting)


def test_table_at_meeting_only_voting_members_present_are_called(
    voting_orgs, member_org, other_member_org, chair_org, chair_focal_point, clock
):
    from icat.meetings.tests.factories import held_working_group_meeting

    meeting = held_working_group_meeting(clock.now.date(), present=[member_org, chair_org],
                                         absent=[other_member_org])
    proposal = services.table_at_meeting(chair_focal_point, meeting=meeting, title="T", text="X")
    assert set(proposal.voters.values_list("organization", flat=True)) == {member_org.pk, chair_org.pk}


def test_written_procedure_closes_at_the_deadline_even_with_no_voting_member(
    chair_org, chair_focal_point, clock
):
    proposal = services.circulate_in_writing(chair_focal_point, title="T", text="X",
                                             deadline=clock.now + timedelta(days=1))
    assert not proposal.voters.exists()
    with pytest.raises(ValidationError, match="runs until"):
        services.confirm_adoption(chair_focal_point, proposal)
