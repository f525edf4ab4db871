"""PDF through LibreOffice: text, tags, title, language and page count checked in the PDF.

Skipped where LibreOffice is missing, except under CI=true, where it must be installed.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import docx
import pypdf
import pytest

from remissgen import pdf

from .conftest import SEED_CASE, Result, body_paragraphs, case_copy, normalise

if pdf.find() is None:
    if os.environ.get("CI") == "true":
        raise RuntimeError("LibreOffice saknas i CI; .ci/run ska installera det")
    pytest.skip("LibreOffice är inte installerat", allow_module_level=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build the seed and two other cases with --pdf in one batch (one LibreOffice call)."""
    from remissgen.cli import main

    folder = tmp_path_factory.mktemp("pdf")
    cases = [shutil.copy(SEED_CASE, folder / "seed.yaml"),
             case_copy("socialnamnden.yaml", folder), case_copy("minimal.yaml", folder)]
    assert main(["bygg", "--pdf", *map(str, cases)]) == 0
    return {Path(c).stem: Path(c).with_suffix(".docx") for c in cases}


def _page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages]


def _without_page_furniture(docx_path: Path, pages: list[str]) -> str:
    """Return the PDF's text with the header and footer lines of every page removed."""
    document = docx.Document(str(docx_path))
    section = document.sections[0]
    furniture = {normalise(line) for p in section.header.paragraphs + section.footer.paragraphs
                 for line in p.text.replace("\t", " ").split("\n")}
    kept = [line for page in pages for line in page.splitlines()
            if normalise(line) not in furniture and not re.fullmatch(r"Sida \d+ \(\d+\)",
                                                                      normalise(line))]
    return normalise(" ".join(kept))


@pytest.mark.parametrize("name", ["seed", "socialnamnden", "minimal"])
def test_pdf_text_has_every_paragraph_in_order(built: dict[str, Path], name: str) -> None:
    docx_path = built[name]
    text = _without_page_furniture(docx_path, _page_texts(docx_path.with_suffix(".pdf")))
    position = 0
    for paragraph in body_paragraphs(docx.Document(str(docx_path))):
        found = text.find(paragraph, position)
        assert found >= 0, f"not in the PDF after position {position}: {paragraph!r}"
        position = found + len(paragraph)


@pytest.mark.parametrize("name", ["seed", "socialnamnden", "minimal"])
def test_pdf_is_tagged_titled_and_swedish(built: dict[str, Path], name: str) -> None:
    reader = pypdf.PdfReader(str(built[name].with_suffix(".pdf")))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "sv-SE"
    title = docx.Document(str(built[name])).core_properties.title
    assert reader.metadata is not None and reader.metadata.title == title
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])


@pytest.mark.parametrize("name", ["seed", "socialnamnden", "minimal"])
def test_page_count_agrees_with_the_sida_fields(built: dict[str, Path], name: str) -> None:
    pages = _page_texts(built[name].with_suffix(".pdf"))
    numbers = [re.search(r"Sida (\d+) \((\d+)\)", page) for page in pages]
    assert all(numbers)
    assert [(int(m.group(1)), int(m.group(2))) for m in numbers if m] == [
        (i, len(pages)) for i in range(1, len(pages) + 1)]
    if name == "seed":
        assert len(pages) == 3


def test_pdf_is_written_beside_the_docx_and_listed(tmp_path: Path,
                                                  run: Callable[..., Result]) -> None:
    case = shutil.copy(SEED_CASE, tmp_path / "fall.yaml")
    result = run("bygg", case, "--pdf")
    assert result.code == 0, result.err
    assert result.out.split() == [str(tmp_path / "fall.docx"), str(tmp_path / "fall.pdf")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fall.docx", "fall.pdf", "fall.yaml"]


def test_the_signatures_never_stand_alone_on_the_last_page(built: dict[str, Path]) -> None:
    """The seed's signatures once stood alone on page 3 (issue 18); the closing sentence and
    Expedieras till now go with them to whatever page they land on."""
    pages = _page_texts(built["seed"].with_suffix(".pdf"))
    signed = next(normalise(p) for p in pages if "Ann-Christine Jenvén" in p)
    assert "Expedieras till" in signed
    assert "Stadsdelsnämnden överlämnar förvaltningens tjänsteutlåtande" in signed
