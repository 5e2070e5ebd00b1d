"""ICAT's products: drafted, consulted on, signed off by consensus (ToR 3.B.5), published, superseded.

A product is public only once it has a sign-off on record: an adopted written-procedure decision, or
the secretariat's record that it was signed off outside the platform (a date and a reason). The
database refuses a published or superseded product without one, whatever code tries to save it.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from icat.core.models import AppendOnlyModel

LANGUAGE_CHOICES = [(code, name) for code, name in settings.LANGUAGES]


class Theme(models.Model):
    """A managed taxonomy: the secretariat adds and renames themes; products refer to them."""

    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position in lists"), default=100)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("library:index") + f"?theme={self.slug}"


class Product(models.Model):
    class Kind(models.TextChoices):
        POLICY_PAPER = "policy_paper", _("Policy paper")
        ISSUE_BRIEF = "issue_brief", _("Issue brief")
        TOOLKIT = "toolkit", _("Toolkit")
        JOINT_STATEMENT = "joint_statement", _("Joint statement")
        SUBMISSION = "submission", _("Submission")
        REPORT = "report", _("Report")
        OTHER = "other", _("Other")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONSULTATION = "consultation", _("In consultation")
        SIGN_OFF = "sign_off", _("Circulated for sign-off")
        PUBLISHED = "published", _("Published")
        SUPERSEDED = "superseded", _("Superseded")

    class DatePrecision(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month")
        YEAR = "year", _("Year")

    class SignOff(models.TextChoices):
        NONE = "", _("Not signed off")
        DECISION = "decision", _("Adopted by consensus on the platform")
        OUTSIDE = "outside", _("Signed off outside the platform")

    PUBLIC_STATES = (State.PUBLISHED, State.SUPERSEDED)

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    series_number = models.PositiveSmallIntegerField(
        _("issue brief number"),
        null=True,
        blank=True,
        help_text=_("Issue briefs only: the number in the series."),
    )
    title = models.CharField(_("title"), max_length=400, help_text=_("In the original language."))
    summary = models.TextField(_("summary"), blank=True)
    original_language = models.CharField(
        _("original language"), max_length=10, choices=LANGUAGE_CHOICES, default="en"
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="products")
    lead_organizations = models.ManyToManyField(
        "orgs.Organization", verbose_name=_("lead organizations"), blank=True, related_name="led_products"
    )
    contributors = models.ManyToManyField(
        "orgs.Organization",
        verbose_name=_("contributing organizations"),
        blank=True,
        related_name="contributed_products",
    )
    outline = models.TextField(
        _("sections"),
        blank=True,
        help_text=_("The draft's sections, one per line: comments are threaded per section."),
    )
    publication_date = models.DateField(_("publication date"), null=True, blank=True, db_index=True)
    publication_date_precision = models.CharField(
        _("the publication date is known to the"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    # Indexed for products in preparation only (see Meta): a public search must reach the partial GIN
    # index, which the PostgreSQL planner passes over when a plain index on state is on offer.
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    signoff = models.CharField(_("sign-off"), max_length=10, choices=SignOff.choices, blank=True, default="")
    signed_off_on = models.DateField(
        _("signed off on"),
        null=True,
        blank=True,
        help_text=_("Empty only for a sign-off outside the platform whose date is not on record."),
    )
    signoff_reason = models.TextField(_("why it was signed off outside the platform"), blank=True)
    signoff_proposal = models.ForeignKey(
        "decisions.Proposal",
        verbose_name=_("sign-off proposal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The written procedure the Chair circulated for this product's sign-off."),
    )
    decision_record = models.ForeignKey(
        "decisions.DecisionRecord",
        verbose_name=_("decision record"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supersedes",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)
    source = models.TextField(
        _("source of this record"),
        blank=True,
        help_text=_("For products catalogued from older documents: where each fact comes from."),
    )
    reference_key = models.CharField(
        max_length=80,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set for products loaded from the reference data, so loading is idempotent."),
    )
    # PostgreSQL only: the weighted full-text vector (titles A, summaries B, file text C), GIN-indexed.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-publication_date", "-id"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        indexes = [
            models.Index(
                fields=["state"],
                condition=Q(state__in=["draft", "consultation", "sign_off"]),
                name="library_product_in_preparation",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state__in=["published", "superseded"]) | ~Q(signoff=""),
                name="library_public_only_after_signoff",
                violation_error_message=_("A product is public only after its sign-off (ToR 3.B.5)."),
            ),
            models.CheckConstraint(
                condition=~Q(signoff="outside") | ~Q(signoff_reason=""),
                name="library_outside_signoff_has_date_and_reason",
            ),
            models.CheckConstraint(
                condition=~Q(signoff="decision") | Q(decision_record__isnull=False),
                name="library_decision_signoff_has_its_record",
            ),
            models.CheckConstraint(
                condition=~Q(state="sign_off") | Q(signoff_proposal__isnull=False),
                name="library_sign_off_has_its_proposal",
            ),
            models.CheckConstraint(
                condition=Q(series_number__isnull=True) | Q(kind="issue_brief"),
                name="library_series_number_only_for_issue_briefs",
            ),
            models.UniqueConstraint(
                fields=["series_number"],
                condition=Q(kind="issue_brief"),
                name="library_one_issue_brief_per_number",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("library:product", args=[self.pk, self.slug])

    @property
    def slug(self):
        return slugify(self.title)[:80] or "product"

    @property
    def is_public(self) -> bool:
        return self.state in self.PUBLIC_STATES

    @cached_property
    def lead_organization_ids(self) -> set[int]:
        return {organization.pk for organization in self.lead_organizations.all()}

    @cached_property
    def participant_organization_ids(self) -> set[int]:
        """Lead and contributing organizations: the ones that see the draft (ToR 3.B.5)."""
        return self.lead_organization_ids | {organization.pk for organization in self.contributors.all()}

    @property
    def signoff_proposal_is_closed_unadopted(self) -> bool:
        """The Chair withdrew the sign-off proposal: the product may be circulated again."""
        return self.signoff_proposal_id is not None and self.signoff_proposal.state == "withdrawn"

    @property
    def sections(self) -> list[str]:
        return [line.strip() for line in self.outline.splitlines() if line.strip()]

    @property
    def kind_label(self) -> str:
        if self.kind == self.Kind.ISSUE_BRIEF and self.series_number:
            return _("Issue brief %(number)s") % {"number": self.series_number}
        return self.get_kind_display()

    @property
    def publication_date_label(self) -> str:
        """The date as precisely as it is known: "2016", "October 2016" or "30 July 2022"."""
        if self.publication_date is None:
            return ""
        if self.publication_date_precision == self.DatePrecision.YEAR:
            return str(self.publication_date.year)
        if self.publication_date_precision == self.DatePrecision.MONTH:
            return formats.date_format(self.publication_date, "YEAR_MONTH_FORMAT")
        return formats.date_format(self.publication_date, "DATE_FORMAT")

    @property
    def publication_date_iso(self) -> str:
        """ISO 8601 at the known precision (schema.org, Dublin Core)."""
        if self.publication_date is None:
            return ""
        if self.publication_date_precision == self.DatePrecision.YEAR:
            return f"{self.publication_date:%Y}"
        if self.publication_date_precision == self.DatePrecision.MONTH:
            return f"{self.publication_date:%Y-%m}"
        return self.publication_date.isoformat()


def version_upload_path(version, filename):
    # Unguessable names: drafts' files are served only through the policy-checked download view.
    import uuid

    extension = {"pdf": "pdf", "docx": "docx"}.get(version.file_format, "bin")
    return f"library/{uuid.uuid4().hex}.{extension}"


class LanguageVersion(models.Model):
    """The product in one of the six UN languages, with its own title, summary and file."""

    class TextState(models.TextChoices):
        NO_FILE = "none", _("No file")
        PENDING = "pending", _("Extracting text")
        DONE = "done", _("Text extracted")
        FAILED = "failed", _("Text could not be extracted")

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="versions")
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES)
    title = models.CharField(_("title"), max_length=400)
    summary = models.TextField(_("summary"), blank=True)
    file = models.FileField(_("file"), upload_to=version_upload_path, blank=True, max_length=200)
    file_format = models.CharField(
        _("format"), max_length=5, blank=True, choices=[("pdf", "PDF"), ("docx", "DOCX")]
    )
    file_size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True)
    original_filename = models.CharField(max_length=255, blank=True)
    text = models.TextField(_("text extracted from the file"), blank=True, editable=False)
    text_state = models.CharField(max_length=10, choices=TextState.choices, default=TextState.NO_FILE)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["product", "language"]
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(fields=["product", "language"], name="library_one_version_per_language")
        ]

    def __str__(self):
        return f"{self.title} [{self.language}]"

    @property
    def has_file(self) -> bool:
        return bool(self.file)

    @property
    def media_type(self) -> str:
        return {
            "pdf": "application/pdf",
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        }.get(self.file_format, "")

    @property
    def download_name(self) -> str:
        return f"{slugify(self.title)[:80] or 'product'}-{self.language}.{self.file_format}"


class Comment(AppendOnlyModel):
    """A consultation comment on one section of a draft, or a reply in its thread (ToR 3.F.2 c)."""

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="comments")
    section = models.CharField(
        _("section"), max_length=200, blank=True, help_text=_("Empty: the product as a whole.")
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replies"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        "orgs.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return f"{self.author} on {self.product}: {self.body[:40]}"


class SearchTerm(models.Model):
    """A word seen in a product's title or summary: the vocabulary for "did you mean" suggestions."""

    word = models.CharField(max_length=60, unique=True)

    class Meta:
        verbose_name = _("search term")

    def __str__(self):
        return self.word
