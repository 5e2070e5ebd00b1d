from django.core.management.base import BaseCommand
from django.db import transaction

from icat import policy
from icat.core.reference import Report, loaders


class Command(BaseCommand):
    help = "Load the group's reference data (organizations, chairs, meetings, products). Idempotent."

    def handle(self, *args, **options):
        actor = policy.system_actor("load_reference")
        report = Report()
        with transaction.atomic():
            for label, load in loaders():
                self.stdout.write(f"loading {label} …")
                load(actor, report)
        for line in report.lines():
            self.stdout.write(f"  {line}")
        outcome = "reference data loaded" if report.changed else "reference data already up to date"
        self.stdout.write(self.style.SUCCESS(outcome))
