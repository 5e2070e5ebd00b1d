"""The Terms of Reference's rules on ICAT's products, one function each, ``(actor, target) -> bool``.

They are registered in ``icat.policy`` under ``library.*``; the states are spelled out here (not
imported from the models) because the policy module is imported before the apps are ready.
"""

from icat.policy import Actor, Role

DRAFT, CONSULTATION, SIGN_OFF, PUBLISHED, SUPERSEDED = (
    "draft",
    "consultation",
    "sign_off",
    "published",
    "superseded",
)
PUBLIC = (PUBLISHED, SUPERSEDED)
IN_PREPARATION = (DRAFT, CONSULTATION)


def _represents_any(actor: Actor, organization_ids) -> bool:
    return bool(actor.organization_ids & set(organization_ids))


def working_group_drafts_products(actor: Actor, _target=None) -> bool:
    """ToR 3.B.1 and 3.B.4: the Working Group is ICAT's forum for substantive policy, whose members
    produce its collective work; the secretariat supports it (ToR 3.C.3 a). They start drafts."""
    return actor.has(Role.WORKING_GROUP_MEMBER) or actor.has(Role.SECRETARIAT)


def unpublished_products_stay_internal(actor: Actor, product) -> bool:
    """ToR 3.B.5: nothing is ICAT's until signed off by consensus, so only a signed-off product is
    public. A draft is seen by the Working Group and the contributing organizations; once in
    consultation or sign-off, by every member and partner, who are invited to contribute (ToR 3.F.2 c)."""
    if product.state in PUBLIC or actor.has(Role.SECRETARIAT):
        return True
    if product.state == DRAFT:
        return actor.has(Role.WORKING_GROUP_MEMBER) or _represents_any(
            actor, product.participant_organization_ids
        )
    return actor.has(Role.FOCAL_POINT)


def lead_organizations_edit_their_drafts(actor: Actor, product) -> bool:
    """ToR 3.B.4: the members leading a product carry its drafting until it goes to sign-off; the
    secretariat may help (ToR 3.C.3 a). A product circulated for sign-off is frozen (ToR 3.B.5)."""
    if product.state not in IN_PREPARATION:
        return False
    return actor.has(Role.SECRETARIAT) or _represents_any(actor, product.lead_organization_ids)


def members_and_partners_comment_in_consultation(actor: Actor, product) -> bool:
    """ToR 3.B.1 and 3.F.2 c: all members and partners are invited to contribute to ICAT's initiatives,
    so every focal point may comment while a product is in consultation."""
    return product.state == CONSULTATION and (actor.has(Role.FOCAL_POINT) or actor.has(Role.SECRETARIAT))


def chair_circulates_for_sign_off(actor: Actor, product) -> bool:
    """ToR 3.B.3 and 3.B.5: all products are signed off by consensus; the Chair calls for objections
    and confirms the decision. Only the Chair circulates a product that has been in consultation (or
    circulates it again after withdrawing its sign-off proposal)."""
    if not actor.has(Role.CHAIR):
        return False
    return product.state == CONSULTATION or (
        product.state == SIGN_OFF and product.signoff_proposal_is_closed_unadopted
    )


def secretariat_records_outside_sign_off(actor: Actor, product) -> bool:
    """ToR 3.C.2: the Coordinator is the repository of ICAT's records; it records that a product not yet
    public was signed off outside the platform (e.g. before it existed), with the date and the reason."""
    return actor.has(Role.SECRETARIAT) and product.state not in PUBLIC


def secretariat_marks_superseded(actor: Actor, product) -> bool:
    """ToR 3.C.3 d: the secretariat supports the external visibility of ICAT's work, and marks a
    published product superseded by a newer edition (it stays public)."""
    return actor.has(Role.SECRETARIAT) and product.state == PUBLISHED


def files_change_with_the_text(actor: Actor, product) -> bool:
    """ToR 3.B.5 and 3.C.3 d: files of a product in preparation are uploaded by those who edit it; once
    signed off, only the secretariat adds language versions and files of the signed-off text."""
    if product.state in PUBLIC:
        return actor.has(Role.SECRETARIAT)
    return lead_organizations_edit_their_drafts(actor, product)


def secretariat_manages_themes(actor: Actor, _target=None) -> bool:
    """ToR 3.C.3 a: the secretariat keeps the library's theme taxonomy."""
    return actor.has(Role.SECRETARIAT)


def focal_points_use_the_workspace(actor: Actor, _target=None) -> bool:
    """ToR 3.A.2: focal points communicate ICAT's activities; they and the secretariat see the workspace."""
    return actor.has(Role.FOCAL_POINT) or actor.has(Role.SECRETARIAT)
