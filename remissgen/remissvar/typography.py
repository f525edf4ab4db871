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
_MONTHS = ("januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|"
           "december")
_DATE = re.compile(rf"\b(\d{{1,2}}) (?=(?:{_MONTHS})\b)")
_DIARIENUMMER = re.compile(r"\b([A-ZÅÄÖ]{1,8}) (?=\d{1,4}/\d+\b)")
_UNITS = "kronor|kr|tkr|mnkr|miljoner"
_AMOUNT = re.compile(rf"\b\d{{1,3}}(?: \d{{3}})+(?= (?:{_UNITS})\b)")
# What each of the three cannot match without: a space after a digit before a month or a
# unit, and one after a capital before a number and `/`. A pattern that starts with a space
# is searched for that space first (a few instructions a character) and tried only there,
# most spaces given up at the letter before them; the three themselves are tried at every
# character. Most running texts hold none, and the three are not tried.
_DATE_NEEDS = re.compile(rf" (?<=\d )(?:{_MONTHS})\b")
_DIARIENUMMER_NEEDS = re.compile(r" (?<=[A-ZÅÄÖ] )\d{1,4}/\d")
_AMOUNT_NEEDS = re.compile(rf" (?<=\d )(?:{_UNITS})\b")
_ANY_NEEDS = re.compile(rf" (?<=[\dA-ZÅÄÖ] )(?:(?:{_MONTHS}|{_UNITS})\b|\d{{1,4}}/\d)")


def text(value: str) -> str:
    """Return `value` with non-breaking spaces in its dates, diarienummer and amounts."""
    if not _ANY_NEEDS.search(value):
        return value
    if _DATE_NEEDS.search(value):
        value = _DATE.sub(lambda m: m.group(1) + NBSP, value)
    if _DIARIENUMMER_NEEDS.search(value):
        value = _DIARIENUMMER.sub(lambda m: m.group(1) + NBSP, value)
    if _AMOUNT_NEEDS.search(value):
        value = _AMOUNT.sub(lambda m: m.group().replace(" ", NBSP), value)
    return value


def runs(found: tuple[Run, ...]) -> tuple[Run, ...]:
    """Return `found` with the non-breaking spaces of `text` in each run (`found` itself
    when no run has any)."""
    if len(found) == 1:  # most paragraphs: one run
        new = text(found[0].text)
        return found if new is found[0].text else (found[0]._replace(text=new),)
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
