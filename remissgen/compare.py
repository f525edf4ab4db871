"""Two versions of a tjänsteutlåtande → what changed, part by part and paragraph by paragraph.

Both sides are read the same way: a .docx (edited in Word, or just built from the case
file) through `importera`'s reader into its parts (title, subtitle, each section, the
closing sentence), or a case's block list into the same parts. A part is a list of
paragraphs; a paragraph is its text with `**bold**`, `*italic*` and list markers as the
case file writes them, so that a change of formatting shows too.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .blocks import Block, Columns, Heading, ListBlock, Paragraph, Run
from .importera.layout import Line
from .messages import text
from .word import styles

Para = tuple[str, tuple[Line, ...]]
"""A paragraph's shown text and the lines it was read from (one; a list item is one)."""


@dataclass(frozen=True)
class Part:
    """One part of the document: its name as the reader sees it, and its paragraphs."""

    name: str
    paragraphs: tuple[Para, ...]

    @property
    def texts(self) -> list[str]:
        """Return the shown text of each paragraph."""
        return [p[0] for p in self.paragraphs]

    @property
    def lines(self) -> list[Line]:
        """Return the lines of all paragraphs, in order."""
        return [line for _, lines in self.paragraphs for line in lines]


def title_part() -> str:
    """Return the name of the title's part."""
    return text("jämför_del_rubrik")


def subtitle_part() -> str:
    """Return the name of the subtitle's part."""
    return text("jämför_del_underrubrik")


def closing_part() -> str:
    """Return the name of the closing sentence's part."""
    return text("jämför_del_avslutning")


def shown(line: Line, number: int = 0) -> str:
    """Return a line's text as the case file writes it: markup, and '- ' or 'N. ' for items."""
    from .importera import markup

    body = markup.inline(line.runs)
    if body is None:
        body = "".join(r.text for r in line.runs)
    body = " ".join(body.split())
    if line.role == "bullet":
        return f"- {body}"
    if line.role == "number":
        return f"{number}. {body}"
    return body


def _paras(lines: list[Line]) -> tuple[Para, ...]:
    out: list[Para] = []
    number = 0
    for line in lines:
        number = number + 1 if line.role == "number" else 0
        out.append((shown(line, number), (line,)))
    return tuple(out)


def part_of(name: str, lines: list[Line]) -> Part:
    """Return the part `name` made of `lines`."""
    return Part(name, _paras(lines))


def parts_of_docx(path: Path, shown_as: str) -> list[Part]:
    """Return the parts of the .docx at `path` as `importera` reads it, or raise InvalidInput."""
    from .importera import docx_reader, structure

    parsed = structure.parse(docx_reader.read(path, shown_as))
    out: list[Part] = []
    if parsed.title:
        out.append(Part(title_part(), _paras([Line((Run(parsed.title),))])))
    if parsed.subtitle:
        out.append(Part(subtitle_part(), _paras([Line((Run(parsed.subtitle),))])))
    out += [Part(s.heading, _paras(s.lines)) for s in parsed.sections]
    if parsed.closing:
        out.append(Part(closing_part(), _paras([Line((Run(parsed.closing),))])))
    return out


def parts_of_bytes(data: bytes, shown_as: str) -> list[Part]:
    """Return the parts of a .docx given as bytes (a document just built)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix=".remissgen-") as folder:
        path = Path(folder) / "byggt.docx"
        path.write_bytes(data)
        return parts_of_docx(path, shown_as)


def flat(blocks: list[Block]) -> list[tuple[Run, ...]]:
    """Return the runs of every paragraph the blocks write, in the order the Word writer
    writes them: a heading, a paragraph, each list item, each cell's paragraphs."""
    out: list[tuple[Run, ...]] = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append((Run(block.text),))
        elif isinstance(block, Paragraph):
            out.append(block.runs)
        elif isinstance(block, ListBlock):
            out += [item.runs for item in block.items]
        else:
            out += [p.runs for cell in block.cells for p in cell]
    return out


