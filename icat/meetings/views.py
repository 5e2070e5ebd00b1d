from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from icat import policy

from . import queries
from .models import Meeting


def meeting_list(request):
    upcoming, past = queries.upcoming_and_past(request.actor, timezone.now())
    return render(request, "meetings/list.html", {"upcoming": upcoming, "past": past[:50]})


def meeting_detail(request, pk):
    try:
        meeting = queries.meeting_page(pk)
    except Meeting.DoesNotExist:
        raise Http404 from None
    if not policy.can(request.actor, "meetings.view", meeting):
        raise PermissionDenied(policy.DENIAL_MESSAGES["meetings.view"])
    return render(request, "meetings/detail.html", {"meeting": meeting})
