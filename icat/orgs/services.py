"""Every write to the registry: one function per use case, in a transaction, checked and audited."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from icat import policy
from icat.core import audit

from . import rules
from .models import Chairmanship, FocalPoint, Organization, OrganizationStatus, WorkingGroupMembership

ORGANIZATION_FIELDS = [
    "slug",
    "name",
    "acronym",
    "kind",
    "scope",
    "website",
    "mandate_summary",
    "mandate_covers_trafficking",
    "notes",
]


def _validated(instance):
    instance.full_clean()
    return instance


@transaction.atomic
def create_organization(who, **fields) -> Organization:
    actor = policy.require(who, "orgs.manage")
    unknown = set(fields) - set(ORGANIZATION_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    organization = _validated(Organization(**fields))
    organization.save()
    audit.record(
        actor,
        "orgs.create",
        organization,
        organization=organization,
        changes={name: [None, value] for name, value in audit.snapshot(organization, ORGANIZATION_FIELDS).items()},
    )
    return organization


@transaction.atomic
def update_organization(who, organization: Organization, **changes) -> Organization:
    actor = policy.require(who, "orgs.manage", organization)
    unknown = set(changes) - set(ORGANIZATION_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    before = audit.snapshot(organization, ORGANIZATION_FIELDS)
    for name, value in changes.items():
        setattr(organization, name, value)
    _validated(organization)
    difference = audit.diff(before, audit.snapshot(organization, ORGANIZATION_FIELDS))
    if difference:
        organization.save()
        audit.record(actor, "orgs.update", organization, organization=organization, changes=difference)
    return organization


def _close_open_interval(model, organization, on: date, what: str):
    """End the open interval of ``model`` for ``organization`` on ``on``; refuse to rewrite the past."""
    current = model.objects.select_for_update().filter(organization=organization, valid_to__isnull=True).first()
    if current is None:
        return None
    if on <= current.valid_from:
        raise ValidationError(
            _("%(what)s can only change after %(day)s, when the current one began; history is never rewritten.")
            % {"what": what, "day": current.valid_from.isoformat()}
        )
    current.valid_to = on
    current.save(update_fields=["valid_to"])
    return current


def _status_on(organization, day):
    row = OrganizationStatus.objects.on(day).filter(organization=organization).first()
    return row.status if row else None


@transaction.atomic
def change_status(who, organization: Organization, status: str, *, on: date, source: str = "") -> OrganizationStatus:
    """Give ``organization`` a new status from day ``on``; the previous one ends that day."""
    actor = policy.require(who, "orgs.manage", organization)
    if status not in OrganizationStatus.Status.values:
        raise ValidationError(_("Unknown status: %(status)s") % {"status": status})
    refusal = rules.civil_society_is_engaged_per_activity(organization, status)
    if refusal:
        raise ValidationError(refusal)
    if status in (OrganizationStatus.Status.MEMBER, OrganizationStatus.Status.PARTNER):
        unmet = rules.membership_criteria_unmet(organization)
        if unmet:
            raise ValidationError(unmet)
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    previous = _close_open_interval(OrganizationStatus, organization, on, _("The status"))
    if previous and previous.status == status:
        raise ValidationError(_("%(org)s already has this status.") % {"org": organization.short_name})
    if status != OrganizationStatus.Status.MEMBER:
        # A member that stops being one leaves the Working Group the same day (ToR 3.B.7).
        _close_open_interval(WorkingGroupMembership, organization, on, _("Working Group membership"))
    row = OrganizationStatus(organization=organization, status=status, valid_from=on, source=source)
    _validated(row).save()
    audit.record(
        actor,
        "orgs.change_status",
        row,
        organization=organization,
        changes={"status": [previous.status if previous else None, status], "valid_from": [None, on]},
        note=source,
    )
    return row


@transaction.atomic
def join_working_group(
    who, organization: Organization, *, on: date, interest_confirmed_on: date | None, source: str = ""
) -> WorkingGroupMembership:
    """Record that a member confirmed in writing its interest in the Working Group (ToR 3.B.7)."""
    actor = policy.require(who, "orgs.manage", organization)
    refusal = rules.working_group_is_for_members(_status_on(organization, on))
    if refusal:
        raise ValidationError(refusal)
    if WorkingGroupMembership.objects.filter(organization=organization, valid_to__isnull=True).exists():
        raise ValidationError(_("%(org)s is already in the Working Group.") % {"org": organization.short_name})
    if interest_confirmed_on and interest_confirmed_on > on:
        raise ValidationError(_("The written confirmation cannot come after the membership starts."))
    row = WorkingGroupMembership(
        organization=organization, valid_from=on, interest_confirmed_on=interest_confirmed_on, source=source
    )
    _validated(row).save()
    audit.record(
        actor,
        "orgs.join_working_group",
        row,
        organization=organization,
        changes={"valid_from": [None, on], "interest_confirmed_on": [None, interest_confirmed_on]},
        note=source,
    )
    return row


@transaction.atomic
def leave_working_group(who, organization: Organization, *, on: date, source: str = "") -> WorkingGroupMembership:
    actor = policy.require(who, "orgs.manage", organization)
    row = _close_open_interval(WorkingGroupMembership, organization, on, _("Working Group membership"))
    if row is None:
        raise ValidationError(_("%(org)s is not in the Working Group.") % {"org": organization.short_name})
    audit.record(
        actor, "orgs.leave_working_group", row, organization=organization, changes={"valid_to": [None, on]}, note=source
    )
    return row


@transaction.atomic
def designate_focal_point(
    who, organization: Organization, person, *, on: date, title: str = "", source: str = ""
) -> FocalPoint:
    """Record the person ``organization`` designated as its focal point from ``on`` (ToR 3.A.2)."""
    actor = policy.require(who, "orgs.manage", organization)
    refusal = rules.focal_point_needs_member_or_partner(_status_on(organization, on))
    if refusal:
        raise ValidationError(refusal)
    if FocalPoint.objects.filter(organization=organization, person=person, valid_to__isnull=True).exists():
        raise ValidationError(_("%(person)s is already a focal point of %(org)s.") % {
            "person": person, "org": organization.short_name})
    row = FocalPoint(organization=organization, person=person, valid_from=on, title=title, source=source)
    _validated(row).save()
    audit.record(
        actor,
        "orgs.designate_focal_point",
        row,
        organization=organization,
        changes={"person": [None, str(person)], "valid_from": [None, on]},
        note=source,
    )
    return row


@transaction.atomic
def end_focal_point(who, focal_point: FocalPoint, *, on: date, source: str = "") -> FocalPoint:
    actor = policy.require(who, "orgs.manage", focal_point.organization)
    focal_point = FocalPoint.objects.select_for_update().get(pk=focal_point.pk)
    if focal_point.valid_to is not None:
        raise ValidationError(_("This designation has already ended."))
    if on <= focal_point.valid_from:
        raise ValidationError(_("A designation ends after the day it began."))
    focal_point.valid_to = on
    focal_point.save(update_fields=["valid_to"])
    audit.record(
        actor,
        "orgs.end_focal_point",
        focal_point,
        organization=focal_point.organization,
        changes={"valid_to": [None, on]},
        note=source,
    )
    return focal_point


@transaction.atomic
def record_chairmanship(
    who,
    organization: Organization,
    *,
    valid_from: date,
    valid_to: date | None,
    is_co_chair: bool = False,
    roles: str = "",
    source: str = "",
) -> Chairmanship:
    """Record a term as Chair or Co-Chair (ToR 3.D.1–2, Annex 3). Elections decide future terms."""
    actor = policy.require(who, "orgs.manage", organization)
    if valid_to is not None and valid_to <= valid_from:
        raise ValidationError(_("A chairmanship ends after it begins."))
    row = Chairmanship(
        organization=organization,
        valid_from=valid_from,
        valid_to=valid_to,
        is_co_chair=is_co_chair,
        roles=roles,
        source=source,
    )
    _validated(row).save()
    audit.record(
        actor,
        "orgs.record_chairmanship",
        row,
        organization=organization,
        changes={"valid_from": [None, valid_from], "valid_to": [None, valid_to], "is_co_chair": [None, is_co_chair]},
        note=source,
    )
    return row
