"""Reads about decisions, shared by pages and the API; each runs a bounded number of queries."""

import difflib
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import rules
from .models import Application, Comment, DecisionRecord, Proposal, ProposalVersion, Stance, Voter


def recent_proposals() -> QuerySet[Proposal]:
    return Proposal.objects.annotate(version_count=Count("versions")).order_by("-called_at", "-id")


def open_consultations(actor) -> QuerySet[Proposal]:
    """Open proposals where one of the actor's organizations has voting rights at the call, annotated with
    ``answered``: whether that organization already has a stance on the current version."""
    mine = Voter.objects.filter(proposal=OuterRef("pk"), organization__in=actor.organization_ids)
    current_version = ProposalVersion.objects.filter(proposal=OuterRef("proposal")).order_by("-number")
    answered = Stance.objects.filter(
        proposal=OuterRef("pk"),
        organization__in=actor.organization_ids,
        version=Subquery(current_version.values("pk")[:1]),
    )
    return (
        Proposal.objects.filter(Exists(mine), state=Proposal.State.OPEN)
        .annotate(answered=Exists(answered))
        .order_by("deadline", "called_at")
    )


def open_proposals() -> QuerySet[Proposal]:
    return Proposal.objects.filter(state=Proposal.State.OPEN).order_by("deadline", "called_at")


@dataclass
class ProposalView:
    """A proposal with everything its page shows, loaded in a fixed number of queries."""

    proposal: Proposal
    versions: list[ProposalVersion]
    voters: list
    stances: list[Stance]
    comments: list[Comment]
    latest: dict = field(default_factory=dict)  # organization id -> Stance on the current version
    objecting: set = field(default_factory=set)

    @property
    def current(self) -> ProposalVersion:
        return self.versions[-1]

    @property
    def rows(self) -> list:
        """(voter, its stance on the current version or None) for each organization with voting rights."""
        return [(voter, self.latest.get(voter.organization_id)) for voter in self.voters]

    @property
    def silent(self) -> list:
        return [voter for voter in self.voters if voter.organization_id not in self.latest]


def proposal_view(pk: int) -> ProposalView:
    proposal = Proposal.objects.select_related("content_type").get(pk=pk)
    versions = list(proposal.versions.order_by("number"))
    voters = list(proposal.voters.select_related("organization").order_by("organization__name"))
    stances = list(proposal.stances.select_related("organization", "version").order_by("at", "id"))
    comments = list(proposal.comments.select_related("organization", "version").order_by("at", "id"))
    current = versions[-1]
    latest = {}
    for stance in stances:
        if stance.version_id == current.pk:
            latest[stance.organization_id] = stance
    objecting = rules.standing_objections((org, stance.position) for org, stance in latest.items())
    return ProposalView(proposal, versions, voters, stances, comments, latest, objecting)


def word_diff(old: str, new: str):
    """The change between two versions, word by word, as HTML with <del> and <ins> (escaped text)."""
    old_words, new_words = old.split(" "), new.split(" ")
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
        a=old_words, b=new_words, autojunk=False
    ).get_opcodes():
        if tag in ("delete", "replace"):
            parts.append(f"<del>{escape(' '.join(old_words[i1:i2]))}</del>")
        if tag in ("insert", "replace"):
            parts.append(f"<ins>{escape(' '.join(new_words[j1:j2]))}</ins>")
        if tag == "equal":
            parts.append(escape(" ".join(old_words[i1:i2])))
    return mark_safe(" ".join(parts))  # noqa: S308 - every piece of user text is escaped above


def records(*, text: str = "", year: int | None = None, subject: str = "") -> QuerySet[DecisionRecord]:
    """The Coordinator's repository of decisions (ToR 3.C.2), searchable and filterable."""
    queryset = DecisionRecord.objects.defer("content").select_related("subject_type").order_by("-position")
    if text:
        queryset = queryset.filter(
            Q(title__icontains=text)
            | Q(text__icontains=text)
            | Q(number__icontains=text)
            | Q(subject_label__icontains=text)
        )
    if year:
        queryset = queryset.filter(year=year)
    if subject == "none":
        queryset = queryset.filter(subject_type__isnull=True)
    elif subject:
        queryset = queryset.filter(subject_type__model=subject)
    return queryset


def record_years() -> list[int]:
    return list(DecisionRecord.objects.order_by("-year").values_list("year", flat=True).distinct())


def record_subject_kinds() -> list[ContentType]:
    return list(
        ContentType.objects.filter(pk__in=DecisionRecord.objects.values("subject_type")).order_by("model")
    )


def record(year: int, sequence: int) -> DecisionRecord:
    return DecisionRecord.objects.select_related("subject_type").get(year=year, sequence=sequence)


def applications(state: str = "") -> QuerySet[Application]:
    queryset = Application.objects.select_related("organization")
    return queryset.filter(state=state) if state else queryset


def proposals_about(subject) -> QuerySet[Proposal]:
    return (
        Proposal.objects.filter(content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk)
        .select_related("record")
        .order_by("-called_at")
    )
