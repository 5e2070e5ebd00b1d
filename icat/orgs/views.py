from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from icat import policy
from icat.core import queries as core_queries

from . import queries
from .forms import DirectoryFilterForm
from .models import Organization

DIRECTORY_PAGE_SIZE = 50


def directory(request):
    """Members and partners, filterable by kind and status as of today."""
    today = timezone.localdate()
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    organizations = queries.directory(
        today, kind=filters.get("kind", ""), status=filters.get("status", ""), text=filters.get("q", "")
    )
    page = Paginator(organizations, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "orgs/directory.html",
                  {"form": form, "page": page, "query": query.urlencode(), "today": today})


def profile(request, slug):
    today = timezone.localdate()
    try:
        organization = queries.profile(slug, today)
    except Organization.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "orgs/profile.html",
        {
            "organization": organization,
            "today": today,
            "show_focal_points": policy.can(request.actor, "orgs.view_focal_points", organization),
            "history": core_queries.history_of(organization)[:50],
        },
    )


def working_group(request):
    today = timezone.localdate()
    return render(
        request,
        "orgs/working_group.html",
        {"today": today, "members": queries.working_group_on(today).order_by("name"),
         "partners": queries.partners_on(today).order_by("name")},
    )


def chairs(request):
    return render(request, "orgs/chairs.html", {"terms": queries.chair_history()})
