"""Draft and final: placeholders make a draft marked UTKAST on every page (Status Utkast),
`bygg --slutlig` refuses while placeholders or consistency warnings remain, and
`kontrollera` shows those warnings."""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from remissgen import pdf, textedit
from remissgen.granska import blocking
from remissgen.remissvar.spec import PLACEHOLDERS
from remissgen.word.docx_writer import MARK_COLOUR

from .conftest import SEED_CASE, Result
from .test_granska import CASES, MARK, case_text, marker


def custom_status(path: Path) -> str | None:
    """Return the custom property Status of a .docx, read from docProps/custom.xml."""
    with zipfile.ZipFile(path) as zf:
        custom = zf.read("docProps/custom.xml").decode("utf-8")
    found = re.search(r'name="Status"[^>]*>\s*<vt:lpwstr>([^<]*)</vt:lpwstr>', custom)
    return found.group(1) if found else None


def header_parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n).decode("utf-8") for n in zf.namelist()
                if re.fullmatch(r"word/header\d*\.xml", n)}


def first_paragraph_text(xml: str) -> str:
    first = xml.split("</w:p>", 1)[0]
    return "".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", first))


def placeholder_places(text: str) -> list[tuple[int, int]]:
    """Return (line, column) of each placeholder in a case file, found line by line."""
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("#"):
            continue
        dated = re.match(r"(\s*[^#:]+:\s+)\S+\s+#\s*FYLL I\b", line)  # a date `ny` marks
        if dated:
            out.append((number, len(dated.group(1)) + 1))
            continue
        for mark in PLACEHOLDERS:
            at = line.find(mark)
            if at >= 0:
                out.append((number, at + 1))
    return sorted(out)


def test_ny_then_slutlig_refuses_with_one_located_error_per_placeholder(
        run: Callable[..., Result], tmp_path: Path) -> None:
    case = tmp_path / "nytt.yaml"
    assert run("ny", case).code == 0
    expected = placeholder_places(case.read_text(encoding="utf-8"))
    assert len(expected) >= 5  # names, e-mail, "Skriv här", "Här beskriver du"
    result = run("bygg", case, "--slutlig")
    assert result.code == 1
    errors = [line for line in result.err.splitlines() if ": fel: " in line]
    assert [tuple(int(n) for n in re.match(rf"{re.escape(str(case))}:(\d+):(\d+): fel: ",
                                           line).groups())  # type: ignore[union-attr]
            for line in errors] == expected
    assert all("exempeltexten" in line or "FYLL I" in line for line in errors)
    assert not case.with_suffix(".docx").exists()  # nothing written


def test_a_plain_build_of_a_placeholder_case_is_a_draft_on_every_page(
        run: Callable[..., Result], tmp_path: Path) -> None:
    case = tmp_path / "nytt.yaml"
    assert run("ny", case).code == 0
    result = run("bygg", case)
    assert result.code == 0, result.err
    docx_path = case.with_suffix(".docx")
    assert custom_status(docx_path) == "Utkast"
    headers = header_parts(docx_path)
    assert headers and all(first_paragraph_text(x) == "UTKAST" for x in headers.values())
    import docx

    document = docx.Document(str(docx_path))
    for section in document.sections:  # every page's header starts with the mark
        assert section.header.paragraphs[0].text == "UTKAST"
        assert not section.different_first_page_header_footer or (
            section.first_page_header.paragraphs[0].text == "UTKAST")


def test_a_plain_build_without_placeholders_is_klar_and_a_final_build_slutlig(
        run: Callable[..., Result], tmp_path: Path) -> None:
    plain = run("bygg", SEED_CASE, "-o", tmp_path / "klar.docx")
    assert plain.code == 0, plain.err
    assert custom_status(tmp_path / "klar.docx") == "Klar"
    assert all("UTKAST" not in x for x in header_parts(tmp_path / "klar.docx").values())
    final = run("bygg", SEED_CASE, "--slutlig", "-o", tmp_path / "slutlig.docx")
    assert final.code == 0, final.err
    assert custom_status(tmp_path / "slutlig.docx") == "Slutlig"


FINAL_CASES = [(rule, body, where) for rule, body, where, _ in CASES
                  if rule in blocking() and where is not None]


def test_every_blocking_rule_has_a_case() -> None:
    assert {rule for rule, _, _ in FINAL_CASES} == set(blocking())


