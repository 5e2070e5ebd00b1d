"""A product described for machines: Dublin Core (OAI-PMH) and schema.org JSON-LD (product pages)."""

import json

from django.conf import settings
from django.urls import reverse

from .models import Product

SCHEMA_TYPES = {
    Product.Kind.REPORT: "Report",
    Product.Kind.POLICY_PAPER: "Report",
    Product.Kind.ISSUE_BRIEF: "Report",
}
DC_TYPES = {kind: "Text" for kind in Product.Kind.values}


def download_url(product: Product, language: str) -> str:
    return reverse("library:download", args=[product.pk, language])


def dublin_core(product: Product, absolute) -> list[tuple[str, str]]:
    """(element, value) pairs of oai_dc; ``absolute`` turns a path into a full URL."""
    elements = [("title", product.title)]
    elements += [
        ("title", version.title)
        for version in product.versions.all()
        if version.language != product.original_language and version.title != product.title
    ]
    elements += [("creator", organization.name) for organization in product.lead_organizations.all()]
    elements += [("contributor", organization.name) for organization in product.contributors.all()]
    elements += [("subject", theme.name) for theme in product.themes.all()]
    if product.summary:
        elements.append(("description", product.summary))
    elements.append(("publisher", settings.GROUP_NAME))
    if product.publication_date:
        elements.append(("date", product.publication_date_iso))
    elements.append(("type", DC_TYPES[product.kind]))
    elements.append(("type", product.get_kind_display()))
    elements += [("format", version.media_type) for version in product.versions.all() if version.has_file]
    elements.append(("identifier", absolute(product.get_absolute_url())))
    elements += [
        ("identifier", absolute(download_url(product, version.language)))
        for version in product.versions.all()
        if version.has_file
    ]
    elements += [("language", version.language) for version in product.versions.all()]
    if product.superseded_by_id:
        elements.append(("relation", absolute(product.superseded_by.get_absolute_url())))
    return elements


def json_ld(product: Product, absolute) -> str:
    """schema.org metadata as a JSON string safe to put inside <script type="application/ld+json">."""
    publisher = {
        "@type": "Organization",
        "name": settings.GROUP_NAME,
        "alternateName": settings.GROUP_SHORT_NAME,
    }
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(product.kind, "CreativeWork"),
        "@id": absolute(product.get_absolute_url()),
        "url": absolute(product.get_absolute_url()),
        "name": product.title,
        "description": product.summary,
        "genre": product.get_kind_display(),
        "inLanguage": [version.language for version in product.versions.all()],
        "publisher": publisher,
        "author": [{"@type": "Organization", "name": org.name} for org in product.lead_organizations.all()]
        or [publisher],
        "contributor": [{"@type": "Organization", "name": org.name} for org in product.contributors.all()],
        "about": [{"@type": "DefinedTerm", "name": theme.name} for theme in product.themes.all()],
        "workTranslation": [
            {"@type": "CreativeWork", "name": version.title, "inLanguage": version.language}
            for version in product.versions.all()
            if version.language != product.original_language
        ],
        "encoding": [
            {
                "@type": "MediaObject",
                "contentUrl": absolute(download_url(product, version.language)),
                "encodingFormat": version.media_type,
                "inLanguage": version.language,
                "contentSize": version.file_size,
            }
            for version in product.versions.all()
            if version.has_file
        ],
    }
    if product.publication_date:
        data["datePublished"] = product.publication_date_iso
    if product.kind == Product.Kind.ISSUE_BRIEF and product.series_number:
        data["isPartOf"] = {
            "@type": "CreativeWorkSeries",
            "name": f"{settings.GROUP_SHORT_NAME} Issue Briefs",
        }
        data["position"] = product.series_number
    if product.superseded_by_id:
        data["creativeWorkStatus"] = "Superseded"
    text = json.dumps(
        {key: value for key, value in data.items() if value not in ([], "")}, ensure_ascii=False
    )
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
