"""How the built document lays out on the page, in both built-in templates: space after a
list, the closing kept with the signatures, footer and logo on the first page only, an empty
column kept in its place."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest

from remissgen import jinja
from remissgen.blocks import Columns, plain
from remissgen.word import docx_writer, templating

from .conftest import CASES, Result, W, build, column_blocks

BUILTINS = ("stockholm", "neutral")
LIST_CASE = """\
synpunkter: |
  Förvaltningen föreslår att

  - stödet byggs ut,
  - stödet följs upp.

  Stycket efter listan.
"""


def _case(folder: Path, mall: str, extra: str = "") -> Path:
    text = (CASES / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("synpunkter: Förvaltningen har inga synpunkter utöver sammanfattningen.\n",
                        "")
    case = folder / "fall.yaml"
    case.write_text(f"mall: {mall}\n" + text + (extra or LIST_CASE), encoding="utf-8")
    return case


def _space_after(document: docx.document.Document, paragraph: docx.text.paragraph.Paragraph
                 ) -> int:
    """Return the paragraph's space after in twips: direct, else its style's, else Normal's."""
    direct = paragraph.paragraph_format.space_after
    if direct is not None:
        return int(direct.twips)
    style = paragraph.style
    while style is not None:
        if style.paragraph_format.space_after is not None:
            return int(style.paragraph_format.space_after.twips)
        style = style.base_style
    defaults = document.styles.element.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr/{W}spacing")
    return int(defaults.get(f"{W}after"))


@pytest.mark.parametrize("mall", BUILTINS)
def test_the_last_list_item_has_the_paragraph_gap_after_it(
        tmp_path: Path, run: Callable[..., Result], mall: str) -> None:
    document = build(run, _case(tmp_path, mall), tmp_path / "ut.docx")
    paragraphs = document.paragraphs
    items = [p for p in paragraphs if p.text.startswith("stödet")]
    after = next(p for p in paragraphs if p.text == "Stycket efter listan.")
    before = next(p for p in paragraphs if p.text == "Förvaltningen föreslår att")
    gap = _space_after(document, before)
    assert gap >= 100  # the usual paragraph gap, about 6 pt
    assert [_space_after(document, p) for p in items] == [
        _space_after(document, items[0]), gap]  # between items the list's own, small gap
    assert _space_after(document, items[0]) < gap
    assert after.style.name == "Normal"


def _keeps_with_next(paragraph: docx.text.paragraph.Paragraph) -> bool:
    style = paragraph.style
    while style is not None:
        if style.paragraph_format.keep_with_next:
            return True
        style = style.base_style
    return bool(paragraph.paragraph_format.keep_with_next)


@pytest.mark.parametrize("mall", BUILTINS)
@pytest.mark.parametrize(("extra", "last"), [
    ("synpunkter: Sista stycket.\n", "Kulturnämnden överlämnar förvaltningens tjänsteutlåtande "
                                     "som svar på remissen."),
    ('synpunkter: Sista stycket.\navslutning: ""\n', "Sista stycket."),
])
def test_the_closing_text_and_expedieras_till_keep_with_the_signatures(
        tmp_path: Path, run: Callable[..., Result], mall: str, extra: str, last: str) -> None:
    document = build(run, _case(tmp_path, mall, extra + "expedieras_till:\n  - A\n  - B\n"),
                     tmp_path / "ut.docx")
    body = document.element.body
    signatures = next(p for p in body.iter(f"{W}p")  # the first of the signature columns
                      if (style := p.find(f"{W}pPr/{W}pStyle")) is not None
                      and style.get(f"{W}val") == "Underskrift")
    before = []
    for element in signatures.itersiblings(preceding=True):
        before.append(docx.text.paragraph.Paragraph(element, document))
        if len(before) == 4:
            break
    assert [p.text for p in reversed(before)] == [last, "Expedieras till", "A", "B"]
    assert all(_keeps_with_next(p) for p in before)
    others = [p for p in document.paragraphs if p.style.name == "Normal" and p.text != last]
    assert others and not any(_keeps_with_next(p) for p in others)  # only the end is held


