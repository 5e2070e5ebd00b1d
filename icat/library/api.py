"""The library's API: public reads of products, search and themes; signed-in writes through the services."""

from datetime import date, datetime

from django.http import Http404
from ninja import Field, Query, Router, Schema, Status

from icat.accounts.api import SIGNED_IN

from . import queries, services
from .models import Product, Theme
from .search import Criteria, search

router = Router(tags=["library"])


class ThemeOut(Schema):
    slug: str
    name: str
    description: str
    product_count: int = Field(0, description="Published products with this theme.")


class VersionOut(Schema):
    language: str
    title: str
    summary: str
    file_format: str
    file_size: int | None
    has_file: bool
    download_url: str | None


class ProductOut(Schema):
    id: int
    url: str
    kind: str
    kind_label: str
    series_number: int | None
    title: str
    summary: str
    state: str
    publication_date: date | None
    publication_date_precision: str
    publication_date_label: str
    themes: list[str]
    lead_organizations: list[str]
    contributors: list[str]
    signoff: str
    signed_off_on: date | None
    superseded_by: int | None
    updated_at: datetime
    versions: list[VersionOut]


class HitOut(Schema):
    product: ProductOut
    snippet: str = Field(
        description="HTML: the matching words are wrapped in <mark>; everything else is escaped."
    )
    rank: float


class SearchOut(Schema):
    count: int
    count_exact: bool = Field(
        True, description="False when more products match than were counted: count is then a lower bound"
    )
    page: int
    pages: int
    suggestion: str
    results: list[HitOut]


class ProductIn(Schema):
    kind: Product.Kind
    title: str
    summary: str = ""
    series_number: int | None = None
    original_language: str = "en"
    themes: list[str] = Field(default_factory=list, description="Theme slugs.")
    outline: str = ""


class SearchParams(Schema):
    q: str = ""
    kind: str = ""
    theme: str = ""
    year: int | None = None
    language: str = ""
    organization: str = Field("", description="Organization slug: lead or contributor.")
    page: int = Field(1, ge=1, le=10000)


def product_out(product: Product) -> ProductOut:
    from .metadata import download_url

    return ProductOut(
        id=product.pk,
        url=product.get_absolute_url(),
        kind=product.kind,
        kind_label=str(product.kind_label),
        series_number=product.series_number,
        title=product.title,
        summary=product.summary,
        state=product.state,
        publication_date=product.publication_date,
        publication_date_precision=product.publication_date_precision,
        publication_date_label=product.publication_date_label,
        themes=[theme.slug for theme in product.themes.all()],
        lead_organizations=[org.slug for org in product.lead_organizations.all()],
        contributors=[org.slug for org in product.contributors.all()],
        signoff=product.signoff,
        signed_off_on=product.signed_off_on,
        superseded_by=product.superseded_by_id,
        updated_at=product.updated_at,
        versions=[
            VersionOut(
                language=v.language,
                title=v.title,
                summary=v.summary,
                file_format=v.file_format,
                file_size=v.file_size,
                has_file=v.has_file,
                download_url=download_url(product, v.language) if v.has_file else None,
            )
            for v in product.versions.all()
        ],
    )


def _criteria(params: SearchParams) -> Criteria:
    return Criteria(
        text=params.q,
        kind=params.kind,
        theme=params.theme,
        year=params.year,
        language=params.language,
        organization=params.organization,
    )


@router.get(
    "/search", response=SearchOut, summary="Full-text search of published products, ranked, with snippets"
)
def search_products(request, params: Query[SearchParams]):
    results = search(_criteria(params), page=params.page, per_page=20)
    return SearchOut(
        count=results.count,
        count_exact=results.count_exact,
        page=results.page,
        pages=results.pages,
        suggestion=results.suggestion,
        results=[
            HitOut(product=product_out(hit.product), snippet=str(hit.snippet), rank=hit.rank)
            for hit in results.hits
        ],
    )


@router.get(
    "/products", response=SearchOut, summary="Published products, newest first, with the search filters"
)
def list_products(request, params: Query[SearchParams]):
    return search_products(request, params)


@router.get(
    "/products/{product_id}",
    response=ProductOut,
    summary="One product (drafts only for those who may see them)",
)
def get_product(request, product_id: int):
    try:
        return product_out(queries.visible_product(request.actor, product_id))
    except Product.DoesNotExist:
        raise Http404 from None


@router.post("/products", response={201: ProductOut}, auth=SIGNED_IN, summary="Start a draft")
def create_product(request, payload: ProductIn):
    themes = list(Theme.objects.filter(slug__in=payload.themes))
    product = services.create_product(
        request.actor,
        kind=payload.kind,
        title=payload.title,
        summary=payload.summary,
        series_number=payload.series_number,
        outline=payload.outline,
        original_language=payload.original_language,
        themes=themes,
    )
    return Status(201, product_out(queries.product(product.pk)))


@router.get(
    "/themes", response=list[ThemeOut], summary="The theme taxonomy with counts of published products"
)
def list_themes(request):
    return list(queries.themes_with_counts())
