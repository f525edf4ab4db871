"""write_atomic's temp files are named by a counter, not by tempfile.mkstemp's random letters
(issue 19). They must be what mkstemp made in every way a reader or a later build sees: beside
the target, a new file of mode 0600 (O_EXCL: never one that was there, nor a symlink's
target), named so that remove_stale finds it when a killed build leaves it."""

from __future__ import annotations

import itertools
import os
import stat
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from remissgen import output

NAME = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\\x00"),
               min_size=1, max_size=120).map(lambda s: s.replace(".", "x") + ".docx")


@settings(max_examples=60, deadline=None)
@given(NAME)
def test_a_temp_file_is_what_mkstemp_made(name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / name
        try:
            fd, tmp = output.temp_file(target)
        except OSError:  # a name the file system refuses (too long in bytes): mkstemp too
            with pytest.raises(OSError):
                tempfile.mkstemp(prefix=f"{output.TEMP_PREFIX}{name[:80]}-", suffix=".tmp",
                                 dir=folder)
            return
        os.close(fd)
        mfd, made = tempfile.mkstemp(prefix=f"{output.TEMP_PREFIX}{name[:80]}-", suffix=".tmp",
                                     dir=folder)
        os.close(mfd)
        ours, theirs = Path(tmp), Path(made)
        assert ours.parent == theirs.parent == Path(folder)
        assert ours.name.startswith(f"{output.TEMP_PREFIX}{name[:80]}-")
        assert ours.suffix == theirs.suffix == ".tmp"
        assert stat.S_IMODE(ours.stat().st_mode) == stat.S_IMODE(theirs.stat().st_mode)
        assert ours.stat().st_size == 0
        old = os.stat(folder).st_mtime - output.STALE_SECONDS - 1
        for p in (ours, theirs):
            os.utime(p, (old, old))
        output.remove_stale(Path(folder))
        assert list(Path(folder).iterdir()) == []


def test_a_name_that_is_there_is_never_opened(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output, "_NAMES", itertools.count())
    secret = tmp_path / "hemligt"
    secret.write_text("orört")
    stem = f"{output.TEMP_PREFIX}ut.docx-{output._TOKEN}{os.getpid()}-"
    (tmp_path / f"{stem}0.tmp").symlink_to(secret)
    (tmp_path / f"{stem}1.tmp").write_text("en annans")
    fd, tmp = output.temp_file(tmp_path / "ut.docx")
    os.close(fd)
    assert tmp == str(tmp_path / f"{stem}2.tmp")
    assert secret.read_text() == "orört"
    assert (tmp_path / f"{stem}1.tmp").read_text() == "en annans"


def test_when_every_name_is_taken_mkstemp_names_it(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output, "_NAMES", itertools.repeat(0))
    stem = f"{output.TEMP_PREFIX}ut.docx-{output._TOKEN}{os.getpid()}-"
    (tmp_path / f"{stem}0.tmp").write_text("")
    fd, tmp = output.temp_file(tmp_path / "ut.docx")
    os.close(fd)
    assert Path(tmp).name.startswith(f"{output.TEMP_PREFIX}ut.docx-") and tmp.endswith(".tmp")
    assert Path(tmp).name != f"{stem}0.tmp"


def test_a_write_keeps_the_old_files_mode(tmp_path: Path) -> None:
    target = tmp_path / "ut.docx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    output.write_atomic(target, b"new" * 100_000)
    assert target.read_bytes() == b"new" * 100_000
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    fresh = tmp_path / "ny" / "mapp" / "ut.docx"
    output.write_atomic(fresh, b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ny", "ut.docx"]
