"""The whole membership path in chromium: an organization applies, the secretariat assesses, the Chair
introduces it and circulates a written procedure, a member objects then withdraws, the deadline passes,
the Chair confirms, the record page shows it and the organization appears on the public Members page."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from conftest import sign_in
from icat.meetings import services as meeting_services
from icat.meetings.models import Meeting

pytestmark = pytest.mark.browser


@pytest.fixture
def coming_meeting(system, clock):
    start = (clock.now + timedelta(days=20)).replace(tzinfo=UTC)
    return meeting_services.schedule_meeting(
        system,
        kind=Meeting.Kind.WORKING_GROUP,
        title="Working Group, spring",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        time_zone="UTC",
    )


def field(page, label):
    """The input labelled exactly ``label`` (Django adds a colon after field labels)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_membership_path_through_a_written_procedure(
    page,
    voting_orgs,
    chair_focal_point,
    member_focal_point,
    secretariat_user,
    coming_meeting,
    clock,
):
    # The procedure runs from four days ago, so its deadline has passed by today, when the Chair confirms.
    clock.advance(days=-4)

    # 1. An organization applies on the public form.
    page.goto("/decisions/apply/")
    field(page, "Organization").fill("Regional Organization for Migration")
    field(page, "Acronym").fill("ROM")
    field(page, "Member").check()
    field(page, "The organization is intergovernmental").check()
    field(page, "Regional").check()
    field(page, "Its mandate or statute addresses trafficking in persons").check()
    field(page, "Mandate").fill("Protects migrants and counters trafficking in persons.")
    field(page, "Excerpt of the statute").fill("Article 2: the Organization combats trafficking in persons.")
    field(page, "Contact person (future focal point)").fill("Amina Diallo")
    field(page, "Contact e-mail").fill("amina@rom.example.org")
    page.screenshot_as("01-application-form")
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_text("Received, awaiting the secretariat's assessment")).to_be_visible()
    status_url = page.url
    page.screenshot_as("02-application-status")

    # 2. The secretariat checks the criteria and records its assessment.
    sign_in(page, secretariat_user)
    page.goto("/decisions/applications/")
    page.get_by_role("link", name="Regional Organization for Migration").click()
    field(page, "Kind (as verified)").select_option("intergovernmental")
    field(page, "Reach (as verified)").select_option("regional")
    field(page, "The statute addresses trafficking in persons (ToR 3.A.4 b)").check()
    field(page, "Assessment").fill(
        "Intergovernmental, regional; statute art. 2 covers trafficking in persons."
    )
    page.get_by_role("button", name="Record the assessment").click()
    expect(page.get_by_text("Assessed, awaiting the Working Group")).to_be_visible()
    sign_out(page)

    # 3. The Chair introduces it at the next Working Group meeting, then circulates the decision in writing.
    sign_in(page, chair_focal_point)
    page.goto("/decisions/applications/")
    page.get_by_role("link", name="Regional Organization for Migration").click()
    field(page, "Working Group meeting").select_option(label=str(coming_meeting))
    page.get_by_role("button", name="Put it on the agenda").click()
    expect(page.get_by_text("Introduced by the Chair")).to_be_visible()
    page.get_by_role("link", name="Circulate the decision in writing").click()
    deadline = clock.now + timedelta(days=3)
    field(page, "Deadline").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    page.screenshot_as("03-chair-circulates")
    page.get_by_role("button", name="Circulate").click()
    expect(page.get_by_text("The proposal is circulated.")).to_be_visible()
    proposal_url = page.url
    sign_out(page)

    # 4. A member's focal point objects, then withdraws the objection.
    sign_in(page, member_focal_point)
    page.goto("/decisions/consultations/")
    expect(page.get_by_text("not yet answered")).to_be_visible()
    page.get_by_role("link", name=re.compile("Regional Organization for Migration")).first.click()
    expect(page.get_by_role("heading", name="What each stance means")).to_be_visible()
    field(page, "Objection").check()
    field(page, "Reason (required for an objection)").fill("Please confirm the statute excerpt.")
    page.get_by_role("button", name="Record the stance").click()
    expect(page.get_by_text("1 objection stands: no consensus yet.")).to_be_visible()
    page.screenshot_as("04-member-objects")
    field(page, "Why (optional)").fill("The secretariat sent the full statute.")
    page.get_by_role("button", name="Withdraw the objection").click()
    expect(page.get_by_text("The objection is withdrawn.")).to_be_visible()
    expect(page.locator("#stances")).to_contain_text("Objection withdrawn")
    sign_out(page)

    # 5. The deadline passes; the Chair confirms; the record page shows it.
    clock.now = datetime.now(UTC)
    assert clock.now > deadline
    sign_in(page, chair_focal_point)
    page.goto(proposal_url)
    page.get_by_role("button", name="Confirm adoption by consensus").click()
    expect(page.get_by_role("heading", name=re.compile(r"ICAT.WG.\d{4}.01"))).to_be_visible()
    expect(page.get_by_text("Adopted by consensus, confirmed by")).to_be_visible()
    page.screenshot_as("05-decision-record")
    page.get_by_role("link", name="Decisions", exact=True).first.click()
    expect(page.locator("#records")).to_contain_text("Regional Organization for Migration")
    page.screenshot_as("06-records-list")

    # 6. The organization appears on the public Members page; the applicant sees the outcome.
    sign_out(page)
    page.goto("/organizations/?status=member")
    expect(page.locator("#organizations")).to_contain_text("Regional Organization for Migration")
    page.screenshot_as("07-members-page")
    page.goto(status_url)
    expect(page.get_by_text("Accepted by consensus")).to_be_visible()
