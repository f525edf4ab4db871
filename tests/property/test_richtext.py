"""Property tests of the rich-text subset: nothing is lost, markup outside the subset is literal."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from remissgen.blocks import Item, ListBlock, Paragraph, Run
from remissgen.richtext import inline, parse

parse("- a\n\n*b*")  # markdown-it is imported on the first parse: not inside a timed example

PIECES = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=8) | st.sampled_from(
    ["\n", "\n\n", "*", "**", "- ", "1. ", "2. ", "#", ">", "_", "&", "<", "\\", "å", "ä", "ö"])
TEXT = st.lists(PIECES, max_size=30).map("".join)


def _flat(blocks: list[Paragraph | ListBlock]) -> str:
    out = []
    for block in blocks:
        items = [i.runs for i in block.items] if isinstance(block, ListBlock) else [block.runs]
        for runs in items:
            out.append("".join(r.text for r in runs))
    return " ".join(out)


def _skeleton(text: str) -> str:
    """Return `text` without white space and the characters markup may consume (* - + . ) \\
    digits)."""
    return re.sub(r"[\s*.\-+)\\0-9•]+", "", text)


@settings(deadline=None)  # a loaded machine: no time limit per example
@given(TEXT)
def test_parse_never_fails_and_loses_no_character(source: str) -> None:
    blocks = parse(source)
    flat = _flat(blocks)  # type: ignore[arg-type]
    # every character survives, in order; only delimiters and list markers may be consumed
    assert _skeleton(flat) == _skeleton(source)


@settings(deadline=None)  # a loaded machine: no time limit per example
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"),
                                      blacklist_characters="*\n\r\\"), min_size=1).filter(
    lambda s: s.strip() and s[0] not in " -+•" and not re.match(r"\d{1,9}[.)]( |$)", s)))
def test_text_without_markup_is_one_paragraph_exactly(source: str) -> None:
    blocks = parse(source)
    assert len(blocks) == 1 and isinstance(blocks[0], Paragraph)
    assert blocks[0].text == source.strip()


@settings(deadline=None)  # a loaded machine: no time limit per example
@given(st.text(alphabet=st.characters(whitelist_categories=("L", "N")), min_size=1, max_size=20))
def test_bold_and_italic_round_trip(word: str) -> None:
    assert [(r.text, r.bold, r.italic) for r in inline(f"a **{word}** b")] == [
        ("a ", False, False), (word, True, False), (" b", False, False)]
    assert [(r.text, r.bold, r.italic) for r in inline(f"*{word}*")] == [(word, False, True)]


@settings(deadline=None)  # a loaded machine: no time limit per example
@given(st.lists(st.text(alphabet=st.characters(whitelist_categories=("L",)), min_size=1,
                        max_size=10), min_size=1, max_size=6), st.integers(1, 9))
def test_numbered_list_starts_at_one_whatever_the_written_numbers(items: list[str],
                                                                 start: int) -> None:
    source = "\n".join([f"1. {items[0]}"] + [f"{start + i}. {x}" for i, x in
                                             enumerate(items[1:])])
    blocks = parse(source)
    assert len(blocks) == 1 and isinstance(blocks[0], ListBlock) and blocks[0].numbered
    assert [item.text for item in blocks[0].items] == items


def test_a_paragraph_that_starts_with_a_year_is_text() -> None:
    blocks = parse("2021. var ett år.\n\n- a")
    assert isinstance(blocks[0], Paragraph) and blocks[0].text == "2021. var ett år."
    assert isinstance(blocks[1], ListBlock) and not blocks[1].numbered


def test_three_stars_close_italic_and_bold_together() -> None:
    assert [(r.text, r.bold, r.italic) for r in inline("***båda***")] == [("båda", True, True)]
    assert [(r.text, r.bold, r.italic) for r in inline("**a *b***")] == [
        ("a ", True, False), ("b", True, True)]
    assert [(r.text, r.bold, r.italic) for r in inline("x ***y*** z")] == [
        ("x ", False, False), ("y", True, True), (" z", False, False)]


def test_a_year_after_a_numbered_list_is_text_but_the_next_number_continues() -> None:
    blocks = parse("1. ett\n2. två\n\n2021. är ett år.")
    assert isinstance(blocks[0], ListBlock) and len(blocks[0].items) == 2
    assert isinstance(blocks[1], Paragraph) and blocks[1].text == "2021. är ett år."
    blocks = parse("1. ett\n2. två\n\n3. tre")
    assert len(blocks) == 1 and isinstance(blocks[0], ListBlock) and len(blocks[0].items) == 3


@settings(deadline=None)  # a loaded machine: no time limit per example
@given(st.lists(st.sampled_from(["a", "bö", " ", "  ", "\n", "\n\n", "-", "--- ", "1", "2021",
                                 ".", ")", "=", "#", ">", "&amp;", "<b>", "[x](y)", "    "]),
                max_size=25).map("".join))
def test_a_text_of_only_paragraphs_reads_as_the_parser_reads_it(source: str) -> None:
    # the shortcut for texts without markup gives exactly the parser's blocks and places
    from remissgen import richtext

    if richtext._plain(source) is None or not source.strip():
        return
    fast = (parse(source), richtext.spans(source))
    shortcut = richtext._plain
    try:
        richtext._plain = lambda _source: None  # type: ignore[assignment]
        assert fast == (parse(source), richtext.spans(source))
    finally:
        richtext._plain = shortcut


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", " ", "  "]),
                          st.text(alphabet="ab å*", min_size=1, max_size=6).filter(
                              lambda t: t.strip(" ") != ""),
                          st.sampled_from(["", " ", "   "])).map("".join),
                min_size=1, max_size=5).map("\n".join))
def test_a_plain_paragraph_joins_its_lines_as_each_stripped_and_spaced(chunk: str) -> None:
    from remissgen import richtext

    assert richtext.joined(chunk) == " ".join(line.strip(" ") for line in chunk.split("\n"))


_SHAPES = ["", "", "text här", "  indragen", "- punkt", "- två ord  ", "-  mellan", "- ", "-",
           "- - inne", "- 1. tal", "- +", "- ---", "- ___", "- *fet*", "2021. år", "1. ett",
           "+ plus", "    kod", "---", "___", " ", "ord - ord", "- a_b", "-x", "– streck",
           "- å ä", "text   ", "  - indragen punkt", "- # rubrik", "- > citat", "* stjärna",
           "- 2021 år", "- [x](y)", "- a\u00a0b", "a", "- b"]
_LIKELY = ["", "", "", "text här", "- punkt", "- två ord  ", "-  mellan", "ord - ord", "- a_b",
           "-x", "– streck", "- å ä", "text   ", "  indragen", "- # rubrik", "- 2021 år", "a",
           "- b"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_SHAPES), max_size=10).map("\n".join)
       | st.lists(st.sampled_from(_LIKELY), max_size=12).map("\n".join))
def test_paragraphs_and_simple_lists_read_as_the_parser_reads_them(source: str) -> None:
    """The shortcut for paragraphs and one-level lists of one-line `- ` items gives exactly
    the parser's blocks where it answers (it leaves every other shape to the parser)."""
    from remissgen import richtext

    fast = richtext._simple(source)
    if fast is None or not source.strip():
        return
    text = richtext._prepared(source)
    dot, paren = richtext._stand_ins(source)
    assert fast == richtext._blocks(richtext._tokens(text), richtext._line_starts(text), text,
                                    {ord(dot): ".", ord(paren): ")"})


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_SHAPES), max_size=10).map("\n".join)
       | st.lists(st.sampled_from(_LIKELY), max_size=12).map("\n".join))
