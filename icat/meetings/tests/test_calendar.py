"""RFC 5545 feeds: the tests check the required properties themselves, since the parser is lenient."""

from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from icat.meetings import services
from icat.meetings.models import CalendarFeed, Meeting
from icat.meetings.tests.factories import SYSTEM

pytestmark = pytest.mark.django_db

REQUIRED_CALENDAR = ("PRODID", "VERSION")
REQUIRED_EVENT = ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE", "STATUS")


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content
    # RFC 5545 3.1: lines end with CRLF and are folded at 75 octets.
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    assert body.startswith(b"BEGIN:VCALENDAR\r\n") and body.endswith(b"END:VCALENDAR\r\n")
    calendar = icalendar.Calendar.from_ical(body)
    for name in REQUIRED_CALENDAR:
        assert name in calendar, name
    assert str(calendar["VERSION"]) == "2.0"
    for event in calendar.walk("VEVENT"):
        for name in REQUIRED_EVENT:
            assert name in event, name
        assert event["DTSTAMP"].dt.tzinfo is not None and event["DTSTAMP"].dt.utcoffset() == timedelta(0)
    return calendar


def events(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def public_meeting(**fields):
    start = datetime(2031, 6, 2, 9, 30, tzinfo=UTC)
    return services.schedule_meeting(
        SYSTEM,
        kind="side_event",
        title=fields.pop("title", "Side event"),
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        time_zone=fields.pop("time_zone", "America/New_York"),
        visibility="public",
        place="UN Headquarters, New York",
        **fields,
    )


def test_meeting_ics_has_tzid_and_vtimezone(client):
    meeting = public_meeting()
    calendar = parse(client.get(reverse("meetings:ics", args=[meeting.pk])))
    event = events(calendar)[f"meeting-{meeting.uid}@icat-platform"]
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    assert event["DTSTART"].dt == datetime(2031, 6, 2, 5, 30, tzinfo=event["DTSTART"].dt.tzinfo)  # EDT
    assert event["DTSTART"].dt.utcoffset() == timedelta(hours=-4)
    zones = [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")]
    assert zones == ["America/New_York"]
    assert str(event["STATUS"]) == "CONFIRMED" and int(event["SEQUENCE"]) == 0


def test_change_and_cancellation_keep_the_uid_and_raise_the_sequence(client):
    meeting = public_meeting()
    uid = f"meeting-{meeting.uid}@icat-platform"
    services.update_meeting(SYSTEM, meeting, place="Palais des Nations, Geneva", time_zone="Europe/Zurich")
    after_change = events(parse(client.get(reverse("meetings:public_feed"))))[uid]
    assert int(after_change["SEQUENCE"]) == 1 and "Geneva" in str(after_change["LOCATION"])
    services.cancel_meeting(SYSTEM, meeting, reason="Venue unavailable")
    cancelled = events(parse(client.get(reverse("meetings:public_feed"))))[uid]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) == 2
    assert "Venue unavailable" in str(cancelled["DESCRIPTION"])


def test_a_change_that_calendars_need_not_see_keeps_the_sequence():
    meeting = public_meeting()
    services.update_meeting(SYSTEM, meeting, visibility="members_partners")
    # The same instant written in another time zone is no change.
    services.update_meeting(SYSTEM, meeting, starts_at=meeting.starts_at.astimezone(meeting.zone))
    assert Meeting.objects.get(pk=meeting.pk).sequence == 0


def test_day_precision_is_an_all_day_event_and_month_precision_is_left_out(client):
    start = datetime(2016, 7, 4, tzinfo=UTC)
    known_days = services.schedule_meeting(
        SYSTEM,
        kind="other",
        title="Expert Group Meeting",
        starts_at=start,
        ends_at=start + timedelta(days=1),
        date_precision="day",
        visibility="public",
        time_zone="UTC",
    )
    month_only = services.schedule_meeting(
        SYSTEM,
        kind="member_state_briefing",
        title="Briefing",
        starts_at=datetime(2016, 3, 1, tzinfo=UTC),
        ends_at=datetime(2016, 3, 1, tzinfo=UTC),
        date_precision="month",
        visibility="public",
    )
    calendar = parse(client.get(reverse("meetings:ics", args=[known_days.pk])))
    event = events(calendar)[f"meeting-{known_days.uid}@icat-platform"]
    assert event["DTSTART"].dt == date(2016, 7, 4) and event["DTEND"].dt == date(2016, 7, 6)
    assert client.get(reverse("meetings:ics", args=[month_only.pk])).status_code == 404


def test_public_feed_has_only_public_meetings(client):
    public_meeting(title="Open event")
    start = timezone.now() + timedelta(days=5)
    services.schedule_meeting(
        SYSTEM,
        kind="principals",
        title="Closed",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        visibility="members_partners",
    )
    titles = {
        str(event["SUMMARY"]) for event in parse(client.get(reverse("meetings:public_feed"))).walk("VEVENT")
    }
    assert titles == {"Open event"}


def test_private_feed_with_a_resettable_token(client, partner_focal_point, partner_org, member_org):
    start = timezone.now() + timedelta(days=5)
    wg = services.schedule_meeting(
        SYSTEM,
        kind="working_group",
        title="WG",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        visibility="working_group",
    )
    services.schedule_meeting(
        SYSTEM,
        kind="principals",
        title="Principals only",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        visibility="working_group",
    )
    client.force_login(partner_focal_point)
    assert client.get(reverse("meetings:calendar")).status_code == 200
    token = CalendarFeed.objects.get(user=partner_focal_point).token
    client.logout()  # calendar programs have no session: the token alone opens the feed
    feed = parse(client.get(reverse("meetings:private_feed", args=[token])))
    assert set(events(feed)) == {f"meeting-{wg.uid}@icat-platform"}
    client.force_login(partner_focal_point)
    client.post(reverse("meetings:reset_calendar"))
    new_token = CalendarFeed.objects.get(user=partner_focal_point).token
    assert new_token != token
    assert client.get(reverse("meetings:private_feed", args=[token])).status_code == 404
    assert client.get(reverse("meetings:private_feed", args=[new_token])).status_code == 200
