"""Text fields as written → words, sentences and paragraphs, each character at its file position.

A scalar's value is what YAML made of it; a warning must point into the file. `located`
aligns the value with the file text character by character, so an offset in the value has
the line and column where that character is written:

- `|` and `>` block scalars: content starts on the line after the indicator, indented; a
  folded `>` joins lines with spaces. Only white space differs between value and file, so
  every non-space character is found exactly.
- plain scalars, single- and multi-line: the same (folding only changes white space).
- `'…'`: `''` is one quote; `"…"`: escapes (`\\n`, `\\u00e5`, a line-end `\\`) are decoded
  while aligning, so a character written as an escape points at its backslash.

White space in the value takes the position of the next written character. Should the
alignment ever fail (it should not), the rest of the value points at the scalar's start.

Words are runs of letters or digits ("(ASF)" is the word ASF; "second-hand" is two words).
Jinja is read as written: `{{ … }}` counts as one short word standing for its value (it is
never an abbreviation or a long word); `{% … %}` and `{# … #}` are left out.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .. import richtext
from ..errors import Location
from ..source import Scalar

_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_WORD = re.compile(r"[^\W_]+")
_LAST_CHUNK = re.compile(r"\S+$")
_END = re.compile(r"[.!?]+[\"”’»)\]]*(?=\s|$)")
# Short forms after which a full stop never ends a sentence, even before a capital letter.
_NEVER_ENDS = frozenset({
    "t.ex.", "bl.a.", "s.k.", "d.v.s.", "dvs.", "p.g.a.", "fr.o.m.", "t.o.m.", "jfr.", "jfr",
    "kap.", "nr.", "ca.", "resp.", "enl.", "f.d.", "st.", "kl.", "prop.", "dnr.", "s.",
})


class Lines:
    """The file text's line starts, to turn an offset into a line and a column."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.starts = [0] + [m.end() for m in _BREAK.finditer(text)]

    def location(self, offset: int) -> Location:
        """Return the Location of the character at `offset`, lines and columns from 1."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return Location(self.path, line + 1, offset - self.starts[line] + 1)

    def offset(self, where: Location) -> int:
        """Return the offset of a Location in the text."""
        line = min(max(where.line, 1), len(self.starts)) - 1
        return min(self.starts[line] + where.column - 1, len(self.text))


@dataclass(frozen=True)
class Word:
    """One word: its offsets in the value, its text, and whether it stands for `{{ … }}`."""

    start: int
    end: int
    text: str
    placeholder: bool = False

    @property
    def long(self) -> bool:
        """Return True for a word longer than six characters (LIX's long word)."""
        return not self.placeholder and len(self.text) > 6


@dataclass(frozen=True)
class Sentence:
    """A sentence: where it starts in the value and its words."""

    start: int
    words: tuple[Word, ...]


@dataclass(frozen=True)
class Paragraph:
    """A paragraph (or one list item): where it starts and its sentences."""

    start: int
    sentences: tuple[Sentence, ...]
    list_item: bool = False


@dataclass(frozen=True)
class Text:
    """A text field as written: its key, value, each character's location, and its structure."""

    key: tuple[str | int, ...]
    value: str
    lines: Lines = field(repr=False)
    node: Scalar = field(repr=False)
    fallback: Location
    masked: str = field(repr=False)
    paragraphs: tuple[Paragraph, ...]

    @functools.cached_property
    def where(self) -> tuple[int, ...]:
        """Return the file offset of each character of the value (worked out when first asked)."""
        return offsets(self.lines, self.node)

    def at(self, offset: int) -> Location:
        """Return the file location of the value's character at `offset`."""
        if 0 <= offset < len(self.where):
            return self.lines.location(self.where[offset])
        return self.lines.location(self.where[-1]) if self.where else self.fallback

    @property
    def start(self) -> Location:
        """Return the location of the first written character (not the `|` indicator)."""
        first = next((i for i, c in enumerate(self.masked) if not c.isspace()), 0)
        return self.at(first)

    @property
    def sentences(self) -> list[Sentence]:
        """Return every sentence, paragraph by paragraph."""
        return [s for p in self.paragraphs for s in p.sentences]

    @property
    def words(self) -> list[Word]:
        """Return every word."""
        return [w for s in self.sentences for w in s.words]


def read(lines: Lines, node: Scalar, key: tuple[str | int, ...]) -> Text:
    """Return the Text of a scalar node of the file `lines` came from."""
    masked = _mask(node.value)
    return Text(key, node.value, lines, node, node.location, masked,
                _paragraphs(node.value, masked))


def located(lines: Lines, node: Scalar) -> tuple[Location, ...]:
    """Return the file Location of every character of the node's value."""
    return tuple(lines.location(o) for o in offsets(lines, node))


def offsets(lines: Lines, node: Scalar) -> tuple[int, ...]:
    """Return the file offset of every character of the node's value.

    Locations are made only for the few characters a warning names: making one for every
    character of every text field was most of the review's time.
    """
    value = node.value
    start = lines.offset(node.location)
    if node.style in ("|", ">"):
        newline = _BREAK.search(lines.text, start)
        start = newline.end() if newline else len(lines.text)
    found = (_literal(lines, value, start) if node.style == "|" else None) or _aligned(
        lines.text, value, start, node.style)
    result: list[int | None] = [None] * len(value)
    following: int | None = None
    for i in range(len(value) - 1, -1, -1):  # white space: the next written character
        written_at = found[i]
        if written_at is not None:
            following = written_at
        result[i] = following
    previous = lines.offset(node.location)
    for i, place in enumerate(result):  # trailing white space: the last written character
        if place is None:
            result[i] = previous
        else:
            previous = place
    return tuple(r for r in result if r is not None)


def _literal(lines: Lines, value: str, start: int) -> list[int | None] | None:
    """Return the offsets of a `|` block's characters by arithmetic, or None to align instead.

    In a literal block every value line is a file line less the block's indentation; each
    line is compared with the file, so anything unusual falls back to the general aligner.
    """
    first = bisect.bisect_right(lines.starts, start) - 1
    body = lines.text[start:]
    indent = len(body) - len(body.lstrip(" "))
    found: list[int | None] = []
    for i, line in enumerate(value.split("\n")):
        if first + i >= len(lines.starts):
            return None if line else found + [None] * (len(value) - len(found))
        base = lines.starts[first + i] + (indent if line else 0)
        if lines.text[base:base + len(line)] != line:
            return None
        found += [None if ch.isspace() else base + j for j, ch in enumerate(line)]
        if len(found) < len(value):
            found.append(None)  # the line break
    return found if len(found) == len(value) else None


def _aligned(text: str, value: str, start: int, style: str | None) -> list[int | None]:
    """Return the offsets of the value's characters by walking the scalar as written."""
    chars = _written(text, start, style)
    found: list[int | None] = [None] * len(value)
    lost = False
    for i, ch in enumerate(value):
        if ch.isspace() or lost:
            continue
        for at, written in chars:
            if written == ch:
                found[i] = at
                break
            if not written.isspace():  # a character the value lacks: stop aligning
                lost = True
                break
        else:
            lost = True
    return found


_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v",
            "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
            "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_HEX = {"x": 2, "u": 4, "U": 8}


def _written(text: str, start: int, style: str | None) -> Iterator[tuple[int, str]]:
    """Yield (offset, character) of the scalar as written, quotes and escapes decoded."""
    i = start + (1 if style in ('"', "'") else 0)
    while i < len(text):
        ch = text[i]
        if style == "'" and ch == "'":
            if text.startswith("''", i):
                yield i, "'"
                i += 2
                continue
            return
        if style == '"' and ch == '"':
            return
        if style == '"' and ch == "\\" and i + 1 < len(text):
            code = text[i + 1]
            if code in _HEX:
                digits = text[i + 2:i + 2 + _HEX[code]]
                try:
                    yield i, chr(int(digits, 16))
                except ValueError:
                    yield i, ch
                i += 2 + _HEX[code]
            elif code in _ESCAPES:
                yield i, _ESCAPES[code]
                i += 2
            else:  # an escaped line break: folded away
                i += 1
            continue
        yield i, ch
        i += 1


def _mask(value: str) -> str:
    """Return `value` with `{{ … }}` as '_' and `{% … %}`, `{# … #}` as spaces, same length."""
    def blank(m: re.Match[str]) -> str:
        fill = "_" if m.group().startswith("{{") else " "
        return "".join(c if c in "\r\n" else fill for c in m.group())
    return _JINJA.sub(blank, value)


def words(value: str, masked: str, start: int, end: int) -> list[Word]:
    """Return the words of value[start:end]: letter/digit runs and `{{ … }}` placeholders."""
    found = [Word(m.start(), m.end(), m.group()) for m in _WORD.finditer(masked, start, end)]
    found += [Word(m.start(), m.end(), re.sub(r"\s+", "", m.group()), True)
              for m in _JINJA.finditer(value, start, end)
              if m.group().startswith("{{") and m.end() <= end]
    return sorted(found, key=lambda w: w.start)


def _paragraphs(value: str, masked: str) -> tuple[Paragraph, ...]:
    """Return the paragraphs as the document reads them: the one rich-text parser's
    paragraphs and list items (an item's marker left out)."""
    return tuple(Paragraph(span.start, _sentences(value, masked, span.start, span.end),
                           span.list_item) for span in richtext.spans(masked))


def _sentences(value: str, masked: str, start: int, end: int) -> tuple[Sentence, ...]:
    """Return the sentences of value[start:end]; a sentence ends at . ! ? before a non-lowercase."""
    out: list[Sentence] = []
    begin = start
    for m in _END.finditer(masked, start, end):
        after = masked[m.end():end].lstrip()
        if after and after[0].islower():
            continue
        chunk = _LAST_CHUNK.search(masked, start, m.end())
        short = chunk.group().lower().lstrip("(\"”'") if chunk else ""
        if short in _NEVER_ENDS and after:
            continue
        out.append(_sentence(value, masked, begin, m.end()))
        begin = m.end()
    if masked[begin:end].strip():
        out.append(_sentence(value, masked, begin, end))
    return tuple(s for s in out if s.words)


def _sentence(value: str, masked: str, start: int, end: int) -> Sentence:
    first = start + len(masked[start:end]) - len(masked[start:end].lstrip())
    return Sentence(first, tuple(words(value, masked, start, end)))


@dataclass(frozen=True)
class Lix:
    """LIX (Björnsson 1968): words per sentence plus the percentage of words over six letters."""

    words: int
    sentences: int
    long_words: int

    @property
    def value(self) -> float:
        """Return LIX = words / sentences + 100 × long words / words (0 for no words)."""
        if not self.words or not self.sentences:
            return 0.0
        return self.words / self.sentences + 100 * self.long_words / self.words

    @property
    def rounded(self) -> int:
        """Return LIX rounded half up, as it is reported."""
        return int(self.value + 0.5)


def lix(text: Text) -> Lix:
    """Return the LIX counts of a text."""
    sentences = text.sentences
    all_words = [w for s in sentences for w in s.words]
    return Lix(len(all_words), len(sentences), sum(1 for w in all_words if w.long))
