"""Decisions over the API: the same services and queries as the pages. Records and the chain check are
public; proposals and every write need a signed-in focal point, Chair or secretariat."""

from datetime import datetime

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile

from icat import policy
from icat.accounts.api import SIGNED_IN
from icat.orgs.models import Organization

from . import queries, services
from .chain import verify_chain
from .models import Application, Position, Proposal

router = Router(tags=["decisions"])


class StanceOut(Schema):
    organization: str
    position: str
    reason: str
    version: int
    recorded_by: str | None
    on_behalf: bool
    message_received_at: datetime | None
    at: datetime


class CommentOut(Schema):
    organization: str | None
    text: str
    version: int
    at: datetime


class ProposalOut(Schema):
    id: int
    title: str
    procedure: str
    state: str
    called_at: datetime
    deadline: datetime | None = Field(description="UTC")
    subject_type: str | None
    subject_id: int | None
    version: int
    text: str
    voting_organizations: list[str]
    standing_objections: list[str]
    stances: list[StanceOut]
    comments: list[CommentOut]
    record: str | None


class ProposalSummary(Schema):
    id: int
    title: str
    procedure: str
    state: str
    called_at: datetime
    deadline: datetime | None = Field(description="UTC")


class ProposalMine(ProposalSummary):
    answered: bool = Field(description="Whether your organization has a stance on the current version")


class RecordOut(Schema):
    number: str
    year: int
    sequence: int
    title: str
    text: str
    procedure: str
    subject_label: str
    called_at: datetime
    deadline: datetime | None
    confirmed_at: datetime
    confirmed_by: str = Field(alias="confirmed_by_label")
    hash: str
    previous_hash: str


class RecordDetail(RecordOut):
    content: dict


class ChainOut(Schema):
    intact: bool
    checked: int
    first_broken: str | None = Field(None, description="Number of the first record whose link is broken")
    problem: str


class WrittenIn(Schema):
    title: str
    text: str
    deadline: datetime = Field(description="With a time zone; stored in UTC")
    subject_type: str | None = Field(None, description="app_label.model, e.g. decisions.application")
    subject_id: int | None = None


class StanceIn(Schema):
    organization: str = Field(description="The organization's slug")
    position: str = Field(description="no_objection or objection")
    reason: str = ""


class WithdrawIn(Schema):
    organization: str
    reason: str = ""


class CommentIn(Schema):
    text: str
    organization: str | None = Field(None, description="Slug; empty for the secretariat")


class VersionIn(Schema):
    text: str
    note: str
    deadline: datetime | None = None


class NoteIn(Schema):
    note: str = ""


class ApplicationIn(Schema):
    organization_name: str
    acronym: str = ""
    website: str = ""
    requested_status: str
    contact_name: str
    contact_email: str
    contact_title: str = ""
    mandate: str
    statute_excerpt: str
    claims_intergovernmental: bool
    claimed_scope: str
    claims_mandate_covers_trafficking: bool


class ApplicationOut(Schema):
    id: int
    state: str
    status_url: str = Field(alias="get_status_url")


class RecordFilters(Schema):
    q: str | None = Field(None, max_length=100)
    year: int | None = None
    subject: str | None = Field(None, description="Model name of the subject, or 'none'")


def _proposal_out(pk: int, actor) -> dict:
    view = queries.proposal_view(pk)
    item = view.proposal
    show_who = policy.can(actor, "decisions.view_who_acted")
    names = {voter.organization_id: voter.organization.short_name for voter in view.voters}
    record = getattr(item, "record", None) if item.state == Proposal.State.ADOPTED else None
    return {
        "id": item.pk,
        "title": item.title,
        "procedure": item.procedure,
        "state": item.state,
        "called_at": item.called_at,
        "deadline": item.deadline,
        "subject_type": f"{item.content_type.app_label}.{item.content_type.model}"
        if item.content_type
        else None,
        "subject_id": item.object_id,
        "version": view.current.number,
        "text": view.current.text,
        "voting_organizations": [voter.organization.short_name for voter in view.voters],
        "standing_objections": sorted(names.get(org, str(org)) for org in view.objecting),
        "stances": [
            {
                "organization": row.organization.short_name,
                "position": row.position,
                "reason": row.reason,
                "version": row.version.number,
                "recorded_by": row.acted_by_label if show_who else None,
                "on_behalf": row.on_behalf,
                "message_received_at": row.message_received_at,
                "at": row.at,
            }
            for row in view.stances
        ],
        "comments": [
            {
                "organization": row.organization.short_name if row.organization else None,
                "text": row.text,
                "version": row.version.number,
                "at": row.at,
            }
            for row in view.comments
        ],
        "record": record.number if record else None,
    }


