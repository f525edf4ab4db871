"""Broken case files, one a row: exit code, exact line and column, and the Swedish message's words.

Each row starts from BASE, a small valid case file (its line numbers are in the comment), and
breaks it. Every row is run through `kontrollera` and through `bygg`; the build must leave an
existing output file exactly as it was and write nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import pytest

from .conftest import Result

BASE = """\
förvaltning: Södermalms stadsdelsförvaltning
nämnd: Södermalms stadsdelsnämnd
sammanträde: 2021-12-16
handläggare:
  namn: Christina Grefveberg
  telefon: 08-508 121 92
remiss:
  från: kommunstyrelsen
  ärende: Motion om att ta tillvara de sociala företagen i Stockholm
sammanfattning: Kommunstyrelsen har remitterat {{ remiss.ärende }}.
ärendet: Motionären föreslår en handlingsplan.
synpunkter: Förvaltningen är positiv.
underskrifter:
  - namn: Ann-Christine Jenvén
    titel: Stadsdelsdirektör
"""
# Lines:  1 förvaltning   2 nämnd   3 sammanträde   4 handläggare   5 namn   6 telefon
#         7 remiss   8 från   9 ärende   10 sammanfattning   11 ärendet   12 synpunkter
#         13 underskrifter   14 - namn   15 titel


def sub(old: str, new: str, base: str = BASE) -> str:
    """Return `base` with the one occurrence of `old` replaced by `new`."""
    assert base.count(old) == 1, old
    return base.replace(old, new)


def add(extra: str, base: str = BASE) -> str:
    """Return `base` with `extra` appended (from line 16 on)."""
    return base + extra


@dataclass(frozen=True)
class Row:
    """One broken case: its content (text or bytes), and each expected (line, column, words)."""

    id: str
    content: str | bytes | None
    problems: list[tuple[int, int, list[str]]]
    code: int = 1
    setup: Callable[[Path], Path] | None = field(default=None, compare=False)


def _folder(tmp: Path) -> Path:
    folder = tmp / "ärenden"
    folder.mkdir()
    return folder


def _missing(tmp: Path) -> Path:
    return tmp / "finns-inte.yaml"


ROWS = [
    # The whole file
    Row("tom fil", b"", [(1, 1, ["filen är tom", "remissgen ny"])]),
    Row("bara kommentarer", "# ett ärende\n\n# kommer snart\n", [(1, 1, ["filen är tom"])]),
    Row("latin-1", BASE.encode("latin-1"),
        [(1, 1, ["inte sparad som UTF-8", "ISO-8859-1", "Spara som"])]),
    Row("windows-1252", sub("Motionären föreslår", "Motionären – föreslår").encode("cp1252"),
        [(1, 1, ["inte sparad som UTF-8", "Windows-1252"])]),
    Row("utf-16", BASE.encode("utf-16"), [(1, 1, ["inte sparad som UTF-8", "UTF-16"])]),
    Row("word-dokument", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xdf\xa4\xd2",
        [(1, 1, ["ingen textfil", "Word-dokument"])]),
    Row("bom räknas inte som kolumn", b"\xef\xbb\xbf" + sub("förvaltning:", "förvaltnin:")
        .encode("utf-8"), [(1, 1, ["okänd nyckel 'förvaltnin'", "Menade du 'förvaltning'?"])]),
    Row("sökvägen finns inte", None, [(1, 1, ["finns inte", "sökvägen"])], setup=_missing),
    Row("en tom mapp", None, [(1, 1, ["inga ärendefiler", "ärende.yaml"])], setup=_folder),
    Row("lista överst", "- nämnd: X\n- förvaltning: Y\n", [(1, 1, ["inte med en lista"])]),
    Row("text överst", "Södermalms stadsdelsnämnd\n",
        [(1, 1, ["nycklar som 'nämnd:'", "'Södermalms stadsdelsnämnd'"])]),
    # YAML syntax, at its line
    Row("indrag", sub("  telefon:", " telefon:"), [(6, 2, ["YAML-fel", "indraget"])]),
    Row("citattecken", sub("nämnd: Södermalms", 'nämnd: "Södermalms'),
        [(2, 8, ["citattecken", "avslutas aldrig"])]),
    Row("tabb", sub("  telefon:", "\ttelefon:"), [(6, 1, ["tabb som indrag", "mellanslag"])]),
    Row("kolon i text", sub("föreslår en", "föreslår: en"),
        [(11, 29, ["kolon", "citattecken"])]),
    Row("jinja utan citattecken", sub("sammanfattning: Kommunstyrelsen har remitterat "
                                      "{{ remiss.ärende }}.",
                                      "sammanfattning: {{ remiss.ärende }} är remitterad."),
        [(10, 17, ["börjar med {{", "citattecken"])]),
    Row("dubblett", sub("sammanträde:", "nämnd: Socialnämnden\nsammanträde:"),
        [(3, 1, ["'nämnd' förekommer två gånger", "rad 2"])]),
    Row("flera dokument", add("---\nnämnd: X\n"), [(16, 1, ["flera YAML-dokument"])]),
    Row("styrtecken", sub("positiv.", "positiv.\x07"),
        [(12, 38, ["osynligt styrtecken"])]),
    Row("alias som pekar på sig själv", add("bilagor: &b\n  - *b\n"),
        [(16, 10, ["alias (*namn) till sig själv", "oändlig"])]),
    # Keys
    Row("okänd nyckel överst", sub("sammanfattning:", "sammanfatning:"),
        [(10, 1, ["okänd nyckel 'sammanfatning'", "Menade du 'sammanfattning'?"])]),
    Row("okänd nyckel i handläggare", sub("telefon:", "telfon:"),
        [(6, 3, ["okänd nyckel 'telfon'", "Menade du 'telefon'?"])]),
    Row("okänd nyckel i en lista", sub("titel:", "titl:"),
        [(15, 5, ["okänd nyckel 'titl'", "Menade du 'titel'?"])]),
    Row("okänd nyckel utan förslag", add("xyz: 1\n"), [(16, 1, ["okänd nyckel 'xyz'"])]),
    Row("saknas överst", sub("nämnd: Södermalms stadsdelsnämnd\n", ""),
        [(1, 1, ["'nämnd' saknas", "måste finnas",
                 "ingen remissgen-profil.yaml hittades i mappen eller ovanför",
                 "tips: lägg till 'nämnd:' utan indrag på en egen rad, till exempel efter "
                 "'underskrifter' (rad 12)", "'nämnd: Södermalms stadsdelsnämnd'"])]),
    Row("saknas överst, en lista av grupper", sub(
        "underskrifter:\n  - namn: Ann-Christine Jenvén\n    titel: Stadsdelsdirektör\n", ""),
        [(1, 1, ["'underskrifter' saknas", "efter 'synpunkter' (rad 12)",
                 "underskrifter: ⏎ - namn: Förnamn Efternamn ⏎ titel: Stadsdelsdirektör"])]),
    Row("saknas överst, en text som inte brukar stå i profilen",
        sub("ärendet: Motionären föreslår en handlingsplan.\n", ""),
        [(1, 1, ["'ärendet' saknas men måste finnas | tips:", "ärendet: | ⏎ Texten"])]),
    Row("nyckel indragen för långt", sub("  telefon: 08-508 121 92", "    telefon: 08-508 121 92"),
        [(6, 5, ["'telefon' är indragen längre än 'namn' på rad 5", "samma indrag som 'namn'"])]),
    Row("textrad utan indrag", add("bakgrund: |\n  Första raden.\nandra raden utan indrag\n"),
        [(18, 1, ["raden hör till texten under 'bakgrund' men är inte indragen",
                  "tips: dra in raden 2 mellanslag"])]),
    Row("kolon i en listpost", add("sidfot:\n  - Södermalm\n  - Besöksadress: Storgatan 1\n"),
        [(18, 5, ["'sidfot 2' innehåller ett kolon följt av mellanslag",
                  "tips: skriv texten inom citattecken: - \"Besöksadress: Storgatan 1\""])]),
    Row("färg utan citattecken", add("färg: #1F6E43\n"),
        [(16, 6, ["'färg' har inget värde: '#' börjar en kommentar, så '#1F6E43' efter "
                  "kolonet läses inte", "tips: skriv värdet inom citattecken: färg: \"#1F6E43\""])]),
    Row("färg med typografiska citattecken", add("färg: ”#1F6E43”\n"),
        [(16, 7, ["'färg' har typografiska citattecken (”#1F6E43”)",
                  "tips: skriv raka citattecken: färg: \"#1F6E43\""])]),
    Row("logotyp som en sökväg", add("logotyp: bilder/logo.png\n"),
        [(16, 10, ["'logotyp' ska vara en grupp med 'fil' och 'alt', men är texten "
                   "'bilder/logo.png'", "alternativtext", "skärmläsare",
                   "logotyp: ⏎ fil: bilder/logo.png ⏎ alt:",
                   "'logotyp: \"\"' betyder ingen logotyp"])]),
    Row("saknas i handläggare", sub("  namn: Christina Grefveberg\n", ""),
        [(4, 1, ["'namn' saknas i 'handläggare'"])]),
    Row("saknas i remiss", sub("  ärende: Motion om att ta tillvara de sociala företagen i "
                               "Stockholm\n", ""),
        [(7, 1, ["'ärende' saknas i 'remiss'"])]),
    Row("saknas i en underskrift", sub("    titel: Stadsdelsdirektör\n", ""),
        [(14, 5, ["'titel' saknas i 'underskrifter 1'"])]),
    Row("nyckel med radbrytning", add('"a\\nb": 1\n'),
        [(16, 1, ["okänd nyckel 'a\\nb'"])]),
    # Kinds
    Row("text i stället för lista", add("bilagor: Motionen\n"),
        [(16, 10, ["'bilagor' ska vara en lista", "men är en text"])]),
    Row("lista i stället för text", sub("nämnd: Södermalms stadsdelsnämnd", "nämnd: [a, b]"),
        [(2, 8, ["'nämnd' ska vara en text", "men är en lista"])]),
    Row("text i stället för grupp", sub("handläggare:\n  namn: Christina Grefveberg\n"
                                        "  telefon: 08-508 121 92\n",
                                        "handläggare: Christina Grefveberg\n"),
        [(4, 14, ["'handläggare' ska vara en grupp nycklar"])]),
    Row("inga underskrifter", sub("underskrifter:\n  - namn: Ann-Christine Jenvén\n"
                                  "    titel: Stadsdelsdirektör\n", "underskrifter: []\n"),
        [(13, 16, ["'underskrifter' ska ha minst 1 post"])]),
    Row("tom punkt i en lista", add("bilagor:\n  - Motionen\n  -\n"),
        [(18, 4, ["punkt 2 i 'bilagor' är tom"])]),
    Row("färg", add("färg: blå\n"), [(16, 7, ["'blå' är ingen färg", "#RRGGBB"])]),
    Row("logotyp saknas", add("logotyp:\n  fil: logga.png\n  alt: Stockholms stad\n"),
        [(17, 8, ["bilden 'logga.png' finns inte"])]),
    Row("avsnitt efter okänd rubrik", add("avsnitt:\n  - rubrik: Ekonomi\n    text: Inga.\n"
                                          "    efter: Synpunkter\n"),
        [(19, 12, ["inget avsnitt med rubriken 'Synpunkter'",
                   "Menade du 'Synpunkter och förslag'?"])]),
    # Dates and empty texts
    Row("omöjligt datum", sub("2021-12-16", "2021-13-45"),
        [(3, 14, ["'sammanträde': datumet '2021-13-45' finns inte: ett år har 12 månader"])]),
    Row("30 februari", sub("2021-12-16", "2021-02-30"),
        [(3, 14, ["'2021-02-30' finns inte: februari har 28 dagar"])]),
    Row("31 november", sub("2021-12-16", "2026-11-31"),
        [(3, 14, ["'sammanträde': datumet '2026-11-31' finns inte: november har 30 dagar"])]),
    Row("dag och månad omkastade", sub("2021-12-16", "2026-26-11"),
        [(3, 14, ["'2026-26-11' finns inte", "Menade du 2026-11-26?"])]),
    Row("datum i ord", sub("2021-12-16", "26 november 2026"),
        [(3, 14, ["'sammanträde': '26 november 2026' är inget datum i formen ÅÅÅÅ-MM-DD. "
                  "Menade du 2026-11-26?"])]),
    Row("datum med snedstreck", sub("2021-12-16", "16/12/2021"),
        [(3, 14, ["'16/12/2021' är inget datum", "Menade du 2021-12-16?"])]),
    Row("datum i en lista", add("beredning:\n  behandlat:\n    - organ: pensionärsrådet\n"
                                "      datum: 2021-12-32\n"),
        [(19, 14, ["'beredning.behandlat 1.datum': datumet '2021-12-32' finns inte: "
                   "december har 31 dagar"])]),
    Row("tom obligatorisk text", sub("ärendet: Motionären föreslår en handlingsplan.",
                                     "ärendet:"),
        [(11, 9, ["'ärendet' är tom", "måste ha en text"])]),
    Row("tom text inom citattecken", sub("synpunkter: Förvaltningen är positiv.",
                                         'synpunkter: ""'),
        [(12, 13, ["'synpunkter' är tom"])]),
    # Jinja in text fields, at the field's line
    Row("jinja syntax", sub("{{ remiss.ärende }}.", "{{ remiss.ärende }."),
        [(10, 17, ["mallfel i 'sammanfattning'", "klammerparenteserna"])]),
    Row("jinja okänt namn", sub("{{ remiss.ärende }}", "{{ remiss.finns_inte }}"),
        [(10, 17, ["'remiss.finns_inte' finns inte", "'sammanfattning'"])]),
    Row("jinja stavfel", sub("{{ remiss.ärende }}", "{{ remis.ärende }}"),
        [(10, 17, ["'remis' finns inte", "Menade du 'remiss'?"])]),
    Row("jinja python-inre", sub("{{ remiss.ärende }}", "{{ ''.__class__.__mro__ }}"),
        [(10, 17, ["Pythons interna delar", "__class__", "kördes inte"])]),
    Row("jinja python-inre via filter", sub("{{ remiss.ärende }}",
                                            "{{ '' | attr('__cla' ~ 'ss__') }}"),
        [(10, 17, ["Pythons interna delar", "__class__", "kördes inte"])]),
    Row("jinja fält som inte är ifyllt", sub("{{ remiss.ärende }}", "{{ kommun }}"),
        [(10, 17, ["'kommun' används i 'sammanfattning'", "inte ifyllt"])]),
    Row("jinja okänt filter", sub("{{ remiss.ärende }}", "{{ sammanträde | langt_datum }}"),
        [(10, 17, ["okänt filter 'langt_datum'", "Menade du 'långt_datum'?"])]),
    Row("jinja i en listpunkt", add("bilagor:\n  - Motion av {{ remiss.motionär }}\n"),
        [(17, 5, ["'remiss.motionär' finns inte", "Menade du 'remiss.motionärer'?"])]),
    # Several problems at once, all reported
    Row("tre fel på en gång", sub("telefon:", "telfon:",
                                  sub("2021-12-16", "2021-13-45",
                                      sub("  namn: Christina Grefveberg\n", ""))),
        [(3, 14, ["'2021-13-45' finns inte"]), (4, 1, ["'namn' saknas i 'handläggare'"]),
         (5, 3, ["okänd nyckel 'telfon'", "Menade du 'telefon'?"])]),
    Row("jinja och nyckel i samma varv", sub("ärendet:", "ärende:",
                                             sub("{{ remiss.ärende }}", "{{ remiss.x }}")),
        [(10, 17, ["'remiss.x' finns inte"]),
         (11, 1, ["okänd nyckel 'ärende'", "Menade du 'ärendet'?"])]),
]

PROBLEM = re.compile(r"(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<kind>fel|varning): "
                     r"(?P<message>.+)")
HINT = re.compile(r" {4}tips: \S.*")
ENGLISH = re.compile(r"\b(error|expected|found|while|undefined|not allowed|unexpected|"
                     r"Traceback|Exception|object|attribute|is unsafe|No such file)\b")


def _case_file(row: Row, tmp: Path) -> Path:
    if row.setup is not None:
        return row.setup(tmp)
    path = tmp / "fall.yaml"
    if isinstance(row.content, bytes):
        path.write_bytes(row.content)
    else:
        assert row.content is not None
        path.write_text(row.content, encoding="utf-8", newline="\n")
    return path


def parse_problems(err: str) -> list[tuple[str, int, int, str]]:
    """Return (path, line, column, message and hint) for each problem; fail on any other line."""
    found: list[tuple[str, int, int, str]] = []
    for line in err.splitlines():
        if line.startswith("      ") and found and " | tips: " in found[-1][3]:
            path, number, column, message = found[-1]  # a hint's example, line by line
            found[-1] = (path, number, column, f"{message} ⏎ {line.strip()}")
            continue
        if HINT.fullmatch(line):
            assert found, "a hint before any problem"
            path, number, column, message = found[-1]
            found[-1] = (path, number, column, f"{message} | {line.strip()}")
            continue
        match = PROBLEM.fullmatch(line)
        assert match, f"not a problem line: {line!r}"
        found.append((match["path"], int(match["line"]), int(match["column"]), match["message"]))
    return found


def test_a_date_tip_never_repeats_its_message(tmp_path: Path,
                                               run: Callable[..., Result]) -> None:
    path = tmp_path / "fall.yaml"
    path.write_text(sub("2021-12-16", "16 december 2021"), encoding="utf-8")
    message, tip = run("kontrollera", path).err.splitlines()[:2]
    assert "ÅÅÅÅ-MM-DD" in message and "ÅÅÅÅ-MM-DD" not in tip and "2021-12-16" in tip


def test_the_table_is_big_enough() -> None:
    assert len(ROWS) >= 25
    assert any(len(row.problems) >= 3 for row in ROWS)


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_kontrollera_reports_every_problem_at_its_place(
        row: Row, tmp_path: Path, run: Callable[..., Result]) -> None:
    path = _case_file(row, tmp_path)
    result = run("kontrollera", path)
    assert result.code == row.code, result.err
    assert result.out == ""
    problems = parse_problems(result.err)
    assert {p[0] for p in problems} == {str(path)}
    got = [(line, column) for _, line, column, _ in problems]
    assert got == [(line, column) for line, column, _ in row.problems], result.err
    for (_, _, _, message), (_, _, words) in zip(problems, row.problems, strict=True):
        for word in words:
            assert word in message, f"{word!r} not in {message!r}"
    assert not ENGLISH.search(result.err), result.err


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_bygg_writes_nothing_and_keeps_the_old_document(
        row: Row, tmp_path: Path, run: Callable[..., Result]) -> None:
    path = _case_file(row, tmp_path)
    out = tmp_path / "ut"
    out.mkdir()
    old = out / "fall.docx"
    old.write_bytes(b"the document from last week, edited by hand")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = run("bygg", path, "-o", old)
    assert result.code == row.code, result.err
    assert result.out == ""
    assert old.read_bytes() == b"the document from last week, edited by hand"
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert [(p[1], p[2]) for p in parse_problems(result.err)] == [
        (line, column) for line, column, _ in row.problems]


def test_base_case_is_valid(tmp_path: Path, run: Callable[..., Result]) -> None:
    path = tmp_path / "fall.yaml"
    path.write_text(BASE, encoding="utf-8")
    result = run("kontrollera", path)
    assert (result.code, result.err) == (0, "")
    assert result.out == f"{path}: inga fel\n"


def test_bom_is_accepted(tmp_path: Path, run: Callable[..., Result]) -> None:
    path = tmp_path / "fall.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BASE.encode("utf-8"))
    assert run("kontrollera", path).code == 0


def test_a_hint_follows_its_message(tmp_path: Path, run: Callable[..., Result]) -> None:
    path = tmp_path / "fall.yaml"
    path.write_text(sub("telefon:", "telfon:"), encoding="utf-8")
    lines = run("kontrollera", path).err.splitlines()
    assert lines == [f"{path}:6:3: fel: okänd nyckel 'telfon'. Menade du 'telefon'?",
                     "    tips: tillåtna nycklar här: namn, telefon, e-post"]


def test_several_files_each_reported_worst_status_wins(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    good = tmp_path / "bra.yaml"
    good.write_text(BASE, encoding="utf-8")
    bad = tmp_path / "fel.yaml"
    bad.write_text(sub("2021-12-16", "2021-13-45"), encoding="utf-8")
    result = run("kontrollera", good, bad, tmp_path / "borta.yaml")
    assert result.code == 1
    assert result.out == f"{good}: inga fel\n"
    assert [(p[0], p[1], p[2]) for p in parse_problems(result.err)] == [
        (str(bad), 3, 14), (str(tmp_path / "borta.yaml"), 1, 1)]


def test_usage_error_is_exit_2_in_swedish(run: Callable[..., Result]) -> None:
    result = run("kontroll", "fall.yaml")
    assert result.code == 2
    assert "okänt kommando 'kontroll'" in result.err and "'kontrollera'" in result.err
    assert not ENGLISH.search(result.err)
    assert run("kontrollera").code == 2


def test_an_internal_error_is_one_swedish_line_and_exit_5(
        tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    from remissgen import validate

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("oops")

    monkeypatch.setattr(validate, "validate", broken)
    path = tmp_path / "fall.yaml"
    path.write_text(BASE, encoding="utf-8")
    result = run("kontrollera", path)
    assert result.code == 5
    assert result.err.count("\n") == 1
    assert result.err.startswith("remissgen: fel: ett oväntat internt fel")
    assert "Traceback" not in result.err and "oops" not in result.err
    with pytest.raises(KeyError):
        run("--debug", "kontrollera", path)


README_CASE = """\
förvaltning: Södermalms stadsdelsförvaltning
nämnd: Södermalms stadsdelsnämnd
sammanträde: 2021-12-32
handläggare:
  telfon: 08-508 121 92
