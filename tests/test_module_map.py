"""The README's module map ("För utvecklare") names every module and package of remissgen,
and nothing that is not there; each module's docstring says what it takes and gives."""

from __future__ import annotations

import ast
import re

from .conftest import ROOT

PACKAGE = ROOT / "remissgen"


def _map() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Modulkarta", 1)[1].split("\n### ", 1)[0]
    names: set[str] = set()
    for row in re.findall(r"^\| (.+?) \|", section, re.M):
        names |= set(re.findall(r"`([^`]+)`", row))
    return names


def test_the_module_map_names_every_module_and_package() -> None:
    present = {p.stem for p in PACKAGE.glob("*.py")} | {
        f"{p.name}/" for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert _map() == present


def test_every_module_has_a_docstring() -> None:
    missing = [str(p.relative_to(ROOT)) for p in sorted(PACKAGE.rglob("*.py"))
               if not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))]
    assert missing == []