def _require_view(request):
    policy.require(request.actor, "decisions.view_proposals")


def _organization(slug: str | None):
    if not slug:
        return None
    return get_object_or_404(Organization, slug=slug)


def _subject(payload: WrittenIn):
    if not payload.subject_type:
        return None
    try:
        model = apps.get_model(payload.subject_type)
    except (LookupError, ValueError):
        raise ValidationError(
            _("Unknown kind of subject: %(kind)s") % {"kind": payload.subject_type}
        ) from None
    return get_object_or_404(model, pk=payload.subject_id)


@router.get("/proposals", response=list[ProposalSummary], auth=SIGNED_IN, summary="Open proposals")
def list_open(request):
    _require_view(request)
    return list(queries.open_proposals())


@router.get(
    "/proposals/mine",
    response=list[ProposalMine],
    auth=SIGNED_IN,
    summary="Open consultations for my organizations, with whether each is answered",
)
def list_mine(request):
    _require_view(request)
    return list(queries.open_consultations(request.actor))


@router.get("/proposals/{proposal_id}", response=ProposalOut, auth=SIGNED_IN, summary="One proposal")
def proposal_detail(request, proposal_id: int):
    _require_view(request)
    return _proposal_out(proposal_id, request.actor)


@router.post(
    "/proposals",
    response={201: ProposalOut},
    auth=SIGNED_IN,
    summary="The Chair circulates a proposal in writing (silence procedure, ToR 3.D.1)",
)
def circulate(request, payload: WrittenIn):
    proposal = services.circulate_in_writing(
        request.actor,
        title=payload.title,
        text=payload.text,
        deadline=payload.deadline,
        subject=_subject(payload),
    )
    return Status(201, _proposal_out(proposal.pk, request.actor))


def _write(request, proposal_id, act):
    proposal = get_object_or_404(Proposal, pk=proposal_id)
    act(proposal)
    return _proposal_out(proposal.pk, request.actor)


@router.post(
    "/proposals/{proposal_id}/stances",
    response=ProposalOut,
    auth=SIGNED_IN,
    summary="Record an organization's stance: no_objection or objection (with a reason)",
)
def record_stance(request, proposal_id: int, payload: StanceIn):
    return _write(
        request,
        proposal_id,
        lambda proposal: services.record_stance(
            request.actor,
            proposal,
            organization=_organization(payload.organization),
            position=payload.position,
            reason=payload.reason,
        ),
    )


class OnBehalfIn(Schema):
    organization: str = Field(description="The organization's slug")
    position: str = Field(description="no_objection, objection or withdrawn")
    reason: str = ""
    message_received_at: datetime = Field(description="Date of the organization's e-mail or letter")


@router.post(
    "/proposals/{proposal_id}/stances/on-behalf",
    response=ProposalOut,
    auth=SIGNED_IN,
    summary="The secretariat records a stance sent by e-mail or letter, with a copy (multipart form)",
)
def record_on_behalf(request, proposal_id: int, payload: Form[OnBehalfIn], message_copy: File[UploadedFile]):
    def act(proposal):
        kwargs = {
            "organization": _organization(payload.organization),
            "reason": payload.reason,
            "on_behalf_received_at": payload.message_received_at,
            "attachment": message_copy,
        }
        if payload.position == Position.OBJECTION_WITHDRAWN:
            return services.withdraw_objection(request.actor, proposal, **kwargs)
        return services.record_stance(request.actor, proposal, position=payload.position, **kwargs)

    return _write(request, proposal_id, act)


