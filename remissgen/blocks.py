"""Plain blocks of a document body: headings, paragraphs, lists, runs, layout tables.

NamedTuples, cheap to define at start-up and to create per document.
"""

from __future__ import annotations

from typing import NamedTuple


class Run(NamedTuple):
    """A stretch of text with one formatting; '\\n' in `text` is a line break."""

    text: str
    bold: bool = False
    italic: bool = False


class Paragraph(NamedTuple):
    """A paragraph of runs in a named style (the style's name, as in the Word template);
    `keep_with_next` keeps it on the page of the paragraph that follows."""

    runs: tuple[Run, ...]
    style: str = "Normal"
    keep_with_next: bool = False

    @property
    def text(self) -> str:
        """Return the paragraph's plain text."""
        return "".join(r.text for r in self.runs)


class Heading(NamedTuple):
    """A heading at `level` (1 the title, 2 a section)."""

    text: str
    level: int


class ListBlock(NamedTuple):
    """A real Word list: each item a tuple of runs; numbered lists start at 1."""

    items: tuple[tuple[Run, ...], ...]
    numbered: bool


class Columns(NamedTuple):
    """A borderless one-row layout table: one cell per column, read column by column."""

    cells: tuple[tuple[Paragraph, ...], ...]
    purpose: str


Block = Heading | Paragraph | ListBlock | Columns


def plain(text: str, style: str = "Normal", keep_with_next: bool = False) -> Paragraph:
    """Return a paragraph of one unformatted run."""
    return Paragraph((Run(text),), style, keep_with_next)
