"""The loader: text stays text exactly as written, positions are exact, duplicates are refused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from remissgen import source, validate
from remissgen.errors import InvalidInput, Location
from remissgen.source import Mapping, Scalar, Sequence

from .conftest import ROOT, SEED_CASE


def parse(text: str) -> Mapping:
    root = source.parse(text, "f.yaml").root
    assert isinstance(root, Mapping)
    return root


def scalar(node: object) -> Scalar:
    assert isinstance(node, Scalar)
    return node


def problems(text: str) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        source.parse(text, "f.yaml")
    return [p.format() for p in caught.value.problems]


@pytest.mark.parametrize(("written", "kept"), [
    ("NO", "NO"), ("no", "no"), ("yes", "yes"), ("off", "off"), ("true", "true"),
    ("0712", "0712"), ("0850812192", "0850812192"), ("1:30", "1:30"), ("817", "817"),
    ("2021/817", "2021/817"), ("0x1F", "0x1F"), ("1e3", "1e3"), (".inf", ".inf"),
    ("~", "~"), ("null", "null"), ("2021-12-16", "2021-12-16"), ("08-508 121 92", "08-508 121 92"),
    ("'0712'", "0712"), ('"NO"', "NO"), ("!!int 5", "5"), ("<<", "<<"),
])
def test_every_scalar_stays_the_text_written(written: str, kept: str) -> None:
    assert scalar(parse(f"värde: {written}\n").get("värde")).value == kept


def test_the_contracts_examples_come_out_exactly_as_written() -> None:
    root = parse("parti: NO\ndiarienummer: 0712\ntelefon: 0850812192\ntid: 1:30\n")
    assert {k.value: scalar(v).value for k, v in root.items} == {
        "parti": "NO", "diarienummer": "0712", "telefon": "0850812192", "tid": "1:30"}


def test_keys_and_values_carry_line_and_column() -> None:
    root = parse("# kommentar\nhandläggare:\n  namn: Christina\n  e-post:   a@b.se\n")
    key, value = root.items[0]
    assert key.location == Location("f.yaml", 2, 1)
    assert isinstance(value, Mapping)
    assert value.location == Location("f.yaml", 3, 3)
    (namn_key, namn), (epost_key, epost) = value.items
    assert (namn_key.location, namn.location) == (Location("f.yaml", 3, 3),
                                                  Location("f.yaml", 3, 9))
    assert (epost_key.location, epost.location) == (Location("f.yaml", 4, 3),
                                                    Location("f.yaml", 4, 13))


def test_columns_count_characters_not_bytes() -> None:
    root = parse("åäö: ärende\n")
    assert root.items[0][1].location.column == 6


def test_block_scalars_keep_their_text_and_style() -> None:
    text = "sammanfattning: |\n  Första.\n\n  Andra {{ x }}.\nbakgrund: >-\n  a\n  b\n"
    root = parse(text)
    first = scalar(root.get("sammanfattning"))
    assert (first.value, first.style, first.location.line) == ("Första.\n\nAndra {{ x }}.\n",
                                                               "|", 1)
    assert scalar(root.get("bakgrund")).value == "a b"


def test_a_duplicate_key_is_refused_at_the_second_occurrence() -> None:
    found = problems("nämnd: A\nförvaltning: B\nnämnd: C\n")
    assert found == ["f.yaml:3:1: fel: nyckeln 'nämnd' förekommer två gånger (första gången på "
                     "rad 1)\n    tips: ta bort eller slå ihop den ena; annars går text förlorad"]


def test_duplicates_are_found_at_every_level_and_all_at_once() -> None:
    found = problems("remiss:\n  från: a\n  från: b\nunderskrifter:\n"
                     "  - namn: A\n    namn: B\nremiss: x\n")
    assert [f.split(": fel")[0] for f in found] == ["f.yaml:3:3", "f.yaml:6:5", "f.yaml:7:1"]


def test_empty_and_explicit_empty_values() -> None:
    root = parse("a:\nb: ''\nc: \"\"\n")
    assert scalar(root.get("a")).is_empty
    assert not scalar(root.get("b")).is_empty and scalar(root.get("b")).value == ""


def test_aliases_share_their_anchor() -> None:
    root = parse("a: &x [p, q]\nb: *x\n")
    b = root.get("b")
    assert isinstance(b, Sequence)
    assert [scalar(i).value for i in b.items] == ["p", "q"]


def test_an_alias_bomb_is_refused_quickly() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"b{i}: &b{i} [{', '.join([f'*b{i - 1}' if i > 1 else '*a'] * 10)}]"
              for i in range(1, 10)]
    found = problems("\n".join(lines) + "\n")
    assert len(found) == 1 and "för många alias" in found[0]


@pytest.mark.parametrize("text", ["x: " + "[" * 600 + "]" * 600,
                                  "".join("  " * i + f"k{i}:\n" for i in range(300)),
                                  "x: " + "[" * 5000])
def test_deep_nesting_is_a_problem_not_a_crash(text: str) -> None:
    found = problems(text)
    assert len(found) == 1 and "för djupt nästlad" in found[0]


def test_a_bom_is_accepted_and_does_not_shift_columns(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"\xef\xbb\xbfn\xc3\xa4mnd: A\n")
    root = source.read(path).root
    assert isinstance(root, Mapping)
    key, value = root.items[0]
    assert (key.value, key.location.column, scalar(value).location.column) == ("nämnd", 1, 8)


@pytest.mark.parametrize(("data", "words"), [
    ("nämnd: Södermalm\n".encode("latin-1"), "ISO-8859-1"),
    ("nämnd: A – B\n".encode("cp1252"), "Windows-1252"),
    ("nämnd: Södermalm\n".encode("utf-16-le"), "UTF-16"),
    ("nämnd: Södermalm\n".encode("utf-16"), "UTF-16"),
])
def test_not_utf8_names_the_likely_encoding(data: bytes, words: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        source.decode(data, "f.yaml")
    [problem] = caught.value.problems
    assert problem.location == Location("f.yaml", 1, 1)
    assert "inte sparad som UTF-8" in problem.message and words in problem.message


def test_an_unreadable_file_is_reported_in_swedish(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("nämnd: A\n", encoding="utf-8")
    path.chmod(0)
    try:
        if path.stat().st_mode & 0o777 == 0 and _can_read(path):
            pytest.skip("running as a user that reads every file (root)")
        with pytest.raises(InvalidInput) as caught:
            source.read(path)
        assert "behörighet" in caught.value.problems[0].message
    finally:
        path.chmod(0o644)


def _can_read(path: Path) -> bool:
    try:
        path.read_bytes()
    except OSError:
        return False
    return True


@pytest.mark.parametrize(("text", "where", "words"), [
    ("a: 1\n---\nb: 2\n", "f.yaml:2:1", "flera YAML-dokument"),
    ("a: [1, 2\nb: 3\n", "f.yaml:1:4", "inte avslutad med ]"),  # at the [ left open
    ("a: {b: 1\n", "f.yaml:1:4", "inte avslutad med }"),
    ("a: *saknas\n", "f.yaml:1:4", "ankare som inte finns"),
    ("a: \"\\q\"\n", "f.yaml:1:5", "escape"),
    ("a: @b\n", "f.yaml:1:4", "citattecken"),
    ("a: `b\n", "f.yaml:1:4", "citattecken"),
    ("- a\nb: c\n", "f.yaml:2:1", "YAML-fel"),
    ("a: b\n\x1b[0m\n", "f.yaml:2:1", "styrtecken"),
    ("a: {{ x }}\n", "f.yaml:1:4", "börjar med {{"),
    ("a:\n  - {% if x %}y{% endif %}\n", "f.yaml:2:5", "börjar med {{ eller {%"),
    ("? [a, b]\n: c\n", "f.yaml:1:3", "nyckel måste vara ett ord"),
])
def test_yaml_problems_are_located_and_swedish(text: str, where: str, words: str) -> None:
    found = problems(text)
    assert found[0].startswith(f"{where}: fel: "), found
    assert words in found[0]
    assert "expected" not in "".join(found) and "found" not in "".join(found)


def test_text_with_jinja_inside_a_plain_value_is_fine() -> None:
    assert scalar(parse("a: Text - {{ x }} och {{ y }}\n").get("a")).value == \
        "Text - {{ x }} och {{ y }}"


def test_the_seed_round_trips_through_validation() -> None:
    data = validate.validate(source.read(SEED_CASE))
    assert data.values["diarienummer"] == "SÖD 2021/1234"
    assert data.values["remiss"]["motionärer"] == [{"namn": "Salar Rashid", "parti": "S"}]
    assert data.where(("remiss", "ärende")) == Location(str(SEED_CASE), 17, 11)
    assert data.key_at[("handläggare",)] == Location(str(SEED_CASE), 11, 1)


def test_profile_mode_makes_keys_optional_but_keeps_list_items_whole() -> None:
    src = source.parse("nämnd: A\nunderskrifter:\n  - namn: B\n", "p.yaml")
    with pytest.raises(InvalidInput) as caught:
        validate.validate(src, optional=True)
    assert [p.format().splitlines()[0] for p in caught.value.problems] == [
        "p.yaml:3:5: fel: 'titel' saknas i 'underskrifter 1' men måste finnas"]
    data = validate.validate(source.parse("nämnd: A\nkommun: ''\n", "p.yaml"), optional=True)
    assert data.values == {"nämnd": "A", "kommun": ""}


def test_kontrollera_imports_neither_python_docx_nor_lxml() -> None:
    code = ("import sys\nfrom remissgen.cli import main\n"
            f"status = main(['kontrollera', {str(SEED_CASE)!r}])\n"
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in "
            "('docx', 'lxml', 'jsonschema', 'hypothesis'))\n"
            "print(status, loaded)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "0 []"


def test_schema_and_ny_import_neither_jinja_docx_nor_lxml(tmp_path: Path) -> None:
    code = ("import sys\nfrom remissgen.cli import main\n"
            "assert main(['schema']) == 0\n"
            f"assert main(['ny', {str(tmp_path / 'ny.yaml')!r}]) == 0\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('docx', 'lxml', 'jinja2')), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert done.stderr.strip() == "[]"


def test_a_syntax_error_in_a_file_of_lone_cr_line_breaks_is_located_not_a_crash() -> None:
    # libyaml counts a lone CR as a line break; the layout hints split lines at LF only
    assert problems("-\r- Christina\r  namn:\rnamn:\rnamn:\r-") == [
        "f.yaml:3:7: fel: YAML-fel: ett kolon ':' står där det inte får stå (sätt texten "
        "inom citattecken, eller rätta indraget)\n"
        "    tips: kontrollera indrag, kolon och citattecken på raden"]
