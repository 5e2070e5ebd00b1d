"""The code's own conventions, checked: each rule of the Terms of Reference is one function citing its clause,
with a test named after it."""

import ast
from pathlib import Path

import icat

PACKAGE = Path(icat.__file__).parent


def rule_functions():
    for module in sorted(PACKAGE.glob("*/rules.py")):
        tree = ast.parse(module.read_text())
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                yield module.parent.name, node.name, ast.get_docstring(node) or ""


def test_every_rule_cites_its_clause():
    missing = [f"{app}.{name}" for app, name, doc in rule_functions() if "ToR" not in doc]
    assert not missing, f"rules without a ToR clause in their docstring: {missing}"


def test_every_rule_has_a_test_named_after_it():
    test_sources = "\n".join(path.read_text() for path in PACKAGE.glob("*/tests/test_*.py"))
    missing = [f"{app}.{name}" for app, name, _ in rule_functions() if f"def test_{name}" not in test_sources]
    assert not missing, f"rules without a test named after them: {missing}"
