"""numbering.xml is read as XML by one reader (word/numbering.py), which the writer, the
template check and importera share: a template whose numbering binds the WordprocessingML
namespace to another prefix, or writes its attributes in another order, checks, builds and
numbers its lists as Word would."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

import docx

from remissgen.word import numbering, templating
from remissgen.word.ooxml import W_NS, W

from .conftest import ROOT, SEED_CASE, Result, build

TEMPLATE = ROOT / "templates" / "stockholm.docx"


def _rewritten(target: Path, change: Callable[[ET.Element], None] | None = None) -> Path:
    """Copy the built-in template with numbering.xml written by ElementTree: the namespace
    as `ns0:`, each level with Word's template code, and every element's attributes in
    reverse order (the level's id after its code)."""
    with zipfile.ZipFile(TEMPLATE) as z:
        members = {i.filename: z.read(i) for i in z.infolist()}
    root = ET.fromstring(members["word/numbering.xml"])
    if change is not None:
        change(root)
    for lvl in root.iter(f"{W}lvl"):
        lvl.set(f"{W}tplc", "041D000F")
    for el in root.iter():
        items = list(el.attrib.items())
        el.attrib.clear()
        el.attrib.update(reversed(items))
    members["word/numbering.xml"] = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return target


def test_the_rewritten_numbering_is_one_a_regex_would_misread(tmp_path: Path) -> None:
    template = _rewritten(tmp_path / "egen.docx")
    with zipfile.ZipFile(template) as z:
        xml = z.read("word/numbering.xml")
    assert b"<ns0:numbering" in xml and b"<w:" not in xml
    assert not re.findall(rb'<w:numFmt w:val="(\w+)"', xml)  # what the check read before
    assert b'<ns0:lvl ns0:tplc="041D000F" ns0:ilvl="0">' in xml
    found = numbering.read(numbering.parse(xml))
    assert found.all_formats() == {"bullet", "decimal"}
    assert {found.level_formats(n)[0] for n in found.nums} == {"bullet", "decimal"}


def test_the_template_check_reads_lists_as_the_writer_does(tmp_path: Path) -> None:
    template = _rewritten(tmp_path / "egen.docx")
    assert [p.code for p in templating.check(template, "egen.docx")] == []


def test_a_template_without_bullets_is_still_refused(tmp_path: Path) -> None:
    def decimal_only(root: ET.Element) -> None:
        for fmt in root.iter(f"{W}numFmt"):
            fmt.set(f"{W}val", "decimal")

    template = _rewritten(tmp_path / "utan.docx", decimal_only)
    codes = [p.code for p in templating.check(template, "utan.docx")]
    assert codes == ["mall-listor-saknas"]


def test_a_build_with_it_numbers_its_lists(run: Callable[..., Result], tmp_path: Path) -> None:
    _rewritten(tmp_path / "egen.docx")
    text = SEED_CASE.read_text(encoding="utf-8")
    text = re.sub(r"^mall:.*\n", "", text, flags=re.M)
    text = text.replace("synpunkter: |\n", "synpunkter: |\n  - en punkt\n  - en till\n\n"
                        "  1. först\n  2. sedan\n\n", 1)
    case = tmp_path / "fall.yaml"
    case.write_text("mall: egen.docx\n" + text, encoding="utf-8")
    document = build(run, case, tmp_path / "fall.docx")
    with zipfile.ZipFile(tmp_path / "fall.docx") as z:
        xml = z.read("word/numbering.xml")
    assert xml.startswith(b"<?xml") and f'xmlns:w="{W_NS}"'.encode() in xml
    found = numbering.read(numbering.parse(xml))
    kinds = {}
    for p in document.paragraphs:
        num = p._p.find(f"{W}pPr/{W}numPr/{W}numId")
        if num is not None:
            kinds[p.text] = found.level_formats(int(num.get(f"{W}val")))[0]
    assert kinds["en punkt"] == kinds["en till"] == "bullet"
    assert kinds["först"] == kinds["sedan"] == "decimal"
    assert isinstance(document, docx.document.Document)


def test_an_empty_numbering_gets_the_writer_s_lists() -> None:
    lists = numbering.Lists(f'<?xml version="1.0"?>\n<w:numbering xmlns:w="{W_NS}"/>')
    xml = lists.head + lists.num(lists.next_num, True, 0) + lists.tail
    found = numbering.read(numbering.parse(xml))
    assert found.level_formats(lists.next_num) == {0: "decimal", 1: "decimal", 2: "decimal"}
    assert found.formats[lists.bullet][0] == "bullet"
