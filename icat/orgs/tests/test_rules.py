"""Each composition rule of the Terms of Reference, named after its function in icat.orgs.rules."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from icat.orgs import rules, services
from icat.orgs.models import Organization, OrganizationStatus
from icat.orgs.tests.factories import OrganizationFactory

DAY = date(2024, 3, 1)


@pytest.mark.parametrize(
    ("kind", "covers", "unmet"),
    [
        ("un_entity", True, 0),
        ("intergovernmental", True, 0),
        ("civil_society", True, 1),
        ("intergovernmental", False, 1),
        ("civil_society", False, 2),
    ],
)
def test_membership_criteria_unmet(kind, covers, unmet):
    organization = Organization(kind=kind, mandate_covers_trafficking=covers)
    assert len(rules.membership_criteria_unmet(organization)) == unmet


def test_membership_criteria_unmet_refuses_membership_through_the_service(db, system):
    organization = OrganizationFactory(kind="intergovernmental", mandate_covers_trafficking=False)
    with pytest.raises(ValidationError, match="3.A.4"):
        services.change_status(system, organization, "member", on=DAY)
    assert not organization.statuses.exists()


def test_civil_society_is_engaged_per_activity(db, system):
    ngo = OrganizationFactory(kind="civil_society")
    assert rules.civil_society_is_engaged_per_activity(ngo, "partner")
    assert rules.civil_society_is_engaged_per_activity(ngo, "former") is None
    with pytest.raises(ValidationError, match="3.A.5"):
        services.change_status(system, ngo, "partner", on=DAY)


def test_working_group_is_for_members(partner_org, member_outside_wg_org, system):
    assert rules.working_group_is_for_members(OrganizationStatus.Status.PARTNER)
    assert rules.working_group_is_for_members(None)
    assert rules.working_group_is_for_members(OrganizationStatus.Status.MEMBER) is None
    with pytest.raises(ValidationError, match="3.B.7"):
        services.join_working_group(system, partner_org, on=DAY, interest_confirmed_on=DAY)
    services.join_working_group(system, member_outside_wg_org, on=DAY, interest_confirmed_on=DAY)
    assert member_outside_wg_org.wg_memberships.count() == 1


def test_focal_point_needs_member_or_partner(db, system):
    from icat.accounts.tests.factories import UserFactory

    applicant = OrganizationFactory()
    services.change_status(system, applicant, "applicant", on=DAY)
    assert rules.focal_point_needs_member_or_partner("applicant")
    assert rules.focal_point_needs_member_or_partner("partner") is None
    with pytest.raises(ValidationError, match="3.A.2"):
        services.designate_focal_point(system, applicant, UserFactory(), on=DAY)
