"""granska's warnings → Word comments on the paragraphs and words they concern.

A warning is located in the case file (line and column). Inside a text field, that place
is a character of the text as written: its section in the document is the field's, and
the words from there to the end of the sentence (at most a few) are looked for in that
section's paragraphs. A warning on a whole section (LIX, a long summary) sits on the
section's heading; one on another value (a recipient, a bilaga) on the paragraph that
shows the value, else on the title. The comment says the rule, the message and the tip.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from . import compare, doctype
from .blocks import Block, Heading
from .errors import Location, Problem
from .granska import text as t
from .messages import text
from .source import Mapping, Node, Scalar, Sequence, Source
from .word.docx_writer import Comment

if TYPE_CHECKING:
    from .doctype import Case

AUTHOR = "remissgen granskning"
INITIALS = "RG"
WORDS = 6  # the words of a sentence a comment is anchored on, at most
_WORD = re.compile(r"[^\W_]+")
_WHOLE_SECTION = ("lix", "lång-sammanfattning")


def comments(warnings: list[Problem], source: Source, case: Case,
             blocks: list[Block]) -> tuple[Comment, ...]:
    """Return one comment per warning, anchored in the paragraphs `blocks` write."""
    paragraphs = ["".join(r.text for r in runs) for runs in compare.flat(blocks)]
    headings = _heading_paragraphs(blocks)
    texts = list(_texts(source))
    out = []
    for warning in warnings:
        paragraph, start, end = _anchor(warning, texts, case, paragraphs, headings)
        out.append(Comment(paragraph, start, end, AUTHOR, INITIALS, (
            text("kommentar_regel", regel=warning.code, meddelande=warning.message),
            *([text("kommentar_tips", tips=warning.hint)] if warning.hint else ()))))
    return tuple(out)


def _heading_paragraphs(blocks: list[Block]) -> dict[str, int]:
    """Return the paragraph number of each heading, by its text (the title's as "")."""
    out: dict[str, int] = {}
    count = 0
    for block in blocks:
        if isinstance(block, Heading):
            out.setdefault("" if block.level == 1 else block.text, count)
        count += len(compare.flat([block]))
    return out


def _texts(source: Source) -> Iterator[t.Text]:
    """Yield every text scalar of the case file as a located Text, with its key path."""
    lines = t.Lines(source.path, source.text)

    def walk(node: Node | None, key: tuple[str | int, ...]) -> Iterator[t.Text]:
        if isinstance(node, Scalar) and node.value.strip():
            yield t.read(lines, node, key)
        elif isinstance(node, Sequence):
            for i, item in enumerate(node.items):
                yield from walk(item, (*key, i))
        elif isinstance(node, Mapping):
            for k, v in node.items:
                yield from walk(v, (*key, k.value))

    yield from walk(source.root, ())


def _offset(found: t.Text, where: Location) -> int | None:
    """Return the offset in the text of the character at `where`, or None."""
    if not found.value or where < found.at(0) or found.at(len(found.value) - 1) < where:
        return None
    for i in range(len(found.value)):
        if found.at(i) == where:
            return i
    return None


def _section(key: tuple[str | int, ...], case: Case) -> str | None:
    """Return the heading of the section a field writes, or None."""
    h = doctype.get().section_headings()
    if key[0] == "avsnitt" and len(key) > 1 and isinstance(key[1], int):
        return case.avsnitt[key[1]].rubrik if key[1] < len(case.avsnitt) else None
    name = str(key[0])
    return h.get(name)


def _anchor(warning: Problem, texts: list[t.Text], case: Case, paragraphs: list[str],
            headings: dict[str, int]) -> tuple[int, int, int]:
    """Return (paragraph number, start, end) for a warning's comment."""
    title = headings.get("", 0)
    for found in texts:
        offset = _offset(found, warning.location)
        if offset is None:
            continue
        heading = _section(found.key, case)
        if heading in headings and warning.code in _WHOLE_SECTION:
            at = headings[str(heading)]
            return at, 0, len(paragraphs[at])
        start = headings.get(str(heading), 0) if heading else 0
        stop = min((v for v in headings.values() if v > start), default=len(paragraphs))
        words = _WORD.findall(_sentence_from(found.value, offset))[:WORDS]
        hit = _search(words, paragraphs, start if heading else 0,
                      stop if heading else len(paragraphs))
        if hit is not None:
            return hit
        if heading in headings:  # rendered otherwise ({{ … }}): the section's heading
            at = headings[str(heading)]
            return at, 0, len(paragraphs[at])
        return title, 0, len(paragraphs[title]) if paragraphs else 0
    return title, 0, len(paragraphs[title]) if paragraphs else 0


def _sentence_from(value: str, offset: int) -> str:
    """Return the text from `offset` to the end of its sentence, before any {{ … }}."""
    rest = value[offset:]
    rest = re.split(r"\{[{%]", rest, maxsplit=1)[0]
    end = re.search(r"[.!?](\s|$)", rest)
    return rest[:end.start() + 1] if end else rest


def _search(words: list[str], paragraphs: list[str], start: int,
            stop: int) -> tuple[int, int, int] | None:
    """Return where the words stand, in order, in a paragraph of start–stop, or None."""
    while words:
        pattern = re.compile(r"\W+".join(re.escape(w) for w in words))
        for i in range(start, stop):
            found = pattern.search(paragraphs[i])
            if found:
                return i, found.start(), found.end()
        words = words[:-1] if len(words) > 1 else []
    return None
