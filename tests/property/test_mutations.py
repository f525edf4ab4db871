"""Mutated case files: bygg either succeeds or exits 1 with located Swedish problems.

Valid case files (the seed, the starter from `ny`, a small one) are broken at random: keys
deleted, values retyped, garbage inserted, the text truncated, lines dropped or repeated. For
every mutation `bygg` must either build a whole document, or exit 1 with problems in the
`PATH:LINE:COLUMN: fel: ...` form, leave the previous document exactly as it was, and write
nothing else; never a traceback, never exit 5. `kontrollera` must give the same verdict.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from remissgen import scaffold, source
from remissgen.cli import main
from remissgen.remissvar.spec import CASE

from ..conftest import SEED_CASE
from ..test_diagnostics import BASE, parse_problems
from ..test_schema import as_yaml12, emit, tree_paths

VALID = {"seed": SEED_CASE.read_text(encoding="utf-8"), "ny": scaffold.starter("fall.yaml"),
         "bas": BASE}
TREES = {name: as_yaml12(source.parse(text, name).root) for name, text in VALID.items()}


@pytest.fixture(scope="module")
def built_before(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Return a document remissgen built, as the 'previous' output each mutation may replace."""
    folder = tmp_path_factory.mktemp("före")
    case = folder / "fall.yaml"
    case.write_text(BASE, encoding="utf-8")
    code, _, err = _cli("bygg", case, "-o", folder / "fall.docx")
    assert code == 0, err
    return (folder / "fall.docx").read_bytes()


def _cli(*args: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


@contextlib.contextmanager
def _folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def check(case_text: str | bytes, before: bytes) -> int:
    """Build `case_text` over a previous document, assert the contract; return the exit code."""
    with _folder() as folder:
        case = folder / "fall.yaml"
        if isinstance(case_text, bytes):
            case.write_bytes(case_text)
        else:
            case.write_text(case_text, encoding="utf-8", newline="\n")
        out = folder / "fall.docx"
        out.write_bytes(before)
        code, stdout, stderr = _cli("bygg", case, "-o", out)
        assert "Traceback" not in stderr
        assert code in (0, 1), stderr
        assert sorted(p.name for p in folder.iterdir()) == ["fall.docx", "fall.yaml"]
        checked, _, _ = _cli("kontrollera", case)
        assert checked == code, stderr
        if code == 0:
            assert stdout.strip() == str(out)
            with zipfile.ZipFile(out) as built:
                assert built.testzip() is None
                assert b"<w:body>" in built.read("word/document.xml")
            return code
        assert stdout == ""
        assert out.read_bytes() == before
        problems = parse_problems(stderr)
        assert problems, stderr
        assert {p[0] for p in problems} == {str(case)}
        assert all(p[1] >= 1 and p[2] >= 1 for p in problems)
        assert any(": fel: " in line for line in stderr.splitlines())
        return code


# Mutations of the parsed case: delete a key, retype a value, insert a garbage key or item.

GARBAGE_TEXT = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["{{ x }}", "{{ remiss.ärende }", "{% if %}", "{{ ''.__class__ }}",
                     "2021-13-45", "NO", "0712", "1:30", "", " ", "- a", "a: b", "#", "&x",
                     "*x", "'", '"', "\t", "ä" * 3, "{{ sammanträde | långt_datum }}"]),
)
SCALARS = st.one_of(GARBAGE_TEXT, st.integers(), st.booleans(), st.none())
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(GARBAGE_TEXT, inner, max_size=3)),
    max_leaves=5)
KEYS = st.one_of(st.sampled_from([p[-1] for p, _ in CASE.walk()]), GARBAGE_TEXT)


@st.composite
def mutated_trees(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(sorted(TREES)))
    tree = _copy(TREES[name])
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(tree_paths(tree)))
        parent = tree
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["delete", "retype", "insert"]))
        if action == "insert":
            target = parent[path[-1]] if path else tree
            if isinstance(target, dict):
                target[draw(KEYS)] = draw(VALUES)
            elif isinstance(target, list):
                target.insert(draw(st.integers(0, len(target))), draw(VALUES))
        elif path and action == "delete":
            del parent[path[-1]]
        elif path:
            parent[path[-1]] = draw(VALUES)
    return "\n".join(emit(tree)) + "\n"


def _copy(tree: Any) -> Any:
    if isinstance(tree, dict):
        return {k: _copy(v) for k, v in tree.items()}
    if isinstance(tree, list):
        return [_copy(v) for v in tree]
    return tree


# Mutations of the text itself: truncate, insert garbage, drop, repeat or re-indent a line.

@st.composite
def mutated_texts(draw: st.DrawFn) -> str | bytes:
    text = VALID[draw(st.sampled_from(sorted(VALID)))]
    for _ in range(draw(st.integers(1, 3))):
        lines = text.split("\n")
        action = draw(st.sampled_from(["truncate", "insert", "drop", "repeat", "indent",
                                       "encode"]))
        at = draw(st.integers(0, max(0, len(text) - 1)))
        line = draw(st.integers(0, len(lines) - 1))
        if action == "truncate":
            text = text[:at]
        elif action == "insert":
            text = text[:at] + draw(st.one_of(GARBAGE_TEXT, st.sampled_from(
                [":", ": ", "\n", "\n  ", "\n- ", "---\n", "\ufeff", "\x00", "\x1b"]))) + text[at:]
        elif action == "drop":
            text = "\n".join(lines[:line] + lines[line + 1:])
        elif action == "repeat":
            text = "\n".join(lines[:line + 1] + lines[line:])
        elif action == "indent":
            lines[line] = draw(st.sampled_from([" ", "  ", "\t", ""])) + lines[line].lstrip()
            text = "\n".join(lines)
        else:
            return text.encode(draw(st.sampled_from(["latin-1", "cp1252", "utf-16"])),
                               errors="replace")
    return text


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(case=mutated_trees())
def test_mutated_cases_build_or_fail_located(case: str, built_before: bytes) -> None:
    event(f"bygg: {check(case, built_before)}")


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(case=mutated_texts())
def test_mutated_texts_build_or_fail_located(case: str | bytes, built_before: bytes) -> None:
    event(f"bygg: {check(case, built_before)}")


def test_the_valid_cases_build(built_before: bytes) -> None:
    for text in VALID.values():
        assert check(text, built_before) == 0


def test_check_sees_a_failure_as_one(built_before: bytes) -> None:
    """Guard: a broken case really takes the failure branch (the property is not vacuous)."""
    with _folder() as folder:
        case = folder / "fall.yaml"
        case.write_text(BASE.replace("2021-12-16", "2021-13-45"), encoding="utf-8")
        assert _cli("bygg", case, "-o", folder / "fall.docx")[0] == 1
