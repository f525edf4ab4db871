"""Text fields as written → words, sentences and paragraphs, each character at its file position.

A scalar's value is what YAML made of it; a warning must point into the file. `offsets`
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

import bisect
import codecs
import functools
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .. import richtext
from ..errors import Location
from ..source import Scalar

_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_NEWLINE = re.compile(r"\n")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_WORD = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"\s+")
_LONG = re.compile(r"[^\W_]{7,}")  # LIX's long word: more than six letters
_NEXT = re.compile(r"\s*(\S)")
_FIRST = re.compile(r"\S")
_intern = sys.intern  # a long text repeats its words: one string each
_new = tuple.__new__  # a Word without NamedTuple's Python-level constructor
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

    @functools.cached_property
    def starts(self) -> list[int]:
        """The offset of each line's first character; found when a location is first asked
        for (every build asks for placeholders, and most cases have none to locate)."""
        return line_starts(self.text)

    def location(self, offset: int) -> Location:
        """Return the Location of the character at `offset`, lines and columns from 1."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return Location(self.path, line + 1, offset - self.starts[line] + 1)

    def offset(self, where: Location) -> int:
        """Return the offset of a Location in the text."""
        line = min(max(where.line, 1), len(self.starts)) - 1
        return min(self.starts[line] + where.column - 1, len(self.text))


_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


def line_starts(text: str) -> list[int]:
    """Return the offset of each line's first character in `text`: after every break of
    `_BREAK` (`\\r\\n` counted once).

    A file of `\\n` alone (nearly every file) is split by the literal newline, which the
    regular-expression engine finds by a fast search, while `_BREAK`'s alternation is tried
    at every character: the same starts, several times faster.
    """
    if any(other in text for other in _OTHER_BREAKS):
        return [0] + [m.end() for m in _BREAK.finditer(text)]
    return [0] + [m.end() for m in _NEWLINE.finditer(text)]


class Later(Location):
    """A Location found when its path, line or column is first read, by a function that
    returns it; then it is that Location.

    `bygg` counts a case's warnings and shows them only with `--granska`: locating a
    character of a text aligns the text with the file, most of the work of a warning that
    is never shown. Sorting, comparing, printing or pickling one locates it.
    """

    __slots__ = ("_find",)

    def __init__(self, find: Callable[[], Location]) -> None:
        self._find = find  # Location's own fields stay unset until read

    def __getattr__(self, name: str) -> Any:
        """Return a field not yet set, `path`, `line` or `column`: all three are set now."""
        if name not in ("path", "line", "column"):
            raise AttributeError(name)
        found = self._find()
        self.path, self.line, self.column = found.path, found.line, found.column
        return getattr(self, name)

    def __reduce__(self) -> tuple[type[Location], tuple[str, int, int]]:
        return Location, (self.path, self.line, self.column)


class Word(NamedTuple):
    """One word: where it starts in the value, its text, and whether it stands for `{{ … }}`.

    A tuple holding no end of its own (only a placeholder's written end differs from
    start + len(text)): a 10 MB case has a million words, and each field costs memory.
    """

    start: int
    text: str
    placeholder: bool = False
    written_end: int | None = None

    @property
    def end(self) -> int:
        """Return the offset just after the word in the value."""
        return self.written_end if self.written_end is not None else self.start + len(self.text)

    @property
    def long(self) -> bool:
        """Return True for a word longer than six characters (LIX's long word)."""
        return not self.placeholder and len(self.text) > 6


