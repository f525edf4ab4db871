"""Layout → the parts of a tjänsteutlåtande: header block, title, sections, closing, signatures.

A document built by remissgen carries its roles in its styles. A hand-made one (or plain
text) is read by its label and heading texts: a bold Normal paragraph that says
"Sammanfattning" is that section's heading, and tab-separated lines stand for a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..messages import text
from .layout import Grid, Item, Layout, Line, is_block_label, known_heading, label_of, line


@dataclass
class Section:
    """A section as read: its heading and its content lines."""

    heading: str
    lines: list[Line] = field(default_factory=list)


@dataclass
class Parsed:
    """The parts of the document, each as text or lines, not yet read as case data."""

    left: list[str] = field(default_factory=list)
    right: list[str] = field(default_factory=list)
    title: str | None = None
    subtitle: str | None = None
    sections: list[Section] = field(default_factory=list)
    closing: str | None = None
    closing_line: Line | None = None  # the paragraph the closing was read from
    recipients: list[str] = field(default_factory=list)
    signatures: list[tuple[str, str]] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def parse(layout: Layout) -> Parsed:
    """Return the parts of `layout`; what fits nowhere is noted, never dropped."""
    items = _tab_grids(list(layout.body))
    styled = any(isinstance(i, Line) and i.role in ("title", "heading") for i in items)
    items = _infer_roles(items) if not styled else _bold_headings(items)
    out = Parsed(notes=list(layout.notes))
    pos = _header_block(items, out)
    pos = _title(items, pos, out)
    pos = _sections(items, pos, out, exact=layout.styled)
    _closing_parts(items, pos, out)
    return out


def _tab_grids(items: list[Item]) -> list[Item]:
    """Return `items` with tab-separated lines (the block, signatures) made into Grids."""
    out: list[Item] = []
    i = 0
    closing = False
    while i < len(items):
        item = items[i]
        if isinstance(item, Line) and label_of(item.text) == "expedieras":
            closing = True
        if (isinstance(item, Line) and "\t" in item.text.strip()
                and (is_block_label(item.text) or closing)):
            rows = []
            while i < len(items):
                row = items[i]
                if not isinstance(row, Line) or "\t" not in row.text:
                    break
                rows.append(re.split(r"\t+", row.text.strip(" \n")))
                i += 1
            width = max(len(r) for r in rows)
            columns = tuple(tuple(line(r[j].strip(), "line") for r in rows
                                  if j < len(r) and r[j].strip()) for j in range(width))
            out.append(Grid(tuple(c for c in columns if c)))
            continue
        out.append(item)
        i += 1
    return out


def _is_bold(item: Line) -> bool:
    return all(r.bold for r in item.runs if r.text.strip())


def _bold_headings(items: list[Item]) -> list[Item]:
    """Return `items` with a heading added in Word as a bold paragraph of its own (short, no
    closing punctuation, text below it) read as a heading, so that it becomes an avsnitt."""
    out = list(items)
    for i, item in enumerate(items[:-1]):
        below = items[i + 1]
        if (isinstance(item, Line) and item.role == "text" and _looks_like_heading(item)
                and isinstance(below, Line) and below.role in ("text", "bullet", "number")
                and not _is_bold(below) and i > 0
                and any(isinstance(x, Line) and x.role == "heading" for x in items[:i])):
            out[i] = Line(item.runs, "heading")
    return out


def _looks_like_heading(item: Line) -> bool:
    words = item.text.split()
    return (_is_bold(item) and 0 < len(words) <= 8 and not label_of(item.text)
            and not re.search(r"[.:;,!?]$", item.text.strip()))


def _infer_roles(items: list[Item]) -> list[Item]:
    """Return `items` with roles read from texts: headings, labels, title and subtitle."""
    out: list[Item] = []
    seen_block = not any(isinstance(i, Grid) for i in items[:3])
    seen_title = seen_heading = False
    for item in items:
        if isinstance(item, Grid):
            seen_block = True
            out.append(item)
            continue
        role = item.role
        words = item.text.split()
        if role not in ("text", "line"):
            pass
        elif label_of(item.text) and (seen_heading or _is_bold(item) or len(words) <= 2):
            role = "label"
        elif known_heading(item.text) and (_is_bold(item) or seen_title):
            role, seen_heading = "heading", True
        elif seen_block and not seen_title:
            role, seen_title = "title", True
        elif seen_title and not seen_heading:
            role = "subtitle"
        elif _looks_like_heading(item):
            role = "heading"
        out.append(Line(item.runs, role))
    return out


def _header_block(items: list[Item], out: Parsed) -> int:
    """Read the Handläggare/Till block; return the position after it."""
    for pos, item in enumerate(items[:4]):
        if isinstance(item, Grid) and len(item.cells) == 2:
            left, right = ([c.text.strip() for c in column] for column in item.cells)
            if is_block_label(left[0] + " " + right[0]):
                out.left, out.right = left[1:], right[1:]
                return pos + 1
    out.notes.append(text("importera_inget_block"))
    return 0


def _title(items: list[Item], pos: int, out: Parsed) -> int:
    """Read the title and subtitle; return the position of the first section heading."""
    while pos < len(items):
        item = items[pos]
        if isinstance(item, Line) and item.role == "heading":
            return pos
        if isinstance(item, Line) and item.role == "title" and out.title is None:
            out.title = item.text.strip()
        elif isinstance(item, Line) and out.subtitle is None and (
                item.role == "subtitle" or out.title is not None):
            out.subtitle = item.text.strip()
        else:
            out.notes.append(text("importera_oplacerad", what=_describe(item)))
        pos += 1
    return pos


def _sections(items: list[Item], pos: int, out: Parsed, exact: bool) -> int:
    """Read every section up to the closing label; return the position of that label.

    A styled heading is taken as written; a heading found by its words (OCR, hand-made)
    is the standard heading it resembles.
    """
    while pos < len(items):
        item = items[pos]
        if isinstance(item, Line) and (item.role == "label" or label_of(item.text) == "expedieras"):
            break
        if isinstance(item, Grid):
            break
        if isinstance(item, Line) and item.role == "heading":
            written = item.text.strip()
            found = written if exact else known_heading(written)
            out.sections.append(Section(found or written))
        elif out.sections:
            out.sections[-1].lines.append(item)
        pos += 1
    _split_closing(out)
    return pos


def _split_closing(out: Parsed) -> None:
    """Take the closing sentence from the end of the last section.

    It is a plain paragraph just before "Expedieras till", and a section is never empty, so a
    last section of one block keeps it; a plain last paragraph after other blocks is the
    closing sentence (a document cannot tell it from a section's own last paragraph).
    """
    if not out.sections:
        return
    last = out.sections[-1].lines
    if len(last) >= 2 and last[-1].role == "text" and not any(r.bold or r.italic
                                                                for r in last[-1].runs):
        out.closing_line = last.pop()
        out.closing = out.closing_line.text.strip()


def _closing_parts(items: list[Item], pos: int, out: Parsed) -> None:
    """Read "Expedieras till", the signatures and the bilagor after the sections."""
    mode = ""
    for item in items[pos:]:
        if isinstance(item, Grid):
            out.signatures += _signatures(item)
            mode = "signed"
            continue
        kind = label_of(item.text) if item.role in ("label", "text", "line") else None
        if kind == "expedieras":
            mode = "expedieras"
        elif kind in ("bilaga", "bilagor"):
            mode = kind
        elif mode == "expedieras" and item.role != "signature":
            out.recipients.append(item.text.strip())
        elif mode == "bilagor" or (mode == "bilaga" and not out.attachments):
            out.attachments.append(re.sub(r"^\d+\.\s+", "", item.text.strip())
                                   if item.role == "text" else item.text.strip())
        else:
            out.notes.append(text("importera_oplacerad", what=_describe(item)))


def _signatures(grid: Grid) -> list[tuple[str, str]]:
    """Return (namn, titel) per column: name above title."""
    out = []
    for column in grid.cells:
        texts = [c.text.strip() for c in column]
        out.append((texts[0], " ".join(texts[1:]) if len(texts) > 1 else ""))
    return out


def _describe(item: Item) -> str:
    if isinstance(item, Grid):
        words = " | ".join(" / ".join(c.text for c in column) for column in item.cells)
    else:
        words = item.text
    words = " ".join(words.split())
    return words if len(words) <= 80 else words[:77] + "..."

