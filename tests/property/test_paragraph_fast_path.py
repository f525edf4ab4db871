"""A body paragraph whose text holds no character XML refuses is escaped without searching
each run for one, and one without a tab or a line break is written without `_run` and
escaped only when its whole text holds `&`, `<` or `>` (docx_writer._Body.paragraph and
_plain_runs, issue 19). Its XML and the text read back
must be those of the general path: each run through `escape`, the text through
bodyprint.read_back."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from remissgen.blocks import Run
from remissgen.word import bodyprint, docx_writer, styles, templating

TEMPLATE = docx_writer.load_template(templating.builtin_path("stockholm"))  # type: ignore[arg-type]
PIECES = ["Nämnden", " tillstyrker ", "\t", "\n", "\r", "\r\n", "\x01", "\x0b", "\ufffe",
          "\u00a0", "&", "<w:t>", ">", '"', "😀", "", " ", "å", "&amp;"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=6).map("".join)
RUNS = st.lists(st.builds(Run, TEXT, st.booleans(), st.booleans()), min_size=1,
                max_size=4).map(tuple)


@settings(max_examples=400, deadline=None)
@given(RUNS, st.booleans())
def test_a_paragraph_is_written_and_read_as_the_general_path_does(
        runs: tuple[Run, ...], keep: bool) -> None:
    body = docx_writer._Body(TEMPLATE)
    body.paragraph(runs, styles.NORMAL, keep_with_next=keep)
    sid = TEMPLATE.style(styles.NORMAL)
    ppr = f'<w:pPr><w:pStyle w:val="{sid}"/>{"<w:keepNext/>" if keep else ""}</w:pPr>'
    general = "".join(docx_writer._run(r) for r in runs)
    assert body.xml == [f"<w:p>{ppr}{general}</w:p>"]
    assert body.read == [(sid, bodyprint.read_back("".join(r.text for r in runs)))]
