"""Publishing safely: no lost edits, atomic writes, byte-identical rebuilds, batches, watch mode."""

from __future__ import annotations

import io
import os
import re
import shutil
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from remissgen import output, pdf
from remissgen.cli import main
from remissgen.errors import RefusedWrite

from .conftest import CASES, SEED_CASE, Result, build, case_copy


def _built(run: Callable[..., Result], case: Path, out: Path) -> bytes:
    build(run, case, out)  # built, and every accessibility rule checked
    return out.read_bytes()


def test_rebuild_refuses_a_document_edited_in_word(tmp_path: Path,
                                                  run: Callable[..., Result]) -> None:
    out = tmp_path / "ut.docx"
    _built(run, SEED_CASE, out)
    document = docx.Document(str(out))
    document.paragraphs[3].text = "Ändrat för hand i Word."
    document.save(str(out))
    edited = out.read_bytes()

    result = run("bygg", SEED_CASE, "-o", out)
    assert result.code == 3
    assert f"{out}:1:1: fel: '{out}' har ändrats efter att remissgen byggde den" in result.err
    assert "--tvinga" in result.err and "-o" in result.err
    assert out.read_bytes() == edited

    forced = run("bygg", SEED_CASE, "-o", out, "--tvinga")
    assert forced.code == 0
    assert "Ändrat för hand i Word." not in [p.text for p in docx.Document(str(out)).paragraphs]


def test_saving_without_changes_keeps_the_fingerprint_valid(tmp_path: Path,
                                                          run: Callable[..., Result]) -> None:
    out = tmp_path / "ut.docx"
    _built(run, SEED_CASE, out)
    docx.Document(str(out)).save(str(out))  # re-saved by another program, text untouched
    assert run("bygg", SEED_CASE, "-o", out).code == 0


