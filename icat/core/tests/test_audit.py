import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from icat.core import audit
from icat.core.models import AuditEntry
from icat.orgs.tests.factories import OrganizationFactory


def test_audit_entries_are_append_only(member_org):
    entry = AuditEntry.objects.first()
    entry.note = "rewritten"
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    with pytest.raises(ValidationError):
        AuditEntry.objects.all().update(note="rewritten")
    with pytest.raises(ValidationError):
        AuditEntry.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_audit_is_written_in_the_changing_transaction(system):
    organization = OrganizationFactory()
    with pytest.raises(RuntimeError, match="inside the transaction"):
        audit.record(system, "test", organization)
    with transaction.atomic():
        audit.record(system, "test", organization, organization=organization)
    assert AuditEntry.objects.filter(action="test").count() == 1


def test_audit_page_is_for_the_secretariat(client, member_focal_point, secretariat_user, member_org):
    url = reverse("core:audit")
    assert client.get(url).status_code == 302
    client.force_login(member_focal_point)
    assert client.get(url).status_code == 403
    client.force_login(secretariat_user)
    page = client.get(url, {"organization": member_org.slug}).content.decode()
    assert "orgs.join_working_group" in page


def test_audit_export_is_csv_of_the_filtered_trail(client, secretariat_user, member_org, partner_org):
    client.force_login(secretariat_user)
    response = client.get(reverse("core:audit_export"), {"organization": partner_org.slug})
    body = b"".join(response.streaming_content).decode()
    lines = body.strip().splitlines()
    assert response["Content-Type"].startswith("text/csv")
    assert lines[0].startswith("when (UTC),actor")
    assert len(lines) == 2 and "orgs.change_status" in lines[1] and ",PAR," in lines[1]


def test_audit_page_query_count_is_bounded(client, secretariat_user, django_assert_max_num_queries, system):
    from conftest import make_organization

    for _ in range(40):
        make_organization(status="member", working_group=True)
    client.force_login(secretariat_user)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("core:audit")).status_code == 200


def test_audit_api_pages_through_entries(client, secretariat_user, member_org):
    client.force_login(secretariat_user)
    data = client.get("/api/audit/", {"limit": 2}).json()
    assert data["count"] == 2 and len(data["items"]) == 2
    public = client.get(f"/api/audit/organizations/{member_org.slug}").json()
    assert {item["action"] for item in public["items"]} >= {"orgs.change_status", "orgs.join_working_group"}
