"""OAI-PMH 2.0: harvested with the ``sickle`` client against the live server, and the XML checked directly."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone
from sickle import Sickle, oaiexceptions

from icat.library import oai, services
from icat.library.models import Product, Theme

from .conftest import SYSTEM, make_product

NS = {"oai": oai.OAI, "dc": oai.DC, "oai_dc": oai.OAI_DC}


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own server's answer


def error_code(root):
    errors = root.findall("oai:error", NS)
    return errors[0].get("code") if errors else None


@pytest.fixture
def catalogue(db):
    theme = Theme.objects.create(slug="organ-removal", name="Organ removal")
    products = [
        make_product(
            title=f"Product {number}", summary=f"Summary {number}", themes=[theme] if number % 2 else []
        )
        for number in range(7)
    ]
    make_product(title="A draft nobody harvests", state="draft")
    return products


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(oai, "PAGE_SIZE", 3)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sickle_harvests_every_public_record_across_resumption_tokens(
    live_server, catalogue, small_pages, method
):
    harvester = Sickle(live_server.url + "/oai", http_method=method)
    records = list(harvester.ListRecords(metadataPrefix="oai_dc"))
    assert sorted(record.metadata["title"][0] for record in records) == sorted(p.title for p in catalogue)
    identifiers = list(harvester.ListIdentifiers(metadataPrefix="oai_dc", set="theme:organ-removal"))
    assert len(identifiers) == 3
    identify = harvester.Identify()
    assert identify.protocolVersion == "2.0"
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
    formats = [item.metadataPrefix for item in harvester.ListMetadataFormats()]
    assert formats == ["oai_dc"]
    sets = [item.setSpec for item in harvester.ListSets()]
    assert "type:issue_brief" in sets and "theme:organ-removal" in sets
    record = harvester.GetRecord(identifier=oai.identifier_of(catalogue[0]), metadataPrefix="oai_dc")
    assert record.metadata["title"] == [catalogue[0].title]
    assert record.header.identifier == oai.identifier_of(catalogue[0])


def test_sickle_sees_the_protocol_errors(live_server, catalogue):
    harvester = Sickle(live_server.url + "/oai")
    with pytest.raises(oaiexceptions.CannotDisseminateFormat):
        harvester.GetRecord(identifier=oai.identifier_of(catalogue[0]), metadataPrefix="marc21")
    with pytest.raises(oaiexceptions.IdDoesNotExist):
        harvester.GetRecord(identifier="oai:elsewhere:1", metadataPrefix="oai_dc")
    with pytest.raises(oaiexceptions.NoRecordsMatch):
        list(harvester.ListRecords(metadataPrefix="oai_dc", set="type:toolkit"))
    with pytest.raises(oaiexceptions.BadResumptionToken):
        list(harvester.ListRecords(resumptionToken="forged"))
    assert 'code="badVerb"' in harvester.harvest(verb="Harvest").raw


def test_identify_answers_the_required_elements(client, catalogue):
    root = parse(client.get("/oai", {"verb": "Identify"}))
    assert root.tag == f"{{{oai.OAI}}}OAI-PMH"
    assert root.find("oai:responseDate", NS).text.endswith("Z")
    assert root.find("oai:request", NS).get("verb") == "Identify"
    identify = root.find("oai:Identify", NS)
    for element in (
        "repositoryName",
        "baseURL",
        "protocolVersion",
        "adminEmail",
        "earliestDatestamp",
        "deletedRecord",
        "granularity",
    ):
        assert identify.find(f"oai:{element}", NS).text, element
    assert identify.find("oai:baseURL", NS).text == "http://testserver/oai"


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Dance"}, "badVerb"),
        ({"verb": ["Identify", "Identify"]}, "badVerb"),
        ({"verb": "Identify", "extra": "1"}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": ["oai_dc", "oai_dc"]}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-13-45"}, "badArgument"),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2020-01-01",
                "until": "2021-01-01T00:00:00Z",
            },
            "badArgument",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2021-01-02", "until": "2021-01-01"},
            "badArgument",
        ),
        ({"verb": "ListRecords", "resumptionToken": "x", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "Identify", "resumptionToken": "x"}, "badArgument"),
        ({"verb": "ListRecords", "resumptionToken": "not-a-token"}, "badResumptionToken"),
        ({"verb": "ListSets", "resumptionToken": "anything"}, "badResumptionToken"),
        ({"verb": "ListRecords", "metadataPrefix": "mods"}, "cannotDisseminateFormat"),
        (
            {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:icat.platform:999999"},
            "idDoesNotExist",
        ),
        ({"verb": "ListMetadataFormats", "identifier": "nonsense"}, "idDoesNotExist"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "type:toolkit"}, "noRecordsMatch"),
        ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "2100-01-01"}, "noRecordsMatch"),
        ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "unknown"}, "noRecordsMatch"),
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_every_error_code(client, catalogue, arguments, code, method):
    root = parse(getattr(client, method)("/oai", arguments))
    assert error_code(root) == code
    if code in ("badVerb", "badArgument"):
        assert root.find("oai:request", NS).attrib == {}


def test_a_draft_is_not_harvestable(client, catalogue):
    draft = Product.objects.get(state="draft")
    root = parse(
        client.get(
            "/oai", {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": oai.identifier_of(draft)}
        )
    )
    assert error_code(root) == "idDoesNotExist"


def test_resumption_tokens_carry_cursor_and_complete_list_size(client, catalogue, small_pages):
    root = parse(client.get("/oai", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}))
    token = root.find("oai:ListIdentifiers/oai:resumptionToken", NS)
    assert token.get("completeListSize") == "7" and token.get("cursor") == "0" and token.text
    seen = len(root.findall("oai:ListIdentifiers/oai:header", NS))
    while token is not None and token.text:
        root = parse(client.post("/oai", {"verb": "ListIdentifiers", "resumptionToken": token.text}))
        seen += len(root.findall("oai:ListIdentifiers/oai:header", NS))
        token = root.find("oai:ListIdentifiers/oai:resumptionToken", NS)
    assert seen == 7
    assert token is not None and token.text is None and token.get("cursor") == "6"
    other_verb = parse(client.get("/oai", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}))
    token = other_verb.find("oai:ListIdentifiers/oai:resumptionToken", NS).text
    assert error_code(parse(client.get("/oai", {"verb": "ListRecords", "resumptionToken": token}))) == (
        "badResumptionToken"
    )


def test_dublin_core_and_datestamps(client, catalogue):
    product = catalogue[1]
    root = parse(
        client.get(
            "/oai",
            {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": oai.identifier_of(product)},
        )
    )
    record = root.find("oai:GetRecord/oai:record", NS)
    assert record.find("oai:header/oai:datestamp", NS).text == oai.datestamp(product.updated_at)
    assert [spec.text for spec in record.findall("oai:header/oai:setSpec", NS)] == [
        "type:policy_paper",
        "theme:organ-removal",
    ]
    dc = record.find("oai:metadata/oai_dc:dc", NS)
    assert dc.find("dc:title", NS).text == product.title
    assert dc.find("dc:description", NS).text == product.summary
    assert dc.find("dc:subject", NS).text == "Organ removal"
    assert f"http://testserver{product.get_absolute_url()}" in [
        e.text for e in dc.findall("dc:identifier", NS)
    ]


def test_from_and_until_select_by_datestamp(client, catalogue):
    later = timezone.now() + timedelta(days=2)
    Product.objects.filter(pk=catalogue[0].pk).update(updated_at=later)
    day = later.strftime("%Y-%m-%d")
    root = parse(client.get("/oai", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": day}))
    assert [h.text for h in root.findall("oai:ListIdentifiers/oai:header/oai:identifier", NS)] == [
        oai.identifier_of(catalogue[0])
    ]
    exact = oai.datestamp(later)
    root = parse(
        client.get(
            "/oai", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": exact, "until": exact}
        )
    )
    assert len(root.findall("oai:ListIdentifiers/oai:header", NS)) == 1


def test_a_superseded_product_stays_harvestable(client, catalogue):
    services.supersede(SYSTEM, catalogue[0], by=catalogue[1])
    root = parse(
        client.get(
            "/oai",
            {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": oai.identifier_of(catalogue[0])},
        )
    )
    assert error_code(root) is None
    assert root.find(".//dc:relation", NS).text.endswith(catalogue[1].get_absolute_url())


def test_list_records_runs_a_fixed_number_of_queries(client, catalogue, django_assert_max_num_queries):
    for number in range(20):
        make_product(title=f"Extra {number}")
    with django_assert_max_num_queries(10):
        client.get("/oai", {"verb": "ListRecords", "metadataPrefix": "oai_dc"})
