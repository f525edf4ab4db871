"""The contract's rich-text subset → blocks, read by markdown-it-py as CommonMark reads it.

Only CommonMark's paragraph, list and `*` emphasis rules are on; everything else stays
literal text, exactly as written (headings, quotes, code, HTML, links, tables, `_`). The
deliberate differences from CommonMark (listed in the README):

- a numbered list starts at 1: a paragraph that merely starts with a number (`2021. …`) is
  text, unless its number is the next number of the numbered list just before it;
- a backslash escapes only `*`, `-`, `+`, `.` and `)`; every other backslash is literal;
- no hard line breaks (two trailing spaces are a space), entities or `_` emphasis; a
  thematic break (`***`) and a four-space indent are literal text;
- `• ` (what a paste from Word gives) is a bullet like `- `.

This one parser serves the document, `granska`'s paragraphs and sentences (`spans`) and
`importera`'s writer (whose output is checked by parsing it again). markdown-it-py is
imported on the first parse, never on paths such as `--help` that parse no rich text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from .blocks import Block, Item, ListBlock, Paragraph, Run

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

ESCAPABLE = frozenset("*-+.)")
MAX_LEVEL = 2  # the deepest Word list level the templates define (0, 1, 2)
_WORD_BULLET = re.compile(r"^([ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)*)•(?=[ \t]|$)", re.M)
_NEWLINE = re.compile("\n")
_ORDERED = re.compile(r"(\d{1,9})[.)]")
_ANY_NUMBER = re.compile(r"^ *\d{1,9}[.)]", re.M)
_NUMBERED_LINE = re.compile(r"( *)(\d{1,9})[.)](?=[ \t]|$)")


def _stand_ins(source: str) -> tuple[str, str]:
    """Return the stand-ins for `.` and `)` in `source`: two private-use characters the text
    does not hold (U+E000 and U+E001 unless it holds one), so that putting them back never
    turns a character the user wrote into a `.` or a `)`."""
    if "\ue000" not in source and "\ue001" not in source:
        return "\ue000", "\ue001"
    free = (c for c in map(chr, range(0xE000, 0xF900)) if c not in source)
    return next(free), next(free)


def _put_back(text: str, back: dict[int, str] | None) -> str:
    """Return `text` with the stand-ins of `back` (from `_stand_ins`) put back as `.`, `)`."""
    return text.translate(back) if back else text


class Span(NamedTuple):
    """Where one paragraph or list item's text stands in the source: [start, end)."""

    start: int
    end: int
    list_item: bool


def parse(source: str) -> list[Block]:
    """Return the blocks of rich text `source`: paragraphs and (nested) lists."""
    if not source.strip():
        return []
    plain = _plain(source)
    if plain is not None:
        return [Paragraph((Run(joined(source[start:end])),)) for start, end in plain]
    simple = _simple(source)
    if simple is not None:
        return simple
    text = _prepared(source)
    dot, paren = _stand_ins(source)
    return _blocks(_tokens(text), _line_starts(text), text, {ord(dot): ".", ord(paren): ")"})


_BULLET_ITEM = re.compile(r"- (\S.*)")
_BLOCK_START = re.compile(r" *(?:[-+]|\d{1,9}[.)])(?: |$)| *-(?: *-){2,} *$| *_[_ ]*$")


def _simple(source: str) -> list[Block] | None:
    """Return the blocks of a text of plain paragraphs and bullet lists of one-line items
    (the shape `_simple_shape` reads), what the parser would make of it; None for any
    other text (the parser reads it).

    A paragraph is its lines stripped and joined as `_plain` makes it; an item is its line
    after `- `, stripped."""
    shape = _simple_shape(source)
    if shape is None:
        return None
    out: list[Block] = []
    for is_list, lines in shape:
        if is_list:
            out.append(ListBlock(tuple(Item((Run(source[start + 2:end].strip(" ")),))
                                       for start, end in lines), False))
        else:
            out.append(Paragraph((Run(joined(source[lines[0][0]:lines[-1][1]])),)))
    return out


def _simple_spans(source: str) -> list[Span] | None:
    """Return where each paragraph and item of a text `_simple_shape` reads stands, as
    `spans` places them with the parser: a paragraph from its first written character to
    its last line's end, an item from its text after `- ` to its line's end."""
    shape = _simple_shape(source)
    if shape is None:
        return None
    out: list[Span] = []
    for is_list, lines in shape:
        if is_list:
            out.extend(Span(start + 2, end, True) for start, end in lines)
        else:
            first, end = lines[0][0], lines[-1][1]
            out.append(Span(first + len(source[first:end]) - len(source[first:end].lstrip(" ")),
                            end, False))
    return out