class Sentence:
    """A sentence: where it starts and ends in the value, and its words (read when first asked).

    Most rules only count a sentence's words, or look for one kind of word; the counts come
    from the regular expressions' own scans, so a Word is made only for a sentence a rule
    reads word by word.
    """

    __slots__ = ("_counts", "_masked", "_value", "_words", "end", "start")

    def __init__(self, start: int, end: int, value: str, masked: str,
                 counts: tuple[int, int] | None = None) -> None:
        self.start = start
        self.end = end
        self._value = value
        self._masked = masked
        self._words: tuple[Word, ...] | None = None
        self._counts = counts

    def __repr__(self) -> str:
        return f"Sentence({self._value[self.start:self.end]!r})"

    @property
    def words(self) -> tuple[Word, ...]:
        """Return the sentence's words and placeholders, in order."""
        if self._words is None:
            self._words = tuple(words(self._value, self._masked, self.start, self.end))
        return self._words

    @property
    def _plain(self) -> bool:
        """Return True if no `{{ … }}` stands in the sentence (its words are the regex's)."""
        return self._words is None and self._value.find("{{", self.start, self.end) < 0

    def counts(self) -> tuple[int, int]:
        """Return (words, long words) of the sentence, placeholders counted as short words."""
        if self._counts is None:
            if self._plain:
                self._counts = counted(self._masked[self.start:self.end])
            else:
                ws = self.words
                self._counts = (len(ws), sum(1 for w in ws if w.long))
        return self._counts

    @property
    def first_word(self) -> str:
        """Return the text of the sentence's first word (or placeholder)."""
        if self._words is None:
            # Its words in order begin with the first plain word or the first placeholder,
            # whichever stands first (a placeholder is `_` in the masked text, no word).
            first = _WORD.search(self._masked, self.start, self.end)
            if self._value.find("{{", self.start, self.end) < 0:
                if first is not None:
                    return first.group()
            else:
                held = _first_placeholder(self._value, self.start, self.end)
                if held is not None and (first is None or held.start() < first.start()):
                    return _SPACES.sub("", held.group())
                if first is not None:
                    return first.group()
        return self.words[0].text

    def has(self, pattern: re.Pattern[str]) -> bool:
        """Return True if `pattern` can match in the sentence as written (Jinja masked): a
        cheap test before reading its words."""
        return pattern.search(self._masked, self.start, self.end) is not None


def counted(segment: str) -> tuple[int, int]:
    """Return (words, long words) of a text without placeholders: what `_WORD` and `_LONG`
    find in it."""
    return counted_in(letters(segment), 0, len(segment))


def letters(text: str) -> bytes:
    """Return one byte for each character of `text`: `a` for a letter or digit (`str.isalnum`
    holds for exactly the characters of `[^\\W_]`), a space for any other.

    A word of `_WORD` is then a run of `a`, which `bytes.count` finds at memchr's speed
    (`counted_in`), where the expression tests each character's category. Latin-1 gives
    each character below U+0100 its own byte, and `_letter_or_not` stands in for the others
    (a typographic quote or dash, an astral letter), so offsets are the text's."""
    return text.encode("latin-1", "remissgen-bokstäver").translate(_LETTER_BYTES)


_LETTER_BYTES = bytes(ord("a") if chr(i).isalnum() else ord(" ") for i in range(256))


