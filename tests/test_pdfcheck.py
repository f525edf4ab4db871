"""The PDF check: PDF/A-2b and PDF/UA-1 as built, and each rule fed a PDF that breaks it.

The good PDFs are built by LibreOffice (skipped where it is missing, except under CI); each
broken one is that PDF changed with pikepdf in the one place its rule looks at.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

from remissgen import pdf, pdfcheck, pdfmeta

from .conftest import CASES, SEED_CASE, Result, case_copy

if pdf.find() is None:
    if os.environ.get("CI") == "true":
        raise RuntimeError("LibreOffice saknas i CI; .ci/run ska installera det")
    pytest.skip("LibreOffice är inte installerat", allow_module_level=True)

TEMPLATES = ("stockholm", "neutral")
NAMES = ("seed", "minimal", "socialnamnden", "kultur-och-fritid")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Build the seed and every test case with both built-in templates, one --pdf batch each."""
    from remissgen.cli import main

    out = {}
    for template in TEMPLATES:
        folder = tmp_path_factory.mktemp(template)
        cases = [Path(shutil.copy(SEED_CASE, folder / "sociala-foretag.yaml")),
                 *(case_copy(f"{n}.yaml", folder) for n in NAMES[1:])]
        for case in cases:
            with case.open("a", encoding="utf-8") as f:
                f.write(f"\nmall: {template}\n")
        assert main(["bygg", "--pdf", *map(str, cases)]) == 0
        for name, case in zip(NAMES, cases, strict=True):
            out[(name, template)] = case.with_suffix(".pdf")
    return out


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("name", NAMES)
def test_every_built_pdf_passes_the_check(built: dict[tuple[str, str], Path], name: str,
                                          template: str) -> None:
    assert pdfcheck.check(built[(name, template)]) == []


@pytest.mark.parametrize("template", TEMPLATES)
def test_the_seed_has_no_table_and_every_list_item_is_labelled(
        built: dict[tuple[str, str], Path], template: str) -> None:
    with pikepdf.open(built[("socialnamnden", template)]) as document:
        roles = [e.role for e in pdfcheck.walk(pdfcheck.structure_tree(document))]
    assert "Table" not in roles and "TD" not in roles
    assert roles.count("LI") >= 2 and roles.count("LI") == roles.count("Lbl") == roles.count(
        "LBody")


def test_the_metadata_is_the_cases_and_none_of_the_templates(
        built: dict[tuple[str, str], Path]) -> None:
    with pikepdf.open(built[("seed", "stockholm")]) as document:
        info = {k: str(v) for k, v in document.docinfo.items()}
        xmp = document.Root.Metadata.read_bytes().decode("utf-8")
        assert str(document.Root.Lang) == "sv-SE"
    assert info["/Title"] == "Remiss av Motion om att ta tillvara de sociala företagen i Stockholm"
    assert info["/Author"] == "Södermalms stadsdelsförvaltning"
    assert info["/Subject"] == "Motion om att ta tillvara de sociala företagen i Stockholm"
    assert info["/Keywords"] == "SÖD 2021/1234"  # one keyword, not "SÖD, 2021/1234"
    assert "<dc:subject><rdf:Bag><rdf:li>SÖD 2021/1234</rdf:li></rdf:Bag></dc:subject>" in xmp
    assert "<dc:language><rdf:Bag><rdf:li>sv-SE</rdf:li></rdf:Bag></dc:language>" in xmp
    for leaked in ("Christina Grefveberg", "python-docx", "Tjänsteutlåtande</dc:title>"):
        assert leaked not in xmp and leaked not in info.values()


def test_pdf_författare_in_the_profile_is_the_author(tmp_path: Path,
                                                     run: Callable[..., Result]) -> None:
    case = shutil.copy(CASES / "minimal.yaml", tmp_path / "fall.yaml")
    (tmp_path / "remissgen-profil.yaml").write_text("pdf_författare: Kulturförvaltningen\n",
                                                    encoding="utf-8")
    assert run("bygg", case, "--pdf").code == 0
    with pikepdf.open(tmp_path / "fall.pdf") as document:
        assert str(document.docinfo["/Author"]) == "Kulturförvaltningen"


def test_pdf_version_ua1_has_no_pdfa_identification(tmp_path: Path,
                                                    run: Callable[..., Result]) -> None:
    case = shutil.copy(CASES / "minimal.yaml", tmp_path / "fall.yaml")
    result = run("bygg", case, "--pdf", "--pdf-version", "ua1")
    assert result.code == 0, result.err
    path = tmp_path / "fall.pdf"
    xmp = _xmp(path)
    assert "pdfuaid:part>1<" in xmp and "pdfaid" not in xmp
    assert pdfcheck.check(path, "ua1") == []
    assert [f.rule for f in pdfcheck.check(path, "a2b-ua1")] == ["ISO 19005-2 §6.6.4"]


