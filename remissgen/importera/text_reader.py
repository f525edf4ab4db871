"""Plain text (such as OCR output) → Layout: paragraphs, headings and labels found by their words.

OCR text has no styles and flattens two-column blocks into single lines, so this reader
finds the label rows, the known headings and the labels by their (diacritic-folded) text
and splits the flattened columns back, noting every guess it makes.
"""

from __future__ import annotations

import re

from .. import doctype
from ..messages import text
from ..richtext import MAX_LEVEL
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

_LIST = re.compile(r"(?:[-•–*+]|(\d{1,3})[.)])\s+(?=\S)")
"""A list item's marker: the case file's (`- `, `* `, `+ `, `1. `, `1) `), a paste from
Word (`• `) and an en dash."""
_DATE_AT_END = re.compile(r"(.*?)\s*(\d{1,2} \w+ \d{4})$")


NESTED = 2
"""How many more spaces than the item above a list item (or a paragraph under one) is
indented to stand inside it, as the least that `- ` needs in the case file."""


def read(source: str) -> Layout:
    """Return the Layout of plain text `source`."""
    layout = Layout([])
    reader = _Reader(layout)
    for group in _groups(source):
        reader.group(group)
    return layout


def _groups(source: str) -> list[list[tuple[int, str]]]:
    """Return the text's line groups, split at blank lines and page breaks: each line's
    indent (tabs as four spaces) and its text, edge spaces gone."""
    groups: list[list[tuple[int, str]]] = [[]]
    for raw in source.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        raw = raw.replace("\f", " ").expandtabs(4)
        stripped = raw.strip()
        if stripped:
            groups[-1].append((len(raw) - len(raw.lstrip()), stripped))
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


class _Reader:
    """Reads line groups in order, knowing which part of the document it is in."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.part = "start"  # start → title → sections → expedieras → signatures → bilagor
        self.indents: list[int] = []  # the open list items' indents, outer first

    @property
    def body(self) -> list[Item]:
        return self.layout.body

    def group(self, indented: list[tuple[int, str]]) -> None:
        lines = [current for _, current in indented]
        if self.part == "sections" and self.list_group(indented):
            return
        self.indents = []
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
        paragraph: list[tuple[int, str]] = []
        for indent, current in indented:
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
                paragraph.append((indent, current))
        self.flush(paragraph)

    def flush(self, indented: list[tuple[int, str]]) -> None:
        """Add a paragraph (or list items); a paragraph cut by a page break is joined again."""
        if not indented:
            return
        lines = [current for _, current in indented]
        role: Role = "text"
        if self.part in ("start", "title"):
            role = "subtitle" if any(isinstance(i, Line) and i.role == "title"
                                     for i in self.body) else "title"
            self.part = "title"
        elif self.list_group(indented):
            return
        joined = " ".join(lines)
        last = self.body[-1] if self.body else None
        if (role == "text" and isinstance(last, Line) and last.role == "text"
                and not re.search(r"[.!?:]$", last.text) and joined[:1].islower()):
            self.body[-1] = line(last.text + " " + joined)
            return
        self.body.append(line(joined, role))

    def list_group(self, lines: list[tuple[int, str]]) -> bool:
        """Add a group of list items, nested by their indents, and return True. Lines
        indented under the list just before, ahead of any item, are a paragraph inside its
        last item; a line after an item without a marker goes on with it (as CommonMark's
        lazy lines). Return False, adding nothing, for any other group."""
        if any(known_heading(x) or label_of(x) for _, x in lines):
            return False
        inside: list[tuple[int, str]] = []  # the lines ahead of the first item
        items: list[tuple[int, str]] = []  # indent, text with its marker (wrapped lines joined)
        for indent, current in lines:
            if _LIST.match(current) is not None:
                items.append((indent, current))
            elif items:
                items[-1] = (items[-1][0], f"{items[-1][1]} {current}")
            else:
                inside.append((indent, current))
        if inside and (not self.indents or min(i for i, _ in inside) < self.indents[0] + NESTED):
            return False
        if inside:
            level = self.level(inside[0][0])
            self.body.append(Line(line(" ".join(x for _, x in inside)).runs, "continued", level))
        for indent, current in items:
            found = _LIST.match(current)
            assert found is not None
            role: Role = "number" if found.group(1) else "bullet"
            marker = current[found.end(1) if found.group(1) else 0].replace("•", "-")
            self.body.append(Line(line(current[found.end():]).runs, role,  # another marker:
                                  self.level(indent, item=True), marker))  # another list
        return True

    def level(self, indent: int, item: bool = False) -> int:
        """Return the list level of a line at `indent`: under each open item it stands
        inside; an `item` at that level becomes the open one there."""
        while self.indents and indent < self.indents[-1] + NESTED:
            if not item and len(self.indents) == 1:
                break
            self.indents.pop()
        if not item:
            return max(len(self.indents) - 1, 0)
        self.indents.append(indent)
        return min(len(self.indents) - 1, MAX_LEVEL)

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


def _looks_like_heading(value: str) -> bool:
    """Return True for a line standing alone that reads as a heading, not as text: a capital
    first letter, at most six words and no closing punctuation (OCR text has no styles)."""
    words = value.split()
    return (0 < len(words) <= 6 and value[:1].isupper() and label_of(value) is None
            and not re.search(r"[.:;,!?)]$", value) and _LIST.match(value) is None)
