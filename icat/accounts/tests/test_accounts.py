import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from icat.accounts.models import User
from icat.accounts.tests.factories import TEST_PASSWORD, UserFactory


def test_passwords_are_hashed_with_argon2(db, settings):
    from icat import settings as configured

    settings.PASSWORD_HASHERS = configured.PASSWORD_HASHERS
    assert UserFactory().password.startswith("argon2")


def test_login_lockout_after_repeated_failures(client, db, settings):
    user = UserFactory(username="focal")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(reverse("accounts:login"), {"username": "focal", "password": "wrong"})
        assert response.status_code == 200 and "correct username and password" in response.content.decode()
    response = client.post(reverse("accounts:login"), {"username": "focal", "password": "wrong"})
    assert response.status_code == 429
    response = client.post(reverse("accounts:login"), {"username": "focal", "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert user.pk


def test_successful_login_goes_to_the_workspace(client, member_focal_point):
    response = client.post(reverse("accounts:login"), {"username": "member-fp", "password": TEST_PASSWORD},
                           follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("accounts:dashboard")
    assert "Working Group member" in page and "MEM" in page


def test_demo_account_is_created_once_and_its_credentials_printed(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    first, second = StringIO(), StringIO()
    call_command("ensure_demo_account", stdout=first)
    call_command("ensure_demo_account", stdout=second)
    assert User.objects.filter(username="secretariat", is_secretariat=True).count() == 1
    password = (tmp_path / "demo-credentials.txt").read_text().split()[1]
    assert password in first.getvalue() and password in second.getvalue()
    assert User.objects.get(username="secretariat").check_password(password)


def test_no_demo_account_in_production(db, settings):
    settings.DEMO_ACCOUNTS = False
    with pytest.raises(CommandError, match="DEMO_ACCOUNTS"):
        call_command("ensure_demo_account", stdout=StringIO())
    assert not User.objects.filter(username="secretariat").exists()


def test_refuses_to_start_with_debug_off_and_the_development_key():
    environment = {**os.environ, "DEBUG": "0", "SECRET_KEY": "", "DJANGO_SETTINGS_MODULE": "icat.settings"}
    environment.pop("SECRET_KEY")
    result = subprocess.run([sys.executable, "-c", "import django; django.setup()"], env=environment,
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0 and "set SECRET_KEY" in result.stderr


def test_tokens_from_the_workspace(client, member_focal_point):
    client.force_login(member_focal_point)
    response = client.post(reverse("accounts:create_token"), {"name": "laptop"}, follow=True)
    page = response.content.decode()
    assert "icat_" in page and "laptop" in page
    token = member_focal_point.api_tokens.get()
    client.post(reverse("accounts:revoke_token", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    response = client.post(reverse("accounts:create_token"), {"name": "  "}, follow=True)
    assert "Give the token a name" in response.content.decode()


def test_back_office_is_for_the_secretariat_and_never_deletes(client, member_focal_point, secretariat_user,
                                                              member_org):
    client.force_login(member_focal_point)
    assert client.get(reverse("admin:index")).status_code == 302
    client.force_login(secretariat_user)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:orgs_organization_changelist")).status_code == 200
    assert client.get(reverse("admin:orgs_organization_delete", args=[member_org.pk])).status_code == 403


def test_back_office_accounts_are_created_and_changed_through_the_services(client, secretariat_user):
    from icat.core.models import AuditEntry

    client.force_login(secretariat_user)
    response = client.post(reverse("admin:accounts_user_add"), {
        "username": "new-focal-point", "usable_password": "true",
        "password1": "a long enough passphrase 42", "password2": "a long enough passphrase 42"})
    assert response.status_code == 302
    person = User.objects.get(username="new-focal-point")
    assert person.check_password("a long enough passphrase 42")
    response = client.post(reverse("admin:accounts_user_change", args=[person.pk]), {
        "username": "new-focal-point", "first_name": "Ana", "last_name": "Silva", "email": "ana@example.org",
        "time_zone": "Europe/Vienna", "is_active": "on", "is_secretariat": "on"})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="accounts.update_person")
    assert entry.changes["is_secretariat"] == [False, True] and entry.actor == secretariat_user
    assert AuditEntry.objects.filter(action="accounts.create_person", actor=secretariat_user).exists()


def test_back_office_writes_go_through_the_services(client, secretariat_user, member_outside_wg_org):
    from icat.core.models import AuditEntry

    client.force_login(secretariat_user)
    response = client.post(reverse("admin:orgs_workinggroupmembership_add"), {
        "organization": member_outside_wg_org.pk, "valid_from": "2024-05-01", "interest_confirmed_on": "2024-04-20",
        "source": "Letter of 20 April 2024"})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="orgs.join_working_group", organization=member_outside_wg_org)
    assert entry.actor == secretariat_user and entry.note == "Letter of 20 April 2024"


def test_the_workspace_lists_the_work_each_role_may_open(client, role_users):
    def links(who):
        client.force_login(role_users[who])
        return client.get(reverse("accounts:dashboard")).context["work_links"]

    assert links("visitor") == []
    partner = [str(label) for label, _url in links("partner")]
    assert "Consultations awaiting my organization" in partner and "Back office" not in partner
    assert "Schedule a meeting" not in partner
    secretariat = {str(label) for label, _url in links("secretariat")}
    expected = {"Schedule a meeting", "Audit trail", "Back office", "Membership and partnership applications"}
    assert expected <= secretariat
