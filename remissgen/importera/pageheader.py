"""The page header read backwards, with patterns made from the Word templates' own placeholders.

Each header paragraph of a template that holds Jinja is rendered with markers for its values
(and with each value left empty in turn, as an empty value changes the line); the markers
become regex groups. The document's header lines are matched to those paragraphs in order (a
paragraph whose values are all empty is left out of a built document, so it may be skipped),
and its plain paragraphs ("Tjänsteutlåtande", "Sida 1 (3)") are known text. Each template
the document may have been built with is tried, and the one that reads the most lines wins.
So "Dnr" and "Tjänsteutlåtande" are read from the template, not written a second time here,
and a line no template explains is handed back to be named, never dropped.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from .. import filecache, jinja

Variant = tuple[re.Pattern[str], dict[str, str], int]  # regex, name → group, literal length
_DATES = {"datum", "sammanträde"}
_MOST_NAMES = 6  # more names in one paragraph: only the line with all of them is read
_MOST_LINES = 40  # header lines matched; any more are named as unread


class Header(NamedTuple):
    """What a template's page header can write: each placeholder paragraph's variants, in
    order, and the lines of its plain paragraphs as patterns."""

    paragraphs: tuple[tuple[Variant, ...], ...]
    plain: tuple[re.Pattern[str], ...]


class Reading(NamedTuple):
    """The values read from a document's header lines (dotted name → text), the lines no
    paragraph of the template explains, and the template that read them."""

    values: dict[str, str]
    unread: tuple[str, ...]
    template: Path | None


_MADE: filecache.Cache[Header] = filecache.Cache()


def header(template: Path) -> Header:
    """Return what the page header of the template at `template` can write (made again when
    its content changes)."""
    return _MADE.get(template, lambda _: _header(template))


def _header(path: Path) -> Header:
    from lxml import etree

    from ..word.docx_writer import DynamicParagraph, load_template, paragraph_text
    from ..word.ooxml import W

    found = load_template(path)
    paragraphs: list[tuple[Variant, ...]] = []
    plain: list[re.Pattern[str]] = []
    for name in sorted(found.parts, key=_part_order):
        if "header" not in name:
            continue
        for seg in found.parts[name]:
            if isinstance(seg, DynamicParagraph):
                variants = _variants(seg.template, seg.source)
                if variants:
                    paragraphs.append(variants)
        for p in etree.fromstring(found.members[name]).iter(f"{W}p"):
            text = paragraph_text(p)
            if text.strip() and "{{" not in text and "{%" not in text:
                plain.append(_plain(text))
    plain.append(_plain(_mark()))
    return Header(tuple(paragraphs), tuple(plain))


def _part_order(name: str) -> tuple[int, str]:
    digits = re.sub(r"\D", "", name)
    return (int(digits) if digits else 0, name)


@cache
def _mark() -> str:
    from .. import doctype

    return str(doctype.get().phrases().utkast())


def _plain(text: str) -> re.Pattern[str]:
    """Return a plain paragraph's text as a pattern: its numbers (a page field's) any number."""
    return re.compile(re.sub(r"\d+", r"\\d+", re.escape(text.strip(" \n"))))


def _chains(source: str) -> list[tuple[str, ...]] | None:
    """Return the fields (name paths to a text) a paragraph reads, or None when it reads a
    list or something the case cannot fill, which no pattern can stand for."""
    from ..word.templating import VOCABULARY, ListOf

    out: list[tuple[str, ...]] = []
    found = jinja.references(jinja.parsed(source))  # longest first, and each one's start
    for chain in found:
        if chain[:1] == ("logotyp",) or any(
                len(other) > len(chain) and other[:len(chain)] == chain for other in found):
            continue
        shape: Any = VOCABULARY
        field: list[str] = []
        for part in chain:
            if not isinstance(shape, dict):
                break  # a text's own method (upper …): the field ends before it
            if not isinstance(part, str) or part not in shape:
                return None
            field.append(part)
            shape = shape[part]
        if isinstance(shape, (dict, ListOf)):
            return None
        if tuple(field) not in out:
            out.append(tuple(field))
    return out


def _context(chains: Sequence[tuple[str, ...]], present: Sequence[tuple[str, ...]]
             ) -> dict[str, Any]:
    """Return the placeholders' values: a marker for each present field, "" for the rest.

    A marker holds a small and a capital letter, so that a filter that changes the case
    (`upper`, `title`) shows as a changed marker."""
    context: dict[str, Any] = {}
    for i, chain in enumerate(chains):
        where = context
        for part in chain[:-1]:
            where = where.setdefault(part, {})
        where[chain[-1]] = f"\x00m{i}M\x00" if chain in present else ""
    return context


_MARKER = re.compile("\x00([mM])(\\d+)([mM])\x00")


def _variants(template: Any, source: str) -> tuple[Variant, ...]:
    """Return (regex, group of each field, literal length) of each line the paragraph can
    write, the lines with more values first; () when it cannot be read backwards.

    A value a filter changed (`{{ namn|upper }}`) is matched but not read, since it is not
    the value itself; a line that hides a present value is no variant."""
    from ..word.docx_writer import FORMAT

    chains = _chains(source)
    if not chains:
        return ()
    sizes = [len(chains)] if len(chains) > _MOST_NAMES else range(len(chains), 0, -1)
    out: list[Variant] = []
    for present in itertools.chain.from_iterable(
            itertools.combinations(chains, k) for k in sizes):
        try:
            rendered = template.render(_context(chains, present), logotyp="")
        except Exception:  # a filter that needs a real value (långt_datum): not readable
            return ()
        rendered = FORMAT.sub("", jinja.FIELD.sub(r"\2", rendered)).strip(" \n")
        parts = _MARKER.split(rendered)
        shown = {int(parts[i + 1]) for i in range(1, len(parts), 4)}
        if shown != {chains.index(c) for c in present}:
            continue  # a value the line does not show (a filter hid it): not this line
        regex, groups, literal = "", {}, 0
        for i in range(0, len(parts), 4):
            regex += re.escape(parts[i])
            literal += len(parts[i])
            if i + 1 >= len(parts):
                break
            index = int(parts[i + 2])
            value = (r"\d{4}-\d{2}-\d{2}" if chains[index][-1] in _DATES
                     and parts[i + 1] + parts[i + 3] == "mM" else r"[^\t]+?")
            name = ".".join(chains[index])
            if parts[i + 1] + parts[i + 3] != "mM":
                regex += f"(?:{value})"  # changed by a filter: matched, not read
            elif name in groups:
                regex += f"(?P=g{index})"
            else:
                regex += f"(?P<g{index}>{value})"
                groups[name] = f"g{index}"
        out.append((re.compile(regex), groups, literal))
    return tuple(out)


def read(lines: Sequence[str], templates: Sequence[Path]) -> Reading:
    """Return the values of the header `lines`, read with the template (of `templates`, in
    order of preference) that explains the most of them."""
    shown = [line.strip(" \n") for line in lines if line.strip()]
    over = tuple(shown[_MOST_LINES:])  # a header of more lines than any template writes
    best = Reading({}, tuple(shown), None)
    score = (0, 0)
    for path in templates:
        try:
            made = header(path)
        except Exception:  # a template of one's own that is gone or broken: not this one
            continue
        reading, found = _align(shown[:_MOST_LINES], made, path)
        if found > score:
            best, score = reading._replace(unread=reading.unread + over), found
    return best


def _align(lines: list[str], made: Header, path: Path) -> tuple[Reading, tuple[int, int]]:
    """Return the reading of `lines` by one template's header and its score (lines
    explained, literal characters matched): lines in order, paragraphs in order."""
    memo: dict[tuple[int, int], tuple[tuple[int, int], list[tuple[int, Any]]]] = {}

    def best(i: int, j: int) -> tuple[tuple[int, int], list[tuple[int, Any]]]:
        if i == len(lines):
            return (0, 0), []
        if (i, j) in memo:
            return memo[(i, j)]
        (n, lit), rest = best(i + 1, j)
        choice: tuple[tuple[int, int], list[tuple[int, Any]]] = ((n, lit), [(i, None), *rest])
        if any(p.fullmatch(lines[i]) for p in made.plain):  # known text: its whole length
            (n, lit), rest = best(i + 1, j)
            choice = ((n + 1, lit + len(lines[i])), [(i, "plain"), *rest])
        for k in range(j, len(made.paragraphs)):
            for regex, groups, literal in made.paragraphs[k]:
                found = regex.fullmatch(lines[i])
                if found is None:
                    continue
                (n, lit), rest = best(i + 1, k + 1)
                values = {name: found.group(g).strip() for name, g in groups.items()}
                option = ((n + 1, lit + literal), [(i, values), *rest])
                if option[0] > choice[0]:
                    choice = option
                break  # the variant with the most values that fits
        memo[(i, j)] = choice
        return choice

    score, steps = best(0, 0)
    values: dict[str, str] = {}
    unread = []
    for i, what in steps:
        if what is None:
            unread.append(lines[i])
        elif isinstance(what, dict):
            for name, value in what.items():
                values.setdefault(name, value)
    return Reading(values, tuple(unread), path), score
