"""richtext._plain keeps where the paragraphs of the last few texts stand, so that a text
`granska` read (`spans`) is not read again when the document parses it (issue 19). What
`parse` and `spans` return must be what they return with nothing kept, whichever of the two
reads a text first, and a caller that changes the list it gets changes nothing kept."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from remissgen import richtext
from remissgen.blocks import Paragraph, Run

PIECES = st.sampled_from(["Nämnden", " ", "  ", "\n", "\n\n", "\n \n", "- ", "1. ", "*", "å",
                          "\t", "\u00a0", "ord", "_", "•"])
TEXT = st.lists(PIECES, max_size=12).map("".join)


def _fresh(source: str) -> tuple[list[object], list[richtext.Span]]:
    richtext._plain.cache_clear()
    return list(richtext.parse(source)), richtext.spans(source)


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=4), st.booleans())
def test_kept_texts_parse_and_place_as_fresh_ones(texts: list[str], spans_first: bool) -> None:
    expected = [_fresh(t) for t in texts]
    richtext._plain.cache_clear()
    for text, (blocks, spans) in zip([*texts, *texts], [*expected, *expected], strict=True):
        if spans_first:
            assert richtext.spans(text) == spans
            assert richtext.parse(text) == blocks
        else:
            assert richtext.parse(text) == blocks
            assert richtext.spans(text) == spans


def test_a_changed_result_changes_nothing_kept() -> None:
    text = "Första stycket.\n\nAndra stycket."
    first = richtext.parse(text)
    first[-1] = Paragraph((Run("ändrat"),))
    first.append(Paragraph((Run("mer"),)))
    assert richtext.parse(text) == [Paragraph((Run("Första stycket."),)),
                                    Paragraph((Run("Andra stycket."),))]
    assert richtext._plain(text) is richtext._plain(text)  # kept, not read again


CHUNK = st.lists(st.sampled_from(["ord", " ", "  ", "\n", "\t", "\u00a0", "å", "\r"]),
                 max_size=14).map("".join)


@settings(max_examples=500, deadline=None)
@given(CHUNK)
def test_joined_is_the_line_break_pattern(chunk: str) -> None:
    """joined strips each line and joins them with one space: the pattern it replaces."""
    import re

    assert richtext.joined(chunk) == re.sub(r" *\n *", " ", chunk).strip(" ")
