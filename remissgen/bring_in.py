"""Changes made in Word → the case file's text with only the changed fields rewritten.

Each changed part of the document maps to the field that writes it: a section to its rich
text, the title to `rubrik`, the closing sentence to `avslutning`, an extra section to its
`avsnitt` entry. A derived sentence that was edited becomes an explicit field (`bakgrund`,
`förslag_till_beslut`, `avslutning` …); the beredning's derived sentence, when edited,
becomes part of `beredning.text` and `beredning.behandlat` goes. Paragraphs of a field that
did not change keep their source as written, `{{ … }}` included. The text edits go through
`textedit`, which rewrites only the lines of the value it sets and checks itself.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING

from . import compare, doctype, textedit
from .importera import markup
from .importera.layout import Line

if TYPE_CHECKING:
    from .doctype import Case

REMOVE = None


@dataclass(frozen=True)
class Edit:
    """One field to set (or to remove, with value None), and the part it comes from."""

    path: textedit.Path
    value: textedit.Value | None
    part: str


def edits(old: list[compare.Part], new: list[compare.Part], case: Case,
          source_text: str) -> tuple[list[Edit], list[str]]:
    """Return the edits that bring the changed parts into the case file, and the names of
    the changed parts no field holds (a section added in Word)."""
    data = textedit.read(source_text)
    plain = data if isinstance(data, dict) else {}
    found = compare.changes(old, new)
    before = {p.name: p for p in old}
    after = {p.name: p for p in new}
    fields = {v: k for k, v in doctype.get().section_headings().items()}
    extra = {a.rubrik: i for i, a in enumerate(case.avsnitt)}
    out: list[Edit] = []
    left: list[str] = []
    for name in compare.changed_parts(found):
        part = after.get(name, compare.Part(name, ()))
        was = before.get(name, compare.Part(name, ()))
        if name == compare.title_part():
            out.append(Edit(("rubrik",), _one_line(part), name))
        elif name == compare.subtitle_part():
            out.append(Edit(("underrubrik",), _one_line(part), name))
        elif name == compare.closing_part():
            out.append(Edit(("avslutning",), _one_line(part), name))
        elif fields.get(name) == "förslag_till_beslut":
            points = [markup.inline(line.runs) or _plain(line) for line in part.lines]
            out.append(Edit(("förslag_till_beslut",),
                            points[0] if len(points) == 1 else list(points), name))
        elif fields.get(name) == "beredning":
            out += _beredning(was, part, case, plain)
        elif name in fields:
            key = fields[name]
            out.append(Edit((key,), _rich(was, part, _get(plain, (key,))), name))
        elif name in extra:
            path: textedit.Path = ("avsnitt", extra[name], "text")
            out.append(Edit(path, _rich(was, part, _get(plain, path)), name))
        else:
            left.append(name)
    return out, left


def apply(source_text: str, found: list[Edit]) -> str:
    """Return the case file's text with every edit made (textedit checks each one)."""
    for edit in found:
        if edit.value is REMOVE:
            source_text = textedit.remove(source_text, edit.path)
        else:
            source_text = textedit.set_value(source_text, edit.path, edit.value, order=_order)
    return source_text


def _order(path: tuple[str, ...]) -> Sequence[str]:
    """Return the contract's order of the keys of the mapping at `path`."""
    field = doctype.get().fields
    for key in path:
        child = field.child(key)
        if child is None:
            return ()
        field = child
    return [c.key for c in field.children]


def _get(data: object, path: textedit.Path) -> str:
    for key in path:
        if isinstance(key, int):
            data = data[key] if isinstance(data, list) and key < len(data) else None
        else:
            data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, str) else ""


def _plain(line: Line) -> str:
    return "".join(r.text for r in line.runs)


def _one_line(part: compare.Part) -> str:
    return " ".join(" ".join(_plain(line).split()) for line in part.lines)


def _groups(lines: list[Line]) -> list[list[Line]]:
    """Return the lines in blocks as the rich text writes them: a list is one block."""
    out: list[list[Line]] = []
    for role, group in groupby(lines, key=lambda line: line.role):
        items = list(group)
        if role in ("bullet", "number"):
            out.append(items)
        else:
            out += [[item] for item in items]
    return out


def _rich(was: compare.Part, part: compare.Part, source: str) -> str:
    """Return the rich text of a changed part; blocks that did not change keep their source
    when the source has one chunk per block (so `{{ … }}` in them stays)."""
    new_groups = _groups(part.lines)
    old_groups = _groups(was.lines)
    chunks = [c for c in source.strip("\n").split("\n\n") if c.strip()] if source else []
    whole = markup.rich(part.lines, part.name)[0]
    if len(chunks) != len(old_groups) or not any(tag in source for tag in ("{{", "{%")):
        return _tidy(whole)
    key = [tuple(compare.shown(line) for line in g) for g in old_groups]
    matcher = difflib.SequenceMatcher(None, key, [tuple(compare.shown(line) for line in g)
                                                  for g in new_groups], autojunk=False)
    out: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [chunks[i].strip("\n") for i in range(i1, i2)]
        else:
            out += [markup.rich(g, part.name)[0].strip("\n") for g in new_groups[j1:j2]]
    return _tidy("\n\n".join(c for c in out if c) + "\n")


def _tidy(value: str) -> str:
    """Return a rich text as written back: one paragraph on one line, several as a block."""
    return value.strip("\n") if "\n" not in value.strip("\n") else value


def _beredning(was: compare.Part, part: compare.Part, case: Case,
               data: object) -> list[Edit]:
    """Return the edits for a changed beredning: its text, and its derived sentence kept as
    data when it still reads as derived, else made part of the text."""
    name = part.name
    lines = list(part.lines)
    sentence = case.beredning_mening or ""
    own = _get(data, ("beredning", "text"))
    if sentence and lines:
        last = _plain(lines[-1]).rstrip()
        still = last == sentence or last.endswith(" " + sentence)
        if last == sentence:
            lines.pop()
        elif still:
            lines[-1] = markup_cut(lines[-1], len(sentence) + 1)
        if still:  # the derived sentence reads as before: it stays data
            return [Edit(("beredning", "text"), _rich(_without_sentence(was, sentence),
                                                      compare.part_of(name, lines), own), name)]
    found = [Edit(("beredning", "text"), _rich(_without_sentence(was, sentence), part, own),
                  name)]
    if sentence:  # the derived sentence was edited: the text holds it now
        found.append(Edit(("beredning", "behandlat"), REMOVE, name))
    return found


def _without_sentence(was: compare.Part, sentence: str) -> compare.Part:
    """Return the built beredning without its derived sentence (what `beredning.text` wrote)."""
    lines = list(was.lines)
    if sentence and lines:
        last = _plain(lines[-1]).rstrip()
        if last == sentence:
            lines.pop()
        elif last.endswith(" " + sentence):
            lines[-1] = markup_cut(lines[-1], len(sentence) + 1)
    return compare.part_of(was.name, lines)


def markup_cut(line: Line, count: int) -> Line:
    """Return `line` without its last `count` characters (trailing white space first)."""
    runs = list(markup.merged(line.runs))
    count += _trailing(line)
    while count > 0 and runs:
        last = runs.pop()
        if len(last.text) > count:
            runs.append(last._replace(text=last.text[:-count]))
        count -= len(last.text)
    return Line(tuple(runs), line.role)


def _trailing(line: Line) -> int:
    plain = _plain(line)
    return len(plain) - len(plain.rstrip())
