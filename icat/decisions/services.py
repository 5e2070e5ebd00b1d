"""Every write about decisions: one function per use case, in a transaction, checked and audited.

Stances, confirmation and closing lock the proposal row (``select_for_update``), so an objection
racing the deadline or a second confirmation is serialized behind the first: it is either in or
refused, never half-recorded. Appending a record also locks the chain, so records form one line.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from icat import policy
from icat.core import audit
from icat.orgs.models import OrganizationStatus

from . import notifications, rules
from .models import (
    Application,
    Comment,
    DecisionRecord,
    Position,
    Procedure,
    Proposal,
    ProposalVersion,
    RecordChain,
    Stance,
    Voter,
)
from .signals import decision_adopted, decision_not_adopted

MAX_COPY_BYTES = 10 * 1024 * 1024
COPY_SIGNATURES = (b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


def current_time():
    return timezone.now()


def _refuse_if(refusal):
    if refusal:
        raise ValidationError(refusal)


def _required_text(value: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(_("%(what)s cannot be empty.") % {"what": what})
    return value


def _locked(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def current_version(proposal: Proposal) -> ProposalVersion:
    return proposal.versions.order_by("-number").first()


def _voting_organizations(day):
    # Voting rights come from participation in Working Group meetings (ToR 3.B.7): the meetings app decides.
    from icat.meetings.queries import voting_organizations

    return voting_organizations(on=day)


def _voting_members_present(meeting):
    """At a meeting the Chair calls for objections among the voting members present (ToR 3.B.3): once
    attendance is recorded, those present; before, every organization with voting rights that day."""
    from icat.meetings.models import Attendance

    voters = _voting_organizations(meeting.starts_on)
    if meeting.attendance.exists():
        present = meeting.attendance.filter(presence=Attendance.Presence.PRESENT).values("organization")
        voters = voters.filter(pk__in=present)
    return voters


def _subject_fields(subject):
    if subject is None:
        return {"content_type": None, "object_id": None}
    return {"content_type": ContentType.objects.get_for_model(subject), "object_id": subject.pk}


def _start(actor, *, title, text, procedure, called_at, deadline, subject, meeting, voters) -> Proposal:
    proposal = Proposal.objects.create(
        title=_required_text(title, _("The title"))[:300],
        procedure=procedure,
        called_at=called_at,
        deadline=deadline,
        meeting=meeting,
        meeting_label=str(meeting)[:300] if meeting else "",
        proposed_by=actor.user,
        proposed_by_label=actor.label,
        **_subject_fields(subject),
    )
    version = ProposalVersion.objects.create(
        proposal=proposal,
        number=1,
        text=_required_text(text, _("The text")),
        author=actor.user,
        author_label=actor.label,
    )
    Voter.objects.bulk_create(
        Voter(proposal=proposal, organization_id=org_id)
        for org_id in voters.values_list("pk", flat=True)
    )
    audit.record(
        actor,
        f"decisions.{'circulate' if procedure == Procedure.WRITING else 'table'}",
        proposal,
        changes={
            "title": [None, proposal.title],
            "procedure": [None, procedure],
            "deadline": [None, deadline],
            "subject": [None, str(subject) if subject else None],
        },
    )
    notifications.circulated(proposal, version.text)
    return proposal


@transaction.atomic
def circulate_in_writing(who, *, title: str, text: str, deadline: datetime, subject=None) -> Proposal:
    """The Chair circulates a proposal for decision in writing: the silence procedure (ToR 3.B.3, 3.D.1).
    The organizations with voting rights today are those whose objection can block it."""
    actor = policy.require(who, "decisions.circulate", subject)
    now = current_time()
    if deadline is not None and timezone.is_naive(deadline):
        raise ValidationError(_("The deadline needs a time zone."))
    _refuse_if(rules.deadline_must_be_in_the_future(deadline, now))
    return _start(
        actor,
        title=title,
        text=text,
        procedure=Procedure.WRITING,
        called_at=now,
        deadline=deadline,
        subject=subject,
        meeting=None,
        voters=_voting_organizations(now.date()),
    )


@transaction.atomic
def table_at_meeting(who, *, meeting, title: str, text: str, subject=None) -> Proposal:
    """The Chair tables a proposal at a meeting and calls for objections among the voting members
    present (ToR 3.B.3, 3.B.7); the proposal becomes an item of the meeting's agenda."""
    actor = policy.require(who, "decisions.table", subject)
    proposal = _start(
        actor,
        title=title,
        text=text,
        procedure=Procedure.MEETING,
        called_at=current_time(),
        deadline=None,
        subject=subject,
        meeting=meeting,
        voters=_voting_members_present(meeting),
    )
    _add_to_agenda(actor, meeting, proposal, title=_("For decision: %(title)s") % {"title": proposal.title})
    return proposal


