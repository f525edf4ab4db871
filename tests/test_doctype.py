"""The remiss answer is reached only through the document-type protocol: no module of remissgen
but `doctype.py` (and the remiss answer's own folder) imports `remissgen.remissvar`, so that a
second kind of tjänsteutlåtande is one more folder and one line in `doctype.get`."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "remissgen"


def _module(path: Path) -> list[str]:
    """Return the dotted name of the module at `path` as parts (a package's __init__ too)."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def imported(path: Path, source: str | None = None) -> set[str]:
    """Return every module `path` (or `source` as if it were at `path`) imports, relative
    imports resolved, wherever in the module the import stands."""
    here = _module(path)
    package = here if path.name == "__init__.py" else here[:-1]
    found: set[str] = set()
    text = path.read_text(encoding="utf-8") if source is None else source
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.add(module)
            found |= {f"{module}.{alias.name}" for alias in node.names}
    return found


def _reaches_remissvar(path: Path, source: str | None = None) -> list[str]:
    return sorted(m for m in imported(path, source)
                  if m == "remissgen.remissvar" or m.startswith("remissgen.remissvar."))


def test_only_doctype_imports_the_remiss_answer() -> None:
    allowed = {PACKAGE / "doctype.py"}
    offenders = {str(p.relative_to(ROOT)): _reaches_remissvar(p)
                 for p in sorted(PACKAGE.rglob("*.py"))
                 if p not in allowed and PACKAGE / "remissvar" not in p.parents}
    assert {name: found for name, found in offenders.items() if found} == {}


def test_the_scan_sees_every_way_of_importing() -> None:
    # The check must not pass by missing an import: relative, absolute, inside a function
    # and under TYPE_CHECKING are all seen.
    for where, source in ((PACKAGE / "word" / "x.py", "from ..remissvar import compose\n"),
                          (PACKAGE / "x.py", "import remissgen.remissvar.spec\n"),
                          (PACKAGE / "x.py", "def f():\n    from .remissvar.model import Case\n"),
                          (PACKAGE / "word" / "__init__.py",
                           "if TYPE_CHECKING:\n    from .. import remissvar\n")):
        assert _reaches_remissvar(where, source), source
    assert not _reaches_remissvar(PACKAGE / "word" / "x.py", "from .. import doctype\n")
    assert not _reaches_remissvar(PACKAGE / "validate.py")


def test_the_protocol_gives_what_the_other_modules_ask_for() -> None:
    from remissgen import doctype, fields
    from remissgen.remissvar import DOCUMENT

    kind = doctype.get()
    assert kind is DOCUMENT
    assert isinstance(kind.fields, fields.Field) and kind.fields.child("remiss") is not None
    assert "beredning_mening" in kind.derived and kind.example_day == "2025-01-30"
    assert set(kind.review_rules) <= set(kind.rule_names)
    assert "motstridig-ståndpunkt" in kind.review_rules
    assert "FYLL I" in kind.placeholders
    assert kind.phrases().etikett_handläggare()
