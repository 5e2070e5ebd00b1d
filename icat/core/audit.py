"""Write an audit row in the same transaction as the change it describes."""

from datetime import date, datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from .models import AuditEntry


def jsonable(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(instance: models.Model, fields: list[str]) -> dict:
    return {name: jsonable(getattr(instance, name)) for name in fields}


def diff(before: dict, after: dict) -> dict:
    """``{field: [old, new]}`` for the fields whose value changed."""
    return {name: [before.get(name), value] for name, value in after.items() if before.get(name) != value}


def record(actor, action: str, target: models.Model, *, changes=None, organization=None, note="") -> AuditEntry:
    """Record that ``actor`` did ``action`` to ``target``; must run inside the writing transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must be called inside the transaction that makes the change")
    return AuditEntry.objects.create(
        actor=actor.user,
        actor_label=actor.label,
        acting_for=actor.acting_for,
        action=action,
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        target_id=str(target.pk),
        target_label=str(target)[:300],
        organization=organization,
        changes={key: [jsonable(old), jsonable(new)] for key, (old, new) in (changes or {}).items()},
        note=note,
    )
