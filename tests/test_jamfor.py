"""remissgen jämför: a Word round trip with python-docx (what changed, brought back with
--för-in, building the edited text again), --tvinga's copy and bygg's refusal."""

from __future__ import annotations

import difflib
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


def _only_inserted(before: str, after: str) -> bool:
    """Return True when `after` is `before` with lines added and none changed or removed."""
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(),
                                      autojunk=False)
    return all(tag in ("equal", "insert") for tag, *_ in matcher.get_opcodes())


def test_a_section_added_in_word_becomes_an_avsnitt_entry_in_its_place(
        run: Callable[..., Result], tmp_path: Path) -> None:
    """Two sections added in Word, one after Bakgrund and one after Synpunkter och förslag:
    each becomes an `avsnitt` entry (after Bakgrund it names `efter`), every other line and
    the comment stay, and the case file then builds the edited text."""
    case = tmp_path / "fall.yaml"
    source = SEED_CASE.read_text(encoding="utf-8")
    case.write_text(source.replace("synpunkter: |", f"{COMMENT}\nsynpunkter: |", 1),
                    encoding="utf-8")
    assert run("bygg", case).code == 0
    path = case.with_suffix(".docx")
    document = docx.Document(str(path))
    beredning = next(p for p in document.paragraphs if p.text == "Ärendets beredning")
    beredning.insert_paragraph_before("Tidigare beslut", style="Heading 2")
    beredning.insert_paragraph_before("Nämnden yttrade sig i en liknande fråga 2019.")
    closing = [p for p in document.paragraphs if p.text.startswith("Stadsdelsnämnden överlämnar")]
    closing[-1].insert_paragraph_before("Ekonomiska konsekvenser", style="Heading 2")
    closing[-1].insert_paragraph_before("Förslaget medför inga kostnader för nämnden.")
    closing[-1].insert_paragraph_before("Arbetet ryms i den befintliga budgeten.")
    document.save(str(path))
    shown = run("jämför", path)
    assert "Tidigare beslut, stycke 1, nytt:" in shown.out
    result = run("jämför", path, "--för-in")
    assert result.code == 0, result.err
    assert "kan inte" not in result.out and "förs inte in" not in result.out
    assert "ett nytt avsnitt 'Ekonomiska konsekvenser'" in result.out
    after = case.read_text(encoding="utf-8")
    data = textedit.read(after)
    assert isinstance(data, dict)
    assert data["avsnitt"] == [
        {"rubrik": "Tidigare beslut", "text": "Nämnden yttrade sig i en liknande fråga 2019.",
         "efter": "Bakgrund"},
        {"rubrik": "Ekonomiska konsekvenser",
         "text": "Förslaget medför inga kostnader för nämnden.\n\n"
                 "Arbetet ryms i den befintliga budgeten.\n"}]
    assert _only_inserted(case.with_name("fall.yaml").read_text(encoding="utf-8"), after)
    assert _only_inserted(source.replace("synpunkter: |", f"{COMMENT}\nsynpunkter: |", 1),
                          after)
    again = tmp_path / "igen.docx"
    assert run("bygg", case, "-o", again).code == 0
    assert body_paragraphs(docx.Document(str(again))) == body_paragraphs(
        docx.Document(str(path)))