remiss:
  från: kommunstyrelsen
  ärende: Motion om att ta tillvara de sociala företagen i Stockholm
sammanfattning: |
  Kommunstyrelsen har remitterat {{ remiss.ärendet }}.
ärendet: Motionären föreslår en handlingsplan.
synpunkter: Förvaltningen är positiv.
underskrifter:
  - namn: Ann-Christine Jenvén
    titel: Stadsdelsdirektör
"""


def test_the_readmes_example_message_is_what_remissgen_prints(
        tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## När något är fel", 1)[1]
    block = section.split("```text\n", 1)[1].split("```", 1)[0].splitlines()
    assert block[0] == "$ remissgen kontrollera motion.yaml"
    monkeypatch.chdir(tmp_path)
    Path("motion.yaml").write_text(README_CASE, encoding="utf-8")
    result = run("kontrollera", "motion.yaml")
    assert result.code == 1
    assert result.err.splitlines() == block[1:]


def test_the_jinja_reader_knows_what_the_sandbox_knows() -> None:
    """The reader in validation and the sandboxes that render must agree on filters and names,
    and FILTERS names the contract's filters exactly."""
    from remissgen import jinja, source, validate
    from remissgen.remissvar import phrases
    from remissgen.remissvar.spec import CASE

    from .conftest import SEED_CASE

    for sandbox in (jinja.text_sandbox(), jinja.word_sandbox()):
        assert set(jinja._reader().filters) == set(sandbox.filters)
        assert set(jinja._reader().tests) == set(sandbox.tests)
    assert set(jinja.FILTERS) == set(jinja.filters())
    data = validate.validate(source.read(SEED_CASE))
    context = phrases._with_defaults(data.values)
    assert set(context) <= {c.key for c in CASE.children}


