"""Loading the group's reference data: each app may have a ``reference.py`` with ``load(actor, report)``.

``load_reference`` calls them in ``INSTALLED_APPS`` order (organizations before meetings before
products), as the system actor, inside one transaction; every loader writes only what differs from
its data file, so running it twice changes nothing.
"""

import json
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings


def read_json(name: str):
    with open(settings.REFERENCE_DATA_DIR / name, encoding="utf-8") as handle:
        return json.load(handle)


def loaders():
    for config in apps.get_app_configs():
        module_name = f"{config.name}.reference"
        if config.name.startswith("icat.") and find_spec(module_name) is not None:
            module = import_module(module_name)
            if hasattr(module, "load"):
                yield config.label, module.load


class Report:
    """Counts of what a load created, changed and left as it was, per kind of record."""

    def __init__(self):
        self.counts: dict[str, dict[str, int]] = {}

    def add(self, kind: str, outcome: str, number: int = 1):
        self.counts.setdefault(kind, {"created": 0, "updated": 0, "unchanged": 0})[outcome] += number

    @property
    def changed(self) -> bool:
        return any(count["created"] or count["updated"] for count in self.counts.values())

    def lines(self):
        for kind, count in self.counts.items():
            yield f"{kind}: {count['created']} created, {count['updated']} updated, {count['unchanged']} unchanged"
