"""Who may do what: the one place every page, endpoint and service asks.

An ``Actor`` is a person seen through the organizations they are focal point for on a given day
(ToR 3.A.2): organizations, not people, are the acting unit. Roles are computed, never stored:

- visitor: anyone, signed in or not;
- focal point: designated by a member or partner (ToR 3.A.2);
- Working Group member: focal point of a member in the Working Group (ToR 3.B.7);
- partner: focal point of a partner, a non-voting observer (ToR 3.B.7, 3.F);
- Chair: focal point of the organization(s) holding the chairmanship (ToR 3.D);
- secretariat: the Coordinator's staff (ToR 3.C).

A rule is a function ``(actor, target) -> bool`` registered under an action name with ``@rule``;
``can`` answers, ``require`` raises ``PermissionDenied`` with a message a person can read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Role(StrEnum):
    VISITOR = "visitor"
    FOCAL_POINT = "focal_point"
    MEMBER = "member"
    WORKING_GROUP_MEMBER = "wg_member"
    PARTNER = "partner"
    CHAIR = "chair"
    SECRETARIAT = "secretariat"


@dataclass(frozen=True)
class Actor:
    user: object | None
    label: str
    roles: frozenset[Role] = frozenset({Role.VISITOR})
    organization_ids: frozenset[int] = frozenset()
    # Organizations where the actor's organization holds each role; e.g. roles_by_org[org_id] ⊇ {MEMBER}.
    roles_by_org: dict[int, frozenset[Role]] = field(default_factory=dict)
    acting_for: object | None = None
    is_system: bool = False

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None and self.user.is_authenticated

    def has(self, role: Role) -> bool:
        return role in self.roles

    def represents(self, organization) -> bool:
        org_id = getattr(organization, "pk", organization)
        return org_id in self.organization_ids

    def org_has(self, organization, role: Role) -> bool:
        org_id = getattr(organization, "pk", organization)
        return role in self.roles_by_org.get(org_id, frozenset())

    def for_organization(self, organization) -> Actor:
        """The same person acting on behalf of one of their organizations (recorded in the audit)."""
        if not (self.represents(organization) or self.has(Role.SECRETARIAT) or self.is_system):
            raise PermissionDenied(_("You are not a focal point of %(org)s.") % {"org": organization})
        return Actor(
            user=self.user,
            label=self.label,
            roles=self.roles,
            organization_ids=self.organization_ids,
            roles_by_org=self.roles_by_org,
            acting_for=organization,
            is_system=self.is_system,
        )


ANONYMOUS = Actor(user=None, label="anonymous")


def system_actor(label: str) -> Actor:
    """The platform itself, e.g. the reference data loader; it may do anything and is audited as such."""
    return Actor(user=None, label=f"system: {label}", roles=frozenset(Role), is_system=True)


def actor_for(user, on=None) -> Actor:
    """Compute the roles of ``user`` on day ``on`` (today by default) in one query."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    from icat.orgs.queries import represented_organizations

    day = on or timezone.localdate()
    roles_by_org = represented_organizations(user, day)
    roles = {Role.VISITOR}
    for org_roles in roles_by_org.values():
        roles |= org_roles
    if user.is_secretariat or user.is_superuser:
        roles.add(Role.SECRETARIAT)
    return Actor(
        user=user,
        label=user.get_full_name() or user.username,
        roles=frozenset(roles),
        organization_ids=frozenset(roles_by_org),
        roles_by_org=roles_by_org,
    )


def as_actor(who) -> Actor:
    return who if isinstance(who, Actor) else actor_for(who)


Rule = Callable[[Actor, object], bool]
RULES: dict[str, Rule] = {}
DENIAL_MESSAGES: dict[str, object] = {}


def rule(action: str, denial):
    """Register the rule for ``action``; ``denial`` is shown to a person the rule refuses."""

    def register(function: Rule) -> Rule:
        if action in RULES:
            raise ValueError(f"rule {action!r} is registered twice")
        RULES[action] = function
        DENIAL_MESSAGES[action] = denial
        return function

    return register


def can(who, action: str, target=None) -> bool:
    actor = as_actor(who)
    if actor.is_system:
        return True
    try:
        check = RULES[action]
    except KeyError:
        raise LookupError(f"no rule for action {action!r}") from None
    return bool(check(actor, target))


def require(who, action: str, target=None) -> Actor:
    """Return the actor if allowed; otherwise raise ``PermissionDenied`` with the rule's message."""
    actor = as_actor(who)
    if not can(actor, action, target):
        raise PermissionDenied(str(DENIAL_MESSAGES[action]))
    return actor


def is_secretariat(actor: Actor, _target=None) -> bool:
    return actor.has(Role.SECRETARIAT)


def is_signed_in_participant(actor: Actor, _target=None) -> bool:
    """A focal point of a member or partner, or the secretariat: the people ICAT's internal records serve."""
    return actor.has(Role.SECRETARIAT) or actor.has(Role.FOCAL_POINT)