def _letter_or_not(error: UnicodeError) -> tuple[str, int]:
    """Return `a` or a space for each character latin-1 lacks, as `_LETTER_BYTES` maps the
    others, and where to go on: a codec error handler."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    part = error.object[error.start:error.end]
    return "".join("a" if ch.isalnum() else " " for ch in part), error.end


codecs.register_error("remissgen-bokstäver", _letter_or_not)


def counted_in(marks: bytes, start: int, end: int) -> tuple[int, int]:
    """Return (words, long words) of the text `marks` stands for (`letters`) from `start` to
    `end`: each word is a run of `a` starting there or after a space, a long word one of
    seven or more (the first match of `_LONG` in each longer run)."""
    opens = start < end and marks[start] == _A  # a word at the very start has no space before
    return (marks.count(b" a", start, end) + opens,
            marks.count(b" aaaaaaa", start, end) + marks.startswith(b"aaaaaaa", start, end))


_A = ord("a")


class Paragraph(NamedTuple):
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
    # Every review reads each text's sentences and LIX: set once here, where a cached
    # property costs more to look up the first time (Python 3.11) than to work out.
    sentences: tuple[Sentence, ...] = field(init=False, repr=False, compare=False)
    """Every sentence, paragraph by paragraph (most rules read them all)."""
    lix: "Lix" = field(init=False, repr=False, compare=False)
    """The LIX counts of the text (the lix rule and the readability both ask)."""

    def __post_init__(self) -> None:
        sentences = tuple(s for p in self.paragraphs for s in p.sentences)
        counts = [s.counts() for s in sentences]
        object.__setattr__(self, "sentences", sentences)
        object.__setattr__(self, "lix", Lix(sum(c[0] for c in counts), len(sentences),
                                            sum(c[1] for c in counts)))

    @functools.cached_property
    def _block(self) -> "Block | None":
        """Return the `|` block's line arithmetic, or None for other styles."""
        return Block(self.lines, self.node) if self.node.style == "|" else None

    @functools.cached_property
    def where(self) -> tuple[int, ...]:
        """Return the file offset of each character of the value (worked out when first asked)."""
        return offsets(self.lines, self.node)

    def at(self, offset: int) -> Location:
        """Return the file location of the value's character at `offset`, worked out when
        it is first read (`Later`): a warning that is only counted is never located."""
        return Later(functools.partial(self._at, offset))

    def _at(self, offset: int) -> Location:
        block = self._block
        if block is not None and 0 <= offset < len(self.value):
            found = block.offset(offset)
            if found is not None:
                return self.lines.location(found)
        if (block is None and "where" not in self.__dict__ and "_walked" not in self.__dict__
                and 0 <= offset < len(self.value) and not self.value[offset].isspace()):
            # A written character of a text not yet aligned: walk only up to it, once (the
            # start of a section, one warning); a second question aligns the whole text.
            object.__setattr__(self, "_walked", True)
            found = _aligned(self.lines.text, self.value, _content_start(self.lines, self.node),
                             self.node.style, stop=offset)[offset]
            if found is not None:
                return self.lines.location(found)
        if 0 <= offset < len(self.where):
            return self.lines.location(self.where[offset])
        return self.lines.location(self.where[-1]) if self.where else self.fallback

    @functools.cached_property
    def start(self) -> Location:
        """Return the location of the first written character (not the `|` indicator); the
        readability and the lix rule both ask for a section's."""
        first = _FIRST.search(self.masked)
        return self.at(first.start() if first else 0)

    @property
    def words(self) -> list[Word]:
        """Return every word."""
        return [w for s in self.sentences for w in s.words]

    @property
    def word_count(self) -> int:
        """Return the number of words (placeholders included), without reading them one by one."""
        return self.lix.words


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
    found = (Block(lines, node).every() if node.style == "|" else None) or _aligned(
        lines.text, value, _content_start(lines, node), node.style)
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


def _content_start(lines: Lines, node: Scalar) -> int:
    """Return the file offset where the scalar's content is written: after a block's indicator
    line, else where the node starts."""
    start = lines.offset(node.location)
    if node.style in ("|", ">"):
        newline = _BREAK.search(lines.text, start)
        start = newline.end() if newline else len(lines.text)
    return start


_INDENT = re.compile(r" *")
_WRITTEN = re.compile(r"\S")


class Block:
    """A `|` block's characters located by arithmetic: every value line is a file line less
    the block's indentation. Each line is compared with the file when a character of it is
    asked for, so anything unusual falls back to the general aligner (None)."""

    __slots__ = ("_bases", "first", "indent", "lines", "starts", "value")

    def __init__(self, lines: Lines, node: Scalar) -> None:
        start = _content_start(lines, node)
        indent = _INDENT.match(lines.text, start)
        self.lines = lines
        self.value = node.value
        self.first = bisect.bisect_right(lines.starts, start) - 1
        self.indent = indent.end() - start if indent else 0
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(self.value)]
        self._bases: dict[int, int | None] = {}  # each line compared once, however long

    def _base(self, i: int) -> int | None:
        """Return the file offset of value line i's first character, or None if the file
        does not hold that line there."""
        if i not in self._bases:
            self._bases[i] = self._compared(i)
        return self._bases[i]

    def _compared(self, i: int) -> int | None:
        begin = self.starts[i]
        end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.value)
        row = self.first + i
        if row >= len(self.lines.starts):
            return len(self.lines.text) if begin == end else None
        base = self.lines.starts[row] + (self.indent if end > begin else 0)
        if not self.lines.text.startswith(self.value[begin:end], base):
            return None
        return base

    def offset(self, offset: int) -> int | None:
        """Return the file offset of the value's character at `offset` (white space takes
        the next written character's, trailing white space the last one's), or None."""
        value = self.value
        if value[offset].isspace():
            following = _WRITTEN.search(value, offset)
            if following is not None:
                offset = following.start()
            else:
                offset = len(value[:offset].rstrip()) - 1
                if offset < 0:
                    return None
        i = bisect.bisect_right(self.starts, offset) - 1
        base = self._base(i)
        return None if base is None else base + offset - self.starts[i]

    def every(self) -> list[int | None] | None:
        """Return the file offset of each written character, None for white space; None if
        some line does not stand in the file as the value has it."""
        found: list[int | None] = []
        for i, begin in enumerate(self.starts):
            base = self._base(i)
            if base is None:
                return None
            end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.value)
            found += [None if ch.isspace() else base + j
                      for j, ch in enumerate(self.value[begin:end])]
            if end < len(self.value):
                found.append(None)  # the line break
        return found