def test_a_document_remissgen_did_not_make_is_not_overwritten(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    out = tmp_path / "ut.docx"
    docx.Document().save(str(out))
    before = out.read_bytes()
    result = run("bygg", SEED_CASE, "-o", out)
    assert result.code == 3 and "inte byggd av remissgen" in result.err
    assert out.read_bytes() == before


@pytest.mark.parametrize("lock", ["~$ut.docx", ".~lock.ut.docx#", "~$ngt-namn.docx"])
def test_an_open_document_is_not_overwritten(tmp_path: Path, run: Callable[..., Result],
                                             lock: str) -> None:
    name = "langt-namn.docx" if lock == "~$ngt-namn.docx" else "ut.docx"
    out = tmp_path / name
    (tmp_path / lock).write_text("")
    result = run("bygg", SEED_CASE, "-o", out)
    assert result.code == 3 and "öppen i Word" in result.err and lock in result.err
    tip = next(line for line in result.err.splitlines() if line.startswith("    tips:"))
    assert f"ta bort låsfilen '{lock}'" in tip and "inte öppet" in tip  # a stale lock file
    assert not out.exists()


def test_writes_are_atomic_when_the_build_fails_midway(
        tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "ut.docx"
    first = _built(run, SEED_CASE, out)

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", broken_replace)
    with pytest.raises(RefusedWrite) as refused:
        output.write_atomic(out, b"half a document")
    assert f"{out}:1:1: fel: kunde inte skriva '{out}': disken är full" in str(refused.value)
    assert refused.value.exit_code == 3
    assert out.read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ut.docx"]


def test_a_target_held_open_by_word_gives_a_swedish_message(
        tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    def held(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(output.os, "replace", held)
    result = run("bygg", SEED_CASE, "-o", tmp_path / "ut.docx")
    assert result.code == 3
    assert "går inte att ersätta; den är troligen öppen i Word" in result.err
    assert "Traceback" not in result.err
    assert list(tmp_path.iterdir()) == []


def test_rebuilds_are_byte_identical(tmp_path: Path, run: Callable[..., Result]) -> None:
    first = _built(run, SEED_CASE, tmp_path / "a.docx")
    time.sleep(1.1)  # zip timestamps have a two-second resolution; make a clock leak visible
    second = _built(run, SEED_CASE, tmp_path / "b.docx")
    assert first == second
    again = _built(run, SEED_CASE, tmp_path / "a.docx")
    assert again == first


def test_batch_goes_on_past_a_broken_file(tmp_path: Path, run: Callable[..., Result]) -> None:
    folder = tmp_path / "ärenden"
    folder.mkdir()
    shutil.copy(SEED_CASE, folder / "a.yaml")
    shutil.copy(CASES / "minimal.yaml", folder / "b.yaml")
    (folder / "c.yaml").write_text("förvaltning: X\nnämnd: [\n", encoding="utf-8")
    (folder / "remissgen-profil.yaml").write_text("kommun: Stockholms stad\n", encoding="utf-8")
    result = run("bygg", folder, "-o", tmp_path / "ut")
    assert result.code == 1
    assert result.out.split() == [str(tmp_path / "ut" / "a.docx"), str(tmp_path / "ut" / "b.docx")]
    assert f"{folder / 'c.yaml'}:" in result.err and "fel:" in result.err
    assert result.err.strip().splitlines()[-1] == (
        "2 dokument byggda, 1 med fel; 6 varningar från granskningen i 1 av dem "
        "(visa dem med --granska)")  # the review's counts once, in the summary
    assert sorted(p.name for p in (tmp_path / "ut").iterdir()) == ["a.docx", "b.docx"]


def test_batch_of_named_files_writes_beside_each(tmp_path: Path,
                                                 run: Callable[..., Result]) -> None:
    a = case_copy("minimal.yaml", tmp_path)
    b = shutil.copy(SEED_CASE, tmp_path / "seed.yaml")
    profile = tmp_path / "remissgen-profil.yaml"  # as a shell's *.yaml would name it too
    profile.write_text("kommun: Stockholms stad\n", encoding="utf-8")
    result = run("bygg", a, profile, b)
    assert result.code == 0
    assert result.out.split() == [str(tmp_path / "minimal.docx"), str(tmp_path / "seed.docx")]
    assert result.err.strip().splitlines()[-1].startswith("2 dokument byggda; ")


@pytest.mark.parametrize("pool_min", [100, 2], ids=["one process", "process pool"])
def test_batch_output_equals_single_builds(tmp_path: Path, run: Callable[..., Result],
                                           monkeypatch: pytest.MonkeyPatch, pool_min: int) -> None:
    from remissgen.commands import bygg

    cases = [SEED_CASE, CASES / "minimal.yaml", CASES / "kultur-och-fritid.yaml"]
    singles = [_built(run, c, tmp_path / f"{c.stem}.docx") for c in cases]
    monkeypatch.setattr(bygg, "POOL_MIN", pool_min)
    result = run("bygg", *cases, "-o", tmp_path / "batch")
    assert result.code == 0
    assert result.out.split() == [str(tmp_path / "batch" / f"{c.stem}.docx") for c in cases]
    assert [(tmp_path / "batch" / f"{c.stem}.docx").read_bytes() for c in cases] == singles


def test_missing_libreoffice_writes_the_docx_and_exits_4(
        tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "find", lambda platform=None: None)
    out = tmp_path / "ut.docx"
    result = run("bygg", SEED_CASE, "-o", out, "--pdf")
    assert result.code == 4
    assert out.is_file() and not out.with_suffix(".pdf").exists()
    assert "LibreOffice hittades inte" in result.err and "installera LibreOffice" in result.err


def test_libreoffice_is_found_in_its_usual_folder_on_windows_and_macos(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    program = tmp_path / "LibreOffice" / "program" / "soffice.exe"
    program.parent.mkdir(parents=True)
    program.write_text("")
    monkeypatch.setenv("PROGRAMFILES", str(tmp_path))
    assert pdf.find("win32") == program
    assert "winget" in pdf.install_hint("win32")
    assert pdf.candidates("darwin") == [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]
    assert "brew" in pdf.install_hint("darwin")


def test_output_is_utf8_on_a_legacy_console(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    raw_out, raw_err = io.BytesIO(), io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw_out, encoding="cp437"))
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(raw_err, encoding="cp437"))
    folder = tmp_path / "ärenden åäö"
    folder.mkdir()
    case = shutil.copy(SEED_CASE, folder / "räksmörgås.yaml")
    assert main(["bygg", str(case)]) == 0
    assert main(["kontrollera", str(folder / "saknas-ö.yaml")]) == 1
    sys.stdout.flush()
    sys.stderr.flush()
    assert raw_out.getvalue().decode("utf-8").strip() == str(folder / "räksmörgås.docx")
    assert "saknas-ö.yaml" in raw_err.getvalue().decode("utf-8")


def test_watch_rebuilds_on_save_and_survives_errors(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from remissgen.cli import _parser
    from remissgen.commands import bygg

    case = shutil.copy(SEED_CASE, tmp_path / "fall.yaml")
    out = tmp_path / "fall.docx"
    stop = threading.Event()
    builds: list[list[Path]] = []
    real = bygg.build_all

    def counted(jobs: list[tuple[Path, Path]], args: object) -> int:
        builds.append([c for c, _ in jobs])
        return real(jobs, args)  # type: ignore[arg-type]

    args = _parser().parse_args(["bygg", str(case), "--bevaka"])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bygg, "build_all", counted)
        thread = threading.Thread(target=bygg.watch, args=([(case, out)], args, stop))
        thread.start()
        try:
            _wait(lambda: out.exists() and len(builds) == 1)
            text = case.read_text(encoding="utf-8")
            broken = text.replace("sammanträde: 2021-12-16", "sammanträde: 2021-13-45")
            _save_until(case, broken, lambda: len(builds) >= 2)
            fixed = text.replace("Christina Grefveberg", "Christina Bevakad")
            _save_until(case, fixed, lambda: out.exists() and "Christina Bevakad" in _body(out))
        finally:
            stop.set()
            thread.join(10)
    assert not thread.is_alive()
    err = capsys.readouterr().err
    assert "2021-13-45" in err and "bevakar 1 ärendefil;" in err and "bevakningen avslutad" in err


def test_watch_rebuilds_when_the_profile_is_saved_with_the_time(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from remissgen.cli import _parser
    from remissgen.commands import bygg

    text = SEED_CASE.read_text(encoding="utf-8")
    case = tmp_path / "fall.yaml"
    profile = tmp_path / "remissgen-profil.yaml"
    profile.write_text("avdelning: Gamla avdelningen\n", encoding="utf-8")
    case.write_text(re.sub(r"(?m)^avdelning: .*\n", "", text), encoding="utf-8")
    out = tmp_path / "fall.docx"
    stop = threading.Event()
    args = _parser().parse_args(["bygg", str(case), "--bevaka"])
    thread = threading.Thread(target=bygg.watch, args=([(case, out)], args, stop))
    thread.start()
    try:
        _wait(lambda: out.exists() and "Gamla avdelningen" in _header(out))
        _save_until(profile, "avdelning: Nya avdelningen\n",
                    lambda: out.exists() and "Nya avdelningen" in _header(out))
    finally:
        stop.set()
        thread.join(10)
    err = capsys.readouterr().err
    assert re.search(r"(?m)^\d\d:\d\d:\d\d fall\.yaml: en fil som bygget läser sparades", err)


def _header(path: Path) -> str:
    try:
        return "\n".join(p.text for p in docx.Document(str(path)).sections[0].header.paragraphs)
    except Exception:  # the watcher may be replacing the file right now
        return ""


def _body(path: Path) -> str:
    try:
        return "\n".join(c.text for t in docx.Document(str(path)).tables
                         for c in t.rows[0].cells)
    except Exception:  # the watcher may be replacing the file right now
        return ""


def _save_until(case: Path, text: str, condition: Callable[[], bool]) -> None:
    """Save `text` as an editor would, again every two seconds, until the watcher reacts.

    The watcher may still be starting on a busy machine when the first save happens.
    """
    for _ in range(15):
        case.write_text(text, encoding="utf-8")
        try:
            _wait(condition, seconds=2)
            return
        except AssertionError:
            continue
    raise AssertionError("the watcher never rebuilt after a save")


def _wait(condition: Callable[[], bool], seconds: float = 20) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("timed out waiting for the watcher")


def test_no_stray_files_after_a_build(tmp_path: Path, run: Callable[..., Result]) -> None:
    _built(run, SEED_CASE, tmp_path / "ut.docx")
    assert os.listdir(tmp_path) == ["ut.docx"]


def test_an_unwritable_target_is_a_swedish_message(tmp_path: Path,
                                                   run: Callable[..., Result]) -> None:
    blocker = tmp_path / "fil"
    blocker.write_text("inte en mapp")
    result = run("bygg", SEED_CASE, "-o", blocker / "ut.docx")
    assert result.code == 3
    assert "kunde inte skriva" in result.err and "Traceback" not in result.err
    assert blocker.read_text() == "inte en mapp"


@pytest.mark.parametrize(("extra", "words"), [
    (["same"], ["skulle båda skrivas till"]),
    (["file-target"], ["-o ska vara en mapp när flera ärenden byggs"]),
])
def test_batch_targets_that_cannot_serve_are_refused(
        tmp_path: Path, run: Callable[..., Result], extra: list[str], words: list[str]) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    first = shutil.copy(SEED_CASE, a / "x.yaml")
    second = shutil.copy(CASES / "minimal.yaml", b / "x.yaml" if extra == ["same"] else b / "y.yaml")
    target = tmp_path / ("ut" if extra == ["same"] else "ut.docx")
    result = run("bygg", first, second, "-o", target)
    assert result.code == 2
    assert result.err.startswith("remissgen bygg: fel: ")
    for word in words:
        assert word in result.err
    assert not target.exists()


def test_one_case_to_a_non_docx_file_is_refused(tmp_path: Path,
                                                run: Callable[..., Result]) -> None:
    other = tmp_path / "annat.yaml"
    other.write_text("x: 1\n", encoding="utf-8")
    result = run("bygg", SEED_CASE, "-o", other)
    assert result.code == 2
    assert "-o ska vara en .docx-fil eller en mapp, men" in result.err
    assert other.read_text(encoding="utf-8") == "x: 1\n"


def test_a_written_document_is_readable_by_colleagues(tmp_path: Path,
                                                     run: Callable[..., Result]) -> None:
    old = os.umask(0o022)
    try:
        _built(run, SEED_CASE, tmp_path / "ut.docx")
    finally:
        os.umask(old)
    assert (tmp_path / "ut.docx").stat().st_mode & 0o777 == 0o644
