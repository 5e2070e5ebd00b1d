"""ICAT's reference data as transcribed from the seeds, loaded by `manage.py load_reference`."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from icat.core.models import AuditEntry
from icat.orgs import queries
from icat.orgs.models import Chairmanship, Organization, OrganizationStatus


@pytest.fixture
def loaded(db):
    call_command("load_reference", stdout=StringIO())


def chairs_in(year):
    day = date(year, 6, 30)
    return sorted(term.organization.acronym for term in queries.chairs_on(day))


def test_counts(loaded):
    assert Organization.objects.count() == 26
    assert queries.members_on(date(2017, 6, 30)).count() == 16
    assert queries.partners_on(date(2017, 6, 30)).count() == 2
    # April 2018: "ICAT is currently composed of 23 organizations" (An overview, footnote 1).
    assert queries.organizations_on(date(2018, 4, 30)).count() == 23
    assert queries.working_group_on(date(2017, 6, 30)).count() == 7
    # The April 2018 Working Group lists 11, of which OSCE and ICMPD were partners (observers).
    assert queries.working_group_on(date(2018, 4, 30)).count() == 9
    assert Chairmanship.objects.count() == 13


def test_named_facts(loaded):
    assert chairs_in(2013) == ["ILO"]
    assert chairs_in(2008) == ["UNODC"]
    assert chairs_in(2019) == ["OSCE", "UN Women"]
    assert all(term.is_co_chair for term in queries.chairs_on(date(2019, 6, 30)))
    assert chairs_in(2020) == []  # the seeds do not name the 2020 Chair
    assert chairs_in(2021) == ["UNHCR", "UNODC"]
    assert Organization.objects.get(slug="unwomen").wg_memberships.get().valid_from == date(2016, 12, 1)
    assert Organization.objects.get(acronym="ACUNS").kind == "civil_society"
    assert not OrganizationStatus.objects.filter(organization__slug__in=["unifem", "undaw", "acuns"]).exists()
    assert Organization.objects.get(slug="unodc").website == "http://www.unodc.org"


def test_loading_twice_changes_nothing(loaded):
    entries = AuditEntry.objects.count()
    output = StringIO()
    call_command("load_reference", stdout=output)
    assert AuditEntry.objects.count() == entries
    assert "already up to date" in output.getvalue()


def test_a_changed_data_file_updates_only_the_difference(loaded, settings, tmp_path):
    import json
    import shutil

    for source in settings.REFERENCE_DATA_DIR.iterdir():
        shutil.copy(source, tmp_path / source.name)
    data = json.loads((tmp_path / "organizations.json").read_text())
    data["organizations"][0]["website"] = "https://www.unodc.org"
    (tmp_path / "organizations.json").write_text(json.dumps(data))
    settings.REFERENCE_DATA_DIR = tmp_path
    call_command("load_reference", stdout=StringIO())
    assert AuditEntry.objects.filter(action="orgs.update").count() == 1
    assert Organization.objects.get(slug="unodc").website == "https://www.unodc.org"
