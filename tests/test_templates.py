"""Word templates: the built-in ones, `mallar`, `mall kopiera`, `mall kontrollera`, and the
same cases built with both layouts."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from remissgen.word.templating import VOCABULARY, contrast_on_white

from .accessibility import check_accessibility
from .conftest import ROOT, SEED_CASE, Result, W, body_paragraphs, build, case_copy

EXAMPLE = ROOT / "docs" / "exempel"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
BUILTINS = ("stockholm", "neutral")


def edit(path: Path, part: str, change: Callable[[str], str]) -> None:
    """Rewrite one part of the .docx at `path`, as Word would when saving."""
    with zipfile.ZipFile(path) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    before = members[part].decode("utf-8")
    after = change(before)
    assert after != before, "the edit changed nothing"
    members[part] = after.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def copy_builtin(run: Callable[..., Result], name: str, target: Path) -> Path:
    result = run("mall", "kopiera", name, target)
    assert result.code == 0, result.err
    return target


def problems(result: Result) -> list[str]:
    """Return the problem lines of a run, hints left out."""
    return [line for line in result.err.splitlines() if not line.startswith("    tips:")]


def split_run(xml: str, placeholder: str, at: int) -> str:
    """Return `xml` with `placeholder` split into two runs at `at`, with Word's proofing marks."""
    head, tail = placeholder[:at], placeholder[at:]
    return xml.replace(
        f'<w:t xml:space="preserve">{placeholder}</w:t></w:r>',
        f'<w:t xml:space="preserve">{head}</w:t></w:r><w:proofErr w:type="spellStart"/>'
        f'<w:r><w:rPr><w:lang w:val="sv-SE"/></w:rPr><w:t xml:space="preserve">{tail}</w:t></w:r>'
        '<w:proofErr w:type="spellEnd"/>', 1)


# --- mallar and mall kopiera -------------------------------------------------------------------


def test_mallar_lists_each_builtin_with_a_swedish_description(run: Callable[..., Result]) -> None:
    result = run("mallar")
    assert result.code == 0
    lines = result.out.splitlines()
    assert [line.split()[0] for line in lines] == list(BUILTINS)
    for line in lines:
        description = line.split(None, 1)[1]
        assert len(description) > 20 and re.search(r"[åäö]", description)


@pytest.mark.parametrize("name", BUILTINS)
def test_every_builtin_passes_its_own_check(run: Callable[..., Result], name: str) -> None:
    result = run("mall", "kontrollera", name)
    assert result.code == 0, result.err
    assert result.out.endswith(f"{name}.docx: mallen har inga fel\n")


def test_mall_kopiera_copies_and_never_overwrites(tmp_path: Path,
                                                  run: Callable[..., Result]) -> None:
    target = copy_builtin(run, "neutral", tmp_path / "egen.docx")
    assert target.read_bytes() == (ROOT / "templates" / "neutral.docx").read_bytes()
    target.write_bytes(b"administratorens arbete")
    result = run("mall", "kopiera", "stockholm", target)
    assert result.code == 3
    assert problems(result) == [
        f"{target}:1:1: fel: '{target}' finns redan; remissgen mall kopiera skriver aldrig "
        "över en fil"]
    assert target.read_bytes() == b"administratorens arbete"
    folder = tmp_path / "mallar"
    folder.mkdir()
    result = run("mall", "kopiera", "stockholm", folder)
    assert result.code == 0 and result.out == f"{folder / 'stockholm.docx'}\n"


def test_mall_kopiera_an_unknown_name_suggests_a_builtin(tmp_path: Path,
                                                         run: Callable[..., Result]) -> None:
    result = run("mall", "kopiera", "stokholm", tmp_path / "x.docx")
    assert result.code == 1
    assert problems(result) == ["stokholm:1:1: fel: mallen 'stokholm' finns inte. "
                                "Menade du 'stockholm'?"]
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize(("target", "written"), [
    ("mallar/", "mallar/stockholm.docx"),  # a folder that does not exist yet: created
    ("nya/mallar/", "nya/mallar/stockholm.docx"),
    ("egen.docx", "egen.docx"),
])
def test_mall_kopiera_a_trailing_slash_is_a_folder(
        tmp_path: Path, run: Callable[..., Result], target: str, written: str) -> None:
    result = run("mall", "kopiera", "stockholm", f"{tmp_path}/{target}")
    assert result.code == 0, result.err
    assert (tmp_path / written).read_bytes() == (ROOT / "templates" / "stockholm.docx").read_bytes()
    assert result.out == f"{tmp_path / written}\n"


