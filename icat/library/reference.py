"""ICAT's catalogue from the seeds (``icat/reference/library.json``): themes and products, each recorded
as signed off outside the platform because it was published before the platform existed. No file is
invented: every product says "file not held" until the secretariat uploads one. Idempotent."""

from datetime import date

from icat.core.reference import read_json

from . import services
from .models import LanguageVersion, Product, Theme

DATA_FILE = "library.json"


def load(actor, report):
    data = read_json(DATA_FILE)
    for theme in data["themes"]:
        _load_theme(actor, report, theme)
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    for entry in data["products"]:
        _load_product(actor, report, entry, themes, data["signoff_reason"])


def _load_theme(actor, report, entry):
    existing = Theme.objects.filter(slug=entry["slug"]).first()
    if existing and (existing.name, existing.position) == (entry["name"], entry["position"]):
        report.add("library themes", "unchanged")
        return
    services.save_theme(
        actor,
        slug=entry["slug"],
        name=entry["name"],
        position=entry["position"],
        description=existing.description if existing else "",
    )
    report.add("library themes", "updated" if existing else "created")


def _lead_organizations(acronyms):
    from icat.orgs.models import Organization

    return list(Organization.objects.filter(acronym__in=acronyms))


def _load_product(actor, report, entry, themes, reason):
    fields = {
        "kind": entry["kind"],
        "series_number": entry["series_number"],
        "title": entry["title"],
        "summary": entry["summary"],
        "original_language": entry["language"],
        "publication_date": date.fromisoformat(entry["publication_date"])
        if entry["publication_date"]
        else None,
        "publication_date_precision": entry["date_precision"],
    }
    product_themes = [themes[slug] for slug in entry["themes"]]
    leads = _lead_organizations(entry["lead_organizations"])
    product = Product.objects.filter(reference_key=entry["key"]).first()
    if product is None:
        product = services.create_product(
            actor, reference_key=entry["key"], themes=product_themes, lead_organizations=leads, **fields
        )
        Product.objects.filter(pk=product.pk).update(source=entry["source"])
        services.record_outside_signoff(
            actor, product, signed_off_on=None, reason=reason, date_on_record=False
        )
        report.add("library products", "created")
        return
    current = {name: getattr(product, name) for name in fields}
    same_themes = {theme.pk for theme in product.themes.all()} == {theme.pk for theme in product_themes}
    same_leads = {org.pk for org in product.lead_organizations.all()} >= {org.pk for org in leads}
    version = LanguageVersion.objects.filter(product=product, language=entry["language"]).first()
    same_version = version is not None and (version.title, version.summary) == (
        entry["title"],
        entry["summary"],
    )
    if (
        current == fields
        and same_themes
        and same_leads
        and same_version
        and product.source == entry["source"]
    ):
        report.add("library products", "unchanged")
        return
    services.update_product(
        actor,
        product,
        themes=product_themes,
        lead_organizations=sorted({*product.lead_organizations.all(), *leads}, key=str),
        **fields,
    )
    Product.objects.filter(pk=product.pk).update(source=entry["source"])
    report.add("library products", "updated")
