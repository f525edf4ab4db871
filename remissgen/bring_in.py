"""Changes made in Word → the case file's text with only the changed fields rewritten.

Each changed part of the document maps to the field that writes it: a section to its rich
text, the title to `rubrik`, the closing sentence to `avslutning`, an extra section to its
`avsnitt` entry. A section added in Word (a heading and its text) becomes a new `avsnitt`
entry, placed after the section before it; an extra section removed in Word loses its
entry. A derived sentence that was edited becomes an explicit field (`bakgrund`,
`förslag_till_beslut`, `avslutning` …); the beredning's derived sentence, when edited,
becomes part of `beredning.text` and `beredning.behandlat` goes.

Paragraph by paragraph: a paragraph (or list) of a field that did not change keeps its
source as written, `{{ … }}` included; only changed, added and removed ones are written as
the text Word shows. Which source paragraph gave which paragraph of the document is found
by rendering the field once with a marker between its paragraphs (`Render`), so that a
`{% if %}` over several paragraphs stays one piece. Where a changed paragraph held Jinja,
the Edit's notes say so: it is now its rendered text, nothing changes silently. The text
edits go through `textedit`, which rewrites only the lines of the value it sets and checks
itself.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby, pairwise
from typing import TYPE_CHECKING

from . import compare, doctype, richtext, textedit
from .blocks import Block, ListBlock
from .importera import markup
from .importera.layout import Line
from .jinja import MARK
from .messages import text

if TYPE_CHECKING:
    from .doctype import Case

REMOVE = None

Render = Callable[[textedit.Path, str], "str | None"]
"""Given a field's path and a source value, the text the field renders to when the case
file holds that value there (None when the case then cannot be read)."""


@dataclass(frozen=True)
class Edit:
    """One field to set (or to remove, with value None), and the part it comes from.

    `insert` makes the edit a new `avsnitt` entry before item `insert` of the list as it
    was; `notes` are what the user must be told (a paragraph's Jinja now written as text)."""

    path: textedit.Path
    value: textedit.Value | None
    part: str
    notes: tuple[str, ...] = ()
    insert: int | None = None


def edits(old: list[compare.Part], new: list[compare.Part], case: Case,
          source_text: str, render: Render | None = None) -> tuple[list[Edit], list[str]]:
    """Return the edits that bring the changed parts into the case file, and the names of
    the changed parts no field can hold (a section added before the first one, or one
    without text)."""
    data = textedit.read(source_text)
    plain = data if isinstance(data, dict) else {}
    found = compare.changes(old, new)
    before = {p.name: p for p in old}
    after = {p.name: p for p in new}
    fields = {v: k for k, v in doctype.get().section_headings().items()}
    extra = {a.rubrik: i for i, a in enumerate(case.avsnitt)}
    placed = {a.rubrik: (a.efter, i) for i, a in enumerate(case.avsnitt)}
    out: list[Edit] = []
    left: list[str] = []
    for name in compare.changed_parts(found):
        part = after.get(name, compare.Part(name, ()))
        was = before.get(name, compare.Part(name, ()))
        if name == compare.title_part():
            out.append(_line_edit(("rubrik",), part, plain))
        elif name == compare.subtitle_part():
            out.append(_line_edit(("underrubrik",), part, plain))
        elif name == compare.closing_part():
            out.append(_line_edit(("avslutning",), part, plain))
        elif fields.get(name) == "förslag_till_beslut":
            out.append(_decision(was, part, plain))
        elif fields.get(name) == "beredning":
            out += _beredning(was, part, case, plain, render)
        elif name in fields:
            key = fields[name]
            out.append(_rich_edit((key,), was, part, plain, render))
        elif name in extra and name not in after:  # the section was removed in Word
            out.append(Edit(("avsnitt", extra[name]), REMOVE, name, insert=extra[name]))
        elif name in extra:
            path: textedit.Path = ("avsnitt", extra[name], "text")
            out.append(_rich_edit(path, was, part, plain, render))
        else:
            added = _added(name, new, case, placed)
            if added is None:
                left.append(name)
            else:
                out.append(added)
    return out, left


def apply(source_text: str, found: list[Edit]) -> str:
    """Return the case file's text with every edit made (textedit checks each one): the
    fields first, then the `avsnitt` entries added and removed, from the list's end so that
    each index still names the item it named."""
    entries = [e for e in found if e.insert is not None]
    for edit in found:
        if edit.insert is not None:
            continue
        if edit.value is REMOVE:
            source_text = textedit.remove(source_text, edit.path)
        else:
            source_text = textedit.set_value(source_text, edit.path, edit.value, order=_order)
    # at one index: the removal first, then the new entries, the last one first
    order = sorted(range(len(entries)), key=lambda k: (
        -(entries[k].insert or 0), entries[k].value is not REMOVE, -k))
    for k in order:
        edit = entries[k]
        if edit.value is REMOVE:
            source_text = textedit.remove(source_text, edit.path)
        else:
            source_text = textedit.insert_item(source_text, ("avsnitt",), edit.insert or 0,
                                               edit.value, order=_order)
    return source_text


def described(edit: Edit) -> str:
    """Return how the output names what an edit changes: its field, or the new section."""
    if edit.insert is not None and edit.value is not REMOVE:
        return text("jämför_nytt_avsnitt", rubrik=edit.part)
    if edit.insert is not None:
        return text("jämför_borttaget_avsnitt", rubrik=edit.part)
    return ".".join(str(k) for k in edit.path)


def _added(name: str, new: list[compare.Part], case: Case,
           placed: dict[str, tuple[str, int]]) -> Edit | None:
    """Return the new `avsnitt` entry for a section added in Word: its heading, its text and
    the section it follows (left out when that is the default, Synpunkter och förslag);
    None when it has no text or no section before it. After an extra section that nothing
    follows it goes beside that one in the list, under the same `efter`; after any other
    it names that section, before the first entry that follows it later in the document.
    `placed` holds each extra section's (efter, index) and gets the new one's."""
    names = [p.name for p in new]
    at = names.index(name)
    lines = new[at].lines
    headings = set(doctype.get().section_headings().values()) | set(placed) | set(names)
    previous = next((n for n in reversed(names[:at]) if n in headings and n not in (
        compare.title_part(), compare.subtitle_part(), compare.closing_part())), None)
    if not lines or previous is None:
        return None
    followed = {efter for efter, _ in placed.values()}
    if previous in placed and previous not in followed:
        after, index = placed[previous]
        index += 0 if previous not in {a.rubrik for a in case.avsnitt} else 1
    else:
        later = set(names[at + 1:])
        after = previous
        index = next((i for i, a in enumerate(case.avsnitt)
                      if a.efter == previous and a.rubrik in later), len(case.avsnitt))
    placed[name] = (after, index)
    value: dict[str, textedit.Value] = {"rubrik": name,
                                         "text": _tidy(markup.rich(lines, name)[0])}
    if after != doctype.get().section_headings()["synpunkter"]:
        value["efter"] = after
    return Edit(("avsnitt", index), value, name, insert=index)


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
    value = _value(data, path)
    return value if isinstance(value, str) else ""


def _value(data: object, path: textedit.Path) -> object:
    for key in path:
        if isinstance(key, int):
            data = data[key] if isinstance(data, list) and key < len(data) else None
        else:
            data = data.get(key) if isinstance(data, dict) else None
    return data


def _plain(line: Line) -> str:
    return "".join(r.text for r in line.runs)


def _one_line(part: compare.Part) -> str:
    return " ".join(" ".join(_plain(line).split()) for line in part.lines)


def _field(path: textedit.Path) -> str:
    return ".".join(str(k) for k in path)


def _short(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= 60 else value[:57] + " …"


def _jinja_note(path: textedit.Path, source: str) -> str:
    return text("jämför_jinja_som_text", fält=_field(path), stycke=_short(source))


def _line_edit(path: textedit.Path, part: compare.Part, data: object) -> Edit:
    """Return the edit of a one-line field (title, subtitle, closing sentence)."""
    source = _get(data, path)
    notes = (_jinja_note(path, source),) if MARK.search(source) else ()
    return Edit(path, _one_line(part), part.name, notes)


def _decision(was: compare.Part, part: compare.Part, data: object) -> Edit:
    """Return the edit of the decision: one point as a text, several as a list whose
    unchanged points keep their source (Jinja included) when the file writes a list."""
    path: textedit.Path = ("förslag_till_beslut",)
    points = [markup.inline(line.runs) or _plain(line) for line in part.lines]
    source = _value(data, path)
    notes: list[str] = []
    if isinstance(source, list) and len(source) == len(was.lines) and len(points) > 1:
        kept: list[textedit.Value] = list(points)
        matcher = difflib.SequenceMatcher(None, was.texts, part.texts, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                kept[j1:j2] = source[i1:i2]
            else:
                notes += [_jinja_note(path, str(s)) for s in source[i1:i2]
                          if isinstance(s, str) and MARK.search(s)]
        return Edit(path, kept, part.name, tuple(notes))
    written = source if isinstance(source, list) else [source]
    notes += [_jinja_note(path, s) for s in written if isinstance(s, str) and MARK.search(s)]
    return Edit(path, points[0] if len(points) == 1 else list(points), part.name, tuple(notes))


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


def _rich_edit(path: textedit.Path, was: compare.Part, part: compare.Part, data: object,
               render: Render | None) -> Edit:
    value, notes = _rich(was, part, _get(data, path), path, render)
    return Edit(path, value, part.name, tuple(notes))


def _rich(was: compare.Part, part: compare.Part, source: str, path: textedit.Path,
          render: Render | None) -> tuple[str, list[str]]:
    """Return the rich text of a changed part and the notes on Jinja written as text.

    Paragraphs and lists that did not change keep their source; the others are written as
    Word shows them. When the source cannot be matched to the document paragraph by
    paragraph, the whole text is written as Word shows it (and a note says so if the
    source held Jinja)."""
    new_groups = _groups(part.lines)
    old_groups = _groups(was.lines)
    units = _units(source)
    pieces = _pieces(units, path, render) if units else None
    if pieces is None or sum(c for _, c in pieces) != len(old_groups):
        whole = _tidy(markup.rich(part.lines, part.name)[0])
        return whole, [_jinja_note(path, source)] if MARK.search(source) else []
    matcher = difflib.SequenceMatcher(
        None, [_key(g) for g in old_groups], [_key(g) for g in new_groups], autojunk=False)
    to_new = {i1 + k: j1 + k for tag, i1, i2, j1, _ in matcher.get_opcodes() if tag == "equal"
              for k in range(i2 - i1)}
    spans: list[tuple[int, str, int, int]] = []  # a unit kept: its source and new groups
    start = 0
    for index, (unit, count) in enumerate(pieces):
        mapped = [to_new.get(i) for i in range(start, start + count)]
        first = mapped[0]
        if first is not None and mapped == list(range(first, first + count)):
            spans.append((index, unit, first, first + count))
        start += count
    while True:
        out, lists_meet = _written([s[1:] for s in spans], new_groups, part.name)
        if lists_meet is None:
            break
        spans = [s for s in spans if s[2] != lists_meet]
    kept = {s[0] for s in spans}
    notes = [_jinja_note(path, unit) for index, (unit, _) in enumerate(pieces)
             if index not in kept and MARK.search(unit)]
    return _tidy("\n\n".join(c for c in out if c) + "\n"), notes


def _written(spans: list[tuple[str, int, int]], groups: list[list[Line]],
             where: str) -> tuple[list[str], int | None]:
    """Return the chunks of the new text (kept sources, and the other groups as Word shows
    them), or, where a kept list would run into a list of its kind beside it (and the two
    become one), the first group of that kept span."""
    out: list[str] = []
    ends: list[tuple[str, str, int | None]] = []  # per chunk: first kind, last kind, span
    starts = {first: (unit, end) for unit, first, end in spans}
    i = 0
    while i < len(groups):
        if i in starts:
            unit, end = starts[i]
            out.append(unit.strip("\n"))
            ends.append((_kind(groups[i]), _kind(groups[end - 1]), i))
            i = end
            continue
        j = i
        while j < len(groups) and j not in starts:
            j += 1
        out.append(markup.rich([line for g in groups[i:j] for line in g], where)[0].strip("\n"))
        ends.append((_kind(groups[i]), _kind(groups[j - 1]), None))
        i = j
    for (_, last, own), (first, _, other) in pairwise(ends):
        if last == first != "text":
            return out, own if own is not None else other
    return out, None


def _kind(group: list[Line]) -> str:
    return group[0].role if group[0].role in ("bullet", "number") else "text"


def _key(group: list[Line]) -> tuple[str, ...]:
    return tuple(compare.shown(line) for line in group)


def _units(source: str) -> list[str]:
    """Return the source of each paragraph and each list of a rich text, as written."""
    if not source.strip():
        return []
    out: list[str] = []
    begin = end = -1
    in_list = False
    for span in richtext.spans(source):
        if span.list_item and in_list:
            end = span.end
            continue
        if begin >= 0:
            out.append(source[begin:end])
        begin = source.rfind("\n", 0, span.start) + 1 if span.list_item else span.start
        end, in_list = span.end, span.list_item
    if begin >= 0:
        out.append(source[begin:end])
    return out


_MARKER = "RGSTYCKE{}SLUT"
_MARKED = re.compile(r"\s*\bRGSTYCKE(\d+)SLUT\b\s*")


def _pieces(units: list[str], path: textedit.Path,
            render: Render | None) -> list[tuple[str, int]] | None:
    """Return each unit's source and how many groups (paragraphs, lists) it renders to; a
    unit that renders to nothing goes with the next one, units a Jinja block spans are one.
    None when the field cannot be rendered piece by piece."""
    if any(MARK.search(u) for u in units):
        found = _rendered(units, path, render)
        if found is None:
            return None
        units, texts = found
    else:
        texts = units
    out: list[tuple[str, int]] = []
    waiting = ""
    for unit, rendered in zip(units, texts, strict=True):
        count = _count(richtext.parse(rendered))
        unit = f"{waiting}\n\n{unit}" if waiting else unit
        if count == 0:
            waiting = unit
            continue
        waiting = ""
        out.append((unit, count))
    if waiting:
        if not out:
            return None
        unit, count = out.pop()
        out.append((f"{unit}\n\n{waiting}", count))
    return out


def _rendered(units: list[str], path: textedit.Path,
              render: Render | None) -> tuple[list[str], list[str]] | None:
    """Return the units (merged where a Jinja block spans two) and the text each renders to,
    by rendering them once with a marker paragraph between each two."""
    if render is None:
        return None
    units = list(units)
    for _ in range(len(units)):
        value = units[0] + "".join(f"\n\n{_MARKER.format(i)}\n\n{u}"
                                   for i, u in enumerate(units[1:]))
        shown = render(path, value)
        if shown is None:
            return None
        parts = _MARKED.split(shown)
        numbers = [int(n) for n in parts[1::2]]
        if numbers == list(range(len(units) - 1)):
            return units, parts[0::2]
        bad = next(k for k in range(len(units) - 1) if k >= len(numbers) or numbers[k] != k)
        units[bad:bad + 2] = [f"{units[bad]}\n\n{units[bad + 1]}"]
    return None


def _count(blocks: list[Block]) -> int:
    """Return how many groups the blocks are as `_groups` reads them back from the document:
    each paragraph one, a run of lists of one kind one."""
    count = 0
    previous: Block | None = None
    for block in blocks:
        if not (isinstance(block, ListBlock) and isinstance(previous, ListBlock)
                and previous.numbered == block.numbered):
            count += 1
        previous = block
    return count


def _tidy(value: str) -> str:
    """Return a rich text as written back: one paragraph on one line, several as a block."""
    return value.strip("\n") if "\n" not in value.strip("\n") else value


def _beredning(was: compare.Part, part: compare.Part, case: Case, data: object,
               render: Render | None) -> list[Edit]:
    """Return the edits for a changed beredning: its text, and its derived sentence kept as
    data when it still reads as derived, else made part of the text."""
    name = part.name
    path: textedit.Path = ("beredning", "text")
    lines = list(part.lines)
    sentence = case.beredning_mening or ""
    own = _get(data, path)
    if sentence and lines:
        last = _plain(lines[-1]).rstrip()
        still = last == sentence or last.endswith(" " + sentence)
        if last == sentence:
            lines.pop()
        elif still:
            lines[-1] = markup_cut(lines[-1], len(sentence) + 1)
        if still:  # the derived sentence reads as before: it stays data
            value, notes = _rich(_without_sentence(was, sentence),
                                 compare.part_of(name, lines), own, path, render)
            return [Edit(path, value, name, tuple(notes))]
    value, notes = _rich(_without_sentence(was, sentence), part, own, path, render)
    found = [Edit(path, value, name, tuple(notes))]
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
