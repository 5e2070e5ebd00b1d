from datetime import date

from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from icat import policy

from . import queries
from .models import Organization

router = Router(tags=["organizations"])


class StatusOut(Schema):
    status: str
    valid_from: date
    valid_to: date | None
    source: str


class WorkingGroupOut(Schema):
    valid_from: date
    valid_to: date | None
    interest_confirmed_on: date | None
    source: str


class FocalPointOut(Schema):
    name: str = Field(alias="person.get_full_name")
    email: str = Field(alias="person.email")
    title: str
    valid_from: date
    valid_to: date | None


class ChairOut(Schema):
    organization: str = Field(alias="organization.slug")
    organization_name: str = Field(alias="organization.name")
    valid_from: date
    valid_to: date | None
    years: str = Field(alias="period_label")
    is_co_chair: bool
    roles: str
    source: str


class OrganizationOut(Schema):
    slug: str
    name: str
    acronym: str
    kind: str
    scope: str
    website: str
    status: str | None = Field(alias="status_now")
    in_working_group: bool
    is_chair: bool


class OrganizationDetail(OrganizationOut):
    mandate_summary: str
    notes: str
    statuses: list[StatusOut]
    working_group: list[WorkingGroupOut] = Field(alias="wg_memberships")
    chairmanships: list[ChairOut]
    focal_points: list[FocalPointOut] | None = Field(
        None, description="Only for signed-in focal points and the secretariat; null otherwise."
    )

    @staticmethod
    def resolve_focal_points(organization, context):
        if policy.can(context["request"].actor, "orgs.view_focal_points", organization):
            return list(organization.focal_points.all())
        return None


class DirectoryFilters(Schema):
    kind: Organization.Kind | None = None
    status: str | None = Field(None, description="member, partner, applicant, former or working_group")
    q: str | None = Field(None, max_length=100, description="Part of the name or acronym")
    on: date | None = Field(None, description="Standing on this day (default today)")


@router.get("/", response=list[OrganizationOut], summary="Organizations with their standing on a day")
@paginate(LimitOffsetPagination)
def list_organizations(request, filters: Query[DirectoryFilters]):
    day = filters.on or timezone.localdate()
    return queries.directory(day, kind=filters.kind or "", status=filters.status or "", text=filters.q or "")


@router.get("/working-group", response=list[OrganizationOut], summary="The Working Group on a day (ToR 3.B.7)")
def working_group(request, on: date | None = None):
    return list(queries.working_group_on(on or timezone.localdate()).order_by("name"))


@router.get("/chairs", response=list[ChairOut], summary="Every Chair and Co-Chair since 2007")
def chairs(request):
    return list(queries.chair_history())


@router.get("/{slug}", response=OrganizationDetail, summary="One organization with its status history")
def organization_detail(request, slug: str):
    return queries.profile(slug, timezone.localdate())
