"""`remissgen ny`: a commented starter case file with every field, that passes as written."""

from __future__ import annotations

import datetime as dt
import json
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from remissgen import scaffold, schema, source, validate
from remissgen.remissvar.spec import CASE
from remissgen.source import Mapping, Scalar, Sequence

from .conftest import Result


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_ny_writes_the_starter_and_the_schema_beside_it(
        in_tmp: Path, run: Callable[..., Result]) -> None:
    result = run("ny")
    assert (result.code, result.err) == (0, "")
    assert result.out.splitlines() == ["ärende.yaml", "remissgen-schema.json"]
    text = (in_tmp / "ärende.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=./remissgen-schema.json"
    assert json.loads((in_tmp / "remissgen-schema.json").read_text(encoding="utf-8")) == \
        schema.build()


def test_the_starter_passes_kontrollera_and_bygg_as_written(
        in_tmp: Path, run: Callable[..., Result]) -> None:
    assert run("ny").code == 0
    checked = run("kontrollera", "ärende.yaml")
    # no errors; the examples to replace are warnings, as they stop a final build
    warned = len(re.findall(r": varning: (här står fortfarande|datumet är märkt FYLL I)",
                            checked.err))
    assert warned >= 5 and warned == checked.err.count(": varning: ")
    assert (checked.code, checked.out) == (0, f"ärende.yaml: inga fel, {warned} varningar\n")
    assert "fel:" not in checked.err
    built = run("bygg", "ärende.yaml")
    assert built.code == 0, built.err
    assert "fel:" not in built.err
    assert built.out.strip() == "ärende.docx"
    assert (in_tmp / "ärende.docx").read_bytes()[:2] == b"PK"


def test_every_field_is_there_with_a_comment_saying_whether_it_is_required() -> None:
    lines = scaffold.starter("ärende.yaml").splitlines()
    for path, field in CASE.walk():
        if _in_list(path):
            continue  # list items' keys are described in the list's comment (next test)
        indent = "  " * (len(path) - 1)
        key_line = next(i for i, line in enumerate(lines)
                        if re.match(rf"(# )?{indent}(# )?{re.escape(field.key)}:( |$)", line))
        start = next(i for i in range(key_line, -1, -1) if not lines[i].strip())
        said = " ".join(line.strip() for line in lines[start:key_line])
        necessity = "måste finnas" if field.required else "kan utelämnas"
        assert f"{field.title} ({necessity}" in said or \
            f"{field.key} ({necessity}" in said, (path, said)


def test_list_items_keys_are_explained_in_the_lists_comment() -> None:
    text = scaffold.starter("ärende.yaml")
    assert "#   namn (måste finnas): Namnet.\n#   titel (måste finnas): Titeln" in text
    assert "#   efter (kan utelämnas): Rubriken på avsnittet det ska stå efter." in text


def test_logotyp_is_commented_out_and_works_once_uncommented(tmp_path: Path) -> None:
    text = scaffold.starter("ärende.yaml")
    assert "# logotyp:\n#   fil: logotyp.png\n#   alt: Stockholms stad\n" in text
    assert not re.search(r"^logotyp:", text, re.M)
    (tmp_path / "logotyp.png").write_bytes(_png())
    case = tmp_path / "ärende.yaml"
    case.write_text(text.replace("# logotyp:\n#   fil: logotyp.png\n#   alt: Stockholms stad\n",
                                 "logotyp:\n  fil: logotyp.png\n  alt: Stockholms stad\n"),
                    encoding="utf-8")
    data = validate.validate(source.read(case))
    assert data.values["logotyp"]["fil"] == tmp_path / "logotyp.png"


def test_only_what_must_be_there_is_live_and_every_live_value_is_a_placeholder(
        in_tmp: Path, run: Callable[..., Result]) -> None:
    """Every value `ny` writes live is one that granska's ej-ifyllt flags, so no example
    value can reach the nämnd unnoticed; the optional fields are commented out."""
    assert run("ny").code == 0
    text = (in_tmp / "ärende.yaml").read_text(encoding="utf-8")
    root = source.parse(text, "ärende.yaml").root
    leaves = {(s.location.line, s.location.column) for s in _leaves(root)}
    flagged = run("granska", "ärende.yaml")
    found = {(int(m.group(1)), int(m.group(2)))
             for m in re.finditer(r"^ärende\.yaml:(\d+):(\d+): varning: (?:här står "
                                  r"fortfarande|datumet är märkt)", flagged.err, re.M)}
    starts = sorted(line for line, _ in leaves)
    for start, stop in zip(starts, [*starts[1:], 10**6], strict=True):  # one per live value
        assert len([line for line, _ in found if start <= line < stop]) == 1, (start, flagged.err)
    assert len(found) == len(starts)
    assert isinstance(root, Mapping)
    live = {k.value for k, _ in root.items}
    assert live == {f.key for f in CASE.children if f.required}
    for example in ("SÖD 2025/123", "Stadsdelsdirektör", "stadsledningskontoret",
                    "Södermalms stadsdelsförvaltning", "kommunstyrelsen\n"):
        assert all(example not in line or line.lstrip().startswith("#")
                   for line in text.splitlines()), example


def test_the_commented_examples_are_the_field_tables() -> None:
    text = scaffold.starter("ärende.yaml", today=dt.date(2025, 1, 30))
    assert "# diarienummer: SÖD 2025/123\n" in text
    assert "  # telefon: 08-508 000 00\n" in text
    assert "  # motionärer:\n  #   - namn: Förnamn Efternamn\n  #     parti: X\n" in text
    assert '#   - "Besöksadress: Medborgarplatsen 25"\n' in text


def test_example_dates_move_with_the_day_and_keep_their_order() -> None:
    text = scaffold.starter("ärende.yaml", today=dt.date(2030, 6, 1))
    assert "sammanträde: 2030-06-22  # FYLL I\n" in text
    assert "  # svar_senast: 2030-06-30\n" in text
    assert "#       datum: 2030-06-12\n" in text
    assert re.search(r"^# datum:$", text, re.M)  # the document's own date: the day it is built


PROFIL = """\
förvaltning: Profilens förvaltning
nämnd: Profilens stadsdelsnämnd
avdelning: Profilens avdelning
handläggare:
  namn: Profilens handläggare
underskrifter:
  - namn: Profilens direktör
    titel: Stadsdelsdirektör
  - namn: Profilens chef
    titel: Avdelningschef
sidfot:
  - "Besöksadress: Profilgatan 1"
"""


def test_ny_beside_a_profile_leaves_out_what_the_profile_gives(
        in_tmp: Path, run: Callable[..., Result]) -> None:
    (in_tmp / "remissgen-profil.yaml").write_text(PROFIL, encoding="utf-8")
    assert run("ny", "ärenden/ärende.yaml").code == 0  # below the profile
    case = in_tmp / "ärenden" / "ärende.yaml"
    text = case.read_text(encoding="utf-8")
    root = source.parse(text, "ärende.yaml").root
    assert isinstance(root, Mapping)
    given = ("förvaltning", "nämnd", "avdelning", "handläggare", "underskrifter", "sidfot")
    assert not set(given) & {k.value for k, _ in root.items}
    assert "# från profilen: Profilens förvaltning\n" in text
    assert "# från profilen:\n#   namn: Profilens handläggare\n" in text
    assert '# från profilen:\n#   - "Besöksadress: Profilgatan 1"\n' in text
    assert "../remissgen-profil.yaml" in text

    built = run("bygg", case)
    assert built.code == 0, built.err
    with zipfile.ZipFile(case.with_suffix(".docx")) as package:
        every = " ".join(re.sub(r"<[^>]+>", "", package.read(n).decode("utf-8"))
                         for n in package.namelist() if re.match(r"word/(document|header|footer)",
                                                                 n))
    for wanted in ("Profilens förvaltning", "Profilens stadsdelsnämnd", "Profilens direktör",
                   "Avdelningschef"):
        assert wanted in every, wanted
    assert "Förnamn Efternamn" not in every  # no placeholder signature over the profile's

    written = json.loads((in_tmp / "ärenden" / "remissgen-schema.json").read_text(
        encoding="utf-8"))
    jsonschema.Draft202012Validator(written).validate(_plain(root))
    with pytest.raises(jsonschema.ValidationError):  # the plain schema would complain
        jsonschema.Draft202012Validator(schema.build()).validate(_plain(root))


def test_a_group_the_profile_gives_only_in_part_keeps_what_it_lacks(
        in_tmp: Path, run: Callable[..., Result]) -> None:
    (in_tmp / "remissgen-profil.yaml").write_text(
        "handläggare:\n  telefon: 08-1\nremiss:\n  från: kommunstyrelsen\n", encoding="utf-8")
    assert run("ny").code == 0
    text = (in_tmp / "ärende.yaml").read_text(encoding="utf-8")
    assert "handläggare:\n" in text and "  namn: Förnamn Efternamn\n" in text
    assert "  # från profilen: 08-1\n" in text
    assert "remiss:\n" in text and "  ärende: FYLL I\n" in text
    assert "  # från profilen: kommunstyrelsen\n" in text
    assert run("kontrollera", "ärende.yaml").code == 0


def test_schema_with_a_profile_does_not_require_what_the_profile_gives(
        in_tmp: Path, run: Callable[..., Result]) -> None:
    (in_tmp / "p.yaml").write_text(PROFIL, encoding="utf-8")
    result = run("schema", "--profil", "p.yaml")
    assert result.code == 0, result.err
    printed = json.loads(result.out)
    assert set(printed["required"]) == {"sammanträde", "remiss", "sammanfattning", "ärendet",
                                        "synpunkter"}
    assert set(schema.build()["required"]) - set(printed["required"]) == {
        "förvaltning", "nämnd", "handläggare", "underskrifter"}
    assert "profilen ger värdet" in printed["properties"]["förvaltning"]["description"]
    assert printed["properties"]["underskrifter"]["items"]["required"] == ["namn", "titel"]
    missing = run("schema", "--profil", "finns-inte.yaml")
    assert missing.code == 1 and missing.err.startswith("finns-inte.yaml:1:1: fel:")


def test_every_description_in_the_schema_is_swedish() -> None:
    english = re.compile(r"\b(the|and|is|must|optional|required|value|list|string|of|or|"
                         r"to|be|may|default)\b", re.I)
    texts = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            texts.extend(v for k, v in node.items() if k in ("description", "title"))
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(schema.build(given={"förvaltning": "x"}))
    assert len(texts) > 60
    for said in texts:
        assert said.strip() and not english.search(said), said
        assert re.search(r"[a-zåäö]", said), said


def test_ny_never_overwrites(in_tmp: Path, run: Callable[..., Result]) -> None:
    target = in_tmp / "ärende.yaml"
    target.write_text("nämnd: mitt arbete\n", encoding="utf-8")
    result = run("ny")
    assert result.code == 3
    assert result.out == ""
    assert result.err.startswith("ärende.yaml:1:1: fel: 'ärende.yaml' finns redan")
    assert "tips: ange ett annat filnamn" in result.err
    assert target.read_text(encoding="utf-8") == "nämnd: mitt arbete\n"
    assert not (in_tmp / "remissgen-schema.json").exists()


def test_ny_keeps_an_existing_schema(in_tmp: Path, run: Callable[..., Result]) -> None:
    (in_tmp / "remissgen-schema.json").write_text("{}", encoding="utf-8")
    result = run("ny", "motion.yaml")
    assert (result.code, result.out) == (0, "motion.yaml\n")
    assert (in_tmp / "remissgen-schema.json").read_text(encoding="utf-8") == "{}"
    assert "'remissgen kontrollera motion.yaml'" in (in_tmp / "motion.yaml").read_text(
        encoding="utf-8")


def test_ny_into_a_new_folder_puts_the_schema_there(
        in_tmp: Path, run: Callable[..., Result]) -> None:
    result = run("ny", "ärenden/2025/remiss.yaml")
    assert result.code == 0
    assert result.out.splitlines() == ["ärenden/2025/remiss.yaml",
                                       "ärenden/2025/remissgen-schema.json"]
    assert run("kontrollera", "ärenden/2025/remiss.yaml").code == 0


def test_ny_refuses_a_folder_name(in_tmp: Path, run: Callable[..., Result]) -> None:
    (in_tmp / "mapp").mkdir()
    result = run("ny", "mapp")
    assert result.code == 3
    assert "finns redan" in result.err


def _in_list(path: tuple[str, ...]) -> bool:
    field = CASE
    for part in path[:-1]:
        child = field.child(part)
        assert child is not None
        if child.kind == "list_mapping":
            return True
        field = child
    return False


def _plain(node: object) -> object:
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Sequence):
        return [_plain(i) for i in node.items]
    assert isinstance(node, Mapping)
    return {k.value: _plain(v) for k, v in node.items}


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data)))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) +
            chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))


