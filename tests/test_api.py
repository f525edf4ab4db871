"""The public API in `remissgen`: text in, problems and bytes out, as a front end calls it."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

import remissgen
from remissgen import InvalidInput, Problem, RemissgenError
from remissgen.errors import Location

from .conftest import SEED_CASE, Result

FIELDS = ["path", "line", "column", "severity", "code", "message", "hint"]


def test_public_names_are_exactly_the_contracts() -> None:
    assert set(remissgen.__all__) == {"load_text", "load", "build", "review", "InvalidInput",
                                      "Problem", "RemissgenError", "Loaded"}
    assert issubclass(InvalidInput, RemissgenError)
    assert remissgen.Loaded.__name__ == "Loaded"


def test_load_text_of_the_seed_builds_the_bytes_bygg_writes(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    case = tmp_path / "ärende.yaml"
    case.write_bytes(SEED_CASE.read_bytes())
    assert run("bygg", case).code == 0
    written = case.with_suffix(".docx").read_bytes()
    loaded = remissgen.load_text(SEED_CASE.read_text(encoding="utf-8"), case)
    data = remissgen.build(loaded)
    assert data == written
    document = docx.Document(io.BytesIO(data))
    assert any("sociala företag" in p.text.lower() for p in document.paragraphs)
    assert remissgen.build(remissgen.load(case)) == written


def test_load_text_finds_the_logo_beside_its_path(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(_PNG)
    text = SEED_CASE.read_text(encoding="utf-8") + "logotyp:\n  fil: logo.png\n  alt: Logotyp\n"
    with pytest.raises(InvalidInput):  # relative to where the text lives: not found elsewhere
        remissgen.load_text(text, tmp_path / "annan" / "ärende.yaml")
    loaded = remissgen.load_text(text, tmp_path / "ärende.yaml")
    assert loaded.case.logotyp is not None
    assert loaded.case.logotyp.fil == tmp_path / "logo.png"


def test_invalid_text_raises_every_problem_located(tmp_path: Path) -> None:
    text = SEED_CASE.read_text(encoding="utf-8")
    text = text.replace("datum: 2021-12-02", "datum: 2021-13-45", 1)
    text += "rubrk: Fel\n"
    lines = text.splitlines()
    with pytest.raises(InvalidInput) as caught:
        remissgen.load_text(text, "mapp/ärende.yaml")
    problems = caught.value.problems
    assert all(isinstance(p, Problem) for p in problems)
    assert all(p.path == "mapp/ärende.yaml" and p.severity == "fel" for p in problems)
    by_code = {p.code: p for p in problems}
    assert set(by_code) == {"datum", "okänd-nyckel"}
    unknown = by_code["okänd-nyckel"]
    assert (unknown.line, unknown.column) == (len(lines), 1)
    assert "Menade du 'rubrik'" in unknown.message
    date = by_code["datum"]
    assert lines[date.line - 1][date.column - 1:].startswith("2021-13-45")
    assert date.as_dict() == {"path": "mapp/ärende.yaml", "line": date.line,
                              "column": date.column, "severity": "fel", "code": "datum",
                              "message": date.message, "hint": date.hint}
    assert list(date.as_dict()) == FIELDS
    assert date.format().startswith(f"mapp/ärende.yaml:{date.line}:{date.column}: fel: ")


def test_phrase_rule_problems_come_with_the_others() -> None:
    text = SEED_CASE.read_text(encoding="utf-8")
    text = text.replace("nämnd: Södermalms stadsdelsnämnd", "nämnd: Brandförsvaret", 1)
    text += "okänd: 1\n"
    with pytest.raises(InvalidInput) as caught:
        remissgen.load_text(text)
    codes = {p.code for p in caught.value.problems}
    assert {"okänd-nyckel", "nämnd-kort"} <= codes
    assert all(p.path == "ärende.yaml" for p in caught.value.problems)


def test_review_returns_the_seeds_warnings_as_data(run: Callable[..., Result]) -> None:
    warnings = remissgen.review(remissgen.load(SEED_CASE))
    assert warnings and all(w.severity == "varning" for w in warnings)
    assert {w.code for w in warnings} == {"lix", "långa-meningar", "upprepad-inledning"}
    shown = run("granska", SEED_CASE)
    assert [w.format() for w in warnings] == [
        block for block in _blocks(shown.err)]


def _blocks(err: str) -> list[str]:
    """Return the problems printed in `err`, each with its indented tips line."""
    blocks: list[str] = []
    for line in err.splitlines():
        if line.startswith("    ") and blocks:
            blocks[-1] += "\n" + line
        elif line:
            blocks.append(line)
    return blocks


_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")


def _broken(tmp_path: Path) -> Path:
    text = SEED_CASE.read_text(encoding="utf-8")
    text = text.replace("datum: 2021-12-02", "datum: 2021-13-45", 1)
    text = text.replace("{{ remiss.ärende }}", "{{ remis.ärende }}", 1) + "rubrk: Fel\n"
    case = tmp_path / "trasig.yaml"
    case.write_text(text, encoding="utf-8")
    return case


@pytest.mark.parametrize("command", [("kontrollera",), ("granska",)])
def test_format_json_gives_the_problems_of_the_text_output_as_data(
        tmp_path: Path, run: Callable[..., Result], command: tuple[str, ...]) -> None:
    case = _broken(tmp_path)
    as_text = run(*command, case)
    as_json = run(*command, "--format", "json", case)
    assert as_json.code == as_text.code == 1
    found = json.loads(as_json.out)  # standard output is the array and nothing else
    assert isinstance(found, list) and len(found) == 3
    assert all(list(item) == FIELDS for item in found)
    assert {item["code"] for item in found} == {"datum", "jinja-namn", "okänd-nyckel"}
    rebuilt = [Problem(Location(d["path"], d["line"], d["column"]), d["message"], d["hint"],
                       d["severity"], code=d["code"]).format() for d in found]
    assert rebuilt == _blocks(as_text.err)


def test_format_json_of_granska_keeps_the_lix_table_off_standard_output(
        run: Callable[..., Result]) -> None:
    as_text = run("granska", SEED_CASE)
    as_json = run("granska", "--format", "json", SEED_CASE)
    assert as_json.code == as_text.code == 0
    found = json.loads(as_json.out)
    assert [d["code"] for d in found] == [w.code for w in remissgen.review(
        remissgen.load(SEED_CASE))]
    assert all(d["severity"] == "varning" and d["path"] == str(SEED_CASE) for d in found)
    assert "LIX" in as_json.err and "LIX" in as_text.out


def test_format_json_of_kontrollera_on_a_good_file_is_an_empty_array(
        run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("kontrollera", "--format", "json", SEED_CASE)
    assert result.code == 0 and json.loads(result.out) == []
    missing = run("kontrollera", "--format", "json", tmp_path / "finns-inte.yaml")
    assert missing.code == 1
    [problem] = json.loads(missing.out)
    assert problem["code"] == "fil-saknas" and problem["line"] == 1


def test_format_json_of_mall_kontrollera(tmp_path: Path, run: Callable[..., Result]) -> None:
    from .test_templates import copy_builtin, edit

    template = copy_builtin(run, "stockholm", tmp_path / "egen.docx")
    edit(template, "word/header1.xml",
         lambda xml: xml.replace('{{ datum|egenskap("Datum") }}', "{{ datun }}"))
    as_text = run("mall", "kontrollera", template)
    as_json = run("mall", "kontrollera", "--format", "json", template)
    assert as_json.code == as_text.code == 1
    [problem] = json.loads(as_json.out)
    assert problem["path"] == str(template) and problem["line"] == 4
    assert "'datun'" in problem["message"] and problem["code"].startswith("mall-")
    assert json.loads(run("mall", "kontrollera", "--format", "json", "stockholm").out) == []


def test_errors_that_are_not_about_input_carry_their_place_as_data(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    from remissgen.errors import RefusedWrite, UsageError

    (tmp_path / "a.yaml").write_bytes(SEED_CASE.read_bytes())
    (tmp_path / "ut.txt").write_text("", encoding="utf-8")
    with pytest.raises(UsageError) as usage:
        from remissgen.commands.bygg import targets

        targets([tmp_path / "a.yaml"], str(tmp_path / "ut.txt"))
    [p] = usage.value.problems
    assert (p.path, p.line, p.code) == ("remissgen bygg", 0, "ut-en-fil")
    assert p.as_dict()["line"] is None and p.format().startswith("remissgen bygg: fel: ")
    assert run("bygg", tmp_path / "a.yaml").code == 0
    docx = tmp_path / "a.docx"
    docx.write_bytes(b"not ours")
    result = run("bygg", tmp_path / "a.yaml")
    assert result.code == RefusedWrite.exit_code
    assert result.err.startswith(f"{docx}:1:1: fel: ")


def test_the_pipeline_asks_the_document_type(monkeypatch: pytest.MonkeyPatch) -> None:
    """The remiss answer sits behind doctype.DocumentType: its rules and its body are asked
    of the registered type, so a second kind is one more object, not edits in the pipeline."""
    from remissgen import doctype
    from remissgen.blocks import Paragraph, plain
    from remissgen.remissvar import DOCUMENT, Remissvar

    assert doctype.get() is DOCUMENT and doctype.get("remissvar") is DOCUMENT
    with pytest.raises(KeyError):
        doctype.get("delegationsbeslut")
    loaded = remissgen.load(SEED_CASE)
    assert remissgen.review(loaded)

    class Quiet(Remissvar):
        rule_names = ("ej-ifyllt",)  # type: ignore[assignment]

        def blocks(self, case: object) -> list[Paragraph]:  # type: ignore[override]
            return [plain("Bara detta.")]

    monkeypatch.setattr(doctype, "get", lambda name="remissvar": Quiet())
    assert remissgen.review(loaded) == []
    document = docx.Document(io.BytesIO(remissgen.build(loaded)))
    assert [p.text for p in document.paragraphs if p.text.strip()] == ["Bara detta."]