def _header_footer_texts(path: Path) -> dict[str, tuple[str, bool]]:
    """Return, per page kind ('first', 'default'), the footer text and whether the header
    holds a drawing (the logo), read from the section's references."""
    import zipfile

    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        document = zf.read("word/document.xml").decode("utf-8")
        rels = zf.read("word/_rels/document.xml.rels").decode("utf-8")
        targets = dict(re.findall(r'Id="([^"]+)"[^>]*Target="([^"]+)"', rels))
        section = document[document.rindex("<w:sectPr"):]
        out: dict[str, list[Any]] = {}
        for kind, type_, rid in re.findall(
                r'<w:(header|footer)Reference w:type="(\w+)" r:id="([^"]+)"', section):
            xml = zf.read("word/" + targets[rid]).decode("utf-8")
            entry = out.setdefault(type_, ["", False])
            if kind == "footer":
                entry[0] = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))
            else:
                entry[1] = "<w:drawing>" in xml
        assert all(n in names for n in ("word/document.xml",))
        if out.get("first"):
            assert "<w:titlePg/>" in section
    return {k: (v[0], v[1]) for k, v in out.items()}


@pytest.mark.parametrize("mall", BUILTINS)
@pytest.mark.parametrize(("switches", "later_footer", "later_logo"), [
    ("", True, True),
    ("sidfot_bara_första_sidan: ja\n", False, True),
    ("logotyp_bara_första_sidan: ja\n", True, False),
    ("sidfot_bara_första_sidan: ja\nlogotyp_bara_första_sidan: ja\n", False, False),
    ("sidfot_bara_första_sidan: nej\n", True, True),
])
def test_footer_and_logo_on_the_first_page_only(
        tmp_path: Path, run: Callable[..., Result], mall: str, switches: str,
        later_footer: bool, later_logo: bool) -> None:
    from .conftest import make_png

    make_png(tmp_path / "logotyp.png")
    (tmp_path / "remissgen-profil.yaml").write_text(
        "sidfot:\n  - 'Besöksadress: Storgatan 1'\n  - ekby.se\n"
        "logotyp:\n  fil: logotyp.png\n  alt: Ekby kommun\n" + switches, encoding="utf-8")
    out = tmp_path / "ut.docx"
    build(run, _case(tmp_path, mall, "synpunkter: Kort.\n"), out)
    pages = _header_footer_texts(out)
    first, later = pages.get("first", pages["default"]), pages["default"]
    assert first == ("Besöksadress: Storgatan 1ekby.se", True)  # page 1 has everything
    assert ("ekby.se" in later[0]) is later_footer
    assert later[1] is later_logo
    assert ("first" in pages) is (not (later_footer and later_logo))


def test_a_yes_no_switch_takes_only_ja_or_nej(tmp_path: Path,
                                             run: Callable[..., Result]) -> None:
    case = _case(tmp_path, "neutral", "synpunkter: Kort.\nsidfot_bara_första_sidan: kanske\n")
    result = run("kontrollera", case)
    assert result.code == 1
    assert "'sidfot_bara_första_sidan' ska vara ja eller nej, men är 'kanske'" in result.err


@pytest.mark.parametrize("cells", [
    (("Handläggare", "Anna"), (), ("Nämnden",)),  # an empty column in the middle
    ((), ("Till", "Nämnden")),  # an empty first column, the body's first block
    ((), ()),  # nothing in either column
])
def test_an_empty_column_keeps_its_place(cells: tuple[tuple[str, ...], ...]) -> None:
    path = templating.builtin_path("stockholm")
    assert path is not None
    template = docx_writer.load_template(path)
    props = docx_writer.Properties("Rubrik", "Ärende", "Förvaltningen", "Dnr 1",
                                   dt.date(2026, 1, 2))
    blocks = [Columns(tuple(tuple(plain(t) for t in cell) for cell in cells)), plain("Sist.")]
    with jinja.budget():
        data = docx_writer.render(template, blocks, {
            "förvaltning": "Förvaltningen", "avdelning": "", "diarienummer": "Dnr 1",
            "datum": "2 januari 2026", "sidfot": []}, props)
    document = docx.Document(io.BytesIO(data))
    assert column_blocks(document) == [[list(cell) or [""] for cell in cells]]
    assert document.paragraphs[-1].text == "Sist."
