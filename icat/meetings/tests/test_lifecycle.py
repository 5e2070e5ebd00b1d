"""Invitations, agenda, notifications, cancellation and the life of minutes: draft, corrections, lock."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from icat.core.models import AuditEntry, OutgoingEmail
from icat.meetings import queries, services
from icat.meetings.models import Invitation, Minutes, MinutesRevision
from icat.meetings.tests.factories import SYSTEM, held_working_group_meeting


def upcoming(kind="working_group", **fields):
    start = (timezone.now() + timedelta(days=14)).replace(microsecond=0)
    return services.schedule_meeting(
        SYSTEM,
        kind=kind,
        title=fields.pop("title", "Upcoming meeting"),
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        **fields,
    )


def test_notifications_go_to_the_invitees_current_focal_points(
    member_focal_point,
    partner_focal_point,
    chair_focal_point,
    member_outside_wg_focal_point,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = upcoming(title="Autumn meeting")
    invitation = mail.outbox[-1]
    assert invitation.subject == "Invitation: Autumn meeting"
    assert sorted(invitation.to) == sorted(
        [member_focal_point.email, partner_focal_point.email, chair_focal_point.email]
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.add_agenda_item(SYSTEM, meeting, title="Work plan 2026–2027")
        services.circulate_agenda(SYSTEM, meeting)
        services.update_meeting(SYSTEM, meeting, place="Vienna", note="Now in person.")
        services.cancel_meeting(SYSTEM, meeting, reason="Postponed to spring")
    subjects = [message.subject for message in mail.outbox]
    assert subjects[-3:] == ["Agenda: Autumn meeting", "Changed: Autumn meeting", "Cancelled: Autumn meeting"]
    assert "Work plan 2026–2027" in mail.outbox[-3].body
    assert "Postponed to spring" in mail.outbox[-1].body
    name, content, mimetype = mail.outbox[-1].attachments[0]
    assert (name, mimetype) == ("meeting.ics", "text/calendar")
    assert "STATUS:CANCELLED" in content and "SEQUENCE:2" in content
    assert f"UID:meeting-{meeting.uid}@icat-platform" in content
    assert OutgoingEmail.objects.filter(topic="meetings.cancellation", state="sent").count() == 1


def test_guests_are_invited_by_email_and_hear_of_changes(member_org, django_capture_on_commit_callbacks):
    meeting = upcoming(kind="civil_society_consultation", title="Survivors' consultation")
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_guest(SYSTEM, meeting, email="Advocate@Example.NET", name="A. Advocate")
    assert mail.outbox[-1].to == ["advocate@example.net"]
    with pytest.raises(ValidationError, match="already invited"):
        services.invite_guest(SYSTEM, meeting, email="advocate@example.net")
    with pytest.raises(ValidationError):
        services.invite_guest(SYSTEM, upcoming(), email="x@example.net", capacity="participant")


def test_other_kinds_choose_their_audience(member_org, partner_org):
    meeting = upcoming(kind="principals")
    assert meeting.invitations.count() == 0
    services.invite_organization(SYSTEM, meeting, partner_org, capacity="participant")
    with pytest.raises(ValidationError, match="already invited"):
        services.invite_organization(SYSTEM, meeting, partner_org, capacity="observer")
    with pytest.raises(ValidationError, match="3.B.7"):
        services.invite_organization(SYSTEM, upcoming(title="WG"), partner_org, capacity="participant")


def test_answer_invitation_only_by_the_invited_organization(
    member_focal_point, partner_focal_point, member_org
):
    meeting = upcoming()
    invitation = Invitation.objects.get(meeting=meeting, organization=member_org)
    with pytest.raises(PermissionDenied):
        services.answer_invitation(partner_focal_point, invitation, answer="declined")
    services.answer_invitation(member_focal_point, invitation, answer="attending", attendees="Two delegates")
    entry = AuditEntry.objects.get(action="meetings.answer_invitation")
    assert entry.acting_for == member_org and entry.actor == member_focal_point


def test_agenda_items_link_to_any_record(member_org):
    meeting = upcoming()
    first = services.add_agenda_item(SYSTEM, meeting, title="Opening")
    linked = services.add_agenda_item(SYSTEM, meeting, title="Application of ORG", subject=member_org)
    assert (first.order, linked.order) == (1, 2)
    assert linked.subject == member_org
    assert [item.meeting for item in queries.agenda_items_about(member_org)] == [meeting]
    services.change_agenda_item(SYSTEM, first, withdrawn=True)
    with pytest.raises(ValidationError, match="Draft the agenda"):
        services.circulate_agenda(SYSTEM, upcoming(title="Empty"))


def test_a_cancelled_meeting_stays_on_record_and_cannot_change(member_org):
    meeting = upcoming()
    with pytest.raises(ValidationError, match="Say why"):
        services.cancel_meeting(SYSTEM, meeting, reason=" ")
    services.cancel_meeting(SYSTEM, meeting, reason="No quorum")
    with pytest.raises(ValidationError):
        services.update_meeting(SYSTEM, meeting, title="Renamed")
    with pytest.raises(ValidationError, match="Only a planned meeting"):
        services.cancel_meeting(SYSTEM, meeting, reason="again")


# --- Minutes (ToR 3.D.3 i) ---------------------------------------------------------------------------------


@pytest.fixture
def minutes(member_org, partner_org):
    meeting = held_working_group_meeting(date(2025, 3, 4), present=[member_org, partner_org])
    return services.draft_minutes(SYSTEM, meeting, text="<p>The Working Group met.</p>").meeting.minutes


def test_minutes_keep_every_revision_with_its_author(minutes, secretariat_user):
    services.draft_minutes(secretariat_user, minutes.meeting, text="<p>Second draft</p>", reason="Typos")
    revisions = list(minutes.revisions.order_by("number"))
    assert [(r.number, r.author) for r in revisions] == [(1, None), (2, secretariat_user)]
    assert revisions[0].author_label == "system: tests"
    with pytest.raises(ValidationError):
        revisions[0].text = "rewritten"
        revisions[0].save()
    with pytest.raises(ValidationError):
        MinutesRevision.objects.filter(pk=revisions[0].pk).delete()


def test_corrections_come_from_attending_organizations(
    minutes,
    member_focal_point,
    partner_focal_point,
    member_outside_wg_focal_point,
    member_org,
    partner_org,
    member_outside_wg_org,
):
    with pytest.raises(ValidationError, match="not open"):
        services.propose_correction(member_focal_point, minutes, member_org, text="Fix")
    services.circulate_minutes(SYSTEM, minutes)
    correction = services.propose_correction(member_focal_point, minutes, member_org, text="Add our remark")
    services.propose_correction(partner_focal_point, minutes, partner_org, text="Observers noted")
    with pytest.raises(PermissionDenied):
        services.propose_correction(
            member_outside_wg_focal_point, minutes, member_outside_wg_org, text="Not there"
        )
    with pytest.raises(PermissionDenied):  # a focal point speaks only for their own organization
        services.propose_correction(member_focal_point, minutes, partner_org, text="For someone else")
    services.decide_correction(SYSTEM, correction, accept=True)
    with pytest.raises(ValidationError, match="Decide on every proposed correction"):
        services.approve_minutes(SYSTEM, minutes, how="by_chair", note="WG decision of 4 March 2025")
    with pytest.raises(ValidationError, match="why"):
        services.decide_correction(SYSTEM, minutes.corrections.get(organization=partner_org), accept=False)


def test_approval_by_the_chair_locks_the_minutes(minutes, chair_focal_point, secretariat_user):
    with pytest.raises(PermissionDenied):
        services.approve_minutes(secretariat_user, minutes, how="by_chair", note="WG decision")
    with pytest.raises(ValidationError, match="Cite"):
        services.approve_minutes(chair_focal_point, minutes, how="by_chair")
    services.approve_minutes(chair_focal_point, minutes, how="by_chair", note="WG decision of 4 March 2025")
    minutes.refresh_from_db()
    assert minutes.is_locked and minutes.approved_by == chair_focal_point
    with pytest.raises(ValidationError, match="locked"):
        services.draft_minutes(SYSTEM, minutes.meeting, text="<p>quiet change</p>")
    with pytest.raises(ValidationError, match="reason"):
        services.amend_approved_minutes(SYSTEM, minutes, text="<p>v2</p>", reason="")
    revision = services.amend_approved_minutes(
        SYSTEM, minutes, text="<p>v2</p>", reason="Wrong date in item 3"
    )
    assert revision.after_approval and revision.number == 2
    assert minutes.revisions.count() == 2


def test_approval_at_the_next_meeting_needs_it_on_that_agenda(minutes, member_org, secretariat_user):
    next_meeting = held_working_group_meeting(date(2025, 6, 10), present=[member_org])
    with pytest.raises(ValidationError, match="agenda"):
        services.approve_minutes(secretariat_user, minutes, how="at_meeting", at_meeting=next_meeting)
    services.add_agenda_item(
        SYSTEM, next_meeting, title="Approval of the minutes of 4 March", subject=minutes
    )
    services.approve_minutes(secretariat_user, minutes, how="at_meeting", at_meeting=next_meeting)
    minutes.refresh_from_db()
    assert minutes.state == Minutes.State.APPROVED and minutes.approved_at_meeting == next_meeting
    later = held_working_group_meeting(date(2025, 9, 1), present=[member_org])
    later_minutes = services.draft_minutes(SYSTEM, later, text="<p>x</p>").meeting.minutes
    with pytest.raises(ValidationError, match="later meeting"):
        services.approve_minutes(secretariat_user, later_minutes, how="at_meeting", at_meeting=next_meeting)


def test_every_write_is_audited(minutes):
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "meetings.schedule",
        "meetings.invite",
        "meetings.record_attendance",
        "meetings.mark_held",
        "meetings.draft_minutes",
    } <= actions
