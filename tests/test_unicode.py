"""Unicode as editors save it: decomposed letters (NFD) are read as composed (NFC), with every
location right, and invisible characters are shown in messages."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

from remissgen.granska import text as t
from remissgen.source import Mapping, Scalar, parse

from .conftest import CASES, Result, body_paragraphs, build


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_decomposed_keys_and_text_build_as_composed(run: Callable[..., Result],
                                                    tmp_path: Path) -> None:
    written = (CASES / "minimal.yaml").read_text(encoding="utf-8")
    written = written.replace("ärendet: Kommunstyrelsen har remitterat förslaget.",
                              "ärendet: Förvaltningen är positiv till förslaget.")
    case = tmp_path / "fall.yaml"
    case.write_text(_nfd(written), encoding="utf-8")
    assert "förvaltning" not in case.read_text(encoding="utf-8")  # really decomposed
    document = build(run, case, tmp_path / "ut.docx")
    paragraphs = body_paragraphs(document)
    assert "Förvaltningen är positiv till förslaget." in paragraphs
    assert all(p == unicodedata.normalize("NFC", p) for p in paragraphs)


def test_a_decomposed_text_is_located_character_by_character() -> None:
    value = "Förvaltningen är\n  positiv till förslaget, även nämnden."
    source = parse(_nfd(f"# först\nv: {value}\n"), "x.yaml")
    assert isinstance(source.root, Mapping)
    node = source.root.get("v")
    assert isinstance(node, Scalar)
    assert node.value == unicodedata.normalize("NFC", " ".join(value.split()))
    lines = t.Lines("x.yaml", source.text)
    file_lines = source.text.split("\n")
    for ch, place in zip(node.value, t.located(lines, node), strict=True):
        if ch.isspace():
            continue
        line = file_lines[place.line - 1]
        at = place.column - 1
        end = at + 1
        while end < len(line) and unicodedata.combining(line[end]):
            end += 1
        assert unicodedata.normalize("NFC", line[at:end]) == ch, (ch, place)


def test_an_invisible_character_in_a_key_is_shown(run: Callable[..., Result],
                                                 tmp_path: Path) -> None:
    written = (CASES / "minimal.yaml").read_text(encoding="utf-8")
    case = tmp_path / "fall.yaml"
    case.write_text(written.replace("förvaltning:", "förvalt\u200bning:", 1), encoding="utf-8")
    result = run("kontrollera", case)
    assert result.code != 0
    assert "okänd nyckel 'förvalt\\u200bning'. Menade du 'förvaltning'?" in result.err
    assert "\u200b" not in result.err
