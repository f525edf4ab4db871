"""The fingerprint a build stores is the one reading the written .docx gives (issue 19).

The writer puts the body's share of the fingerprint together from what it wrote
(word/bodyprint.py) instead of parsing document.xml again. A rebuild reads the stored value
back and compares it with its reading of the file (fingerprint.of_members, the general
path), so the two must agree on every document, or an untouched document would be taken
for one edited in Word. Drawn here: headings, paragraphs of every style (and of style
names XML reads otherwise), runs with tabs, breaks, carriage returns, dropped control
characters, no-break spaces and markup characters, nested and continued lists, text in
columns, comments, tracked changes, drafts, logos, first-page-only footers and logos,
accent colours, both built-in templates.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remissgen import pipeline, safezip
from remissgen.blocks import Block, Columns, Heading, Item, ListBlock, Paragraph, Run
from remissgen.word import bodyprint, docx_writer, fingerprint, styles, templating

ROOT = Path(__file__).resolve().parents[2]
SEED = pipeline.load(ROOT / "seeds" / "sociala-foretag.yaml")
TEMPLATES = [templating.builtin_path(name) for name in ("stockholm", "neutral")]
LOGO = docx_writer.Image(b"\x89PNG\r\n\x1a\nlogotyp", "png", "Stadens logotyp", 900000, 400000)

PIECES = ["Nämnden", " tillstyrker ", "\t", "\n", "\r", "\r\n", "\x01", "\u00a0", "&", "<w:t>",
          ">", '"', "lang", "noProof", "\ufffe", "😀", "", " ", "å", "_GoBack", "<!--"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=6).map("".join)
RUN = st.builds(Run, TEXT, st.booleans(), st.booleans())
RUNS = st.lists(RUN, max_size=4).map(tuple)
STYLE = st.sampled_from([styles.NORMAL, styles.SUBTITLE, styles.HEADING_1, styles.HEADING_2,
                         styles.LABEL, styles.SIGNATURE, "heading 3", "Egen stil",
                         'Citat"stil', "Tab\tstil", "A&O"])
PARAGRAPH = st.builds(Paragraph, RUNS, STYLE, st.booleans())
ITEM = st.builds(Item, RUNS, st.integers(0, 2), st.booleans(), st.booleans())
BLOCK: st.SearchStrategy[Block] = st.one_of(
    st.builds(Heading, TEXT, st.integers(1, 2)), PARAGRAPH,
    st.builds(ListBlock, st.lists(ITEM, min_size=1, max_size=4).map(tuple), st.booleans()),
    st.builds(Columns, st.lists(st.lists(PARAGRAPH, min_size=1, max_size=2).map(tuple),
                                max_size=3).map(tuple)))  # compose never gives an empty cell
PIECE = st.tuples(st.sampled_from("=+-"), RUN)
REVISION = st.builds(docx_writer.Revision, st.integers(0, 12),
                     st.one_of(st.none(), st.lists(PIECE, max_size=4).map(tuple)),
                     st.booleans(),
                     st.lists(st.tuples(RUNS, STYLE), max_size=2).map(tuple))
COMMENT = st.builds(docx_writer.Comment, st.integers(0, 12), st.integers(0, 8),
                    st.integers(0, 12), st.sampled_from(["granska", 'A "B" & C']),
                    st.just("g"), st.lists(TEXT, min_size=1, max_size=2).map(tuple))


def _build(template_path: Path, blocks: list[Block], comments: tuple[docx_writer.Comment, ...],
           revisions: docx_writer.Revisions | None, draft: bool, logo: bool,
           only: frozenset[str], accent: str | None) -> bytes:
    case = SEED.case
    template = docx_writer.load_template(template_path)
    props = docx_writer.Properties(case.rubrik, case.remiss.ärende, case.förvaltning,
                                   case.diarienummer or "", case.datum)
    return docx_writer.render(template, blocks, templating.context(case, template.names),
                              props, LOGO if logo else None, custom={"Status": "Klar"},
                              accent=accent, mark="UTKAST" if draft else None,
                              comments=comments, comment_date="2026-01-02T00:00:00Z",
                              revisions=revisions, first_page_only=only)


def _stored_and_read(data: bytes) -> tuple[str, str]:
    members = safezip.read_members(io.BytesIO(data))
    stored = re.search(r'name="remissgen-fingeravtryck"><vt:lpwstr>([^<]*)<',
                       members["docProps/custom.xml"].decode())
    assert stored is not None
    return stored.group(1), fingerprint.encode(fingerprint.of_members(members))


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TEMPLATES), st.lists(BLOCK, max_size=8),
       st.lists(COMMENT, max_size=3).map(tuple),
       st.one_of(st.none(), st.tuples(st.lists(REVISION, max_size=3).map(tuple),
                                      st.lists(st.tuples(RUNS, STYLE), max_size=2).map(tuple))),
       st.booleans(), st.booleans(),
       st.sets(st.sampled_from(["sidfot", "logotyp"])).map(frozenset),
       st.sampled_from([None, "#1A6B3C"]))
def test_the_stored_fingerprint_is_the_reading_of_the_written_document(
        template: Path, blocks: list[Block], comments: tuple[docx_writer.Comment, ...],
        tracked: tuple[tuple[docx_writer.Revision, ...], tuple[object, ...]] | None,
        draft: bool, logo: bool, only: frozenset[str], accent: str | None) -> None:
    revisions = (None if tracked is None else
                 docx_writer.Revisions(tracked[0], 'Eva "E" Lind', "2026-01-02T00:00:00Z",
                                       tracked[1]))  # type: ignore[arg-type]
    stored, read = _stored_and_read(
        _build(template, blocks, comments, revisions, draft, logo, only, accent))
    assert stored == read


def test_a_plain_build_takes_its_body_from_the_writer(monkeypatch: object) -> None:
    """The seed's build does not read document.xml back (else the test above proves little)."""
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    read: list[object] = []
    general = fingerprint.read_body

    def counted(*args: object) -> fingerprint.Body:
        read.append(args)
        return general(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(fingerprint, "read_body", counted)
    data = pipeline.build(SEED)
    assert read == []
    monkeypatch.undo()
    stored, again = _stored_and_read(data)
    assert stored == again
    assert bodyprint.read_back("a\r\x01b") == "a\nb"
