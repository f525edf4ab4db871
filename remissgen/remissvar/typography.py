"""Swedish typography in running text: non-breaking spaces where a line must not break.

- between day and month in a date ("6 december 2021");
- inside a diarienummer such as "SÖD 2021/1234";
- between the digit groups of an amount ("600 000 kronor", also kr, tkr, mnkr, miljoner).

The text reads the same (U+00A0 looks like a space); telephone numbers, postnummer and other
numbers stay exactly as written. Fingerprints, `importera` and `granska` read U+00A0 as a
space.
"""

from __future__ import annotations

import re

from ..blocks import Block, Item, ListBlock, Paragraph, Run

NBSP = "\u00a0"
_MONTH_NAMES = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
                "september", "oktober", "november", "december")
_DATE = re.compile(rf"\b(\d{{1,2}}) (?=(?:{'|'.join(_MONTH_NAMES)})\b)")
_DIARIENUMMER = re.compile(r"\b([A-ZÅÄÖ]{1,8}) (?=\d{1,4}/\d+\b)")
_UNITS = ("kronor", "kr", "tkr", "mnkr", "miljoner")
_AMOUNT = rf"\b\d{{1,3}}(?: \d{{3}})+(?= (?:{'|'.join(_UNITS)})\b)"
"""An amount before its unit: few texts have one, so this regex is compiled (by re's own
cache) for the first that does, not when the body is first composed."""
_UNIT_STARTS = (" kr", " tkr", " mnkr", " miljoner")
"""What each unit, after its space, holds (" kronor" holds " kr")."""
_MONTH_STARTS = tuple(f" {month}" for month in _MONTH_NAMES)


def _after_digit(value: str, needles: tuple[str, ...]) -> bool:
    """Return True when one of `needles` stands in `value` right after a digit (what `\\d`
    reads: a decimal digit of any script)."""
    for needle in needles:
        at = value.find(needle, 1) if needle in value else -1  # `in` is the cheaper call
        while at > 0:
            if value[at - 1].isdecimal():
                return True
            at = value.find(needle, at + 1)
    return False


def text(value: str) -> str:
    """Return `value` with non-breaking spaces in its dates, diarienummer and amounts.

    Each pattern is searched only in a text where what it cannot match without stands
    right after a digit: a space and a month's name, a slash, a space and a unit (found by
    str's own search, where the patterns, which start at a word boundary, tried every
    character in turn: most texts have none)."""
    if _after_digit(value, _MONTH_STARTS):
        value = _DATE.sub(lambda m: m.group(1) + NBSP, value)
    if _after_digit(value, ("/",)):
        value = _DIARIENUMMER.sub(lambda m: m.group(1) + NBSP, value)
    if _after_digit(value, _UNIT_STARTS):
        value = re.sub(_AMOUNT, lambda m: m.group().replace(" ", NBSP), value)
    return value


def runs(found: tuple[Run, ...]) -> tuple[Run, ...]:
    """Return `found` with the non-breaking spaces of `text` in each run (`found` itself
    when no run has any)."""
    fixed = [text(r.text) for r in found]
    if all(new is r.text for new, r in zip(fixed, found, strict=True)):
        return found
    return tuple(r._replace(text=new) for new, r in zip(fixed, found, strict=True))


def running(blocks: list[Block], styles: frozenset[str]) -> list[Block]:
    """Return `blocks` with typography in the paragraphs of `styles` and in every list."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph) and block.style in styles:
            fixed = runs(block.runs)
            out.append(block if fixed is block.runs else block._replace(runs=fixed))
        elif isinstance(block, ListBlock):
            items = tuple(i if (r := runs(i.runs)) is i.runs
                          else Item(r, i.level, i.numbered, i.continued) for i in block.items)
            out.append(block._replace(items=items))
        else:
            out.append(block)
    return out
