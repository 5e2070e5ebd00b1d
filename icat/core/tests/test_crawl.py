"""Follow every link a person can see, from the home page, as the public and as the secretariat: with ICAT's
reference data loaded, no page answers with a server error or a broken link."""

import re
from collections import deque
from io import StringIO
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command

LINK = re.compile(r'href="([^"#]+)"')
SKIP = ("/admin/", "/static/", "/media/", "/api/docs", "/i18n/")


def crawl(client, limit=400):
    seen, queue, problems = set(), deque(["/"]), {}
    while queue and len(seen) < limit:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code >= 500 or response.status_code == 404:
            problems[path] = response.status_code
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for href in LINK.findall(response.content.decode()):
            target = urlsplit(urljoin(path, href.replace("&amp;", "&")))
            if target.netloc or target.scheme in ("mailto", "tel") or target.path.startswith(SKIP):
                continue
            queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return seen, problems


@pytest.fixture
def reference_data(db):
    call_command("load_reference", stdout=StringIO())


@pytest.mark.parametrize("who", ["anonymous", "secretariat"])
def test_every_linked_page_answers(client, reference_data, secretariat_user, who):
    if who == "secretariat":
        client.force_login(secretariat_user)
    seen, problems = crawl(client)
    assert len(seen) > 40
    assert problems == {}
