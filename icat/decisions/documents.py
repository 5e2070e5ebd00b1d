"""The decision record as a page and as a PDF. The PDF is rendered by WeasyPrint from HTML that refers
to nothing outside itself (styles inline, no images or links to fetch); the fetcher refuses any URL."""

from datetime import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .models import Position


def record_context(record, *, show_who: bool) -> dict:
    content = record.content
    labels = dict(Position.choices)
    stances = [
        {**row, "position_label": labels.get(row["position"], row["position"])} for row in content["stances"]
    ]
    return {
        "record": record,
        "voting_organizations": content["voting_organizations"],
        "stances": stances,
        "comments": [_dated(row) for row in content["comments"]],
        "versions": [_dated(row) for row in content["versions"]],
        "confirmation": content["confirmation"],
        "show_who": show_who,
        "GROUP_NAME": settings.GROUP_NAME,
        "GROUP_SHORT_NAME": settings.GROUP_SHORT_NAME,
    }


def _dated(row: dict) -> dict:
    """The record keeps times as ISO 8601 text; pages show them as times in the viewer's time zone."""
    dated = dict(row)
    for name in ("at", "message_received_at"):
        if dated.get(name):
            dated[name] = datetime.fromisoformat(dated[name])
    return dated


def refuse_external(url, *args, **kwargs):
    raise ValueError(_("The record's PDF refers to nothing outside itself: %(url)s") % {"url": url})


def record_html(record) -> str:
    return render_to_string("decisions/record_pdf.html", record_context(record, show_who=True))


def record_pdf(record) -> bytes:
    from weasyprint import HTML

    return HTML(string=record_html(record), base_url=None, url_fetcher=refuse_external).write_pdf()
