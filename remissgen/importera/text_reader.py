"""Plain text (such as OCR output) → Layout: paragraphs, headings and labels found by their words.

OCR text has no styles and flattens two-column blocks into single lines, so this reader
finds the label rows, the known headings and the labels by their (diacritic-folded) text
and splits the flattened columns back, noting every guess it makes.
"""

from __future__ import annotations

import re

from .. import doctype
from ..messages import text
from .layout import (
    Grid,
    Item,
    Layout,
    Line,
    Role,
    fold,
    is_block_label,
    known_heading,
    label_of,
    line,
    long_date,
)

_LIST = re.compile(r"(?:[-•–]|(\d{1,3})\.)\s+(?=\S)")
_DATE_AT_END = re.compile(r"(.*?)\s*(\d{1,2} \w+ \d{4})$")


def read(source: str) -> Layout:
    """Return the Layout of plain text `source`."""
    groups = _groups(source)
    layout = Layout([])
    reader = _Reader(layout)
    for group in groups:
        reader.group(group)
    return layout


def _groups(source: str) -> list[list[str]]:
    """Return the text's line groups, split at blank lines, page breaks and edge spaces gone."""
    groups: list[list[str]] = [[]]
    for raw in source.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = raw.replace("\f", " ").strip()
        if stripped:
            groups[-1].append(stripped)
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


class _Reader:
    """Reads line groups in order, knowing which part of the document it is in."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.part = "start"  # start → title → sections → expedieras → signatures → bilagor

    @property
    def body(self) -> list[Item]:
        return self.layout.body

    def group(self, lines: list[str]) -> None:
        if self.part == "start" and is_block_label(lines[0]):
            self.body.append(self.block(lines[1:]))
            self.part = "title"
            return
        if self.part in ("expedieras", "signatures") and not any(label_of(x) for x in lines):
            self.closing_group(lines)
            return
        if self.part == "sections" and len(lines) == 1 and _looks_like_heading(lines[0]):
            self.body.append(line(lines[0], "heading"))  # an extra section's heading
            return
        paragraph: list[str] = []
        for current in lines:
            kind = label_of(current)
            if known_heading(current) and self.part in ("start", "title", "sections"):
                self.flush(paragraph)
                paragraph = []
                self.body.append(line(current, "heading"))
                self.part = "sections"
            elif kind is not None:
                self.flush(paragraph)
                paragraph = []
                self.body.append(line(current, "label"))
                self.part = "expedieras" if kind == "expedieras" else "bilagor"
            elif self.part == "bilagor":
                found = _LIST.match(current)
                self.body.append(line(current[found.end():] if found else current, "line"))
            else:
                paragraph.append(current)
        self.flush(paragraph)

    def flush(self, lines: list[str]) -> None:
        """Add a paragraph (or list items); a paragraph cut by a page break is joined again."""
        if not lines:
            return
        role: Role = "text"
        if self.part in ("start", "title"):
            role = "subtitle" if any(isinstance(i, Line) and i.role == "title"
                                     for i in self.body) else "title"
            self.part = "title"
        items = _list_items(lines) if role == "text" else None
        if items is not None:
            self.body.extend(items)
            return
        joined = " ".join(lines)
        last = self.body[-1] if self.body else None
        if (role == "text" and isinstance(last, Line) and last.role == "text"
                and not re.search(r"[.!?:]$", last.text) and joined[:1].islower()):
            self.body[-1] = line(last.text + " " + joined)
            return
        self.body.append(line(joined, role))

    def closing_group(self, lines: list[str]) -> None:
        """Read recipients (first group after the label), then signature rows."""
        if self.part == "expedieras":
            self.body.extend(line(x, "line") for x in lines)
            self.part = "signatures"
            return
        for i in range(0, len(lines) - 1, 2):
            self.body.append(self.signatures(lines[i], lines[i + 1]))
        if len(lines) % 2:
            self.layout.notes.append(text("importera_oplacerad", what=lines[-1]))

    def signatures(self, names: str, titles: str) -> Grid:
        """Return the signatures of a flattened row: names on one line, titles on the next."""
        title_words = titles.split()
        name_words = names.split()
        count = max(1, min(len(title_words), len(name_words) // 2))
        if count == 1:
            return Grid(((line(names), line(titles)),))
        if len(name_words) != 2 * count or len(title_words) != count:
            self.layout.notes.append(text("importera_underskrifter_gissade", what=names))
        split = [name_words[2 * i:2 * i + 2] for i in range(count - 1)]
        split.append(name_words[2 * (count - 1):])
        titles_split = [*title_words[:count - 1], " ".join(title_words[count - 1:])]
        return Grid(tuple((line(" ".join(n)), line(t)) for n, t in zip(split, titles_split,
                                                                        strict=True)))

    def block(self, lines: list[str]) -> Grid:
        """Return the Handläggare/Till block from its flattened lines."""
        p = doctype.get().phrases()
        prefixes = (p.telefon("\x00").split("\x00")[0], p.e_post("\x00").split("\x00")[0])
        left: list[Line] = [line(p.etikett_handläggare())]
        right: list[Line] = [line(p.etikett_till())]
        for current in lines:
            found = _DATE_AT_END.fullmatch(current)
            if found and long_date(found.group(2)) is not None:
                current = found.group(1)
                date = line(found.group(2))
            else:
                date = None
            if current.startswith(prefixes) or (len(left) > 1 and len(right) > 1):
                left.append(line(current)) if current else None
            elif current:
                name, nämnd = _split_name(current)
                left.append(line(name))
                if nämnd:
                    right.append(line(nämnd))
            if date is not None:
                right.append(date)
        return Grid((tuple(left), tuple(right)))


def _split_name(value: str) -> tuple[str, str]:
    """Split 'Christina Grefveberg Södermalms stadsdelsnämnd' into the name and the nämnd."""
    words = value.split()
    hit = next((i for i, w in enumerate(words) if i and re.search(
        r"n[aä]mnd|styrelse", fold(w))), None)
    if hit is None:
        return value, ""
    start = max((i for i in range(1, hit + 1) if words[i][:1].isupper()), default=hit)
    return " ".join(words[:start]), " ".join(words[start:])


def _list_items(lines: list[str]) -> list[Item] | None:
    """Return list items when every line of a group starts like one ('- ', '• ', '1. ')."""
    found = [_LIST.match(x) for x in lines]
    if not all(found):
        return None
    numbered = all(m is not None and m.group(1) for m in found)
    return [line(x[m.end():], "number" if numbered else "bullet")
            for x, m in zip(lines, found, strict=True) if m is not None]


def _looks_like_heading(value: str) -> bool:
    """Return True for a line standing alone that reads as a heading, not as text: a capital
    first letter, at most six words and no closing punctuation (OCR text has no styles)."""
    words = value.split()
    return (0 < len(words) <= 6 and value[:1].isupper() and label_of(value) is None
            and not re.search(r"[.:;,!?)]$", value) and _LIST.match(value) is None)
