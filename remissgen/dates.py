"""Dates written another way than YYYY-MM-DD: the date meant, and why a date does not exist."""

from __future__ import annotations

import datetime as dt
import re

from .messages import text

_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
           "september", "oktober", "november", "december")
# Patterns as text: re compiles them when a date is first guessed (importera, a loose date),
# never on a build (a case-insensitive Swedish pattern costs a millisecond to compile).
_SPELT = r"(?i)(\d{1,2})\s*\.?\s+([a-zåäö]+)\.?\s+(\d{4})"
_NUMBERS = r"(\d{1,4})[-./ ](\d{1,2})[-./ ](\d{1,4})"


def guess(value: str) -> dt.date | None:
    """Return the one date `value` plainly means ("26 november 2026", "2026-26-11",
    "26/11/2026", "2026.11.26"), or None when it means none or could mean two."""
    value = value.strip()
    spelt = re.fullmatch(_SPELT, value)
    if spelt:
        day, name, year = spelt.groups()
        months = [i for i, m in enumerate(_MONTHS, 1) if len(name) >= 3 and m.startswith(name.lower())]
        return _date(int(year), months[0], int(day)) if len(months) == 1 else None
    numbers = re.fullmatch(_NUMBERS, value)
    if not numbers:
        return None
    a, b, c = numbers.groups()
    if len(a) == 4:  # year first: YYYY-MM-DD with other separators, or YYYY-DD-MM
        found = {d for d in (_date(int(a), int(b), int(c)), _date(int(a), int(c), int(b))) if d}
    elif len(c) == 4:  # day first, as Swedes write it by hand: DD/MM/YYYY
        found = {d for d in (_date(int(c), int(b), int(a)),) if d}
    else:
        return None
    return found.pop() if len(found) == 1 else None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def why_not(value: str) -> str:
    """Return in Swedish why the YYYY-MM-DD `value` is no date ("november har 30 dagar")."""
    year, month, day = (int(x) for x in value.split("-"))
    if year == 0:
        return text("datum_år_noll")
    if not 1 <= month <= 12:
        return text("datum_månader")
    if day == 0:
        return text("datum_dag_noll")
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = (29 if leap else 28) if month == 2 else 30 if month in (4, 6, 9, 11) else 31
    return text("datum_dagar", month=_MONTHS[month - 1], days=days)
