"""fingerprint._digest keeps the digest of a list of the same _Written objects (a template's
page setups and parts, kept by the readers) instead of hashing their bytes again (issue 19).
Each digest must be the one of repr(values), the definition, however often and in whatever
mix of kept and new objects it is asked for."""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from remissgen.word import fingerprint

POOL = [fingerprint._Written(text) for text in
        ["('w:sectPr', (), '', ())", "('header', 'å')", repr(("w:p", (), "", ())), "''", ""]]
WRITTEN = st.one_of(st.sampled_from(POOL), st.text(max_size=40).map(fingerprint._Written))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(WRITTEN, max_size=5), max_size=6))
def test_a_kept_digest_is_the_digest_of_the_repr(lists: list[list[fingerprint._Written]]) -> None:
    for values in [*lists, *lists]:
        expected = hashlib.sha256(repr(values).encode("utf-8")).hexdigest()[:16]
        assert fingerprint._digest(values) == expected
        assert fingerprint._digest(list(values)) == expected


def test_equal_texts_in_other_objects_are_kept_apart() -> None:
    a, b = fingerprint._Written("x"), fingerprint._Written("y")
    first = fingerprint._digest([a, b])
    assert fingerprint._digest([b, a]) != first
    assert fingerprint._digest([a, b]) == first
    assert (a, b) in fingerprint._DIGESTS
