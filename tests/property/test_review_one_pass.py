"""The review's one-pass reading gives what the straightforward reading gives (issue 19).

`granska` reads a text's sentences, words and LIX counts from slices split in C, finds line
starts by the literal newline, looks for dotted abbreviations and case numbers only near
their full stops and slashes, and tests sentences for stances, kinds of ärende and
acronyms with cheap tests first; `richtext` tests a text for markup before its slow
pattern. Each shortcut is checked here against the straightforward code it replaces (kept
below as it was), piece by piece and for the whole review of a case, on Swedish-ish text
drawn with sentences, abbreviations, lists, Markdown marks, Jinja, line breaks of every
kind and non-ASCII, astral, combining and oddly cased characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from remissgen import granska, load_text, richtext
from remissgen import source as source_module
from remissgen.errors import RemissgenError
from remissgen.granska import regler
from remissgen.granska import text as t
from remissgen.remissvar import regler as own_rules
from remissgen.remissvar.spec import PLACEHOLDERS as _PLACEHOLDERS

SEED = Path(__file__).resolve().parents[2] / "seeds" / "sociala-foretag.yaml"

# ---------------------------------------------------------------- the straightforward code


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in t._BREAK.finditer(text)]


def _counted(segment: str) -> tuple[int, int]:
    return len(t._WORD.findall(segment)), len(t._LONG.findall(segment))


def _last_chunk(masked: str, start: int, end: int) -> str:
    begin = end
    while begin > start and not masked[begin - 1].isspace():
        begin -= 1
    return masked[begin:end].lower().lstrip("(\"”'")


def _sentence(out: list[t.Sentence], value: str, masked: str, marks: bytes, start: int,
              end: int) -> None:
    first = t._FIRST.search(masked, start, end)
    if first is None:
        return
    if t._WORD.search(masked, start, end) or (
            value.find("{{", start, end) >= 0 and t.words(value, masked, start, end)):
        out.append(t.Sentence(first.start(), end, value, masked))  # counted when asked


def _sentences(value: str, masked: str, marks: bytes, start: int,
               end: int) -> tuple[t.Sentence, ...]:
    out: list[t.Sentence] = []
    begin = start
    for m in t.ends(masked, start, end):
        following = t._NEXT.match(masked, m.end(), end)
        after = following.group(1) if following else None
        if after and after.islower():
            continue
        if after and t._last_chunk(masked, start, m.end()) in t._NEVER_ENDS:
            continue
        t._sentence(out, value, masked, marks, begin, m.end())
        begin = m.end()
    t._sentence(out, value, masked, marks, begin, end)
    return tuple(out)


def _mask(value: str) -> str:
    def blank(m: re.Match[str]) -> str:
        fill = "_" if m.group().startswith("{{") else " "
        return "".join(c if c in "\r\n" else fill for c in m.group())
    return t._JINJA.sub(blank, value)


def _ends(masked: str, start: int, end: int) -> Iterator[re.Match[str]]:
    return t._END.finditer(masked, start, end)


def _near(pattern: re.Pattern[str], text: str, hints: object, back: int) -> Iterator[re.Match[str]]:
    return pattern.finditer(text)


_ACRONYM_WORD = re.compile(r"(?<![^\W_])[A-ZÅÄÖ]{2,6}(?![^\W_])")


def _may_take_stance(segment: str) -> bool:
    return own_rules._STANCE.search(segment) is not None


def _acronyms(text_: t.Text, sentence: t.Sentence) -> Iterator[tuple[t.Word, regler.Before]]:
    ws = sentence.words
    for i, word in enumerate(ws):
        if not word.placeholder and regler._ACRONYM.fullmatch(word.text):
            yield word, lambda i=i: ws[:i]  # type: ignore[misc]


def _explained_as_it_was(text_: t.Text, words: tuple[t.Word, ...], i: int) -> str | None:
    acronym = words[i].text.lower()
    masked = text_.masked
    before = masked[:words[i].start].rstrip()
    after = masked[words[i].end:].lstrip()
    close = masked.find(")", words[i].end)
    if before.endswith("(") and after.startswith(")"):
        window = words[max(0, i - 8):i]
        start = regler._spelling_start(acronym, [w.text for w in window])
        if start is not None:
            return text_.value[window[start].start:close + 1]
        last = window[-1] if window else None
        if last is not None and len(last.text) >= regler._LONG_WORD and not last.text.isupper():
            return text_.value[last.start:close + 1]
        return None
    chunk_end = words[i].end
    while chunk_end < len(masked) and not masked[chunk_end].isspace():
        chunk_end += 1
    rest = masked[chunk_end:].lstrip()
    if rest.startswith("("):
        inside = rest[1:].split(")", 1)[0]
        if regler._spells(acronym, re.findall(r"[^\W_]+", inside)):
            end = masked.find(")", chunk_end)
            return text_.value[words[i].start:end + 1]
    return None


def _explained(text_: t.Text, word: t.Word, before: regler.Before) -> str | None:
    words = (*before(), word)
    return _explained_as_it_was(text_, words, len(words) - 1)


STRAIGHTFORWARD = [
    (regler, "_acronyms", _acronyms), (regler, "_explained", _explained),
    (t, "line_starts", _line_starts), (t, "counted", _counted), (t, "_last_chunk", _last_chunk),
    (t, "_sentence", _sentence), (t, "_sentences", _sentences), (t, "near", _near),
    (t, "ends", _ends), (t, "_mask", _mask),
    (regler, "_ACRONYM_WORD", _ACRONYM_WORD),
    (own_rules, "may_take_stance", _may_take_stance),
    (own_rules, "may_name_kind", lambda segment: True),
    (richtext, "_may_need_parser", lambda source: True),
    (regler, "looked_for", lambda u, placeholders: (list(placeholders), True)),
    (regler.Underlag, "may_hold", lambda u, wanted: True)]


@contextmanager
def straightforward() -> Iterator[None]:
    """Run the review with the straightforward code in place of every shortcut."""
    kept = [(module, name, getattr(module, name)) for module, name, _ in STRAIGHTFORWARD]
    try:
        for module, name, plain in STRAIGHTFORWARD:
            setattr(module, name, plain)
        yield
    finally:
        for module, name, fast in kept:
            setattr(module, name, fast)


# ---------------------------------------------------------------- Swedish-ish text

WORDS = st.sampled_from([
    "Nämnden", "förvaltningen", "ett", "stycke", "samhällsutmaningar", "arbetsintegrerade",
    "tillstyrker", "avstyrker", "TILLSTYRKER", "Avstyrka", "tıllstyrker", "tillſtyrker",
    "İnte", "inte", "ej", "positiv", "negativa", "till", "på", "ﬆöd", "motionen", "om",
    "Remiss", "av", "skrivelsen", "angående", "betänkandet", "gällande", "promemorian",
    "GDPR", "SÖD", "ASF", "EU", "LOU", "ÅÄÖ", "XIV", "MIA-projektet", "(ASF)", "(LOU)",
    "Lagen", "offentlig", "upphandling", "dataskyddsförordningen", "(", ")", "(Lagen",
    "upphandling)", "(mobilisering", "inför", "arbete)", "ASF-", "(GDPR)", "LOU(",
    "t.ex.", "bl.a.", "s.k.", "fr.o.m.", "m.m.", "jfr.", "kap.", "prop.", "Resp.", "a.b.c.",
    "xy.zw.", "T.EX.",
    "ev.", "dvs.", "Dnr", "KS", "2021/817", "2026/1021)", "(KS", "12345/6", "1/2", "2021.",
    "600", "000", "kronor", "6\u00a0december", "§", "14", "1.", "-", "+", "*", "**fet**",
    "*kursiv*", "\\*", "•", "`kod`", "_", "___", "–", "—", "…", "”Citat”", "»så«", "’x’",
    "{{ remiss.ärende }}", "{{ nämnd_kort }}", "{# anm #}", "{{remiss.från}}",
    "Å", "ö", "é", "e\u0301", "𝔸𝔹", "😀", "٣", "Ⅻ", "x²", "second-hand", "ÅÄÖÅÄÖÅ",
    "Stockholm.", "(S)", "ord\u00adbrytning", "noll\u200bbredd", "\u00a0", "FYLL I",
    "Förnamn Efternamn", "Skriv här"])
ENDS = st.sampled_from([
    " ", " ", " ", ", ", ". ", "! ", "? ", "?! ", ".) ", '." ', ".” ", ".\n", "\n", "\n\n",
    "\n- ", "\n1. ", "\n2. ", "\n  - ", "\n• ", "\n  ", "\t", "\u00a0", " \u00a0\n", "\r\n",
    "\u2028", "\x85", ". \n\n---\n\n", ":"])
TEXT = st.lists(st.tuples(WORDS, ENDS), min_size=1, max_size=60).map(
    lambda parts: "".join(w + e for w, e in parts))


# ---------------------------------------------------------------- piece by piece


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_words_and_long_words_counted_from_chunks_are_the_expressions_counts(text: str) -> None:
    assert t.counted(text) == _counted(text)
    masked = t._mask(text)
    assert t.counted(masked) == _counted(masked)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(0, 400), st.integers(0, 400))
def test_words_counted_in_a_slice_of_the_letter_marks_are_the_slice_s_counts(
        text: str, a: int, b: int) -> None:
    masked = t._mask(text)
    marks = t.letters(masked)
    assert len(marks) == len(masked)
    start, end = sorted((min(a, len(masked)), min(b, len(masked))))
    assert t.counted_in(marks, start, end) == _counted(masked[start:end])


@settings(max_examples=500, deadline=None)
@given(st.one_of(TEXT, st.text(), st.text(st.characters(max_codepoint=0x3FF))))
def test_a_text_is_composed_when_the_normalisation_check_says_so(text: str) -> None:
    assert source_module.composed(text) == unicodedata.is_normalized("NFC", text)
    decomposed = unicodedata.normalize("NFD", text)
    assert source_module.composed(decomposed) == unicodedata.is_normalized("NFC", decomposed)


def test_every_pair_of_characters_below_u0100_is_composed() -> None:
    latin_1 = [chr(i) for i in range(256)]
    assert all(unicodedata.is_normalized("NFC", a + b) for a in latin_1 for b in latin_1)
    assert not source_module.composed("e\u0301") and source_module.composed("é–”")


def test_letter_marks_follow_str_isalnum_beyond_latin_1() -> None:
    text = "x²–𝔸𝔹😀٣Ⅻ”ﬆöd ő’a"
    assert t.letters(text) == b"".join(b"a" if ch.isalnum() else b" " for ch in text)
    assert t.letters(text) == b"aa aa aa aaa a a"


@settings(max_examples=300, deadline=None)
@given(TEXT, st.sampled_from(["", "{", "{{ x }}", "{% if a %}", "{# anm #}", "{{ x"]))
def test_a_text_without_a_brace_is_its_own_mask(text: str, tag: str) -> None:
    for value in (text, text + tag, tag + text):
        assert t._mask(value) == _mask(value)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(0, 400), st.integers(0, 400), st.booleans())
def test_sentence_ends_found_by_their_full_stops_are_the_pattern_s(text: str, a: int, b: int,
                                                                   stops_only: bool) -> None:
    if stops_only:  # the full-stop path: no `!` or `?` in the text
        text = text.replace("!", ".").replace("?", ".")
    masked = t._mask(text)
    end = min(max(a, b), len(masked))
    stops = [i for i, ch in enumerate(masked[:end]) if ch in ".!?"]  # a span may start at one
    for start in {min(a, b, end), *stops}:
        found = [(m.start(), m.end()) for m in t.ends(masked, start, end)]
        assert found == [(m.start(), m.end()) for m in _ends(masked, start, end)]


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(0, 400), st.integers(0, 400))
def test_the_chunk_before_a_full_stop_is_the_one_walked_back(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    assert t._last_chunk(text, start, end) == _last_chunk(text, start, end)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(0, 400))
def test_a_short_form_is_found_at_the_ends_whose_chunk_is_one(text: str, a: int) -> None:
    masked = t._mask(text)
    marks = t.letters(masked)
    start = min(a, len(masked))
    for m in t.ends(masked, start, len(masked)):
        assert t._short_form(masked, marks, start, m) == (
            _last_chunk(masked, start, m.end()) in t._NEVER_ENDS), m


def test_each_short_form_ends_with_a_full_stop_after_four_letters_at_most_or_a_letter() -> None:
    for form in t._NEVER_ENDS:
        if form.endswith("."):
            assert not form.endswith("..") and len(form[:-1].rsplit(".", 1)[-1]) <= 4, form
        else:
            assert form[-1].isalpha(), form  # no sentence end closes it: never its chunk


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_line_starts_found_by_the_newline_are_the_breaks_starts(text: str) -> None:
    assert t.line_starts(text) == _line_starts(text)
    file = text.replace("\r", "").replace("\x85", "").replace("\u2028", "")
    assert t.line_starts(file) == _line_starts(file)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_matches_tried_near_their_hints_are_every_match(text: str) -> None:
    masked = t._mask(text)
    dotted = (m.start() for m in regler._DOTTED_HINT.finditer(masked))
    assert [m.span() for m in t.near(regler._DOTTED, masked, dotted, 4)] == [
        m.span() for m in regler._DOTTED.finditer(masked)]
    slashes = (m.start() for m in own_rules._SLASH.finditer(masked))
    assert [m.span() for m in t.near(own_rules._DNR, masked, slashes, 4)] == [
        m.span() for m in own_rules._DNR.finditer(masked)]


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(0, 400), st.integers(0, 400))
def test_the_cheap_sentence_tests_agree_with_the_patterns(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    assert (regler._ACRONYM_WORD.search(text, start, end) is None) == (
        _ACRONYM_WORD.search(text, start, end) is None)
    segment = text[start:end]
    for part in (segment, text):
        assert own_rules.may_take_stance(part) == _may_take_stance(part)
    words = [w.casefold() for w in t._WORD.findall(segment)]
    assert own_rules.may_name_kind(segment) or not set(words) & own_rules._KINDS


def test_re_ignorecase_matches_the_stems_letters_only_to_their_lower_case_and_three_more() -> None:
    letters = sorted(set("".join(own_rules._STEMS)))
    odd = set()
    for code in range(0x110000):
        ch = chr(code)
        if ch.lower() not in letters and any(re.fullmatch(x, ch, re.I) for x in letters):
            odd.add(ch)
    assert odd == set(own_rules._OTHER_CASES)


def test_every_white_space_but_the_space_is_unprintable() -> None:
    assert [c for c in map(chr, range(0x110000)) if c.isspace() and c.isprintable()] == [" "]


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_a_text_the_cheap_test_passes_has_no_markup(text: str) -> None:
    for source in (text, t._mask(text)):
        if not richtext._may_need_parser(source):
            assert re.search(richtext._NOT_PLAIN, source) is None


@settings(max_examples=200, deadline=None)
@given(TEXT, st.sampled_from(["|", '"']))
def test_the_lix_of_a_section_of_one_text_is_the_sum_over_its_sentences(text: str,
                                                                        style: str) -> None:
    case = _case([text, "Ärendet.", "Synpunkter."], [style, "|", "|"])
    try:
        loaded = load_text(case, "fall.yaml")
    except RemissgenError:
        assume(False)  # an invalid case: nothing reviewed
        return
    for _, _, texts in granska._read(loaded.source, loaded.case).sections:
        counts = [s.counts() for x in texts for s in x.sentences]
        assert regler.section_lix(texts) == t.Lix(
            sum(c[0] for c in counts), len(counts), sum(c[1] for c in counts))
        assert [x.word_count for x in texts] == [
            sum(s.counts()[0] for s in x.sentences) for x in texts]


@settings(max_examples=200, deadline=None)
@given(TEXT, st.sampled_from(["|", '"']))
def test_a_sentence_holds_an_acronym_only_where_its_text_holds_one(text: str,
                                                                   style: str) -> None:
    case = _case(["Sammanfattning.", text, "Synpunkter."], ["|", style, "|"])
    try:
        loaded = load_text(case, "fall.yaml")
    except RemissgenError:
        assume(False)  # an invalid case: nothing reviewed
        return
    for read in granska._read(loaded.source, loaded.case).prose:
        if any(s.has(regler._ACRONYM_WORD) for s in read.sentences):
            assert regler._ACRONYM_WORD.search(read.masked) is not None


# ---------------------------------------------------------------- the whole review


def _case(texts: list[str], styles: list[str], dated: bool = False) -> str:
    """Return the seed with its sammanfattning, ärendet and synpunkter replaced by `texts`
    (and with `dated`, its date marked `# FYLL I` as `ny` marks an example date)."""
    seed = SEED.read_text(encoding="utf-8")
    if dated:
        seed = seed.replace("datum: 2021-12-02\n", "datum: 2021-12-02  # FYLL I\n")
    for key, value, style in zip(("sammanfattning", "ärendet", "synpunkter"), texts, styles,
                                 strict=True):
        block = re.compile(rf"^{key}: \|\n(?:(?:  .*)?\n)*", re.M)
        seed = block.sub(lambda _m: "", seed, count=1)
        if style == "|":
            written = "".join("  " + line + "\n" if line.strip() else "\n"
                              for line in value.split("\n"))
            seed += f"{key}: |\n{written}"
        else:
            escaped = value.encode("unicode_escape").decode("ascii").replace('"', '\\"')
            seed += f'{key}: "{escaped}"\n'
    return seed


def block_safe(texts: list[str], styles: list[str]) -> list[str]:
    """Return the texts with what a `|` block cannot hold as written (CR, NEL, U+2028, each a
    line end to YAML) taken out of those written in one."""
    return [x.replace("\r", "").replace("\x85", "").replace("\u2028", "") if style == "|"
            else x for x, style in zip(texts, styles, strict=True)]


def _said(case: str) -> list[str]:
    loaded = load_text(case, "fall.yaml")
    granska._last.clear()
    done = granska.review(loaded.source, loaded.case)
    return ([f"{w.format()}|{w.code}|{w.hint}" for w in done.warnings]
            + [repr(r) for r in done.readability] + [",".join(sorted(done.ran))])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.filter_too_much])
@given(st.lists(TEXT, min_size=3, max_size=3),
       st.lists(st.sampled_from(["|", '"']), min_size=3, max_size=3), st.booleans())
def test_the_review_of_a_case_is_the_straightforward_review(texts: list[str],
                                                              styles: list[str],
                                                              dated: bool) -> None:
    case = _case(block_safe(texts, styles), styles, dated)
    try:
        fast = _said(case)
    except RemissgenError:
        assume(False)  # an invalid case: nothing reviewed
        return
    with straightforward():
        assert _said(case) == fast


def test_the_seed_s_review_is_the_straightforward_review() -> None:
    for case in (SEED.read_text(encoding="utf-8"), _case(["Förnamn Efternamn skriver.",
                 "Ärendet.", "Synpunkter."], ["|", '"', "|"], dated=True)):
        fast = _said(case)
        assert any(line.startswith("fall.yaml") for line in fast)
        with straightforward():
            assert _said(case) == fast
    assert any("ej-ifyllt" in line and ":9:" in line for line in fast)  # the marked date


# ---------------------------------------------------------------- what the file text lacks

MARKED = st.sampled_from([
    "FYLL I", "FYLL  I", "FYLL\nI", "Förnamn Efternamn", "Fo\u0308rnamn Efternamn",
    "Skriv här", "Skriv h\\u00e4r", "\\u0046YLL I", "Här beskriver du", "fornamn.efternamn@x.se",
    "{{ remiss.från | capitalize }}", "{{ remiss.från|title }}", "{{ nämnd | lower }}",
    "{{ nämnd | \\x6cower }}", "it''s", "Kommunstyrelsen", "ett stycke", "\u2028"])
STYLES = st.sampled_from(["plain", "'", '"', "|", ">"])


def _written(value: str, style: str) -> str:
    """Return `value` as YAML writes it in `style` (escapes in it kept for '"')."""
    if style in ("|", ">"):
        return style + "\n" + "\n".join("  " + line for line in value.split("\n"))
    if style == "'":
        return "'" + value.replace("'", "''").replace("\n", "\n\n  ") + "'"
    if style == '"':
        return '"' + value.replace('"', '\\"').replace("\n", "\n  ") + '"'
    return value.replace("\n", "\n  ")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(MARKED, STYLES), min_size=1, max_size=4))
def test_a_mark_or_filter_the_file_text_lacks_is_in_no_value(parts: list[tuple[str, str]]) -> None:
    lines = "".join(f"  - {_written(value, style)}\n" for value, style in parts)
    try:
        source = source_module.parse(
            f"nämnd: Ekby nämnd\nremiss:\n  från: KOMMUNSTYRELSEN\nbilagor:\n{lines}", "f.yaml")
    except RemissgenError:
        assume(False)
        return
    u = regler.Underlag(source, None, t.Lines(source.path, source.text), [], [])  # type: ignore[arg-type]
    values = [node.value for node in u.scalars]
    for wanted in (*_PLACEHOLDERS, *regler._CASE_FILTERS, "FYLL I", "här"):
        if any(wanted in value for value in values):
            assert u.may_hold(wanted), (wanted, values)