def _add_to_agenda(actor, meeting, target, *, title):
    from icat.meetings import services as meeting_services

    return meeting_services.add_agenda_item(actor, meeting, title=str(title)[:300], subject=target)


def current_positions(proposal: Proposal, version=None) -> list[tuple[int, str]]:
    """(organization id, position) of every stance on the current version, in the order recorded."""
    version = version or current_version(proposal)
    return list(
        Stance.objects.filter(version=version).order_by("at", "id").values_list("organization_id", "position")
    )


def _checked_copy(upload):
    """The copy of an organization's message: a PDF, PNG, JPEG or plain-text e-mail, judged by content."""
    if upload is None:
        return None
    if upload.size > MAX_COPY_BYTES:
        raise ValidationError(_("The copy is larger than 10 MB."))
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if head.startswith(COPY_SIGNATURES):
        return upload
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(
            _("The copy must be a PDF, an image (PNG, JPEG) or a plain-text e-mail.")
        ) from None
    return upload


def _status(organization, day):
    return (
        OrganizationStatus.objects.on(day)
        .filter(organization=organization)
        .values_list("status", flat=True)
        .first()
    )


def _add_stance(who, proposal, *, organization, position, reason, on_behalf_received_at, attachment, action):
    actor = policy.require(who, "decisions.record_stance", organization)
    on_behalf = not actor.represents(organization)
    actor = actor.for_organization(organization)
    now = current_time()
    proposal = _locked(proposal)
    _refuse_if(rules.proposal_must_be_open(proposal))
    _refuse_if(rules.nothing_after_the_deadline(proposal, now))
    voter_ids = set(proposal.voters.values_list("organization_id", flat=True))
    _refuse_if(
        rules.stance_needs_voting_rights_at_the_call(
            organization, voter_ids, _status(organization, proposal.called_at.date())
        )
    )
    reason = (reason or "").strip()
    _refuse_if(rules.objection_needs_a_written_reason(position, reason))
    version = current_version(proposal)
    if position == Position.OBJECTION_WITHDRAWN:
        latest = dict(current_positions(proposal, version)).get(organization.pk)
        _refuse_if(rules.only_a_standing_objection_is_withdrawn(latest))
    if on_behalf:
        _refuse_if(
            rules.on_behalf_needs_message_date_and_copy(on_behalf_received_at, now, attachment is not None)
        )
    stance = Stance(
        proposal=proposal,
        version=version,
        organization=organization,
        position=position,
        reason=reason,
        acted_by=actor.user,
        acted_by_label=actor.label,
        on_behalf=on_behalf,
        message_received_at=on_behalf_received_at if on_behalf else None,
    )
    if on_behalf:
        copy = _checked_copy(attachment)
        stance.copy.save(copy.name, copy, save=False)
    stance.save()
    audit.record(
        actor,
        action,
        proposal,
        organization=organization,
        changes={"position": [None, position], "version": [None, version.number]},
        note=reason
        + (
            _(" (recorded on behalf, message of %(day)s)") % {"day": on_behalf_received_at.isoformat()}
            if on_behalf
            else ""
        ),
    )
    if position == Position.OBJECTION:
        notifications.objection(proposal, stance)
    return stance


@transaction.atomic
def record_stance(
    who,
    proposal: Proposal,
    *,
    organization,
    position: str,
    reason: str = "",
    on_behalf_received_at=None,
    attachment=None,
) -> Stance:
    """An organization with voting rights at the call says "no objection" or "objection" (with its
    reason); a focal point acts for it, or the secretariat records a stance sent by e-mail or letter
    on its behalf, with the message's date and a copy (ToR 3.B.3, 3.B.7)."""
    if position not in (Position.NO_OBJECTION, Position.OBJECTION):
        raise ValidationError(_('A stance is "no objection" or "objection".'))
    return _add_stance(
        who,
        proposal,
        organization=organization,
        position=position,
        reason=reason,
        on_behalf_received_at=on_behalf_received_at,
        attachment=attachment,
        action="decisions.record_stance",
    )


