import zoneinfo

from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from icat.meetings import queries
from icat.meetings.models import Meeting

register = template.Library()


def _day(value):
    return formats.date_format(value, "j F Y")


@register.filter
def when(meeting: Meeting) -> str:
    """The meeting's date as precisely as it is known, in its own time zone."""
    start, end = meeting.local_start, meeting.local_end
    if meeting.date_precision == Meeting.DatePrecision.YEAR:
        return _("%(year)s (month not recorded)") % {"year": start.year}
    if meeting.date_precision == Meeting.DatePrecision.MONTH:
        return _("%(month)s (day not recorded)") % {"month": formats.date_format(start, "F Y")}
    if meeting.date_precision == Meeting.DatePrecision.DAY:
        if end.date() != start.date():
            return f"{_day(start)} – {_day(end)}"
        return _day(start)
    if end.date() != start.date():
        return f"{_day(start)} {start:%H:%M} – {_day(end)} {end:%H:%M} ({meeting.time_zone})"
    return f"{formats.date_format(start, 'l j F Y')}, {start:%H:%M}–{end:%H:%M} ({meeting.time_zone})"


@register.filter
def when_in(meeting: Meeting, zone_name: str) -> str:
    """The start and end as read on a clock in ``zone_name`` (the viewer's time zone)."""
    zone = zoneinfo.ZoneInfo(zone_name)
    start, end = timezone.localtime(meeting.starts_at, zone), timezone.localtime(meeting.ends_at, zone)
    return f"{formats.date_format(start, 'l j F Y')}, {start:%H:%M}–{end:%H:%M} ({zone_name})"


@register.inclusion_tag("meetings/_participation.html")
def participation_section(organization, limit=10):
    """An organization's participation record for its profile page (a fixed number of queries)."""
    return {"record": queries.participation_record(organization, timezone.localdate(), limit=limit)}
