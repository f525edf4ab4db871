"""typography.text tries its three patterns only on a text that holds what each needs (a
space before a month, a unit, or a number and `/`), found by a search that starts at a
space (issue 19). Its result must be the three substitutions made one after the other on
every text, the definition; and a text it leaves alone is returned as the same object."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from remissgen.blocks import Run
from remissgen.remissvar import typography as ty

WORDS = ["6", "12", "123", "000", "2021", "1234", "6/1", "2021/1234", "12345/6", "/", "٣", "²",
         "december", "maj", "mars", "majs", "kronor", "kr", "tkr", "mnkr", "miljoner", "krav",
         "SÖD", "KS", "Å", "AbcDEFGHI", "ABCDEFGHI", "a", "_", "-", ".", "(", "é", "\u00a0", "\n"]
SPACES = st.sampled_from([" ", " ", " ", "", "  ", "\u00a0", "\n", "/"])
# words with a space between most of them: the patterns read words and the spaces between
TEXT = st.lists(st.tuples(st.sampled_from(WORDS), SPACES), max_size=10).map(
    lambda pairs: "".join(word + space for word, space in pairs))


def _defined(value: str) -> str:
    value = ty._DATE.sub(lambda m: m.group(1) + ty.NBSP, value)
    value = ty._DIARIENUMMER.sub(lambda m: m.group(1) + ty.NBSP, value)
    return ty._AMOUNT.sub(lambda m: m.group().replace(" ", ty.NBSP), value)


@settings(max_examples=1500, deadline=None)
@given(TEXT)
def test_text_is_the_three_substitutions(value: str) -> None:
    found = ty.text(value)
    assert found == _defined(value)
    if found == value:
        assert found is value


@settings(max_examples=300, deadline=None)
@given(st.lists(st.builds(Run, TEXT, st.booleans(), st.booleans()), min_size=1,
                max_size=3).map(tuple))
def test_runs_are_each_run_through_text(found: tuple[Run, ...]) -> None:
    fixed = ty.runs(found)
    assert [r.text for r in fixed] == [_defined(r.text) for r in found]
    assert [(r.bold, r.italic) for r in fixed] == [(r.bold, r.italic) for r in found]
    if all(_defined(r.text) == r.text for r in found):
        assert fixed is found


def test_each_kind_is_found() -> None:
    assert ty.text("den 6 december 2021, SÖD 2021/1234, 600 000 kronor") == (
        "den 6\u00a0december 2021, SÖD\u00a02021/1234, 600\u00a0000 kronor")
