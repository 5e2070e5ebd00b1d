from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from icat import policy

from . import services
from .models import ApiToken


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


# The work a signed-in person may have, by the rule that lets them open it.
WORK_LINKS = [
    ("decisions.view_proposals", "decisions:consultations", _lazy("Consultations awaiting my organization")),
    ("library.workspace", "library:workspace", _lazy("Products in preparation")),
    ("meetings.schedule", "meetings:schedule", _lazy("Schedule a meeting")),
    ("decisions.view_applications", "decisions:applications", _lazy("Membership and partnership applications")),
    ("audit.view_all", "core:audit", _lazy("Audit trail")),
    ("admin.access", "admin:index", _lazy("Back office")),
]


def work_links(actor):
    links = []
    for action, url_name, label in WORK_LINKS:
        if action in policy.RULES and policy.can(actor, action):
            links.append((label, reverse(url_name)))
    return links


@login_required
def dashboard(request):
    """A signed-in person's workspace: their organizations, roles, work and API tokens."""
    from icat.orgs.models import Organization

    organizations = Organization.objects.filter(pk__in=request.actor.organization_ids).order_by("name")
    return render(
        request,
        "accounts/dashboard.html",
        {
            "organizations": organizations,
            "roles": sorted(request.actor.roles),
            "work_links": work_links(request.actor),
            "tokens": ApiToken.objects.filter(user=request.user),
            "new_key": request.session.pop("new_api_key", None),
        },
    )


@login_required
@require_POST
def create_token(request):
    try:
        _token, key = services.create_api_token(request.actor, request.POST.get("name", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        request.session["new_api_key"] = key
        messages.success(request, _("Token created. Copy the key now: it will not be shown again."))
    return redirect("accounts:dashboard")


@login_required
@require_POST
def revoke_token(request, token_id):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    services.revoke_api_token(request.actor, token)
    messages.success(request, _("Token revoked."))
    return redirect("accounts:dashboard")
