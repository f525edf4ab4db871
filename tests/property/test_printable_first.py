"""The writer asks `str.isprintable()` before it searches a text for a character XML refuses
(ooxml.REFUSED), and searches only a text that is not printable (issue 19). That is right
only while no refused character is printable; and escape, read_back and the paragraph's
XML must be those of the search on every text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from remissgen.blocks import Run
from remissgen.word import bodyprint, docx_writer, ooxml, styles, templating

TEMPLATE = docx_writer.load_template(templating.builtin_path("stockholm"))  # type: ignore[arg-type]
PIECES = ["Nämnden", " ", "\t", "\n", "\r", "\x01", "\x0b", "\x1f", "\x7f", "\x85", "\ufffe",
          "\uffff", "\ufffd", "\u00a0", "\u2028", "\u200b", "&", "<", ">", "😀", "å", ""]
TEXT = st.one_of(st.lists(st.sampled_from(PIECES), max_size=8).map("".join),
                 st.text(max_size=12))


def test_no_refused_character_is_printable() -> None:
    refused = [c for c in map(chr, range(0x110000)) if ooxml.REFUSED.match(c)]
    assert len(refused) == 31  # 0-8, 0xB, 0xC, 0xE-0x1F, U+FFFE, U+FFFF
    assert not any(c.isprintable() for c in refused)


def _escaped(text: str) -> str:
    text = ooxml.REFUSED.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_escape_and_read_back_are_those_of_the_search(text: str) -> None:
    assert docx_writer.escape(text) == _escaped(text)
    assert bodyprint.read_back(text) == ooxml.REFUSED.sub("", text).replace("\r", "\n")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.builds(Run, TEXT, st.booleans(), st.booleans()), min_size=1,
                max_size=3).map(tuple))
def test_a_paragraph_is_written_as_the_search_says(runs: tuple[Run, ...]) -> None:
    body = docx_writer._Body(TEMPLATE)
    body.paragraph(runs, styles.NORMAL)
    ppr = f'<w:pPr><w:pStyle w:val="{TEMPLATE.style(styles.NORMAL)}"/></w:pPr>'
    content = "".join(docx_writer._run(r, _escaped) for r in runs)
    assert body.xml == [f"<w:p>{ppr}{content}</w:p>"]
    text = ooxml.REFUSED.sub("", "".join(r.text for r in runs)).replace("\r", "\n")
    assert body.read == [(TEMPLATE.style(styles.NORMAL), text)]
