"""A .docx → Layout: paragraphs and layout tables in reading order, runs with bold and italic.

python-docx is the project's document reader; it is imported only here.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from ..blocks import Run
from ..errors import InvalidInput, Location, Problem
from ..messages import text
from ..word import numbering, ooxml, styles
from ..word.numbering import INDENT
from ..word.ooxml import W
from .layout import Grid, Item, Layout, Line, Role

_ROLES: dict[str, Role] = {
    styles.key(styles.TITLE): "title", styles.key(styles.HEADING_1): "title",
    styles.key(styles.SUBTITLE): "subtitle", styles.key(styles.LABEL): "label",
    styles.key(styles.BLOCK_LINE): "line", styles.key(styles.SIGNATURE): "signature",
    styles.key(styles.LIST_BULLET): "bullet", styles.key(styles.LIST_NUMBER): "number",
}
_NORMAL = styles.key(styles.NORMAL)


def read(path: Path, shown: str) -> Layout:
    """Return the Layout of the Word document at `path`, or raise InvalidInput."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    from .. import limits, safezip

    try:
        if not path.is_file():
            raise limits.NotRegular(shown)  # a FIFO or device is never opened
        safezip.read_members(path, lambda name: False)  # the sizes its directory declares
        document = docx.Document(str(path))
    except safezip.TooLarge as exc:
        raise InvalidInput([Problem(Location(shown), text("importera_för_stor", what=exc.what,
                                                          limit=exc.limit // limits.MB),
                                    text("importera_inte_docx_tips"))]) from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError,
            etree.XMLSyntaxError) as exc:
        raise InvalidInput([Problem(Location(shown), text("importera_inte_docx"),
                                    text("importera_inte_docx_tips"), code="importera-inte-docx")]) from exc
    reader = _Reader(document)
    body = [item for item in reader.items(document.element.body) if item is not None]
    layout = Layout(body, props={**_props(document), **_custom(path)},
                    styled=any(isinstance(i, Line) and i.role in ("title", "heading") for i in body))
    if document.sections:
        section = document.sections[0]
        first = section.different_first_page_header_footer  # page 1's own: the full one
        header = section.first_page_header if first else section.header
        footer = section.first_page_footer if first else section.footer
        layout.header = [text for text in _texts(header) if text.strip()]
        layout.footer = [part for text in _texts(footer)
                         for part in text.split("\n") if part.strip()]
        layout.logo = _logo(header)
    return layout


def _texts(part: Any) -> list[str]:
    """Return the text of every paragraph of a header or footer, in tables too, in order."""
    from ..word.docx_writer import paragraph_text

    return [paragraph_text(p) for p in part._element.iter(f"{W}p")]


_A, _WP, _R = ooxml.A, ooxml.WP, ooxml.R


def _logo(header: Any) -> tuple[bytes, str] | None:
    """Return the page header's first image and its alt text, or None."""
    element = header._element
    blip = next(element.iter(f"{_A}blip"), None)
    if blip is None:
        return None
    try:
        data: bytes = header.part.related_parts[blip.get(f"{_R}embed")].blob
    except KeyError:
        return None
    doc_pr = next(element.iter(f"{_WP}docPr"), None)
    alt = (doc_pr.get("descr") or "") if doc_pr is not None else ""
    return data, alt


_CUSTOM = re.compile(r'<property\b[^>]*\bname="([^"]+)"[^>]*>\s*<vt:lpwstr>([^<]*)</vt:lpwstr>')


def _custom(path: Path) -> dict[str, str]:
    """Return the custom document properties (docProps/custom.xml) as 'egenskap:NAME' → text."""
    import html

    try:
        with zipfile.ZipFile(path) as zf:
            xml = zf.read("docProps/custom.xml").decode("utf-8")
    except (KeyError, OSError, zipfile.BadZipFile, UnicodeDecodeError):
        return {}
    return {f"egenskap:{html.unescape(n)}": html.unescape(v) for n, v in _CUSTOM.findall(xml)}


def _props(document: Any) -> dict[str, str]:
    core = document.core_properties
    created = core.created.date().isoformat() if core.created else ""
    return {"title": core.title or "", "subject": core.subject or "",
            "author": core.author or "", "keywords": core.keywords or "", "created": created}


