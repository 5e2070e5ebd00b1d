"""ICAT's meetings and events named in the seeds (icat/reference/meetings.json), loaded as past public events.

Idempotent: a meeting is found by its reference key; only fields that differ from the file are written.
"""

import zoneinfo
from datetime import date, datetime, time

from icat.core.reference import read_json

from . import services
from .models import Meeting


def _fields(entry: dict) -> dict:
    zone = zoneinfo.ZoneInfo(entry.get("time_zone", "UTC"))
    # No time of day is known: the meeting runs from the start of its first day to the start of its last.
    return {
        "kind": entry["kind"],
        "title": entry["title"],
        "description": entry.get("description", ""),
        "starts_at": datetime.combine(date.fromisoformat(entry["starts_on"]), time(0), tzinfo=zone),
        "ends_at": datetime.combine(date.fromisoformat(entry["ends_on"]), time(0), tzinfo=zone),
        "time_zone": entry.get("time_zone", "UTC"),
        "date_precision": entry["date_precision"],
        "place": entry.get("place", ""),
        "source": entry["source"],
        "visibility": Meeting.Visibility.PUBLIC,
    }


def load(actor, report):
    existing = {meeting.reference_key: meeting for meeting in Meeting.objects.exclude(reference_key=None)}
    for entry in read_json("meetings.json")["meetings"]:
        wanted = _fields(entry)
        meeting = existing.get(entry["key"])
        if meeting is None:
            services.record_past_meeting(actor, reference_key=entry["key"], **wanted)
            report.add("meetings", "created")
            continue
        changes = {name: value for name, value in wanted.items() if getattr(meeting, name) != value}
        if changes:
            services.update_meeting(actor, meeting, note="reference data", **changes)
            report.add("meetings", "updated")
        else:
            report.add("meetings", "unchanged")
