"""typography.text tries each pattern only in a text where what the pattern cannot match
without stands (a space after a digit before a month or a unit, one after a capital before
a number and `/`), instead of first searching every text for a digit and then for
`\\d \\S|[A-ZÅÄÖ] \\d` (issue 19). On texts drawn from digits (ASCII and others that
`\\d` reads), spaces, months, units, slashes, capitals and words that hold them, it gives
what the reference below (the code it replaced, verbatim) gave."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from remissgen.remissvar import typography

NBSP = "\u00a0"
_MONTHS = ("januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|"
           "december")
_DATE = re.compile(rf"\b(\d{{1,2}}) (?=(?:{_MONTHS})\b)")
_DIARIENUMMER = re.compile(r"\b([A-ZÅÄÖ]{1,8}) (?=\d{1,4}/\d+\b)")
_AMOUNT = re.compile(r"\b\d{1,3}(?: \d{3})+(?= (?:kronor|kr|tkr|mnkr|miljoner)\b)")
_ANY = re.compile(r"\d \S|[A-ZÅÄÖ] \d")
_DIGIT = re.compile(r"\d")


def _reference(value: str) -> str:
    if not _DIGIT.search(value) or not _ANY.search(value):
        return value
    value = _DATE.sub(lambda m: m.group(1) + NBSP, value)
    value = _DIARIENUMMER.sub(lambda m: m.group(1) + NBSP, value)
    return _AMOUNT.sub(lambda m: m.group().replace(" ", NBSP), value)


PIECES = st.sampled_from([
    " ", " ", " ", "1", "12", "2021", "600", "000", "٣", "５", "/", "-", ".", ",", NBSP, "\n",
    "3 ", " 000", "12/", "/4", "1 kr", "2 maj", "7 mars",
    "januari", "maj", "majoritet", "december", "Mars", "kronor", "kr", "tkr", "mnkr",
    "miljoner", "krav", "kronan", "SÖD", "Å", "KS", "a", "ö", "den", "_", "(", "x2",
])


@settings(max_examples=1500, deadline=None)
@given(st.lists(PIECES, max_size=14).map("".join))
@example("den 8 januari 2021")
@example("SÖD 2021/1234 och KS 12/3")
@example("600 000 kronor, 1 200 tkr och 3 000 000 miljoner")
@example("1 200 mnkr")
@example("٣ januari, ５ maj")
def test_typography_gives_what_the_reference_gave(value: str) -> None:
    assert typography.text(value) == _reference(value)

