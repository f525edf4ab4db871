"""Our zip writer makes archives every reader accepts, identical for identical input."""

from __future__ import annotations

import io
import zipfile

from hypothesis import given
from hypothesis import strategies as st

from remissgen.word import zipwriter

NAMES = st.text(alphabet=st.characters(whitelist_categories=("L", "N"), max_codepoint=0x2FF)
                | st.sampled_from("/._-"), min_size=1, max_size=30)


@given(st.dictionaries(NAMES, st.binary(max_size=5000), min_size=1, max_size=8))
def test_archives_read_back_with_zipfile(members: dict[str, bytes]) -> None:
    data = zipwriter.write(zipwriter.deflate(n, d) for n, d in members.items())
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None
        assert zf.namelist() == list(members)
        assert {n: zf.read(n) for n in zf.namelist()} == members
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in zf.infolist())


def test_same_input_same_bytes_and_unicode_names() -> None:
    members = {"[Content_Types].xml": b"<Types/>", "word/media/bild-ö.png": b"\x89PNG" * 100}
    first = zipwriter.write(zipwriter.deflate(n, d) for n, d in members.items())
    second = zipwriter.write(zipwriter.deflate(n, d) for n, d in members.items())
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        assert zf.namelist() == list(members)
