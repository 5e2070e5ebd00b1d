"""Pages, feeds, sitemap, schema.org metadata and the API, with bounded query counts."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import date

import feedparser
import pytest
from django.urls import reverse

from icat.library import search, services
from icat.library.models import LanguageVersion, Product, Theme

from .conftest import SYSTEM, make_product, upload

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def theme(db):
    return Theme.objects.create(slug="technology", name="Technology")


def sign_in(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")


def test_the_library_page_searches_filters_and_highlights(client, theme):
    make_product(
        title="Leveraging technology",
        summary="Harness technology against trafficking.",
        themes=[theme],
        publication_date=date(2022, 7, 1),
    )
    make_product(title="Organ removal", publication_date=date(2021, 1, 1))
    response = client.get(
        reverse("library:index"), {"q": "technology", "theme": "technology", "year": "2022"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "1 product matches" in content
    assert "<mark>" in content and "Organ removal" not in content


@pytest.mark.parametrize("query", ["", "zzzzzz", '"', "AND (", "<script>", "%00", "x" * 500])
@pytest.mark.parametrize(
    "extra", [{}, {"year": "nineteen"}, {"kind": "bogus"}, {"page": "-3"}, {"page": "abc"}]
)
def test_odd_input_on_the_library_page_never_fails(client, query, extra):
    make_product(title="Anything at all")
    response = client.get(reverse("library:index"), {"q": query, **extra})
    assert response.status_code == 200
    assert b"<script>" not in response.content.split(b"<main")[1]


def test_a_misspelling_offers_a_correction(client):
    make_product(title="Trafficking in humanitarian crises")
    content = client.get(reverse("library:index"), {"q": "humanitarain"}).content.decode()
    assert "Did you mean" in content and "humanitarian" in content


def test_the_product_page_shows_versions_downloads_and_schema_org(
    client, theme, pdf_bytes, django_capture_on_commit_callbacks
):
    product = make_product(
        title="Issue Brief on technology",
        summary="Tech.",
        kind="issue_brief",
        series_number=13,
        themes=[theme],
        publication_date=date(2022, 7, 1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.add_language_version(
            SYSTEM,
            product,
            language="fr",
            title="Note sur la technologie",
            upload=upload("n.pdf", pdf_bytes("technologie")),
        )
    response = client.get(product.get_absolute_url())
    content = response.content.decode()
    assert "Note sur la technologie" in content and "File not held" in content
    assert reverse("library:download", args=[product.pk, "fr"]) in content
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S).group(1)
    )
    assert data["@context"] == "https://schema.org" and data["name"] == product.title
    assert data["datePublished"] == "2022-07-01" and data["position"] == 13
    assert data["inLanguage"] == ["en", "fr"]
    assert data["encoding"][0]["encodingFormat"] == "application/pdf"
    download = client.get(reverse("library:download", args=[product.pk, "fr"]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert client.get(reverse("library:download", args=[product.pk, "en"])).status_code == 404


def test_a_draft_and_its_files_are_hidden_from_the_public(client, member_focal_point, member_org, pdf_bytes):
    product = make_product(title="Draft", state="draft", leads=[member_org])
    services.add_language_version(
        SYSTEM, product, language="en", title="Draft", upload=upload("d.pdf", pdf_bytes("x"))
    )
    assert client.get(product.get_absolute_url()).status_code == 404
    assert client.get(reverse("library:download", args=[product.pk, "en"])).status_code == 404
    assert client.get(f"/api/library/products/{product.pk}").status_code == 404
    sign_in(client, member_focal_point)
    assert client.get(product.get_absolute_url()).status_code == 200
    assert client.get(reverse("library:download", args=[product.pk, "en"])).status_code == 200


def test_precision_of_dates_is_shown(client):
    year_only = make_product(title="Analytical review")
    Product.objects.filter(pk=year_only.pk).update(
        publication_date=date(2010, 1, 1), publication_date_precision="year"
    )
    year_only.refresh_from_db()
    assert year_only.publication_date_label == "2010"
    assert year_only.publication_date_iso == "2010"
    Product.objects.filter(pk=year_only.pk).update(publication_date_precision="month")
    year_only.refresh_from_db()
    assert year_only.publication_date_label == "January 2010" and year_only.publication_date_iso == "2010-01"


def check_atom(content: bytes, expected_titles):
    parsed = feedparser.parse(content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    root = ET.fromstring(content)  # noqa: S314 - our own server's answer
    assert root.tag == f"{ATOM}feed"
    for element in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{element}").text, element
    assert root.find(f"{ATOM}author/{ATOM}name").text
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        for element in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{element}").text, element
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http")
    assert sorted(entry.find(f"{ATOM}title").text for entry in entries) == sorted(expected_titles)
    return parsed


def test_the_atom_feed_lists_published_products(client, theme):
    make_product(title="Published statement", kind="joint_statement", themes=[theme])
    make_product(title="Unsigned draft", state="draft")
    parsed = check_atom(client.get(reverse("library:feed")).content, ["Joint statement: Published statement"])
    assert parsed.entries[0].tags[0].term == "Technology"


def test_the_theme_feed_lists_only_that_theme(client, theme):
    make_product(title="On technology", themes=[theme])
    make_product(title="On something else")
    check_atom(
        client.get(reverse("library:theme_feed", args=["technology"])).content,
        ["Policy paper: On technology"],
    )
    assert client.get(reverse("library:theme_feed", args=["unknown"])).status_code == 404


def test_an_empty_feed_is_still_valid_atom(client):
    check_atom(client.get(reverse("library:feed")).content, [])


def test_the_sitemap_lists_public_products(client):
    public = make_product(title="Public")
    draft = make_product(title="Draft", state="draft")
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    content = client.get("/sitemap-products.xml").content.decode()
    assert public.get_absolute_url() in content and draft.get_absolute_url() not in content


def test_the_workspace_lists_what_each_person_may_see(
    client, member_focal_point, partner_focal_point, member_org
):
    make_product(title="Working draft", state="draft", leads=[member_org])
    make_product(title="Open for comments", state="consultation")
    sign_in(client, partner_focal_point)
    content = client.get(reverse("library:workspace")).content.decode()
    assert "Open for comments" in content and "Working draft" not in content
    sign_in(client, member_focal_point)
    content = client.get(reverse("library:workspace")).content.decode()
    assert "Open for comments" in content and "Working draft" in content


def test_the_upload_page_works_without_javascript(
    client, secretariat_user, pdf_bytes, django_capture_on_commit_callbacks
):
    product = make_product(title="Catalogued without a file")
    sign_in(client, secretariat_user)
    page = client.get(reverse("library:upload", args=[product.pk]))
    assert b"<progress" in page.content and b'enctype="multipart/form-data"' in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("library:upload", args=[product.pk]),
            {
                "language": "es",
                "title": "Título",
                "summary": "",
                "file": upload("t.pdf", pdf_bytes("palabra")),
            },
        )
    assert response.status_code == 302
    assert LanguageVersion.objects.get(product=product, language="es").text_state == "done"
    refused = client.post(
        reverse("library:upload", args=[product.pk]),
        {"language": "ru", "title": "T", "file": upload("t.pdf", b"not a pdf")},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert refused.status_code == 400 and "file" in refused.json()["errors"]
    assert not LanguageVersion.objects.filter(product=product, language="ru").exists()


def test_a_member_drafts_and_opens_consultation_through_the_pages(client, member_focal_point, theme):
    sign_in(client, member_focal_point)
    response = client.post(
        reverse("library:create"),
        {
            "kind": "issue_brief",
            "series_number": "21",
            "title": "Brief on technology",
            "summary": "S",
            "original_language": "en",
            "outline": "Introduction\nRecommendations",
            "themes": [theme.pk],
        },
    )
    product = Product.objects.get(title="Brief on technology")
    assert response.status_code == 302 and product.themes.get() == theme
    client.post(reverse("library:open_consultation", args=[product.pk]))
    product.refresh_from_db()
    assert product.state == "consultation"
    client.post(
        reverse("library:comment", args=[product.pk]), {"section": "Introduction", "body": "Good start"}
    )
    assert product.comments.get().section == "Introduction"


PAGES_QUERY_LIMIT = 14


def test_pages_run_a_fixed_number_of_queries(
    client, theme, member_org, django_assert_max_num_queries, secretariat_user
):
    for number in range(25):
        make_product(
            title=f"Statement {number} on technology",
            themes=[theme],
            leads=[member_org],
            publication_date=date(2000 + number % 20, 1, 1),
        )
        make_product(title=f"Draft {number}", state="consultation")
    product = Product.objects.filter(state="published").first()
    for url in (
        reverse("library:index"),
        reverse("library:index") + "?q=technology&theme=technology",
        product.get_absolute_url(),
        reverse("library:feed"),
        "/sitemap-products.xml",
        "/api/library/products",
        "/api/library/search?q=technology",
        "/api/library/themes",
    ):
        with django_assert_max_num_queries(PAGES_QUERY_LIMIT):
            assert client.get(url).status_code == 200, url
    sign_in(client, secretariat_user)
    with django_assert_max_num_queries(PAGES_QUERY_LIMIT):
        assert client.get(reverse("library:workspace")).status_code == 200


def test_a_broad_search_says_its_count_is_a_lower_bound_on_the_page_and_in_the_api(client, monkeypatch):
    monkeypatch.setattr(search, "COUNT_LIMIT", 2)
    for number in range(3):
        make_product(title=f"Technology note {number}")
    content = client.get(reverse("library:index"), {"q": "technology"}).content.decode()
    assert "More than 2 products match" in content and "add words or filters" in content
    found = client.get("/api/library/search", {"q": "technology"}).json()
    assert (found["count"], found["count_exact"], len(found["results"])) == (2, False, 2)
    found = client.get("/api/library/search", {"q": "note 1"}).json()
    assert (found["count"], found["count_exact"]) == (1, True)


def test_the_api_searches_lists_and_creates(client, theme, member_focal_point):
    make_product(title="Technology statement", themes=[theme])
    found = client.get("/api/library/search", {"q": "technology"}).json()
    assert found["count"] == 1 and "<mark>" in found["results"][0]["snippet"]
    assert client.get("/api/library/themes").json()[0]["product_count"] == 1
    assert client.get("/api/library/search", {"q": '"(', "page": 0}).status_code == 422
    assert (
        client.post(
            "/api/library/products", {"kind": "issue_brief", "title": "X"}, content_type="application/json"
        ).status_code
        == 401
    )
    sign_in(client, member_focal_point)
    created = client.post(
        "/api/library/products",
        {"kind": "issue_brief", "title": "API brief", "themes": ["technology"]},
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["state"] == "draft"
    assert created.json()["themes"] == ["technology"]


def test_consultation_comments_stay_internal_after_publication(client, partner_focal_point):
    product = make_product(title="Consulted", state="consultation")
    services.add_comment(partner_focal_point, product, body="An internal remark")
    services.record_outside_signoff(SYSTEM, product, signed_off_on=date(2020, 1, 1), reason="test")
    assert "An internal remark" not in client.get(product.get_absolute_url()).content.decode()
    sign_in(client, partner_focal_point)
    assert "An internal remark" in client.get(product.get_absolute_url()).content.decode()
