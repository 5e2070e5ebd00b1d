"""The Terms of Reference's rules on composition (ToR 3.A, 3.B.7, 3.E), one function each."""

from django.utils.translation import gettext as _

from .models import Organization, OrganizationStatus


def membership_criteria_unmet(organization: Organization) -> list[str]:
    """ToR 3.A.4: to join ICAT an organization must be (a) international, i.e. intergovernmental —
    global, regional or sub-regional — and (b) relevant: its mandate or statute addresses trafficking
    in persons or aspects thereof. Returns the criteria not met, empty when all are."""
    unmet = []
    if organization.kind not in (Organization.Kind.UN_ENTITY, Organization.Kind.INTERGOVERNMENTAL):
        unmet.append(_("ToR 3.A.4(a): the organization must be intergovernmental."))
    if not organization.mandate_covers_trafficking:
        unmet.append(_("ToR 3.A.4(b): its mandate or statute must address trafficking in persons."))
    return unmet


def civil_society_is_engaged_per_activity(organization: Organization, status: str) -> str | None:
    """ToR 3.A.5: civil society is engaged for specific activities, never as a member or partner.
    Returns the refusal, or None when the status is allowed."""
    joining = status in (OrganizationStatus.Status.MEMBER, OrganizationStatus.Status.PARTNER)
    if joining and organization.kind == Organization.Kind.CIVIL_SOCIETY:
        return _("ToR 3.A.5: civil society organizations are engaged per activity, never as members or partners.")
    return None


def working_group_is_for_members(status_on_day: str | None) -> str | None:
    """ToR 3.B.7 and 3.E.1: members confirm in writing their interest in the Working Group; partners
    attend its meetings as non-voting observers and do not join it. Returns the refusal, or None."""
    if status_on_day != OrganizationStatus.Status.MEMBER:
        return _("ToR 3.B.7: only ICAT members join the Working Group; partners attend as non-voting observers.")
    return None


def focal_point_needs_member_or_partner(status_on_day: str | None) -> str | None:
    """ToR 3.A.2: each member and partner designates a focal point. Returns the refusal, or None."""
    if status_on_day not in (OrganizationStatus.Status.MEMBER, OrganizationStatus.Status.PARTNER):
        return _("ToR 3.A.2: focal points are designated by members and partners.")
    return None
