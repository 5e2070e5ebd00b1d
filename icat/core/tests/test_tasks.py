"""Background work: scheduled tasks exist, and an e-mail that fails is kept and retried, never dropped."""

from django.conf import settings
from django.core import mail

from icat import celery_app
from icat.core.models import OutgoingEmail
from icat.core.notify import queue_email
from icat.core.tasks import deliver, retry_pending_email


def test_every_scheduled_task_is_registered():
    celery_app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in celery_app.tasks


def test_queued_email_is_sent_after_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_email("Subject", "Body", ["b@example.org", "a@example.org", ""], topic="test")
    email.refresh_from_db()
    assert email.state == OutgoingEmail.State.SENT and email.attempts == 1
    assert mail.outbox[0].to == ["a@example.org", "b@example.org"]


def test_a_failed_send_is_kept_and_retried(db, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "icat.core.tests.failing_backend.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_email("Subject", "Body", ["a@example.org"])
    email.refresh_from_db()
    assert email.state == OutgoingEmail.State.PENDING and email.attempts == 1
    assert "SMTP down" in email.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert retry_pending_email() == 1
    email.refresh_from_db()
    assert email.state == OutgoingEmail.State.SENT and len(mail.outbox) == 1


def test_gives_up_after_the_last_attempt_and_says_so(db, settings):
    settings.EMAIL_BACKEND = "icat.core.tests.failing_backend.FailingBackend"
    email = OutgoingEmail.objects.create(subject="S", body="B", recipients=["a@example.org"])
    for _ in range(6):
        deliver(email.pk)
    email.refresh_from_db()
    assert email.state == OutgoingEmail.State.FAILED and email.attempts == 6
