"""fingerprint._unclean tries its empty-property pattern only on a part where the end every
empty property has (`Pr/>`, `Pr></`, with white space) is found by a search from its
literal start (issue 19). The answer must be the pattern's on every part."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from remissgen.word import fingerprint

PIECES = st.sampled_from([b"<w:rPr/>", b"<w:pPr />", b"<rPr>\n</rPr>", b"<w:rPr><w:b/></w:rPr>",
                          b"<w:sectPr/>", b"<w:tblPr></w:tblPr>", b"<a.b-c:pPr\t/>", b"<w:p>",
                          b"Pr/>", b"<w:x:rPr/>", b"<:rPr/>", b"</w:pPr>", b"<", b"r", b"P", b"/>",
                          b" ", b">", b"</", b"<w:t>Pr</w:t>"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(PIECES, max_size=8).map(b"".join))
def test_the_end_first_finds_what_the_pattern_finds(data: bytes) -> None:
    words = any(word in data for word in fingerprint._UNCLEAN_WORDS) or data.find(b"<?", 1) != -1
    assert fingerprint._unclean(data) == (
        words or fingerprint._EMPTY_PROPERTIES.search(data) is not None)
