import secrets

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from icat import policy
from icat.accounts import services
from icat.accounts.models import User

DEMO_USERNAME = "secretariat"


class Command(BaseCommand):
    help = "Create the demo secretariat account on first run (never in production) and print how to sign in."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="Where the platform is served.")

    def handle(self, *args, **options):
        if not settings.DEMO_ACCOUNTS:
            raise CommandError("Refusing to create a demo account: DEMO_ACCOUNTS is off (it is off whenever DEBUG is).")
        credentials = settings.VAR_DIR / "demo-credentials.txt"
        if not User.objects.filter(username=DEMO_USERNAME).exists():
            password = secrets.token_urlsafe(12)
            services.create_person(
                policy.system_actor("ensure_demo_account"),
                username=DEMO_USERNAME,
                email="secretariat@example.org",
                first_name="Demo",
                last_name="Secretariat",
                password=password,
                is_secretariat=True,
            )
            credentials.parent.mkdir(parents=True, exist_ok=True)
            credentials.write_text(f"{DEMO_USERNAME}\n{password}\n", encoding="utf-8")
            credentials.chmod(0o600)
        if credentials.exists():
            username, password = credentials.read_text(encoding="utf-8").split()[:2]
            self.stdout.write(self.style.SUCCESS(
                f"\n  Sign in at {options['url']}/accounts/login/ as “{username}” with password “{password}”\n"
                f"  (the demo secretariat account; its credentials are kept in {credentials}).\n"
            ))
        else:
            self.stdout.write(f"The demo account “{DEMO_USERNAME}” exists; its password was changed since.")
