from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from icat.orgs.models import Organization

from .files import MAX_UPLOAD_BYTES
from .models import Product, Theme
from .search import Criteria


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. organ removal")}),
    )
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Any type")), *Product.Kind.choices]
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("Any language")), *settings.LANGUAGES]
    )
    organization = forms.ChoiceField(label=_("Organization"), required=False)

    def __init__(self, *args, themes=(), years=(), organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("Any theme")), *((theme.slug, theme.name) for theme in themes)]
        self.fields["year"].choices = [("", _("Any year")), *((year, year) for year in years)]
        self.fields["organization"].choices = [
            ("", _("Any organization")),
            *((org.slug, org.short_name) for org in organizations),
        ]

    def criteria(self) -> Criteria:
        """The criteria of the valid fields; an invalid value (a stale link, a typo) is ignored."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return Criteria(
            text=data.get("q") or "",
            kind=data.get("kind") or "",
            theme=data.get("theme") or "",
            year=data.get("year"),
            language=data.get("language") or "",
            organization=data.get("organization") or "",
        )


class ProductForm(forms.ModelForm):
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    lead_organizations = forms.ModelMultipleChoiceField(
        label=_("Lead organizations"),
        queryset=Organization.objects.all(),
        required=False,
        help_text=_("Empty: your organization leads."),
    )
    contributors = forms.ModelMultipleChoiceField(
        label=_("Contributing organizations"), queryset=Organization.objects.all(), required=False
    )

    class Meta:
        model = Product
        fields = ["kind", "series_number", "title", "summary", "original_language", "outline"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4}), "outline": forms.Textarea(attrs={"rows": 5})}


class VersionForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    title = forms.CharField(label=_("Title in this language"), max_length=400)
    summary = forms.CharField(
        label=_("Summary in this language"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    file = forms.FileField(
        label=_("File (PDF or Word)"),
        required=False,
        help_text=_("PDF or DOCX, up to %(mb)d MB. Checked by its content, not its name.")
        % {"mb": MAX_UPLOAD_BYTES // 1048576},
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.docx,application/pdf,application/vnd."
                "openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
    )


class CommentForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"), required=False)
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10000)

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", _("The product as a whole")), *((s, s) for s in sections)]


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 2}), max_length=10000)


class OutsideSignoffForm(forms.Form):
    signed_off_on = forms.DateField(label=_("Signed off on"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(
        label=_("Why outside the platform"),
        widget=forms.Textarea(attrs={"rows": 2}),
        initial=_("published before the platform existed"),
    )


class SupersedeForm(forms.Form):
    by = forms.ModelChoiceField(
        label=_("Newer edition"), queryset=Product.objects.filter(state=Product.State.PUBLISHED)
    )


class CirculateForm(forms.Form):
    deadline = forms.DateTimeField(
        label=_("Deadline for objections"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_(
            "In your time zone. If no Working Group member objects by then, the Chair confirms the sign-off."
        ),
    )
    text = forms.CharField(
        label=_("Text of the proposal"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Empty: a standard sign-off text naming the product."),
    )
