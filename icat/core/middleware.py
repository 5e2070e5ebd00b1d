from django.utils.functional import SimpleLazyObject

from icat import policy


class ActorMiddleware:
    """Attach ``request.actor``: the signed-in person's roles today, computed once, only when asked."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.actor = SimpleLazyObject(lambda: policy.actor_for(request.user))
        return self.get_response(request)
