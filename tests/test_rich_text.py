"""Rich text as officials write it, read from the produced .docx: lists, levels, bold, italic."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
import yaml

from .conftest import CASES, Result, W, build

# (what the official writes in `ärendet`, what the document shows under "Ärendet"):
# each paragraph as (kind, level, text): "p" text, "•" bullet, "1" numbered, "+" a paragraph
# indented inside the item above.
EXAMPLES = {
    "a follow-up paragraph under item 2 stays in it; 3. stays a list item": (
        "1. Tillstyrk förslaget.\n2. Uppdra åt förvaltningen att samråda.\n\n"
        "   Samrådet ska ske med berörda organisationer.\n\n3. Återrapportera till nämnden.\n",
        [("1", 0, "Tillstyrk förslaget."), ("1", 0, "Uppdra åt förvaltningen att samråda."),
         ("+", 0, "Samrådet ska ske med berörda organisationer."),
         ("1", 0, "Återrapportera till nämnden.")]),
    "* bullets, 1) numbers, two spaces, pasted • bullets": (
        "Förvaltningen föreslår att\n\n* nämnden tillstyrker\n*  motionen besvaras\n\n"
        "1) ett\n2)  två\n\n• från Word\n• också\n",
        [("p", 0, "Förvaltningen föreslår att"), ("•", 0, "nämnden tillstyrker"),
         ("•", 0, "motionen besvaras"), ("1", 0, "ett"), ("1", 0, "två"),
         ("•", 0, "från Word"), ("•", 0, "också")]),
    "a list right under a paragraph line is a list": (
        "Nämnden beslutar att\n1. nämnden tillstyrker,\n2. motionen besvaras.\n",
        [("p", 0, "Nämnden beslutar att"), ("1", 0, "nämnden tillstyrker,"),
         ("1", 0, "motionen besvaras.")]),
    "nested lists are Word list levels 1 and 2": (
        "- parker\n  - lekplatser\n    - gungor\n  - bänkar\n- gator\n"
        "  1. först\n  2. sedan\n",
        [("•", 0, "parker"), ("•", 1, "lekplatser"), ("•", 2, "gungor"), ("•", 1, "bänkar"),
         ("•", 0, "gator"), ("1", 1, "först"), ("1", 1, "sedan")]),
    "a year is text, and so is everything outside the subset": (
        "2021. var ett år.\n\n# Rubrik\n\n> citat med _understrykning_ och [länk](x)\n",
        [("p", 0, "2021. var ett år."), ("p", 0, "# Rubrik"),
         ("p", 0, "> citat med _understrykning_ och [länk](x)")]),
    "escapes keep markers literal": (
        "\\+ inte en punkt\n\n1\\. inte en siffra, \\*inte kursiv\\*\n",
        [("p", 0, "+ inte en punkt"), ("p", 0, "1. inte en siffra, *inte kursiv*")]),
}


def _formats(document: docx.document.Document) -> dict[str, dict[str, str]]:
    numbering = document.part.numbering_part.element
    abstract = {a.get(f"{W}abstractNumId"): {
        lvl.get(f"{W}ilvl"): lvl.find(f"{W}numFmt").get(f"{W}val") for lvl in a.iter(f"{W}lvl")}
        for a in numbering.iter(f"{W}abstractNum")}
    return {n.get(f"{W}numId"): abstract[n.find(f"{W}abstractNumId").get(f"{W}val")]
            for n in numbering.iter(f"{W}num")}


def section(document: docx.document.Document, heading: str) -> list[tuple[str, int, str]]:
    """Return the paragraphs under `heading` as (kind, level, text), read from their XML."""
    formats = _formats(document)
    out: list[tuple[str, int, str]] = []
    inside = False
    for p in document.paragraphs:
        if p.style.name.startswith("Heading"):
            inside = p.text == heading
            continue
        if not inside:
            continue
        num = p._p.find(f"{W}pPr/{W}numPr")
        if num is not None:
            ilvl = num.find(f"{W}ilvl").get(f"{W}val")
            fmt = formats[num.find(f"{W}numId").get(f"{W}val")][ilvl]
            out.append(("1" if fmt == "decimal" else "•", int(ilvl), p.text))
        elif p.style.name == "List Continue":
            out.append(("+", 0, p.text))
        else:
            out.append(("p", 0, p.text))
    return out


def _case(tmp_path: Path, **fields: object) -> Path:
    data = yaml.safe_load((CASES / "minimal.yaml").read_text(encoding="utf-8"))
    data.update(fields)
    path = tmp_path / "fall.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_rich_text_examples_become_real_word_lists(name: str, run: Callable[..., Result],
                                                   tmp_path: Path) -> None:
    source, expected = EXAMPLES[name]
    document = build(run, _case(tmp_path, ärendet=source), tmp_path / "ut.docx")
    assert section(document, "Ärendet") == expected


def test_nested_numbers_restart_under_each_item(run: Callable[..., Result],
                                                tmp_path: Path) -> None:
    document = build(run, _case(tmp_path, ärendet="1. a\n   1. x\n   2. y\n2. b\n   1. z\n"),
                     tmp_path / "ut.docx")
    numbered = [p for p in document.paragraphs if p._p.find(f"{W}pPr/{W}numPr") is not None
                and p.text in ("a", "x", "y", "b", "z")]
    ids = {p.text: p._p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val") for p in numbered}
    # one Word list for the outer level; each nested list its own, restarting at 1
    assert ids["a"] == ids["b"] and ids["x"] == ids["y"] and len({ids["x"], ids["z"], ids["a"]}) == 3
    overrides = {n.get(f"{W}numId"): n.find(f"{W}lvlOverride") for n in
                 document.part.numbering_part.element.iter(f"{W}num")}
    for key, level in (("a", "0"), ("x", "1"), ("z", "1")):
        override = overrides[ids[key]]
        assert override.get(f"{W}ilvl") == level
        assert override.find(f"{W}startOverride").get(f"{W}val") == "1"


def test_bold_and_italic_runs(run: Callable[..., Result], tmp_path: Path) -> None:
    document = build(run, _case(tmp_path, ärendet="Det är **viktigt** och *bråttom*, "
                                                  "***båda***, snake_case_namn.\n"),
                     tmp_path / "ut.docx")
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Det är"))
    assert [(r.text, bool(r.bold), bool(r.italic)) for r in paragraph.runs] == [
        ("Det är ", False, False), ("viktigt", True, False), (" och ", False, False),
        ("bråttom", False, True), (", ", False, False), ("båda", True, True),
        (", snake_case_namn.", False, False)]


def test_a_template_without_nested_levels_gets_the_writers_own(
        run: Callable[..., Result], tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    single = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              '<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
              '<w:lvlText w:val="-"/></w:lvl></w:abstractNum>'
              '<w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/>'
              '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
              '<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>'
              '<w:num w:numId="4"><w:abstractNumId w:val="8"/></w:num></w:numbering>')
    template = tmp_path / "egen.docx"
    with zipfile.ZipFile(root / "templates" / "neutral.docx") as src, \
            zipfile.ZipFile(template, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            dst.writestr(name, single.encode() if name == "word/numbering.xml" else data)
    case = _case(tmp_path, ärendet="- a\n  - b\n    1. c\n", mall="egen.docx")
    result = run("bygg", case, "-o", tmp_path / "ut.docx")
    assert result.code == 0, result.err
    document = docx.Document(str(tmp_path / "ut.docx"))
    assert section(document, "Ärendet") == [("•", 0, "a"), ("•", 1, "b"), ("1", 2, "c")]


def test_help_does_not_import_the_markdown_parser() -> None:
    code = ("import sys\nfrom remissgen.cli import main\ntry:\n    main(['--help'])\n"
            "except SystemExit:\n    pass\nprint('markdown_it' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip().endswith("False")


def _raw_case(tmp_path: Path, extra: str) -> Path:
    text = (CASES / "minimal.yaml").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("ärendet:"))
    path = tmp_path / "fall.yaml"
    path.write_text(text + "\n" + extra, encoding="utf-8")
    return path


@pytest.mark.parametrize("written", [
    "ärendet: Första stycket\n  fortsätter här.\n\n  Andra stycket.\n",
    "ärendet: >\n  Första stycket\n  fortsätter här.\n\n  Andra stycket.\n",
    "ärendet: |\n  Första stycket\n  fortsätter här.\n\n  Andra stycket.\n",
], ids=["plain", "folded", "literal"])
def test_a_blank_line_makes_paragraphs_in_every_block_style(
        written: str, run: Callable[..., Result], tmp_path: Path) -> None:
    document = build(run, _raw_case(tmp_path, written), tmp_path / "ut.docx")
    assert section(document, "Ärendet") == [("p", 0, "Första stycket fortsätter här."),
                                            ("p", 0, "Andra stycket.")]


@pytest.mark.parametrize("written", [
    "förslag_till_beslut:\n  - Nämnden tillstyrker **förslaget**.\n  - Motionen besvaras.\n",
    "förslag_till_beslut: |\n  1. Nämnden tillstyrker **förslaget**.\n  2. Motionen besvaras.\n",
    "förslag_till_beslut: |\n  - Nämnden tillstyrker\n    **förslaget**.\n  - Motionen besvaras.\n",
], ids=["list", "numbered-text", "bulleted-text"])
def test_a_decision_written_as_one_text_with_list_lines_is_the_list_form(
        written: str, run: Callable[..., Result], tmp_path: Path) -> None:
    document = build(run, _raw_case(tmp_path, "ärendet: Text.\n" + written), tmp_path / "ut.docx")
    assert section(document, "Förslag till beslut") == [
        ("1", 0, "Nämnden tillstyrker förslaget."), ("1", 0, "Motionen besvaras.")]
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "förslaget" in bold
