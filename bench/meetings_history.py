"""Twenty years of meetings: 40 organizations, 1,000 Working Group meetings, 30,000 attendance rows.

Prints how long the participation and voting-rights queries take for all organizations, and how many SQL
queries each meeting and profile page runs at that size. Runs in a throwaway test database:

    .venv/bin/python bench/meetings_history.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/icat_meetings .venv/bin/python bench/meetings_history.py
"""

import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "icat.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

ORGANIZATIONS, MEETINGS, PER_MEETING = 40, 1000, 30
FIRST_DAY, EVERY_DAYS = date(2006, 9, 1), 7
TODAY = date(2026, 1, 1)


def timed(label, function, repeat=3):
    best = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    print(f"{label:<62} {best * 1000:9.1f} ms")
    return result


def build():
    from icat import policy
    from icat.meetings.tests.factories import bulk_history
    from icat.orgs import services as org_services
    from icat.orgs.tests.factories import OrganizationFactory

    system = policy.system_actor("bench")
    organizations = []
    for number in range(ORGANIZATIONS):
        organization = OrganizationFactory(name=f"Bench organization {number}", acronym=f"BEN{number}")
        org_services.change_status(system, organization, "member", on=FIRST_DAY)
        org_services.join_working_group(system, organization, on=FIRST_DAY, interest_confirmed_on=FIRST_DAY)
        organizations.append(organization)
    bulk_history(
        organizations, meetings=MEETINGS, first_day=FIRST_DAY, every_days=EVERY_DAYS, per_meeting=PER_MEETING
    )
    return organizations


def main():
    from icat.meetings import queries
    from icat.meetings.models import Attendance, Meeting

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        started = time.perf_counter()
        organizations = build()
        with connection.cursor() as cursor:  # fresh statistics, as autovacuum would keep them
            cursor.execute("ANALYZE")
        print(
            f"built {Meeting.objects.count()} meetings, {Attendance.objects.count()} attendance rows, "
            f"{len(organizations)} organizations in {time.perf_counter() - started:.1f} s "
            f"on {connection.vendor}"
        )
        timed("voting_organizations(today), one query", lambda: list(queries.voting_organizations(TODAY)))
        timed(
            "has_voting_rights for each of 40 organizations",
            lambda: [queries.has_voting_rights(org, TODAY) for org in organizations],
        )
        timed(
            "participation_of_all over 20 years, two queries",
            lambda: queries.participation_of_all(FIRST_DAY, TODAY),
        )
        timed(
            "participation(org, 20 years) for each of 40 organizations",
            lambda: [queries.participation(org, FIRST_DAY, TODAY) for org in organizations],
        )
        timed(
            "is_active_and_regular for each of 40 organizations",
            lambda: [queries.is_active_and_regular(org, TODAY) for org in organizations],
        )
        timed(
            "participation_record (profile section) for each of 40",
            lambda: [queries.participation_record(org, TODAY) for org in organizations],
        )

        client = Client()
        meeting = Meeting.objects.order_by("-starts_at").first()
        Meeting.objects.filter(pk=meeting.pk).update(visibility="public")
        pages = {
            "meetings list": "/meetings/",
            "meetings list, page 20 of the past": "/meetings/?page=20",
            "meeting page (30 invitees, attendance, minutes)": f"/meetings/{meeting.pk}/",
            "organization profile with participation": f"/organizations/{organizations[0].slug}/",
            "participation record page": f"/meetings/participation/{organizations[0].slug}/",
            "API: participation": f"/api/meetings/participation/{organizations[0].slug}",
            "API: voting rights": "/api/meetings/voting-rights",
            "API: meetings list": "/api/meetings/?limit=100",
        }
        client.get("/meetings/")  # warm up: templates and URL resolvers load on the first request
        print()
        print(f"{'page':<52} {'queries':>8} {'time':>10}")
        for label, url in pages.items():
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                status = client.get(url).status_code
                elapsed = time.perf_counter() - started
            assert status == 200, (url, status)
            print(f"{label:<52} {len(captured.captured_queries):>8} {elapsed * 1000:8.1f} ms")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
