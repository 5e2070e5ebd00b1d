"""Background work. With Redis these run on a Celery worker; in the embedded mode they run inline."""

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from .models import OutgoingEmail

log = logging.getLogger("icat.mail")
MAX_ATTEMPTS = 6


def deliver(email_id: int) -> bool:
    """Try to send one queued message; record the outcome. Returns True once it is sent."""
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id, state=OutgoingEmail.State.PENDING).first()
        if email is None:
            return True
        message = EmailMessage(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, email.recipients)
        for name, content, mimetype in email.attachments:
            message.attach(name, content, mimetype)
        email.attempts += 1
        try:
            message.send(fail_silently=False)
        except Exception as error:  # noqa: BLE001 - any transport failure is recorded and retried
            email.last_error = f"{type(error).__name__}: {error}"
            if email.attempts >= MAX_ATTEMPTS:
                email.state = OutgoingEmail.State.FAILED
            email.save(update_fields=["attempts", "last_error", "state"])
            log.warning("e-mail %s %r attempt %s failed: %s", email.pk, email.subject, email.attempts, error)
            return False
        email.state = OutgoingEmail.State.SENT
        email.sent_at = timezone.now()
        email.save(update_fields=["attempts", "state", "sent_at"])
        log.info("e-mail %s %r sent to %d recipient(s)", email.pk, email.subject, len(email.recipients))
        return True


@shared_task(bind=True, max_retries=MAX_ATTEMPTS, retry_backoff=30, retry_backoff_max=3600)
def send_email(self, email_id: int):
    if not deliver(email_id) and not self.request.is_eager:
        raise self.retry()


@shared_task
def retry_pending_email() -> int:
    """Send what is still pending (run by Celery beat, or `manage.py send_pending_email`)."""
    pending = OutgoingEmail.objects.filter(state=OutgoingEmail.State.PENDING).values_list("pk", flat=True)
    return sum(deliver(email_id) for email_id in list(pending))