def test_derivable_fields_are_commented_out_so_the_rules_apply(tmp_path: Path) -> None:
    from remissgen import pipeline

    case = tmp_path / "ärende.yaml"
    case.write_text(scaffold.starter("ärende.yaml"), encoding="utf-8")
    text = case.read_text(encoding="utf-8")
    for key in ("nämnd_kort", "rubrik", "underrubrik", "förslag_till_beslut", "bakgrund",
                "avslutning", "expedieras_till"):
        assert re.search(rf"^# {key}:", text, re.M) and not re.search(rf"^{key}:", text, re.M)
    assert "| lower" not in text
    loaded = pipeline.load(case)
    assert "har på remiss från FYLL I fått FYLL I" in loaded.case.bakgrund  # derived


def _leaves(node: object) -> list[Scalar]:
    if isinstance(node, Scalar):
        return [node]
    if isinstance(node, Sequence):
        return [s for item in node.items for s in _leaves(item)]
    assert isinstance(node, Mapping)
    return [s for _, v in node.items for s in _leaves(v)]



def test_the_starter_raises_the_first_letter_with_stor_bokstav(
        in_tmp: Path, run: Callable[..., Result]) -> None:
    # capitalize lowers the rest ("Kommunstyrelsen i ekby kommun"); the starter shows the filter
    # that leaves it as written
    assert run("ny").code == 0
    text = (in_tmp / "ärende.yaml").read_text(encoding="utf-8")
    assert "| stor_bokstav }}" in text and "capitalize" not in text
