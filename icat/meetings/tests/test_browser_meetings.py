"""In chromium: the secretariat schedules a Working Group meeting, the partner's focal point sees it as an
observer, attendance is recorded, and the member's profile then shows voting rights (ToR 3.B.7, 3.F.2)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_working_group_meeting_from_schedule_to_voting_rights(
    page, secretariat_user, partner_focal_point, member_focal_point, member_org, partner_org
):
    # The meeting is under way: it started an hour ago, so attendance can be recorded today.
    start = timezone.now().replace(second=0, microsecond=0) - timedelta(hours=1)
    sign_in(page, secretariat_user)
    page.goto("/meetings/")
    page.get_by_role("link", name="Schedule a meeting").click()
    page.get_by_label("Kind").select_option("working_group")
    page.get_by_label("Title").fill("Working Group meeting on the work plan")
    page.get_by_label("Starts (local time)").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Ends (local time)").fill((start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Time zone").select_option("UTC")
    page.get_by_label("Place").fill("Vienna International Centre")
    page.get_by_label("Visibility").select_option("working_group")
    page.screenshot_as("1-secretariat-schedules")
    page.get_by_role("button", name="Schedule").click()
    page.get_by_role("heading", name="Working Group meeting on the work plan").wait_for()
    invited = page.locator("ul.invitees")
    assert "MEM" in invited.inner_text() and "Participant" in invited.inner_text()
    assert "PAR" in invited.inner_text() and "Observer (non-voting)" in invited.inner_text()
    meeting_url = page.url
    sign_out(page)

    sign_in(page, partner_focal_point)
    page.goto("/meetings/")
    page.get_by_role("link", name="Working Group meeting on the work plan").click()
    page.get_by_role("heading", name="PAR is invited as Observer (non-voting)").wait_for()
    page.screenshot_as("2-partner-sees-it-as-observer")
    page.get_by_role("link", name="Answer who will attend").click()
    page.get_by_role("radio", name="Will attend", exact=True).check()
    page.get_by_role("textbox", name="Who will attend").fill("P. Observer, programme officer")
    page.get_by_role("button", name="Send the answer").click()
    assert "Will attend: P. Observer" in page.locator("ul.invitees").inner_text()
    sign_out(page)

    sign_in(page, secretariat_user)
    page.goto(meeting_url)
    page.get_by_role("link", name="Record attendance").click()
    page.get_by_role("group", name="Presence of MEM").get_by_label("Present").check()
    page.get_by_label("Who attended for MEM").fill("M. Delegate")
    page.get_by_role("group", name="Presence of PAR").get_by_label("Present").check()
    page.screenshot_as("3-attendance-form")
    page.get_by_role("button", name="Save attendance").click()
    attendance = page.locator("section[aria-labelledby=attendance-title]")
    assert "M. Delegate" in attendance.inner_text()
    page.screenshot_as("4-meeting-with-attendance")

    page.goto(f"/organizations/{member_org.slug}/")
    today = timezone.localdate()
    section = page.locator("section.participation")
    assert f"Voting rights since {today.day} {today:%B %Y}" in section.inner_text()
    page.screenshot_as("5-member-profile-voting-rights")
    page.goto(f"/organizations/{partner_org.slug}/")
    assert "No voting rights today" in page.locator("section.participation").inner_text()


def test_visitor_sees_icat_history_and_the_london_meeting(page):
    from icat import policy
    from icat.core.reference import Report
    from icat.meetings import reference

    reference.load(policy.system_actor("tests"), Report())
    page.goto("/meetings/")
    past = page.locator("section[aria-labelledby=past-title]")
    assert "January 2015 (day not recorded)" in past.inner_text()
    page.screenshot_as("1-past-meetings")
    page.get_by_role("link", name="First Meeting of Principals (Heads of ICAT Organizations)").click()
    page.get_by_role("heading", name="First Meeting of Principals (Heads of ICAT Organizations)").wait_for()
    assert "10 decisions" in page.locator("main").inner_text()
    page.screenshot_as("2-london-2018")
