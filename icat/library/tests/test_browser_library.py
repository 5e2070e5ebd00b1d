"""In chromium: a member drafts an issue brief and uploads its PDF, a partner comments, the Chair
circulates it for sign-off, the voting members raise no objection, the Chair confirms adoption, and a
visitor finds the brief by searching a word that is only inside its PDF."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from conftest import sign_in
from icat.library.models import Product, Theme
from icat.meetings.tests.factories import held_working_group_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WORD_ONLY_IN_THE_PDF = "pangolinarium"


def record_no_objection(page, organization):
    page.get_by_label(re.compile("^For")).first.select_option(label=str(organization))
    page.get_by_label("No objection").check()
    page.get_by_role("button", name="Record the stance").click()
    expect(page.get_by_role("cell", name="No objection").first).to_be_visible()


def switch_to(page, person):
    page.context.clear_cookies()
    sign_in(page, person)


def test_an_issue_brief_from_draft_to_a_visitor_finding_it(
    page,
    member_focal_point,
    partner_focal_point,
    chair_focal_point,
    member_org,
    chair_org,
    pdf_bytes,
    tmp_path,
):
    held_working_group_meeting(date(2021, 3, 1), present=[member_org, chair_org])
    Theme.objects.create(slug="technology", name="Technology")
    pdf = tmp_path / "issue-brief-14.pdf"
    pdf.write_bytes(pdf_bytes(f"Technology and trafficking. The {WORD_ONLY_IN_THE_PDF} appears only here."))

    # A Working Group member drafts the brief and uploads its PDF.
    sign_in(page, member_focal_point)
    page.goto("/library/workspace/")
    page.get_by_role("link", name="Start a draft").click()
    page.get_by_label("Type").select_option("issue_brief")
    page.get_by_label("Issue brief number").fill("14")
    page.get_by_label(re.compile(r"^Title:?$")).fill("Leveraging technology against trafficking")
    page.get_by_label("Summary").fill("How technology can help prevent trafficking in persons.")
    page.get_by_label("Sections").fill("Introduction\nRecommendations")
    page.get_by_label("Technology").check()
    page.screenshot_as("1-member-drafts")
    page.get_by_role("button", name="Create the draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leveraging technology against trafficking")
    page.get_by_role("link", name="Add a language version or file").click()
    page.get_by_label("File (PDF or Word)").set_input_files(str(pdf))
    page.screenshot_as("2-upload-with-progress")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Language version saved.")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"Download PDF"))).to_be_visible()
    page.get_by_role("button", name="Open to consultation").click()
    expect(page.get_by_text("In consultation", exact=True)).to_be_visible()
    product_url = page.url

    # A partner comments on a section.
    switch_to(page, partner_focal_point)
    page.goto(product_url)
    page.get_by_label("Section").select_option("Recommendations")
    page.get_by_label(re.compile(r"^Comment:?$")).fill("Please add a recommendation on online recruitment.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_text("Please add a recommendation on online recruitment.")).to_be_visible()
    page.screenshot_as("3-partner-comments")

    # The Chair circulates it for sign-off in writing.
    switch_to(page, chair_focal_point)
    page.goto(product_url)
    page.get_by_role("link", name="Circulate for sign-off").click()
    page.screenshot_as("4-chair-circulates")
    page.get_by_role("button", name="Circulate for sign-off").click()
    expect(page.get_by_text("Circulated for sign-off by consensus")).to_be_visible()
    page.get_by_role("link", name=re.compile("Sign-off: Leveraging technology")).click()
    proposal_url = page.url
    record_no_objection(page, chair_org)

    # The other voting member raises no objection; the Chair confirms adoption by consensus.
    switch_to(page, member_focal_point)
    page.goto(proposal_url)
    record_no_objection(page, member_org)
    switch_to(page, chair_focal_point)
    page.goto(proposal_url)
    page.get_by_role("button", name="Confirm adoption by consensus").click()
    expect(page.get_by_text("Adopted by consensus").first).to_be_visible()
    page.screenshot_as("5-adopted")
    product = Product.objects.get(series_number=14)
    assert product.state == Product.State.PUBLISHED and product.decision_record is not None

    # A visitor finds it by a word that is only in the PDF.
    page.context.clear_cookies()
    page.goto("/library/")
    page.get_by_role("searchbox", name="Search").fill(WORD_ONLY_IN_THE_PDF)
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("1 product matches")).to_be_visible()
    expect(page.locator(".snippet mark")).to_have_text(WORD_ONLY_IN_THE_PDF)
    page.screenshot_as("6-visitor-finds-it")
    page.get_by_role("link", name="Leveraging technology against trafficking").click()
    expect(page.get_by_text("Adopted by consensus")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("decision record"))).to_be_visible()
    page.screenshot_as("7-published-product")