def _aligned(text: str, value: str, start: int, style: str | None,
             stop: int | None = None) -> list[int | None]:
    """Return the offsets of the value's characters by walking the scalar as written (with
    `stop`, only up to that character: the rest stay None)."""
    chars = _written(text, start, style)
    found: list[int | None] = [None] * len(value)
    lost = False
    for i, ch in enumerate(value):
        if stop is not None and i > stop:
            break
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
        end = i + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1  # a decomposed letter (NFD) in the file: the value holds it composed
        for composed in (unicodedata.normalize("NFC", text[i:end]) if end > i + 1 else ch):
            yield i, composed
        i = end


def near(pattern: re.Pattern[str], text: str, hints: Iterable[int],
         back: int) -> Iterator[re.Match[str]]:
    """Yield the matches `pattern.finditer(text)` yields, trying the pattern only at the
    `back` offsets before each hint (offsets in ascending order).

    For a pattern that never matches empty and whose every match starts at most `back`
    characters before some hint (a literal the engine finds fast, where the pattern itself
    would be tried at every character): the leftmost match from the end of the last one
    starts in the first window, in order, that holds its start, since the hints before
    that window's cannot reach past it."""
    pos = 0
    for hint in hints:
        at = max(pos, hint - back)
        while at < hint:
            found = pattern.match(text, at)
            if found is None:
                at += 1
            else:
                yield found
                at = pos = found.end()


def _mask(value: str) -> str:
    """Return `value` with `{{ … }}` as '_' and `{% … %}`, `{# … #}` as spaces, same length."""
    if "{" not in value:  # every tag opens with one: the usual text is its own mask
        return value

    def blank(m: re.Match[str]) -> str:
        fill = "_" if m.group().startswith("{{") else " "
        return "".join(c if c in "\r\n" else fill for c in m.group())
    return _JINJA.sub(blank, value)


def words(value: str, masked: str, start: int, end: int) -> list[Word]:
    """Return the words of value[start:end]: letter/digit runs and `{{ … }}` placeholders."""
    found = [_new(Word, (m.start(), _intern(m.group()), False, None))
             for m in _WORD.finditer(masked, start, end)]
    if value.find("{{", start, end) < 0:
        return found
    found += [Word(m.start(), _SPACES.sub("", m.group()), True, m.end())
              for m in _JINJA.finditer(value, start, end)
              if m.group().startswith("{{") and m.end() <= end]
    return sorted(found, key=lambda w: w.start)


def _paragraphs(value: str, masked: str) -> tuple[Paragraph, ...]:
    """Return the paragraphs as the document reads them: the one rich-text parser's
    paragraphs and list items (an item's marker left out)."""
    marks = letters(masked)
    return tuple(Paragraph(span.start, _sentences(value, masked, marks, span.start, span.end),
                           span.list_item) for span in richtext.spans(masked))


