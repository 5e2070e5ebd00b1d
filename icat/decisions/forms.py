from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from icat.orgs.models import Organization

from .models import Application, Position


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class CirculateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(label=_("Text to be decided"), widget=forms.Textarea)
    deadline = forms.DateTimeField(label=_("Deadline"), widget=LocalDateTimeInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deadline"].help_text = _(
            "In your time zone (%(zone)s); stored in UTC. Silence by then means no objection (ToR 3.D.1)."
        ) % {"zone": timezone.get_current_timezone_name()}


class TableForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(label=_("Text to be decided"), widget=forms.Textarea)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings


class StanceForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("For"), queryset=Organization.objects.none())
    position = forms.ChoiceField(
        label=_("Stance"),
        widget=forms.RadioSelect,
        choices=[
            (Position.NO_OBJECTION, Position.NO_OBJECTION.label),
            (Position.OBJECTION, Position.OBJECTION.label),
        ],
    )
    reason = forms.CharField(
        label=_("Reason (required for an objection)"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["organization"].empty_label = None


class OnBehalfForm(StanceForm):
    position = forms.ChoiceField(label=_("Stance"), choices=Position.choices)
    message_received_at = forms.DateTimeField(
        label=_("Date of the organization's message"), widget=LocalDateTimeInput()
    )
    copy = forms.FileField(label=_("Copy of the message (PDF, image or e-mail as text)"))


class WithdrawObjectionForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("For"), queryset=Organization.objects.none())
    reason = forms.CharField(label=_("Why (optional)"), widget=forms.Textarea, required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["organization"].empty_label = None


class CommentForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("For"), queryset=Organization.objects.none(), required=False, empty_label=_("the secretariat")
    )
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea)

    def __init__(self, *args, organizations, secretariat=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["organization"].required = not secretariat
        if not secretariat:
            self.fields["organization"].empty_label = None


class ReviseForm(forms.Form):
    text = forms.CharField(label=_("New text"), widget=forms.Textarea)
    note = forms.CharField(label=_("What changed and why"), max_length=2000)
    deadline = forms.DateTimeField(
        label=_("New deadline (written procedure)"), widget=LocalDateTimeInput(), required=False
    )


class CloseForm(forms.Form):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea, required=False)


class RecordFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    subject = forms.ChoiceField(label=_("About"), required=False)

    def __init__(self, *args, years, subject_kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years"))] + [(year, year) for year in years]
        self.fields["subject"].choices = [("", _("Anything")), ("none", _("No particular subject"))] + [
            (
                kind.model,
                kind.model_class()._meta.verbose_name.capitalize() if kind.model_class() else kind.model,
            )
            for kind in subject_kinds
        ]


class ApplicationForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Application
        fields = [
            "organization_name",
            "acronym",
            "website",
            "requested_status",
            "claims_intergovernmental",
            "claimed_scope",
            "claims_mandate_covers_trafficking",
            "mandate",
            "statute_excerpt",
            "contact_name",
            "contact_title",
            "contact_email",
        ]
        widgets = {"requested_status": forms.RadioSelect, "claimed_scope": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.Meta.widgets:
            # A radio group needs no "---------" choice: nothing ticked already means no answer.
            self.fields[name].choices = [choice for choice in self.fields[name].choices if choice[0] != ""]


class AssessmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind (as verified)"), choices=Organization.Kind.choices)
    scope = forms.ChoiceField(label=_("Reach (as verified)"), choices=Organization.Scope.choices)
    mandate_covers_trafficking = forms.BooleanField(
        label=_("The statute addresses trafficking in persons (ToR 3.A.4 b)"), required=False
    )
    assessment = forms.CharField(label=_("Assessment"), widget=forms.Textarea)


class IntroduceForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Working Group meeting"), queryset=None)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
