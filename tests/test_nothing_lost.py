"""Nothing of the user's is lost: each row of issue 12's "work lost" table, the user's file
byte-identical afterwards, with the exit code the fix names."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.shared import Cm, RGBColor

from remissgen import output, pdf, safezip
from remissgen.errors import RefusedWrite
from remissgen.word import fingerprint

from .conftest import ROOT, SEED_CASE, Result, case_copy, make_png


def _built(run: Callable[..., Result], case: Path, out: Path) -> bytes:
    result = run("bygg", case, "-o", out)
    assert result.code == 0, result.err
    return out.read_bytes()


def _body_paragraph(document: docx.document.Document, words: str) -> docx.text.paragraph.Paragraph:
    return next(p for p in document.paragraphs if words in p.text)


# --- the fingerprint covers what a reader sees ----------------------------------------------


def _bold(d: docx.document.Document) -> None:
    _body_paragraph(d, "Stadsdelsnämnden har på remiss").runs[0].bold = True


def _colour(d: docx.document.Document) -> None:
    _body_paragraph(d, "Stadsdelsnämnden har på remiss").runs[0].font.color.rgb = RGBColor(0xFF, 0, 0)


def _comment(d: docx.document.Document) -> None:
    runs = _body_paragraph(d, "Stadsdelsnämnden har på remiss").runs
    d.add_comment(runs, text="Stämmer detta?", author="Granskare", initials="G")


def _header(d: docx.document.Document) -> None:
    d.sections[0].header.add_paragraph("Utkast, får inte spridas")


def _footer(d: docx.document.Document) -> None:
    d.sections[0].footer.add_paragraph("Sidfot tillagd i Word")


def _image(d: docx.document.Document, tmp: Path) -> None:
    d.add_picture(str(make_png(tmp / "bild.png", 30, 30)), width=Cm(2))


def _page_break(d: docx.document.Document) -> None:
    _body_paragraph(d, "Stadsdelsnämnden har på remiss").runs[0].add_break(WD_BREAK.PAGE)


def _margins(d: docx.document.Document) -> None:
    d.sections[-1].left_margin = Cm(4)


def _double_space(d: docx.document.Document) -> None:
    run = _body_paragraph(d, "Stadsdelsnämnden har på remiss").runs[0]
    run.text = run.text.replace(" ", "  ", 1)


def _spacing(d: docx.document.Document) -> None:
    _body_paragraph(d, "Stadsdelsnämnden har på remiss").paragraph_format.space_after = Cm(1)


EDITS: list[tuple[str, Callable[..., None], str]] = [
    ("bold", _bold, "formateringen"),
    ("colour", _colour, "formateringen"),
    ("comment", _comment, "kommentarerna"),
    ("header", _header, "sidhuvud eller sidfot"),
    ("footer", _footer, "sidhuvud eller sidfot"),
    ("image", _image, "bilderna"),
    ("page break", _page_break, "formateringen"),
    ("margins", _margins, "sidinställningarna"),
    ("double space", _double_space, "brödtexten i"),
    ("paragraph spacing", _spacing, "formateringen"),
]


@pytest.mark.parametrize(("edit", "kind"), [(e, k) for _, e, k in EDITS],
                         ids=[name for name, _, _ in EDITS])
def test_every_kind_of_edit_in_word_is_refused_and_named(
        tmp_path: Path, run: Callable[..., Result], edit: Callable[..., None], kind: str) -> None:
    out = tmp_path / "ut.docx"
    _built(run, SEED_CASE, out)
    document = docx.Document(str(out))
    if edit is _image:
        edit(document, tmp_path)
    else:
        edit(document)
    document.save(str(out))
    edited = out.read_bytes()

    result = run("bygg", SEED_CASE, "-o", out)
    assert result.code == 3, result.err
    assert f"{out}:1:1: fel: '{out}' har ändrats efter att remissgen byggde den" in result.err
    named = result.err.split("(troligen i Word): ")[1].split("; den skrivs inte över")[0]
    assert named.startswith(kind), named
    assert out.read_bytes() == edited


def test_an_edited_text_names_its_section(tmp_path: Path, run: Callable[..., Result]) -> None:
    out = tmp_path / "ut.docx"
    _built(run, SEED_CASE, out)
    document = docx.Document(str(out))
    headings = [p for p in document.paragraphs if p.style.name.lower().startswith("heading")]
    after = headings[3]
    paragraphs = document.paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p._p is after._p)
    target = paragraphs[index + 1]  # a paragraph in the fourth heading's section
    target.runs[0].text = target.runs[0].text + " Tillagt i Word."
    document.save(str(out))
    edited = out.read_bytes()

    result = run("bygg", SEED_CASE, "-o", out)
    assert result.code == 3
    assert f"(troligen i Word): brödtexten i '{after.text}'; den skrivs inte över" in result.err
    assert out.read_bytes() == edited


def test_saving_with_python_docx_without_changes_is_not_an_edit(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    case = case_copy("socialnamnden.yaml", tmp_path)  # with a logo in the header
    out = tmp_path / "ut.docx"
    first = _built(run, case, out)
    docx.Document(str(out)).save(str(out))
    assert out.read_bytes() != first  # python-docx wrote every part again
    assert run("bygg", case, "-o", out).code == 0
    assert out.read_bytes() == first


def test_what_word_rewrites_on_a_save_is_not_an_edit(tmp_path: Path,
                                                     run: Callable[..., Result]) -> None:
    out = tmp_path / "ut.docx"
    _built(run, SEED_CASE, out)
    document = docx.Document(str(out))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    body = document.element.body
    paragraph = next(p for p in body.iter(f"{w}p") if p.find(f"{w}r") is not None)
    paragraph.set(f"{w}rsidR", "00AB12CD")
    paragraph.set("{http://schemas.microsoft.com/office/word/2010/wordml}paraId", "1A2B3C4D")
    from docx.oxml import parse_xml

    ns = f'xmlns:w="{w[1:-1]}"'
    paragraph.insert(1, parse_xml(f'<w:bookmarkStart {ns} w:id="0" w:name="_GoBack"/>'))
    paragraph.append(parse_xml(f'<w:bookmarkEnd {ns} w:id="0"/>'))
    paragraph.append(parse_xml(f'<w:proofErr {ns} w:type="spellStart"/>'))
    first_run = paragraph.find(f"{w}r")
    first_run.insert(0, parse_xml(f"<w:lastRenderedPageBreak {ns}/>"))
    # Word splits a run in two at no change of formatting
    text = first_run.find(f"{w}t")
    copy = parse_xml(f'<w:r {ns}><w:t xml:space="preserve">{text.text[3:]}</w:t></w:r>')
    text.text = text.text[:3]
    first_run.addnext(copy)
    document.core_properties.last_modified_by = "Någon annan"
    document.settings.odd_and_even_pages_header_footer = False
    document.save(str(out))
    result = run("bygg", SEED_CASE, "-o", out)
    assert result.code == 0, result.err


def test_custom_properties_set_by_an_archive_system_are_not_an_edit(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    out = tmp_path / "ut.docx"
    _built(run, SEED_CASE, out)
    members = safezip.read_members(out)
    custom = members["docProps/custom.xml"].decode()
    members["docProps/custom.xml"] = custom.replace("</Properties>", (
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="99" name="Diarienummer">'
        "<vt:lpwstr>KS 2026/1</vt:lpwstr></property></Properties>")).encode()
    import zipfile

    with zipfile.ZipFile(out, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    assert run("bygg", SEED_CASE, "-o", out).code == 0


def test_the_fingerprint_ignores_rsids_but_sees_text() -> None:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def members(body: str) -> dict[str, bytes]:
        return {"word/document.xml": f"<w:document {w}><w:body>{body}</w:body></w:document>".encode()}

    plain = fingerprint.of_members(members("<w:p><w:r><w:t>Hej du</w:t></w:r></w:p>"))
    split = fingerprint.of_members(members(
        '<w:p w:rsidR="001"><w:r w:rsidRPr="002"><w:t>Hej</w:t></w:r><w:proofErr/>'
        '<w:r><w:t xml:space="preserve"> du</w:t></w:r></w:p>'))
    double = fingerprint.of_members(members("<w:p><w:r><w:t>Hej  du</w:t></w:r></w:p>"))
    assert plain == split
    assert fingerprint.changed(plain, double) == [("text", [0])]


def test_a_document_from_before_version_2_is_still_recognised(tmp_path: Path,
                                                              run: Callable[..., Result]) -> None:
    out = tmp_path / "ut.docx"
    _built(run, SEED_CASE, out)
    members = safezip.read_members(out)
    old = fingerprint.of_body(members["word/document.xml"].decode())
    custom = members["docProps/custom.xml"].decode()
    start = custom.index(fingerprint.PROPERTY)
    value_start = custom.index("<vt:lpwstr>", start) + len("<vt:lpwstr>")
    value_end = custom.index("</vt:lpwstr>", value_start)
    members["docProps/custom.xml"] = (custom[:value_start] + old + custom[value_end:]).encode()
    import zipfile

    with zipfile.ZipFile(out, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    assert run("bygg", SEED_CASE, "-o", out).code == 0


def _with_print(path: Path, members: dict[str, bytes], value: str | None = None) -> None:
    """Write `members` to `path`, the stored fingerprint replaced by `value` when given."""
    import zipfile

    if value is not None:
        custom = members["docProps/custom.xml"].decode()
        start = custom.index("<vt:lpwstr>", custom.index(fingerprint.PROPERTY)) + len("<vt:lpwstr>")
        end = custom.index("</vt:lpwstr>", start)
        members["docProps/custom.xml"] = (custom[:start] + value + custom[end:]).encode()
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def test_a_non_breaking_space_counts_as_an_ordinary_one_in_the_fingerprint(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    out = tmp_path / "ut.docx"
    _built(run, SEED_CASE, out)
    members = safezip.read_members(out)
    body = members["word/document.xml"].decode()
    assert "6\u00a0december" in body  # the seed's dates carry typography's U+00A0
    # a space typed where U+00A0 stood changes nothing a reader sees: the rebuild goes ahead
    _with_print(out, {**members, "word/document.xml": body.replace("\u00a0", " ").encode()})
    assert run("bygg", SEED_CASE, "-o", out).code == 0
    # a document fingerprinted by version 2 (U+00A0 counted apart) is still checked so
    members = safezip.read_members(out)
    old = fingerprint.encode(fingerprint.of_members(members, "2")).replace("3;", "2;", 1)
    _with_print(out, dict(members), old)
    assert run("bygg", SEED_CASE, "-o", out).code == 0
    # and a word changed is still an edit
    members = safezip.read_members(out)
    edited = members["word/document.xml"].decode().replace("december", "november", 1)
    _with_print(out, {**members, "word/document.xml": edited.encode()})
    result = run("bygg", SEED_CASE, "-o", out)
    assert result.code == 3 and "ändrats" in result.err


# --- the PDF ------------------------------------------------------------------------------


def _fake_soffice(tmp_path: Path) -> Path:
    """Write a stand-in for LibreOffice that makes a small real PDF (no marker) per document."""
    script = tmp_path / "bin" / "soffice"
    script.parent.mkdir()
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys, pikepdf\n"
        "from pathlib import Path\n"
        "args = sys.argv[1:]\n"
        "out = Path(args[args.index('--outdir') + 1])\n"
        "for doc in [a for a in args if a.endswith('.docx')]:\n"
        "    p = pikepdf.new(); p.add_blank_page()\n"
        "    p.save(out / (Path(doc).stem + '.pdf'))\n")
    script.chmod(0o755)
    return script


@pytest.fixture
def soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    fake = _fake_soffice(tmp_path)
    monkeypatch.setattr(pdf, "find", lambda platform=None: fake)
    from remissgen import pdfcheck  # the stand-in's blank page is untagged: the PDF check
    monkeypatch.setattr(pdfcheck, "check", lambda path, version="a2b-ua1": [])  # has its own tests
    return fake


def test_a_pdf_remissgen_did_not_make_is_refused(tmp_path: Path, run: Callable[..., Result],
                                                 soffice: Path) -> None:
    folder = tmp_path / "motion"
    folder.mkdir()
    case = folder / "motion.yaml"
    shutil.copy(SEED_CASE, case)
    import pikepdf

    incoming = pikepdf.new()
    incoming.add_blank_page()
    incoming.save(folder / "motion.pdf")
    before = (folder / "motion.pdf").read_bytes()

    result = run("bygg", case, "--pdf")
    assert result.code == 3
    assert (f"{folder / 'motion.pdf'}:1:1: fel: '{folder / 'motion.pdf'}' finns redan och är "
            "inte byggd av remissgen") in result.err
    assert "--tvinga" in result.err
    assert (folder / "motion.pdf").read_bytes() == before
    assert not (folder / "motion.docx").exists()  # refused before anything was written


def test_a_pdf_remissgen_made_carries_the_marker_and_is_rebuilt(
        tmp_path: Path, run: Callable[..., Result], soffice: Path) -> None:
    case = tmp_path / "fall.yaml"
    shutil.copy(SEED_CASE, case)
    assert run("bygg", case, "--pdf").code == 0
    made = tmp_path / "fall.pdf"
    assert pdf.is_marked(made)
    import pikepdf

    with pikepdf.open(made) as document:
        xmp = document.Root.Metadata.read_bytes().decode()
    assert f"<pdfaSchema:namespaceURI>{pdf.MARK_NS}</pdfaSchema:namespaceURI>" in xmp
    assert "<pdfaProperty:name>Byggd</pdfaProperty:name>" in xmp
    again = run("bygg", case, "--pdf")
    assert again.code == 0, again.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "fall.docx", "fall.pdf",
                                                          "fall.yaml"]


def test_the_marker_joins_an_existing_extension_schema_bag() -> None:
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
           b'22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim'
           b'.org/pdfa/ns/extension/"><pdfaExtension:schemas><rdf:Bag><rdf:li>annan</rdf:li>'
           b"</rdf:Bag></pdfaExtension:schemas></rdf:Description></rdf:RDF></x:xmpmeta>")
    marked = pdf.mark_xmp(xmp)
    assert marked.count(b"pdfaExtension:schemas>") == 2  # one property: opened and closed once
    assert b"<rdf:li>annan</rdf:li>" in marked and pdf.MARK_NS.encode() in marked
    assert pdf.mark_xmp(marked) == marked


def test_a_pdf_open_in_libreoffice_is_refused_even_with_tvinga(
        tmp_path: Path, run: Callable[..., Result], soffice: Path) -> None:
    case = tmp_path / "fall.yaml"
    shutil.copy(SEED_CASE, case)
    assert run("bygg", case, "--pdf").code == 0
    before = (tmp_path / "fall.pdf").read_bytes()
    (tmp_path / ".~lock.fall.pdf#").write_text("")
    result = run("bygg", case, "--pdf", "--tvinga")
    assert result.code == 3 and "låsfilen '.~lock.fall.pdf#'" in result.err
    assert (tmp_path / "fall.pdf").read_bytes() == before


# --- --tvinga never replaces the build's own inputs --------------------------------------


def test_tvinga_never_replaces_the_template(tmp_path: Path, run: Callable[..., Result]) -> None:
    shutil.copy(ROOT / "templates" / "stockholm.docx", tmp_path / "remiss.docx")
    case = tmp_path / "remiss.yaml"
    case.write_text(SEED_CASE.read_text(encoding="utf-8") + "mall: remiss.docx\n",
                    encoding="utf-8")
    before = (tmp_path / "remiss.docx").read_bytes()
    result = run("bygg", case, "--tvinga")
    assert result.code == 3, result.err
    assert (f"'{tmp_path / 'remiss.docx'}' är Word-mallen för det här bygget; den skrivs aldrig "
            "över, inte heller med --tvinga") in result.err
    assert (tmp_path / "remiss.docx").read_bytes() == before


def test_tvinga_never_replaces_the_case_file(tmp_path: Path, run: Callable[..., Result]) -> None:
    case = tmp_path / "x.docx"
    shutil.copy(SEED_CASE, case)
    before = case.read_bytes()
    result = run("bygg", case, "--tvinga")
    assert result.code == 3
    assert "är ärendefilen för det här bygget" in result.err
    assert case.read_bytes() == before


def test_tvinga_never_replaces_the_logo(tmp_path: Path, run: Callable[..., Result]) -> None:
    case = case_copy("socialnamnden.yaml", tmp_path)
    before = (tmp_path / "logotyp.png").read_bytes()
    result = run("bygg", case, "-o", tmp_path / "logotyp.png", "--tvinga")
    assert result.code in (2, 3)  # -o must be a .docx (2), or it is the logo (3)
    assert (tmp_path / "logotyp.png").read_bytes() == before


def test_tvinga_never_replaces_the_profile_through_a_link(tmp_path: Path,
                                                          run: Callable[..., Result]) -> None:
    case = tmp_path / "fall.yaml"
    shutil.copy(SEED_CASE, case)
    profile = tmp_path / "profil.docx"
    profile.write_text("förvaltning: Socialförvaltningen\n", encoding="utf-8")
    (tmp_path / "ut.docx").symlink_to(profile)
    before = profile.read_bytes()
    result = run("bygg", case, "-o", tmp_path / "ut.docx", "--profil", profile, "--tvinga")
    assert result.code == 3, result.err
    assert "är profilen för det här bygget" in result.err
    assert profile.read_bytes() == before


def test_ny_refuses_a_case_file_named_as_a_document(tmp_path: Path,
                                                     run: Callable[..., Result]) -> None:
    result = run("ny", tmp_path / "x.docx")
    assert result.code == 3
    assert "ge ärendefilen ändelsen .yaml" in result.err and "x.yaml" in result.err
    assert list(tmp_path.iterdir()) == []


# --- lock files and read-only documents, even with --tvinga -------------------------------


@pytest.mark.parametrize("lock", ["~$ut.docx", ".~lock.ut.docx#"])
def test_tvinga_honours_lock_files(tmp_path: Path, run: Callable[..., Result], lock: str) -> None:
    out = tmp_path / "ut.docx"
    _built(run, SEED_CASE, out)
    document = docx.Document(str(out))
    document.paragraphs[3].text = "Ändrat i Word, som har dokumentet öppet."
    document.save(str(out))
    edited = out.read_bytes()
    (tmp_path / lock).write_text("")
    result = run("bygg", SEED_CASE, "-o", out, "--tvinga")
    assert result.code == 3
    assert "är öppen i Word eller LibreOffice" in result.err
    assert "stäng dokumentet" in result.err
    assert out.read_bytes() == edited


def test_a_read_only_document_is_refused_even_with_tvinga(tmp_path: Path,
                                                          run: Callable[..., Result]) -> None:
    out = tmp_path / "ut.docx"
    _built(run, SEED_CASE, out)
    out.chmod(0o444)
    before = out.read_bytes()
    owner = out.stat().st_uid
    for extra in ([], ["--tvinga"]):
        result = run("bygg", SEED_CASE, "-o", out, *extra)
        assert result.code == 3
        assert f"'{out}' är skrivskyddad" in result.err
    assert out.read_bytes() == before
    assert stat.S_IMODE(out.stat().st_mode) == 0o444 and out.stat().st_uid == owner


def test_a_folder_where_the_pdf_goes_is_refused(tmp_path: Path, run: Callable[..., Result],
                                                soffice: Path) -> None:
    case = tmp_path / "fall.yaml"
    shutil.copy(SEED_CASE, case)
    (tmp_path / "fall.pdf").mkdir()
    result = run("bygg", case, "--pdf")
    assert result.code == 3 and "är en mapp" in result.err and "Traceback" not in result.err


# --- temp files --------------------------------------------------------------------------


_KILLED_MIDWAY = """
import os, signal, sys
from remissgen import output
real = os.replace
def stopped(src, dst):
    os.kill(os.getpid(), signal.{signal})
    real(src, dst)