def _simple_shape(source: str) -> list[tuple[bool, list[tuple[int, int]]]] | None:
    """Return the blocks of a text of plain paragraphs and bullet lists of one-line items
    (`- text` at the margin, no nesting, each list after a blank line): for each, whether
    it is a list and where each of its lines stands [start, end); None for any other text.

    Lists are a common shape that `_plain` leaves to markdown-it (half a millisecond a
    text). Left to the parser: markup characters and white space other than spaces, a line
    of only spaces, a line that starts any other block (a number, `+`, a nested marker, a
    break line), a list right after a list (one loose list) and an indented paragraph after
    a list (the item's own)."""
    if any(ch in source for ch in _MARKUP_CHARACTERS) or not source.replace(
            "\n", " ").isprintable():
        return None
    out: list[tuple[bool, list[tuple[int, int]]]] = []
    block: list[tuple[int, int]] = []
    start = 0
    for line in [*source.split("\n"), ""]:
        end = start + len(line)
        if line:
            if not line.strip(" "):
                return None
            block.append((start, end))
            start = end + 1
            continue
        start = end + 1
        if not block:
            continue
        after_list = bool(out) and out[-1][0]
        texts = [source[a:b] for a, b in block]
        items = [_BULLET_ITEM.fullmatch(x) for x in texts]
        if all(items):
            if after_list or any(_BLOCK_START.match(m.group(1)) for m in items if m):
                return None
            out.append((True, block))
        elif any(items) or any(_BLOCK_START.match(x) for x in texts) or (
                after_list and any(x.startswith(" ") for x in texts)):
            return None
        else:
            out.append((False, block))
        block = []
    return out


def inline(source: str) -> tuple[Run, ...]:
    """Return the runs of one paragraph's text: **fet** and *kursiv* with CommonMark's rules."""
    if not _NOT_PLAIN_INLINE.search(source):
        return (Run(source.strip(" ")),)
    tokens = _markdown().parseInline(source.strip())
    return _merge(_runs(tokens[0].children or [] if tokens else [], None))


# Text that holds none of these is only paragraphs of words: what the parser makes of it is
# known without it (most texts; markdown-it costs a few tenths of a millisecond a text).
# A no-break space inside a line (dates, amounts) and `_` (granska's stand-in for Jinja) are
# text to it; only at a line's ends would its stripping differ, and a line of `_` is a break.
_NOT_PLAIN = (r"(?m)[*\\`\t\r\x00•]|^ *[^\S \n]|[^\S \n] *$"  # compiled by re when first needed
              r"|^ *(?:[-+]|\d{1,9}[.)])(?: |$)|^ *-(?: *-){2,} *$|^ *_[_ ]*$")
_NOT_PLAIN_INLINE = re.compile(r"[*\\\n\t\r\x00]|[^\S ]")
_CHUNK = re.compile(r"[^\n]*[^ \n][^\n]*(?:\n[^\n]*[^ \n][^\n]*)*")


# Cheap tests before `_NOT_PLAIN`, which tries its six branches at every character: a text
# matches it only if it holds one of its characters, or a line whose first written
# character is `-`, `+`, a digit or `_`, or white space other than a space or a newline at
# a line's start or end (all such white space is unprintable). A line start is found after
# a newline (the text is read with one before it), a literal the engine searches for fast.
_MARKUP_CHARACTERS = "*\\`\t\r\x00•"
_MARKUP_LINE = re.compile(r"\n *(?:[-+\d]|_[_ ]*$)", re.M)
_ODD_SPACE_FIRST = re.compile(r"\n *[^\S \n]")
_ODD_SPACE_LAST = re.compile(r"[^\S \n] *(?:\n|\Z)")


def _may_need_parser(source: str) -> bool:
    """Return False when `_NOT_PLAIN` cannot match `source` (the comment above says why)."""
    if any(ch in source for ch in _MARKUP_CHARACTERS):
        return True
    lined = "\n" + source
    if _MARKUP_LINE.search(lined):
        return True
    if source.replace("\n", " ").isprintable():
        return False
    return bool(_ODD_SPACE_FIRST.search(lined) or _ODD_SPACE_LAST.search(source))


def joined(chunk: str) -> str:
    """Return a plain paragraph's lines (none of them blank) as one line: each stripped of
    its spaces, joined by one space (what `re.sub(" *\\n *", " ", chunk).strip(" ")` gives,
    without a pattern tried at every character)."""
    if "\n" not in chunk:
        return chunk.strip(" ")
    return " ".join([line.strip(" ") for line in chunk.split("\n")]).strip(" ")


