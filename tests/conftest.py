"""Shared fixtures: the repo's seed, a runner for the CLI, and readers for built documents."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from hypothesis import settings

from remissgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_CASE = SEEDS / "sociala-foretag.yaml"
CASES = Path(__file__).resolve().parent / "cases"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# Under CI=true the property tests draw the same examples every run and start from no stored
# examples, as a fresh clone does: `CI=true pytest` on a developer's machine is CI's run.
# Elsewhere each run draws new examples, and a failure found is kept and replayed.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")


@dataclass
class Result:
    """What one CLI run returned and printed."""

    code: int
    out: str
    err: str


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Return a function that runs `remissgen ARGS...` in-process and captures its output."""

    def _run(*args: str | Path) -> Result:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


def normalise(text: str) -> str:
    """Return `text` with every run of white space folded to one space, stripped."""
    return re.sub(r"\s+", " ", text).strip()


def body_paragraphs(document: docx.document.Document) -> list[str]:
    """Return the body's paragraphs in reading order, table cells column by column."""
    out = []
    for el in document.element.body.iterchildren():
        if el.tag == f"{W}p":
            out.append("".join(t.text or "" for t in el.iter(f"{W}t")))
        elif el.tag == f"{W}tbl":
            for tc in el.iter(f"{W}tc"):
                for p in tc.iter(f"{W}p"):
                    out.append("".join(t.text or "" for t in p.iter(f"{W}t")))
    return [normalise(p) for p in out]


def column_blocks(document: docx.document.Document) -> list[list[list[str]]]:
    """Return each multi-column section of the body: its columns, each a list of paragraphs.

    A section's paragraphs run up to the one holding its w:sectPr (the last section's sectPr
    is the body's own); a column break starts the next column.
    """
    blocks: list[list[list[str]]] = []
    section: list[docx.oxml.CT_P] = []

    def close(sectpr: object) -> None:
        cols = sectpr.find(f"{W}cols") if sectpr is not None else None  # type: ignore[attr-defined]
        if cols is not None and int(cols.get(f"{W}num", "1")) > 1:
            columns: list[list[str]] = [[]]
            for p in section:
                if columns[-1] and p.find(f".//{W}br[@{W}type='column']") is not None:
                    columns.append([])
                columns[-1].append(normalise("".join(t.text or "" for t in p.iter(f"{W}t"))))
            blocks.append(columns)
        section.clear()

    for el in document.element.body.iterchildren():
        if el.tag == f"{W}sectPr":
            close(el)
        elif el.tag == f"{W}p":
            section.append(el)
            if el.find(f"{W}pPr/{W}sectPr") is not None:
                close(el.find(f"{W}pPr/{W}sectPr"))
    return blocks


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """Return a copy of the seed case file in a fresh folder."""
    target = tmp_path / "sociala-foretag.yaml"
    shutil.copy(SEED_CASE, target)
    return target


def build(run: Callable[..., Result], case: Path, out: Path) -> docx.document.Document:
    """Build `case` to `out` through the CLI, assert success and that the document keeps
    every accessibility rule of tests/accessibility.py, and open it."""
    from .accessibility import check_accessibility

    result = run("bygg", case, "-o", out)
    assert result.code == 0, result.err
    assert result.out.strip() == str(out)
    assert check_accessibility(out) == []
    return docx.Document(str(out))


def make_png(path: Path, width: int = 120, height: int = 40) -> Path:
    """Write a small solid-colour PNG (no real municipality's logo) and return its path."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    row = b"\x00" + b"\x00\x66\xcc" * width
    png = (b"\x89PNG\r\n\x1a\n"
           + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))
    path.write_bytes(png)
    return path


def case_copy(name: str, folder: Path) -> Path:
    """Copy tests/cases/NAME (and a generated logo beside it) into `folder`; return the copy."""
    target = folder / name
    shutil.copy(CASES / name, target)
    make_png(folder / "logotyp.png")
    return target


def changed(old: str, new: str) -> tuple[list[str], list[str]]:
    """Return (removed lines, added lines) between two texts, in order."""
    import difflib

    removed, added = [], []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added
