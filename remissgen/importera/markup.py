"""Paragraphs and Word lists → the contract's rich text: `- ` and `1. ` lines, **fet**, *kursiv*.

Every result is checked by parsing it again with remissgen's own rich-text parser; what
the markup cannot say exactly is reported, never silently changed.
"""

from __future__ import annotations

from itertools import groupby

from .. import richtext
from ..blocks import Block, ListBlock, Paragraph, Run
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


def _nested(runs: tuple[Run, ...], outer: str, bridge: bool = False) -> str:
    """Return markup grouping runs by the `outer` format ('bold' or 'italic') first.

    With `bridge`, white space between two spans of `outer` joins them into one span.
    """
    inner = "italic" if outer == "bold" else "bold"
    marks = {"bold": "**", "italic": "*"}
    flags = [bool(getattr(r, outer)) for r in runs]
    for i, run in enumerate(runs):  # white space between two spans of `outer` joins them
        if (bridge and not run.text.strip() and 0 < i < len(runs) - 1 and flags[i - 1]
                and flags[i + 1]):
            flags[i] = True
    out = []
    for on, group in groupby(zip(runs, flags, strict=True), key=lambda pair: pair[1]):
        pieces = "".join(_wrap(r.text, marks[inner]) if getattr(r, inner) else r.text
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
    for outer in ("bold", "italic"):
        candidate = _nested(exact, outer)
        if merged(richtext.inline(candidate)) == exact:
            return candidate
    wanted = _strip(runs)
    for outer in ("bold", "italic"):
        candidate = _nested(wanted, outer, bridge=True)
        if _strip(richtext.inline(candidate)) == wanted:
            return candidate
    return None


def blocks(lines: list[Line]) -> list[Block]:
    """Return the blocks that `lines` show: paragraphs, and list items gathered into lists."""
    out: list[Block] = []
    for role, group in groupby(lines, key=lambda item: item.role):
        items = list(group)
        if role in ("bullet", "number"):
            out.append(ListBlock(tuple(i.runs for i in items), role == "number"))
        else:
            out += [Paragraph(i.runs) for i in items]
    return out


def rich(lines: list[Line], where: str) -> tuple[str, list[str]]:
    """Return the rich text of `lines` (ending in a newline) and notes on what it cannot say."""
    notes: list[str] = []
    chunks: list[str] = []
    for block in blocks(lines):
        if isinstance(block, ListBlock):
            chunks.append("\n".join(
                f"{f'{i}.' if block.numbered else '-'} {_item(runs, where, notes)}"
                for i, runs in enumerate(block.items, start=1)))
        elif isinstance(block, Paragraph):
            chunks.append(_item(block.runs, where, notes))
    source = "\n\n".join(c for c in chunks if c)
    if _shape(richtext.parse(source)) != _shape(blocks(lines)):
        notes.append(text("importera_styckeindelning", where=where))
    return (source + "\n" if source else ""), notes


def _item(runs: tuple[Run, ...], where: str, notes: list[str]) -> str:
    found = inline(runs)
    if found is not None:
        return found
    plain = "".join(r.text for r in _strip(runs))
    notes.append(text("importera_formatering", where=where, text=_short(plain)))
    return plain


def _shape(found: list[Block]) -> list[tuple[str, ...]]:
    """Return each block's kind and plain text: what must survive a round trip."""
    out: list[tuple[str, ...]] = []
    for block in found:
        if isinstance(block, ListBlock):
            out.append(("1" if block.numbered else "-",
                        *("".join(r.text for r in _strip(i)) for i in block.items)))
        elif isinstance(block, Paragraph):
            out.append(("p", "".join(r.text for r in _strip(block.runs))))
    return out


def same(a: list[Block], b: list[Block]) -> bool:
    """Return True when two block lists show the same text, lists and formatting."""
    def key(found: list[Block]) -> list[tuple[object, ...]]:
        out: list[tuple[object, ...]] = []
        for block in found:
            if isinstance(block, ListBlock):
                out.append((block.numbered, *(_strip(i) for i in block.items)))
            elif isinstance(block, Paragraph):
                out.append(("p", _strip(block.runs)))
        return out

    return key(a) == key(b)


def _short(value: str) -> str:
    return value if len(value) <= 60 else value[:57] + "..."