# --- Organizations registry (ToR 3.A, 3.C) -----------------------------------------------------------
rule("orgs.manage", gettext_lazy("Only the secretariat maintains the registry of organizations (ToR 3.C.3 a)."))(
    is_secretariat
)
rule("orgs.view_focal_points", gettext_lazy("Focal points are shown to signed-in focal points and the secretariat."))(
    is_signed_in_participant
)

# --- Audit trail and back office (ToR 3.C.2) ---------------------------------------------------------
rule("audit.view_all", gettext_lazy("Only the secretariat browses the whole audit trail."))(is_secretariat)
rule("admin.access", gettext_lazy("The back office is for the secretariat."))(is_secretariat)

# --- Meetings and participation (ToR 3.B.7, 3.C.3, 3.D.3, 3.F.2) -----------------------------------


def arranges_meetings(actor: Actor, _target=None) -> bool:
    """ToR 3.D.3 d and i, 3.C.3 a: the Chair leads arrangements for ICAT meetings and keeps the records of
    deliberations; the secretariat carries out the administrative tasks. Both schedule, invite, draft the
    agenda, record attendance and draft minutes."""
    return actor.has(Role.SECRETARIAT) or actor.has(Role.CHAIR)


def approves_minutes_as_chair(actor: Actor, _target=None) -> bool:
    """ToR 3.D.3 i: where the Working Group so decides, the Chair approves the record of deliberations."""
    return actor.has(Role.CHAIR)


def sees_meeting(actor: Actor, meeting) -> bool:
    """ToR 3.F.2 a–b: partners are kept informed of the schedule and invited; public events are public;
    a meeting for members and partners is shown to their focal points; a Working Group meeting to the
    Working Group, the Chair, the secretariat and whoever is invited."""
    if meeting is None or meeting.visibility == "public" or actor.has(Role.SECRETARIAT):
        return True
    if meeting.visibility == "members_partners":
        return actor.has(Role.FOCAL_POINT)
    if actor.has(Role.WORKING_GROUP_MEMBER) or actor.has(Role.CHAIR):
        return True
    return meeting.invitations.filter(organization_id__in=actor.organization_ids).exists()


def answers_invitation(actor: Actor, invitation) -> bool:
    """ToR 3.A.2: an organization acts through its focal point, who answers who will attend."""
    return actor.has(Role.SECRETARIAT) or (
        invitation is not None
        and invitation.organization_id is not None
        and actor.represents(invitation.organization_id)
    )


def proposes_minutes_correction(actor: Actor, minutes) -> bool:
    """ToR 3.D.3 i: the record of deliberations is open to corrections from the organizations that took part;
    their focal points propose them."""
    if minutes is None or not actor.organization_ids:
        return False
    attendance = minutes.meeting.attendance
    return attendance.filter(presence="present", organization_id__in=actor.organization_ids).exists()


ARRANGES_MEETINGS = gettext_lazy(
    "The Chair and the secretariat arrange ICAT meetings (ToR 3.D.3 d, 3.C.3 a).")
KEEPS_RECORDS = gettext_lazy(
    "The Chair and the secretariat keep the records of deliberations (ToR 3.D.3 i, 3.C.3 a).")
rule("meetings.schedule", ARRANGES_MEETINGS)(arranges_meetings)
rule("meetings.manage", ARRANGES_MEETINGS)(arranges_meetings)
rule("meetings.record_attendance", gettext_lazy(
    "The Chair and the secretariat record who attended (ToR 3.D.3 i, 3.C.3 a)."))(arranges_meetings)
rule("meetings.draft_minutes", KEEPS_RECORDS)(arranges_meetings)
rule("meetings.record_minutes_approval", gettext_lazy(
    "The Chair and the secretariat record the Working Group's approval of minutes (ToR 3.D.3 i)."))(
    arranges_meetings
)
rule("meetings.approve_minutes_as_chair", gettext_lazy(
    "Only the Chair approves minutes on the Working Group's behalf (ToR 3.D.3 i)."))(
    approves_minutes_as_chair
)
rule("meetings.view", gettext_lazy(
    "This meeting is shown to the Working Group and its invitees (ToR 3.B.7, 3.F.2)."))(sees_meeting)
rule("meetings.answer_invitation", gettext_lazy(
    "Only a focal point of the invited organization answers its invitation (ToR 3.A.2)."))(
    answers_invitation
)
rule("meetings.propose_correction", gettext_lazy(
    "Corrections come from focal points of organizations that attended the meeting (ToR 3.D.3 i)."))(
    proposes_minutes_correction
)


# --- Decisions by consensus, in writing (ToR 3.A.3–4, 3.B.3, 3.B.7, 3.C.2, 3.D.1, 3.F) ------------------


def is_chair(actor: Actor, _target=None) -> bool:
    """ToR 3.B.3, 3.D.3: the Chair (or a Co-Chair) calls for objections and confirms the decision reached."""
    return actor.has(Role.CHAIR)


