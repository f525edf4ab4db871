"""The review's fast paths give what the slow ones give (issue 19).

`granska` counts words by the regular expressions' own scans, tests a sentence for a kind
of word before reading its words, locates a `|` block's characters by line arithmetic, reads
a case once for `bygg`'s draft status and its review, and takes the rich-text parse of a
text the build has just parsed. Each is checked here against the general path, on texts
drawn with Jinja, acronyms, stance words, list markers and every scalar style.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remissgen import build, load_text, richtext
from remissgen import review as review_case
from remissgen.granska import _read, regler
from remissgen.granska import text as t
from remissgen.remissvar import regler as own_rules
from remissgen.source import parse

WORDS = st.sampled_from([
    "Nämnden", "tillstyrker", "avstyrker", "inte", "positiv", "till", "GDPR", "SÖD",
    "förvaltningen", "ett", "stycke", "{{ remiss.ärende }}", "{{x}}", "t.ex.", "bl.a.",
    "2021.", "1.", "-", "*", "•", "kronor", "600", "000", "(KS", "2026/1021)", "Å", "ö"])
ENDS = st.sampled_from([" ", ". ", "! ", "? ", ".\n", "\n\n", "\n- ", "\n1. ", "\n  "])
TEXT = st.lists(st.tuples(WORDS, ENDS), min_size=1, max_size=40).map(
    lambda parts: "".join(w + e for w, e in parts).strip() or "Text.")


def _scalar(value: str, style: str) -> tuple[str, str]:
    """Return (the YAML document, the key) holding `value` as a scalar of `style`."""
    if style in ("|", ">"):
        body = "\n".join("  " + line if line else "" for line in value.split("\n"))
        return f"synpunkter: {style}\n{body}\n", "synpunkter"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'synpunkter: "{escaped}"\n', "synpunkter"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.sampled_from(["|", ">", '"']))
def test_counts_first_words_kinds_and_locations_agree_with_the_words(value: str,
                                                                      style: str) -> None:
    document, key = _scalar(value, style)
    src = parse(document, "fall.yaml")
    node = src.root.get(key)  # type: ignore[union-attr]
    lines = t.Lines("fall.yaml", document)
    fast, slow = t.read(lines, node, (key,)), t.read(lines, node, (key,))
    for quick, full in zip(fast.sentences, slow.sentences, strict=True):
        words = full.words  # read word by word: the general path
        assert quick.counts() == (len(words), sum(1 for w in words if w.long))
        assert quick.first_word == words[0].text
        acronym = any(not w.placeholder and regler._ACRONYM.fullmatch(w.text) for w in words)
        assert acronym <= quick.has(regler._ACRONYM_WORD)
        stance = any(w.text.lower().startswith(("tillstyrk", "avstyrk", "positiv", "negativ"))
                     for w in words)
        assert stance <= quick.has(own_rules._STANCE)
    where = slow.where  # every character through the general aligner
    for offset in range(len(fast.value)):
        assert fast.at(offset) == lines.location(where[offset]), offset
        first = t.read(lines, node, (key,)).at(offset)  # asked first: walked only up to it
        assert first == lines.location(where[offset]), offset


SEED = Path(__file__).resolve().parents[2] / "seeds" / "sociala-foretag.yaml"


def test_the_review_after_a_build_equals_the_review_alone() -> None:
    loaded = load_text(SEED.read_text(encoding="utf-8"), SEED)
    richtext._tokens.cache_clear()
    alone = review_case(loaded)
    build(loaded)  # its parse of the texts is kept, and the review takes it
    after = review_case(loaded)
    assert alone and [p.format() for p in after] == [p.format() for p in alone]


def test_the_draft_check_reading_no_prose_finds_what_the_full_review_finds() -> None:
    from remissgen import granska

    text = SEED.read_text(encoding="utf-8").replace("Christina Grefveberg", "Förnamn Efternamn")
    text = text.replace("Förvaltningen är positiv", "FYLL I. Förvaltningen är positiv")
    loaded = load_text(text, SEED)
    full = [p.format() for p in granska.review(loaded.source, loaded.case).warnings
            if p.code == "ej-ifyllt"]
    found = [p.format() for p in granska.unfilled(loaded.source, loaded.case)]
    assert len(found) >= 2 and found == full


def test_a_case_reviewed_twice_is_read_once() -> None:
    loaded = load_text(SEED.read_text(encoding="utf-8"), SEED)
    from remissgen import granska

    first = granska._underlag(loaded.source, loaded.case)
    assert granska._underlag(loaded.source, loaded.case) is first  # read once
    fresh = _read(loaded.source, loaded.case)
    assert [x.value for x in fresh.prose] == [x.value for x in first.prose]
    other = load_text(SEED.read_text(encoding="utf-8"), SEED)
    assert granska._underlag(other.source, other.case) is not first  # another case: read anew


PLAIN_PIECES = st.sampled_from([
    "Nämnden", "tillstyrker", "motionen", " ", "  ", "\n", "\n\n", "\n  ", "   ", ".", ",",
    "2021", "(KS 2026/1021)", "600 000 kronor", "6\u00a0december", "å", "é", "–", "\u201d",
    "a.", "1", "-", "+", "#", "_", "___", "{{ x }}", "x\u00a0", "\u2028", "\t", "*", "\\"])
ANY_TEXT = st.lists(PLAIN_PIECES, max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_plain_text_read_without_the_parser_reads_as_the_parser_reads_it(text: str) -> None:
    # Texts are drawn with and without markup, no-break spaces, `_` (granska's stand-in for
    # Jinja) and line breaks of other kinds; where the fast path takes one, it must give
    # exactly the parser's blocks and spans.
    if richtext._plain(text) is None or not text.strip():
        return
    fast = (richtext.parse(text), richtext.spans(text))
    shortcut = richtext._plain
    try:
        richtext._plain = lambda _source: None  # type: ignore[assignment]
        assert (richtext.parse(text), richtext.spans(text)) == fast
    finally:
        richtext._plain = shortcut


def test_the_plain_path_takes_the_seed_s_texts_and_refuses_markup() -> None:
    assert richtext._plain("Första stycket.\n\nAndra stycket, 600\u00a0000 kronor.\n")
    assert richtext._plain("______ har på remiss från ________ fått en motion.\n")
    for markup in ("**fet**", "- punkt", "1. punkt", "a\\*b", "x\ty", "• punkt", "___",
                   "\u00a0indraget", "slut\u00a0"):
        assert richtext._plain(markup) is None, markup
