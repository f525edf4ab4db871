"""Paragraphs and Word lists → the contract's rich text: `- ` and `1. ` lines, **fet**, *kursiv*.

Every result is checked by parsing it again with remissgen's own rich-text parser; what
the markup cannot say exactly is reported, never silently changed.
"""

from __future__ import annotations

import re
from itertools import groupby

from .. import richtext
from ..blocks import Block, Item, ListBlock, Paragraph, Run
from ..messages import text
from .layout import Line

Format = tuple[bool, bool]


def canonical(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """Return `runs` as what a reader sees: breaks as spaces, white space unformatted, merged."""
    chars: list[tuple[str, Format]] = []
    for run in runs:
        for ch in run.text.replace("\n", " ").replace("\t", " "):
            chars.append((ch, (False, False) if ch.isspace() else (run.bold, run.italic)))
    out = [Run("".join(c for c, _ in group), *fmt)
           for fmt, group in groupby(chars, key=lambda c: c[1])]
    return tuple(out)


def _strip(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """Return `runs` without white space at the paragraph's two ends (the parser drops it)."""
    items = list(canonical(runs))
    if items and not items[0].text.strip():
        items.pop(0)
    if items and not items[-1].text.strip():
        items.pop()
    if items:
        items[0] = Run(items[0].text.lstrip(), items[0].bold, items[0].italic)
        items[-1] = Run(items[-1].text.rstrip(), items[-1].bold, items[-1].italic)
    return tuple(r for r in items if r.text)


def _wrap(content: str, marker: str) -> str:
    """Return `content` inside `marker`, its edge white space kept outside the markers."""
    core = content.strip()
    if not core:
        return content
    lead = content[:len(content) - len(content.lstrip())]
    trail = content[len(content.rstrip()):]
    return f"{lead}{marker}{core}{marker}{trail}"


def _nested(runs: tuple[Run, ...], outer: str, bridge: bool = False,
            escaped: bool = False) -> str:
    """Return markup grouping runs by the `outer` format ('bold' or 'italic') first.

    With `bridge`, white space between two spans of `outer` joins them into one span.
    """
    inner = "italic" if outer == "bold" else "bold"
    say = richtext.escape if escaped else str
    marks = {"bold": "**", "italic": "*"}
    flags = [bool(getattr(r, outer)) for r in runs]
    for i, run in enumerate(runs):  # white space between two spans of `outer` joins them
        if (bridge and not run.text.strip() and 0 < i < len(runs) - 1 and flags[i - 1]
                and flags[i + 1]):
            flags[i] = True
    out = []
    for on, group in groupby(zip(runs, flags, strict=True), key=lambda pair: pair[1]):
        pieces = "".join(_wrap(say(r.text), marks[inner]) if getattr(r, inner) else say(r.text)
                         for r, _ in group)
        out.append(_wrap(pieces, marks[outer]) if on else pieces)
    return "".join(out)


def merged(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """Return `runs` with breaks as spaces, neighbours of one format joined, ends stripped."""
    out: list[Run] = []
    for run in runs:
        piece = run.text.replace("\n", " ").replace("\t", " ")
        if out and (out[-1].bold, out[-1].italic) == (run.bold, run.italic):
            out[-1] = Run(out[-1].text + piece, run.bold, run.italic)
        elif piece:
            out.append(Run(piece, run.bold, run.italic))
    if out:
        out[0] = Run(out[0].text.lstrip(), out[0].bold, out[0].italic)
        out[-1] = Run(out[-1].text.rstrip(), out[-1].bold, out[-1].italic)
    return tuple(r for r in out if r.text)


def inline(runs: tuple[Run, ...]) -> str | None:
    """Return markup that parses back to `runs`, or None when the markup cannot say them.

    Exactly the same runs first; else the same as a reader sees them (white space between
    two formatted words may then lose its formatting, which does not show).
    """
    exact = merged(runs)
    wanted = _strip(runs)
    for escaped in (False, True):  # the same runs, asterisks escaped only where needed
        for outer in ("bold", "italic"):
            candidate = _nested(exact, outer, escaped=escaped)
            if merged(richtext.inline(candidate)) == exact:
                return candidate
    for escaped in (False, True):  # else the same as a reader sees them
        for outer in ("bold", "italic"):
            candidate = _nested(wanted, outer, bridge=True, escaped=escaped)
            if _strip(richtext.inline(candidate)) == wanted:
                return candidate
    return None


def blocks(lines: list[Line]) -> list[Block]:
    """Return the blocks that `lines` show: paragraphs, and list items gathered into lists.

    A list goes on while its lines are list items or paragraphs continued inside one; an
    outer item of the other kind, or of another Word list, starts a new list.
    """
    out: list[Block] = []
    items: list[Item] = []
    current = ("", False)  # the outer list's Word list and kind

    def flush() -> None:
        if items:
            out.append(ListBlock(tuple(items), items[0].numbered))
            items.clear()

    for line in lines:
        if line.role in ("bullet", "number"):
            numbered = line.role == "number"
            depth = max(i.level for i in items) + 1 if items else 0
            level = min(line.level, depth, richtext.MAX_LEVEL)
            if level == 0 and items and current != (line.list_id, numbered):
                flush()
            if level == 0:
                current = (line.list_id, numbered)
            items.append(Item(line.runs, level, numbered))
        elif line.role == "continued" and items:
            level = min(line.level, max(i.level for i in items))
            owner = next(i for i in reversed(items) if i.level <= level)
            items.append(Item(line.runs, owner.level, owner.numbered, continued=True))
        else:
            flush()
            out.append(Paragraph(line.runs))
    flush()
    return out


_MARKER = re.compile(r"([-+])(?=[ \t]|$)|(\d{1,9})([.)])(?=[ \t]|$)")


def _unmarked(markup: str, any_number: bool) -> str:
    """Return `markup` with a starting list marker escaped, so that it stays text."""
    found = _MARKER.match(markup)
    if found is None or (found.group(2) and found.group(2) != "1" and not any_number):
        return markup
    if found.group(1):
        return "\\" + markup
    return found.group(2) + "\\" + markup[found.end(2):]


def rich(lines: list[Line], where: str) -> tuple[str, list[str]]:
    """Return the rich text of `lines` (ending in a newline) and notes on what it cannot say."""
    notes: list[str] = []
    chunks: list[str] = []
    numbered_before = False
    previous: Block | None = None
    for block in blocks(lines):
        if isinstance(block, ListBlock):
            # a list right after one of its kind takes the other marker (`*`, `1)`), as in
            # CommonMark a list goes on for as long as its marker does
            other = (isinstance(previous, ListBlock) and previous.numbered == block.numbered
                     and not _alternate(chunks[-1]))
            chunks.append(_list(block, where, notes, other))
        elif isinstance(block, Paragraph):
            chunks.append(_unmarked(_item(block.runs, where, notes), numbered_before))
        numbered_before = isinstance(block, ListBlock) and block.numbered
        previous = block
    source = "\n\n".join(c for c in chunks if c)
    if _shape(richtext.parse(source)) != _shape(blocks(lines)):
        notes.append(text("importera_styckeindelning", where=where))
    return (source + "\n" if source else ""), notes


def _alternate(chunk: str) -> bool:
    """Return True when a list's markup uses the other marker (`* ` or `1) `)."""
    return chunk.startswith("* ") or (chunk.startswith("1)"))


def _list(block: ListBlock, where: str, notes: list[str], other: bool = False) -> str:
    """Return a list's markup: one line per item, nested items indented under their owner;
    `other` writes the outer level with `* ` or `1) ` instead of `- ` or `1. `."""
    out: list[str] = []
    opened: list[tuple[bool, int, int]] = []  # per level: kind, last number, content column
    for item in block.items:
        level = min(item.level, len(opened) - (1 if item.continued else 0))
        markup = _unmarked(_item(item.runs, where, notes), True)
        if item.continued and opened:
            out += ["", " " * opened[level][2] + markup]
            continue
        del opened[level + 1:]
        if len(opened) > level and opened[level][0] != item.numbered:
            del opened[level:]
        number = opened[level][1] + 1 if len(opened) > level else 1
        alternative = other and level == 0
        marker = (f"{number}{')' if alternative else '.'}" if item.numbered
                  else "*" if alternative else "-")
        prefix = opened[level - 1][2] if level else 0
        entry = (item.numbered, number, prefix + len(marker) + 1)
        opened[level:level + 1] = [entry]
        out.append(f"{' ' * prefix}{marker} {markup}")
    return "\n".join(out)


def _item(runs: tuple[Run, ...], where: str, notes: list[str]) -> str:
    found = inline(runs)
    if found is not None:
        return found
    plain = "".join(r.text for r in _strip(runs))
    notes.append(text("importera_formatering", where=where, text=_short(plain)))
    return plain


def _shape(found: list[Block]) -> list[tuple[object, ...]]:
    """Return each block's kind and plain text: what must survive a round trip."""
    out: list[tuple[object, ...]] = []
    for block in found:
        if isinstance(block, ListBlock):
            out.append(("1" if block.numbered else "-",
                        *((i.level, i.numbered, i.continued,
                           "".join(r.text for r in _strip(i.runs))) for i in block.items)))
        elif isinstance(block, Paragraph):
            out.append(("p", "".join(r.text for r in _strip(block.runs))))
    return out


def same(a: list[Block], b: list[Block]) -> bool:
    """Return True when two block lists show the same text, lists and formatting."""
    def key(found: list[Block]) -> list[tuple[object, ...]]:
        out: list[tuple[object, ...]] = []
        for block in found:
            if isinstance(block, ListBlock):
                out.append((block.numbered, *((i.level, i.numbered, i.continued, _strip(i.runs))
                                              for i in block.items)))
            elif isinstance(block, Paragraph):
                out.append(("p", _strip(block.runs)))
        return out

    return key(a) == key(b)


def _short(value: str) -> str:
    return value if len(value) <= 60 else value[:57] + "..."
