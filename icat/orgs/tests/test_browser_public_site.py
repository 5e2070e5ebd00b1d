"""A visitor's and the secretariat's first steps on the public site, in Debian's chromium."""

import pytest
from django.core.management import call_command

from conftest import accessibility_problems

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_credentials(settings, tmp_path, transactional_db):
    settings.VAR_DIR = tmp_path
    call_command("load_reference", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("ensure_demo_account", stdout=open("/dev/null", "w"))  # noqa: SIM115
    username, password = (tmp_path / "demo-credentials.txt").read_text().split()
    return username, password


def test_visitor_finds_a_partner_then_the_secretariat_signs_in(page, demo_credentials):
    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Inter-Agency Coordination Group against Trafficking in Persons")
    assert "Co-Chairs 2021" in page.locator("#chair ~ p").first.inner_text()
    page.screenshot_as("home")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Members and partners").click()
    page.wait_for_url("**/organizations/")
    assert page.get_by_role("heading", name="Members and partners").is_visible()
    page.get_by_label("Status").select_option("partner")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**status=partner**")
    rows = page.locator("#organizations tbody tr")
    assert rows.count() == 2
    assert "Organization for Security and Co-operation in Europe" in rows.all_inner_texts()[1]
    page.screenshot_as("members-filtered-to-partners")

    page.get_by_role("link", name="Organization for Security and Co-operation in Europe").click()
    page.wait_for_url("**/organizations/osce/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Organization for Security")
    assert page.get_by_text("Partner", exact=True).first.is_visible()
    assert "2019 — Co-Chair" in page.locator("main").inner_text()
    assert "visible to signed-in focal points" in page.locator("aside").inner_text()
    page.screenshot_as("partner-profile")

    username, password = demo_credentials
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/")
    assert "Secretariat: keeps the records" in page.locator("main").inner_text()
    page.get_by_role("link", name="Audit trail").click()
    assert page.get_by_role("heading", name="Audit trail").is_visible()
    # Other apps' reference data (e.g. the library's catalogue) fill the first page: filter by action.
    page.get_by_label("Action starts with").fill("orgs.")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**action=orgs.**")
    assert "orgs.record_chairmanship" in page.locator("table").inner_text()
    page.screenshot_as("secretariat-audit-trail")


PUBLIC_PATHS = ["/", "/about/", "/about/terms-of-reference/", "/organizations/", "/organizations/unodc/",
                "/organizations/working-group/", "/organizations/chairs/", "/contact/", "/accounts/login/"]


@pytest.mark.parametrize("width", [1280, 390])
def test_public_pages_pass_the_structural_accessibility_checks(page, demo_credentials, width):
    page.set_viewport_size({"width": width, "height": 900})
    problems = {}
    for path in PUBLIC_PATHS:
        page.goto(path)
        problems[path] = accessibility_problems(page)
    assert problems == {path: [] for path in PUBLIC_PATHS}


def test_members_page_on_a_phone_has_a_menu(page, demo_credentials):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/organizations/?kind=intergovernmental")
    assert not page.get_by_role("navigation", name="Main").is_visible()
    page.get_by_role("button", name="Menu").click()
    assert page.get_by_role("navigation", name="Main").get_by_role("link", name="Chairs").is_visible()
    page.screenshot_as("members-on-a-phone")
