"""bygg --kommentarer: every granska warning a Word comment on the paragraph and words it
concerns, with rule, message and tip; the document valid against the OOXML schemas."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import openxml_audit
from lxml import etree

from remissgen import pipeline
from remissgen.granska import review

from .conftest import SEED_CASE, Result

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _comments(path: Path) -> list[tuple[str, str, list[str]]]:
    """Return (id, author, paragraphs) of each comment in word/comments.xml."""
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/comments.xml"))
    return [(c.get(f"{W}id"), c.get(f"{W}author"),
             ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in c.iter(f"{W}p")])
            for c in root.iter(f"{W}comment")]


def _anchors(path: Path) -> dict[str, tuple[str, str]]:
    """Return comment id → (its paragraph's whole text, the text inside its range)."""
    with zipfile.ZipFile(path) as zf:
        body = etree.fromstring(zf.read("word/document.xml")).find(f"{W}body")
    out = {}
    for p in body.iter(f"{W}p"):
        inside: dict[str, list[str]] = {}
        open_ids: set[str] = set()
        for el in p.iter(f"{W}commentRangeStart", f"{W}commentRangeEnd", f"{W}t"):
            if el.tag == f"{W}commentRangeStart":
                open_ids.add(el.get(f"{W}id"))
                inside.setdefault(el.get(f"{W}id"), [])
            elif el.tag == f"{W}commentRangeEnd":
                open_ids.discard(el.get(f"{W}id"))
            else:
                for i in open_ids:
                    inside[i].append(el.text or "")
        whole = "".join(t.text or "" for t in p.iter(f"{W}t"))
        out.update({i: (whole, "".join(parts)) for i, parts in inside.items()})
    return out


def _valid(path: Path) -> list[str]:
    """Return the schema errors of a .docx (ISO/IEC 29500 transitional, via openxml-audit)."""
    validator = openxml_audit.OpenXmlValidator(semantic_validation=False, strict=False)
    return [str(e) for e in validator.validate(str(path)).errors]


def test_kommentarer_on_the_seed_sit_where_the_warnings_point(
        run: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "seed.docx"
    result = run("bygg", SEED_CASE, "--kommentarer", "-o", out)
    assert result.code == 0, result.err
    loaded = pipeline.load(SEED_CASE)
    warnings = review(loaded.source, loaded.case).warnings
    comments = _comments(out)
    assert len(comments) == len(warnings) == 6
    anchors = _anchors(out)
    source_lines = SEED_CASE.read_text(encoding="utf-8").splitlines()
    for (cid, author, lines), warning in zip(comments, warnings, strict=True):
        assert author == "remissgen granskning"
        assert lines == [f"{warning.code}: {warning.message}", f"tips: {warning.hint}"]
        paragraph, words = anchors[cid]
        if warning.code == "lix":  # a whole section: on its heading
            heading = re.search(r"avsnittet '([^']+)'", warning.message)
            assert heading is not None and paragraph == words == heading.group(1)
            continue
        # a sentence: on its first words, as the case file writes them at that place
        written = source_lines[warning.location.line - 1][warning.location.column - 1:]
        first = re.findall(r"[^\W_]+", written)[:3]
        assert re.findall(r"[^\W_]+", words)[:3] == first, (warning.message, words)
        assert words in paragraph
    assert _valid(out) == []


def test_the_schema_check_finds_a_broken_comment(run: Callable[..., Result],
                                                 tmp_path: Path) -> None:
    out = tmp_path / "seed.docx"
    assert run("bygg", SEED_CASE, "--kommentarer", "-o", out).code == 0
    broken = tmp_path / "trasig.docx"
    with zipfile.ZipFile(out) as zf, zipfile.ZipFile(broken, "w") as bad:
        for item in zf.infolist():
            data = zf.read(item)
            if item.filename == "word/comments.xml":
                data = data.replace(b"<w:p>", b"<w:p><w:bogus/>", 1)
            bad.writestr(item, data)
    assert _valid(broken) != []


def test_a_rebuild_replaces_the_comments_and_a_plain_build_has_none(
        run: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "seed.docx"
    assert run("bygg", SEED_CASE, "--kommentarer", "-o", out).code == 0
    first = out.read_bytes()
    again = run("bygg", SEED_CASE, "--kommentarer", "-o", out)
    assert again.code == 0, again.err
    assert out.read_bytes() == first  # the same comments, once, byte for byte
    plain = run("bygg", SEED_CASE, "-o", out)
    assert plain.code == 0, plain.err
    with zipfile.ZipFile(out) as zf:
        assert "word/comments.xml" not in zf.namelist()


def test_a_comment_added_by_someone_else_is_an_edit(run: Callable[..., Result],
                                                    tmp_path: Path) -> None:
    import docx

    out = tmp_path / "seed.docx"
    assert run("bygg", SEED_CASE, "--kommentarer", "-o", out).code == 0
    document = docx.Document(str(out))
    heading = next(p for p in document.paragraphs if p.text == "Ärendet")
    document.add_comment(heading.runs, text="Stämmer siffrorna?", author="Chefen")
    document.save(str(out))
    before = out.read_bytes()
    refused = run("bygg", SEED_CASE, "--kommentarer", "-o", out)
    assert refused.code == 3
    assert "kommentar" in refused.err
    assert out.read_bytes() == before
