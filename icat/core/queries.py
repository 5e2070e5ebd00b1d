from django.db.models import QuerySet

from .models import AuditEntry


def audit_trail(*, action: str = "", organization: str = "", since=None, until=None) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.select_related("organization", "acting_for").order_by("-at", "-id")
    if action:
        entries = entries.filter(action__startswith=action)
    if organization:
        entries = entries.filter(organization__slug=organization)
    if since:
        entries = entries.filter(at__date__gte=since)
    if until:
        entries = entries.filter(at__date__lte=until)
    return entries


def history_of(organization) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(organization=organization).select_related("acting_for").order_by("-at", "-id")
