"""The written record: immutable, numbered, hash-chained, verified; the signals and e-mail of each step."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import RequestFactory, override_settings

from icat.core.models import OutgoingEmail
from icat.decisions import documents, services
from icat.decisions.chain import verify_chain
from icat.decisions.models import DecisionRecord, Position
from icat.decisions.signals import decision_adopted, decision_not_adopted

NO, OBJ = Position.NO_OBJECTION, Position.OBJECTION


@pytest.fixture
def adopt(circulate, chair_focal_point, clock):
    def make(title="Decision"):
        proposal = circulate(title=title, days=1)
        clock.advance(days=2)
        record = services.confirm_adoption(chair_focal_point, proposal)
        clock.advance(days=-2)
        return record

    return make


def test_record_number_hash_and_content(adopt, voting_orgs, clock):
    first, second = adopt("First"), adopt("Second")
    year = clock.now.year
    assert (first.number, second.number) == (f"ICAT/WG/{year}/01", f"ICAT/WG/{year}/02")
    assert second.previous_hash == first.hash and first.previous_hash == ""
    assert {org["acronym"] for org in first.content["voting_organizations"]} == {"MEM", "SEC", "CHA"}
    assert first.content["confirmation"]["for"] == "CHA"


@override_settings(GROUP_SHORT_NAME="GCG")
def test_record_number_prefix_comes_from_the_settings(adopt):
    assert adopt().number.startswith("GCG/WG/")


def test_a_record_cannot_be_edited_model(adopt):
    record = adopt()
    record.title = "Changed"
    with pytest.raises(ValidationError):
        record.save()
    with pytest.raises(ValidationError):
        DecisionRecord.objects.filter(pk=record.pk).update(title="Changed")
    with pytest.raises(ValidationError):
        record.delete()


def test_a_record_cannot_be_edited_admin(adopt, secretariat_user):
    record = adopt()
    request = RequestFactory().get("/")
    request.user = secretariat_user
    model_admin = site._registry[DecisionRecord]
    assert model_admin.has_view_permission(request, record)
    assert not model_admin.has_change_permission(request, record)
    assert not model_admin.has_delete_permission(request, record)
    assert not model_admin.has_add_permission(request)


def test_a_record_cannot_be_edited_api(adopt, client, secretariat_user):
    record = adopt()
    client.force_login(secretariat_user)
    url = f"/api/decisions/records/{record.year}/{record.sequence}"
    for method in (client.put, client.patch, client.delete):
        assert method(url, data={"title": "x"}, content_type="application/json").status_code == 405
    assert client.get(url).json()["title"] == record.title


def test_tampering_with_a_stored_record_is_caught_by_the_chain_check(adopt):
    records = [adopt(f"Decision {n}") for n in range(3)]
    assert verify_chain().intact and verify_chain().checked == 3
    with connection.cursor() as cursor:  # what someone with database access might do
        cursor.execute(
            "UPDATE decisions_decisionrecord SET text = %s WHERE id = %s", ["Forged", records[1].pk]
        )
    report = verify_chain()
    assert not report.intact and report.first_broken.pk == records[1].pk and report.checked == 1
    with pytest.raises(CommandError, match=f"Chain broken at record {records[1].number}"):
        call_command("verify_decision_chain")


def test_verify_decision_chain_command_reports_an_intact_chain(adopt):
    adopt()
    out = StringIO()
    call_command("verify_decision_chain", stdout=out)
    assert "Chain intact: 1 decision record(s) verified." in out.getvalue()


def test_a_missing_record_breaks_the_chain(adopt):
    records = [adopt(f"Decision {n}") for n in range(3)]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE decisions_decisionrecord SET position = 9 WHERE id = %s", [records[1].pk])
    assert "missing" in verify_chain().problem


def test_decision_adopted_signal_is_sent_inside_the_transaction(written, chair_focal_point, clock):
    seen = []

    def receiver(sender, proposal, record, **kwargs):
        seen.append((proposal.pk, record.number, connection.in_atomic_block))

    decision_adopted.connect(receiver)
    try:
        clock.advance(days=8)
        record = services.confirm_adoption(chair_focal_point, written)
    finally:
        decision_adopted.disconnect(receiver)
    assert seen == [(written.pk, record.number, True)]


def test_a_failing_receiver_undoes_the_adoption(written, chair_focal_point, clock):
    def receiver(sender, **kwargs):
        raise ValidationError("The product cannot be published.")

    decision_adopted.connect(receiver)
    try:
        clock.advance(days=8)
        with pytest.raises(ValidationError):
            services.confirm_adoption(chair_focal_point, written)
    finally:
        decision_adopted.disconnect(receiver)
    written.refresh_from_db()
    assert written.is_open and not DecisionRecord.objects.exists()


def test_decision_not_adopted_signal(written, member_focal_point, member_org, chair_focal_point):
    seen = []
    decision_not_adopted.connect(receiver := lambda sender, proposal, **kw: seen.append(proposal.pk))
    try:
        services.record_stance(
            member_focal_point, written, organization=member_org, position=OBJ, reason="No"
        )
        services.record_not_adopted(chair_focal_point, written)
    finally:
        decision_not_adopted.disconnect(receiver)
    assert seen == [written.pk]


def test_subject_is_a_generic_link_kept_on_the_record(circulate, chair_focal_point, clock, member_org):
    proposal = circulate(subject=member_org, days=1)
    assert proposal.subject == member_org
    clock.advance(days=2)
    record = services.confirm_adoption(chair_focal_point, proposal)
    assert record.subject_label == str(member_org) and record.subject_type.model == "organization"


def test_notifications_circulation_objection_and_outcome(
    member_focal_point, member_org, chair_focal_point, partner_focal_point, written, clock
):
    circulation = OutgoingEmail.objects.get(topic="decisions.circulation")
    assert member_focal_point.email in circulation.recipients and "UTC" in circulation.body
    services.record_stance(member_focal_point, written, organization=member_org, position=OBJ, reason="Why")
    objection = OutgoingEmail.objects.get(topic="decisions.objection")
    assert objection.recipients == [chair_focal_point.email] and "Why" in objection.body
    services.withdraw_objection(member_focal_point, written, organization=member_org)
    clock.advance(days=8)
    services.confirm_adoption(chair_focal_point, written)
    outcome = OutgoingEmail.objects.get(topic="decisions.outcome")
    # Partners are kept informed of outcomes (ToR 3.F.2 a).
    assert partner_focal_point.email in outcome.recipients and member_focal_point.email in outcome.recipients


def test_reminder_48_hours_before_the_deadline_to_those_who_have_not_answered(
    written, member_focal_point, member_org, other_member_focal_point, chair_focal_point, clock
):
    services.record_stance(member_focal_point, written, organization=member_org, position=NO)
    out = StringIO()
    call_command("send_decision_reminders", stdout=out)
    assert "0 written procedure(s)" in out.getvalue()
    clock.now = written.deadline - timedelta(hours=47)
    call_command("send_decision_reminders", stdout=out)
    call_command("send_decision_reminders", stdout=out)  # sent once only
    reminder = OutgoingEmail.objects.get(topic="decisions.reminder")
    assert other_member_focal_point.email in reminder.recipients
    assert member_focal_point.email not in reminder.recipients


def test_reminder_celery_task(written, clock):
    from icat.decisions.tasks import send_decision_reminders

    clock.now = written.deadline - timedelta(hours=1)
    assert send_decision_reminders.delay().get() == 1


def test_record_pdf_has_no_external_urls(adopt):
    record = adopt()
    html = documents.record_html(record)
    assert "http://" not in html and "https://" not in html and "src=" not in html
    pdf = documents.record_pdf(record)
    assert pdf.startswith(b"%PDF")


def test_the_audit_trail_records_every_step(written, member_focal_point, member_org):
    from icat.core.models import AuditEntry

    services.record_stance(member_focal_point, written, organization=member_org, position=NO)
    entry = AuditEntry.objects.get(action="decisions.record_stance")
    assert entry.acting_for == member_org and entry.actor == member_focal_point
