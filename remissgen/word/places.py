"""Where a paragraph of a Word template stands, said as Word shows it: "sidhuvudet på första
sidan, tabell 1, rad 2, cell 1, stycke 1", never a part name such as `header2.xml`.

A header or footer part is named by the section properties that use it (default, first page,
even pages; the section when there are several), and a paragraph is counted within its
table cell when it stands in a table, else among the part's paragraphs outside tables.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from typing import Any

from ..messages import text
from .ooxml import R, W

_REFERENCE = re.compile(r"(header|footer)Reference$")


def part_names(members: dict[str, bytes]) -> dict[str, str]:
    """Return each header and footer part (`word/header1.xml`) → its name as Word shows it."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        document = etree.fromstring(members["word/document.xml"], parser)
        rels = etree.fromstring(members["word/_rels/document.xml.rels"], parser)
    except (KeyError, etree.XMLSyntaxError):
        return {}
    targets = {rel.get("Id"): posixpath.normpath(posixpath.join(
        "word", (rel.get("Target") or "")))
        if not (rel.get("Target") or "").startswith("/") else (rel.get("Target") or "")[1:]
        for rel in rels}
    even_odd = b"<w:evenAndOddHeaders" in members.get("word/settings.xml", b"") and (
        b'<w:evenAndOddHeaders w:val="0"' not in members.get("word/settings.xml", b""))
    sections = list(document.iter(f"{W}sectPr"))
    names: dict[str, str] = {}
    for number, sectpr in enumerate(sections, start=1):
        title = sectpr.find(f"{W}titlePg")
        first_page = title is not None and title.get(f"{W}val") not in ("0", "false")
        for ref in sectpr:
            found = _REFERENCE.search(str(ref.tag))
            part = targets.get(ref.get(f"{R}id"))
            if found is None or part is None or part in names:
                continue
            kind = ref.get(f"{W}type") or "default"
            if kind == "first" and not first_page:
                continue  # Word does not show it: the first page uses the default one
            names[part] = name(found.group(1), kind, even_odd,
                               number if len(sections) > 1 else None)
    return names


def name(kind: str, page: str = "default", even_odd: bool = False,
         section: int | None = None) -> str:
    """Return the Swedish name of a header or footer (`kind`) of the page type `page`."""
    base = text("del_sidhuvud" if kind == "header" else "del_sidfot")
    on = {"first": "del_på_första", "even": "del_på_jämna"}.get(page) or (
        "del_på_udda" if even_odd else None)
    out = base + (" " + text(on) if on else "")
    return out + (" " + text("del_i_avsnitt", number=section) if section else "")


def part_name(members: dict[str, bytes], part: str) -> str:
    """Return a part's name as Word shows it: the body, a header or footer, or one no section
    uses (named with its file, which is all that tells it apart)."""
    if part == "word/document.xml":
        return text("del_brödtext")
    found = part_names(members).get(part)
    if found:
        return found
    if part.endswith("_forsta_sidan.xml"):  # the writer's copy for page 1
        return name("header" if "header" in part else "footer", "first")
    kind = text("del_sidhuvud_ett" if "header" in part else "del_sidfot_ett")
    return text("del_oanvänd", kind=kind, part=posixpath.basename(part))


def paragraphs(root: Any) -> Iterator[tuple[Any, tuple[int, int, int] | None, int]]:
    """Yield (w:p, (table, row, cell) or None, number) for each paragraph under `root` in
    order: numbered from 1 within its table cell, or among the paragraphs outside tables;
    tables numbered from 1 in the order they start (nested ones too)."""
    tables: dict[Any, int] = {}
    counts: dict[Any, int] = {}
    for p in root.iter(f"{W}p"):
        cell = next((a for a in p.iterancestors(f"{W}tc")), None)
        if cell is None:
            counts[None] = counts.get(None, 0) + 1
            yield p, None, counts[None]
            continue
        row = cell.getparent()
        table = row.getparent()
        for outer in reversed(list(p.iterancestors(f"{W}tbl"))):
            tables.setdefault(outer, len(tables) + 1)
        counts[cell] = counts.get(cell, 0) + 1
        rows = [r for r in table if r.tag == f"{W}tr"]
        cells = [c for c in row if c.tag == f"{W}tc"]
        yield p, (tables[table], rows.index(row) + 1, cells.index(cell) + 1), counts[cell]


def where(part: str, cell: tuple[int, int, int] | None, number: int) -> str:
    """Return a paragraph's place: its part's name, its table cell if any, its number."""
    if cell is None:
        return text("del_stycke", part=part, number=number)
    return text("del_cell", part=part, table=cell[0], row=cell[1], cell=cell[2], number=number)