def _sentences(value: str, masked: str, marks: bytes, start: int,
               end: int) -> tuple[Sentence, ...]:
    """Return the sentences of value[start:end]; a sentence ends at . ! ? before a non-lowercase."""
    out: list[Sentence] = []
    first = _FIRST.search(masked, start, end)
    if first is None:
        return ()
    begin = first.start()  # each sentence's first written character
    for m in ends(masked, start, end):
        following = _NEXT.match(masked, m.end(), end)
        if following is None:  # only white space after it: the last sentence
            _sentence(out, value, masked, marks, begin, m.end())
            return tuple(out)
        if following.group(1).islower() or _short_form(masked, marks, start, m):
            continue
        _sentence(out, value, masked, marks, begin, m.end())
        begin = following.start(1)
    _sentence(out, value, masked, marks, begin, end)
    return tuple(out)


def ends(masked: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """Yield the matches of `_END.finditer(masked, start, end)`: where a sentence may end.

    Every match starts at a full stop, `!` or `?`. In a text without the last two (nearly
    every one) each full stop is found by `str.find`, at memchr's speed, and the pattern
    is tried there alone: the engine would try its class at every character."""
    if masked.find("!", start, end) >= 0 or masked.find("?", start, end) >= 0:
        yield from _END.finditer(masked, start, end)
        return
    at = masked.find(".", start, end)
    while at >= 0:
        found = _END.match(masked, at, end)
        if found is None:
            at = masked.find(".", at + 1, end)
        else:
            yield found
            at = masked.find(".", found.end(), end)


def _short_form(masked: str, marks: bytes, start: int, stop: re.Match[str]) -> bool:
    """Return True if the written chunk that ends with the possible sentence end `stop`
    (not before `start`) is a short form after which no sentence ends (`_NEVER_ENDS`).

    Each short form that ends with a full stop has at most four letters before it: an end
    of more than one character (`..`, `.)`, `!`), or a full stop after five letters or
    digits (`kommunen.`, read from `marks`), ends none, and its chunk is not read. Lower
    case never makes a full stop, so the chunk's own lower case ends none either."""
    at = stop.start()
    if stop.end() - at != 1 or masked[at] != "." or marks.endswith(b"aaaaa", start, at):
        return False
    return _last_chunk(masked, start, stop.end()) in _NEVER_ENDS


_TAIL = 24  # characters looked at before a full stop for the chunk that ends there


def _last_chunk(masked: str, start: int, end: int) -> str:
    """Return the written chunk that ends at `end` (not before `start`), lower case, opening
    brackets and quotes left out.

    The chunk is the last white-space separated piece of the few characters before `end`
    when white space (or `start`) stands among them; only a longer chunk is walked back
    character by character. Either way each chunk is read once however long the text."""
    tail = masked[max(start, end - _TAIL):end]
    if not tail or tail[-1].isspace():
        return ""
    pieces = tail.split()
    if len(pieces) > 1 or tail[0].isspace() or end - _TAIL <= start:
        chunk = pieces[-1]
    else:
        begin = end - _TAIL
        while begin > start and not masked[begin - 1].isspace():
            begin -= 1
        chunk = masked[begin:end]
    return chunk.lower().lstrip("(\"”'")


def _sentence(out: list[Sentence], value: str, masked: str, marks: bytes, first: int,
              end: int) -> None:
    """Add the sentence value[first:end], `first` its first written character, to `out` if
    it has a word or a placeholder. Its words are counted here, from the text's `marks`
    (`letters`), a placeholder as one short word."""
    words, long = counted_in(marks, first, end)  # the words but placeholders: `_` in the mask
    if value.find("{{", first, end) >= 0:  # each placeholder one short word, as in `words`
        words += _placeholders(value, first, end)
    if words:
        out.append(Sentence(first, end, value, masked, (words, long)))


def _first_placeholder(value: str, start: int, end: int) -> re.Match[str] | None:
    """Return the first `{{ … }}` placeholder `words` finds in value[start:end], or None."""
    return next((m for m in _JINJA.finditer(value, start, end) if m.group().startswith("{{")),
                None)


def _placeholders(value: str, start: int, end: int) -> int:
    """Return the number of `{{ … }}` placeholders `words` finds in value[start:end]."""
    return sum(1 for m in _JINJA.finditer(value, start, end) if m.group().startswith("{{"))


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
    return text.lix
