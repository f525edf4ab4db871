"""zipwriter makes the headers of an entry it keeps (a template's members, small members
deflated before) once, and writes them again in every archive (issue 19). An archive must
be the same bytes as one whose headers are all made anew, and still read back whole."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from remissgen.word import zipwriter

MEMBER = st.tuples(st.sampled_from(["word/document.xml", "[Content_Types].xml", "å/ä.xml",
                                    "docProps/custom.xml"]),
                   st.binary(max_size=600), st.booleans())


@settings(max_examples=150, deadline=None)
@given(st.lists(MEMBER, max_size=6, unique_by=lambda m: m[0]), st.integers(1, 3))
def test_kept_headers_write_the_archive_made_anew(members: list[tuple[str, bytes, bool]],
                                                  rounds: int) -> None:
    entries = [zipwriter.keep_headers(zipwriter.deflate(n, d)) if kept
               else zipwriter.deflate(n, d) for n, d, kept in members]
    for _ in range(rounds):
        data = zipwriter.write(entries)
        fresh = [zipwriter.Entry(*e) for e in entries]  # equal, but never kept
        assert data == zipwriter.write(fresh)
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            assert {i.filename: zf.read(i) for i in zf.infolist()} == {
                n: d for n, d, _ in members}


def test_an_equal_entry_that_was_not_kept_gets_its_own_headers(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zipwriter, "_KNOWN", {})
    kept = zipwriter.keep_headers(zipwriter.deflate("a.xml", b"<a/>"))
    other = zipwriter.deflate("b.xml", b"<b/>")
    assert zipwriter._KNOWN[id(kept)][0] is kept and id(other) not in zipwriter._KNOWN
    first = zipwriter.write([kept, other])
    assert first == zipwriter.write([zipwriter.Entry(*kept), other])