@lru_cache(maxsize=32)
def _plain(source: str) -> tuple[tuple[int, int], ...] | None:
    """Return where each paragraph of a text of only paragraphs stands (its first and after
    its last written character), or None when the text needs the parser.

    Kept for the last few texts: `granska` reads the spans of most of the texts the
    document then parses (those without Jinja), and a case's texts are read this way twice.
    """
    if _may_need_parser(source) and re.search(_NOT_PLAIN, source):
        return None
    out = []
    for m in _CHUNK.finditer(source):
        chunk = m.group()
        out.append((m.start() + len(chunk) - len(chunk.lstrip(" ")), m.end()))
    return tuple(out)


def spans(source: str) -> list[Span]:
    """Return where each paragraph and list item's text stands, in reading order."""
    if not source.strip():
        return []
    plain = _plain(source)
    if plain is not None:
        return [Span(start, end, False) for start, end in plain]
    simple = _simple_spans(source)
    if simple is not None:
        return simple
    text = _prepared(source)
    starts = _line_starts(text)
    out: list[Span] = []
    depth = 0
    for tok in _tokens(text):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif tok.type in ("inline", "hr") and tok.map:
            first, last = tok.map
            begin = starts[first]
            head = tok.content.split("\n", 1)[0] if tok.type == "inline" else ""
            found = text.find(head, begin) if head else -1
            start = found if found >= 0 else begin + len(text[begin:]) - len(
                text[begin:].lstrip())
            end = min(starts[last] - 1, len(text)) if last < len(starts) else len(text)
            out.append(Span(start, max(end, start), depth > 0))
    return out


def escape(text: str) -> str:
    """Return `text` with every `*` escaped, so that it parses back to itself as plain text."""
    return text.replace("*", "\\*")


def _prepared(source: str) -> str:
    """Return `source` as the parser reads it, every character where it was written.

    A line-starting `•` becomes the bullet `-`. After a blank line, a numbered line goes on
    a list only with that list's next number: any other number's `.` or `)` is swapped for
    a stand-in character (put back in the text), so that `2021. var …` stays text.
    """
    if "•" in source:
        source = _WORD_BULLET.sub(lambda m: m.group(1) + "-", source)
    if not _ANY_NUMBER.search(source):
        return source
    lines = source.split("\n")
    stand_in = dict(zip(".)", _stand_ins(source), strict=True))
    counts: dict[int, int] = {}  # indent → items of the numbered list open there
    blank = False
    for i, line in enumerate(lines):
        if not line.strip():
            blank = True
            continue
        found = _NUMBERED_LINE.match(line)
        indent = len(line) - len(line.lstrip(" "))
        for deeper in [c for c in counts if c > indent or (c == indent and not found)]:
            del counts[deeper]
        if found is not None:
            number = int(found.group(2))
            if blank and indent in counts and number != counts[indent] + 1:
                cut = found.end(2)
                lines[i] = line[:cut] + stand_in[line[cut]] + line[cut + 1:]
                del counts[indent]
            elif indent in counts or number == 1:
                counts[indent] = counts.get(indent, 0) + 1
        blank = False
    return "\n".join(lines)


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _NEWLINE.finditer(text))]


@lru_cache(maxsize=16)
def _tokens(text: str) -> tuple[Token, ...]:
    """Return the parser's tokens for prepared text: a text is parsed once for the document
    and once more for `granska`'s paragraphs, so the last few are kept (read, never changed)."""
    return tuple(_markdown().parse(text))


@cache
def _markdown() -> MarkdownIt:
    """Return the one CommonMark parser with only the subset's rules on (made once)."""
    from markdown_it import MarkdownIt
    from markdown_it.rules_block.list import list_block
    from markdown_it.rules_inline import emphasis

    md = MarkdownIt("zero")
    md.enable(["code", "hr", "list", "newline", "escape", "emphasis"])
    md.block.ruler.at("code", _no_code)  # kept on so that a 4-space indent is no list
    md.block.ruler.at("list", _numbered_from_one(list_block),
                      {"alt": ["paragraph", "reference", "blockquote"]})
    md.inline.ruler.at("escape", _escape)
    md.inline.ruler.at("emphasis", _star_only(emphasis.tokenize))
    return md


def _no_code(state: Any, start: int, end: int, silent: bool) -> bool:
    """Return False: an indented block is text, not code (the text rule takes it)."""
    return False


