"""`remissgen ny`: a commented starter case file with every field, that passes as written."""

from __future__ import annotations

import datetime as dt
import json
import re
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

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
    warned = checked.err.count(": varning: här står fortfarande exempeltexten")
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
        top = CASE.child(path[0])
        prefix = "# " if top is not None and top.commented else ""
        key_line = next(i for i, line in enumerate(lines)
                        if re.match(rf"{re.escape(prefix + indent + field.key)}:( |$)", line))
        said = " ".join(line.strip() for line in lines[max(0, key_line - 7):key_line])
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


def test_the_starters_values_read_back_as_the_field_tables_examples() -> None:
    root = source.parse(scaffold.starter("ärende.yaml", today=dt.date(2025, 1, 30)), "f").root
    assert isinstance(root, Mapping)
    for path, field in CASE.walk():
        top = CASE.child(path[0])
        if field.example is None or (top is not None and top.commented):
            continue  # commented out: logotyp, and the fields remissgen derives
        node = root
        for part in path:
            assert isinstance(node, Mapping)
            found = node.get(part)
            assert found is not None, path
            node = found
        assert _plain(node) == _plain_example(field.example), path


def test_example_dates_move_with_the_day_and_keep_their_order() -> None:
    text = scaffold.starter("ärende.yaml", today=dt.date(2030, 6, 1))
    assert "sammanträde: 2030-06-22\n" in text
    assert "svar_senast: 2030-06-30\n" in text
    assert "datum: 2030-06-12\n" in text
    assert re.search(r"^datum:$", text, re.M)  # the document's own date: the day it is built


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


def _plain_example(example: object) -> object:
    if isinstance(example, tuple):
        return [dict(e) if isinstance(e, dict) else e for e in example]
    return example


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
    assert "fått en motion om" in loaded.case.bakgrund
