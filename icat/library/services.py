"""Every write to the library: one function per use case, in a transaction, checked and audited.

The life of a product: draft → consultation → sign-off → published → superseded. Only two functions
make a product public: the receiver of an adopted sign-off decision (``publish_adopted``) and the
secretariat's record of a sign-off made outside the platform (``record_outside_signoff``). The
database constraint ``library_public_only_after_signoff`` backs this up.
"""

from __future__ import annotations

from datetime import date

import nh3
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from icat import policy
from icat.core import audit

from . import files, search
from .models import Comment, LanguageVersion, Product, Theme

PRODUCT_FIELDS = [
    "kind",
    "series_number",
    "title",
    "summary",
    "original_language",
    "outline",
    "publication_date",
    "publication_date_precision",
]
COMMENT_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote"}


def _validated(instance):
    instance.full_clean(exclude=["search_vector"], validate_constraints=False)
    return instance


def _check_series_number(kind, series_number, exclude_pk=None):
    if series_number is not None and kind != Product.Kind.ISSUE_BRIEF:
        raise ValidationError(_("Only issue briefs have a number in the series."))
    if series_number is not None:
        taken = Product.objects.filter(kind=Product.Kind.ISSUE_BRIEF, series_number=series_number)
        if exclude_pk:
            taken = taken.exclude(pk=exclude_pk)
        if taken.exists():
            raise ValidationError(_("Issue brief %(number)s already exists.") % {"number": series_number})


def _home_organization(actor):
    """The organization a person acts for: the one chosen, or the only one they represent."""
    if actor.acting_for is not None:
        return actor.acting_for
    if len(actor.organization_ids) == 1:
        from icat.orgs.models import Organization

        return Organization.objects.get(pk=next(iter(actor.organization_ids)))
    return None


@transaction.atomic
def create_product(
    who,
    *,
    kind,
    title,
    summary="",
    original_language="en",
    series_number=None,
    themes=(),
    lead_organizations=(),
    contributors=(),
    outline="",
    publication_date=None,
    publication_date_precision=Product.DatePrecision.DAY,
    reference_key=None,
) -> Product:
    """Start a draft; the drafter's organization leads it unless lead organizations are given."""
    actor = policy.require(who, "library.draft")
    _check_series_number(kind, series_number)
    product = _validated(
        Product(
            kind=kind,
            series_number=series_number,
            title=title.strip(),
            summary=summary.strip(),
            original_language=original_language,
            outline=outline.strip(),
            publication_date=publication_date,
            publication_date_precision=publication_date_precision,
            reference_key=reference_key,
            created_by=actor.user,
        )
    )
    product.save()
    product.themes.set(themes)
    home = _home_organization(actor)
    product.lead_organizations.set(lead_organizations or ([home] if home else []))
    product.contributors.set(contributors)
    LanguageVersion.objects.create(
        product=product, language=original_language, title=product.title, summary=product.summary
    )
    search.reindex([product.pk])
    audit.record(
        actor,
        "library.create",
        product,
        organization=home,
        changes={name: [None, value] for name, value in audit.snapshot(product, PRODUCT_FIELDS).items()},
    )
    return product


