"""A .docx → Layout: paragraphs and layout tables in reading order, runs with bold and italic.

python-docx is the project's document reader; it is imported only here.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from ..blocks import Run
from ..errors import InvalidInput, Location, Problem
from ..messages import text
from ..word import ooxml
from ..word.numbering import INDENT
from ..word.ooxml import W
from .layout import Grid, Item, Layout, Line, Role

_ROLES: dict[str, Role] = {
    "title": "title", "heading 1": "title", "subtitle": "subtitle", "etikett": "label",
    "blockrad": "line", "underskrift": "signature", "list bullet": "bullet",
    "list number": "number",
}


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
    body = [item for item in (reader.item(el) for el in document.element.body.iterchildren())
            if item is not None]
    layout = Layout(body, props=_props(document),
                    styled=any(isinstance(i, Line) and i.role in ("title", "heading") for i in body))
    if document.sections:
        section = document.sections[0]
        layout.header = [p.text for p in section.header.paragraphs if p.text.strip()]
        layout.footer = [part for p in section.footer.paragraphs
                         for part in p.text.split("\n") if part.strip()]
        layout.logo = _logo(section.header)
    return layout


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
        return self.styles.get(style_id or "", "normal") if style_id else "normal"

    def role(self, el: Any, style: str) -> Role:
        num = el.find(f"{W}pPr/{W}numPr/{W}numId")
        if num is not None and num.get(f"{W}val") not in (None, "0"):
            levels = self.formats.get(num.get(f"{W}val"), {})
            fmt = levels.get(_level(el.find(f"{W}pPr/{W}numPr")), levels.get(0, "bullet"))
            return "bullet" if fmt in ("bullet", "none") else "number"
        if style == "list continue" or self.style_id(el) == "ListContinue":
            return "continued"
        if style.startswith("heading ") and style != "heading 1":
            return "heading"
        return _ROLES.get(style, "text")

    def character_bold(self, el: Any) -> bool:
        """Return True when the paragraph's style itself is bold (a bold Normal look-alike)."""
        found = el.find(f"{W}pPr/{W}pStyle")
        return (found is not None and found.get(f"{W}val") in self.bold_styles
                and not self.style_name(el).startswith("heading"))

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
    """Return the numbering format of each level by numId ('bullet', 'decimal', ...)."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract = {}
    for a in numbering.iter(f"{W}abstractNum"):
        abstract[a.get(f"{W}abstractNumId")] = {
            int(lvl.get(f"{W}ilvl") or 0): (fmt.get(f"{W}val") or "")
            for lvl in a.iter(f"{W}lvl") if (fmt := lvl.find(f"{W}numFmt")) is not None}
    formats = {}
    for n in numbering.iter(f"{W}num"):
        ref = n.find(f"{W}abstractNumId")
        if ref is not None:
            formats[n.get(f"{W}numId")] = abstract.get(ref.get(f"{W}val"), {})
    return formats
