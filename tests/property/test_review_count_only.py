"""A review that is only counted gives what the located review gives (issue 19).

`bygg` counts a case's warnings and shows them only with `--granska`, so `Text.at` returns
a Location found when first read (`text.Later`) and `granska.Review` sorts its warnings by
location only when they are read: `count` and `of` locate none of the others. Checked here
against the eager path (every location found where the rule asks, the warnings sorted at
once), on the cases and texts of the review's one-pass tests, in any order of reading.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from remissgen import granska, load_text
from remissgen.errors import Location, Problem, RemissgenError
from remissgen.granska import text as t
from remissgen.source import parse

from .test_review_one_pass import TEXT, _case, block_safe


@contextmanager
def eager() -> Iterator[None]:
    """Locate every character where a rule asks for it, as before `Later`."""
    deferred = t.Text.at
    try:
        t.Text.at = t.Text._at  # type: ignore[method-assign]
        yield
    finally:
        t.Text.at = deferred  # type: ignore[method-assign]


def _reviewed(case: str) -> granska.Review:
    loaded = load_text(case, "fall.yaml")
    granska._last.clear()
    return granska.review(loaded.source, loaded.case)


def _shown(done: granska.Review) -> list[str]:
    return ([f"{w.format()}|{w.code}|{w.hint}" for w in done.warnings]
            + [repr(r) for r in done.readability])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.filter_too_much])
@given(st.lists(TEXT, min_size=3, max_size=3),
       st.lists(st.sampled_from(["|", '"']), min_size=3, max_size=3), st.booleans())
def test_a_review_counted_first_then_read_is_the_eager_review(texts: list[str],
                                                              styles: list[str],
                                                              dated: bool) -> None:
    case = _case(block_safe(texts, styles), styles, dated)
    try:
        counted = _reviewed(case)
    except RemissgenError:
        assume(False)  # an invalid case: nothing reviewed
        return
    placeholders = counted.of("ej-ifyllt")  # as `bygg` asks: its draft status, its count
    count = counted.count
    with eager():
        located = _reviewed(case)
        assert count == len(located.warnings)
        assert [p.format() for p in placeholders] == [
            p.format() for p in located.warnings if p.code == "ej-ifyllt"]
        assert _shown(counted) == _shown(located)


_STYLES = st.sampled_from(["|", ">", '"', "'", None])


def _document(value: str, style: str | None) -> str:
    if style in ("|", ">"):
        body = "\n".join("  " + line if line.strip() else "" for line in value.split("\n"))
        return f"a: 1\nsynpunkter: {style}\n{body}\n"
    if style == '"':
        return 'a: 1\nsynpunkter: "' + value.encode("unicode_escape").decode("ascii").replace(
            '"', '\\"') + '"\n'
    if style == "'":
        return "a: 1\nsynpunkter: '" + value.replace("'", "''").replace("\n", "\n\n") + "'\n"
    return "a: 1\nsynpunkter: " + " ".join(value.split()) + "\n"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, _STYLES, st.data())
def test_locations_read_in_any_order_are_the_ones_found_at_once(value: str, style: str | None,
                                                                data: st.DataObject) -> None:
    document = _document(value, style)
    try:
        src = parse(document, "fall.yaml")
    except RemissgenError:
        assume(False)  # a value this style cannot hold
        return
    node = src.root.get("synpunkter")  # type: ignore[union-attr]
    assume(node is not None and node.value.strip())
    lines = t.Lines("fall.yaml", document)
    size = len(node.value)
    offsets = data.draw(st.lists(st.integers(-2, size + 2), min_size=1, max_size=8))
    order = data.draw(st.permutations(range(len(offsets))))
    deferred = t.read(lines, node, ("synpunkter",))
    asked = [deferred.at(o) for o in offsets]  # nothing located yet
    found = {i: asked[i]._key() for i in order}  # located in another order
    at_once = t.read(lines, node, ("synpunkter",))
    for i, offset in enumerate(offsets):
        assert found[i] == at_once._at(offset)._key(), offset


def test_a_later_location_is_the_location_it_finds_and_pickles_as_one() -> None:
    later = t.Later(lambda: Location("fall.yaml", 3, 7))
    copied = pickle.loads(pickle.dumps(later))
    assert type(copied) is Location
    assert copied == later == Location("fall.yaml", 3, 7)
    assert (later.path, later.line, later.column, str(later)) == ("fall.yaml", 3, 7,
                                                                 "fall.yaml:3:7")


def test_counting_a_review_and_reading_one_rule_locate_no_other_warning() -> None:
    def never() -> Location:
        raise AssertionError("located")

    found = [Problem(t.Later(never), "b", code="lix"),
             Problem(Location("fall.yaml", 9, 1), "a", code="ej-ifyllt"),
             Problem(Location("fall.yaml", 2, 1), "c", code="ej-ifyllt"),
             Problem(t.Later(never), "d", code="upprepad-inledning")]
    done = granska.Review(found, [])
    assert done.count == 4
    assert [p.message for p in done.of("ej-ifyllt")] == ["c", "a"]
