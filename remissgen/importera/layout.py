"""What a reader hands on: the document's paragraphs with their role, its page header and footer.

Both readers (Word and plain text) produce a Layout; `structure` then cuts it into the
tjänsteutlåtande's parts. The labels and headings are matched here, read from the same
phrase templates that write them (the document type's), with diacritics folded so that OCR
text is recognised too; so is a long date (`long_date`: 6 december 2021).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from .. import doctype
from ..blocks import Run

Role = Literal["title", "subtitle", "heading", "label", "line", "text", "bullet", "number",
               "continued", "signature"]


@dataclass(frozen=True)
class Line:
    """One paragraph as read: its runs and the role its style (or its place) gives it."""

    runs: tuple[Run, ...]
    role: Role = "text"
    level: int = 0  # a list item's Word list level; a continued paragraph's indent level
    list_id: str = ""  # a list item's Word list (numId): a new one starts a new list

    @property
    def text(self) -> str:
        """Return the paragraph's plain text (tabs as '\\t', line breaks as '\\n')."""
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Grid:
    """A layout table (or tab-separated lines): its columns, each a tuple of lines."""

    cells: tuple[tuple[Line, ...], ...]


Item = Line | Grid


@dataclass
class Layout:
    """A read document: body items in reading order, page header and footer, properties."""

    body: list[Item]
    header: list[str] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    props: dict[str, str] = field(default_factory=dict)
    logo: tuple[bytes, str] | None = None  # the page header's image and its alt text
    notes: list[str] = field(default_factory=list)
    styled: bool = False  # headings carry Word's heading styles: their texts are taken exactly


def line(text: str, role: Role = "text") -> Line:
    """Return a line of one unformatted run."""
    return Line((Run(text),), role)


_FOLD = str.maketrans("åäáàâãöóòôõéèêëüúíï", "aaaaaaoooooeeeeuuii")


def fold(text: str) -> str:
    """Return `text` lower-cased with Swedish and accented letters folded, spaces collapsed."""
    return " ".join(text.lower().translate(_FOLD).split())


def similar(a: str, b: str, cutoff: float = 0.86) -> bool:
    """Return True when `a` and `b` are the same words after folding, or nearly (OCR)."""
    fa, fb = fold(a), fold(b)
    return fa == fb or difflib.SequenceMatcher(None, fa, fb).ratio() >= cutoff


@cache
def headings() -> tuple[str, ...]:
    """Return the standard section headings in document order."""
    return tuple(doctype.get().section_headings().values())


def known_heading(text: str) -> str | None:
    """Return the standard heading that `text` is (folded, OCR-tolerant), or None."""
    if not text.strip() or len(text) > 60:
        return None
    return next((h for h in headings() if similar(text, h)), None)


@cache
def labels() -> dict[str, str]:
    """Return the document's fixed labels by their use: handläggare, till, expedieras, bilaga(or)."""
    p = doctype.get().phrases()
    return {"handläggare": p.etikett_handläggare(), "till": p.etikett_till(),
            "expedieras": p.etikett_expedieras(), "bilaga": p.etikett_bilagor(1),
            "bilagor": p.etikett_bilagor(2)}


def label_of(text: str) -> str | None:
    """Return which label `text` is ('expedieras', 'bilaga', 'bilagor'), or None."""
    if len(text) > 40:
        return None
    for use in ("expedieras", "bilagor", "bilaga"):
        if fold(text) == fold(labels()[use]) or (use == "expedieras"
                                                 and similar(text, labels()[use])):
            return use
    return None


def is_block_label(text: str) -> bool:
    """Return True for the label row of the Handläggare/Till block ('Handläggare  Till')."""
    words = text.replace("\t", " ").split()
    return (len(words) == 2 and similar(words[0], labels()["handläggare"])
            and fold(words[1]) == fold(labels()["till"]))


@cache
def months() -> tuple[str, ...]:
    """Return the month names as the phrase templates write them."""
    p = doctype.get().phrases()
    return tuple(p.dag_och_månad(dt.date(2000, m, 1)).split(" ", 1)[1] for m in range(1, 13))


def long_date(text: str) -> dt.date | None:
    """Return the date written `6 december 2021`, or None."""
    found = re.fullmatch(r"(\d{1,2}) (\w+) (\d{4})", text.strip())
    if not found or found.group(2) not in months():
        return None
    try:
        d = dt.date(int(found.group(3)), months().index(found.group(2)) + 1, int(found.group(1)))
    except ValueError:
        return None
    return d if doctype.get().phrases().långt_datum(d) == text.strip() else None
