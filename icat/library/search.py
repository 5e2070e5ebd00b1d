"""Full-text search behind one function, ``search``: PostgreSQL full-text search in production, SQLite
FTS5 in the embedded default. Both rank a title match above a summary match above a file-text match,
return highlighted snippets and a count, and accept any text a person types without an error.

The index is written by ``reindex`` in the transaction that changes a product or its versions.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date

from django.contrib.postgres.search import SearchQuery
from django.db import connection, transaction
from django.db.models import BooleanField, F, Q
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import LanguageVersion, Product, SearchTerm

FTS_TABLE = "library_product_fts"
# bm25 column weights for (titles, summaries, file text); PostgreSQL uses setweight A, B, C.
FTS_WEIGHTS = (10.0, 4.0, 1.0)
PG_CONFIGS = {
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "ru": "russian",
    "ar": "arabic",
    "zh-hans": "simple",
}
# Headlines and snippets are built on the server with these markers, then escaped and turned into <mark>.
MARK_START, MARK_END = "\x02", "\x03"
HEADLINE_TEXT_CHARS = 20000
# A search counts its matches exactly up to this many; beyond, it says "more than" and (on PostgreSQL)
# ranks only this many of them, so a word in most of the catalogue costs no more than a rarer one.
COUNT_LIMIT = 1000
WORD = re.compile(r"\w+", re.UNICODE)
TERM_MAX_LENGTH = 60


class ParsedSearchQuery(SearchQuery):
    """A tsquery already parsed (see _pg_query), given as its text: cast, not parsed again."""

    def __init__(self, tsquery_text: str):
        super().__init__(tsquery_text, search_type="raw")
        self.tsquery_text = tsquery_text

    def as_sql(self, compiler, connection, function=None, template=None):
        return "%s::tsquery", [self.tsquery_text]


@dataclass
class Criteria:
    text: str = ""
    kind: str = ""
    theme: str = ""
    year: int | None = None
    language: str = ""
    organization: str = ""

    @property
    def words(self) -> list[str]:
        return [word.lower() for word in WORD.findall(self.text)]


@dataclass
class Hit:
    product: Product
    snippet: str
    rank: float = 0.0


@dataclass
class Results:
    criteria: Criteria
    count: int
    hits: list[Hit]
    page: int
    per_page: int
    suggestion: str = ""
    notes: list[str] = field(default_factory=list)
    # False when more than COUNT_LIMIT products match: ``count`` is then COUNT_LIMIT, a lower bound.
    count_exact: bool = True

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.per_page))


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def public_products():
    return Product.objects.filter(state__in=Product.PUBLIC_STATES)


def filtered(criteria: Criteria, base=None):
    """Apply the filters; each is a subquery on a through table, so no row is ever duplicated."""
    products = base if base is not None else public_products()
    if criteria.kind:
        products = products.filter(kind=criteria.kind)
    if criteria.theme and is_postgresql():
        # The indexed copy of the themes (written by reindex) lets one bitmap scan apply every filter.
        products = products.filter(
            RawSQL(
                "search_theme_ids @> ARRAY[(SELECT id FROM library_theme WHERE slug = %s)]",
                [criteria.theme],
                output_field=BooleanField(),
            )
        )
    elif criteria.theme:
        products = products.filter(
            pk__in=Product.themes.through.objects.filter(theme__slug=criteria.theme).values("product_id")
        )
    if criteria.year:
        products = products.filter(publication_date__year=criteria.year)
    if criteria.language:
        products = products.filter(
            pk__in=LanguageVersion.objects.filter(language=criteria.language).values("product_id")
        )
    if criteria.organization:
        products = products.filter(
            Q(
                pk__in=Product.lead_organizations.through.objects.filter(
                    organization__slug=criteria.organization
                ).values("product_id")
            )
            | Q(
                pk__in=Product.contributors.through.objects.filter(
                    organization__slug=criteria.organization
                ).values("product_id")
            )
        )
    return products


def marked(text: str) -> str:
    """Escape a snippet made with the private markers, then turn the markers into <mark>."""
    cleaned = text.replace(MARK_START, "\0s").replace(MARK_END, "\0e")
    return mark_safe(escape(cleaned).replace("\0s", "<mark>").replace("\0e", "</mark>"))  # noqa: S308


def search(criteria: Criteria, *, page: int = 1, per_page: int = 20, base=None) -> Results:
    """Public products matching ``criteria``: ranked and highlighted when there is text, else newest first."""
    page = max(1, page)
    products = filtered(criteria, base)
    words = criteria.words
    if not words:
        count = products.count()
        page_of = list(
            _with_details(products.order_by("-publication_date", "-id"))[
                (page - 1) * per_page : page * per_page
            ]
        )
        hits = [Hit(product, marked(_shorten(product.summary))) for product in page_of]
        notes = [] if not criteria.text.strip() else ["no_words"]
        return Results(criteria, count, hits, page, per_page, notes=notes)
    backend = _postgresql_search if is_postgresql() else _sqlite_search
    count, ranked, snippets = backend(criteria, products, words, page, per_page)
    count_exact = count <= COUNT_LIMIT
    count = min(count, COUNT_LIMIT)
    by_id = {
        product.pk: product
        for product in _with_details(Product.objects.filter(pk__in=[pk for pk, _ in ranked]))
    }
    hits = [
        Hit(by_id[pk], marked(snippets.get(pk) or _shorten(by_id[pk].summary)), rank)
        for pk, rank in ranked
        if pk in by_id
    ]
    suggestion = suggest(words) if count == 0 else ""
    return Results(criteria, count, hits, page, per_page, suggestion=suggestion, count_exact=count_exact)


def _with_details(products):
    from django.db.models import Prefetch

    return products.prefetch_related(
        "themes",
        "lead_organizations",
        "contributors",
        Prefetch("versions", queryset=LanguageVersion.objects.defer("text").order_by("language")),
    )


def _shorten(text: str, length: int = 280) -> str:
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + " …"


# --- PostgreSQL ---------------------------------------------------------------------------------------


def _pg_query(criteria: Criteria, words: list[str]):
    """The text parsed by every language configuration (or the chosen language's), each distinct
    parse once: most words parse alike in several configurations, and every repeated term is another
    walk of the GIN index."""
    configs = (
        [PG_CONFIGS[criteria.language]]
        if criteria.language in PG_CONFIGS
        else sorted(set(PG_CONFIGS.values()))
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT websearch_to_tsquery(config::regconfig, %s)::text FROM unnest(%s::text[]) AS config",
            [_websearch_text(criteria.text, words), configs],
        )
        parses = sorted(text for (text,) in cursor.fetchall() if text)
    return ParsedSearchQuery(" | ".join(f"( {text} )" for text in parses))


def _websearch_text(text: str, words: list[str]) -> str:
    """websearch_to_tsquery never raises, but keep only printable text; fall back to the words."""
    printable = "".join(character for character in text if character.isprintable())
    return printable.strip() or " ".join(words)


def _postgresql_search(criteria, products, words, page, per_page):
    """One query: the matches the GIN index yields, at most COUNT_LIMIT + 1 of them, each ranked on its
    full weighted vector (titles A, summaries B, file text C); they are counted and ordered here. A query
    matching more than COUNT_LIMIT products ranks the first COUNT_LIMIT found: reading and ranking every
    match of a common word is what made broad searches slow (the page says the count is a lower bound)."""
    from django.contrib.postgres.search import SearchRank

    query = _pg_query(criteria, words)
    # No ordering: the bitmap scan of the GIN index stops after COUNT_LIMIT + 1 rows only if nothing
    # asks for the matches in another order (the model's default is by date).
    matching = products.filter(search_vector=query).order_by()
    with transaction.atomic(), connection.cursor() as cursor:
        # The planner underrates the cost of @@ on large vectors: it would scan the whole table, or test
        # @@ row by row inside a nested loop driven by a filter, instead of asking the GIN index once.
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_nestloop = off")
        found = list(
            matching.annotate(rank=SearchRank(F("search_vector"), query)).values_list(
                "pk", "rank", "publication_date"
            )[: COUNT_LIMIT + 1]
        )
    count = len(found)
    found = sorted(found[:COUNT_LIMIT], key=lambda row: (row[1], row[2] or date.min, row[0]), reverse=True)
    ranked = [(pk, rank) for pk, rank, _ in found[(page - 1) * per_page : page * per_page]]
    # Headlines parse the text with one configuration, so the query for them needs only that one: the
    # query over all six multiplies ts_headline's work for nothing.
    headline_config = PG_CONFIGS.get(criteria.language, "english")
    headline_query = SearchQuery(_websearch_text(criteria.text, words), search_type="websearch", config=headline_config)
    snippets = _pg_headlines([pk for pk, _ in ranked], headline_query, headline_config) if ranked else {}
    return count, ranked, snippets


def _pg_headlines(ids, query, config) -> dict[int, str]:
    """ts_headline over summaries and file text (or the title), for one page of results only."""
    from django.contrib.postgres.search import SearchHeadline
    from django.db.models import OuterRef, Subquery, TextField, Value
    from django.db.models.functions import Coalesce, Concat, Left

    text = (
        LanguageVersion.objects.filter(product=OuterRef("pk"))
        .order_by()
        .values("product")
        .annotate(
            all_text=StringAgg(
                Concat("summary", Value(" "), Left("text", HEADLINE_TEXT_CHARS), output_field=TextField()),
                " ",
            )
        )
        .values("all_text")
    )
    options = {
        "start_sel": MARK_START,
        "stop_sel": MARK_END,
        "max_fragments": 2,
        "max_words": 30,
        "min_words": 12,
        "fragment_delimiter": " … ",
    }
    rows = (
        Product.objects.filter(pk__in=ids)
        .annotate(document=Coalesce(Subquery(text, output_field=TextField()), "summary"))
        .annotate(headline=SearchHeadline("document", query, config=config, **options))
        .annotate(title_headline=SearchHeadline("title", query, config=config, **options))
        .values_list("pk", "headline", "title_headline")
    )
    # The body's fragment when the words are in it, else the highlighted title (as SQLite's snippet does).
    snippets = {}
    for pk, *candidates in rows:
        marked_candidates = [text for text in candidates if MARK_START in (text or "")]
        if marked_candidates:
            snippets[pk] = marked_candidates[0]
    return snippets


def StringAgg(expression, delimiter):  # noqa: N802 - reads like the aggregate it builds
    from django.contrib.postgres.aggregates import StringAgg as PostgresStringAgg

    return PostgresStringAgg(expression, delimiter=delimiter)


# --- SQLite FTS5 --------------------------------------------------------------------------------------


def fts_expression(text: str) -> str:
    """Translate what a person typed into a valid FTS5 query: every word quoted (so no character is
    an operator), "quoted phrases" kept, OR between words honoured, -word excluded."""
    include, exclude = [], []
    pending_or = False
    for match in re.finditer(r'(-?)"([^"]*)"|(-?)([^\s"]+)', text):
        negated = bool(match.group(1) or match.group(3))
        raw = match.group(2) if match.group(2) is not None else match.group(4)
        tokens = [token.lower() for token in WORD.findall(raw)]
        if not tokens:
            continue
        if match.group(4) is not None and raw == "OR":
            pending_or = bool(include)
            continue
        term = '"' + " ".join(tokens) + '"'
        if negated:
            exclude.append(term)
        elif pending_or:
            include[-1] = f"({include[-1]} OR {term})"
            pending_or = False
        else:
            include.append(term)
    if not include:
        return ""
    expression = " AND ".join(include)
    for term in exclude:
        expression = f"({expression}) NOT {term}"
    return expression


def _sqlite_search(criteria, products, words, page, per_page):
    """Rank with bm25 over the join of the FTS5 matches and the filtered products (SQLite flattens the
    filter into the join: one primary-key lookup per match), as on PostgreSQL only the first
    COUNT_LIMIT matches of a broad query; snippets only for the page shown."""
    expression = fts_expression(criteria.text) or " AND ".join(f'"{word}"' for word in words)
    allowed, params = products.annotate(allowed_pk=F("pk")).values("allowed_pk").query.sql_with_params()
    weights = ", ".join(str(weight) for weight in FTS_WEIGHTS)
    matches = (
        f"FROM {FTS_TABLE} JOIN ({allowed}) AS allowed ON allowed.allowed_pk = {FTS_TABLE}.rowid "
        f"WHERE {FTS_TABLE} MATCH %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 {matches} LIMIT %s)",  # noqa: S608
            [*params, expression, COUNT_LIMIT + 1],
        )
        count = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT pk, score FROM (SELECT {FTS_TABLE}.rowid AS pk, "  # noqa: S608
            f"-bm25({FTS_TABLE}, {weights}) AS score {matches} LIMIT %s) "
            "ORDER BY score DESC, pk DESC LIMIT %s OFFSET %s",
            [*params, expression, COUNT_LIMIT, per_page, (page - 1) * per_page],
        )
        ranked = cursor.fetchall()
        snippets = {}
        if ranked:
            ids = [pk for pk, _ in ranked]
            cursor.execute(
                f"SELECT rowid, snippet({FTS_TABLE}, -1, %s, %s, ' … ', 24) FROM {FTS_TABLE} "  # noqa: S608
                f"WHERE {FTS_TABLE} MATCH %s AND rowid IN ({', '.join(['%s'] * len(ids))})",
                [MARK_START, MARK_END, expression, *ids],
            )
            snippets = dict(cursor.fetchall())
    return count, ranked, snippets


# --- The index ----------------------------------------------------------------------------------------


def document_parts(product: Product, versions) -> tuple[list[tuple[str, str, str, str]], str, str, str]:
    """Per version (config, title, summary, text), and the three columns for FTS5."""
    per_version = [(PG_CONFIGS.get(v.language, "simple"), v.title, v.summary, v.text) for v in versions]
    if not per_version:
        per_version = [
            (PG_CONFIGS.get(product.original_language, "simple"), product.title, product.summary, "")
        ]
    titles = "\n".join(title for _, title, _, _ in per_version)
    summaries = "\n".join(summary for _, _, summary, _ in per_version)
    texts = "\n".join(text for _, _, _, text in per_version)
    return per_version, titles, summaries, texts


def reindex(product_ids) -> None:
    """Rewrite the search index rows (and the suggestion vocabulary) of these products."""
    product_ids = list(product_ids)
    products = Product.objects.filter(pk__in=product_ids).prefetch_related("versions")
    terms = set()
    with connection.cursor() as cursor:
        if not is_postgresql():
            placeholders = ", ".join(["%s"] * len(product_ids))
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({placeholders})", product_ids)  # noqa: S608
        for product in products:
            per_version, titles, summaries, texts = document_parts(product, list(product.versions.all()))
            terms.update(vocabulary_of(titles + " " + summaries))
            if is_postgresql():
                head, body, head_params, body_params = [], [], [], []
                for config, title, summary, text in per_version:
                    head.append(
                        "setweight(to_tsvector(%s::regconfig, %s), 'A') || "
                        "setweight(to_tsvector(%s::regconfig, %s), 'B')"
                    )
                    head_params += [config, title, config, summary]
                    body.append("setweight(to_tsvector(%s::regconfig, %s), 'C')")
                    body_params += [config, text]
                head_sql = " || ".join(head)
                cursor.execute(
                    f"UPDATE library_product SET search_vector = {head_sql} || {' || '.join(body)}, "  # noqa: S608
                    "search_theme_ids = ARRAY("
                    "SELECT theme_id FROM library_product_themes WHERE product_id = %s ORDER BY theme_id) "
                    "WHERE id = %s",
                    [*head_params, *body_params, product.pk, product.pk],
                )
            else:
                cursor.execute(
                    f"INSERT INTO {FTS_TABLE} (rowid, titles, summaries, body) VALUES (%s, %s, %s, %s)",  # noqa: S608
                    [product.pk, titles, summaries, texts],
                )
    remember_terms(terms)


def vocabulary_of(text: str) -> set[str]:
    return {
        word.lower()
        for word in WORD.findall(text)
        if 3 <= len(word) <= TERM_MAX_LENGTH and not word.isdigit()
    }


def remember_terms(terms) -> None:
    if terms:
        SearchTerm.objects.bulk_create(
            [SearchTerm(word=word) for word in terms], ignore_conflicts=True, batch_size=500
        )


def suggest(words: list[str]) -> str:
    """A corrected query from the titles' and summaries' vocabulary, or "" when nothing is close."""
    unknown = [word for word in words if len(word) >= 3]
    if not unknown:
        return ""
    known = set(SearchTerm.objects.filter(word__in=unknown).values_list("word", flat=True))
    wanted = Q()
    for word in unknown:
        if word not in known:
            wanted |= Q(word__startswith=word[0])
    if not wanted:
        return ""
    candidates = list(SearchTerm.objects.filter(wanted).values_list("word", flat=True)[:20000])
    corrected, changed = [], False
    for word in words:
        if word in known or len(word) < 3:
            corrected.append(word)
            continue
        close = difflib.get_close_matches(
            word, [c for c in candidates if abs(len(c) - len(word)) <= 2], n=1, cutoff=0.75
        )
        corrected.append(close[0] if close else word)
        changed = changed or bool(close)
    return " ".join(corrected) if changed else ""
