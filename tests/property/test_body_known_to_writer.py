"""The writer tells bodyprint what it knows of the body it wrote, so that neither is searched
for (issue 19): each plain paragraph's skeleton (its XML without the w:t elements) and the
section breaks in order. Each must be what bodyprint's patterns find in the written XML:
the skeleton `_SKELETON` taken out of the paragraph, the breaks `_SECTPR` in the content."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from remissgen.blocks import Block, Columns, Heading, Item, ListBlock, Paragraph, Run
from remissgen.word import bodyprint, docx_writer, styles, templating

TEMPLATES = [docx_writer.load_template(templating.builtin_path(name))  # type: ignore[arg-type]
             for name in ("stockholm", "neutral")]  # drawn by number: a template's repr is long
PIECES = ["Nämnden", " ", "\t", "\n", "\r", "\x01", "\u00a0", "&", "<w:t>", "</w:t>", ">",
          "<w:titlePg/>", "😀", "", "å"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=5).map("".join)
RUNS = st.lists(st.builds(Run, TEXT, st.booleans(), st.booleans()), min_size=1,
                max_size=3).map(tuple)
STYLE = st.sampled_from([styles.NORMAL, styles.LABEL, styles.SIGNATURE, "Egen stil"])
PARAGRAPH = st.builds(Paragraph, RUNS, STYLE, st.booleans())
BLOCK: st.SearchStrategy[Block] = st.one_of(
    st.builds(Heading, TEXT, st.integers(1, 2)), PARAGRAPH,
    st.builds(ListBlock, st.lists(st.builds(Item, RUNS, st.integers(0, 2), st.booleans(),
                                            st.booleans()), min_size=1, max_size=3).map(tuple),
              st.booleans()),
    st.builds(Columns, st.lists(st.lists(PARAGRAPH, max_size=2).map(tuple),
                                max_size=3).map(tuple)))
COMMENT = st.builds(docx_writer.Comment, st.integers(0, 6), st.integers(0, 4),
                    st.integers(0, 8), st.just("granska"), st.just("g"), st.just(("ord",)))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([0, 1]), st.lists(BLOCK, max_size=8),
       st.lists(COMMENT, max_size=2).map(tuple))
def test_what_the_writer_knows_is_what_the_patterns_find(
        template: int, blocks: list[Block], comments: tuple[docx_writer.Comment, ...]) -> None:
    body = docx_writer._Body(TEMPLATES[template], comments)
    for block in blocks:
        body.block(block)
    body.finish()
    final = body.final_section()
    assert len(body.skeletons) == len(body.xml)
    for xml, skeleton in zip(body.xml, body.skeletons, strict=True):
        if skeleton is not None:
            assert skeleton == bodyprint._SKELETON.sub("", xml)
    breaks = [*body.breaks, final] if final else body.breaks
    assert breaks == bodyprint._SECTPR.findall("".join(body.xml) + final)


def test_a_plain_paragraph_is_known_and_a_broken_line_is_not() -> None:
    body = docx_writer._Body(TEMPLATES[0])
    body.block(Paragraph((Run("Nämnden "), Run("tillstyrker", bold=True))))
    body.block(Paragraph((Run("rad\nrad"),)))
    assert body.skeletons[0] == bodyprint._SKELETON.sub("", body.xml[0])
    assert body.skeletons[1] is None
