"""Library fixtures: real PDF and DOCX files made on the fly, and products in each state."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from icat import policy
from icat.library import services
from icat.library.models import Product

SYSTEM = policy.system_actor("library tests")


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 costs seconds per role fixture on this shared machine; these tests are not about passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def pdf_bytes():
    """A function: text → the bytes of a real one-page PDF (WeasyPrint), cached per text."""
    made = {}

    def make(text: str) -> bytes:
        if text not in made:
            import weasyprint

            made[text] = weasyprint.HTML(string=f"<h1>ICAT</h1><p>{text}</p>").write_pdf()
        return made[text]

    return make


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def make_product(
    *,
    title="A product",
    summary="",
    kind=Product.Kind.POLICY_PAPER,
    state="published",
    themes=(),
    leads=(),
    contributors=(),
    publication_date=None,
    language="en",
    series_number=None,
    outline="",
):
    """A product moved to ``state`` through the services (published = signed off outside the platform)."""
    product = services.create_product(
        SYSTEM,
        kind=kind,
        title=title,
        summary=summary,
        themes=themes,
        lead_organizations=leads,
        contributors=contributors,
        publication_date=publication_date,
        original_language=language,
        series_number=series_number,
        outline=outline,
    )
    if state in ("consultation",):
        services.open_consultation(SYSTEM, product)
    if state in ("published", "superseded"):
        services.record_outside_signoff(SYSTEM, product, signed_off_on=date(2020, 1, 1), reason="test")
    product.refresh_from_db()
    return product


@pytest.fixture
def product_factory(db):
    return make_product
