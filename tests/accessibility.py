"""The accessibility rules every built .docx must keep (DIGG and Swedish guidance for Word).

`check_accessibility(path)` returns the list of broken rules (empty when all hold), so a
test can assert `== []` and see every problem at once.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
DECORATIVE = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def _level(paragraph: docx.text.paragraph.Paragraph) -> int | None:
    name = paragraph.style.name if paragraph.style is not None else ""
    if name.startswith("Heading ") and name[8:].isdigit():
        return int(name[8:])
    return None


def check_accessibility(path: Path) -> list[str]:
    """Return every accessibility rule the .docx at `path` breaks, in Swedish-agnostic words."""
    document = docx.Document(str(path))
    problems: list[str] = []
    body = document.element.body

    levels = [lvl for p in document.paragraphs if (lvl := _level(p)) is not None]
    if levels.count(1) != 1 or levels[:1] != [1]:
        problems.append(f"exactly one Heading 1 first expected, headings are {levels}")
    for before, after in itertools.pairwise(levels):
        if after > before + 1:
            problems.append(f"heading level skipped: {before} → {after}")
    if any(lvl > 2 for lvl in levels):
        problems.append(f"section headings must be Heading 2, found levels {sorted(set(levels))}")

    for p in body.iter(f"{W}p"):
        has_content = any(True for _ in p.iter(f"{W}t", f"{W}drawing", f"{W}fldChar", f"{W}tab"))
        if not has_content:
            problems.append("an empty paragraph is used for spacing")
            break

    for p in document.paragraphs:
        if p.text.lstrip()[:2] in ("- ", "• ", "– ") and not _numbered(p, document):
            problems.append(f"a typed list marker instead of a Word list: {p.text[:30]!r}")
    for p in document.paragraphs:
        # "List Continue" is Word's style for a paragraph inside a list item: no number
        if (p.style.name.startswith("List") and p.style.name != "List Continue"
                and not _numbered(p, document)):
            problems.append(f"a list paragraph without numbering: {p.text[:30]!r}")

    props = document.core_properties
    if not props.title:
        problems.append("the document title property is empty")
    if props.language != "sv-SE":
        problems.append(f"the language property is {props.language!r}, not sv-SE")
    lang = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    if lang is None or lang.get(f"{W}val") != "sv-SE":
        problems.append("the document default language is not sv-SE")

    parts = [document.element] + [s.header._element for s in document.sections] + [
        s.footer._element for s in document.sections]
    for part in parts:
        for doc_pr in part.iter(f"{WP}docPr"):
            decorative = any(el.get("val") == "1" for el in doc_pr.iter(f"{{{DECORATIVE}}}decorative"))
            if not (doc_pr.get("descr") or "").strip() and not decorative:
                problems.append(f"an image without alt text: {doc_pr.get('name')!r}")

    for table in body.iter(f"{W}tbl"):
        if any(True for _ in table.iter(f"{W}gridSpan", f"{W}vMerge", f"{W}hMerge")):
            problems.append("a layout table has merged cells")
    return problems


def _numbered(p: docx.text.paragraph.Paragraph, document: docx.document.Document) -> bool:
    if p._p.pPr is not None and p._p.pPr.numPr is not None:
        return True
    style = document.styles.element.find(f"{W}style[@{W}styleId='{p.style.style_id}']")
    return style is not None and style.find(f"{W}pPr/{W}numPr") is not None
