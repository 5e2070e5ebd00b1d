"""Reads shared by pages, feeds, OAI-PMH and the API; each runs a fixed number of queries."""

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import ExtractYear

from icat import policy
from icat.policy import Role

from .models import Comment, LanguageVersion, Product, Theme
from .search import public_products


def with_details(products):
    return products.select_related("superseded_by", "signoff_proposal", "decision_record").prefetch_related(
        "themes",
        "lead_organizations",
        "contributors",
        Prefetch("versions", queryset=LanguageVersion.objects.defer("text").order_by("language")),
    )


def product(pk: int) -> Product:
    return with_details(Product.objects.all()).get(pk=pk)


def visible_product(actor, pk: int) -> Product:
    """The product if ``actor`` may see it; raises Product.DoesNotExist otherwise (no existence leak)."""
    found = product(pk)
    if not policy.can(actor, "library.view", found):
        raise Product.DoesNotExist
    return found


def published_feed(theme: Theme | None = None, limit: int = 50):
    products = public_products()
    if theme is not None:
        products = products.filter(
            pk__in=Product.themes.through.objects.filter(theme=theme).values("product_id")
        )
    return list(with_details(products.order_by("-updated_at", "-id"))[:limit])


def workspace(actor):
    """Products in preparation the actor may see: drafts for the Working Group and contributors,
    consultations and sign-offs for every focal point; everything for the secretariat."""
    in_preparation = (
        with_details(
            Product.objects.filter(
                state__in=[Product.State.DRAFT, Product.State.CONSULTATION, Product.State.SIGN_OFF]
            )
        )
        .annotate(comment_count=Count("comments"))
        .order_by("-updated_at")
    )
    if actor.has(Role.SECRETARIAT) or actor.is_system:
        return in_preparation
    visible = (
        Q(state__in=[Product.State.CONSULTATION, Product.State.SIGN_OFF])
        if actor.has(Role.FOCAL_POINT)
        else Q(pk__in=[])
    )
    if actor.has(Role.WORKING_GROUP_MEMBER):
        visible |= Q(state=Product.State.DRAFT)
    elif actor.organization_ids:
        participants = Product.objects.filter(
            Q(lead_organizations__in=actor.organization_ids) | Q(contributors__in=actor.organization_ids)
        ).values("pk")
        visible |= Q(state=Product.State.DRAFT, pk__in=participants)
    return in_preparation.filter(visible)


def comment_threads(product: Product) -> list[tuple[str, list[Comment]]]:
    """Comments grouped by section, in the product's section order, each top-level comment with its
    replies in ``thread_replies`` (any depth is flattened under its first comment), in one query."""
    comments = list(Comment.objects.filter(product=product).select_related("author", "organization"))
    by_id = {comment.pk: comment for comment in comments}
    roots = []
    for comment in comments:
        comment.thread_replies = []
    for comment in comments:
        root = comment
        while root.parent_id is not None and root.parent_id in by_id:
            root = by_id[root.parent_id]
        if root is comment:
            roots.append(comment)
        else:
            root.thread_replies.append(comment)
    sections = ["", *product.sections]
    sections += sorted({comment.section for comment in roots} - set(sections))
    return [(section, [comment for comment in roots if comment.section == section]) for section in sections]


def themes_with_counts():
    return Theme.objects.annotate(
        product_count=Count("products", filter=Q(products__state__in=Product.PUBLIC_STATES))
    ).order_by("position", "name")


def filter_choices():
    """Years and organizations that occur among public products, for the search filters (two queries)."""
    from icat.orgs.models import Organization

    years = sorted(
        {
            year
            for year in public_products()
            .exclude(publication_date__isnull=True)
            .annotate(year=ExtractYear("publication_date"))
            .values_list("year", flat=True)
            .distinct()
        },
        reverse=True,
    )
    public_ids = public_products().values("pk")
    organizations = (
        Organization.objects.filter(Q(led_products__in=public_ids) | Q(contributed_products__in=public_ids))
        .distinct()
        .order_by("name")
    )
    return years, list(organizations)
