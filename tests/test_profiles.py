"""Profiles: what a förvaltning states once, found beside or above the case, merged node by node."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from .conftest import SEED_CASE, Result, W, body_paragraphs, build, make_png

PROFILE = "remissgen-profil.yaml"
#: the seed's constant parts, moved to a profile
CONSTANT = ("kommun", "förvaltning", "avdelning", "nämnd", "handläggare", "underskrifter",
            "sidfot")


def _blocks(text: str) -> dict[str, str]:
    """Return the seed's top-level blocks by key, each with the comment lines just above it."""
    blocks: dict[str, str] = {}
    key, pending = "", ""
    for line in text.splitlines(keepends=True):
        found = re.match(r"([^\s#][^:\n]*):", line)
        if found:
            key = found.group(1)
            blocks[key], pending = pending + line, ""
        elif line.startswith("#") or not key:
            pending += line
        else:
            blocks[key], pending = blocks[key] + pending + line, ""
    return blocks


def split_seed(folder: Path) -> Path:
    """Write the seed as a profile (its constant parts) and a minimal case; return the case."""
    blocks = _blocks(SEED_CASE.read_text(encoding="utf-8"))
    beredning_text, behandlat = blocks.pop("beredning").split("  behandlat:\n")
    profile = "".join(blocks.pop(k) for k in CONSTANT) + beredning_text
    (folder / PROFILE).write_text(profile, encoding="utf-8")
    case = "".join(blocks.values()) + "beredning:\n  behandlat:\n" + behandlat
    path = folder / "kort.yaml"
    path.write_text(case, encoding="utf-8")
    return path


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def header_texts(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.sections[0].header.paragraphs]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = """\
sammanträde: 2021-12-16
datum: 2021-12-02
remiss:
  från: kommunstyrelsen
  ärende: Motion om något
sammanfattning: Sammanfattningen.
ärendet: Ärendet.
synpunkter: Synpunkterna.
"""

PROFILE_TEXT = """\
förvaltning: Förvaltningen i profilen
avdelning: Avdelningen i profilen
nämnd: Södermalms stadsdelsnämnd
handläggare:
  namn: Profilens handläggare
  telefon: 08-111 11 11
underskrifter:
  - namn: Profilens direktör
    titel: Stadsdelsdirektör
sidfot:
  - Profilens sidfot
"""


def test_the_split_seed_really_moves_the_constant_parts(tmp_path: Path) -> None:
    case = split_seed(tmp_path).read_text(encoding="utf-8")
    profile = (tmp_path / PROFILE).read_text(encoding="utf-8")
    for key in CONSTANT:
        assert re.search(rf"^{key}:", profile, re.M) and not re.search(rf"^{key}:", case, re.M)
    assert "Ärendet har beretts" in profile and "Ärendet har beretts" not in case
    assert "rådet för funktionshinderfrågor" in case


