"""ICAT's real meetings from the seeds: loaded once, unchanged the second time, nothing invented."""

from datetime import date

from django.core.management import call_command
from django.urls import reverse

from icat import policy
from icat.core.reference import Report
from icat.meetings import reference
from icat.meetings.models import Meeting


def load():
    report = Report()
    reference.load(policy.system_actor("tests"), report)
    return report


def test_reference_meetings_load_idempotently(db):
    first = load()
    assert first.counts["meetings"]["created"] == 10
    second = load()
    assert not second.changed and second.counts["meetings"]["unchanged"] == 10
    call_command("load_reference", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Meeting.objects.count() == 10


def test_reference_meetings_say_what_the_seeds_say(db, client):
    load()
    london = Meeting.objects.get(reference_key="principals-2018-05-02-london")
    assert (london.starts_on, london.place, london.kind, london.status) == (
        date(2018, 5, 2),
        "London",
        "principals",
        "held",
    )
    assert "10 decisions" in london.description
    heads = Meeting.objects.get(reference_key="heads-2021-11-15-third-meeting")
    assert heads.starts_on == date(2021, 11, 15) and heads.date_precision == "day"
    vienna = Meeting.objects.get(reference_key="expert-group-meeting-2016-07-toolkit")
    assert vienna.local_end.date() == date(2016, 7, 5)
    briefings = Meeting.objects.filter(kind="member_state_briefing").order_by("starts_at")
    assert [(m.starts_on, m.date_precision) for m in briefings] == [
        (date(2015, 1, 1), "month"),
        (date(2016, 3, 1), "month"),
        (date(2017, 3, 1), "month"),
    ]
    assert all(meeting.source for meeting in Meeting.objects.all())
    page = client.get(reverse("meetings:list")).content.decode()
    assert "January 2015 (day not recorded)" in page and "4 July 2016 – 5 July 2016" in page
    assert "Online" not in page  # where the seeds name no place, none is shown
