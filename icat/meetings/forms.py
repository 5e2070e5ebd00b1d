import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from icat.orgs.models import Organization

from .models import Attendance, Capacity, Invitation, Meeting, Minutes

LOCAL_INPUT = "%Y-%m-%dT%H:%M"
COMMON_ZONES = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=LOCAL_INPUT, **kwargs)


class MeetingForm(forms.ModelForm):
    """Times are entered as they read on the clock where the meeting takes place."""

    starts_at = forms.DateTimeField(label=_("Starts (local time)"), widget=LocalDateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends (local time)"), widget=LocalDateTimeInput())
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=[(zone, zone) for zone in COMMON_ZONES],
        initial="Europe/Vienna",
        help_text=_("Where the meeting takes place, e.g. Europe/Vienna or America/New_York."),
    )
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    note = forms.CharField(
        label=_("What changed (sent to invitees)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = Meeting
        fields = [
            "kind",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "time_zone",
            "place",
            "online_url",
            "visibility",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["starts_at"] = self.instance.local_start.replace(tzinfo=None)
            self.initial["ends_at"] = self.instance.local_end.replace(tzinfo=None)
            del self.fields["kind"]
        else:
            del self.fields["note"]

    def clean(self):
        data = super().clean()
        zone_name = data.get("time_zone")
        for name in ("starts_at", "ends_at"):
            if data.get(name) and zone_name:
                # The form read the clock time in the server's zone; it is a clock time of the meeting's zone.
                data[name] = timezone.make_naive(data[name]).replace(tzinfo=zoneinfo.ZoneInfo(zone_name))
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] < data["starts_at"]:
            self.add_error("ends_at", _("A meeting ends after it starts."))
        return data

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("note", None)
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancellation"), widget=forms.Textarea(attrs={"rows": 3}))


class InviteOrganizationForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.order_by("name")
    )
    capacity = forms.ChoiceField(label=_("Capacity"), choices=Capacity.choices)


class InviteGuestForm(forms.Form):
    email = forms.EmailField(label=_("Guest's e-mail address"))
    name = forms.CharField(label=_("Guest's name"), required=False, max_length=200)
    capacity = forms.ChoiceField(
        label=_("Capacity"),
        choices=[(Capacity.GUEST, Capacity.GUEST.label), (Capacity.OBSERVER, Capacity.OBSERVER.label)],
    )


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Answer"),
        choices=[
            (Invitation.Answer.ATTENDING, Invitation.Answer.ATTENDING.label),
            (Invitation.Answer.DECLINED, Invitation.Answer.DECLINED.label),
        ],
        widget=forms.RadioSelect,
    )
    attendees = forms.CharField(
        label=_("Who will attend"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Names and functions of the people who will attend."),
    )


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Item"), max_length=300)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    minutes = forms.ModelChoiceField(
        label=_("Approval of the minutes of"),
        required=False,
        queryset=Minutes.objects.none(),
        help_text=_("Link this item to earlier minutes that this meeting will approve."),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["minutes"].queryset = (
            Minutes.objects.filter(meeting__starts_at__lt=meeting.starts_at, meeting__kind=meeting.kind)
            .exclude(state=Minutes.State.APPROVED)
            .select_related("meeting")
            .order_by("-meeting__starts_at")
        )


class AttendanceForm(forms.Form):
    """One presence, capacity and list of people for each invited organization."""

    def __init__(self, *args, invitations, attendance, **kwargs):
        super().__init__(*args, **kwargs)
        recorded = {row.organization_id: row for row in attendance}
        self.rows = []
        for invitation in invitations:
            if not invitation.organization_id:
                continue
            row = recorded.get(invitation.organization_id)
            prefix = f"org{invitation.organization_id}"
            self.fields[f"{prefix}-presence"] = forms.ChoiceField(
                label=_("Presence"),
                choices=Attendance.Presence.choices,
                widget=forms.RadioSelect,
                initial=row.presence if row else None,
                required=False,
            )
            self.fields[f"{prefix}-capacity"] = forms.ChoiceField(
                label=_("Capacity"),
                choices=Capacity.choices,
                initial=row.capacity if row else invitation.capacity,
                required=False,
            )
            self.fields[f"{prefix}-attendees"] = forms.CharField(
                label=_("Who attended"),
                required=False,
                initial=row.attendees if row else invitation.attendees,
            )
            self.rows.append((invitation, prefix))

    def bound_rows(self):
        for invitation, prefix in self.rows:
            yield (
                invitation,
                self[f"{prefix}-presence"],
                self[f"{prefix}-capacity"],
                self[f"{prefix}-attendees"],
            )

    def entries(self):
        """(organization, presence, capacity, attendees) for every row given a presence."""
        for invitation, prefix in self.rows:
            presence = self.cleaned_data.get(f"{prefix}-presence")
            if presence:
                yield (
                    invitation.organization,
                    presence,
                    self.cleaned_data[f"{prefix}-capacity"] or invitation.capacity,
                    self.cleaned_data[f"{prefix}-attendees"],
                )


class MinutesForm(forms.Form):
    text = forms.CharField(
        label=_("Minutes"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Paragraphs, lists, headings, tables and links are kept; anything else is removed."),
    )
    reason = forms.CharField(label=_("What this version changes"), required=False, max_length=500)


class AmendMinutesForm(MinutesForm):
    reason = forms.CharField(
        label=_("Reason for a new version of approved minutes"), widget=forms.Textarea(attrs={"rows": 2})
    )


class CorrectionForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("On behalf of"), queryset=Organization.objects.none())
    text = forms.CharField(label=_("Proposed correction"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        if len(organizations) == 1:
            self.fields["organization"].initial = organizations[0]


class DecideCorrectionForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        choices=[("yes", _("Accept (write it into a new version)")), ("no", _("Decline"))],
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)


class ApproveMinutesForm(forms.Form):
    how = forms.ChoiceField(
        label=_("How were they approved?"), choices=Minutes.ApprovedHow.choices, widget=forms.RadioSelect
    )
    at_meeting = forms.ModelChoiceField(
        label=_("At the meeting"),
        required=False,
        queryset=Meeting.objects.none(),
        help_text=_("A later meeting, held, whose agenda had the approval of these minutes."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For approval by the Chair, cite the Working Group's decision."),
    )

    def __init__(self, *args, minutes: Minutes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"].queryset = Meeting.objects.filter(
            starts_at__gt=minutes.meeting.starts_at,
            status=Meeting.Status.HELD,
            agenda_items__object_id=str(minutes.pk),
            agenda_items__content_type__model="minutes",
        ).distinct()


class SeriesForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of meeting"), choices=Meeting.Kind.choices, initial=Meeting.Kind.WORKING_GROUP
    )
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("“From” must not be after “Until”."))
        return data