@transaction.atomic
def withdraw_objection(
    who, proposal: Proposal, *, organization, reason: str = "", on_behalf_received_at=None, attachment=None
) -> Stance:
    """An organization withdraws its standing objection, which then no longer blocks (ToR 3.B.3)."""
    return _add_stance(
        who,
        proposal,
        organization=organization,
        position=Position.OBJECTION_WITHDRAWN,
        reason=reason,
        on_behalf_received_at=on_behalf_received_at,
        attachment=attachment,
        action="decisions.withdraw_objection",
    )


@transaction.atomic
def comment(who, proposal: Proposal, *, text: str, organization=None) -> Comment:
    """A focal point (partners and observers included) or the secretariat comments; a comment never blocks."""
    actor = policy.require(who, "decisions.comment", organization)
    if organization is not None:
        actor = actor.for_organization(organization)
    proposal = _locked(proposal)
    _refuse_if(rules.proposal_must_be_open(proposal))
    _refuse_if(rules.nothing_after_the_deadline(proposal, current_time()))
    row = Comment.objects.create(
        proposal=proposal,
        version=current_version(proposal),
        organization=organization,
        author=actor.user,
        author_label=actor.label,
        text=_required_text(text, _("The comment")),
    )
    audit.record(actor, "decisions.comment", proposal, organization=organization, note=row.text)
    return row


@transaction.atomic
def revise(
    who, proposal: Proposal, *, text: str, note: str, deadline: datetime | None = None
) -> ProposalVersion:
    """The Chair puts a new version forward, e.g. after an objection. Stances were given on the earlier
    text, so they no longer count: every organization answers the new version (silence still agrees).
    A written procedure whose deadline passed needs a new one."""
    actor = policy.require(who, "decisions.revise", proposal)
    proposal = _locked(proposal)
    _refuse_if(rules.proposal_must_be_open(proposal))
    now = current_time()
    if proposal.procedure == Procedure.WRITING and (deadline is not None or proposal.deadline <= now):
        _refuse_if(rules.deadline_must_be_in_the_future(deadline, now))
    previous = current_version(proposal)
    text = _required_text(text, _("The text"))
    if text == previous.text:
        raise ValidationError(_("The new version is the same as the current one."))
    version = ProposalVersion.objects.create(
        proposal=proposal,
        number=previous.number + 1,
        text=text,
        note=_required_text(note, _("The note")),
        author=actor.user,
        author_label=actor.label,
    )
    changes = {"version": [previous.number, version.number]}
    if deadline is not None and proposal.procedure == Procedure.WRITING:
        changes["deadline"] = [proposal.deadline, deadline]
        proposal.deadline = deadline
        proposal.reminder_sent_at = None
        proposal.save(update_fields=["deadline", "reminder_sent_at"])
    audit.record(actor, "decisions.revise", proposal, changes=changes, note=version.note)
    notifications.revised(proposal, version)
    return version


def _close(actor, proposal, state, note=""):
    proposal.state = state
    proposal.closed_at = current_time()
    proposal.closed_by_label = actor.label
    proposal.closing_note = note
    proposal.save(update_fields=["state", "closed_at", "closed_by_label", "closing_note"])


def _record_content(proposal, actor, confirmed_at):
    voters = proposal.voters.select_related("organization").order_by("organization__name")
    stances = proposal.stances.select_related("organization", "version").order_by("at", "id")
    comments = proposal.comments.select_related("organization", "version").order_by("at", "id")
    return {
        "voting_organizations": [
            {"name": voter.organization.name, "acronym": voter.organization.acronym} for voter in voters
        ],
        "versions": [
            {"number": row.number, "note": row.note, "by": row.author_label, "at": row.created_at.isoformat()}
            for row in proposal.versions.order_by("number")
        ],
        "stances": [
            {
                "organization": row.organization.short_name,
                "position": row.position,
                "reason": row.reason,
                "version": row.version.number,
                "by": row.acted_by_label,
                "on_behalf": row.on_behalf,
                "message_received_at": row.message_received_at.isoformat()
                if row.message_received_at
                else None,
                "at": row.at.isoformat(),
            }
            for row in stances
        ],
        "comments": [
            {
                "organization": row.organization.short_name if row.organization else "",
                "by": row.author_label,
                "text": row.text,
                "version": row.version.number,
                "at": row.at.isoformat(),
            }
            for row in comments
        ],
        "confirmation": {
            "by": actor.label,
            "for": actor.acting_for.short_name if actor.acting_for else "",
            "at": confirmed_at.isoformat(),
        },
    }


