"""The golden test: the seed case rebuilds every paragraph of seeds/reference.md, in order."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from .conftest import SEED_CASE, SEEDS, Result, W, body_paragraphs, build, column_blocks, normalise


def reference_paragraphs() -> list[str]:
    """Return the reference document's paragraphs in reading order, layout marks removed."""
    text = (SEEDS / "reference.md").read_text(encoding="utf-8")
    body = text.split("## What the OCR does not show")[0]
    lines = body.split("```", 1)[1]  # from the first layout block on
    out: list[str] = []
    left: list[str] = []
    right: list[str] = []
    in_block = True  # the text starts inside the first layout block
    for line in lines.splitlines():
        if line.startswith("```"):
            if in_block:
                out += left + right
                left, right = [], []
            in_block = not in_block
            continue
        if in_block:
            if line.lstrip().startswith("[block"):
                continue
            cells = re.split(r"\s{3,}", line.split("<-")[0].strip().replace("left:", "")
                             .replace("right:", " " * 4))
            cells = [c for c in cells if c]
            if len(cells) == 2:
                left.append(cells[0])
                right.append(cells[1])
            elif cells:
                left.append(cells[0])
            continue
        stripped = line.strip()
        if not stripped or (stripped.startswith("[") and "]" in stripped and
                            not stripped.startswith("[label]")):
            continue
        stripped = stripped.removeprefix("[label] ").lstrip("#").strip()
        out.append(stripped)
    return [normalise(p) for p in out]


@pytest.fixture(scope="module")
def seed_doc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from remissgen.cli import main

    out = tmp_path_factory.mktemp("seed") / "ut.docx"
    assert main(["bygg", str(SEED_CASE), "-o", str(out)]) == 0
    return out


def test_reference_parser_sees_the_whole_document() -> None:
    paragraphs = reference_paragraphs()
    assert paragraphs[:6] == ["Handläggare", "Christina Grefveberg", "Telefon: 08-508 121 92",
                              "Till", "Södermalms stadsdelsnämnd", "16 december 2021"]
    assert paragraphs[-2:] == ["Bilaga",
                               "Motion om att ta tillvara de sociala företagen, Salar Rashid (S)"]
    assert len(paragraphs) == 35


def test_every_reference_paragraph_in_order(seed_doc: Path) -> None:
    import docx

    built = body_paragraphs(docx.Document(str(seed_doc)))
    assert built == reference_paragraphs()


def test_title_and_sections_are_real_headings(seed_doc: Path) -> None:
    import docx

    document = docx.Document(str(seed_doc))
    headings = [(p.style.name, p.text) for p in document.paragraphs
                if p.style.name.startswith("Heading")]
    assert headings == [
        ("Heading 1", "Remiss av Motion om att ta tillvara de sociala företagen i Stockholm"),
        ("Heading 2", "Förslag till beslut"), ("Heading 2", "Sammanfattning"),
        ("Heading 2", "Bakgrund"), ("Heading 2", "Ärendets beredning"),
        ("Heading 2", "Ärendet"), ("Heading 2", "Synpunkter och förslag")]
    outline = {s.name: s.element.find(f"{W}pPr/{W}outlineLvl").get(f"{W}val")
               for s in document.styles if s.name in ("Heading 1", "Heading 2")}
    assert outline == {"Heading 1": "0", "Heading 2": "1"}


def test_page_header_carries_förvaltning_dnr_date_and_page_fields(seed_doc: Path) -> None:
    import docx

    header = docx.Document(str(seed_doc)).sections[0].header
    texts = [p.text for p in header.paragraphs]
    assert "Södermalms stadsdelsförvaltning\tTjänsteutlåtande" in texts
    assert "Stabs- och kansliavdelningen\tDnr SÖD 2021/1234" in texts
    assert "\t2021-12-02" in texts
    instructions = [i.text.strip() for i in header._element.iter(f"{W}instrText")]
    assert instructions == ['DOCPROPERTY "Diarienummer" \\* MERGEFORMAT',
                            'DOCPROPERTY "Datum" \\* MERGEFORMAT', "PAGE", "NUMPAGES"]
    page = next(p for p in header.paragraphs if p.text.startswith("Sida"))
    assert re.fullmatch(r"Sida \d+ \(\d+\)", page.text)


def test_footer_lines_and_language_and_properties(seed_doc: Path) -> None:
    import docx

    document = docx.Document(str(seed_doc))
    footer = document.sections[0].footer.paragraphs[0]
    assert footer.text.split("\n") == ["Södermalms stadsdelsförvaltning",
                                       "Besöksadress: Medborgarplatsen 25",
                                       "Växel: 08-508 290 00", "stockholm.se"]
    lang = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == "sv-SE"
    props = document.core_properties
    assert props.title == "Remiss av Motion om att ta tillvara de sociala företagen i Stockholm"
    assert props.subject == "Motion om att ta tillvara de sociala företagen i Stockholm"
    assert props.author == "Södermalms stadsdelsförvaltning"  # the authority, not a person
    assert props.keywords == "SÖD 2021/1234"
    assert props.language == "sv-SE"
    section = document.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.5)


def test_the_two_blocks_are_column_sections_not_tables(seed_doc: Path) -> None:
    import docx

    document = docx.Document(str(seed_doc))
    assert document.tables == [] and not list(document.element.body.iter(f"{W}tbl"))
    addressees, signatures = column_blocks(document)
    assert addressees == [["Handläggare", "Christina Grefveberg", "Telefon: 08-508 121 92"],
                          ["Till", "Södermalms stadsdelsnämnd", "16 december 2021"]]
    breaks = [s.find(f"{W}type").get(f"{W}val") for s in document.element.body.iter(f"{W}sectPr")]
    assert breaks == ["continuous"] * 4  # no page break: they only change the column count
    assert signatures == [["Ann-Christine Jenvén", "Stadsdelsdirektör"],
                          ["Maria Klemets Hellberg", "Avdelningschef"]]


def test_seed_case_leaves_derivable_fields_to_the_rules() -> None:
    data = yaml.safe_load(SEED_CASE.read_text(encoding="utf-8"))
    for derived in ("rubrik", "underrubrik", "förslag_till_beslut", "avslutning",
                    "expedieras_till", "nämnd_kort"):
        assert derived not in data
    assert "text" in data["beredning"] and len(data["beredning"]["behandlat"]) == 3
    assert "Ärendet har behandlats" not in data["beredning"]["text"]
    assert "bakgrund" in data  # the seed's "en motion att" deviates from the rule


def test_no_empty_paragraphs_for_spacing(seed_doc: Path) -> None:
    import docx

    document = docx.Document(str(seed_doc))
    assert all(p.text.strip() for p in document.paragraphs)


def test_python_m_remissgen_builds(tmp_path: Path, run: Callable[..., Result]) -> None:
    import subprocess
    import sys

    out = tmp_path / "ut.docx"
    done = subprocess.run([sys.executable, "-m", "remissgen", "bygg", str(SEED_CASE), "-o",
                           str(out)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    document = build(run, SEED_CASE, tmp_path / "igen.docx")
    assert body_paragraphs(document) == reference_paragraphs()


def test_seed_passes_the_accessibility_checks(seed_doc: Path) -> None:
    from .accessibility import check_accessibility

    assert check_accessibility(seed_doc) == []