class _Reader:
    """Turns body elements into Lines and Grids; knows the document's styles and lists."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.styles = {s.style_id: (s.name or "").lower() for s in document.styles}
        self.bold_styles = {s.style_id for s in document.styles
                            if getattr(s, "font", None) is not None and s.font.bold}
        self.formats = _list_formats(document)

    def items(self, body: Any) -> list[Item | None]:
        """Return the body's items in order; a section of several columns becomes a Grid.

        remissgen writes its two-column blocks as continuous sections with column breaks
        (older versions as borderless tables, which `item` reads).
        """
        out: list[Item | None] = []
        section: list[Any] = []
        for el in body.iterchildren():
            if el.tag == f"{W}sectPr":
                out += self.section(section, _columns(el))
                section = []
                continue
            section.append(el)
            sectpr = el.find(f"{W}pPr/{W}sectPr") if el.tag == f"{W}p" else None
            if sectpr is not None:
                out += self.section(section, _columns(sectpr))
                section = []
        return out + self.section(section, 1)

    def section(self, elements: list[Any], columns: int) -> list[Item | None]:
        """Return a section's items: one Grid, split at column breaks, when it has columns."""
        if columns < 2:
            return [self.item(el) for el in elements]
        cells: list[list[Line]] = [[]]
        for el in elements:
            if el.tag != f"{W}p":
                continue
            if cells[-1] and el.find(f".//{W}br[@{W}type='column']") is not None:
                cells.append([])
            found = self.paragraph(el)
            if found is not None and found.text.strip():
                cells[-1].append(found)
        kept = tuple(tuple(c) for c in cells if c)
        return [Grid(kept)] if kept else []

    def item(self, el: Any) -> Item | None:
        if el.tag == f"{W}p":
            found = self.paragraph(el)
            return found if found is not None and found.text.strip() else None
        if el.tag == f"{W}tbl":
            return self.table(el)
        return None

    def paragraph(self, el: Any) -> Line | None:
        style = self.style_name(el)
        runs = tuple(_runs(el, self.character_bold(el)))
        role = self.role(el, style)
        if role in ("bullet", "number"):
            num = el.find(f"{W}pPr/{W}numPr")
            return Line(runs or (Run(""),), role, _level(num), _val(num, "numId"))
        if role == "continued":
            ind = el.find(f"{W}pPr/{W}ind")
            left = int(ind.get(f"{W}left") or 0) if ind is not None else INDENT
            return Line(runs or (Run(""),), role, max(round(left / INDENT) - 1, 0))
        return Line(runs or (Run(""),), role)

    def style_id(self, el: Any) -> str:
        found = el.find(f"{W}pPr/{W}pStyle")
        return str(found.get(f"{W}val") or "") if found is not None else ""

    def style_name(self, el: Any) -> str:
        found = el.find(f"{W}pPr/{W}pStyle")
        style_id = found.get(f"{W}val") if found is not None else None
        return self.styles.get(style_id or "", _NORMAL) if style_id else _NORMAL

    def role(self, el: Any, style: str) -> Role:
        num = el.find(f"{W}pPr/{W}numPr/{W}numId")
        if num is not None and num.get(f"{W}val") not in (None, "0"):
            levels = self.formats.get(num.get(f"{W}val"), {})
            fmt = levels.get(_level(el.find(f"{W}pPr/{W}numPr")), levels.get(0, "bullet"))
            return "bullet" if fmt in ("bullet", "none") else "number"
        if (style == styles.key(styles.LIST_CONTINUE)
                or self.style_id(el) == styles.ID[styles.LIST_CONTINUE]):
            return "continued"
        if style.startswith(styles.HEADING_PREFIX) and style != styles.HEADING_1:
            return "heading"
        return _ROLES.get(style, "text")

    def character_bold(self, el: Any) -> bool:
        """Return True when the paragraph's style itself is bold (a bold Normal look-alike)."""
        found = el.find(f"{W}pPr/{W}pStyle")
        return (found is not None and found.get(f"{W}val") in self.bold_styles
                and not self.style_name(el).startswith(styles.HEADING_PREFIX.rstrip()))

    def table(self, el: Any) -> Grid | None:
        columns: list[list[Line]] = []
        for tr in el.iter(f"{W}tr"):
            for j, tc in enumerate(tr.findall(f"{W}tc")):
                while len(columns) <= j:
                    columns.append([])
                for p in tc.iter(f"{W}p"):
                    found = self.paragraph(p)
                    if found is not None and found.text.strip():
                        columns[j].append(found)
        cells = tuple(tuple(c) for c in columns if c)
        return Grid(cells) if cells else None


def _columns(sectpr: Any) -> int:
    """Return the number of text columns a w:sectPr sets (1 when it sets none)."""
    cols = sectpr.find(f"{W}cols")
    try:
        return int(cols.get(f"{W}num", "1")) if cols is not None else 1
    except ValueError:
        return 1


def _runs(p: Any, style_bold: bool) -> list[Run]:
    """Return a paragraph's runs (hyperlinks included), merging neighbours of one format."""
    out: list[Run] = []
    for r in p.iter(f"{W}r"):
        if r.getparent().tag not in (f"{W}p", f"{W}hyperlink", f"{W}ins", f"{W}smartTag"):
            continue
        rpr = r.find(f"{W}rPr")
        bold = _on(rpr, "b") if rpr is not None and rpr.find(f"{W}b") is not None else style_bold
        italic = _on(rpr, "i")
        piece = _run_text(r)
        if not piece:
            continue
        if out and (out[-1].bold, out[-1].italic) == (bold, italic):
            out[-1] = Run(out[-1].text + piece, bold, italic)
        else:
            out.append(Run(piece, bold, italic))
    return out


def _on(rpr: Any, tag: str) -> bool:
    if rpr is None:
        return False
    found = rpr.find(f"{W}{tag}")
    return found is not None and found.get(f"{W}val") not in ("0", "false", "off")


def _run_text(r: Any) -> str:
    parts = []
    for child in r:
        if child.tag == f"{W}t":  # a non-breaking space (dates, amounts) reads as a space
            parts.append((child.text or "").replace("\u00a0", " "))
        elif child.tag == f"{W}tab":
            parts.append("\t")
        elif child.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
    return "".join(parts)


def _level(numpr: Any) -> int:
    """Return the list level (w:ilvl) of a w:numPr, 0 when it names none."""
    found = _val(numpr, "ilvl")
    return int(found) if found.isdigit() else 0


def _val(numpr: Any, tag: str) -> str:
    found = numpr.find(f"{W}{tag}") if numpr is not None else None
    return str(found.get(f"{W}val") or "") if found is not None else ""


def _list_formats(document: Any) -> dict[str, dict[int, str]]:
    """Return the numbering format of each level by numId ('bullet', 'decimal', ...), read
    by the writer's own reader of numbering.xml."""
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    found = numbering.read(root)
    return {str(num): found.level_formats(num) for num in found.nums}
