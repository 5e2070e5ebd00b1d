from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Organization, OrganizationStatus

STATUS_FILTERS = [
    ("", _("Any status")),
    *OrganizationStatus.Status.choices,
    ("working_group", _("In the Working Group")),
]


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or acronym"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search"}))
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *Organization.Kind.choices]
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_FILTERS)
