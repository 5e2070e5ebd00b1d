from django.core.management.base import BaseCommand

from icat.core.models import OutgoingEmail
from icat.core.tasks import retry_pending_email


class Command(BaseCommand):
    help = "Send the e-mail still pending (a failed send is retried until it succeeds or gives up)."

    def handle(self, *args, **options):
        sent = retry_pending_email()
        left = OutgoingEmail.objects.filter(state=OutgoingEmail.State.PENDING).count()
        self.stdout.write(f"sent {sent}, still pending {left}")
