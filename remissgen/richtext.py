"""The contract's rich-text subset → blocks: paragraphs, `- ` and `1. ` lists, **fet**, *kursiv*.

Everything outside the subset stays literal text, exactly as written.
"""

from __future__ import annotations

import re

from .blocks import Block, ListBlock, Paragraph, Run

_BULLET = re.compile(r"- (?=\S)")
_NUMBER = re.compile(r"(\d{1,9})\. (?=\S)")


def parse(source: str) -> list[Block]:
    """Return the blocks of rich text `source`; adjacent list chunks of one kind join."""
    blocks: list[Block] = []
    for chunk in _chunks(source):
        for block in _chunk_blocks(chunk, blocks[-1] if blocks else None):
            if (isinstance(block, ListBlock) and blocks and isinstance(blocks[-1], ListBlock)
                    and blocks[-1].numbered == block.numbered):
                blocks[-1] = ListBlock(blocks[-1].items + block.items, block.numbered)
            else:
                blocks.append(block)
    return blocks


def _chunks(source: str) -> list[list[str]]:
    chunks: list[list[str]] = [[]]
    for line in source.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            chunks[-1].append(line.strip())
        elif chunks[-1]:
            chunks.append([])
    return [c for c in chunks if c]


def _chunk_blocks(lines: list[str], previous: Block | None) -> list[Block]:
    """Return a chunk's blocks: a paragraph, then list items; list lines may interrupt text."""
    # a numbered list before a blank line goes on only with its next number (not "2021. ...")
    next_number = (len(previous.items) + 1 if isinstance(previous, ListBlock)
                   and previous.numbered else None)
    out: list[Block] = []
    kind: str | None = None  # "p", "-", "1"
    current: list[str] = []
    items: list[str] = []

    def flush() -> None:
        nonlocal current, items, kind
        if kind == "p" and current:
            out.append(Paragraph(inline(" ".join(current))))
        elif kind in ("-", "1") and items:
            out.append(ListBlock(tuple(inline(i) for i in items), kind == "1"))
        current, items, kind = [], [], None

    for line in lines:
        bullet = _BULLET.match(line)
        number = _NUMBER.match(line)
        starts_numbered = number is not None and (
            kind == "1" or number.group(1) == "1"
            or (kind is None and next_number == int(number.group(1))))
        if bullet:
            if kind != "-":
                flush()
                kind = "-"
            items.append(line[bullet.end():])
        elif number is not None and starts_numbered:
            if kind != "1":
                flush()
                kind = "1"
            items.append(line[number.end():])
        elif kind in ("-", "1"):
            items[-1] += " " + line
        else:
            kind = "p"
            current.append(line)
    flush()
    return out


_DELIMS = re.compile(r"\*\*|\*")


def inline(source: str) -> tuple[Run, ...]:
    """Return the runs of one paragraph's text: **fet** and *kursiv*, nestable once."""
    runs: list[Run] = []
    _inline(source, False, False, runs)
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        elif run.text:
            merged.append(run)
    return tuple(merged) or (Run(""),)


def _inline(s: str, bold: bool, italic: bool, out: list[Run]) -> None:
    pos = 0
    while True:
        found = _opening(s, pos, bold, italic)
        if found is None:
            out.append(Run(s[pos:], bold, italic))
            return
        start, end, close_start, close_end, delim = found
        out.append(Run(s[pos:start], bold, italic))
        if delim == "**":
            _inline(s[end:close_start], True, italic, out)
        else:
            _inline(s[end:close_start], bold, True, out)
        pos = close_end


def _opening(s: str, pos: int, bold: bool,
             italic: bool) -> tuple[int, int, int, int, str] | None:
    """Return the first delimiter pair from `pos`: (open, content start, close, after, delim)."""
    for m in _DELIMS.finditer(s, pos):
        delim = m.group()
        if (delim == "**" and bold) or (delim == "*" and italic):
            continue
        end = m.end()
        if end >= len(s) or s[end].isspace():
            continue
        close = _closing(s, end, delim)
        if close is not None:
            return m.start(), end, close, close + len(delim), delim
    return None


def _closing(s: str, start: int, delim: str) -> int | None:
    i = start
    while True:
        i = s.find(delim, i + 1)
        if i < 0:
            return None
        if delim == "*" and (s.startswith("**", i) or (i > 0 and s[i - 1] == "*")):
            # a '**' inside italic text belongs to a bold span; skip it whole
            i += 1
            continue
        if not s[i - 1].isspace():
            if delim == "**" and s.startswith("***", i):
                return i + 1  # '***' closes an italic inside the bold, then the bold
            return i