def test_paragraphs_and_simple_lists_are_placed_as_the_parser_places_them(source: str) -> None:
    """`granska`'s places for the same shortcut's texts are the parser's, character for
    character (with both shortcuts off, `spans` asks markdown-it)."""
    from remissgen import richtext

    fast = richtext._simple_spans(source)
    if fast is None or not source.strip():
        return
    shortcuts = richtext._plain, richtext._simple_spans
    try:
        richtext._plain = richtext._simple_spans = lambda _source: None  # type: ignore[assignment]
        assert fast == richtext.spans(source)
    finally:
        richtext._plain, richtext._simple_spans = shortcuts


def test_a_list_after_a_paragraph_is_read_without_the_parser() -> None:
    from remissgen import richtext

    assert richtext._simple("Text\nmer.\n\n- ett\n- två\n\nSlut.") == [
        Paragraph((Run("Text mer."),)),
        ListBlock((Item((Run("ett"),)), Item((Run("två"),))), False),
        Paragraph((Run("Slut."),))]
    assert richtext._simple("- ett\n\n- två") is None  # one loose list: the parser's


@pytest.mark.parametrize("source", ["*\ue000", "a \ue000 b\ue001", "1. a\n\n3\ue000 b",
                                    "1. ett\n\n2021. var året \ue000 och \ue001"])
def test_a_private_use_character_written_by_the_user_stays_itself(source: str) -> None:
    """The parser's stand-ins for a `.` or `)` that opens no list are characters the text does
    not hold: one the user wrote is never turned into a `.` or a `)`."""
    flat = _flat(parse(source))  # type: ignore[arg-type]
    assert flat.count("\ue000") == source.count("\ue000")
    assert flat.count("\ue001") == source.count("\ue001")
    assert _skeleton(flat) == _skeleton(source)


def test_a_number_that_opens_no_list_keeps_its_point_beside_private_use_characters() -> None:
    blocks = parse("1. ett\n\n2021. var året \ue000")
    assert _flat(blocks) == "ett 2021. var året \ue000"  # type: ignore[arg-type]