def test_a_marker_registered_in_the_hook_is_written_and_declared(
        built: dict[tuple[str, str], Path], tmp_path: Path) -> None:
    path = shutil.copy(built[("minimal", "stockholm")], tmp_path / "m.pdf")
    marker = pdfmeta.Extension("https://example.org/ns/remissgen/1.0/", "rg", "remissgen", (
        pdfmeta.Property("version", "Text", "remissgen version"),), (("version", "0.1.0"),))
    def hook(meta: pdfmeta.Metadata) -> pdfmeta.Extension:
        return marker

    pdfmeta.MARKERS.append(hook)
    try:
        pdfmeta.finish(path, pdfmeta.Metadata("T", "F", "S", (), _date()))
    finally:
        pdfmeta.MARKERS.remove(hook)
    xmp = _xmp(path)
    assert "<rg:version>0.1.0</rg:version>" in xmp
    assert "<pdfaSchema:prefix>rg</pdfaSchema:prefix>" in xmp
    assert pdfcheck.check(path) == []
    assert pdf.is_marked(path)  # issue 12's marker survives the metadata step


def _xmp(path: Path) -> str:
    with pikepdf.open(path) as document:
        return bytes(document.Root.Metadata.read_bytes()).decode("utf-8")


def _date() -> dt.date:
    return dt.date(2024, 1, 2)


# --- each rule, fed a PDF that breaks it -------------------------------------------------------


def _broken(good: Path, target: Path, change: Callable[[pikepdf.Pdf], None]) -> Path:
    with pikepdf.open(good) as document:
        change(document)
        document.save(target)
    return target


def _xmp_without(document: pikepdf.Pdf, *pieces: str) -> None:
    xmp = document.Root.Metadata.read_bytes().decode("utf-8")
    for piece in pieces:
        assert piece in xmp
        xmp = xmp.replace(piece, "")
    document.Root.Metadata.write(xmp.encode("utf-8"))


def _first(document: pikepdf.Pdf, role: str) -> pikepdf.Dictionary:
    element = next(e for e in pdfcheck.walk(pdfcheck.structure_tree(document)) if e.role == role)
    return element.node


def _set_lang(d: pikepdf.Pdf) -> None:
    d.Root.Lang = pikepdf.String("sv")


def _no_display_title(d: pikepdf.Pdf) -> None:
    d.Root.ViewerPreferences.DisplayDocTitle = False


def _no_title(d: pikepdf.Pdf) -> None:
    del d.docinfo["/Title"]


def _unmarked(d: pikepdf.Pdf) -> None:
    d.Root.MarkInfo.Marked = False


def _untagged_line(d: pikepdf.Pdf) -> None:
    d.pages[1].contents_add(pikepdf.Stream(d, b"0 0 m 100 100 l S"), prepend=False)


def _heading_skipped(d: pikepdf.Pdf) -> None:
    role_map = d.Root.StructTreeRoot.get("/RoleMap", {})
    tree = pdfcheck.structure_tree(d)
    h2 = [e.node for e in pdfcheck.walk(tree) if e.role == "H2"]
    h2[1].S = pikepdf.Name("/H4")
    assert "/H4" not in role_map


def _first_heading_h2(d: pikepdf.Pdf) -> None:
    _first(d, "H1").S = pikepdf.Name("/H2")


def _label_dropped(d: pikepdf.Pdf) -> None:
    item = _first(d, "LI")
    item.K = pikepdf.Array([k for k in item.K if str(k.get("/S", "")) != "/Lbl"])


def _table(d: pikepdf.Pdf) -> None:
    _first(d, "Sect").S = pikepdf.Name("/Table")


def _figure_without_alt(d: pikepdf.Pdf) -> None:
    _first(d, "P").S = pikepdf.Name("/Figure")


def _font_not_embedded(d: pikepdf.Pdf) -> None:
    for font in d.pages[0].Resources.Font.values():
        described = font.DescendantFonts[0] if "/DescendantFonts" in font else font
        for key in ("/FontFile", "/FontFile2", "/FontFile3"):
            if key in described.FontDescriptor:
                del described.FontDescriptor[key]
        break


def _no_ua_id(d: pikepdf.Pdf) -> None:
    _xmp_without(d, "<pdfuaid:part>1</pdfuaid:part>")


def _no_pdfa_id(d: pikepdf.Pdf) -> None:
    _xmp_without(d, "<pdfaid:part>2</pdfaid:part>")


def _no_ua_schema(d: pikepdf.Pdf) -> None:
    xmp = d.Root.Metadata.read_bytes().decode("utf-8")
    d.Root.Metadata.write(xmp.replace("<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/",
                                      "<pdfaSchema:namespaceURI>urn:annat").encode("utf-8"))


