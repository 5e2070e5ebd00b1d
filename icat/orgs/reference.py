"""Load ICAT's organizations, their status history, the Working Group and the Chairs from
``icat/reference/organizations.json``, through the registry's services; only differences are written."""

from datetime import date

from icat.core.reference import Report, read_json

from . import services
from .models import Chairmanship, Organization, OrganizationStatus, WorkingGroupMembership

DATA_FILE = "organizations.json"


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _organization(actor, row: dict, report: Report) -> Organization:
    fields = {name: row.get(name, default) for name, default in [
        ("name", ""), ("acronym", ""), ("kind", ""), ("scope", "global"), ("website", ""),
        ("mandate_summary", ""), ("notes", ""), ("mandate_covers_trafficking", True)]}
    organization = Organization.objects.filter(slug=row["slug"]).first()
    if organization is None:
        report.add("organizations", "created")
        return services.create_organization(actor, slug=row["slug"], **fields)
    changed = {name: value for name, value in fields.items() if getattr(organization, name) != value}
    if changed:
        report.add("organizations", "updated")
        return services.update_organization(actor, organization, **changed)
    report.add("organizations", "unchanged")
    return organization


def _statuses(actor, organization, rows, report: Report):
    known = set(OrganizationStatus.objects.filter(organization=organization).values_list("status", "valid_from"))
    for row in sorted(rows, key=lambda item: item["from"]):
        if (row["status"], _day(row["from"])) in known:
            report.add("status history", "unchanged")
            continue
        services.change_status(actor, organization, row["status"], on=_day(row["from"]), source=row["source"])
        report.add("status history", "created")


def _working_group(actor, organization, rows, report: Report):
    known = set(WorkingGroupMembership.objects.filter(organization=organization).values_list("valid_from", flat=True))
    for row in rows:
        if _day(row["from"]) in known:
            report.add("Working Group memberships", "unchanged")
            continue
        services.join_working_group(actor, organization, on=_day(row["from"]),
                                    interest_confirmed_on=_day(row.get("interest_confirmed_on")), source=row["source"])
        report.add("Working Group memberships", "created")


def _chairs(actor, rows, organizations: dict[str, Organization], report: Report):
    known = set(Chairmanship.objects.values_list("organization__slug", "valid_from"))
    for row in rows:
        if (row["organization"], _day(row["from"])) in known:
            report.add("chairmanships", "unchanged")
            continue
        services.record_chairmanship(actor, organizations[row["organization"]], valid_from=_day(row["from"]),
                                     valid_to=_day(row["to"]), is_co_chair=row["co_chair"], source=row["source"])
        report.add("chairmanships", "created")


def load(actor, report: Report):
    data = read_json(DATA_FILE)
    organizations = {}
    for row in data["organizations"]:
        organization = _organization(actor, row, report)
        organizations[row["slug"]] = organization
        _statuses(actor, organization, row["statuses"], report)
        _working_group(actor, organization, row["working_group"], report)
    _chairs(actor, data["chairs"], organizations, report)