output.os.replace = stopped
from remissgen.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_signal_during_a_write_leaves_no_temp_file(tmp_path: Path,
                                                     run: Callable[..., Result],
                                                     name: str) -> None:
    out = tmp_path / "ut.docx"
    _built(run, SEED_CASE, out)
    docx.Document(str(out)).save(str(out))  # unchanged, so a rebuild replaces it
    before = out.read_bytes()
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_MIDWAY.format(signal=name), "bygg", str(SEED_CASE),
         "-o", str(out)], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == -getattr(signal, name), done.stderr
    assert "Traceback" not in done.stderr
    assert out.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["ut.docx"]


def test_temp_files_have_remissgens_name_and_stale_ones_are_removed(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    stale = tmp_path / f"{output.TEMP_PREFIX}ut.docx-abc123.tmp"
    stale.write_bytes(b"x" * 1000)
    hour_ago = time.time() - output.STALE_SECONDS - 60
    os.utime(stale, (hour_ago, hour_ago))
    stale_dir = tmp_path / f"{output.TEMP_PREFIX}pdf-abc"
    stale_dir.mkdir()
    (stale_dir / "x.pdf").write_bytes(b"%PDF")
    os.utime(stale_dir, (hour_ago, hour_ago))
    fresh = tmp_path / f"{output.TEMP_PREFIX}annat.docx-def456.tmp"  # a build running now
    fresh.write_bytes(b"y")
    theirs = tmp_path / ".ut.docx.xyz.tmp"  # not remissgen's name: never touched
    theirs.write_bytes(b"z")
    os.utime(theirs, (hour_ago, hour_ago))
    _built(run, SEED_CASE, tmp_path / "ut.docx")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [fresh.name, theirs.name, "ut.docx"])


