"""Queue e-mail in the writing transaction; hand it to the sender only once that transaction commits."""

from django.db import transaction

from .models import OutgoingEmail
from .tasks import send_email


def queue_email(subject, body, recipients, *, topic: str = "", attachments=None) -> OutgoingEmail | None:
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return None
    email = OutgoingEmail.objects.create(
        subject=str(subject)[:300],
        body=str(body),
        recipients=recipients,
        attachments=attachments or [],
        topic=topic,
    )
    transaction.on_commit(lambda: send_email.delay(email.pk))
    return email
