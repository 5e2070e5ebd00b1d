from django.core.management.base import BaseCommand, CommandError

from icat.decisions.chain import verify_chain


class Command(BaseCommand):
    help = "Verify the hash chain of decision records; report the first broken link (exit status 1 if any)."

    def handle(self, *args, **options):
        report = verify_chain()
        if report.intact:
            self.stdout.write(
                self.style.SUCCESS(f"Chain intact: {report.checked} decision record(s) verified.")
            )
            return
        record = report.first_broken
        raise CommandError(
            f"Chain broken at record {record.number} (position {record.position}): {report.problem}. "
            f"{report.checked} record(s) before it are intact."
        )
