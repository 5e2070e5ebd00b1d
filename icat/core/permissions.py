"""View helpers that ask ``icat.policy``: anonymous people are sent to sign in, others get a 403 page."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from icat import policy


class PolicyRequiredMixin:
    """Set ``action``; override ``get_policy_target`` when the rule looks at an object."""

    action: str = ""

    def get_policy_target(self):
        return None

    def dispatch(self, request, *args, **kwargs):
        if not policy.can(request.actor, self.action, self.get_policy_target()):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied(policy.DENIAL_MESSAGES[self.action])
        return super().dispatch(request, *args, **kwargs)