BREAKS = [
    ("socialnamnden", _set_lang, "Matterhorn 11-006", 0, "exakt sv-SE, men är sv"),
    ("minimal", _no_display_title, "Matterhorn 07-001", 0, "DisplayDocTitle"),
    ("minimal", _no_title, "Matterhorn 06-003", 0, "saknar titel"),
    ("minimal", _unmarked, "Matterhorn 01-002", 0, "MarkInfo"),
    ("seed", _untagged_line, "Matterhorn 01-005", 2, "varken är taggat"),
    ("seed", _heading_skipped, "Matterhorn 14-003", 1, "från H2 till H4"),
    ("seed", _first_heading_h2, "Matterhorn 14-002", 1, "första rubriken är H2"),
    ("socialnamnden", _label_dropped, "Matterhorn 16-003", 1, "saknar etikett (Lbl)"),
    ("seed", _table, "ISO 14289-1 §7.5", 1, "tabell (Table)"),
    ("minimal", _figure_without_alt, "Matterhorn 13-004", 1, "alternativtext"),
    ("minimal", _font_not_embedded, "Matterhorn 31-009", 1, "inte inbäddat"),
    ("minimal", _no_ua_id, "Matterhorn 06-002", 0, "PDF/UA-identifieringen"),
    ("minimal", _no_pdfa_id, "ISO 19005-2 §6.6.4", 0, "PDF/A-2b"),
    ("minimal", _no_ua_schema, "ISO 19005-2 §6.6.2.3.1", 0, "pdfua/ns/id/ har inget tilläggsschema"),
]


@pytest.mark.parametrize(("name", "change", "rule", "page", "words"), BREAKS,
                         ids=[b[1].__name__.strip("_") for b in BREAKS])
def test_each_rule_finds_the_pdf_that_breaks_it(
        built: dict[tuple[str, str], Path], tmp_path: Path, name: str,
        change: Callable[[pikepdf.Pdf], None], rule: str, page: int, words: str) -> None:
    good = built[(name, "stockholm")]
    bad = _broken(good, tmp_path / "trasig.pdf", change)
    findings = pdfcheck.check(bad)
    assert [(f.page, f.rule.split(",")[0]) for f in findings] == [(page, rule)]
    line = findings[0].format(str(bad))
    assert words in line and rule in line
    assert line.startswith(f"{bad}: sida {page}: fel: " if page else f"{bad}: fel: ")


def test_bygg_exits_4_and_names_the_rule_when_the_pdf_fails(
        tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    case = shutil.copy(CASES / "minimal.yaml", tmp_path / "fall.yaml")

    def finish_badly(path: Path, meta: pdfmeta.Metadata, version: str = "a2b-ua1") -> str:
        producer = real(path, meta, version)
        with pikepdf.open(path, allow_overwriting_input=True) as document:
            document.Root.Lang = pikepdf.String("en-US")
            document.save(path)
        return producer

    real = pdfmeta.finish
    monkeypatch.setattr(pdfmeta, "finish", finish_badly)
    result = run("bygg", case, "--pdf")
    assert result.code == 4
    assert (tmp_path / "fall.pdf").is_file()  # written all the same, and listed
    assert str(tmp_path / "fall.pdf") in result.out
    assert "exakt sv-SE, men är en-US (Matterhorn 11-006, ISO 14289-1 §7.2)" in result.err
    assert "Traceback" not in result.err


def test_an_older_libreoffice_is_a_warning_naming_the_guarantee(
        tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    case = case_copy("socialnamnden.yaml", tmp_path)

    def finish_as_74(path: Path, meta: pdfmeta.Metadata, version: str = "a2b-ua1") -> str:
        real(path, meta, version)
        with pikepdf.open(path, allow_overwriting_input=True) as document:
            _label_dropped(document)
            document.save(path)
        return "LibreOffice 7.4.7.2 (X86_64) / LibreOffice Community"

    real = pdfmeta.finish
    monkeypatch.setattr(pdfmeta, "finish", finish_as_74)
    result = run("bygg", case, "--pdf")
    assert result.code == 0, result.err
    assert "varning: LibreOffice 7.4 ger inte etiketter (Lbl)" in result.err
    assert "LibreOffice 25.2 eller nyare" in result.err


def test_verapdf_on_path_is_run_and_its_failed_rules_reported(
        built: dict[tuple[str, str], Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "verapdf"
    fake.write_text(
        "#!/bin/sh\ncat <<'EOF'\n<report><jobs><job><validationReport isCompliant=\"false\">"
        "<details failedRules=\"1\"><rule specification=\"ISO 14289-1:2014\" clause=\"7.18.5\""
        " testNumber=\"1\" status=\"failed\" failedChecks=\"2\"><description>Links shall"
        " contain an alternate description</description></rule><rule clause=\"7.1\" "
        "testNumber=\"3\" status=\"passed\"/></details></validationReport></job></jobs>"
        "</report>\nEOF\n", encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    findings = pdfcheck.verapdf(built[("minimal", "stockholm")])
    assert [f.rule for f in findings] == ["veraPDF ISO 14289-1:2014 7.18.5-1"] * 2  # ua1 and 2b
    assert "bryts 2 gång(er): Links shall" in findings[0].message
