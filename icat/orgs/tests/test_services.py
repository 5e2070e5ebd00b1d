"""The registry's write use cases: dated history, audit rows, refusals that change nothing."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from icat.core.models import AuditEntry
from icat.orgs import queries, services
from icat.orgs.models import OrganizationStatus, WorkingGroupMembership
from icat.orgs.tests.factories import OrganizationFactory


def test_status_history_is_kept_as_intervals(db, system):
    organization = OrganizationFactory()
    services.change_status(system, organization, "applicant", on=date(2020, 1, 1))
    services.change_status(system, organization, "member", on=date(2020, 6, 1))
    services.change_status(system, organization, "former", on=date(2023, 1, 1))
    rows = list(organization.statuses.order_by("valid_from").values_list("status", "valid_from", "valid_to"))
    assert rows == [
        ("applicant", date(2020, 1, 1), date(2020, 6, 1)),
        ("member", date(2020, 6, 1), date(2023, 1, 1)),
        ("former", date(2023, 1, 1), None),
    ]
    assert list(queries.members_on(date(2022, 12, 31))) == [organization]
    assert list(queries.members_on(date(2023, 1, 1))) == []
    assert list(queries.organizations_on(date(2019, 12, 31))) == []


def test_history_is_never_rewritten(db, system):
    organization = OrganizationFactory()
    services.change_status(system, organization, "member", on=date(2020, 1, 1))
    with pytest.raises(ValidationError, match="never rewritten"):
        services.change_status(system, organization, "partner", on=date(2019, 1, 1))
    assert organization.statuses.count() == 1


def test_leaving_membership_ends_working_group_membership(member_org, system):
    services.change_status(system, member_org, "former", on=date(2024, 1, 1))
    membership = WorkingGroupMembership.objects.get(organization=member_org)
    assert membership.valid_to == date(2024, 1, 1)
    assert member_org not in queries.working_group_on(date(2024, 1, 1))


def test_every_write_is_audited_with_old_and_new_values(db, system):
    organization = OrganizationFactory(website="https://old.example.org")
    services.update_organization(system, organization, website="https://new.example.org")
    entry = AuditEntry.objects.filter(action="orgs.update").get()
    assert entry.changes == {"website": ["https://old.example.org", "https://new.example.org"]}
    assert entry.actor_label == "system: tests"
    assert entry.organization == organization


def test_an_update_that_changes_nothing_writes_nothing(db, system):
    organization = OrganizationFactory()
    before = AuditEntry.objects.count()
    services.update_organization(system, organization, name=organization.name)
    assert AuditEntry.objects.count() == before


def test_only_the_secretariat_maintains_the_registry(member_focal_point, secretariat_user):
    organization = OrganizationFactory()
    with pytest.raises(PermissionDenied, match="secretariat"):
        services.change_status(member_focal_point, organization, "member", on=date(2024, 1, 1))
    services.change_status(secretariat_user, organization, "member", on=date(2024, 1, 1))
    entry = AuditEntry.objects.get(action="orgs.change_status", organization=organization)
    assert entry.actor == secretariat_user


def test_bad_input_changes_nothing(db, system):
    organization = OrganizationFactory()
    with pytest.raises(ValidationError):
        services.update_organization(system, organization, website="not a web address")
    with pytest.raises(ValidationError):
        services.change_status(system, organization, "president", on=date(2024, 1, 1))
    organization.refresh_from_db()
    assert organization.website.startswith("https://")
    assert not OrganizationStatus.objects.filter(organization=organization).exists()


def test_focal_point_designation_and_end(member_org, system):
    from icat.accounts.tests.factories import UserFactory

    person = UserFactory()
    designation = services.designate_focal_point(system, member_org, person, on=date(2024, 1, 1), title="Adviser")
    with pytest.raises(ValidationError, match="already"):
        services.designate_focal_point(system, member_org, person, on=date(2024, 2, 1))
    services.end_focal_point(system, designation, on=date(2025, 1, 1))
    designation.refresh_from_db()
    assert designation.valid_to == date(2025, 1, 1)
    from icat import policy

    assert not policy.actor_for(person, on=date(2025, 1, 1)).organization_ids
    assert policy.actor_for(person, on=date(2024, 6, 1)).organization_ids == {member_org.pk}
