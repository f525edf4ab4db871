"""remissgen jämför: a Word round trip with python-docx (what changed, brought back with
--för-in, building the edited text again), --tvinga's copy and bygg's refusal."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from remissgen import textedit

from .conftest import SEED_CASE, Result, body_paragraphs

COMMENT = "# Chefen vill se bakgrunden igen före nämnden."


def _paragraph_after(document: docx.document.Document, heading: str, skip: int = 0) -> object:
    paragraphs = document.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p.text == heading)
    return paragraphs[at + 1 + skip]


def _replace(paragraph: object, old: str, new: str) -> None:
    """Replace `old` by `new` in a python-docx paragraph, whichever run holds it."""
    runs = paragraph.runs  # type: ignore[attr-defined]
    for run in runs:
        if old in run.text:
            run.text = run.text.replace(old, new)
            return
    raise AssertionError(f"{old!r} not in {paragraph.text!r}")  # type: ignore[attr-defined]


@pytest.fixture
def edited(run: Callable[..., Result], tmp_path: Path) -> tuple[Path, Path]:
    """Build a commented copy of the seed, then edit it in python-docx as a chef would:
    a word in the first paragraph of Bakgrund (a derived text), and a sentence added to the
    second paragraph of Synpunkter och förslag."""
    case = tmp_path / "fall.yaml"
    source = SEED_CASE.read_text(encoding="utf-8")
    case.write_text(source.replace("synpunkter: |", f"{COMMENT}\nsynpunkter: |", 1),
                    encoding="utf-8")
    assert run("bygg", case).code == 0
    document_path = case.with_suffix(".docx")
    document = docx.Document(str(document_path))
    _replace(_paragraph_after(document, "Bakgrund"), "har på remiss", "har på en remiss")
    _replace(_paragraph_after(document, "Synpunkter och förslag", 1), "Båda projekten",
             "Båda projekten, MIA och Kugghjulet,")
    document.save(str(document_path))
    return case, document_path


def test_jämför_names_both_changed_sections_and_marks_the_words(
        run: Callable[..., Result], edited: tuple[Path, Path]) -> None:
    case, document = edited
    result = run("jämför", document)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].endswith("i Bakgrund, Synpunkter och förslag")
    assert "Bakgrund, stycke 1, ändrat:" in lines
    assert "Synpunkter och förslag, stycke 2, ändrat:" in lines
    whole = lines[lines.index("Bakgrund, stycke 1, ändrat:") + 1].strip()
    assert whole.startswith("Stadsdelsnämnden har på en remiss från kommunstyrelsen")
    assert "har på{+ en+} remiss" in result.out
    assert "Båda projekten{+, MIA och Kugghjulet,+}" in result.out
    assert run("jämför", document, case).out == result.out  # the case named or found beside


def test_för_in_changes_exactly_those_fields_and_builds_the_edited_text(
        run: Callable[..., Result], edited: tuple[Path, Path], tmp_path: Path) -> None:
    case, document = edited
    before = case.read_text(encoding="utf-8")
    result = run("jämför", document, "--för-in")
    assert result.code == 0, result.err
    after = case.read_text(encoding="utf-8")
    old, new = textedit.read(before), textedit.read(after)
    assert isinstance(old, dict) and isinstance(new, dict)
    assert {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)} == {
        "bakgrund", "synpunkter"}
    assert COMMENT in after.splitlines()
    # every line outside the two fields is kept as written
    kept = [line for line in before.splitlines() if not line.startswith("  ")]
    assert [line for line in after.splitlines() if not line.startswith("  ")] == kept
    copies = list(tmp_path.glob("fall (före ändringar från Word, *).yaml"))
    assert len(copies) == 1 and copies[0].read_text(encoding="utf-8") == before
    assert f"'{copies[0]}'" in result.out
    again = tmp_path / "igen.docx"
    assert run("bygg", case, "-o", again).code == 0
    assert body_paragraphs(docx.Document(str(again))) == body_paragraphs(
        docx.Document(str(document)))
    assert run("jämför", document).out.strip().endswith("inga ändringar mot det "
                                                        f"{case} bygger")


def test_an_edited_derived_beredning_sentence_becomes_text(
        run: Callable[..., Result], tmp_path: Path) -> None:
    case = tmp_path / "fall.yaml"
    shutil.copy(SEED_CASE, case)
    assert run("bygg", case).code == 0
    document = docx.Document(str(case.with_suffix(".docx")))
    _replace(_paragraph_after(document, "Ärendets beredning"), "pensionärsrådet",
             "seniorrådet")
    document.save(str(case.with_suffix(".docx")))
    assert run("jämför", case.with_suffix(".docx"), "--för-in").code == 0
    data = textedit.read(case.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and isinstance(data["beredning"], dict)
    assert "behandlat" not in data["beredning"]
    assert "seniorrådet den 6 december" in str(data["beredning"]["text"])
    again = tmp_path / "igen.docx"
    assert run("bygg", case, "-o", again).code == 0
    assert body_paragraphs(docx.Document(str(again))) == body_paragraphs(document)


def test_jämför_exit_codes(run: Callable[..., Result], tmp_path: Path) -> None:
    not_word = tmp_path / "fall.docx"
    not_word.write_text("ingen zip", encoding="utf-8")
    shutil.copy(SEED_CASE, tmp_path / "fall.yaml")
    assert run("jämför", not_word).code == 1
    assert run("jämför", SEED_CASE).code == 2  # one case file alone
    assert run("jämför", SEED_CASE, SEED_CASE, "--för-in").code == 2
    same = run("jämför", SEED_CASE, SEED_CASE)
    assert same.code == 0 and "samma text" in same.out


def test_bygg_refuses_an_edited_document_pointing_to_jämför(
        run: Callable[..., Result], edited: tuple[Path, Path]) -> None:
    case, document = edited
    before = document.read_bytes()
    refused = run("bygg", case)
    assert refused.code == 3
    assert "remissgen jämför" in refused.err
    assert document.read_bytes() == before


def test_tvinga_keeps_a_copy_of_the_edited_document(
        run: Callable[..., Result], edited: tuple[Path, Path]) -> None:
    case, document = edited
    before = document.read_bytes()
    os.utime(document, (1_700_000_000, 1_700_000_000))
    forced = run("bygg", case, "--tvinga")
    assert forced.code == 0, forced.err
    copies = list(document.parent.glob("fall (ändrad i Word, sparad *).docx"))
    assert len(copies) == 1
    assert re.fullmatch(r"fall \(ändrad i Word, sparad \d{4}-\d\d-\d\d \d\d\.\d\d\)\.docx",
                        copies[0].name)
    assert copies[0].read_bytes() == before
    assert f"'{copies[0]}'" in forced.err
    assert document.read_bytes() != before
    unchanged = run("bygg", case, "--tvinga")  # nothing edited since: no new copy
    assert unchanged.code == 0
    assert len(list(document.parent.glob("fall (ändrad i Word*).docx"))) == 1