@pytest.mark.parametrize(("rule", "body", "where"), FINAL_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(FINAL_CASES)])
def test_each_consistency_problem_fails_slutlig_and_warns_in_kontrollera(
        run: Callable[..., Result], tmp_path: Path, rule: str, body: str,
        where: tuple[int, int]) -> None:
    text = case_text(body)
    assert marker(text) in (where, None)
    case = tmp_path / "fall.yaml"
    case.write_text(text.replace(MARK, ""), encoding="utf-8")
    line, column = where
    final = run("bygg", case, "--slutlig")
    assert final.code == 1
    assert f"{case}:{line}:{column}: fel: " in final.err
    assert not case.with_suffix(".docx").exists()
    checked = run("kontrollera", case)
    assert checked.code == 0, checked.err
    assert f"{case}:{line}:{column}: varning: " in checked.err
    assert ": fel: " not in checked.err
    assert "inga fel" in checked.out and "varning" in checked.out
    assert run("kontrollera", case, "--strikt").code == 1
    # a rule the case switches off does not block (the table's cases trip one rule each)
    off = [rule] if final.err.count(": fel: ") == 1 else list(blocking())
    case.write_text(text.replace(MARK, "") + "granskning:\n  utan:\n"
                    + "".join(f"    - {r}\n" for r in off), encoding="utf-8")
    again = run("bygg", case, "--slutlig")
    assert again.code == 0, again.err
    assert custom_status(case.with_suffix(".docx")) == "Slutlig"


def test_kontrollera_keeps_style_rules_out(run: Callable[..., Result]) -> None:
    result = run("kontrollera", SEED_CASE)  # the seed has LIX and long-sentence warnings
    assert result.code == 0
    assert result.out.strip() == f"{SEED_CASE}: inga fel"
    assert "varning" not in result.err


needs_office = pytest.mark.skipif(pdf.find() is None and os.environ.get("CI") != "true",
                                  reason="LibreOffice är inte installerat")


@needs_office
def test_the_draft_mark_is_on_every_pdf_page_as_an_artifact(
        run: Callable[..., Result], tmp_path: Path) -> None:
    import pypdf
    from pypdf.generic import ContentStream

    case = tmp_path / "nytt.yaml"
    assert run("ny", case).code == 0
    long = "\n\n".join(["Skriv här."] + ["Ett stycke som fyller sidan med text. " * 12] * 12)
    case.write_text(textedit.set_value(case.read_text(encoding="utf-8"), ("synpunkter",),
                                       long + "\n"), encoding="utf-8")
    assert run("bygg", case, "--pdf").code == 0
    reader = pypdf.PdfReader(str(case.with_suffix(".pdf")))
    assert len(reader.pages) >= 2
    red = tuple(round(int(MARK_COLOUR[i:i + 2], 16) / 255, 2) for i in (0, 2, 4))
    for page in reader.pages:
        assert "UTKAST" in (page.extract_text() or "").replace(" ", "")
        stack: list[str] = []
        colour: tuple[float, ...] = ()
        marks_outside, marks_inside = 0, 0
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator in (b"BMC", b"BDC"):
                stack.append(str(operands[0]))
            elif operator == b"EMC" and stack:
                stack.pop()
            elif operator == b"rg":
                colour = tuple(round(float(x), 2) for x in operands)
            elif operator in (b"Tj", b"TJ") and colour == red:
                if "/Artifact" in stack:
                    marks_inside += 1
                else:
                    marks_outside += 1
        assert marks_inside >= 1 and marks_outside == 0


def test_the_api_build_marks_a_draft_as_bygg_does(run: Callable[..., Result],
                                                  tmp_path: Path) -> None:
    import remissgen

    case = tmp_path / "nytt.yaml"
    assert run("ny", case).code == 0
    built = tmp_path / "api.docx"
    built.write_bytes(remissgen.build(remissgen.load_text(case.read_text(encoding="utf-8"), case)))
    assert custom_status(built) == "Utkast"
    assert all(first_paragraph_text(x) == "UTKAST" for x in header_parts(built).values())


def test_redigera_bygg_slutlig_refuses_then_builds_the_final_version(
        run: Callable[..., Result], tmp_path: Path) -> None:
    from remissgen.redigera.session import Session, digest

    case = tmp_path / "nytt.yaml"
    assert run("ny", case).code == 0
    session = Session(case, str(case))
    draft = case.read_text(encoding="utf-8")
    refused = session.build_files(draft, digest(case.read_bytes()), False, final=True)
    assert refused["written"] == [] and not case.with_suffix(".docx").exists()
    assert refused["fel"].count(": fel: ") == len(placeholder_places(draft))
    seed = SEED_CASE.read_text(encoding="utf-8")
    done = session.build_files(seed, refused["hash"], False, final=True)
    assert done["fel"] is None, done["fel"]
    assert custom_status(case.with_suffix(".docx")) == "Slutlig"
