from . import services


class ApiTokenMiddleware:
    """On /api/ requests with ``Authorization: Bearer <key>``, act as the key's owner.

    Runs after the session middleware, so the token (not a cookie) decides who a script is."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if request.path.startswith("/api/") and header.startswith("Bearer "):
            user = services.user_for_key(header.removeprefix("Bearer ").strip())
            request.api_token_valid = user is not None
            if user is not None:
                request.user = user
                request._dont_enforce_csrf_checks = True
            else:
                from django.contrib.auth.models import AnonymousUser

                request.user = AnonymousUser()
        return self.get_response(request)
