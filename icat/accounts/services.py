import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from icat import policy
from icat.core import audit

from .models import ApiToken, User


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def create_api_token(who, name: str) -> tuple[ApiToken, str]:
    """Make a token for the acting person; returns it and the key, which is never shown again."""
    actor = policy.as_actor(who)
    if not actor.is_authenticated:
        raise PermissionDenied(_("Sign in to create an API token."))
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the token a name, so you can recognise it later."))
    key = "icat_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=actor.user, name=name[:100], prefix=key[5:13], digest=digest(key))
    audit.record(actor, "accounts.create_api_token", token, changes={"name": [None, token.name]})
    return token, key


@transaction.atomic
def revoke_api_token(who, token: ApiToken) -> ApiToken:
    actor = policy.as_actor(who)
    if token.user_id != getattr(actor.user, "pk", None) and not actor.has(policy.Role.SECRETARIAT):
        raise PermissionDenied(_("You can only revoke your own tokens."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(actor, "accounts.revoke_api_token", token, changes={"revoked_at": [None, token.revoked_at]})
    return token


def user_for_key(key: str) -> User | None:
    token = ApiToken.objects.select_related("user").filter(digest=digest(key), revoked_at__isnull=True).first()
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


@transaction.atomic
def create_person(who, *, username: str, email: str, first_name: str = "", last_name: str = "",
                  password: str | None = None, is_secretariat: bool = False) -> User:
    """Create an account (the secretariat's task, or the system's); without a password it cannot sign in
    until the person sets one through the reset link."""
    actor = policy.require(who, "orgs.manage")
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(_("The user name %(name)s is taken.") % {"name": username})
    user = User(username=username, email=email, first_name=first_name, last_name=last_name,
                is_secretariat=is_secretariat)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    audit.record(actor, "accounts.create_person", user,
                 changes={"username": [None, username], "is_secretariat": [None, is_secretariat]})
    return user


PERSON_FIELDS = ["first_name", "last_name", "email", "time_zone", "is_active", "is_secretariat"]


@transaction.atomic
def update_person(who, person: User, **changes) -> User:
    """Change a person's details or role (the secretariat's task); audited with old and new values."""
    actor = policy.require(who, "orgs.manage")
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    person = User.objects.select_for_update().get(pk=person.pk)
    before = audit.snapshot(person, PERSON_FIELDS)
    for name, value in changes.items():
        setattr(person, name, value)
    person.full_clean(exclude=["password"])
    difference = audit.diff(before, audit.snapshot(person, PERSON_FIELDS))
    if difference:
        person.save()
        audit.record(actor, "accounts.update_person", person, changes=difference)
    return person
