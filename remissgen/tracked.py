"""Two versions of a case → the new version's .docx with Word's tracked changes against the old.

Built from the two block lists, never by comparing XML: the paragraphs both write (in the
order the Word writer writes them) are aligned; a paragraph only the new version has is
inserted, one only the old has is deleted, and a changed one is marked word by word
(`w:ins`, `w:del`). Accepting every change gives the new version's text, rejecting every
change the old one's.
"""

from __future__ import annotations

import difflib

from . import compare, pipeline
from .blocks import Block, Columns, Heading, ListBlock, Paragraph, Run
from .messages import text
from .word import styles
from .word.docx_writer import Revision, Revisions

Flat = list[tuple[tuple[Run, ...], str]]


def _flat(blocks: list[Block]) -> Flat:
    """Return (runs, style name) of every paragraph, in the order the writer writes them."""
    out: Flat = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append(((Run(block.text),), styles.heading(block.level)))
        elif isinstance(block, Paragraph):
            out.append((block.runs, block.style))
        elif isinstance(block, ListBlock):
            out += [(item.runs, styles.LIST_NUMBER if item.numbered else styles.LIST_BULLET)
                    for item in block.items]
        elif isinstance(block, Columns):
            out += [(p.runs, p.style) for cell in block.cells for p in cell]
    return out


def _plain(runs: tuple[Run, ...]) -> str:
    return "".join(r.text for r in runs)


def _slice(runs: tuple[Run, ...], start: int, end: int) -> list[Run]:
    """Return the runs' characters start–end, each piece keeping its run's formatting."""
    out, pos = [], 0
    for run in runs:
        a, b = max(start, pos), min(end, pos + len(run.text))
        if a < b:
            out.append(run._replace(text=run.text[a - pos:b - pos]))
        pos += len(run.text)
    return out


def _pieces(old: tuple[Run, ...], new: tuple[Run, ...]) -> tuple[tuple[str, Run], ...]:
    """Return the new paragraph's runs with the old one's changed words: "=", "+", "-"."""
    out: list[tuple[str, Run]] = []
    at_old = at_new = 0
    for tag, piece in compare.word_changes(_plain(old), _plain(new)):
        if tag == "-":
            out += [("-", r) for r in _slice(old, at_old, at_old + len(piece))]
            at_old += len(piece)
            continue
        out += [(tag, r) for r in _slice(new, at_new, at_new + len(piece))]
        at_new += len(piece)
        if tag == "=":
            at_old += len(piece)
    return tuple(out)


def revisions(old: list[Block], new: list[Block], author: str, date: str) -> Revisions:
    """Return the tracked changes that turn the old blocks' paragraphs into the new ones'."""
    a, b = _flat(old), _flat(new)
    matcher = difflib.SequenceMatcher(None, [_plain(r) for r, _ in a],
                                      [_plain(r) for r, _ in b], autojunk=False)
    found: dict[int, Revision] = {}
    pending: list[tuple[tuple[Run, ...], str]] = []  # old paragraphs deleted before the next
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            if pending:
                runs = b[j1][0]
                found[j1] = Revision(j1, tuple(("=", r) for r in runs), False, tuple(pending))
                pending = []
            continue
        pairs = min(i2 - i1, j2 - j1)
        for k in range(pairs):
            j = j1 + k
            found[j] = Revision(j, _pieces(a[i1 + k][0], b[j][0]), False, tuple(pending))
            pending = []
        pending += a[i1 + pairs:i2]
        for j in range(j1 + pairs, j2):
            found[j] = Revision(j, tuple(("+", r) for r in b[j][0]), True, tuple(pending))
            pending = []
    return Revisions(tuple(found.values()), author, date, tuple(pending))


def document(old: pipeline.Loaded, new: pipeline.Loaded) -> bytes:
    """Return the new version's .docx with tracked changes against the old version."""
    from . import doctype

    kind = doctype.get()
    marks = revisions(kind.blocks(old.case), kind.blocks(new.case),
                      text("ändringar_författare"), f"{new.case.datum.isoformat()}T00:00:00Z")
    return pipeline.build(new, revisions=marks)
