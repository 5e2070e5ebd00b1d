"""The life of a product and its files, through the services."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from icat.core.models import AuditEntry
from icat.library import files, services
from icat.library.models import Comment, LanguageVersion, Product

from .conftest import docx_bytes, upload

pytestmark = pytest.mark.django_db


def snapshot_of_library():
    return (
        list(Product.objects.values_list("pk", "state", "title", "updated_at")),
        list(LanguageVersion.objects.values_list("pk", "file", "file_sha256", "text")),
        AuditEntry.objects.count(),
    )


def test_a_draft_is_led_by_the_drafters_organization(member_focal_point, member_org):
    product = services.create_product(member_focal_point, kind="issue_brief", title="Brief", series_number=40)
    assert list(product.lead_organizations.all()) == [member_org]
    assert product.state == Product.State.DRAFT
    assert product.versions.get().title == "Brief"
    assert AuditEntry.objects.filter(action="library.create", target_id=str(product.pk)).exists()


def test_only_issue_briefs_have_a_series_number_and_each_number_once(member_focal_point):
    with pytest.raises(ValidationError):
        services.create_product(member_focal_point, kind="policy_paper", title="Paper", series_number=3)
    services.create_product(member_focal_point, kind="issue_brief", title="Brief", series_number=3)
    with pytest.raises(ValidationError):
        services.create_product(member_focal_point, kind="issue_brief", title="Another", series_number=3)


def test_no_path_publishes_without_a_sign_off(product_factory):
    """The database itself refuses a public product without a sign-off on record (ToR 3.B.5)."""
    product = product_factory(state="consultation")
    for state in (Product.State.PUBLISHED, Product.State.SUPERSEDED):
        with pytest.raises(IntegrityError), transaction.atomic():
            Product.objects.filter(pk=product.pk).update(state=state)
    product.refresh_from_db()
    assert product.state == Product.State.CONSULTATION


def test_an_outside_sign_off_needs_a_reason(product_factory):
    product = product_factory(state="draft")
    with pytest.raises(IntegrityError), transaction.atomic():
        Product.objects.filter(pk=product.pk).update(state="published", signoff="outside", signoff_reason="")


def test_secretariat_records_an_outside_sign_off_with_date_and_reason(product_factory, secretariat_user):
    product = product_factory(state="draft")
    with pytest.raises(ValidationError):
        services.record_outside_signoff(
            secretariat_user, product, signed_off_on=None, reason="before the platform"
        )
    with pytest.raises(ValidationError):
        services.record_outside_signoff(secretariat_user, product, signed_off_on=date(2017, 1, 1), reason=" ")
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError):
        services.record_outside_signoff(secretariat_user, product, signed_off_on=tomorrow, reason="why")
    product = services.record_outside_signoff(
        secretariat_user,
        product,
        signed_off_on=date(2017, 1, 1),
        reason="published before the platform existed",
    )
    assert product.state == Product.State.PUBLISHED
    assert product.signoff == Product.SignOff.OUTSIDE
    assert product.publication_date is None
    entry = AuditEntry.objects.get(action="library.record_outside_signoff")
    assert entry.note == "published before the platform existed"
    assert entry.changes["state"] == ["draft", "published"]


def test_nobody_but_the_secretariat_records_an_outside_sign_off(product_factory, chair_focal_point):
    product = product_factory(state="consultation")
    with pytest.raises(PermissionDenied):
        services.record_outside_signoff(
            chair_focal_point, product, signed_off_on=date(2020, 1, 1), reason="x"
        )


def test_consultation_opens_only_from_draft(product_factory, secretariat_user):
    product = product_factory(state="consultation")
    with pytest.raises(ValidationError):
        services.open_consultation(secretariat_user, product)


def test_comments_are_threaded_per_section_and_sanitized(
    product_factory, partner_focal_point, member_focal_point, partner_org
):
    product = product_factory(state="consultation", outline="Introduction\nRecommendations")
    first = services.add_comment(
        partner_focal_point,
        product,
        section="Recommendations",
        body="<p>Add survivors.</p><script>alert(1)</script>",
    )
    assert first.body == "<p>Add survivors.</p>"
    assert first.organization == partner_org
    reply = services.add_comment(member_focal_point, product, body="Agreed", parent=first)
    assert reply.section == "Recommendations"
    with pytest.raises(ValidationError):
        services.add_comment(member_focal_point, product, section="Annex", body="No such section")
    with pytest.raises(ValidationError):
        services.add_comment(member_focal_point, product, body="<script></script>")
    from icat.library import queries

    threads = dict(queries.comment_threads(product))
    assert [comment.pk for comment in threads["Recommendations"]] == [first.pk]
    assert [comment.pk for comment in threads["Recommendations"][0].thread_replies] == [reply.pk]
    assert threads["Introduction"] == []


def test_comments_are_closed_outside_consultation(product_factory, member_focal_point):
    product = product_factory(state="draft")
    with pytest.raises(PermissionDenied):
        services.add_comment(member_focal_point, product, body="Too early")
    assert not Comment.objects.exists()


def test_a_pdf_upload_is_stored_and_its_text_extracted(
    product_factory, secretariat_user, pdf_bytes, django_capture_on_commit_callbacks
):
    product = product_factory(state="draft")
    with django_capture_on_commit_callbacks(execute=True):
        version = services.add_language_version(
            secretariat_user,
            product,
            language="fr",
            title="Titre",
            summary="Résumé",
            upload=upload("anything.bin", pdf_bytes("Le mot quokkarium est dans le fichier")),
        )
    version.refresh_from_db()
    assert version.file_format == "pdf"
    assert version.text_state == LanguageVersion.TextState.DONE
    assert "quokkarium" in version.text
    assert version.file.name.startswith("library/") and version.file.name.endswith(".pdf")


def test_a_docx_upload_is_accepted_by_content(
    product_factory, secretariat_user, django_capture_on_commit_callbacks
):
    product = product_factory(state="draft")
    with django_capture_on_commit_callbacks(execute=True):
        version = services.add_language_version(
            secretariat_user,
            product,
            language="en",
            title="Title",
            upload=upload("report.pdf", docx_bytes("wombatine text")),
        )
    version.refresh_from_db()
    assert version.file_format == "docx"
    assert "wombatine" in version.text


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("brief.pdf", b"<html>not a pdf</html>"),
        ("brief.pdf", b"%PDF-1.7 but then nothing a parser can read"),
        ("brief.docx", b"PK\x03\x04 broken zip"),
        ("brief.exe", b"MZ\x90\x00"),
        ("empty.pdf", b""),
    ],
)
def test_a_rejected_upload_changes_nothing(product_factory, secretariat_user, name, content):
    product = product_factory(state="draft")
    before = snapshot_of_library()
    with pytest.raises(ValidationError):
        services.add_language_version(
            secretariat_user, product, language="en", title="Changed title", upload=upload(name, content)
        )
    assert snapshot_of_library() == before


def test_a_too_large_upload_changes_nothing(product_factory, secretariat_user, pdf_bytes, monkeypatch):
    product = product_factory(state="draft")
    monkeypatch.setattr(files, "MAX_UPLOAD_BYTES", 1000)
    before = snapshot_of_library()
    with pytest.raises(ValidationError, match="limit"):
        services.add_language_version(
            secretariat_user,
            product,
            language="en",
            title="Changed",
            upload=upload("big.pdf", pdf_bytes("large")),
        )
    assert snapshot_of_library() == before


def test_a_zip_that_is_not_a_word_document_is_refused(product_factory, secretariat_user):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not word")
    product = product_factory(state="draft")
    with pytest.raises(ValidationError):
        services.add_language_version(
            secretariat_user, product, language="en", title="T", upload=upload("x.docx", buffer.getvalue())
        )


def test_supersede_needs_a_published_newer_edition(product_factory, secretariat_user):
    old = product_factory(title="First edition")
    draft = product_factory(title="Second edition draft", state="draft")
    with pytest.raises(ValidationError):
        services.supersede(secretariat_user, old, by=draft)
    with pytest.raises(ValidationError):
        services.supersede(secretariat_user, old, by=old)
    new = product_factory(title="Second edition")
    old = services.supersede(secretariat_user, old, by=new)
    assert old.state == Product.State.SUPERSEDED and old.superseded_by == new and old.is_public


def test_editing_the_original_language_keeps_the_version_in_step(
    product_factory, member_focal_point, member_org
):
    product = product_factory(state="draft", leads=[member_org])
    services.update_product(member_focal_point, product, title="New title", summary="New summary")
    version = product.versions.get(language="en")
    assert (version.title, version.summary) == ("New title", "New summary")


def test_a_product_circulated_or_published_is_frozen(product_factory, member_focal_point, member_org):
    product = product_factory(state="published", leads=[member_org])
    with pytest.raises(PermissionDenied):
        services.update_product(member_focal_point, product, title="Rewritten after sign-off")
    with pytest.raises(PermissionDenied):
        services.add_language_version(member_focal_point, product, language="en", title="Rewritten")
