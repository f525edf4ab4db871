"""granska: each rule triggers at an exact line and column and keeps quiet on a near miss;
LIX against hand-computed values; the command line, bygg's count, and the README's output."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from remissgen import pipeline
from remissgen.granska import Settings, review, rules
from remissgen.granska import text as t
from remissgen.source import Mapping, Scalar, parse

from .conftest import ROOT, SEED_CASE, Result

RULES = rules()  # the general rules and the remiss answer's own

HEAD = """\
förvaltning: Södermalms stadsdelsförvaltning
nämnd: Södermalms stadsdelsnämnd
sammanträde: 2021-12-16
handläggare:
  namn: Anna Andersson
underskrifter:
  - namn: Bo Berg
    titel: Stadsdelsdirektör
"""
REMISS = """\
remiss:
  från: kommunstyrelsen
  ärende: Motion om fler parker
"""
# The body of each case starts on line 12 (line 9 when it brings its own remiss).
DEFAULTS = {
    "sammanfattning": "sammanfattning: Förvaltningen föreslår fler parker.\n",
    "ärendet": "ärendet: Motionären vill ha fler parker i staden och fler träd längs gatorna.\n",
    "synpunkter": "synpunkter: Förvaltningen delar motionärens syn på parkerna.\n",
}
MARK = "▶"


def words(n: int, first: str = "Vi") -> str:
    """Return a sentence of exactly `n` words."""
    return " ".join([first] + ["ser"] * (n - 1)) + "."


def case_text(body: str) -> str:
    """Return a whole case file: HEAD, the remiss unless the body has one, the body, defaults."""
    text = HEAD + ("" if re.search(r"^remiss:", body, re.M) else REMISS) + body
    for key, default in DEFAULTS.items():
        if not re.search(rf"^{key}:", body, re.M):
            text += default
    return text


def marker(text: str) -> tuple[int, int] | None:
    """Return the (line, column) of the marker in `text`, or None."""
    at = text.find(MARK)
    if at < 0:
        return None
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def only(rule: str, **limits: float) -> Settings:
    return Settings(frozenset(RULES) - {rule}, {rule: limits} if limits else {})


def warnings_of(tmp_path: Path, text: str, settings: Settings) -> list[tuple[int, int, str]]:
    path = tmp_path / "ärende.yaml"
    path.write_text(text.replace(MARK, ""), encoding="utf-8")
    loaded = pipeline.load(path, str(path))
    found = review(loaded.source, loaded.case, settings).warnings
    assert all(w.severity == "varning" and w.hint for w in found)
    return [(w.location.line, w.location.column, w.message) for w in found]


S31, S30 = words(31), words(30)

# rule, body, expected (line, column) of the warning (None: a near miss, no warning), message part
CASES: list[tuple[str, str, tuple[int, int] | None, str]] = [
    # långa-meningar: literal block, the sentence starting mid-line
    ("långa-meningar", f"synpunkter: |\n  Det är bra.\n  Vi vet. {MARK}{S31}\n", (14, 11),
     "meningen har 31 ord"),
    ("långa-meningar", f"synpunkter: |\n  Det är bra.\n  Vi vet. {S30}\n", None, ""),
    # folded block: the sentence starts on the block's third line
    ("långa-meningar", "ärendet: >\n  Kort mening.\n  Ännu en. " + MARK
     + " ".join(S31.split()[:10]) + "\n  " + " ".join(S31.split()[10:]) + "\n", (14, 12),
     "31 ord"),
    # a plain one-line value
    ("långa-meningar", f"sammanfattning: Bra. {MARK}{S31}\n", (12, 22), "31 ord"),
    # double quotes with an escape before the sentence: the column is the file's
    ("långa-meningar", f'sammanfattning: "Citat \\u00e5t \\"oss\\". {MARK}{S31}"\n', (12, 41),
     "31 ord"),
    # single quotes with a doubled quote
    ("långa-meningar", f"sammanfattning: 'Det är ''bra''. {MARK}{S31}'\n", (12, 34), "31 ord"),
    # a list item is a sentence of its own; its marker is not a word
    ("långa-meningar", f"synpunkter: |\n  Vi föreslår:\n  - {MARK}{S31[:-1]}\n", (14, 5),
     "31 ord"),
    ("långa-meningar", f"synpunkter: |\n  Vi föreslår:\n  - {S30[:-1]}\n", None, ""),
    # långa-stycken
    ("långa-stycken", "synpunkter: |\n  Inledning här.\n\n  " + MARK + "Ja. " * 8 + "Nej.\n",
     (15, 3), "stycket har 9 meningar"),
    ("långa-stycken", "synpunkter: |\n  Inledning här.\n\n  " + "Ja. " * 7 + "Nej.\n", None, ""),
    # förkortningar: first use not written out; written out before or after it; accepted ones
    ("förkortningar", f"synpunkter: |\n  Staden följer {MARK}LOU. Vi följer LOU.\n", (13, 17),
     "'LOU'"),
    ("förkortningar", "synpunkter: |\n  Staden följer Lagen om offentlig upphandling (LOU).\n"
     "  Vi följer LOU.\n", None, ""),
    ("förkortningar", "synpunkter: Projektet MIA-projektet (mobilisering inför arbete) hjälper.\n",
     None, ""),
    ("förkortningar", "sammanfattning: Vi stöder arbetsintegrerade sociala företag (ASF).\n"
     f"synpunkter: Företag som {MARK}ASFX och ASF finns.\n", (13, 25), "'ASFX'"),
    ("förkortningar", f"synpunkter: Det beror {MARK}p.g.a. kostnaden, t.ex. hyran.\n", (12, 23),
     "'p.g.a.'"),
    ("förkortningar", "synpunkter: Det gäller t.ex. hyran, bl.a. för s.k. sociala företag.\n",
     None, ""),
    ("förkortningar", "synpunkter: Salar Rashid (S) och Eva Ek (MP) skriver om EU.\n", None, ""),
    # one long Swedish word written out before the acronym explains it
    ("förkortningar", "synpunkter: Enligt dataskyddsförordningen (GDPR) gäller det.\n", None, ""),
    ("förkortningar", f"synpunkter: Enligt lagen ({MARK}GDPR) gäller det.\n", (12, 27),
     "'GDPR'"),
    # the letters of a diarienummer are no abbreviation; the same letters elsewhere are
    ("förkortningar", "synpunkter: Remissen har dnr KS 2025/88 och SÖD 2021/1234.\n", None, ""),
    ("förkortningar", f"synpunkter: Remissen KS 2025/88 gäller {MARK}KS själv.\n", (12, 40),
     "'KS'"),
    # upprepad-inledning: two sentences in a row in one paragraph
    ("upprepad-inledning", f"synpunkter: |\n  Vi ser behovet. Nämnden vill.\n  Vi bygger.\n"
     f"  {MARK}Vi planerar.\n", (15, 3), "2 meningar i rad börjar med 'Vi'"),
    ("upprepad-inledning", "synpunkter: |\n  Vi ser behovet. Nämnden vill. Vi bygger.\n\n"
     "  Vi planerar.\n", None, ""),
    # lång-sammanfattning: 15 words against 14 in the rest
    ("lång-sammanfattning", f"sammanfattning: |\n  {MARK}{words(15)}\n"
     f"ärendet: {words(7)}\nsynpunkter: {words(7)}\n", (13, 3), "15 ord, fler än resten"),
    ("lång-sammanfattning", f"sammanfattning: {words(14)}\n"
     f"ärendet: {words(7)}\nsynpunkter: {words(7)}\n", None, ""),
    # lix: 81 words, 3 a sentence, 2 of 3 long: 3 + 66.7 = LIX 70; 79 words are too few to judge
    ("lix", "synpunkter: |\n  " + MARK + " ".join(["Förvaltningen ser behovet."] * 27) + "\n",
     (13, 3), "LIX 70"),
    ("lix", "synpunkter: |\n  " + " ".join(["Förvaltningarna anser samhällsnyttan."] * 26)
     + " Vi.\n", None, ""),
    # consistency
    ("sammanträde-efter-svarsdatum", "remiss:\n  från: kommunstyrelsen\n  ärende: Motion om "
     "parker\n  svar_senast: 2021-12-15\n", (3, 14), "efter remissens svarsdatum 2021-12-15"),
    ("sammanträde-efter-svarsdatum", "remiss:\n  från: kommunstyrelsen\n  ärende: Motion om "
     "parker\n  svar_senast: 2021-12-16\n", None, ""),
    ("datum-efter-sammanträde", f"datum: {MARK}2021-12-17\n", (12, 8), "daterat 2021-12-17"),
    ("datum-efter-sammanträde", "datum: 2021-12-16\n", None, ""),
    ("beredning-efter-sammanträde", "beredning:\n  behandlat:\n    - organ: pensionärsrådet\n"
     "      datum: 2021-12-10\n    - organ: förvaltningsgruppen\n"
     f"      datum: {MARK}2021-12-17\n", (17, 14), "förvaltningsgruppen behandlar ärendet"),
    ("beredning-efter-sammanträde", "beredning:\n  behandlat:\n    - organ: pensionärsrådet\n"
     "      datum: 2021-12-16\n", None, ""),
    ("motstridig-ståndpunkt", f"förslag_till_beslut: Nämnden {MARK}tillstyrker motionen.\n"
     "synpunkter: |\n  Förvaltningen är negativ till motionen.\n", (12, 30),
     "beslutet säger 'tillstyrker', men synpunkterna säger 'negativ' (rad 14)"),
    ("motstridig-ståndpunkt", "förslag_till_beslut: Nämnden tillstyrker motionen.\n"
     "synpunkter: |\n  Förvaltningen är inte negativ till motionen.\n", None, ""),
    ("motstridig-ståndpunkt", f"förslag_till_beslut:\n  - Nämnden ställer sig {MARK}positiv "
     "till motionen.\n  - Nämnden avstyrker inte motionen.\n"
     "synpunkter: Förvaltningen avstyrker motionen.\n", (13, 25), "'positiv'"),
    ("motionärer-bilagor", "remiss:\n  från: kommunstyrelsen\n  ärende: Motion om parker\n"
     "  motionärer:\n    - namn: Anna Lund\n      parti: S\n"
     f"bilagor:\n  - Motion om parker, Anna Lund (S) och {MARK}Eva Ek (V)\n", (16, 41),
     "bilagan nämner Eva Ek som motionär"),
    ("motionärer-bilagor", "remiss:\n  från: kommunstyrelsen\n  ärende: Motion om parker\n"
     f"  motionärer:\n    - namn: Anna Lund\n    - namn: {MARK}Eva Ek\n"
     "bilagor:\n  - Motion om parker, Anna Lund (S)\n", (14, 13),
     "motionären Eva Ek nämns inte i motionsbilagan (rad 16)"),
    ("motionärer-bilagor", "remiss:\n  från: kommunstyrelsen\n  ärende: Motion om parker\n"
     "  motionärer:\n    - namn: Anna  Lund\n      parti: S\n"
     "bilagor:\n  - Motion om parker, Anna Lund (S)\n  - Karta över parkerna, Eva Ek (S)\n",
     None, ""),
    ("annat-ärende", f"rubrik: Remiss av {MARK}motion om fler cykelbanor\n", (12, 19),
     "'rubrik' nämner 'motion om fler cykelbanor …', men remissen gäller 'Motion om fler parker'"),
    ("annat-ärende", "rubrik: Remiss av motion om fler parker i Söderort\n"
     "sammanfattning: Kommunstyrelsen har remitterat {{ remiss.ärende }}. Motionen om "
     "parkerna är bra.\n", None, ""),
    ("annat-ärende", f"sammanfattning: |\n  Ärendet (dnr {MARK}2020/999) gäller parker.\n",
     (13, 16), "diarienumret 2020/999"),
    ("expedieras-till-nämnden", "expedieras_till:\n  - Kommunstyrelsen\n"
     f"  - {MARK}södermalms  stadsdelsnämnd\n", (14, 5), "är nämnden själv"),
    ("expedieras-till-nämnden", "expedieras_till:\n  - Kommunstyrelsen\n"
     "  - Södermalms stadsdelsförvaltning\n", None, ""),
    ("ändrade-versaler", "remiss:\n  från: kommunstyrelsen i Ekby kommun\n  ärende: Motion om "
     f"fler parker\nsammanfattning: {MARK}'{{{{ remiss.från | capitalize }}}} har remitterat.'\n",
     (12, 17), "capitalize på remiss.från gör 'kommunstyrelsen i Ekby kommun' till "
     "'Kommunstyrelsen i ekby kommun'"),
    ("ändrade-versaler", "remiss:\n  från: kommunstyrelsen i Ekby kommun\n  ärende: Motion om "
     "fler parker\nsammanfattning: '{{ remiss.från | stor_bokstav }} har remitterat "
     "{{ remiss.ärende | lower }}.'\n", None, ""),
    ("ej-ifyllt", f"avdelning: Avdelning {MARK}FYLL I\n", (12, 22), "står fortfarande FYLL I"),
    ("ej-ifyllt", "avdelning: Fyllnadsmassor i parker\n", None, ""),
    # the examples `ny` writes to be replaced, also inside a block text
    ("ej-ifyllt", f"avdelning: '{MARK}fornamn.efternamn@stockholm.se'\n", (12, 13),
     "exempeltexten 'fornamn.efternamn@'"),
    ("ej-ifyllt", f"synpunkter: |\n  Vi är positiva.\n  {MARK}Skriv här en kort text.\n",
     (14, 3), "exempeltexten 'Skriv här'"),
]


@pytest.mark.parametrize(("rule", "body", "expected", "message"), CASES,
                         ids=[f"{c[0]}-{'träff' if c[2] else 'nära'}-{i}"
                              for i, c in enumerate(CASES)])
def test_rule_at_exact_place(tmp_path: Path, rule: str, body: str,
                             expected: tuple[int, int] | None, message: str) -> None:
    text = case_text(body)
    if MARK in text or expected is None:  # the table's numbers are where the marker stands
        assert marker(text) == expected
    found = warnings_of(tmp_path, text, only(rule))
    if expected is None:
        assert found == []
    else:
        assert [(line, col) for line, col, _ in found] == [expected]
        assert message in found[0][2]


def test_every_rule_has_a_triggering_case_and_a_near_miss() -> None:
    for name in RULES:
        kinds = {c[2] is None for c in CASES if c[0] == name}
        assert kinds == {True, False}, name


def test_rules_name_their_source_in_a_docstring() -> None:
    for rule in RULES.values():
        assert rule.check.__doc__ and len(rule.check.__doc__) > 60, rule.name


def test_thresholds_are_one_place_and_settings_override_them(tmp_path: Path) -> None:
    assert RULES["långa-meningar"].limits == {"ord": 30}
    assert RULES["långa-stycken"].limits == {"meningar": 8}
    assert RULES["lix"].limits == {"gräns": 55, "minst_ord": 80}
    text = case_text(f"synpunkter: {S30}\n")
    assert warnings_of(tmp_path, text, only("långa-meningar")) == []
    assert len(warnings_of(tmp_path, text, only("långa-meningar", ord=29))) == 1
    lix_text = case_text("synpunkter: " + " ".join(["Förvaltningen ser behovet."] * 27) + "\n")
    assert len(warnings_of(tmp_path, lix_text, only("lix"))) == 1
    assert warnings_of(tmp_path, lix_text, only("lix", gräns=70)) == []
    assert len(warnings_of(tmp_path, lix_text, only("lix", gräns=69))) == 1


# ------------------------------------------------------------------ LIX and words

def _text(value: str) -> t.Text:
    source = parse(f"v: |\n  {value}\n", "x.yaml")
    assert isinstance(source.root, Mapping)
    node = source.root.get("v")
    assert isinstance(node, Scalar)
    return t.read(t.Lines("x.yaml", source.text), node, ("v",))


@pytest.mark.parametrize(("value", "words", "sentences", "long_words", "lix"), [
    # Katten satt på mattan | Hunden sov: 6 words, 2 sentences, none over 6 letters: 6/2 = 3
    ("Katten satt på mattan. Hunden sov.", 6, 2, 0, 3.0),
    # Förvaltningen(13) instämmer(9) i motionens(9) förslag(7): 5 words, 4 long: 5 + 80 = 85
    ("Förvaltningen instämmer i motionens förslag.", 5, 1, 4, 85.0),
    # Nämnden tillstyrker motionen | Den ger fler arbetsplatser till stadens unga | Vi ser det
    # som positivt: 15 words, 3 sentences; long: Nämnden, tillstyrker, motionen,
    # arbetsplatser, stadens, positivt = 6: 15/3 + 100·6/15 = 5 + 40 = 45
    ("Nämnden tillstyrker motionen. Den ger fler arbetsplatser till stadens unga. "
     "Vi ser det som positivt.", 15, 3, 6, 45.0),
    # words are letter or digit runs: Företagen(9) ASF säljer second hand: 5 words, 1 long
    ("Företagen (ASF) säljer second-hand.", 5, 1, 1, 25.0),
    # t.ex. and bl.a. never end a sentence; a full stop before a lower-case word does not either
    # Vi köper t ex Kläder och bl a Skor | Det är ca tio: 13 words, 2 sentences: 6.5
    ("Vi köper t.ex. Kläder och bl.a. Skor. Det är ca. tio.", 13, 2, 0, 6.5),
])
def test_lix_against_hand_computed_values(value: str, words: int, sentences: int,
                                          long_words: int, lix: float) -> None:
    counts = t.lix(_text(value))
    assert (counts.words, counts.sentences, counts.long_words) == (words, sentences, long_words)
    assert counts.value == pytest.approx(lix)


def test_a_jinja_placeholder_is_one_short_word_and_never_splits_a_sentence() -> None:
    text = _text("Kommunstyrelsen har remitterat {{ remiss.ärende }}. Den kom i går.")
    assert [len(s.words) for s in text.sentences] == [4, 4]
    assert text.words[3].placeholder and not text.words[3].long


def test_crlf_file_keeps_lines_and_columns(tmp_path: Path) -> None:
    text = case_text(f"synpunkter: |\n  Det är bra.\n  Vi vet. {S31}\n").replace("\n", "\r\n")
    path = tmp_path / "crlf.yaml"
    path.write_bytes(text.encode("utf-8"))
    loaded = pipeline.load(path, str(path))
    found = review(loaded.source, loaded.case, only("långa-meningar")).warnings
    assert [(w.location.line, w.location.column) for w in found] == [(14, 11)]


# ------------------------------------------------------------------ command line

def seed_output(run: Callable[..., Result]) -> Result:
    return run("granska", SEED_CASE.relative_to(ROOT))


def test_granska_on_the_seed(run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = seed_output(run)
    assert result.code == 0
    lines = result.err.splitlines()
    warnings = [line for line in lines if ": varning: " in line]
    assert [w.split(": varning:")[0] for w in warnings] == [
        "seeds/sociala-foretag.yaml:35:3", "seeds/sociala-foretag.yaml:42:44",
        "seeds/sociala-foretag.yaml:67:3", "seeds/sociala-foretag.yaml:88:3",
        "seeds/sociala-foretag.yaml:94:3", "seeds/sociala-foretag.yaml:96:50"]
    assert all(line.startswith("    tips: ") for line in lines if ": varning: " not in line)
    # the seed writes its abbreviations out at first use: no förkortningar warning
    assert "förkortning" not in result.err
    assert "  Ärendet                    LIX  60  mycket svår   205 ord, 11 meningar" in result.out
    assert result.out.rstrip().endswith("seeds/sociala-foretag.yaml: 6 varningar")


def test_readme_shows_the_seed_output_verbatim(run: Callable[..., Result],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"\$ remissgen granska seeds/sociala-foretag.yaml\n(.*?)```", readme, re.S)
    assert block is not None
    result = seed_output(run)
    assert block.group(1) == result.err + result.out


def test_strikt_exits_1_on_warnings_and_utan_switches_rules_off(
        run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert run("granska", "--strikt", SEED_CASE).code == 1
    off = ["--utan", "lix", "--utan", "långa-meningar", "--utan", "upprepad-inledning"]
    quiet = run("granska", "--strikt", *off, SEED_CASE)
    assert (quiet.code, quiet.err) == (0, "")
    assert "inga varningar" in quiet.out
    assert "LIX  62" in quiet.out  # LIX is reported whatever the rules


def test_lix_gräns_moves_the_limit(run: Callable[..., Result]) -> None:
    result = run("granska", "--lix-gräns", "62", SEED_CASE)
    assert result.err.count(": varning: avsnittet") == 1  # only Synpunkter (63) is above 62
    assert "gränsen är 62" in result.err
    bad = run("granska", "--lix-gräns", "noll", SEED_CASE)
    assert bad.code == 2 and "heltal" in bad.err


def test_unknown_rule_is_a_usage_error_with_a_suggestion(run: Callable[..., Result]) -> None:
    result = run("granska", "--utan", "långa-menigar", SEED_CASE)
    assert result.code == 2
    assert "Menade du 'långa-meningar'?" in result.err
    assert "expedieras-till-nämnden" in result.err


def test_an_invalid_case_is_reported_like_kontrollera(run: Callable[..., Result],
                                                      tmp_path: Path) -> None:
    path = tmp_path / "fel.yaml"
    path.write_text(case_text("sammanträde: 2021-13-45\n").replace(
        "sammanträde: 2021-12-16\n", ""), encoding="utf-8")
    result = run("granska", path)
    assert result.code == 1
    assert f"{path}:11:14: fel: 'sammanträde': datumet '2021-13-45' finns inte" in result.err


def test_bygg_prints_the_count_and_with_granska_the_warnings(
        run: Callable[..., Result], seed_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "ut.docx"
    built = run("bygg", seed_copy, "-o", out)
    assert built.code == 0
    assert f"{seed_copy}: 6 varningar från granskningen (visa dem med --granska)" in built.err
    assert ": varning: " not in built.err
    shown = run("bygg", seed_copy, "-o", tmp_path / "ut2.docx", "--granska")
    assert shown.code == 0
    assert shown.err.count(": varning: ") == 6


# ------------------------------------------------------------------ alignment, any text

TEXTS = st.text(alphabet="abcåäö ABCÅÄÖ .,:;!?()'\"\\#-–\n", max_size=120)
STYLES = st.sampled_from([None, "'", '"', "|", ">"])


@settings(max_examples=300, deadline=None)
@given(value=TEXTS, style=STYLES, width=st.integers(min_value=20, max_value=80))
def test_every_written_character_is_located_where_it_stands(value: str, style: str | None,
                                                            width: int) -> None:
    dumped = yaml.safe_dump({"v": value}, default_style=style, allow_unicode=True, width=width)
    source = parse("# en rad först\n" + dumped, "x.yaml")
    assert isinstance(source.root, Mapping)
    node = source.root.get("v")
    assert isinstance(node, Scalar)
    body = value.rstrip("\n")
    if node.style in (None, ">") and "\n" in body:  # a folded blank line: a paragraph break
        value = body.replace("\n", "\n\n") + value[len(body):]
    assert node.value == value
    lines = t.Lines("x.yaml", source.text)
    where = t.located(lines, node)
    assert len(where) == len(value)
    file_lines = source.text.split("\n")
    for ch, place in zip(value, where, strict=True):
        if ch.isspace():
            continue
        written = file_lines[place.line - 1][place.column - 1]
        assert written == ch or (node.style == '"' and written == "\\"), (ch, place, dumped)


# ------------------------------------------------------------------ settings in the profile

def test_the_field_table_knows_every_rule_and_main_threshold() -> None:
    from remissgen import granska as g
    from remissgen.remissvar.spec import REVIEW_LIMITS, REVIEW_RULES

    assert set(REVIEW_RULES) == set(g.rules())
    assert {name: float(default) for name, default in REVIEW_LIMITS} == {
        name: float(next(iter(rule.limits.values()))) for name, rule in g.rules().items()
        if rule.limits}


def _seed_with_profile(tmp_path: Path, profile: str) -> Path:
    case = tmp_path / "fall.yaml"
    case.write_text(SEED_CASE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "remissgen-profil.yaml").write_text(profile, encoding="utf-8")
    return case


def test_a_profile_leaves_rules_out_and_sets_thresholds(run: Callable[..., Result],
                                                       tmp_path: Path) -> None:
    plain = run("granska", SEED_CASE)
    case = _seed_with_profile(tmp_path, "granskning:\n  utan:\n    - upprepad-inledning\n"
                                        "  gränser:\n    lix: 70\n")
    result = run("granska", case)
    assert result.code == 0, result.err
    before = plain.err.count(": varning: ")
    after = result.err.count(": varning: ")
    assert before - after == 4  # one repeated start and three sections over LIX 55
    assert "meningar i rad börjar med" not in result.err and "har LIX" not in result.err
    again = run("granska", case, "--lix-gräns", "58")  # the command line wins
    assert again.err.count(": varning: ") == after + 3


def test_an_unknown_rule_in_the_profile_is_located_with_a_suggestion(
        run: Callable[..., Result], tmp_path: Path) -> None:
    case = _seed_with_profile(tmp_path, "granskning:\n  utan:\n    - lång-meningar\n"
                                        "  gränser:\n    lix: sextio\n")
    result = run("kontrollera", case)
    assert result.code == 1
    profile = tmp_path / "remissgen-profil.yaml"
    assert (f"{profile}:3:7: fel: 'lång-meningar' finns inte bland de möjliga värdena för "
            "'utan'. Menade du 'långa-meningar'?") in result.err
    assert f"{profile}:5:10: fel: 'sextio' är inget tal större än 0" in result.err


def test_a_profile_accepts_house_abbreviations(tmp_path: Path) -> None:
    body = "synpunkter: Vi inför PIN och IT i HR-arbetet och ASF.\n"
    plain = warnings_of(tmp_path, case_text(body), only("förkortningar"))
    assert [m for _, _, m in plain] == [f"förkortningen '{a}' skrivs inte ut första gången den "
                                        "används" for a in ("PIN", "IT", "HR", "ASF")]
    house = case_text(body + "granskning:\n  tillåtna_förkortningar: [PIN, IT, HR]\n")
    assert [m for _, _, m in warnings_of(tmp_path, house, only("förkortningar"))] == [
        "förkortningen 'ASF' skrivs inte ut första gången den används"]


def test_the_abbreviation_tip_quotes_the_case_own_example(tmp_path: Path) -> None:
    path = tmp_path / "ärende.yaml"
    path.write_text(case_text("sammanfattning: Vi stöder de arbetsintegrerade sociala "
                              "företagen (ASF).\nsynpunkter: Staden följer LOU.\n"),
                    encoding="utf-8")
    loaded = pipeline.load(path, str(path))
    found = review(loaded.source, loaded.case, only("förkortningar")).warnings
    assert [w.hint for w in found] == [
        "skriv ut vad 'LOU' står för första gången, med förkortningen inom parentes, som du "
        "har gjort här: 'arbetsintegrerade sociala företagen (ASF)'"]
    path.write_text(case_text("synpunkter: Staden följer LOU.\n"), encoding="utf-8")
    loaded = pipeline.load(path, str(path))
    hint = review(loaded.source, loaded.case, only("förkortningar")).warnings[0].hint
    assert hint is not None and "'Lagen om offentlig upphandling (LOU)'" in hint


def test_the_lix_table_marks_short_sections(run: Callable[..., Result]) -> None:
    result = run("granska", SEED_CASE)
    rows = {line.split("  ")[1].strip(): line for line in result.out.splitlines()
            if line.startswith("  ")}
    assert "för kort för LIX" in rows["Bakgrund"] and "LIX  40" not in rows["Bakgrund"]
    assert "30 ord, 3 meningar" in rows["Bakgrund"]
    assert "LIX  62  mycket svår" in rows["Sammanfattning"]


def test_the_long_sentence_tip_points_at_a_place_in_the_user_s_sentence(tmp_path: Path) -> None:
    first, second = " ".join(["ser"] * 15), " ".join(["bygger"] * 15)
    path = tmp_path / "ärende.yaml"
    path.write_text(case_text(f"synpunkter: Vi {first}, och vi {second}.\n"), encoding="utf-8")
    loaded = pipeline.load(path, str(path))
    found = review(loaded.source, loaded.case, only("långa-meningar")).warnings
    assert [w.hint for w in found] == [
        "dela meningen i två eller flera, en tanke per mening, till exempel vid 'och' i "
        "'… ser ser ser, och vi bygger …' (Språkrådet: skriv lättlästa meningar)"]
    path.write_text(case_text(f"synpunkter: Vi {first} och {second}.\n"), encoding="utf-8")
    loaded = pipeline.load(path, str(path))
    hint = review(loaded.source, loaded.case, only("långa-meningar")).warnings[0].hint
    assert hint == "dela meningen i två eller flera, en tanke per mening (Språkrådet: skriv " \
                   "lättlästa meningar)"  # "och" without a comma joins words, not clauses


_LONG = "Vi " + " ".join(["ser"] * 15) + ", och vi " + " ".join(["bygger"] * 15) + "."
_NINE = "Parkerna behövs. " + "Ja. " * 3 + "Träden ger skugga. " + "Ja. " * 3 + "Nej."
_LIX = " ".join(["Förvaltningen ser behovet."] * 26) + " Förvaltningsorganisationen behöver " \
    "verksamhetsutveckling och kompetensförsörjning."
_REMISS_MED = ("remiss:\n  från: kommunstyrelsen\n  ärende: Motion om fler parker\n"
               "  motionärer:\n    - namn: Anna Lund\n      parti: S\n")

# rule, body, what the tip must quote from the body (the offending text, rewritten or quoted)
TIPS: list[tuple[str, str, str]] = [
    ("långa-meningar", f"synpunkter: {_LONG}\n", "'… ser ser ser, och vi bygger …'"),
    ("långa-stycken", f"synpunkter: |\n  {_NINE}\n", "före 'Träden ger skugga'"),
    ("förkortningar", "sammanfattning: Vi stöder de sociala företagen (ASF).\n"
     "synpunkter: Staden följer LOU.\n", "'LOU' står för"),
    ("förkortningar", "sammanfattning: Vi stöder de arbetsintegrerade sociala företagen (ASF)."
     "\nsynpunkter: Staden följer LOU.\n", "'arbetsintegrerade sociala företagen (ASF)'"),
    ("förkortningar", "synpunkter: Det beror p.g.a. kostnaden.\n", "skriv ut 'p.g.a.'"),
    ("upprepad-inledning", "synpunkter: Vi ser behovet. Vi bygger fler parker i staden.\n",
     "'Vi bygger fler parker i staden'"),
    ("lång-sammanfattning", "sammanfattning: Vi ser behovet. Vi vill bygga fler och större "
     f"parker i hela staden nu.\närendet: {words(4)}\nsynpunkter: {words(4)}\n",
     "'Vi vill bygga fler och större parker i …'"),
    ("lix", f"synpunkter: |\n  {_LIX}\n",
     "'Förvaltningsorganisationen behöver verksamhetsutveckling och kompetensförsörjning' "
     "(5 ord)"),
    ("ändrade-versaler", "remiss:\n  från: kommunstyrelsen i Ekby kommun\n  ärende: Motion om "
     "fler parker\nsammanfattning: '{{ remiss.från | capitalize }} har remitterat.'\n",
     "{{ remiss.från | stor_bokstav }}"),
    ("ej-ifyllt", "avdelning: Avdelning FYLL I\n", "'avdelning'"),
    ("ej-ifyllt", "bilagor:\n  - Karta\n  - Skriv här bilagans namn\n", "'bilagor.2'"),
    ("ej-ifyllt", "datum: 2021-12-01  # FYLL I\n", "i 'datum' i stället för exemplet 2021-12-01"),
    ("sammanträde-efter-svarsdatum", "remiss:\n  från: kommunstyrelsen\n  ärende: Motion om "
     "parker\n  svar_senast: 2021-12-15\n", "senast 2021-12-15, eller be kommunstyrelsen"),
    ("datum-efter-sammanträde", "datum: 2021-12-17\n", "'datum: 2021-12-17' till ett datum före "
     "2021-12-16"),
    ("beredning-efter-sammanträde", "beredning:\n  behandlat:\n    - organ: seniorrådet\n"
     "      datum: 2021-12-17\n", "rätta datumet 2021-12-17 för seniorrådet"),
    ("motstridig-ståndpunkt", "förslag_till_beslut: Nämnden tillstyrker motionen.\n"
     "synpunkter: |\n  Vi har läst den. Förvaltningen är negativ till motionen om parker.\n",
     "'Förvaltningen är negativ till motionen om …'"),
    ("motionärer-bilagor", _REMISS_MED + "bilagor:\n  - Motion om parker, Anna Lund (S) och "
     "Eva Ek (V)\n", "lägg till Eva Ek (V)"),
    ("motionärer-bilagor", _REMISS_MED + "bilagor:\n  - Motion om parker, Anna Lunde (S)\n",
     "till 'Anna Lund (S)'"),
    ("motionärer-bilagor", _REMISS_MED + "bilagor:\n  - Motion om parker, Anna Lund (V)\n",
     "skriv 'Anna Lund (S)' i bilagan"),
    ("motionärer-bilagor", _REMISS_MED + "    - namn: Eva Ek\n      parti: V\n"
     "bilagor:\n  - Motion om parker, Anna Lund (S)\n", "skriv 'Eva Ek (V)' i motionsbilagan"),
    ("annat-ärende", "rubrik: Remiss av motion om fler cykelbanor\n",
     "'motion om fler parker'"),
    ("annat-ärende", "remiss:\n  från: kommunstyrelsen\n  ärende: Motion om fler parker\n"
     "  diarienummer: 2021/817\nsammanfattning: Ärendet (dnr 2020/999) gäller parker.\n",
     "skriv 2021/817"),
    ("expedieras-till-nämnden", "expedieras_till:\n  - Kommunstyrelsen\n"
     "  - Södermalms stadsdelsnämnd\n", "ta bort 'Södermalms stadsdelsnämnd'"),
]


@pytest.mark.parametrize(("rule", "body", "quoted"), TIPS,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(TIPS)])
def test_the_tip_quotes_the_user_s_own_text(tmp_path: Path, rule: str, body: str,
                                            quoted: str) -> None:
    path = tmp_path / "ärende.yaml"
    path.write_text(case_text(body), encoding="utf-8")
    loaded = pipeline.load(path, str(path))
    found = review(loaded.source, loaded.case, only(rule)).warnings
    assert found, rule
    assert any(quoted in (w.hint or "") for w in found), [w.hint for w in found]


def test_every_rule_has_a_tip_from_the_user_s_text() -> None:
    assert {rule for rule, _, _ in TIPS} == set(RULES)


def test_a_tip_is_computed_only_when_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """bygg counts the warnings: the long sentence's split point is looked for only when the
    tip is read."""
    from remissgen.granska import regler

    asked: list[str] = []
    real = regler._split_point
    def counted(value: str, words: tuple[t.Word, ...]) -> dict[str, str] | None:
        asked.append(value)
        return real(value, words)

    monkeypatch.setattr(regler, "_split_point", counted)
    path = tmp_path / "ärende.yaml"
    path.write_text(case_text(f"synpunkter: {_LONG}\n"), encoding="utf-8")
    loaded = pipeline.load(path, str(path))
    found = review(loaded.source, loaded.case, only("långa-meningar")).warnings
    assert len(found) == 1 and asked == []
    assert "'och'" in (found[0].hint or "") and len(asked) == 1
    assert found[0].hint and len(asked) == 1  # computed once
