"""Plain blocks of a document body: headings, paragraphs, lists, runs, text in columns.

NamedTuples, cheap to define at start-up and to create per document.
"""

from typing import NamedTuple

from .word import styles


class Run(NamedTuple):
    """A stretch of text with one formatting; '\\n' in `text` is a line break."""

    text: str
    bold: bool = False
    italic: bool = False


class Paragraph(NamedTuple):
    """A paragraph of runs in a named style (the style's name, as in the Word template);
    `keep_with_next` keeps it on the page of the paragraph that follows."""

    runs: tuple[Run, ...]
    style: str = styles.NORMAL
    keep_with_next: bool = False

    @property
    def text(self) -> str:
        """Return the paragraph's plain text."""
        return "".join(r.text for r in self.runs)


class Heading(NamedTuple):
    """A heading at `level` (1 the title, 2 a section)."""

    text: str
    level: int


class Item(NamedTuple):
    """One paragraph of a list: an item's text, or a paragraph indented inside the item above.

    `level` is the Word list level (0 the outer list, 1 and 2 nested lists); `numbered` is
    the kind of the list the item stands in; `continued` marks a paragraph without a number
    or bullet that belongs to the item above it.
    """

    runs: tuple[Run, ...]
    level: int = 0
    numbered: bool = False
    continued: bool = False

    @property
    def text(self) -> str:
        """Return the item's plain text."""
        return "".join(r.text for r in self.runs)


class ListBlock(NamedTuple):
    """A real Word list, its items in reading order (nested ones with a higher level).

    `numbered` is the outer list's kind; numbered lists start at 1 on every level.
    """

    items: tuple[Item, ...]
    numbered: bool


def simple_list(items: list[tuple[Run, ...]], numbered: bool) -> ListBlock:
    """Return a one-level list of `items`."""
    return ListBlock(tuple(Item(runs, 0, numbered) for runs in items), numbered)


class Columns(NamedTuple):
    """Text side by side: one tuple of paragraphs per column, read column by column.

    The Word writer makes it a continuous section of that many columns, not a table.
    """

    cells: tuple[tuple[Paragraph, ...], ...]


Block = Heading | Paragraph | ListBlock | Columns


def plain(text: str, style: str = styles.NORMAL, keep_with_next: bool = False) -> Paragraph:
    """Return a paragraph of one unformatted run."""
    return Paragraph((Run(text),), style, keep_with_next)
