"""The API root: django-ninja at /api/, OpenAPI 3 at /api/openapi.json, docs at /api/docs.

Browsers use their session (with CSRF); scripts send ``Authorization: Bearer <token>``. Every error
is JSON: ``{"detail": "<a message a person can read>"}``.
"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

api = NinjaAPI(
    title="ICAT Platform API",
    version="1",
    description="Organizations, Working Group, chairs and the group's records. "
    "Public reads need no sign-in; writes take your browser session (with its CSRF token) or an API token: "
    "Authorization: Bearer <token>.",
    urls_namespace="api",
)


def _messages(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc):
    return api.create_response(request, {"detail": _messages(exc)}, status=400)


@api.exception_handler(NinjaValidationError)
def on_schema_error(request, exc):
    problems = "; ".join(
        f"{'.'.join(str(part) for part in error.get('loc', [])[1:]) or 'body'}: {error.get('msg')}"
        for error in exc.errors
    )
    return api.create_response(request, {"detail": problems, "errors": exc.errors}, status=422)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return api.create_response(request, {"detail": str(exc) or "You may not do this."}, status=403)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return api.create_response(request, {"detail": "Sign in or send a valid API token."}, status=401)


@api.exception_handler(ObjectDoesNotExist)
@api.exception_handler(Http404)
def on_not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


def register_routers():
    from icat.accounts.api import router as accounts_router
    from icat.core.api import router as core_router
    from icat.decisions.api import router as decisions_router
    from icat.library.api import router as library_router
    from icat.meetings.api import router as meetings_router
    from icat.orgs.api import router as orgs_router

    api.add_router("/orgs", orgs_router)
    api.add_router("/audit", core_router)
    api.add_router("/accounts", accounts_router)
    api.add_router("/meetings", meetings_router)
    api.add_router("/decisions", decisions_router)
    api.add_router("/library", library_router)


register_routers()