def _append_record(actor, proposal, version) -> DecisionRecord:
    RecordChain.objects.get_or_create(pk=1)
    RecordChain.objects.select_for_update().get(pk=1)
    head = DecisionRecord.objects.order_by("-position").first()
    confirmed_at = current_time().replace(microsecond=0)
    year = confirmed_at.year
    sequence = DecisionRecord.objects.filter(year=year).count() + 1
    record = DecisionRecord(
        proposal=proposal,
        position=(head.position + 1) if head else 1,
        number=f"{settings.GROUP_SHORT_NAME}/WG/{year}/{sequence:02d}",
        year=year,
        sequence=sequence,
        title=proposal.title,
        text=version.text,
        version_number=version.number,
        procedure=proposal.procedure,
        subject_type=proposal.content_type,
        subject_id=proposal.object_id,
        subject_label=str(proposal.subject)[:300] if proposal.subject is not None else "",
        meeting_label=proposal.meeting_label,
        called_at=proposal.called_at,
        deadline=proposal.deadline,
        confirmed_at=confirmed_at,
        confirmed_by=actor.user,
        confirmed_by_label=actor.label,
        content=_record_content(proposal, actor, confirmed_at),
        previous_hash=head.hash if head else "",
    )
    record.hash = record.computed_hash()
    record.save()
    return record


def _chair_actor(who, action, proposal):
    actor = policy.require(who, action, proposal)
    chairing = [org_id for org_id in actor.organization_ids if actor.org_has(org_id, policy.Role.CHAIR)]
    if chairing and not actor.is_system:
        from icat.orgs.models import Organization

        actor = actor.for_organization(Organization.objects.get(pk=chairing[0]))
    return actor


@transaction.atomic
def confirm_adoption(who, proposal: Proposal) -> DecisionRecord:
    """The Chair (or a Co-Chair) confirms "adopted by consensus" when no objection stands (ToR 3.B.3);
    in writing, after the deadline or once every organization with voting rights agreed (ToR 3.D.1).
    The record is written and ``decision_adopted`` sent in this same transaction."""
    actor = _chair_actor(who, "decisions.confirm", proposal)
    proposal = _locked(proposal)
    _refuse_if(rules.proposal_must_be_open(proposal))
    version = current_version(proposal)
    positions = current_positions(proposal, version)
    objecting = rules.standing_objections(positions)
    _refuse_if(rules.adoption_needs_no_standing_objection(objecting))
    voter_ids = set(proposal.voters.values_list("organization_id", flat=True))
    agreed = {org for org, position in dict(positions).items() if position != Position.OBJECTION}
    everyone_agreed = bool(voter_ids) and voter_ids <= agreed
    _refuse_if(rules.written_procedure_closes_at_the_deadline(proposal, current_time(), everyone_agreed))
    _close(actor, proposal, Proposal.State.ADOPTED)
    record = _append_record(actor, proposal, version)
    audit.record(
        actor,
        "decisions.confirm",
        proposal,
        changes={"state": [Proposal.State.OPEN, proposal.state]},
        note=record.number,
    )
    decision_adopted.send(sender=Proposal, proposal=proposal, record=record)
    notifications.outcome(proposal, record)
    return record


@transaction.atomic
def record_not_adopted(who, proposal: Proposal, *, note: str = "") -> Proposal:
    """The Chair records that consensus was not reached: an objection stands (ToR 3.B.3)."""
    actor = _chair_actor(who, "decisions.record_not_adopted", proposal)
    proposal = _locked(proposal)
    _refuse_if(rules.proposal_must_be_open(proposal))
    if not rules.standing_objections(current_positions(proposal)):
        raise ValidationError(_("No objection stands: the proposal cannot be recorded as not adopted."))
    _close(actor, proposal, Proposal.State.NOT_ADOPTED, note)
    audit.record(
        actor,
        "decisions.record_not_adopted",
        proposal,
        changes={"state": [Proposal.State.OPEN, proposal.state]},
        note=note,
    )
    decision_not_adopted.send(sender=Proposal, proposal=proposal)
    notifications.outcome(proposal)
    return proposal


