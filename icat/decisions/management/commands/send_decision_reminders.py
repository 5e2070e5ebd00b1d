from django.core.management.base import BaseCommand

from icat import policy
from icat.decisions.services import send_due_reminders


class Command(BaseCommand):
    help = "Send the reminders due 48 hours before written-procedure deadlines (each once)."

    def handle(self, *args, **options):
        count = send_due_reminders(policy.system_actor("send_decision_reminders"))
        self.stdout.write(f"{count} written procedure(s) reminded.")
