"""The Terms of Reference's rules on decisions (ToR 3.A.3–4, 3.B.3, 3.B.7, 3.D.1, 3.F), one function each.

Each returns the refusal a person reads, or None when the rule is satisfied.
"""

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Position, Procedure

# What each stance means: shown on every proposal page so every focal point reads the same definition.
STANCE_MEANINGS = {
    Position.NO_OBJECTION: gettext_lazy(
        "Your organization does not object: it joins the consensus. In the silence procedure, saying "
        "nothing by the deadline means the same."
    ),
    Position.OBJECTION: gettext_lazy(
        "Your organization objects, with a written reason. While an objection stands there is no "
        "consensus and the Chair cannot confirm adoption (ToR 3.B.3)."
    ),
    Position.OBJECTION_WITHDRAWN: gettext_lazy(
        "Your organization withdraws its earlier objection; it no longer blocks the decision."
    ),
}
COMMENT_MEANING = gettext_lazy(
    "A comment informs the Working Group; it never blocks a decision. Partners and observers comment "
    "but do not object (ToR 3.B.7, 3.F)."
)


def standing_objections(stances: Iterable) -> set[int]:
    """ToR 3.B.3: an objection stands until the organization withdraws it (or the text is revised).
    ``stances`` are (organization_id, position) in the order they were recorded; returns the
    organizations whose latest stance is an objection."""
    latest = {}
    for organization_id, position in stances:
        latest[organization_id] = position
    return {org for org, position in latest.items() if position == Position.OBJECTION}


def adoption_needs_no_standing_objection(objecting: set) -> str | None:
    """ToR 3.B.3: decisions are taken by consensus; the Chair confirms adoption only when no
    objection stands."""
    if objecting:
        return _(
            "An objection stands: there is no consensus, so the Chair cannot confirm adoption (ToR 3.B.3)."
        )
    return None


def stance_needs_voting_rights_at_the_call(organization, voter_ids: set, status: str | None) -> str | None:
    """ToR 3.B.7: members of the Working Group vote from their first meeting; partners attend as
    non-voting observers. Only an organization with voting rights when the Chair called for
    objections records a stance; a partner or observer may comment but never object."""
    if organization.pk in voter_ids:
        return None
    if status == "partner":
        return _(
            "%(org)s is a partner: partners are non-voting observers who may comment but never object "
            "(ToR 3.B.7, 3.F)."
        ) % {"org": organization.short_name}
    return _(
        "%(org)s had no voting rights when the Chair called for objections, so it cannot record a stance "
        "(ToR 3.B.7); it may comment."
    ) % {"org": organization.short_name}


def nothing_after_the_deadline(proposal, now) -> str | None:
    """ToR 3.D.1 and 3.B.3: in the silence procedure a stance counts only if it arrives by the
    deadline; after it, nothing can be added."""
    if proposal.procedure == Procedure.WRITING and proposal.deadline and now >= proposal.deadline:
        return _(
            "The deadline (%(deadline)s UTC) has passed: no stance can be added to this written procedure "
            "any more."
        ) % {"deadline": proposal.deadline.strftime("%Y-%m-%d %H:%M")}
    return None


def proposal_must_be_open(proposal) -> str | None:
    """ToR 3.B.3: once the Chair has confirmed the outcome, or the proposal is withdrawn, it is closed."""
    if not proposal.is_open:
        return _("This proposal is closed (%(state)s).") % {"state": proposal.get_state_display()}
    return None


def objection_needs_a_written_reason(position: str, reason: str) -> str | None:
    """ToR 3.B.3: agreement, and so disagreement, is noted in writing: an objection states its reason."""
    if position == Position.OBJECTION and not reason.strip():
        return _("An objection must state its reason in writing.")
    return None


def only_a_standing_objection_is_withdrawn(current_position: str | None) -> str | None:
    """ToR 3.B.3: withdrawing an objection clears it; there must be one to withdraw."""
    if current_position != Position.OBJECTION:
        return _("This organization has no standing objection to withdraw.")
    return None


def written_procedure_closes_at_the_deadline(proposal, now, everyone_agreed: bool) -> str | None:
    """ToR 3.D.1: a decision taken electronically is adopted if no voting member objected by the
    deadline; the Chair confirms after it, or earlier once every voting member said "no objection"."""
    if proposal.procedure == Procedure.WRITING and now < proposal.deadline and not everyone_agreed:
        return _(
            "The written procedure runs until %(deadline)s UTC; the Chair confirms the outcome after the "
            "deadline, or earlier once every organization with voting rights has answered."
        ) % {"deadline": proposal.deadline.strftime("%Y-%m-%d %H:%M")}
    return None


def deadline_must_be_in_the_future(deadline, now) -> str | None:
    """ToR 3.D.1: the silence procedure gives the members time to answer: its deadline is ahead."""
    if deadline is None or deadline <= now:
        return _("The deadline must be in the future.")
    return None


def on_behalf_needs_message_date_and_copy(received_at, now, has_copy: bool) -> str | None:
    """ToR 3.B.3 and 3.C.2: the secretariat records a stance an organization sent by e-mail or letter
    "on behalf of" it, with the message's date and a copy kept on record."""
    if received_at is None or not has_copy:
        return _(
            "A stance recorded on behalf of an organization needs the date of its message and a copy of it."
        )
    if received_at > now:
        return _("The message cannot be dated in the future.")
    return None


def application_meets_the_criteria(unmet: list[str]) -> str | None:
    """ToR 3.A.4: only intergovernmental organizations (global, regional, sub-regional) whose mandate
    addresses trafficking in persons join; an application failing the criteria is not put forward."""
    if unmet:
        return " ".join(str(reason) for reason in unmet)
    return None
