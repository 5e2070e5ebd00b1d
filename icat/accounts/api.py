from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.security import HttpBearer, SessionAuth

from . import services
from .models import ApiToken


class ApiTokenAuth(HttpBearer):
    """A script's key; ``ApiTokenMiddleware`` already resolved it to ``request.user``."""

    def authenticate(self, request, token):
        return request.user if getattr(request, "api_token_valid", False) else None


# What writes require: a token, or a browser session with its CSRF token.
SIGNED_IN = [ApiTokenAuth(), SessionAuth(csrf=True)]


router = Router(tags=["accounts"])


class Me(Schema):
    username: str
    name: str
    roles: list[str]
    organizations: list[int]


class TokenIn(Schema):
    name: str


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class NewToken(TokenOut):
    key: str


@router.get("/me", response=Me, auth=SIGNED_IN, summary="Who the API sees you as, with your roles today")
def me(request):
    actor = request.actor
    return Me(username=actor.user.username, name=actor.label, roles=sorted(actor.roles),
              organizations=sorted(actor.organization_ids))


@router.post("/tokens", response={201: NewToken}, auth=SIGNED_IN, summary="Create an API token (the key is shown once)")
def create_token(request, payload: TokenIn):
    token, key = services.create_api_token(request.actor, payload.name)
    return Status(201, NewToken(key=key, **TokenOut.from_orm(token).model_dump()))


@router.delete("/tokens/{token_id}", response=TokenOut, auth=SIGNED_IN, summary="Revoke one of your tokens")
def revoke_token(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id)
    return services.revoke_api_token(request.actor, token)
