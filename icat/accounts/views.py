from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .models import ApiToken


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@login_required
def dashboard(request):
    """A signed-in person's workspace: their organizations, roles and API tokens."""
    from icat.orgs.models import Organization

    organizations = Organization.objects.filter(pk__in=request.actor.organization_ids).order_by("name")
    return render(
        request,
        "accounts/dashboard.html",
        {
            "organizations": organizations,
            "roles": sorted(request.actor.roles),
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