def test_profile_and_minimal_case_build_the_same_document_as_the_full_case(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    full = tmp_path / "full.docx"
    build(run, SEED_CASE, full)
    short = tmp_path / "kort.docx"
    result = run("bygg", split_seed(tmp_path), "-o", short)
    assert result.code == 0, result.err
    assert result.out.strip() == str(short)  # standard output carries only the written path
    expected, got = members(full), members(short)
    assert sorted(got) == sorted(expected)
    for name in expected:
        assert got[name] == expected[name], name


def test_the_profile_is_found_in_a_parent_folder_and_only_the_nearest_is_used(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    write(tmp_path / PROFILE, PROFILE_TEXT + "diarienummer: FRÅN LÅNGT BORT\n")
    near = write(tmp_path / "stab" / PROFILE, PROFILE_TEXT.replace("i profilen", "närmast"))
    case = write(tmp_path / "stab" / "2021" / "december" / "fall.yaml", MINIMAL)
    document = build(run, case, tmp_path / "ut.docx")
    header = header_texts(document)
    assert "Förvaltningen närmast\tTjänsteutlåtande" in header
    assert not any("FRÅN LÅNGT BORT" in line for line in header)  # only the nearest profile
    assert body_paragraphs(document)[:3] == ["Handläggare", "Profilens handläggare",
                                             "Telefon: 08-111 11 11"]
    result = run("kontrollera", case)
    assert result.code == 0
    assert result.out == f"{case}: inga fel\n"
    assert result.err == f"{case}: använder profilen {near}\n"


def test_profil_option_replaces_the_discovered_profile(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    write(tmp_path / PROFILE, PROFILE_TEXT + "diarienummer: UPPTÄCKT\n")
    other = write(tmp_path / "annan" / "profil.yaml",
                  PROFILE_TEXT.replace("i profilen", "från --profil"))
    case = write(tmp_path / "fall.yaml", MINIMAL)
    out = tmp_path / "ut.docx"
    result = run("bygg", case, "-o", out, "--profil", other)
    assert result.code == 0, result.err
    assert result.err == f"{case}: använder profilen {other}\n"
    header = header_texts(docx.Document(str(out)))
    assert "Förvaltningen från --profil\tTjänsteutlåtande" in header
    assert not any("UPPTÄCKT" in line for line in header)


def test_a_missing_profil_file_is_an_invalid_input(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    case = write(tmp_path / "fall.yaml", MINIMAL)
    result = run("kontrollera", case, "--profil", tmp_path / "finns-inte.yaml")
    assert result.code == 1
    assert result.err.startswith(f"{tmp_path / 'finns-inte.yaml'}:1:1: fel: filen ")


def test_a_broken_profile_is_reported_at_its_places_in_the_profile_file(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    profile = write(tmp_path / PROFILE, """\
förvaltnig: Södermalms stadsdelsförvaltning
nämnd: Södermalms stadsdelsnämnd
handläggare:
  - Christina
underskrifter:
  - namn: Ann-Christine Jenvén
beredning:
  text: Beredd av {{ avdelningen }}.
färg: blå
""")
    case = write(tmp_path / "fall.yaml", MINIMAL)
    result = run("kontrollera", case)
    assert result.code == 1
    lines = [line for line in result.err.splitlines() if not line.startswith("    tips:")]
    assert all(line.startswith(f"{profile}:") for line in lines), lines
    for expected in (
            f"{profile}:1:1: fel: okänd nyckel 'förvaltnig'. Menade du 'förvaltning'?",
            f"{profile}:4:3: fel: 'handläggare' ska vara en grupp nycklar (indragna rader med "
            "'nyckel: värde'), men är en lista (rader som börjar med '- ')",
            f"{profile}:6:5: fel: 'titel' saknas i 'underskrifter 1' men måste finnas",
            f"{profile}:9:7: fel: 'blå' är ingen färg; skriv #RRGGBB inom citattecken, "
            "till exempel \"#0066CC\""):
        assert expected in lines


def test_a_field_neither_file_gives_is_missing_at_the_case(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    write(tmp_path / PROFILE, PROFILE_TEXT.replace("förvaltning:", "kommun:"))
    case = write(tmp_path / "fall.yaml", MINIMAL)
    result = run("kontrollera", case)
    assert result.code == 1
    assert result.err.splitlines()[0] == f"{case}:1:1: fel: 'förvaltning' saknas men måste finnas"


def test_jinja_in_a_profile_is_rendered_with_the_case_and_errors_point_into_the_profile(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    profile = write(tmp_path / PROFILE, PROFILE_TEXT + "beredning:\n  text: |\n"
                    "    Beredd inför {{ nämnd }} den {{ sammanträde | långt_datum }}.\n")
    case = write(tmp_path / "fall.yaml", MINIMAL)
    document = build(run, case, tmp_path / "ut.docx")
    assert "Beredd inför Södermalms stadsdelsnämnd den 16 december 2021." in body_paragraphs(
        document)
    write(profile, PROFILE_TEXT + "beredning:\n  text: Beredd av {{ avdelningen }}.\n")
    result = run("kontrollera", case)
    assert result.code == 1
    assert result.err.startswith(f"{profile}:13:9: fel: 'avdelningen' finns inte i ärendet")


def test_a_profile_yaml_error_is_located_in_the_profile(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    profile = write(tmp_path / PROFILE, "förvaltning: A\nnämnd: 'B\n")
    case = write(tmp_path / "fall.yaml", MINIMAL)
    result = run("bygg", case, "-o", tmp_path / "ut.docx")
    assert result.code == 1
    assert result.err.startswith(f"{profile}:2:8: fel: YAML-fel: ")
    assert not (tmp_path / "ut.docx").exists()


def test_case_overrides_mappings_merge_lists_replace_and_empty_text_clears(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    make_png(tmp_path / "logotyp.png")
    write(tmp_path / PROFILE, PROFILE_TEXT + """\
logotyp:
  fil: logotyp.png
  alt: Profilens logotyp
beredning:
  text: Beredd i profilen.
""")
    case = write(tmp_path / "fall.yaml", MINIMAL + """\
handläggare:
  telefon: 08-222 22 22
underskrifter:
  - namn: Ärendets direktör
    titel: Förvaltningschef
avdelning: ""
logotyp: ""
beredning:
""")
    document = build(run, case, tmp_path / "ut.docx")
    paragraphs = body_paragraphs(document)
    assert paragraphs[:3] == ["Handläggare", "Profilens handläggare", "Telefon: 08-222 22 22"]
    assert "Ärendets direktör" in paragraphs and "Profilens direktör" not in paragraphs
    assert "Ärendets beredning" not in paragraphs and "Beredd i profilen." not in paragraphs
    header = header_texts(document)
    assert not any("Avdelningen" in line for line in header)
    assert not list(document.sections[0].header._element.iter(f"{W}drawing"))


def test_a_profile_logo_is_relative_to_the_profile_and_carries_its_alt_text(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    (tmp_path / "bilder").mkdir()
    make_png(tmp_path / "bilder" / "logotyp.png")
    write(tmp_path / PROFILE, PROFILE_TEXT + "logotyp:\n  fil: bilder/logotyp.png\n"
                                             "  alt: Stockholms stad\n")
    case = write(tmp_path / "ärenden" / "fall.yaml", MINIMAL)
    document = build(run, case, tmp_path / "ut.docx")
    header = document.sections[0].header._element
    descr = [el.get("descr") for el in header.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert descr == ["Stockholms stad"]
    assert any(n.startswith("word/media/logotyp.png") for n in members(tmp_path / "ut.docx"))


def test_a_profile_may_leave_out_required_fields_but_list_items_stay_complete(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    profile = write(tmp_path / PROFILE, "handläggare:\n  telefon: 08-1\n")
    case = write(tmp_path / "fall.yaml", MINIMAL + PROFILE_TEXT.split("handläggare:")[0]
                 + "handläggare:\n  namn: N\nunderskrifter:\n  - namn: U\n    titel: T\n")
    result = run("kontrollera", case)
    assert result.code == 0, result.err
    assert result.err == f"{case}: använder profilen {profile}\n"


@pytest.mark.parametrize("where", ["profile", "case"])
def test_a_template_path_is_relative_to_the_file_that_names_it(
        tmp_path: Path, run: Callable[..., Result], where: str) -> None:
    result = run("mall", "kopiera", "neutral", tmp_path / "mallar" / "egen.docx")
    assert result.code == 0, result.err
    if where == "profile":
        write(tmp_path / PROFILE, PROFILE_TEXT + "mall: mallar/egen.docx\n")
        case = write(tmp_path / "ärenden" / "fall.yaml", MINIMAL)
    else:
        write(tmp_path / PROFILE, PROFILE_TEXT)
        case = write(tmp_path / "ärenden" / "fall.yaml", MINIMAL + "mall: ../mallar/egen.docx\n")
    document = build(run, case, tmp_path / "ut.docx")
    assert document.sections[0].header.tables  # the neutral layout: a header table


def test_an_unknown_template_in_the_profile_is_reported_at_the_profile(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    profile = write(tmp_path / PROFILE, PROFILE_TEXT + "mall: nautral\n")
    case = write(tmp_path / "fall.yaml", MINIMAL)
    result = run("kontrollera", case)
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f"{profile}:12:7: fel: mallen 'nautral' finns inte. Menade du 'neutral'?")


@pytest.mark.parametrize("with_profile", [False, True])
def test_a_missing_key_says_when_no_profile_was_found(
        tmp_path: Path, run: Callable[..., Result], with_profile: bool) -> None:
    """förvaltning, nämnd, handläggare and underskrifter usually come from a profile; a case
    away from its profile is told that none was found."""
    if with_profile:
        (tmp_path / PROFILE).write_text("kommun: Ekby kommun\n", encoding="utf-8")
    text = SEED_CASE.read_text(encoding="utf-8")
    case = tmp_path / "fall.yaml"
    case.write_text(re.sub(r"(?m)^nämnd: .*\n", "", text), encoding="utf-8")
    result = run("kontrollera", case)
    assert result.code == 1
    line = next(x for x in result.err.splitlines() if "'nämnd' saknas" in x)
    assert line.startswith(f"{case}:1:1: fel: 'nämnd' saknas men måste finnas")
    note = "ingen remissgen-profil.yaml hittades i mappen eller ovanför"
    assert (note in line) is not with_profile