@pytest.mark.parametrize(("target", "words"), [
    ("mallar", ["'{t}' är varken en .docx-fil eller en mapp som finns", "{t}/ med ett snedstreck"]),
    ("egen.dotx", ["är en Word-mall (.dotx)", "kopiera till egen.docx"]),
    ("egen.docm", ["med makron", "kopiera till egen.docx"]),
])
def test_mall_kopiera_refuses_what_is_no_docx_or_folder(
        tmp_path: Path, run: Callable[..., Result], target: str, words: list[str]) -> None:
    """`mall kopiera neutral mallar` once made a file named 'mallar'; a .dotx is refused, as
    docs/mallar.md says not to use one."""
    result = run("mall", "kopiera", "neutral", f"{tmp_path}/{target}")
    assert result.code == 2
    for word in words:
        assert word.format(t=f"{tmp_path}/{target}") in result.err
    assert list(tmp_path.iterdir()) == []


def test_mall_kopiera_copies_a_docx_template_of_ones_own(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    own = copy_builtin(run, "neutral", tmp_path / "test.docx")
    result = run("mall", "kopiera", own, tmp_path / "kopia.docx")
    assert result.code == 0, result.err
    assert (tmp_path / "kopia.docx").read_bytes() == own.read_bytes()
    (tmp_path / "gammal.dotx").write_bytes(own.read_bytes())
    refused = run("mall", "kopiera", tmp_path / "gammal.dotx", tmp_path / "ny.docx")
    assert refused.code == 1 and "Spara som" in refused.err and "gammal.docx" in refused.err
    assert not (tmp_path / "ny.docx").exists()


# --- mall kontrollera: what Word does to a template --------------------------------------------


def test_a_placeholder_split_by_word_and_a_renamed_style_report_only_the_style(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    template = copy_builtin(run, "stockholm", tmp_path / "egen.docx")
    edit(template, "word/header1.xml", lambda xml: split_run(xml, "{{ förvaltning }}", 6))
    edit(template, "word/styles.xml",
         lambda xml: xml.replace('<w:name w:val="heading 2"/>', '<w:name w:val="Avsnitt"/>'))
    result = run("mall", "kontrollera", template)
    assert result.code == 1
    assert problems(result) == [
        f"{template}:1:1: fel: stilen 'heading 2' (Rubrik 2) saknas i mallen; brödtexten "
        "använder den till avsnittens rubriker"]
    case = tmp_path / "fall.yaml"
    case.write_text(SEED_CASE.read_text(encoding="utf-8") + "mall: egen.docx\n", encoding="utf-8")
    result = run("bygg", case, "-o", tmp_path / "ut.docx")
    assert result.code == 1  # bygg refuses the template rather than lose the headings
    assert problems(result) == [line.replace(str(template), str(template.resolve()))
                                for line in problems(run("mall", "kontrollera", template))]
    assert not (tmp_path / "ut.docx").exists()


def test_a_placeholder_split_across_runs_is_filled(tmp_path: Path,
                                                   run: Callable[..., Result]) -> None:
    template = copy_builtin(run, "stockholm", tmp_path / "egen.docx")
    edit(template, "word/header1.xml", lambda xml: split_run(xml, "{{ förvaltning }}", 6))
    edit(template, "word/footer1.xml",
         lambda xml: xml.replace('join("\\n")', "join(”\\n”)"))  # Word's typographic quotes
    assert run("mall", "kontrollera", template).code == 0
    case = tmp_path / "fall.yaml"
    case.write_text(SEED_CASE.read_text(encoding="utf-8") + "mall: egen.docx\n", encoding="utf-8")
    document = build(run, case, tmp_path / "ut.docx")
    header = [p.text for p in document.sections[0].header.paragraphs]
    assert "Södermalms stadsdelsförvaltning\tTjänsteutlåtande" in header
    assert document.sections[0].footer.paragraphs[0].text.split("\n")[0] == (
        "Södermalms stadsdelsförvaltning")


def test_an_unknown_placeholder_is_located_by_part_paragraph_and_column(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    template = copy_builtin(run, "stockholm", tmp_path / "egen.docx")
    edit(template, "word/header1.xml",
         lambda xml: split_run(xml.replace("{{ förvaltning }}", "{{ förvaltnig }}"),
                               "{{ förvaltnig }}", 4))
    result = run("mall", "kontrollera", template)
    assert result.code == 1
    assert problems(result) == [
        f"{template}:2:4: fel: sidhuvudet, stycke 2: okänd platshållare "
        "'förvaltnig'. Menade du 'förvaltning'?"]


def test_jinja_syntax_errors_and_unfillable_placeholders_are_reported_where_they_are(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    template = copy_builtin(run, "stockholm", tmp_path / "egen.docx")
    edit(template, "word/header1.xml",
         lambda xml: xml.replace(
             '{% if diarienummer %}Dnr {{ diarienummer|egenskap("Diarienummer") }}{% endif %}',
             "{% if diarienummer %}Dnr {{ diarienummer }}")
         .replace('{{ datum|egenskap("Datum") }}', "{{ handläggare.titel }}"))
    edit(template, "word/footer1.xml", lambda xml: xml.replace("sidfot|join", "sidfot|samman"))
    edit(template, "word/document.xml",
         lambda xml: xml.replace("{{ innehåll }}", "{{ rubrik }}"))
    result = run("mall", "kontrollera", template)
    assert result.code == 1
    assert problems(result) == [
        f"{template}:1:1: fel: sidfoten, stycke 1: mallfel i "
        "'{{ sidfot|samman(\"\\n\") }}': filtret 'samman' finns inte",
        f"{template}:1:4: fel: dokumentets text, stycke 1: platshållaren 'rubrik' kan inte fyllas: "
        "brödtexten skapas av remissgen och ersätter allt som står där",
        f"{template}:3:1: fel: sidhuvudet, stycke 3: mallfel i '"
        "{{ avdelning }} "
        "{% if diarienummer %}Dnr {{ diarienummer }}': blocket {% if %} avslutas aldrig; "
        "skriv {% endif %} i samma stycke",
        f"{template}:4:5: fel: sidhuvudet, stycke 4: platshållaren "
        "'handläggare.titel' kan inte fyllas: det finns inget 'titel' under 'handläggare'",
    ]


def test_a_file_that_is_not_a_word_document(tmp_path: Path, run: Callable[..., Result]) -> None:
    fake = tmp_path / "mall.docx"
    fake.write_text("inte en zip", encoding="utf-8")
    result = run("mall", "kontrollera", fake)
    assert result.code == 1
    assert problems(result) == [f"{fake}:1:1: fel: '{fake}' är ingen Word-fil (.docx): filen "
                                "är inte ett zip-paket"]
    result = run("mall", "kontrollera", tmp_path / "saknas.docx")
    assert result.code == 1
    assert "mallen" in result.err and "saknas.docx" in result.err


# --- both built-in templates build the same cases ----------------------------------------------


def _cases(folder: Path) -> dict[str, Path]:
    """Return the seed, a test case and the docs' example, copied into `folder`."""
    example = folder / "exempel"
    shutil.copytree(EXAMPLE, example)
    return {"seed": SEED_CASE, "socialnamnden": case_copy("socialnamnden.yaml", folder),
            "exempel": example / "anhoriga.yaml"}


@pytest.mark.parametrize("case", ["seed", "socialnamnden", "exempel"])
def test_each_case_builds_with_both_builtins_and_passes_the_accessibility_checks(
        tmp_path: Path, run: Callable[..., Result], case: str) -> None:
    path = _cases(tmp_path)[case]
    documents = {}
    original = path.parent / "remissgen-profil.yaml"
    text = original.read_text(encoding="utf-8") if original.exists() else ""
    folder = tmp_path if path == SEED_CASE else path.parent  # the logo stays beside the profile
    for name in BUILTINS:
        profile = folder / f"{name}-profil.yaml"
        profile.write_text(re.sub(r"(?m)^mall:.*\n", "", text) + f"mall: {name}\n",
                           encoding="utf-8")
        out = tmp_path / f"{case}-{name}.docx"
        result = run("bygg", path, "-o", out, "--profil", profile)
        assert result.code == 0, result.err
        assert check_accessibility(out) == []
        documents[name] = docx.Document(str(out))
    stockholm, neutral = documents["stockholm"], documents["neutral"]
    assert body_paragraphs(stockholm) == body_paragraphs(neutral)
    assert not stockholm.sections[0].header.tables
    assert len(neutral.sections[0].header.tables) == 1  # a different header layout


def test_neutral_takes_kommun_logo_and_colour_from_the_profile(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    case = _cases(tmp_path)["exempel"]
    out = tmp_path / "ut.docx"
    document = build(run, case, out)
    header = document.sections[0].header
    cells = [[p.text for p in c.paragraphs] for c in header.tables[0].rows[0].cells]
    assert cells == [["", "Ekby kommun", "Socialförvaltningen", "Avdelningen för vård och omsorg"],
                     ["Tjänsteutlåtande", "Dnr SN 2024/112", "Datum 2024-03-05", "Sida 1 (1)"]]
    assert [d.get("descr") for d in header._element.iter(f"{WP}docPr")] == ["Ekby kommun"]
    colours = _heading_colours(out)
    assert colours == {"heading 1": "1F6E43", "heading 2": "1F6E43"}
    assert "1F4E79" not in zipfile.ZipFile(out).read("word/header1.xml").decode()


def test_without_färg_the_template_keeps_its_own_accent(tmp_path: Path,
                                                        run: Callable[..., Result]) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("mall: neutral\n", encoding="utf-8")
    out = tmp_path / "ut.docx"
    assert run("bygg", SEED_CASE, "-o", out, "--profil", profile).code == 0
    assert _heading_colours(out) == {"heading 1": "1F4E79", "heading 2": "1F4E79"}


def test_a_light_colour_is_darkened_to_readable_contrast(tmp_path: Path,
                                                         run: Callable[..., Result]) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text('mall: neutral\nfärg: "#FFD700"\n', encoding="utf-8")
    out = tmp_path / "ut.docx"
    assert run("bygg", SEED_CASE, "-o", out, "--profil", profile).code == 0
    colour = _heading_colours(out)["heading 2"]
    assert colour != "FFD700"
    assert 4.5 <= contrast_on_white(colour) < 4.8  # darkened just enough, hue kept
    r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    assert b == 0 and r > g > 0


def _heading_colours(path: Path) -> dict[str, str]:
    document = docx.Document(str(path))
    out = {}
    for style in document.styles:
        if style.name in ("Heading 1", "Heading 2"):
            colour = style.element.find(f"{W}rPr/{W}color")
            out[style.name.lower()] = colour.get(f"{W}val") if colour is not None else ""
    return out


# --- the administrator's document --------------------------------------------------------------


def test_mallar_md_documents_every_placeholder_and_shows_each_page_one() -> None:
    text = (ROOT / "docs" / "mallar.md").read_text(encoding="utf-8")
    for name in VOCABULARY:
        assert f"`{name}`" in text or f"{{{{ {name}" in text, name
    images = re.findall(r"!\[[^\]]+\]\(([^)]+\.png)\)", text)
    assert len(images) >= 4
    for image in images:
        assert (ROOT / "docs" / image).is_file(), image


def test_the_contracts_filters_work_in_a_template(tmp_path: Path,
                                                  run: Callable[..., Result]) -> None:
    template = copy_builtin(run, "stockholm", tmp_path / "egen.docx")
    edit(template, "word/header1.xml", lambda xml: xml.replace(
        '{{ datum|egenskap("Datum") }}',
        "{{ sammanträde|långt_datum }} · {{ remiss.även_till[:3]|lista }}"))
    assert run("mall", "kontrollera", template).code == 0
    case = tmp_path / "fall.yaml"
    case.write_text(SEED_CASE.read_text(encoding="utf-8") + "mall: egen.docx\n", encoding="utf-8")
    document = build(run, case, tmp_path / "ut.docx")
    header = [p.text for p in document.sections[0].header.paragraphs]
    assert ("\t16 december 2021 · stadsledningskontoret, arbetsmarknadsnämnden och "
            "socialnämnden") in header


# --- the formatting of each run in a placeholder paragraph (issue 18, item 28) ---------------

_DNR = '{% if diarienummer %}Dnr {{ diarienummer|egenskap("Diarienummer") }}{% endif %}'


def _r(text: str, props: str = "") -> str:
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _header_runs(path: Path, contains: str) -> list[tuple[str, str]]:
    """Return (text, its run's formatting: b, i, u joined) of each text run in the built
    header paragraph whose text holds `contains`."""
    from lxml import etree

    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/header1.xml"))
    for p in root.iter(f"{W}p"):
        if contains in "".join(t.text or "" for t in p.iter(f"{W}t")):
            out = []
            for r in p.iter(f"{W}r"):
                text = "".join("\t" if t.tag == f"{W}tab" else t.text or ""
                               for t in r.iter(f"{W}t", f"{W}tab"))
                if text:
                    rpr = r.find(f"{W}rPr")
                    out.append((text, "".join(
                        tag for tag in "biu" if rpr is not None and rpr.find(f"{W}{tag}") is not None)))
            return out
    raise AssertionError(f"no header paragraph holds {contains!r}")


@pytest.mark.parametrize(("old", "runs", "contains", "expected"), [
    pytest.param(  # the issue's own case: "Dnr " plain, the number bold
        _DNR, _r("{% if diarienummer %}Dnr ") + _r('{{ diarienummer|egenskap("Diarienummer") }}',
                                                   "<w:b/>") + _r("{% endif %}"),
        "SÖD", [("Stabs- och kansliavdelningen\tDnr ", ""), ("SÖD 2021/1234", "b")],
        id="dnr-plain-number-bold"),
    pytest.param(  # the label bold, the number as the paragraph is
        _DNR, _r("{% if diarienummer %}") + _r("Dnr ", "<w:b/>")
        + _r('{{ diarienummer|egenskap("Diarienummer") }}{% endif %}'),
        "SÖD", [("Stabs- och kansliavdelningen\t", ""), ("Dnr ", "b"), ("SÖD 2021/1234", "")],
        id="label-bold"),
    pytest.param(  # a placeholder Word split across runs: its first character's formatting
        "{{ förvaltning }}", _r("{{ förv", "<w:i/>") + _r("altning }}", "<w:b/>"),
        "Södermalms", [("Södermalms stadsdelsförvaltning", "i"), ("\tTjänsteutlåtande", "")],
        id="split-placeholder-first-character"),
    pytest.param(  # formatting changing inside plain text, around a placeholder
        "{{ förvaltning }}", _r("Av ", "<w:u w:val=\"single\"/>") + _r("{{ förvaltning }}")
        + _r(" (", "<w:i/>") + _r("{{ kommun }}", "<w:b/>") + _r(")", "<w:i/>"),
        "Södermalms", [("Av ", "u"), ("Södermalms stadsdelsförvaltning", ""), (" (", "i"),
                       ("Stockholms stad", "b"), (")", "i"), ("\tTjänsteutlåtande", "")],
        id="text-and-two-placeholders"),
])
def test_each_run_of_a_placeholder_paragraph_keeps_its_formatting(
        tmp_path: Path, run: Callable[..., Result], old: str, runs: str, contains: str,
        expected: list[tuple[str, str]]) -> None:
    template = copy_builtin(run, "stockholm", tmp_path / "egen.docx")
    edit(template, "word/header1.xml", lambda xml: xml.replace(
        f'<w:r><w:t xml:space="preserve">{old}</w:t></w:r>', runs))
    assert run("mall", "kontrollera", template).code == 0
    case = tmp_path / "fall.yaml"
    case.write_text(SEED_CASE.read_text(encoding="utf-8") + "mall: egen.docx\n", encoding="utf-8")
    build(run, case, tmp_path / "ut.docx")
    assert _header_runs(tmp_path / "ut.docx", contains) == expected


# --- a template problem names its place as Word shows it (issue 18, item 15) ------------------

def _first_page(xml: str) -> str:
    """document.xml with the header and footer used as the first page's (Word's "Annorlunda
    första sida")."""
    return xml.replace('w:type="default"', 'w:type="first"').replace(
        "</w:sectPr>", "<w:titlePg/></w:sectPr>")


def _even_pages(xml: str) -> str:
    return xml.replace('<w:headerReference w:type="default"', '<w:headerReference w:type="even"')


@pytest.mark.parametrize(("builtin", "part", "old", "new", "document", "settings", "place"), [
    pytest.param("stockholm", "word/header1.xml", "{{ förvaltning }}", "{{ förvaltnig }}",
                 None, None, "2:4: fel: sidhuvudet, stycke 2", id="header"),
    pytest.param("stockholm", "word/header1.xml", "{{ förvaltning }}", "{{ förvaltnig }}",
                 _first_page, None, "2:4: fel: sidhuvudet på första sidan, stycke 2",
                 id="first-page-header"),
    pytest.param("stockholm", "word/header1.xml", "{{ förvaltning }}", "{{ förvaltnig }}",
                 _even_pages, lambda xml: xml.replace(
                     "</w:settings>", "<w:evenAndOddHeaders/></w:settings>"),
                 "2:4: fel: sidhuvudet på jämna sidor, stycke 2", id="even-pages-header"),
    pytest.param("stockholm", "word/footer1.xml", "sidfot|join", "sidfott|join",
                 None, None, "1:4: fel: sidfoten, stycke 1", id="footer"),
    pytest.param("stockholm", "word/footer1.xml", "sidfot|join", "sidfott|join",
                 _first_page, None, "1:4: fel: sidfoten på första sidan, stycke 1",
                 id="first-page-footer"),
    pytest.param("stockholm", "word/document.xml", "{{ innehåll }}", "{{ innehål }}",
                 None, None, "1:4: fel: dokumentets text, stycke 1", id="body"),
    pytest.param("neutral", "word/header1.xml", "{{ avdelning }}", "{{ avdelnig }}",
                 None, None, "4:4: fel: sidhuvudet, tabell 1, rad 1, cell 1, stycke 4",
                 id="table-cell-1"),
    pytest.param("neutral", "word/header1.xml", "Datum {{ datum", "Datum {{ datun",
                 None, None, "7:10: fel: sidhuvudet, tabell 1, rad 1, cell 2, stycke 3",
                 id="table-cell-2-counts-its-own-paragraphs"),
])
def test_a_template_problem_names_its_place_as_word_shows_it(
        tmp_path: Path, run: Callable[..., Result], builtin: str, part: str, old: str, new: str,
        document: Callable[[str], str] | None, settings: Callable[[str], str] | None,
        place: str) -> None:
    template = copy_builtin(run, builtin, tmp_path / "egen.docx")
    edit(template, part, lambda xml: xml.replace(old, new))
    if document is not None:
        edit(template, "word/document.xml", document)
    if settings is not None:
        edit(template, "word/settings.xml", settings)
    result = run("mall", "kontrollera", template)
    assert result.code == 1
    found = problems(result)
    assert len(found) == 1 and found[0].startswith(f"{template}:{place}: "), found
    assert ".xml" not in result.err


@pytest.mark.parametrize(("document", "place"), [
    (None, "sidhuvudet"), (_first_page, "sidhuvudet på första sidan")])
def test_a_template_that_fails_while_filled_names_the_header_as_word_shows_it(
        tmp_path: Path, run: Callable[..., Result], document: Callable[[str], str] | None,
        place: str) -> None:
    template = copy_builtin(run, "stockholm", tmp_path / "egen.docx")
    edit(template, "word/header1.xml", lambda xml: xml.replace(
        '{{ datum|egenskap("Datum") }}', "{{ datum + 1 }}"))
    if document is not None:
        edit(template, "word/document.xml", document)
    assert run("mall", "kontrollera", template).code == 0  # reading cannot tell
    case = tmp_path / "fall.yaml"
    case.write_text(SEED_CASE.read_text(encoding="utf-8") + "mall: egen.docx\n", encoding="utf-8")
    result = run("bygg", case, "-o", tmp_path / "ut.docx")
    assert result.code == 1 and not (tmp_path / "ut.docx").exists()
    assert f"fel: {place}, stycke 4: en platshållare gick inte att fylla i: " in result.err
    assert ".xml" not in result.err