@router.post(
    "/proposals/{proposal_id}/withdraw-objection",
    response=ProposalOut,
    auth=SIGNED_IN,
    summary="Withdraw an organization's standing objection",
)
def withdraw_objection(request, proposal_id: int, payload: WithdrawIn):
    return _write(
        request,
        proposal_id,
        lambda proposal: services.withdraw_objection(
            request.actor, proposal, organization=_organization(payload.organization), reason=payload.reason
        ),
    )


@router.post("/proposals/{proposal_id}/comments", response=ProposalOut, auth=SIGNED_IN, summary="Comment")
def add_comment(request, proposal_id: int, payload: CommentIn):
    return _write(
        request,
        proposal_id,
        lambda proposal: services.comment(
            request.actor, proposal, text=payload.text, organization=_organization(payload.organization)
        ),
    )


@router.post(
    "/proposals/{proposal_id}/versions",
    response=ProposalOut,
    auth=SIGNED_IN,
    summary="The Chair puts forward a new version",
)
def revise(request, proposal_id: int, payload: VersionIn):
    return _write(
        request,
        proposal_id,
        lambda proposal: services.revise(
            request.actor, proposal, text=payload.text, note=payload.note, deadline=payload.deadline
        ),
    )


@router.post(
    "/proposals/{proposal_id}/confirm",
    response={201: RecordOut},
    auth=SIGNED_IN,
    summary="The Chair confirms adoption by consensus; returns the record",
)
def confirm(request, proposal_id: int):
    return Status(201, services.confirm_adoption(request.actor, get_object_or_404(Proposal, pk=proposal_id)))


@router.post(
    "/proposals/{proposal_id}/not-adopted",
    response=ProposalOut,
    auth=SIGNED_IN,
    summary="The Chair records that consensus was not reached",
)
def not_adopted(request, proposal_id: int, payload: NoteIn):
    return _write(
        request,
        proposal_id,
        lambda proposal: services.record_not_adopted(request.actor, proposal, note=payload.note),
    )


@router.post(
    "/proposals/{proposal_id}/withdraw",
    response=ProposalOut,
    auth=SIGNED_IN,
    summary="The Chair withdraws the proposal",
)
def withdraw(request, proposal_id: int, payload: NoteIn):
    return _write(
        request,
        proposal_id,
        lambda proposal: services.withdraw_proposal(request.actor, proposal, note=payload.note),
    )


@router.get("/records", response=list[RecordOut], summary="Decision records (ToR 3.C.2), newest first")
def list_records(request, filters: Query[RecordFilters]):
    found = queries.records(text=filters.q or "", year=filters.year, subject=filters.subject or "")
    return list(found[:200])


@router.get(
    "/records/{year}/{sequence}", response=RecordDetail, summary="One decision record with every stance"
)
def record_detail(request, year: int, sequence: int):
    record = queries.record(year, sequence)
    if not policy.can(request.actor, "decisions.view_who_acted"):
        content = dict(record.content)
        content["stances"] = [{**row, "by": None} for row in content["stances"]]
        content["comments"] = [{**row, "by": None} for row in content["comments"]]
        content["versions"] = [{**row, "by": None} for row in content["versions"]]
        record.content = content
    return record


@router.get(
    "/chain/verify",
    response=ChainOut,
    url_name="decisions_verify_chain",
    summary="Verify the hash chain of decision records; reports the first broken link",
)
def verify(request):
    report = verify_chain()
    return {
        "intact": report.intact,
        "checked": report.checked,
        "first_broken": report.first_broken.number if report.first_broken else None,
        "problem": report.problem,
    }


@router.post(
    "/applications",
    response={201: ApplicationOut},
    summary="Apply in writing to join as member or partner (ToR 3.A.3)",
)
def apply(request, payload: ApplicationIn):
    return Status(201, services.submit_application(request.actor, **payload.dict()))


@router.get(
    "/applications/{application_id}",
    response=ApplicationOut,
    auth=SIGNED_IN,
    summary="An application's state (secretariat and Chair)",
)
def application_detail(request, application_id: int):
    if not policy.can(request.actor, "decisions.view_applications"):
        raise PermissionDenied(str(policy.DENIAL_MESSAGES["decisions.view_applications"]))
    return get_object_or_404(Application, pk=application_id)