@transaction.atomic
def withdraw_proposal(who, proposal: Proposal, *, note: str = "") -> Proposal:
    """The Chair withdraws a proposal that is still open; it stays on file, closed."""
    actor = _chair_actor(who, "decisions.withdraw_proposal", proposal)
    proposal = _locked(proposal)
    _refuse_if(rules.proposal_must_be_open(proposal))
    _close(actor, proposal, Proposal.State.WITHDRAWN, note)
    audit.record(
        actor,
        "decisions.withdraw_proposal",
        proposal,
        changes={"state": [Proposal.State.OPEN, proposal.state]},
        note=note,
    )
    notifications.outcome(proposal)
    return proposal


REMINDER_WINDOW = timedelta(hours=48)


@transaction.atomic
def send_due_reminders(who, now=None) -> int:
    """48 hours before a written procedure's deadline, remind the organizations with voting rights that
    have not answered (once per deadline). Returns how many proposals were reminded."""
    actor = policy.require(who, "decisions.send_reminders")
    now = now or current_time()
    due = Proposal.objects.select_for_update(skip_locked=True).filter(
        state=Proposal.State.OPEN,
        procedure=Procedure.WRITING,
        reminder_sent_at__isnull=True,
        deadline__gt=now,
        deadline__lte=now + REMINDER_WINDOW,
    )
    count = 0
    for proposal in due:
        answered = {org for org, _position in current_positions(proposal)}
        silent = set(proposal.voters.values_list("organization_id", flat=True)) - answered
        if silent:
            notifications.reminder(proposal, silent)
        proposal.reminder_sent_at = now
        proposal.save(update_fields=["reminder_sent_at"])
        audit.record(actor, "decisions.remind", proposal, note=str(len(silent)))
        count += 1
    return count


# --- Membership and partnership applications (ToR 3.A.3–4) ------------------------------------------

APPLICATION_FIELDS = [
    "organization_name",
    "acronym",
    "website",
    "requested_status",
    "contact_name",
    "contact_email",
    "contact_title",
    "mandate",
    "statute_excerpt",
    "claims_intergovernmental",
    "claimed_scope",
    "claims_mandate_covers_trafficking",
]


