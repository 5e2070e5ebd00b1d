"""The one search function, on whichever database runs the tests (SQLite FTS5 or PostgreSQL)."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from icat.library import search as search_module
from icat.library import services
from icat.library.models import Theme
from icat.library.search import Criteria, fts_expression, search

from .conftest import SYSTEM, upload

pytestmark = pytest.mark.django_db


def titles(results):
    return [hit.product.title for hit in results.hits]


def test_search_finds_a_product_by_a_word_only_inside_its_file(
    product_factory, pdf_bytes, django_capture_on_commit_callbacks
):
    product = product_factory(title="Annual overview", summary="What the group did.")
    product_factory(title="Something else", summary="Unrelated.")
    with django_capture_on_commit_callbacks(execute=True):
        services.add_language_version(
            SYSTEM,
            product,
            language="en",
            title="Annual overview",
            summary="What the group did.",
            upload=upload("x.pdf", pdf_bytes("The word zanzibarite is only here.")),
        )
    results = search(Criteria(text="zanzibarite"))
    assert results.count == 1
    assert titles(results) == ["Annual overview"]
    assert "<mark>zanzibarite</mark>" in results.hits[0].snippet


def test_a_title_match_ranks_above_a_body_match(product_factory):
    product_factory(
        title="Remedies in practice", summary="A paper about courts and compensation for victims."
    )
    product_factory(title="Compensation for victims", summary="A paper about remedies.")
    results = search(Criteria(text="compensation"))
    assert results.count == 2
    assert titles(results) == ["Compensation for victims", "Remedies in practice"]


def test_snippets_highlight_and_escape(product_factory):
    product_factory(title="Escaping", summary="<b>bold</b> text about quelpartite & more")
    hit = search(Criteria(text="quelpartite")).hits[0]
    assert "<mark>quelpartite</mark>" in hit.snippet
    assert "<b>" not in hit.snippet  # SQLite escapes the tag, PostgreSQL's headline parser drops it


def test_only_public_products_are_found(product_factory):
    product_factory(title="Secret draft about pangolins", state="draft")
    product_factory(title="Consultation about pangolins", state="consultation")
    product_factory(title="Old pangolins", state="superseded")
    assert titles(search(Criteria(text="pangolins"))) == ["Old pangolins"]


def test_filters_by_type_theme_year_language_and_organization(product_factory, member_org, partner_org):
    gender = Theme.objects.create(slug="gender", name="Gender")
    brief = product_factory(
        title="Brief on gender",
        kind="issue_brief",
        themes=[gender],
        publication_date=date(2017, 9, 1),
        leads=[member_org],
    )
    paper = product_factory(
        title="Paper on gender",
        kind="policy_paper",
        publication_date=date(2014, 9, 1),
        contributors=[partner_org],
        language="fr",
    )
    assert titles(search(Criteria(text="gender", kind="issue_brief"))) == [brief.title]
    assert titles(search(Criteria(kind="policy_paper"))) == [paper.title]
    assert titles(search(Criteria(theme="gender"))) == [brief.title]
    assert titles(search(Criteria(year=2014))) == [paper.title]
    assert titles(search(Criteria(language="fr"))) == [paper.title]
    assert titles(search(Criteria(organization=member_org.slug))) == [brief.title]
    assert titles(search(Criteria(organization=partner_org.slug))) == [paper.title]
    assert search(Criteria(text="gender", year=2030)).count == 0


def test_browsing_without_text_lists_newest_first_with_a_count(product_factory):
    product_factory(title="Older", publication_date=date(2010, 1, 1))
    product_factory(title="Newer", publication_date=date(2020, 1, 1))
    results = search(Criteria())
    assert results.count == 2 and titles(results) == ["Newer", "Older"]


def test_a_misspelled_query_gets_a_suggestion(product_factory):
    product_factory(title="Trafficking for organ removal", summary="Transplantation and organs.")
    results = search(Criteria(text="transplantaton"))
    assert results.count == 0
    assert results.suggestion == "transplantation"
    assert search(Criteria(text=results.suggestion)).count == 1


def test_quoted_phrases_or_and_exclusion(product_factory):
    product_factory(title="Public procurement and forced labour")
    product_factory(title="Forced marriage and procurement rules")
    assert search(Criteria(text='"public procurement"')).count == 1
    assert search(Criteria(text="labour OR marriage")).count == 2
    assert titles(search(Criteria(text="procurement -marriage"))) == ["Public procurement and forced labour"]


@pytest.mark.parametrize(
    "text",
    [
        '"',
        "AND",
        "OR OR",
        "NOT",
        "-",
        "*",
        "(",
        "title:x",
        "a\x00b",
        "١٢٣",
        "торговля",
        "人口贩卖",
        "'; DROP TABLE library_product; --",
        "NEAR(a b)",
        "^x",
        " ",
        "\u200b",
        "ÆØÅ",
        "x" * 300,
    ],
)
def test_odd_queries_never_fail(product_factory, text):
    product_factory(title="Anything")
    results = search(Criteria(text=text))
    assert results.count >= 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=40))
def test_any_text_is_a_valid_query(product_factory, text):
    results = search(Criteria(text=text))
    assert results.count >= 0


@given(text=st.text(max_size=60))
def test_the_fts5_translation_is_always_balanced(text):
    expression = fts_expression(text)
    assert expression.count('"') % 2 == 0
    assert expression.count("(") == expression.count(")")


def test_search_runs_a_fixed_number_of_queries(product_factory, django_assert_max_num_queries):
    for number in range(30):
        product_factory(title=f"Report number {number} on labour")
    with django_assert_max_num_queries(11):
        results = search(Criteria(text="labour"), per_page=20)
    assert results.count == 30 and len(results.hits) == 20
    with django_assert_max_num_queries(6):
        search(Criteria(), per_page=20)


def test_the_index_follows_the_title(product_factory, secretariat_user):
    product = product_factory(title="Zorbulation", state="draft")
    services.update_product(secretariat_user, product, title="Renamed quixotry")
    services.record_outside_signoff(secretariat_user, product, signed_off_on=date(2020, 1, 1), reason="test")
    assert search(Criteria(text="quixotry")).count == 1
    assert search(Criteria(text="zorbulation")).count == 0


def test_a_broad_query_counts_up_to_the_limit_and_says_so(product_factory, monkeypatch):
    monkeypatch.setattr(search_module, "COUNT_LIMIT", 3)
    product_factory(title="Labour inspection", summary="Inspectors and labour.")
    for number in range(4):
        product_factory(title=f"Report {number}", summary="Something about labour.")
    broad = search(Criteria(text="labour"))
    assert (broad.count, broad.count_exact, broad.pages) == (3, False, 1)
    assert len(broad.hits) == 3
    ranks = [hit.rank for hit in broad.hits]
    assert ranks == sorted(ranks, reverse=True)
    narrow = search(Criteria(text="inspection"))
    assert (narrow.count, narrow.count_exact) == (1, True)
    assert titles(narrow) == ["Labour inspection"]


def test_a_title_match_ranks_above_a_body_match_among_a_broad_query(product_factory, monkeypatch):
    monkeypatch.setattr(search_module, "COUNT_LIMIT", 3)
    for number in range(2):
        product_factory(title=f"Compensation for victims {number}", summary="About remedies.")
        product_factory(title=f"Remedies in practice {number}", summary="About compensation for victims.")
    results = search(Criteria(text="compensation"))
    assert not results.count_exact and len(results.hits) == 3
    in_title = ["Compensation" in title for title in titles(results)]
    assert True in in_title and False in in_title  # three of four ranked: both kinds among them
    assert in_title == sorted(in_title, reverse=True)


def test_the_theme_filter_follows_a_change_of_themes(product_factory):
    gender, children = (Theme.objects.create(slug=slug, name=slug.title()) for slug in ("gender", "children"))
    product = product_factory(title="Brief on families", themes=[gender])
    assert titles(search(Criteria(text="families", theme="gender"))) == ["Brief on families"]
    services.update_product(SYSTEM, product, themes=[children])
    assert search(Criteria(text="families", theme="gender")).count == 0
    assert titles(search(Criteria(theme="children"))) == ["Brief on families"]