def test_a_section_added_between_two_extra_sections_goes_between_their_entries(
        run: Callable[..., Result], tmp_path: Path) -> None:
    case = tmp_path / "fall.yaml"
    case.write_text(SEED_CASE.read_text(encoding="utf-8").replace("underskrifter:", (
        "avsnitt:\n  - rubrik: Ekonomiska konsekvenser\n    text: Inga kostnader.\n"
        "  - rubrik: Barnkonsekvenser\n    text: Inga särskilda.\n\nunderskrifter:"), 1),
        encoding="utf-8")
    assert run("bygg", case).code == 0
    path = case.with_suffix(".docx")
    document = docx.Document(str(path))
    barn = next(p for p in document.paragraphs if p.text == "Barnkonsekvenser")
    barn.insert_paragraph_before("Miljökonsekvenser", style="Heading 2")
    barn.insert_paragraph_before("Inga *mätbara*.")
    document.save(str(path))
    assert run("jämför", path, "--för-in").code == 0
    data = textedit.read(case.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and isinstance(data["avsnitt"], list)
    assert [a["rubrik"] for a in data["avsnitt"] if isinstance(a, dict)] == [
        "Ekonomiska konsekvenser", "Miljökonsekvenser", "Barnkonsekvenser"]
    again = tmp_path / "igen.docx"
    assert run("bygg", case, "-o", again).code == 0
    assert body_paragraphs(docx.Document(str(again))) == body_paragraphs(
        docx.Document(str(path)))


def test_an_extra_section_removed_in_word_loses_its_entry(
        run: Callable[..., Result], tmp_path: Path) -> None:
    case = tmp_path / "fall.yaml"
    case.write_text(SEED_CASE.read_text(encoding="utf-8").replace("underskrifter:", (
        "avsnitt:\n  - rubrik: Ekonomiska konsekvenser\n    text: Inga kostnader.\n"
        "  # Barnkonsekvenserna ska vara kvar.\n"
        "  - rubrik: Barnkonsekvenser\n    text: Inga särskilda.\n\nunderskrifter:"), 1),
        encoding="utf-8")
    assert run("bygg", case).code == 0
    path = case.with_suffix(".docx")
    document = docx.Document(str(path))
    for p in list(document.paragraphs):
        if p.text in ("Ekonomiska konsekvenser", "Inga kostnader."):
            p._p.getparent().remove(p._p)
    document.save(str(path))
    assert run("jämför", path, "--för-in").code == 0
    after = case.read_text(encoding="utf-8")
    data = textedit.read(after)
    assert isinstance(data, dict)
    assert data["avsnitt"] == [{"rubrik": "Barnkonsekvenser", "text": "Inga särskilda."}]
    assert "  # Barnkonsekvenserna ska vara kvar." in after.splitlines()
    again = tmp_path / "igen.docx"
    assert run("bygg", case, "-o", again).code == 0
    assert body_paragraphs(docx.Document(str(again))) == body_paragraphs(
        docx.Document(str(path)))


_NAMED = "{{ remiss.motionärer[0].namn }} ({{ remiss.motionärer[0].parti }}) föreslår"
_TOWN = "Motionären föreslår att {{ kommun }}, i samverkan"
_IF = ("{% if remiss.motionärer %}\n\n  Motionen har {{ remiss.motionärer | length }} "
       "undertecknare.\n\n  {% endif %}\n\n  ")


def _jinja_case(tmp_path: Path, block: bool) -> Path:
    """Return a built copy of the seed whose Ärendet names the motionär and the town with
    Jinja; with `block`, a paragraph under `{% if %}` too, so that the source has more
    paragraphs than the document."""
    case = tmp_path / "fall.yaml"
    source = SEED_CASE.read_text(encoding="utf-8")
    source = source.replace("ärendet: |\n  Salar Rashid (S) föreslår", "ärendet: |\n  " + _NAMED)
    source = source.replace("Motionären föreslår att Stockholms stad, i samverkan", _TOWN, 1)
    if block:
        source = source.replace("Motionären föreslår att {{", _IF + "Motionären föreslår att {{")
    case.write_text(source, encoding="utf-8")
    return case


@pytest.mark.parametrize("block", [False, True], ids=["lika-många-stycken", "if-block"])
def test_unchanged_paragraphs_keep_their_jinja_when_others_change(
        run: Callable[..., Result], tmp_path: Path, block: bool) -> None:
    case = _jinja_case(tmp_path, block)
    assert run("bygg", case).code == 0
    path = case.with_suffix(".docx")
    document = docx.Document(str(path))
    _replace(_paragraph_after(document, "Ärendet", 1), "en enorm potential",
             "en stor potential")
    next(p for p in document.paragraphs if p.text == "Synpunkter och förslag"
         ).insert_paragraph_before("Motionären vill att staden följer upp planen varje år.")
    document.save(str(path))
    result = run("jämför", path, "--för-in")
    assert result.code == 0, result.err
    assert "hade Jinja" not in result.out
    data = textedit.read(case.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    ärendet = str(data["ärendet"])
    assert _NAMED in ärendet and _TOWN in " ".join(ärendet.split())
    assert (_IF.replace("\n  ", "\n") in ärendet) is block
    assert "en stor potential" in " ".join(ärendet.split())
    assert ärendet.rstrip().endswith("Motionären vill att staden följer upp planen varje år.")
    again = tmp_path / "igen.docx"
    assert run("bygg", case, "-o", again).code == 0
    assert body_paragraphs(docx.Document(str(again))) == body_paragraphs(
        docx.Document(str(path)))


@pytest.mark.parametrize("block", [False, True], ids=["lika-många-stycken", "if-block"])
def test_a_changed_paragraph_with_jinja_is_written_as_its_text_and_said(
        run: Callable[..., Result], tmp_path: Path, block: bool) -> None:
    case = _jinja_case(tmp_path, block)
    assert run("bygg", case).code == 0
    path = case.with_suffix(".docx")
    document = docx.Document(str(path))
    _replace(_paragraph_after(document, "Ärendet"), "föreslår i motion", "föreslår i sin motion")
    document.save(str(path))
    result = run("jämför", path, "--för-in")
    assert result.code == 0, result.err
    notes = [line for line in result.out.splitlines() if "hade Jinja" in line]
    assert len(notes) == 1 and "ärendet" in notes[0]
    assert "{{ remiss.motionärer[0].namn }}" in notes[0]
    data = textedit.read(case.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    ärendet = " ".join(str(data["ärendet"]).split())
    assert ärendet.startswith("Salar Rashid (S) föreslår i sin motion")
    assert "remiss.motionärer[0].namn" not in ärendet
    assert _TOWN in ärendet  # the unchanged paragraph keeps its Jinja
    again = tmp_path / "igen.docx"
    assert run("bygg", case, "-o", again).code == 0
    assert body_paragraphs(docx.Document(str(again))) == body_paragraphs(
        docx.Document(str(path)))


def test_för_in_writes_nothing_when_the_result_would_not_build(
        run: Callable[..., Result], tmp_path: Path) -> None:
    """Ärendet removed in Word would leave the required field empty: nothing is written, and
    the message says why."""
    case = tmp_path / "fall.yaml"
    shutil.copy(SEED_CASE, case)
    assert run("bygg", case).code == 0
    path = case.with_suffix(".docx")
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    start, end = texts.index("Ärendet"), texts.index("Synpunkter och förslag")
    for p in document.paragraphs[start:end]:
        p._p.getparent().remove(p._p)
    document.save(str(path))
    before = case.read_bytes()
    result = run("jämför", path, "--för-in")
    assert result.code == 1
    assert "'ärendet' är tom" in result.err and "ärendefilen är orörd" in result.err
    assert case.read_bytes() == before
    assert not list(tmp_path.glob("fall (före ändringar från Word, *).yaml"))


def test_decision_points_that_did_not_change_keep_their_jinja(
        run: Callable[..., Result], tmp_path: Path) -> None:
    case = tmp_path / "fall.yaml"
    case.write_text(SEED_CASE.read_text(encoding="utf-8").replace("synpunkter: |", (
        "förslag_till_beslut:\n  - '{{ nämnd_kort }} godkänner förvaltningens svar.'\n"
        "  - '{{ nämnd_kort }} överlämnar svaret till {{ remiss.från }}.'\n"
        "  - Beslutet justeras omedelbart.\nsynpunkter: |"), 1), encoding="utf-8")
    assert run("bygg", case).code == 0
    path = case.with_suffix(".docx")
    document = docx.Document(str(path))
    _replace(_paragraph_after(document, "Förslag till beslut", 2), "omedelbart", "genast")
    _replace(_paragraph_after(document, "Förslag till beslut"), "godkänner", "antar")
    document.save(str(path))
    result = run("jämför", path, "--för-in")
    assert result.code == 0, result.err
    data = textedit.read(case.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    assert data["förslag_till_beslut"] == [
        "Stadsdelsnämnden antar förvaltningens svar.",
        "{{ nämnd_kort }} överlämnar svaret till {{ remiss.från }}.",
        "Beslutet justeras genast."]
    notes = [line for line in result.out.splitlines() if "hade Jinja" in line]
    assert len(notes) == 1 and "förslag_till_beslut" in notes[0]
    again = tmp_path / "igen.docx"
    assert run("bygg", case, "-o", again).code == 0
    assert body_paragraphs(docx.Document(str(again))) == body_paragraphs(
        docx.Document(str(path)))
