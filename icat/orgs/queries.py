"""Reads of the registry, shared by pages, the API and other apps. Each is a bounded number of queries."""

from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Subquery

from icat.policy import Role

from .models import Chairmanship, FocalPoint, Organization, OrganizationStatus, WorkingGroupMembership

STATUS_ROLE = {
    OrganizationStatus.Status.MEMBER: Role.MEMBER,
    OrganizationStatus.Status.PARTNER: Role.PARTNER,
}


def status_on(day: date):
    """A subquery giving an organization's status on ``day`` (or None)."""
    return Subquery(
        OrganizationStatus.objects.on(day).filter(organization=OuterRef("pk")).values("status")[:1]
    )


def with_standing(queryset: QuerySet[Organization], day: date) -> QuerySet[Organization]:
    """Annotate ``status_now``, ``in_working_group`` and ``is_chair`` as of ``day``."""
    return queryset.annotate(
        status_now=status_on(day),
        in_working_group=Exists(WorkingGroupMembership.objects.on(day).filter(organization=OuterRef("pk"))),
        is_chair=Exists(Chairmanship.objects.on(day).filter(organization=OuterRef("pk"))),
    )


def organizations_on(day: date, status: str | None = None) -> QuerySet[Organization]:
    """Who was a member (or partner, applicant, former) on ``day``; with no status, everyone with one."""
    statuses = OrganizationStatus.objects.on(day)
    if status:
        statuses = statuses.filter(status=status)
    return with_standing(Organization.objects.filter(pk__in=statuses.values("organization")), day)


def members_on(day: date) -> QuerySet[Organization]:
    return organizations_on(day, OrganizationStatus.Status.MEMBER)


def partners_on(day: date) -> QuerySet[Organization]:
    return organizations_on(day, OrganizationStatus.Status.PARTNER)


def working_group_on(day: date) -> QuerySet[Organization]:
    """The Working Group on ``day`` (ToR 3.B.7)."""
    return with_standing(
        Organization.objects.filter(pk__in=WorkingGroupMembership.objects.on(day).values("organization")), day
    ).select_related()


def chairs_on(day: date) -> QuerySet[Chairmanship]:
    return Chairmanship.objects.on(day).select_related("organization").order_by("organization__name")


def chair_history() -> QuerySet[Chairmanship]:
    return Chairmanship.objects.select_related("organization").order_by("-valid_from", "organization__name")


def directory(day: date, *, kind: str = "", status: str = "", text: str = "") -> QuerySet[Organization]:
    """The public list of organizations with their standing on ``day``, filtered."""
    queryset = with_standing(Organization.objects.all(), day).order_by("name")
    if kind:
        queryset = queryset.filter(kind=kind)
    if status == "working_group":
        queryset = queryset.filter(in_working_group=True)
    elif status:
        queryset = queryset.filter(status_now=status)
    if text:
        from django.db.models import Q

        queryset = queryset.filter(Q(name__icontains=text) | Q(acronym__icontains=text))
    return queryset


def profile(slug: str, day: date) -> Organization:
    """One organization with its whole history, in a fixed number of queries."""
    return (
        with_standing(Organization.objects.filter(slug=slug), day)
        .prefetch_related(
            Prefetch("statuses", queryset=OrganizationStatus.objects.order_by("-valid_from")),
            Prefetch("wg_memberships", queryset=WorkingGroupMembership.objects.order_by("-valid_from")),
            Prefetch("chairmanships", queryset=Chairmanship.objects.order_by("-valid_from")),
            Prefetch(
                "focal_points",
                queryset=FocalPoint.objects.select_related("person").order_by("valid_to", "-valid_from"),
            ),
        )
        .get()
    )


def represented_organizations(user, day: date) -> dict[int, frozenset[Role]]:
    """The organizations ``user`` is focal point for on ``day``, each with the roles it confers."""
    rows = with_standing(
        Organization.objects.filter(
            pk__in=FocalPoint.objects.on(day).filter(person=user).values("organization")
        ),
        day,
    ).values_list("pk", "status_now", "in_working_group", "is_chair")
    result = {}
    for org_id, status, in_wg, chair in rows:
        roles = {Role.FOCAL_POINT}
        if status in STATUS_ROLE:
            roles.add(STATUS_ROLE[status])
        if in_wg and status == OrganizationStatus.Status.MEMBER:
            roles.add(Role.WORKING_GROUP_MEMBER)
        if chair:
            roles.add(Role.CHAIR)
        result[org_id] = frozenset(roles)
    return result


def latest_chairs() -> list[Chairmanship]:
    """The Chair(s) of the most recent recorded term: the current ones, or the last known."""
    latest = Chairmanship.objects.order_by("-valid_from").values("valid_from")[:1]
    return list(
        Chairmanship.objects.filter(valid_from__in=Subquery(latest)).select_related("organization").order_by(
            "organization__name"
        )
    )