def speaks_for_organization(actor: Actor, organization) -> bool:
    """ToR 3.A.2: a focal point acts for its organization; the secretariat records on its behalf (3.C.3)."""
    if organization is None:
        return actor.has(Role.SECRETARIAT)
    return actor.has(Role.SECRETARIAT) or actor.represents(organization)


def anyone(_actor: Actor, _target=None) -> bool:
    return True


def is_chair_or_secretariat(actor: Actor, _target=None) -> bool:
    return actor.has(Role.CHAIR) or actor.has(Role.SECRETARIAT)


_CHAIR_DENIAL = gettext_lazy(
    "Only the Chair or a Co-Chair calls for objections and confirms decisions (ToR 3.B.3)."
)
for _action in ("circulate", "table", "revise", "confirm", "record_not_adopted", "withdraw_proposal"):
    rule(f"decisions.{_action}", _CHAIR_DENIAL)(is_chair)
rule("decisions.record_stance", gettext_lazy(
    "Only a focal point of the organization, or the secretariat on its behalf, records its stance "
    "(ToR 3.A.2)."
))(speaks_for_organization)
rule("decisions.comment", gettext_lazy(
    "Only a focal point of the organization, or the secretariat, comments on a proposal (ToR 3.A.2)."
))(speaks_for_organization)
rule("decisions.view_proposals", gettext_lazy(
    "Proposals under consultation are for focal points and the secretariat (ToR 3.B.3)."
))(is_signed_in_participant)
rule("decisions.view_who_acted", gettext_lazy("Who acted is shown to focal points and the secretariat."))(
    is_signed_in_participant
)
rule("decisions.view_records", gettext_lazy("Decision records are public (ToR 3.C.2)."))(anyone)
rule("decisions.verify_chain", gettext_lazy("Anyone may verify the chain of records."))(anyone)
rule("decisions.apply", gettext_lazy("Anyone may apply in writing (ToR 3.A.3)."))(anyone)
rule("decisions.assess_application", gettext_lazy(
    "The secretariat checks an application against the criteria (ToR 3.A.4, 3.C.3)."
))(is_secretariat)
rule("decisions.introduce_application", gettext_lazy(
    "The Chair introduces an application at the next Working Group meeting (ToR 3.A.3)."
))(is_chair)
rule("decisions.view_applications", gettext_lazy(
    "Applications are handled by the secretariat and the Chair (ToR 3.A.3)."
))(is_chair_or_secretariat)
rule("decisions.send_reminders", gettext_lazy("Reminders are sent by the platform or the secretariat."))(
    is_secretariat
)

# --- Library: products and their sign-off (ToR 3.B.5, 3.C, 3.F.2) -----------------------------------
from icat.library import rules as library_rules  # noqa: E402 - registered after the shared rules above

rule("library.draft", gettext_lazy("Products are drafted by Working Group members and the secretariat (ToR 3.B.1)."))(
    library_rules.working_group_drafts_products
)
rule("library.view", gettext_lazy("This product is not public: it has not been signed off by consensus (ToR 3.B.5)."))(
    library_rules.unpublished_products_stay_internal
)
rule("library.edit", gettext_lazy("Only the lead organizations and the secretariat edit a product in preparation "
                                  "(ToR 3.B.4)."))(library_rules.lead_organizations_edit_their_drafts)
rule("library.open_consultation", gettext_lazy("Only the lead organizations and the secretariat open a draft to "
                                               "consultation (ToR 3.B.4)."))(
    library_rules.lead_organizations_edit_their_drafts
)
rule("library.comment", gettext_lazy("Focal points of members and partners comment on products in consultation "
                                     "(ToR 3.F.2 c)."))(library_rules.members_and_partners_comment_in_consultation)
rule("library.circulate", gettext_lazy("Only the Chair circulates a product in consultation for sign-off by "
                                       "consensus (ToR 3.B.3, 3.B.5)."))(library_rules.chair_circulates_for_sign_off)
rule("library.record_outside_signoff", gettext_lazy("Only the secretariat records a sign-off made outside the "
                                                    "platform (ToR 3.C.2)."))(
    library_rules.secretariat_records_outside_sign_off
)
rule("library.supersede", gettext_lazy("Only the secretariat marks a published product superseded (ToR 3.C.3 d)."))(
    library_rules.secretariat_marks_superseded
)
rule("library.upload", gettext_lazy("You may not add files to this product (ToR 3.B.5, 3.C.3 d)."))(
    library_rules.files_change_with_the_text
)
rule("library.manage_themes", gettext_lazy("Only the secretariat manages the themes (ToR 3.C.3 a)."))(
    library_rules.secretariat_manages_themes
)
rule("library.workspace", gettext_lazy("The workspace is for focal points and the secretariat (ToR 3.A.2)."))(
    library_rules.focal_points_use_the_workspace
)
