"""Every public page of every app, with ICAT's reference data, passes the structural accessibility checks
on a desktop and on a phone."""

import pytest
from django.core.management import call_command

from conftest import accessibility_problems

pytestmark = pytest.mark.browser

PUBLIC_PATHS = [
    "/meetings/",
    "/meetings/?kind=principals",
    "/decisions/",
    "/decisions/apply/",
    "/library/",
    "/library/?q=trafficking",
    "/library/?q=trafficing",
    "/library/?type=issue_brief",
]


@pytest.fixture
def reference_data(transactional_db):
    call_command("load_reference", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.parametrize("width", [1280, 390])
def test_public_pages_of_every_app_pass_the_structural_checks(page, reference_data, width):
    from icat.library.models import Product
    from icat.meetings.models import Meeting

    london = Meeting.objects.get(title__icontains="Principals", place__icontains="London")
    toolkit = Product.objects.get(title__icontains="Toolkit")
    paths = [*PUBLIC_PATHS, f"/meetings/{london.pk}/", toolkit.get_absolute_url()]
    page.set_viewport_size({"width": width, "height": 900})
    problems = {}
    for path in paths:
        response = page.goto(path)
        problems[path] = [f"HTTP {response.status}"] if response.status != 200 else accessibility_problems(page)
    assert problems == {path: [] for path in paths}
