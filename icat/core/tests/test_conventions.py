"""The code's own conventions, checked: each rule of the Terms of Reference is one function citing its clause,
with a test named after it, listed in docs/rules.md."""

from pathlib import Path

import icat
from icat.core import rules_index

PACKAGE = Path(icat.__file__).parent


def test_every_rule_cites_its_clause():
    missing = [f"{app}.{name}" for app, name, doc in rules_index.rule_functions() if "ToR" not in doc]
    assert not missing, f"rules without a ToR clause in their docstring: {missing}"


def test_every_rule_has_a_test_named_after_it():
    test_sources = "\n".join(path.read_text() for path in PACKAGE.glob("*/tests/test_*.py"))
    missing = [f"{app}.{name}" for app, name, _ in rules_index.rule_functions()
               if f"def test_{name}" not in test_sources]
    assert not missing, f"rules without a test named after them: {missing}"


def test_the_rules_document_is_current():
    assert rules_index.DOCUMENT.read_text(encoding="utf-8") == rules_index.document(), (
        "docs/rules.md is out of date: run `python -m icat.core.rules_index`")
