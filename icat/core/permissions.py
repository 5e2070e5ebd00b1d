"""View helpers that ask ``icat.policy``: anonymous people are sent to sign in, others get a 403 page."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from icat import policy


def policy_refusal(request, action: str, target=None):
    """None when the policy allows ``action``; a redirect to sign in for an anonymous person; otherwise
    ``PermissionDenied`` with the rule's message (shown on the 403 page)."""
    if policy.can(request.actor, action, target):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(policy.DENIAL_MESSAGES[action])


class PolicyRequiredMixin:
    """Set ``action``; override ``get_policy_target`` when the rule looks at an object."""

    action: str = ""

    def get_policy_target(self):
        return None

    def dispatch(self, request, *args, **kwargs):
        return policy_refusal(request, self.action, self.get_policy_target()) or super().dispatch(
            request, *args, **kwargs
        )