def parts_of_blocks(blocks: list[Block]) -> list[Part]:
    """Return the parts of a block list: the title, subtitle and sections (the addressee
    and signature blocks and the closing labels are layout, not text to compare)."""
    out: list[tuple[str, list[Line]]] = []
    for block in blocks:
        if isinstance(block, Heading):
            name = title_part() if block.level == 1 else block.text
            out.append((name, [Line((Run(block.text),))] if block.level == 1 else []))
        elif isinstance(block, Columns) or not out:
            continue
        elif isinstance(block, Paragraph) and block.style == styles.SUBTITLE:
            out.append((subtitle_part(), [Line(block.runs)]))
        elif isinstance(block, Paragraph) and block.style in (styles.LABEL, styles.BLOCK_LINE):
            continue
        elif isinstance(block, Paragraph):
            out[-1][1].append(Line(block.runs))
        elif isinstance(block, ListBlock):
            out[-1][1].extend(Line(item.runs, "number" if item.numbered else "bullet")
                              for item in block.items)
    return [Part(name, _paras(lines)) for name, lines in out]


@dataclass(frozen=True)
class Change:
    """One changed paragraph: its part, its number in the new version (from 1), old and new."""

    part: str
    number: int
    old: str | None  # None: a new paragraph
    new: str | None  # None: a removed paragraph


def changes(old: list[Part], new: list[Part]) -> list[Change]:
    """Return every changed paragraph, in the new version's order of parts."""
    before = {p.name: p for p in old}
    out: list[Change] = []
    names = [p.name for p in new] + [p.name for p in old if p.name not in
                                      {q.name for q in new}]
    after = {p.name: p for p in new}
    for name in names:
        a = before[name].texts if name in before else []
        b = after[name].texts if name in after else []
        out += _paragraph_changes(name, a, b)
    return out


def _paragraph_changes(name: str, a: list[str], b: list[str]) -> Iterator[Change]:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs = max(i2 - i1, j2 - j1)
        for k in range(pairs):
            old = a[i1 + k] if i1 + k < i2 else None
            new = b[j1 + k] if j1 + k < j2 else None
            yield Change(name, j1 + min(k, j2 - j1) + 1, old, new)


def changed_parts(found: list[Change]) -> list[str]:
    """Return the names of the parts that changed, once each, in order."""
    return list(dict.fromkeys(c.part for c in found))


_TOKEN = re.compile(r"\s+|[^\W_]+|.", re.S)


def marked(old: str, new: str) -> str:
    """Return `new` with the words changed from `old` marked [-removed-]{+added+}."""
    return "".join(piece if tag == "=" else f"[-{piece}-]" if tag == "-" else f"{{+{piece}+}}"
                   for tag, piece in word_changes(old, new))


def word_changes(old: str, new: str) -> list[tuple[str, str]]:
    """Return (tag, text) pieces turning `old` into `new` word by word: tag is "=", "-" or
    "+"; joining the "=" and "+" pieces gives `new`, the "=" and "-" pieces `old`."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", "".join(b[j1:j2])))
    return out


def report(found: list[Change]) -> list[str]:
    """Return the lines that show the changes: per paragraph a heading line, the paragraph
    whole as it now reads (to copy), and the marked version."""
    lines: list[str] = []
    for c in found:
        if c.old is None:
            lines.append(text("jämför_nytt_stycke", del_=c.part, nummer=c.number))
            lines.append(f"    {c.new}")
        elif c.new is None:
            lines.append(text("jämför_borttaget_stycke", del_=c.part, nummer=c.number))
            lines.append(f"    [-{c.old}-]")
        else:
            lines.append(text("jämför_ändrat_stycke", del_=c.part, nummer=c.number))
            lines.append(f"    {c.new}")
            lines.append(f"    {text('jämför_markerat')} {marked(c.old, c.new)}")
    return lines