def test_a_misspelt_filter_does_not_teach_the_reader_that_filter(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    path = tmp_path / "fall.yaml"
    path.write_text(sub("{{ remiss.ärende }}", "{{ sammanträde | langt_datum }}"), encoding="utf-8")
    first = run("kontrollera", path)
    second = run("kontrollera", path)
    assert first.code == second.code == 1
    assert first.err == second.err and "okänt filter 'langt_datum'" in second.err


def test_one_translation_of_jinja_syntax_errors_for_text_fields_and_word(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    """An unclosed block reads the same in a text field as in a Word template's placeholder."""
    from remissgen import jinja

    path = tmp_path / "fall.yaml"
    path.write_text(sub("{{ remiss.ärende }}", "{% if nämnd %}{{ remiss.ärende }}"),
                    encoding="utf-8")
    result = run("kontrollera", path)
    assert result.code == 1
    assert "blocket {% if %} avslutas aldrig; skriv {% endif %}" in result.err
    try:
        jinja.parsed("{% for x in y %}{{ x }}")
    except jinja2.TemplateSyntaxError as exc:
        assert jinja.syntax_what(exc, paragraph=True) == (
            "blocket {% for %} avslutas aldrig; skriv {% endfor %} i samma stycke")
        assert jinja.syntax_what(exc) == "blocket {% for %} avslutas aldrig; skriv {% endfor %}"
    else:
        raise AssertionError("an unclosed for block parsed")