def test_a_document_saved_in_word_during_the_build_is_still_refused(
        tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    from remissgen import pipeline

    out = tmp_path / "ut.docx"
    _built(run, SEED_CASE, out)
    real = pipeline.build

    def edited_meanwhile(*args: object, **kwargs: object) -> bytes:
        document = docx.Document(str(out))
        document.add_paragraph("Skrivet i Word medan bygget pågick.")
        document.save(str(out))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "build", edited_meanwhile)
    result = run("bygg", SEED_CASE, "-o", out)
    assert result.code == 3, result.err
    assert "Skrivet i Word medan bygget pågick." in [
        p.text for p in docx.Document(str(out)).paragraphs]


def test_a_rebuild_reads_the_old_documents_fingerprint_once(
        tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "ut.docx"
    before = _built(run, SEED_CASE, out)
    reads: list[Path] = []
    real = output._check_fingerprint
    monkeypatch.setattr(output, "_check_fingerprint", lambda p: (reads.append(p), real(p))[1])
    assert _built(run, SEED_CASE, out) == before
    assert reads == [out]


def _zip_with(path: Path, name: str, data: bytes) -> None:
    members = safezip.read_members(path)
    members[name] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for member, content in members.items():
            zf.writestr(member, content)


def test_an_untouched_document_is_known_by_its_checksum_without_reading_its_xml(
        tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "ut.docx"
    _built(run, SEED_CASE, out)
    members = safezip.read_members(out)
    custom = members["docProps/custom.xml"].decode("utf-8")
    assert f'name="{fingerprint.WRITTEN}"' in custom
    assert fingerprint.written(members) in custom

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the fingerprint was computed for an untouched document")

    monkeypatch.setattr(fingerprint, "of_members", never)
    output.check_target(out)  # untouched: accepted, nothing parsed


def test_a_part_changed_behind_the_checksum_is_still_checked_by_its_fingerprint(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    out = tmp_path / "ut.docx"
    _built(run, SEED_CASE, out)
    document = safezip.read_members(out)["word/document.xml"].decode("utf-8")
    edited = document.replace("Sociala företag", "Asociala företag", 1)
    assert edited != document
    _zip_with(out, "word/document.xml", edited.encode("utf-8"))  # custom.xml as it was
    with pytest.raises(RefusedWrite) as refused:
        output.check_target(out)
    assert "ändrats" in str(refused.value) or "ändrat" in str(refused.value)
    _zip_with(out, "word/document.xml", document.encode("utf-8") + b"\n")  # bytes, not content
    output.check_target(out)  # the fingerprint says unchanged: accepted


def test_a_batch_sweeps_its_folder_once_a_minute_not_before_every_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    swept: list[Path] = []
    monkeypatch.setattr(output, "remove_stale", lambda folder, now=None: swept.append(folder))
    monkeypatch.setattr(output, "_swept", {})
    clock = [1_000_000.0]
    monkeypatch.setattr(output.time, "time", lambda: clock[0])
    for i in range(5):
        output.write_atomic(tmp_path / f"{i}.docx", b"x")
    assert swept == [tmp_path]
    clock[0] += output.SWEEP_SECONDS + 1  # a watch an hour on: a killed build's file goes
    output.write_atomic(tmp_path / "5.docx", b"x")
    output.write_atomic(tmp_path / "sub" / "6.docx", b"x")
    assert swept == [tmp_path, tmp_path, tmp_path / "sub"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [*(f"{i}.docx" for i in range(6)),
                                                          "sub"]


# --- write failures as Swedish sentences ---------------------------------------------------


@pytest.mark.parametrize(("errno_name", "words"), [
    ("EACCES", "du saknar behörighet att skriva i mappen"),
    ("ENOSPC", "disken är full"),
    ("EFBIG", "filen blir större än systemet tillåter"),
    ("EROFS", "filsystemet är skrivskyddat"),
    ("EIO", "ett skrivfel i filsystemet"),
    ("EDQUOT", "din lagringskvot är slut"),
])
def test_write_failures_are_swedish_sentences(tmp_path: Path, run: Callable[..., Result],
                                              monkeypatch: pytest.MonkeyPatch, errno_name: str,
                                              words: str) -> None:
    import errno

    out = tmp_path / "ut.docx"
    before = _built(run, SEED_CASE, out)
    document = docx.Document(str(out))
    document.save(str(out))  # unchanged: a rebuild would replace it
    before = out.read_bytes()
    number = getattr(errno, errno_name)

    def failing(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(output, "temp_file", failing)
    result = run("bygg", SEED_CASE, "-o", out)
    assert result.code == 3
    assert f"fel: kunde inte skriva '{out}': {words}" in result.err
    assert "felkod" not in result.err and "Errno" not in result.err
    assert out.read_bytes() == before


def test_a_file_size_limit_is_a_swedish_sentence(tmp_path: Path) -> None:
    out = tmp_path / "ut.docx"
    script = ("import resource, signal, sys\n"
              "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
              "resource.setrlimit(resource.RLIMIT_FSIZE, (4000, 4000))\n"
              "from remissgen.cli import main\n"
              "sys.exit(main(sys.argv[1:]))\n")
    done = subprocess.run([sys.executable, "-c", script, "bygg", str(SEED_CASE), "-o", str(out)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 3, done.stderr
    assert (f"kunde inte skriva '{out}': filen blir större än systemet tillåter (en gräns för "
            "filstorlek)") in done.stderr
    assert os.listdir(tmp_path) == []


def test_a_zip_bomb_at_the_target_is_refused_without_unpacking(
        tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    monkeypatch.setattr(safezip, "MEMBER_LIMIT", 1024 * 1024)
    out = tmp_path / "ut.docx"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"\0" * (2 * 1024 * 1024))
    before = out.read_bytes()
    monkeypatch.setattr(safezip.read_members, "__defaults__",
                        (lambda name: True, 1024 * 1024, safezip.TOTAL_LIMIT))
    result = run("bygg", SEED_CASE, "-o", out)
    assert result.code == 3
    assert "packas upp till mer än 1 MB" in result.err
    assert out.read_bytes() == before


def test_tvinga_keeps_a_copy_of_a_pdf_remissgen_did_not_make(
        tmp_path: Path, run: Callable[..., Result], soffice: Path) -> None:
    import pikepdf

    case = tmp_path / "motion.yaml"
    shutil.copy(SEED_CASE, case)
    incoming = pikepdf.new()
    incoming.add_blank_page()
    incoming.save(tmp_path / "motion.pdf")
    before = (tmp_path / "motion.pdf").read_bytes()
    result = run("bygg", case, "--pdf", "--tvinga")
    assert result.code == 0, result.err
    copies = [p for p in tmp_path.iterdir() if p.name.startswith("motion (ersatt av remissgen")]
    assert len(copies) == 1 and copies[0].read_bytes() == before
    assert f"den finns kvar som '{copies[0]}'" in result.err
    assert pdf.is_marked(tmp_path / "motion.pdf")
