"""LibreOffice kept running (watch mode, the editor): fast rebuilds, restart, cold fallback.

Needs LibreOffice and its Python bridge (python3-uno); skipped without them, except in CI.
"""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from remissgen import pdf, pdfcheck, resident

from .conftest import SEED_CASE, Result, build

if pdf.find() is None or resident.bridge_python() is None:
    if os.environ.get("CI") == "true":
        raise RuntimeError("LibreOffice eller python3-uno saknas i CI; .ci/run ska installera dem")
    pytest.skip("LibreOffice med python3-uno är inte installerat", allow_module_level=True)


@pytest.fixture
def seed_docx(tmp_path: Path, run: Callable[..., Result]) -> Path:
    target = tmp_path / "seed.docx"
    build(run, SEED_CASE, target)
    return target


def test_a_kept_libreoffice_converts_again_and_again_to_pdfs_that_pass(
        seed_docx: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with resident.kept(pdf.find()) as running:
        assert running is not None and resident.current() is running
        assert running.pid() is None  # started at the first conversion
        written = pdf.convert([seed_docx])
        first = running.pid()
        second = pdf.convert([seed_docx], force=True)
        assert running.pid() == first and first is not None  # the same LibreOffice both times
    assert resident.current() is None and running.pid() is None
    assert written == second == [seed_docx.with_suffix(".pdf")]
    assert pdfcheck.check(written[0]) == []
    assert capsys.readouterr().err == ""


def test_a_crashed_libreoffice_is_started_again_with_a_swedish_line(
        seed_docx: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with resident.kept(pdf.find()) as running:
        assert running is not None
        assert running.convert(seed_docx, seed_docx.with_name("ett.pdf"), "a2b-ua1")
        crashed = running.pid()
        assert crashed is not None
        os.killpg(crashed, signal.SIGKILL)  # the bridge and its LibreOffice die
        assert running.convert(seed_docx, seed_docx.with_name("två.pdf"), "a2b-ua1")
        assert running.pid() not in (None, crashed)
    assert "LibreOffice, som hölls igång för PDF:erna, kraschade; det startas om" in (
        capsys.readouterr().err)
    assert seed_docx.with_name("två.pdf").stat().st_size > 1000


def test_a_hung_libreoffice_is_stopped_and_the_pdf_made_with_a_cold_call(
        seed_docx: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with resident.kept(pdf.find()) as running:
        assert running is not None
        assert running.convert(seed_docx, seed_docx.with_name("varm.pdf"), "a2b-ua1")
        running.timeout = 0.001  # no conversion answers this fast: taken as hung
        written = pdf.convert([seed_docx])
    err = capsys.readouterr().err
    assert "svarade inte; det startas om" in err
    assert "svarade inte; PDF:en görs i stället med en vanlig körning av LibreOffice" in err
    assert written == [seed_docx.with_suffix(".pdf")] and pdfcheck.check(written[0]) == []


def test_without_the_bridge_the_conversion_is_cold_and_silent(
        seed_docx: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("REMISSGEN_UNO_PYTHON", str(seed_docx.with_name("finns-inte")))
    with resident.kept(pdf.find()) as running:
        written = pdf.convert([seed_docx])
        assert running is not None and running.unavailable
    assert written == [seed_docx.with_suffix(".pdf")]
    assert capsys.readouterr().err == ""


def test_watch_mode_keeps_libreoffice_running_for_the_pdfs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from remissgen.cli import _parser
    from remissgen.commands import bygg

    case = Path(shutil.copy(SEED_CASE, tmp_path / "fall.yaml"))
    seen: list[resident.Resident | None] = []
    stop = threading.Event()
    real = pdf.convert

    def convert(*args: object, **kwargs: object) -> list[Path]:
        seen.append(resident.current())
        written: list[Path] = real(*args, **kwargs)  # type: ignore[arg-type]
        stop.set()  # the first build is enough: end the watch
        return written

    monkeypatch.setattr(pdf, "convert", convert)
    args = _parser().parse_args(["bygg", str(case), "--bevaka", "--pdf"])
    assert bygg.watch([(case, case.with_suffix(".docx"))], args, stop) == 0
    assert len(seen) == 1 and seen[0] is not None and not seen[0].unavailable
    assert resident.current() is None and seen[0].pid() is None  # stopped with the watch
    assert pdfcheck.check(case.with_suffix(".pdf")) == []


def test_relative_paths_are_converted_by_the_kept_libreoffice(
        seed_docx: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(seed_docx.parent)  # as `remissgen bygg fall.yaml --pdf` in its folder
    with resident.kept(pdf.find()) as running:
        assert running is not None
        assert running.convert(Path(seed_docx.name), Path("relativ.pdf"), "a2b-ua1")
    assert (seed_docx.parent / "relativ.pdf").stat().st_size > 1000
    assert capsys.readouterr().err == ""


def test_the_editor_s_pdfs_go_through_the_libreoffice_it_keeps(tmp_path: Path) -> None:
    # `remissgen redigera` serves inside resident.kept: "Visa som PDF" twice is one
    # LibreOffice, and both PDFs are remissgen's (marked, and they pass the check).
    from remissgen.redigera.session import Session

    case = tmp_path / "fall.yaml"
    shutil.copyfile(SEED_CASE, case)
    session = Session(case.resolve(), str(case), None)
    text = case.read_text(encoding="utf-8")
    with resident.kept(pdf.find()) as running:
        assert running is not None
        assert session.make_pdf(text) is None
        first = running.pid()
        assert first is not None  # the conversion started the kept LibreOffice
        assert session.make_pdf(text.replace("Salar Rashid", "Salar Rashid Andersson")) is None
        assert running.pid() == first
    assert session.last_pdf is not None and session.last_pdf.startswith(b"%PDF")
    written = tmp_path / "visad.pdf"
    written.write_bytes(session.last_pdf)
    assert pdf.is_marked(written)