@transaction.atomic
def update_product(
    who, product: Product, *, themes=None, lead_organizations=None, contributors=None, **changes
) -> Product:
    actor = policy.require(who, "library.edit", product)
    unknown = set(changes) - set(PRODUCT_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    product = Product.objects.select_for_update().get(pk=product.pk)
    before = audit.snapshot(product, PRODUCT_FIELDS)
    for name, value in changes.items():
        setattr(product, name, value.strip() if isinstance(value, str) else value)
    _check_series_number(product.kind, product.series_number, exclude_pk=product.pk)
    _validated(product)
    difference = audit.diff(before, audit.snapshot(product, PRODUCT_FIELDS))
    for name, related, values in (
        ("themes", product.themes, themes),
        ("lead_organizations", product.lead_organizations, lead_organizations),
        ("contributors", product.contributors, contributors),
    ):
        if values is not None:
            old = sorted(str(item) for item in related.all())
            related.set(values)
            new = sorted(str(item) for item in values)
            if old != new:
                difference[name] = [old, new]
    if difference:
        product.save()
        LanguageVersion.objects.filter(product=product, language=product.original_language).update(
            title=product.title, summary=product.summary
        )
        search.reindex([product.pk])
        audit.record(actor, "library.update", product, changes=difference)
    return product


def _change_state(actor, product: Product, new_state: str, action: str, note="", **fields) -> Product:
    old_state = product.state
    product.state = new_state
    for name, value in fields.items():
        setattr(product, name, value)
    product.save()
    changes = {"state": [old_state, new_state]}
    changes.update({name: [None, value] for name, value in fields.items()})
    audit.record(actor, action, product, changes=changes, note=note)
    return product


@transaction.atomic
def open_consultation(who, product: Product) -> Product:
    """Draft → consultation: members and partners may now read and comment."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    actor = policy.require(who, "library.open_consultation", product)
    if product.state != Product.State.DRAFT:
        raise ValidationError(_("Only a draft can be opened to consultation."))
    return _change_state(actor, product, Product.State.CONSULTATION, "library.open_consultation")


@transaction.atomic
def add_comment(
    who, product: Product, *, body: str, section: str = "", parent: Comment | None = None
) -> Comment:
    """A comment on one section of a product in consultation, or a reply in that section's thread."""
    actor = policy.require(who, "library.comment", product)
    clean = nh3.clean(body or "", tags=COMMENT_TAGS, link_rel="nofollow noopener").strip()
    if not nh3.clean(clean, tags=set()).strip():
        raise ValidationError(_("Write a comment first."))
    if parent is not None:
        if parent.product_id != product.pk:
            raise ValidationError(_("A reply belongs to the same product as the comment it answers."))
        section = parent.section
    elif section and section not in product.sections:
        raise ValidationError(_("This product has no section called “%(section)s”.") % {"section": section})
    organization = _home_organization(actor)
    comment = Comment.objects.create(
        product=product,
        section=section,
        parent=parent,
        author=actor.user,
        organization=organization,
        body=clean,
    )
    audit.record(
        actor, "library.comment", product, organization=organization, note=f"section: {section or '—'}"
    )
    return comment


@transaction.atomic
def add_language_version(
    who, product: Product, *, language: str, title: str, summary: str = "", upload=None
) -> LanguageVersion:
    """Add or replace one language version; its file is checked by content before anything is written."""
    actor = policy.require(who, "library.upload", product)
    checked = files.check_upload(upload) if upload is not None else None
    version = LanguageVersion.objects.select_for_update().filter(product=product, language=language).first()
    created = version is None
    if created:
        version = LanguageVersion(product=product, language=language)
    before = audit.snapshot(version, ["title", "summary", "file_format", "file_size", "file_sha256"])
    version.title, version.summary = title.strip(), summary.strip()
    version.full_clean(exclude=["file", "product"])
    if checked:
        for name, value in checked.items():
            setattr(version, name, value)
        version.original_filename = (getattr(upload, "name", "") or "")[:255]
        version.text, version.text_state = "", LanguageVersion.TextState.PENDING
        version.file.save(version.download_name, upload, save=False)
    version.save()
    if language == product.original_language and (product.title, product.summary) != (
        version.title,
        version.summary,
    ):
        Product.objects.filter(pk=product.pk).update(
            title=version.title, summary=version.summary, updated_at=timezone.now()
        )
    else:
        Product.objects.filter(pk=product.pk).update(updated_at=timezone.now())
    search.reindex([product.pk])
    after = audit.snapshot(version, ["title", "summary", "file_format", "file_size", "file_sha256"])
    audit.record(
        actor,
        "library.add_version" if created else "library.update_version",
        product,
        changes=audit.diff(before, after),
        note=f"language: {language}",
    )
    if checked:
        from .tasks import extract_version_text

        transaction.on_commit(lambda: extract_version_text.delay(version.pk))
    return version


@transaction.atomic
def store_extracted_text(version_id: int) -> LanguageVersion:
    """Read the stored file, keep its text and refresh the index (the background task's one write)."""
    version = LanguageVersion.objects.select_for_update().get(pk=version_id)
    if not version.file:
        return version
    try:
        with version.file.open("rb") as handle:
            version.text = files.extract_text(version.file_format, handle)
        version.text_state = LanguageVersion.TextState.DONE
    except Exception as error:  # noqa: BLE001 - a damaged file must not stop the queue; it is recorded
        files.log.warning("text extraction failed for version %s: %s", version.pk, error)
        version.text_state = LanguageVersion.TextState.FAILED
    version.save(update_fields=["text", "text_state", "updated_at"])
    search.reindex([version.product_id])
    return version


@transaction.atomic
def circulate_for_signoff(who, product: Product, *, deadline, text: str = ""):
    """Consultation → sign-off: the Chair circulates the product in writing (silence procedure) through
    the decisions app; it is published only if the decision is adopted (ToR 3.B.3, 3.B.5)."""
    from icat.decisions import services as decisions

    product = Product.objects.select_for_update().get(pk=product.pk)
    actor = policy.require(who, "library.circulate", product)
    text = (text or "").strip() or _(
        "The Chair proposes that ICAT sign off “%(title)s” (%(kind)s) as it stands after consultation, "
        "for publication in the library."
    ) % {"title": product.title, "kind": product.kind_label}
    proposal = decisions.circulate_in_writing(
        actor,
        title=(_("Sign-off: %(title)s") % {"title": product.title})[:290],
        text=text,
        deadline=deadline,
        subject=product,
    )
    _change_state(
        actor,
        product,
        Product.State.SIGN_OFF,
        "library.circulate",
        note=str(proposal),
        signoff_proposal=proposal,
    )
    return proposal


def _product_of(proposal) -> Product | None:
    from django.contrib.contenttypes.models import ContentType

    if proposal.content_type_id != ContentType.objects.get_for_model(Product).pk:
        return None
    return (
        Product.objects.select_for_update().filter(pk=proposal.object_id, signoff_proposal=proposal).first()
    )


def publish_adopted(proposal, record) -> Product | None:
    """Receiver of ``decision_adopted``: publish the product whose sign-off was adopted and link the record.
    Runs inside the Chair's confirming transaction, so the product and the record commit together."""
    product = _product_of(proposal)
    if product is None or product.state != Product.State.SIGN_OFF:
        return None
    actor = policy.system_actor(f"decision {record.number}")
    signed_off_on = timezone.localdate(record.confirmed_at)
    return _change_state(
        actor,
        product,
        Product.State.PUBLISHED,
        "library.publish_adopted",
        note=record.number,
        signoff=Product.SignOff.DECISION,
        signed_off_on=signed_off_on,
        decision_record=record,
        publication_date=product.publication_date or signed_off_on,
        publication_date_precision=product.publication_date_precision
        if product.publication_date
        else Product.DatePrecision.DAY,
    )


def return_to_consultation(proposal) -> Product | None:
    """Receiver of ``decision_not_adopted``: an objection stood, so the product goes back to consultation."""
    product = _product_of(proposal)
    if product is None or product.state != Product.State.SIGN_OFF:
        return None
    actor = policy.system_actor("decision not adopted")
    return _change_state(
        actor,
        product,
        Product.State.CONSULTATION,
        "library.return_to_consultation",
        note=str(proposal),
        signoff_proposal=None,
    )


@transaction.atomic
def record_outside_signoff(
    who, product: Product, *, signed_off_on: date | None, reason: str, date_on_record: bool = True
) -> Product:
    """The secretariat records that ICAT signed the product off outside the platform; it is published.

    The date is required unless ``date_on_record`` is False: products catalogued from documents that
    predate the platform often give no date of sign-off, and none is invented for them."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    actor = policy.require(who, "library.record_outside_signoff", product)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the sign-off happened outside the platform."))
    if signed_off_on is None and date_on_record:
        raise ValidationError(_("Give the date of the sign-off."))
    if signed_off_on is not None and signed_off_on > timezone.localdate():
        raise ValidationError(_("A sign-off cannot be recorded for a future date."))
    return _change_state(
        actor,
        product,
        Product.State.PUBLISHED,
        "library.record_outside_signoff",
        note=reason,
        signoff=Product.SignOff.OUTSIDE,
        signed_off_on=signed_off_on,
        signoff_reason=reason,
    )


@transaction.atomic
def supersede(who, product: Product, *, by: Product) -> Product:
    """A newer, published edition replaces the product; the old one stays public, marked superseded."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    actor = policy.require(who, "library.supersede", product)
    if by.pk == product.pk:
        raise ValidationError(_("A product cannot supersede itself."))
    if by.state != Product.State.PUBLISHED:
        raise ValidationError(_("The newer edition must itself be published."))
    return _change_state(actor, product, Product.State.SUPERSEDED, "library.supersede", superseded_by=by)


@transaction.atomic
def save_theme(who, *, slug: str, name: str, description: str = "", position: int = 100) -> Theme:
    """Create or rename a theme of the taxonomy."""
    actor = policy.require(who, "library.manage_themes")
    theme = Theme.objects.filter(slug=slug).first() or Theme(slug=slug)
    before = audit.snapshot(theme, ["name", "description", "position"])
    theme.name, theme.description, theme.position = name, description, position
    theme.full_clean()
    difference = audit.diff(before, audit.snapshot(theme, ["name", "description", "position"]))
    if difference or theme._state.adding:
        theme.save()
        audit.record(actor, "library.save_theme", theme, changes=difference)
    return theme