@transaction.atomic
def submit_application(who, **fields) -> Application:
    """An organization applies in writing to join as member or partner (ToR 3.A.3); anyone may apply.
    The applicant receives a private link to follow its application."""
    actor = policy.require(who, "decisions.apply")
    unknown = set(fields) - set(APPLICATION_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    application = Application(**fields)
    application.full_clean()
    application.save()
    audit.record(
        actor,
        "decisions.apply",
        application,
        changes={
            name: [None, value] for name, value in audit.snapshot(application, APPLICATION_FIELDS).items()
        },
    )
    notifications.application_received(application)
    return application


@transaction.atomic
def assess_application(
    who,
    application: Application,
    *,
    kind: str,
    scope: str,
    mandate_covers_trafficking: bool,
    assessment: str,
    organization=None,
) -> Application:
    """The secretariat checks the criteria of ToR 3.A.4 against the statute and records its assessment.
    The organization enters the registry without a status (or, already known, keeps its standing): its
    status changes only by the Working Group's decision, from that day."""
    from icat.orgs import rules as org_rules
    from icat.orgs import services as org_services
    from icat.orgs.models import Organization

    actor = policy.require(who, "decisions.assess_application", application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.state not in (
        Application.State.RECEIVED,
        Application.State.CRITERIA_UNMET,
        Application.State.ASSESSED,
    ):
        raise ValidationError(_("This application is already before the Working Group."))
    assessment = _required_text(assessment, _("The assessment"))
    system = policy.system_actor(f"assessment of application {application.pk}")
    if organization is None and application.organization is None:
        existing = Organization.objects.filter(name__iexact=application.organization_name).first()
        organization = existing or org_services.create_organization(
            system,
            slug=_free_slug(application),
            name=application.organization_name,
            acronym=application.acronym,
            kind=kind,
            scope=scope,
            website=application.website,
            mandate_summary=application.mandate,
            mandate_covers_trafficking=mandate_covers_trafficking,
        )
    organization = organization or application.organization
    org_services.update_organization(
        system, organization, kind=kind, scope=scope, mandate_covers_trafficking=mandate_covers_trafficking
    )
    unmet = org_rules.membership_criteria_unmet(organization)
    before = application.state
    application.organization = organization
    application.state = Application.State.CRITERIA_UNMET if unmet else Application.State.ASSESSED
    application.assessment = "\n".join([assessment, *[str(reason) for reason in unmet]])
    application.assessed_at = current_time()
    application.assessed_by_label = actor.label
    application.save()
    audit.record(
        actor,
        "decisions.assess_application",
        application,
        organization=organization,
        changes={"state": [before, application.state]},
        note=application.assessment,
    )
    return application


def _free_slug(application) -> str:
    from django.utils.text import slugify

    from icat.orgs.models import Organization

    base = slugify(application.acronym or application.organization_name)[:50] or "organization"
    slug, counter = base, 1
    while Organization.objects.filter(slug=slug).exists():
        counter += 1
        slug = f"{base}-{counter}"
    return slug


@transaction.atomic
def introduce_application(who, application: Application, *, meeting):
    """The Chair introduces the application at the next Working Group meeting (ToR 3.A.3): it becomes an
    item of that meeting's agenda, pointing at the application."""
    actor = policy.require(who, "decisions.introduce_application", application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    _refuse_if(
        rules.application_meets_the_criteria(
            []
            if application.state == Application.State.ASSESSED
            else [_("The secretariat has not found the criteria of ToR 3.A.4 met.")]
        )
    )
    if meeting.starts_at <= current_time() or meeting.status == meeting.Status.CANCELLED:
        raise ValidationError(_("The Chair introduces an application at a coming Working Group meeting."))
    item = _add_to_agenda(actor, meeting, application, title=str(application))
    application.state = Application.State.INTRODUCED
    application.save(update_fields=["state"])
    audit.record(
        actor,
        "decisions.introduce_application",
        application,
        organization=application.organization,
        changes={"state": [Application.State.ASSESSED, application.state]},
        note=str(meeting),
    )
    return item


def admit_applicant(application: Application, record: DecisionRecord):
    """On adoption: the organization becomes member or partner from the decision's date, and its focal
    point is invited to create an account (ToR 3.A.2–3)."""
    from icat.accounts.models import User
    from icat.orgs import services as org_services

    system = policy.system_actor(f"decision {record.number}")
    day = record.confirmed_at.date()
    org_services.change_status(
        system, application.organization, application.requested_status, on=day, source=record.number
    )
    person = User.objects.filter(email__iexact=application.contact_email).first()
    if person is None:
        first, _space, last = application.contact_name.partition(" ")
        person = User(
            username=application.contact_email.lower()[:150],
            email=application.contact_email,
            first_name=first[:150],
            last_name=last[:150],
            is_active=False,
        )
        person.set_unusable_password()
        person.save()
    org_services.designate_focal_point(
        system,
        application.organization,
        person,
        on=day,
        title=application.contact_title,
        source=record.number,
    )
    application.state = Application.State.ADMITTED
    application.save(update_fields=["state"])
    audit.record(
        system,
        "decisions.admit",
        application,
        organization=application.organization,
        changes={"state": [Application.State.INTRODUCED, application.state]},
        note=record.number,
    )
    notifications.admitted(application, record, person)


def refuse_applicant(application: Application):
    system = policy.system_actor("decision not adopted")
    application.state = Application.State.NOT_ADMITTED
    application.save(update_fields=["state"])
    audit.record(
        system,
        "decisions.not_admit",
        application,
        organization=application.organization,
        changes={"state": [Application.State.INTRODUCED, application.state]},
    )
    notifications.application_update(application)


@transaction.atomic
def accept_invitation(person, password: str):
    """An invited focal point sets a password and the account becomes active (the link was the proof)."""
    person.set_password(password)
    person.is_active = True
    person.save()
    actor = policy.Actor(user=person, label=str(person))
    audit.record(actor, "decisions.accept_invitation", person)
    return person