def _numbered_from_one(rule: Any) -> Any:
    """Return the list rule with the contract's start: a number other than 1 opens no list,
    unless it is the next number of the numbered list just before it."""
    def wrapped(state: Any, start: int, end: int, silent: bool) -> bool:
        pos = state.bMarks[start] + state.tShift[start]
        found = _ORDERED.match(state.src, pos, state.eMarks[start])
        outdented = (silent and state.parentType == "paragraph"
                     and state.sCount[start] < state.blkIndent)  # an item's end: decided later
        if (found is not None and int(found.group(1)) != 1 and not outdented
                and int(found.group(1)) != _next_number(state.tokens, state.level)):
            return False
        return bool(rule(state, start, end, silent))
    return wrapped


def _next_number(tokens: list[Token], level: int) -> int | None:
    """Return the next number of a numbered list that ends just before, at `level`."""
    if not tokens or tokens[-1].type != "ordered_list_close" or tokens[-1].level != level:
        return None
    items, depth = 0, 0
    for tok in reversed(tokens):
        if tok.type == "ordered_list_close" and tok.level == level:
            depth += 1
        elif tok.type == "ordered_list_open" and tok.level == level:
            depth -= 1
            if depth == 0:
                return int(tok.attrs.get("start", 1)) + items
        elif tok.type == "list_item_open" and tok.level == level + 1 and depth == 1:
            items += 1
    return None


def _escape(state: Any, silent: bool) -> bool:
    """Return True after a backslash before `*`, `-`, `+`, `.` or `)`: that character, literal."""
    pos = state.pos
    if state.src[pos] != "\\" or pos + 1 >= state.posMax:
        return False
    ch = state.src[pos + 1]
    if ch not in ESCAPABLE:
        return False  # the backslash is literal; the text rule takes it
    if not silent:
        token = state.push("text_special", "", 0)
        token.content = ch
        token.markup = "\\" + ch
        token.info = "escape"
    state.pos = pos + 2
    return True


def _star_only(rule: Any) -> Any:
    """Return the emphasis rule for `*` alone: `_` stays literal."""
    def wrapped(state: Any, silent: bool) -> bool:
        return state.src[state.pos] == "*" and bool(rule(state, silent))
    return wrapped


def _runs(children: list[Token], back: dict[int, str] | None) -> list[Run]:
    runs: list[Run] = []
    bold = italic = 0
    for tok in children:
        if tok.type == "text":
            runs.append(Run(_put_back(tok.content, back), bold > 0, italic > 0))
        elif tok.type in ("softbreak", "hardbreak"):
            runs.append(Run(" ", bold > 0, italic > 0))
        elif tok.type == "strong_open":
            bold += 1
        elif tok.type == "strong_close":
            bold -= 1
        elif tok.type == "em_open":
            italic += 1
        elif tok.type == "em_close":
            italic -= 1
        else:
            runs.append(Run(_put_back(tok.content, back), bold > 0, italic > 0))
    return runs


def _merge(runs: list[Run]) -> tuple[Run, ...]:
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        elif run.text:
            merged.append(run)
    return tuple(merged) or (Run(""),)


def _blocks(tokens: Sequence[Token], starts: list[int], text: str,
            back: dict[int, str]) -> list[Block]:
    """Return the blocks of a token stream; nested lists become flat items with levels."""
    out: list[Block] = []
    items: list[Item] = []
    kinds: list[bool] = []  # per open list: numbered?
    fresh: list[bool] = []  # per open item: its first paragraph not yet seen
    start_number = 1

    def add(runs: tuple[Run, ...]) -> None:
        if not kinds:
            out.append(Paragraph(runs))
            return
        level = min(len(kinds) - 1, MAX_LEVEL)
        items.append(Item(runs, level, kinds[-1], continued=not fresh[-1]))
        fresh[-1] = False

    for tok in tokens:
        kind = tok.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            if fresh and fresh[-1]:
                add((Run(""),))  # an item that starts with a nested list
            if not kinds:
                start_number = int(tok.attrs.get("start", 1))
            kinds.append(kind == "ordered_list_open")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            numbered = kinds.pop()
            if not kinds:
                previous = out[-1] if out else None
                if (numbered and start_number != 1 and isinstance(previous, ListBlock)
                        and previous.numbered):
                    out[-1] = ListBlock(previous.items + tuple(items), True)
                else:
                    out.append(ListBlock(tuple(items), numbered))
                items = []
        elif kind == "list_item_open":
            fresh.append(True)
        elif kind == "list_item_close":
            if fresh.pop():
                fresh.append(True)
                add((Run(""),))
                fresh.pop()
        elif kind == "inline":
            add(_merge(_runs(tok.children or [], back)))
        elif kind == "hr" and tok.map:
            line = text[starts[tok.map[0]]:].split("\n", 1)[0]
            add((Run(line.strip()),))
    return out
