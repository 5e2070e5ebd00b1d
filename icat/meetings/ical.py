"""RFC 5545 calendars of meetings: one UID per meeting for ever, SEQUENCE raised on every change,
times with their own TZID and VTIMEZONE, cancellations kept as STATUS:CANCELLED."""

from datetime import timedelta

import icalendar
from django.conf import settings
from django.utils import timezone

from .models import Meeting

PRODID = "-//ICAT Platform//Meetings//EN"
STATUS = {
    Meeting.Status.PLANNED: "CONFIRMED",
    Meeting.Status.HELD: "CONFIRMED",
    Meeting.Status.CANCELLED: "CANCELLED",
}


def uid_of(meeting: Meeting) -> str:
    return f"meeting-{meeting.uid}@icat-platform"


def fits_a_calendar(meeting: Meeting) -> bool:
    """A meeting known only by its month or year has no day to put in a calendar, so feeds leave it out."""
    return meeting.date_precision in (Meeting.DatePrecision.TIME, Meeting.DatePrecision.DAY)


def event_for(meeting: Meeting, *, url: str, stamp) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid_of(meeting))
    event.add("dtstamp", stamp)
    event.add("sequence", meeting.sequence)
    event.add("summary", meeting.title)
    if meeting.date_precision == Meeting.DatePrecision.TIME:
        event.add("dtstart", meeting.local_start)
        event.add("dtend", meeting.local_end)
    else:
        event.add("dtstart", meeting.local_start.date())
        event.add("dtend", meeting.local_end.date() + timedelta(days=1))
    event.add("status", STATUS[meeting.status])
    description = meeting.description
    if meeting.is_cancelled:
        description = f"{meeting.cancellation_reason}\n\n{description}".strip()
    if description:
        event.add("description", description)
    location = ", ".join(part for part in (meeting.place, meeting.online_url) if part)
    if location:
        event.add("location", location)
    event.add("url", url)
    event.add("created", meeting.created_at)
    event.add("last-modified", meeting.updated_at)
    event.add("categories", [meeting.get_kind_display()])
    return event


def calendar_of(meetings, *, name: str, build_url) -> bytes:
    """The VCALENDAR of ``meetings``; ``build_url(meeting)`` gives each meeting's absolute page address."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{settings.GROUP_SHORT_NAME} — {name}")
    stamp = timezone.now().replace(microsecond=0)
    for meeting in meetings:
        if fits_a_calendar(meeting):
            calendar.add_component(event_for(meeting, url=build_url(meeting), stamp=stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()
