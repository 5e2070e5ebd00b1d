"""Fixtures shared by every app's tests: organizations in each standing and a person in each role."""

import os
from datetime import date

import pytest

from icat import policy
from icat.accounts.tests.factories import UserFactory
from icat.orgs import services as org_services
from icat.orgs.models import Organization
from icat.orgs.tests.factories import OrganizationFactory

SYSTEM = policy.system_actor("tests")
SINCE = date(2020, 1, 1)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 is deliberately slow; tests that are not about hashing use a fast hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def system():
    return SYSTEM


def make_organization(*, status=None, working_group=False, chair=False, since=SINCE, **fields) -> Organization:
    """An organization with a status from ``since``; in the Working Group and/or Chair if asked."""
    organization = OrganizationFactory(**fields)
    if status:
        org_services.change_status(SYSTEM, organization, status, on=since, source="test")
    if working_group:
        org_services.join_working_group(SYSTEM, organization, on=since, interest_confirmed_on=since, source="test")
    if chair:
        org_services.record_chairmanship(SYSTEM, organization, valid_from=since, valid_to=None, source="test")
    return organization


def make_focal_point(organization, **fields):
    person = UserFactory(**fields)
    org_services.designate_focal_point(SYSTEM, organization, person, on=SINCE)
    return person


@pytest.fixture
def organization_factory(db):
    return make_organization


@pytest.fixture
def focal_point_factory(db):
    return make_focal_point


@pytest.fixture
def member_org(db):
    return make_organization(status="member", working_group=True, name="Member Organization", acronym="MEM")


@pytest.fixture
def other_member_org(db):
    return make_organization(status="member", working_group=True, name="Second Member", acronym="SEC")


@pytest.fixture
def member_outside_wg_org(db):
    return make_organization(status="member", name="Member Outside the Working Group", acronym="MOW")


@pytest.fixture
def partner_org(db):
    return make_organization(status="partner", kind="intergovernmental", scope="regional",
                             name="Partner Organization", acronym="PAR")


@pytest.fixture
def chair_org(db):
    return make_organization(status="member", working_group=True, chair=True, name="Chairing Organization",
                             acronym="CHA")


@pytest.fixture
def visitor(db):
    return UserFactory(username="visitor")


@pytest.fixture
def secretariat_user(db):
    return UserFactory(username="secretariat-officer", is_secretariat=True)


@pytest.fixture
def member_focal_point(member_org):
    return make_focal_point(member_org, username="member-fp")


@pytest.fixture
def member_outside_wg_focal_point(member_outside_wg_org):
    return make_focal_point(member_outside_wg_org, username="member-outside-fp")


@pytest.fixture
def partner_focal_point(partner_org):
    return make_focal_point(partner_org, username="partner-fp")


@pytest.fixture
def chair_focal_point(chair_org):
    return make_focal_point(chair_org, username="chair-fp")


@pytest.fixture
def role_users(visitor, secretariat_user, member_focal_point, member_outside_wg_focal_point, partner_focal_point,
               chair_focal_point):
    """One person per role, by name, for the role matrices: the anonymous public is ``None``."""
    return {
        "anonymous": None,
        "visitor": visitor,
        "member": member_outside_wg_focal_point,
        "wg_member": member_focal_point,
        "partner": partner_focal_point,
        "chair": chair_focal_point,
        "secretariat": secretariat_user,
    }


# --- Browser tests: Playwright driving Debian's chromium, never a browser of its own ------------------
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic", "--no-first-run"]
RESULTS_DIR = os.path.join(os.path.dirname(__file__), "test-results")


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server, request):
    """A fresh browser tab on the live server; ``page.screenshot_as(name)`` saves under test-results/<test>/."""
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    folder = os.path.join(RESULTS_DIR, request.node.name.replace("/", "_"))

    def screenshot_as(name: str) -> str:
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, f"{name}.png")
        tab.screenshot(path=path, full_page=True)
        return path

    tab.screenshot_as = screenshot_as
    yield tab
    context.close()


def sign_in(page, user, password=None):
    """Sign in through the real login form."""
    from icat.accounts.tests.factories import TEST_PASSWORD

    page.goto("/accounts/login/")
    page.get_by_label("User name").fill(user.username)
    page.get_by_label("Password").fill(password or TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/")


ACCESSIBILITY_PROBLEMS_JS = """
() => {
  const problems = [];
  if (!document.documentElement.lang) problems.push("html has no lang");
  if (document.querySelectorAll("main").length !== 1) problems.push("not exactly one main landmark");
  if (document.querySelectorAll("h1").length !== 1) problems.push("not exactly one h1");
  let previous = 0;
  for (const heading of document.querySelectorAll("main h1, main h2, main h3, main h4, main h5, main h6")) {
    const level = Number(heading.tagName[1]);
    if (previous && level > previous + 1) {
      problems.push(`heading level skips to ${heading.tagName}: ${heading.textContent.trim()}`);
    }
    previous = level;
  }
  for (const control of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
    const labelled = control.labels?.length || control.getAttribute("aria-label")
      || control.getAttribute("aria-labelledby");
    if (!labelled) problems.push(`unlabelled ${control.tagName.toLowerCase()} ${control.name || control.id}`);
  }
  for (const image of document.querySelectorAll("img")) {
    if (!image.hasAttribute("alt")) problems.push(`image without alt: ${image.src}`);
  }
  for (const link of document.querySelectorAll("a, button")) {
    const name = (link.textContent || "").trim() || link.getAttribute("aria-label")
      || link.querySelector("img[alt]")?.alt;
    if (!name && link.offsetParent !== null) problems.push(`${link.tagName.toLowerCase()} without a name`);
  }
  if (document.documentElement.scrollWidth > window.innerWidth + 1) {
    problems.push(`page is ${document.documentElement.scrollWidth}px wide on a ${window.innerWidth}px screen`);
  }
  return problems;
}
"""


def accessibility_problems(page) -> list[str]:
    """Structural accessibility checks on the page as rendered: language, landmarks, one h1, heading order,
    labelled controls, alt text, named links and buttons, and no sideways scrolling."""
    return page.evaluate(ACCESSIBILITY_PROBLEMS_JS)
