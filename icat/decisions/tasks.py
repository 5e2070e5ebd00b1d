"""Background work for decisions; Celery beat runs ``send_decision_reminders`` e.g. every 15 minutes."""

from celery import shared_task

from icat import policy


@shared_task
def send_decision_reminders() -> int:
    from .services import send_due_reminders

    return send_due_reminders(policy.system_actor("decision reminders"))
