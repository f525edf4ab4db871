"""Jinja values in text fields: lists become Swedish text, program data is a located error."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import yaml

from .conftest import CASES, Result, body_paragraphs, build


def _case(tmp_path: Path, **fields: object) -> Path:
    data = yaml.safe_load((CASES / "minimal.yaml").read_text(encoding="utf-8"))
    data["remiss"]["motionärer"] = [{"namn": "Anna Berg", "parti": "C"},
                                    {"namn": "Johan Lind", "parti": "V"}]
    data["kommun"] = "Ekby kommun"
    data.update(fields)
    path = tmp_path / "fall.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_lista_on_motionärer_reads_like_the_derived_sentence(
        run: Callable[..., Result], tmp_path: Path) -> None:
    case = _case(tmp_path, ärendet="Motionen av {{ remiss.motionärer | lista }} tas upp. "
                                   "{{ remiss.från | stor_bokstav }} i {{ kommun }}.")
    document = build(run, case, tmp_path / "ut.docx")
    paragraphs = body_paragraphs(document)
    assert "Motionen av Anna Berg (C) och Johan Lind (V) tas upp. Kommunstyrelsen i Ekby kommun." \
        in paragraphs
    xml = zipfile.ZipFile(tmp_path / "ut.docx").read("word/document.xml").decode("utf-8")
    assert "{'" not in xml and "['" not in xml and "{{" not in xml


def test_stor_bokstav_keeps_the_rest_as_written(run: Callable[..., Result],
                                                tmp_path: Path) -> None:
    case = _case(tmp_path, ärendet="{{ kommun | lower | stor_bokstav }}; {{ 'ekby Kommun' | "
                                   "stor_bokstav }}")
    document = build(run, case, tmp_path / "ut.docx")
    assert "Ekby kommun; Ekby Kommun" in body_paragraphs(document)


def test_program_data_is_a_located_swedish_error_naming_the_field(
        run: Callable[..., Result], tmp_path: Path) -> None:
    case = _case(tmp_path, ärendet="Skrivet av {{ remiss.motionärer }}.",
                 synpunkter="Undertecknat av {{ underskrifter | lista }}.")
    text = case.read_text(encoding="utf-8")
    result = run("bygg", case, "-o", tmp_path / "ut.docx")
    assert result.code != 0 and not (tmp_path / "ut.docx").exists()
    line_ärendet = text.splitlines().index(
        next(x for x in text.splitlines() if x.startswith("ärendet:"))) + 1
    assert f"fall.yaml:{line_ärendet}:" in result.err
    assert ("'ärendet' skriver ut remiss.motionärer, som är en lista med grupper och inte "
            "blir text") in result.err
    assert "tips: skriv {{ remiss.motionärer | lista }}" in result.err
    assert ("'synpunkter' skriver ut underskrifter, som är en lista med grupper"
            in result.err)
    assert "{{ underskrifter[0].namn }}" in result.err
    assert "{'namn'" not in result.err and "Traceback" not in result.err


def test_a_group_or_a_list_of_text_says_what_to_write(run: Callable[..., Result],
                                                      tmp_path: Path) -> None:
    case = _case(tmp_path, ärendet="{{ handläggare }}",
                 synpunkter="{{ expedieras_till }}")
    result = run("kontrollera", case)
    assert result.code != 0
    assert "'ärendet' skriver ut handläggare, som är en grupp av fält" in result.err
    assert "{{ handläggare.namn }}" in result.err
    assert "'synpunkter' skriver ut expedieras_till, som är en lista och inte blir text" \
        in result.err
    assert "{{ expedieras_till | lista }}" in result.err


def test_non_breaking_spaces_in_dates_diarienummer_and_amounts(
        run: Callable[..., Result], tmp_path: Path) -> None:
    case = _case(tmp_path, ärendet=(
        "Nämnden beslutade den 12 december 2026 (KS 2026/1021) att avsätta 600 000 kronor "
        "och 1 250 000 kr. Ring 08-508 121 92, postnummer 118 25, 2026 års budget."))
    data = yaml.safe_load(case.read_text(encoding="utf-8"))
    data["remiss"]["diarienummer"] = "SÖD 2021/1234"
    case.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    document = build(run, case, tmp_path / "ut.docx")
    texts = [p.text for p in document.paragraphs]
    nb = "\u00a0"
    assert (f"Nämnden beslutade den 12{nb}december 2026 (KS{nb}2026/1021) att avsätta "
            f"600{nb}000 kronor och 1{nb}250{nb}000 kr. Ring 08-508 121 92, postnummer 118 25, "
            "2026 års budget.") in texts
    subtitle = next(p.text for p in document.paragraphs if p.style.name == "Subtitle")
    assert f"SÖD{nb}2021/1234" in subtitle
    # importera reads them as ordinary spaces
    result = run("importera", tmp_path / "ut.docx", "-o", tmp_path / "tillbaka.yaml")
    assert result.code == 0, result.err
    back = (tmp_path / "tillbaka.yaml").read_text(encoding="utf-8")
    assert nb not in back and "den 12 december 2026 (KS 2026/1021)" in back


def test_kontrollera_warns_when_capitalize_lowers_a_capital(run: Callable[..., Result],
                                                           tmp_path: Path) -> None:
    case = _case(tmp_path, ärendet="{{ remiss.från | capitalize }} har remitterat ärendet.",
                 synpunkter="{{ remiss.diarienummer | lower }}, {{ remiss.ärende | lower }} "
                            "och {{ kommun | stor_bokstav }}.")
    data = yaml.safe_load(case.read_text(encoding="utf-8"))
    data["remiss"]["från"] = "kommunstyrelsen i Ekby kommun"
    data["remiss"]["diarienummer"] = "SÖD 2021/1234"
    case.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run("kontrollera", case)
    assert ("capitalize på remiss.från gör 'kommunstyrelsen i Ekby kommun' till "
            "'Kommunstyrelsen i ekby kommun'") in result.err
    assert "lower på remiss.diarienummer gör 'SÖD 2021/1234' till 'söd 2021/1234'" in result.err
    assert "remiss.ärende" not in result.err  # no capital after its first letter: no warning
    assert "tips: skriv {{ remiss.från | stor_bokstav }}" in result.err
    assert "stor_bokstav på" not in result.err and "kommun |" not in result.err


def test_filters_that_print_their_value_refuse_a_group_as_printing_does(
        run: Callable[..., Result], tmp_path: Path) -> None:
    case = _case(tmp_path, ärendet="{{ handläggare | stor_bokstav }}",
                 synpunkter='{{ underskrifter | join(", ") }} och {{ remiss | string }}')
    result = run("bygg", case, "-o", tmp_path / "ut.docx")
    assert result.code == 1 and not (tmp_path / "ut.docx").exists()
    assert "'ärendet' skriver ut handläggare, som är en grupp av fält" in result.err
    assert "'synpunkter' skriver ut underskrifter, som är en lista med grupper" in result.err
    assert "{'" not in result.err and "Traceback" not in result.err
