"""The index of the Terms of Reference's rules in the code, written to docs/rules.md.

Every public function of an app's ``rules.py`` is one rule; its docstring begins with the clause it
enforces. ``python -m icat.core.rules_index`` rewrites the document; a test keeps it current."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
DOCUMENT = PACKAGE.parent / "docs" / "rules.md"

HEADER = """# The Terms of Reference, rule by rule

Each rule the platform enforces is one function in an app's `rules.py`, whose docstring cites its clause, with a
test named after it (`test_<function>`); `icat/core/tests/test_conventions.py` fails when either is missing or
when this page is out of date. Regenerate it with `python -m icat.core.rules_index`.

Permissions (who may do what) are rules too: they are registered in `icat/policy.py`, each with a denial message
citing its clause, and each app's role-matrix test proves them. Voting rights (ToR 3.B.7) and "active and
regular participation" (ToR 3.D.1, 3.E.3) are computed in `icat/meetings/queries.py`.

| app | rule | what the Terms of Reference say |
|---|---|---|
"""


def rule_functions():
    """(app, function name, docstring) for every rule, in a stable order."""
    for module in sorted(PACKAGE.glob("*/rules.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                yield module.parent.name, node.name, " ".join((ast.get_docstring(node) or "").split())


def document() -> str:
    rows = [f"| {app} | `{name}` | {doc.replace('|', '/')} |" for app, name, doc in rule_functions()]
    return HEADER + "\n".join(rows) + "\n"


if __name__ == "__main__":
    DOCUMENT.write_text(document(), encoding="utf-8")
    print(f"wrote {DOCUMENT}")
