"""Public pages render, filter, hide focal points from the public, and stay within a fixed query count."""

from datetime import date

import pytest
from django.urls import reverse

from icat.orgs import services
from icat.orgs.models import Organization, OrganizationStatus

PUBLIC_PAGES = ["core:home", "core:about", "core:terms_of_reference", "core:contact", "orgs:directory",
                "orgs:working_group", "orgs:chairs"]


@pytest.fixture
def many_organizations(db, system):
    """500 organizations, each with a status, a third in the Working Group, and a chair."""
    organizations = Organization.objects.bulk_create(
        Organization(slug=f"org-{n}", name=f"Organization {n:03}", acronym=f"O{n}", kind="un_entity")
        for n in range(500)
    )
    OrganizationStatus.objects.bulk_create(
        OrganizationStatus(organization=org, status="member" if n % 4 else "partner", valid_from=date(2020, 1, 1))
        for n, org in enumerate(organizations)
    )
    for org in organizations[1:4]:
        services.join_working_group(system, org, on=date(2021, 1, 1), interest_confirmed_on=date(2021, 1, 1))
    services.record_chairmanship(system, organizations[1], valid_from=date(2021, 1, 1), valid_to=None)
    return organizations


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_use_a_fixed_number_of_queries(client, many_organizations, name, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get(reverse(name))
    assert response.status_code == 200


def test_profile_uses_a_fixed_number_of_queries(client, many_organizations, member_focal_point,
                                                django_assert_max_num_queries):
    client.force_login(member_focal_point)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("orgs:profile", args=["org-1"]))
    assert response.status_code == 200
    assert "Chair" in response.content.decode()


def test_directory_filters(client, member_org, partner_org, member_outside_wg_org):
    page = client.get(reverse("orgs:directory"), {"status": "partner"}).content.decode()
    assert "Partner Organization" in page and "Member Organization" not in page
    page = client.get(reverse("orgs:directory"), {"status": "working_group"}).content.decode()
    assert "Member Organization" in page and "Member Outside" not in page
    page = client.get(reverse("orgs:directory"), {"kind": "intergovernmental"}).content.decode()
    assert "Partner Organization" in page and "Member Organization" not in page
    page = client.get(reverse("orgs:directory"), {"q": "outside"}).content.decode()
    assert "Member Outside" in page and "Partner Organization" not in page


def test_directory_is_paginated(client, many_organizations):
    page = client.get(reverse("orgs:directory"), {"status": "member"}).content.decode()
    assert "375 organizations" in page and "Page 1 of 8" in page
    second = client.get(reverse("orgs:directory"), {"status": "member", "page": 2}).content.decode()
    assert "Organization 067" in second and "Organization 066" not in second
    assert 'href="?status=member&amp;page=3"' in second


def test_a_bad_filter_is_explained_not_an_error(client, member_org):
    response = client.get(reverse("orgs:directory"), {"status": "emperor"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_focal_points_are_for_signed_in_participants(client, member_org, member_focal_point, visitor):
    url = reverse("orgs:profile", args=[member_org.slug])
    email = member_focal_point.email
    assert email not in client.get(url).content.decode()
    client.force_login(visitor)
    assert email not in client.get(url).content.decode()
    client.force_login(member_focal_point)
    assert email in client.get(url).content.decode()


def test_profile_shows_the_organizations_own_history(client, member_org):
    page = client.get(reverse("orgs:profile", args=[member_org.slug])).content.decode()
    assert "orgs.change_status" in page and "orgs.join_working_group" in page


def test_unknown_organization_is_404(client, db):
    assert client.get(reverse("orgs:profile", args=["nobody"])).status_code == 404


def test_terms_of_reference_render_with_anchored_clauses(client, db):
    page = client.get(reverse("core:terms_of_reference")).content.decode()
    assert 'id="tor-3B"' in page and "ICAT Working Group" in page
    assert "will have voting rights from their first participation" in page


def test_pages_are_translatable(client, db):
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    page = client.get(reverse("core:home")).content.decode()
    assert '<html lang="fr"' in page
    client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    assert 'dir="rtl"' in client.get(reverse("core:home")).content.decode()


def test_french_is_served_from_the_catalogue(client, member_org):
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    page = client.get(reverse("orgs:directory")).content.decode()
    assert "Membres et partenaires" in page and "Groupe de travail" in page and "Aller au contenu principal" in page
