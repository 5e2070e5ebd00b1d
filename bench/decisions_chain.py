"""Decisions at scale: circulate a written procedure to 40 organizations with voting rights, record their 40
stances and confirm it; then verify a chain of 10,000 decision records. Runs in a throwaway test database:

    .venv/bin/python bench/decisions_chain.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/icat_decisions .venv/bin/python bench/decisions_chain.py
"""

import os
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "icat.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

ORGANIZATIONS, CHAIN = 40, 10_000
SINCE = date(2020, 1, 1)


def timed(label, function):
    started = time.perf_counter()
    result = function()
    print(f"{label:<66} {(time.perf_counter() - started) * 1000:9.1f} ms")
    return result


def build_voters():
    from icat import policy
    from icat.accounts.models import User
    from icat.meetings.tests.factories import held_working_group_meeting
    from icat.orgs import services as org_services
    from icat.orgs.tests.factories import OrganizationFactory

    system = policy.system_actor("bench")
    organizations, people = [], []
    for number in range(ORGANIZATIONS):
        organization = OrganizationFactory(name=f"Bench organization {number}", acronym=f"BEN{number}")
        org_services.change_status(system, organization, "member", on=SINCE)
        org_services.join_working_group(system, organization, on=SINCE, interest_confirmed_on=SINCE)
        person = User(username=f"bench-fp-{number}", email=f"fp{number}@example.org")
        person.set_unusable_password()
        person.save()
        org_services.designate_focal_point(system, organization, person, on=SINCE)
        organizations.append(organization)
        people.append(person)
    org_services.record_chairmanship(system, organizations[0], valid_from=SINCE, valid_to=None)
    held_working_group_meeting(date(2021, 3, 1), present=organizations)
    return organizations, people


def build_chain():
    """10,000 records appended the way ``_append_record`` does, hashed one after the other (bulk insert)."""
    from icat.decisions.models import DecisionRecord, Proposal

    start = datetime(2000, 1, 1, tzinfo=UTC)
    proposals = Proposal.objects.bulk_create(
        Proposal(
            title=f"Decision {n}",
            procedure="meeting",
            state="adopted",
            called_at=start,
            proposed_by_label="bench",
        )
        for n in range(CHAIN)
    )
    previous, records = "", []
    for position, proposal in enumerate(proposals, start=1):
        year = 2000 + position // 500
        record = DecisionRecord(
            proposal=proposal,
            position=position,
            number=f"ICAT/WG/{year}/{position % 500 + 1:02d}",
            year=year,
            sequence=position % 500 + 1,
            title=proposal.title,
            text="The Working Group decides.",
            version_number=1,
            procedure="meeting",
            called_at=start,
            confirmed_at=start + timedelta(hours=position),
            confirmed_by_label="bench",
            previous_hash=previous,
            content={
                "voting_organizations": [],
                "stances": [],
                "comments": [],
                "versions": [],
                "confirmation": {"by": "bench", "for": "", "at": start.isoformat()},
            },
        )
        record.hash = record.computed_hash()
        previous = record.hash
        records.append(record)
    DecisionRecord.objects.bulk_create(records, batch_size=1000)


def main():
    from icat.decisions import services
    from icat.decisions.chain import verify_chain

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        organizations, people = build_voters()
        print(f"{ORGANIZATIONS} organizations with voting rights, on {connection.vendor}")
        proposal = timed(
            "circulate_in_writing to 40 organizations (voters, e-mail, audit)",
            lambda: services.circulate_in_writing(
                people[0],
                title="Bench",
                text="The Working Group decides.",
                deadline=services.current_time() + timedelta(days=7),
            ),
        )
        timed(
            'record 40 stances ("no objection"), one per organization',
            lambda: [
                services.record_stance(person, proposal, organization=organization, position="no_objection")
                for person, organization in zip(people, organizations, strict=True)
            ],
        )
        timed(
            "confirm_adoption (record with 40 stances, outcome e-mail)",
            lambda: services.confirm_adoption(people[0], proposal),
        )
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM decisions_decisionrecord")
        timed(f"build a chain of {CHAIN:,} records (bulk insert, not the service)", build_chain)
        report = timed(f"verify_chain over {CHAIN:,} records", verify_chain)
        assert report.intact and report.checked == CHAIN, report
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
