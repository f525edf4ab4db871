"""The contract's derived sentences read backwards: text → the data fraser.j2 makes it from.

Every pattern is taken from the phrase templates themselves: a macro is rendered with
markers in place of its values and the markers become regex groups. Whatever a pattern
finds is accepted only when rendering it again gives exactly the text read, so a sentence
that merely resembles a derived one stays text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..importera.layout import months
from .model import Behandlat
from .phrases import phrases


def _mark(name: str) -> str:
    return f"\x00{name}\x00"


def _regex(rendered: str, groups: dict[str, str] | None = None) -> re.Pattern[str]:
    """Return a regex for `rendered`, each marker a named group (lazy text by default)."""
    parts = re.split("\x00(\\w+)\x00", rendered)
    out = [f"(?P<{part}>{(groups or {}).get(part, '.+?')})" if i % 2 else re.escape(part)
           for i, part in enumerate(parts)]
    return re.compile("".join(out))




def lista(text: str) -> list[str] | None:
    """Return the items of a list written `A, B och C`; None when ' och ' makes it ambiguous."""
    joiner = phrases().lista(["\x00", "\x00"]).strip("\x00")  # " och "
    if text.count(joiner) > 1 or not text:
        return None
    head, _, last = text.rpartition(joiner)
    items = [*head.split(", "), last] if head else [text]
    if any(not i.strip() or i != i.strip() for i in items):
        return None
    return items if phrases().lista(items) == text else None


def motionär(text: str) -> dict[str, str]:
    """Return {namn, parti} for `Salar Rashid (S)`; a name without party gives {namn}."""
    found = re.fullmatch(r"(.+) \(([^()]+)\)", text)
    m = {"namn": found.group(1), "parti": found.group(2)} if found else {"namn": text}
    return m if phrases().motionär(m) == text else {"namn": text}


def kort_from_beslut(text: str) -> str | None:
    """Return the short nämnd name of the default decision sentence, or None."""
    found = _regex(phrases().beslut(_mark("kort"))).fullmatch(text)
    return found.group("kort") if found else None


def ärende_from_rubrik(text: str) -> str | None:
    """Return the ärende of a default title `Remiss av ...`, or None."""
    found = _regex(phrases().standardrubrik(_mark("arende")), {"arende": ".+"}).fullmatch(text)
    return found.group("arende") if found else None


def ärende_from_löptext(text: str) -> list[str]:
    """Return the ärenden that running text `text` can come from ('en motion om' → 'Motion om')."""
    p = phrases()
    out = [text] if p.ärendet_i_löptext(text) == text else []
    for cut in range(1, min(len(text), 12)):
        candidate = "Motion" + text[cut:]
        if p.ärendet_i_löptext(candidate) == text:
            out.append(candidate)
    return out


@dataclass(frozen=True)
class Underrubrik:
    """One reading of a default subtitle."""

    från: str
    kommun: str | None
    diarienummer: str | None


def underrubrik(text: str) -> list[Underrubrik]:
    """Return every reading of `text` as the default subtitle (several when spaces allow)."""
    p = phrases()
    out: list[Underrubrik] = []
    for kommun in (False, True):
        for dnr in (False, True):
            rendered = p.standardunderrubrik(_mark("fran"), _mark("kommun") if kommun else "",
                                             _mark("dnr") if dnr else "")
            found = _regex(rendered, {"fran": ".+", "kommun": ".+", "dnr": ".+"}).fullmatch(text)
            if not found:
                continue
            middle = found.group("fran") + (" " + found.group("kommun") if kommun else "")
            d = found.group("dnr") if dnr else None
            splits = ([(middle[:m.start()], middle[m.end():]) for m in re.finditer(" ", middle)]
                      if kommun else [(middle, None)])
            for från, k in splits:
                reading = Underrubrik(från, k, d)
                if p.standardunderrubrik(från, k or "", d or "") == text:
                    out.append(reading)
    return out


@dataclass(frozen=True)
class Bakgrund:
    """What the bakgrund's sentences show: each part None where its sentence was not found."""

    kort: str | None = None
    från: str | None = None
    löptext: str | None = None
    motionärer: list[dict[str, str]] | None = None
    även_till: list[str] | None = None


@cache
def _bakgrund_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    p = phrases()
    full = p.standardbakgrund(_mark("kort"), _mark("fran"), _mark("arende"),
                              [{"namn": _mark("motion"), "parti": None}], [_mark("aven")])
    first, second = full.split("\n\n")
    intro, motion = first.split(". ", 1)
    return (_regex(intro + "."), _regex(motion, {"motion": ".+"}),
            _regex(second, {"aven": ".+"}))


def bakgrund(paragraphs: list[str]) -> Bakgrund:
    """Return what the default bakgrund's sentences in `paragraphs` show."""
    intro, motion, även = _bakgrund_patterns()
    first = re.compile(intro.pattern + f"(?: {motion.pattern})?")
    found: dict[str, Any] = {}
    for text in paragraphs:
        head = first.fullmatch(text) or re.match(intro.pattern + r"(?= |$)", text)
        if head and "kort" not in found:
            found.update(kort=head.group("kort"), från=head.group("fran"),
                         löptext=head.group("arende"))
        m = re.search(motion.pattern + r"\Z", text)
        if m and "motionärer" not in found and (names := lista(m.group("motion"))):
            found["motionärer"] = [motionär(n) for n in names]
        a = även.fullmatch(text)
        if a and "även_till" not in found and (items := lista(a.group("aven"))):
            found["även_till"] = items
    return Bakgrund(**found)


def behandlat_start() -> str:
    """Return the words the beredning sentence starts with ('Ärendet har behandlats ')."""
    rendered = phrases().behandlat([Behandlat(_mark("o"), dt.date(2000, 1, 1))])
    return rendered.split(_mark("o"))[0].rsplit(" ", 2)[0] + " "


def behandlat(sentence: str) -> list[Behandlat] | None:
    """Return the councils and dates of a beredning sentence, years inferred; else None.

    Groups written `den 6 december` take the year written once at the end.
    """
    start = behandlat_start()
    if not sentence.startswith(start) or not sentence.endswith("."):
        return None
    body = sentence[len(start):-1]
    month = "|".join(months())
    date = re.compile(rf" den (\d{{1,2}}) ({month})(?: (\d{{4}}))?(?=, i | och i |$)")
    groups: list[tuple[str, int, int, int | None]] = []
    pos = 0
    for found in date.finditer(body):
        head = body[pos:found.start()]
        head = head.removeprefix(", " if groups else "").removeprefix(" och " if groups else "")
        if not head.startswith("i "):
            return None
        year = int(found.group(3)) if found.group(3) else None
        groups.append((head[2:], int(found.group(1)), months().index(found.group(2)) + 1, year))
        pos = found.end()
    if not groups or pos != len(body):
        return None
    return _dated(groups, sentence)


def _dated(groups: list[tuple[str, int, int, int | None]], sentence: str) -> list[Behandlat] | None:
    final = groups[-1][3]
    if final is None:
        return None
    out: list[Behandlat] = []
    for organs, day, month, year in groups:
        names = lista(organs)
        if names is None:
            return None
        try:
            d = dt.date(year if year is not None else final, month, day)
        except ValueError:
            return None
        out += [Behandlat(n, d) for n in names]
    return out if phrases().behandlat(out) == sentence else None
