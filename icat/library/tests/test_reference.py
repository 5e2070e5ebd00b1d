"""ICAT's catalogue loads from the seeds, idempotently, each product public through a recorded outside
sign-off, with no invented file or date."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from icat.core.reference import read_json
from icat.library.models import LanguageVersion, Product, Theme
from icat.library.search import Criteria, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    call_command("load_reference", stdout=StringIO())


def test_loading_twice_changes_nothing(loaded):
    before = list(Product.objects.values_list("pk", "title", "updated_at", "state"))
    output = StringIO()
    call_command("load_reference", stdout=output)
    assert "library products: 0 created, 0 updated" in output.getvalue()
    assert list(Product.objects.values_list("pk", "title", "updated_at", "state")) == before


def test_every_catalogued_product_is_public_by_an_outside_sign_off(loaded):
    data = read_json("library.json")
    assert Product.objects.count() == len(data["products"])
    assert set(Product.objects.values_list("state", "signoff", "signoff_reason")) == {
        ("published", "outside", "published before the platform existed")
    }
    assert not LanguageVersion.objects.exclude(file="").exists()
    assert Theme.objects.count() == len(data["themes"])


def test_the_seeds_facts_are_kept_with_their_precision(loaded):
    brief = Product.objects.get(kind="issue_brief", series_number=11)
    assert brief.title == "Trafficking in persons for the purpose of organ removal"
    assert brief.publication_date is None
    assert set(brief.themes.values_list("slug", flat=True)) >= {"organ-removal"}
    demand = Product.objects.get(title="Preventing Trafficking in Persons by Addressing Demand")
    assert (demand.publication_date, demand.publication_date_precision) == (date(2014, 9, 1), "month")
    assert demand.publication_date_label == "September 2014"
    review = Product.objects.get(reference_key="policy-paper-2010-analytical-review")
    assert review.publication_date_label == "2010"
    call = Product.objects.get(title="UN Heads' Call for Action on Trafficking in Persons")
    assert call.publication_date == date(2021, 11, 15) and call.kind == "joint_statement"
    assert set(
        Product.objects.filter(kind="issue_brief")
        .exclude(series_number=None)
        .values_list("series_number", flat=True)
    ) == {10, 11, 12}
    assert Product.objects.filter(kind="toolkit").count() == 1
    assert Product.objects.filter(kind="submission").count() == 4


def test_the_catalogue_is_searchable_and_says_file_not_held(loaded, client):
    results = search(Criteria(text="procurement"))
    assert "Preventing Trafficking in Persons: the Role of Public Procurement" in [
        hit.product.title for hit in results.hits
    ]
    product = Product.objects.get(series_number=12)
    page = client.get(product.get_absolute_url()).content.decode()
    assert "File not held" in page and "Signed off outside the platform" in page
    assert "published before the platform existed" in page
