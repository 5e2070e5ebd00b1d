from datetime import date, datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from icat import policy
from icat.orgs.models import Organization

from . import queries

router = Router(tags=["audit trail"])


class AuditEntryOut(Schema):
    at: datetime
    actor: str = Field(alias="actor_label")
    on_behalf_of: str | None = Field(None, alias="acting_for.slug")
    action: str
    record: str = Field(alias="target_label")
    organization: str | None = Field(None, alias="organization.slug")
    changes: dict
    note: str


class AuditFilters(Schema):
    action: str = ""
    organization: str = ""
    since: date | None = None
    until: date | None = None


@router.get("/", response=list[AuditEntryOut], summary="The whole audit trail (secretariat)")
@paginate(LimitOffsetPagination)
def audit_trail(request, filters: Query[AuditFilters]):
    policy.require(request.actor, "audit.view_all")
    return queries.audit_trail(**filters.model_dump())


@router.get("/organizations/{slug}", response=list[AuditEntryOut], summary="One organization's public history")
@paginate(LimitOffsetPagination)
def organization_history(request, slug: str):
    return queries.history_of(get_object_or_404(Organization, slug=slug))
