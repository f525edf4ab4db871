"""Writing files safely: atomic replacement, and no overwriting of a document edited by hand."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from .errors import Location, RefusedWrite, problem
from .messages import os_reason, text
from .word import fingerprint


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a part.

    A failure to write (folder not writable, disk full, target held open) is a Swedish
    message with exit 3, and leaves the old file as it was.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _refused(path, "kunde_inte_skriva", reason=os_reason(exc)) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, _mode(path))  # mkstemp makes 0600; colleagues must be able to open it
        os.replace(tmp, path)
    except PermissionError:
        _remove(tmp)
        raise _refused(path, "upptagen") from None
    except OSError as exc:
        _remove(tmp)
        raise _refused(path, "kunde_inte_skriva", reason=os_reason(exc)) from None
    except BaseException:
        _remove(tmp)
        raise


def _mode(path: Path) -> int:
    """Return the mode the written file gets: the replaced file's, else 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _remove(tmp: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)


def lock_files(path: Path) -> list[Path]:
    """Return the lock files Word (`~$name`, `~$me` for long names) and LibreOffice leave."""
    name = path.name
    candidates = [f"~${name}", f"~${name[2:]}", f".~lock.{name}#"]
    return [path.with_name(c) for c in dict.fromkeys(candidates)]


def check_overwrite(path: Path) -> None:
    """Refuse (exit 3) to replace a document that is open, or was not made or was edited since."""
    for lock in lock_files(path):
        if lock.exists():
            raise _refused(path, "öppen_i_word", lock=lock.name)
    if not path.exists():
        return
    stored, current = _fingerprints(path)
    if stored is None:
        raise _refused(path, "inte_från_remissgen")
    if stored != current:
        raise _refused(path, "handredigerad")


def save_docx(path: Path, data: bytes, *, force: bool = False) -> Path | None:
    """Write a built .docx atomically; unless `force`, protect open and hand-edited files.

    With `force`, a document that would have been refused is first copied beside itself
    as "FALL (ändrad i Word, sparad ÅÅÅÅ-MM-DD HH.MM).docx"; return that copy (or None).
    """
    copy = None
    if force:
        try:
            check_overwrite(path)
        except RefusedWrite:
            copy = keep_copy(path, "kopia_ändrad_i_word")
    else:
        check_overwrite(path)
    write_atomic(path, data)
    return copy


def copy_name(path: Path, when: dt.datetime, kind: str) -> Path:
    """Return a free name beside `path` for a copy: the catalogue's `kind` ("FALL (ändrad i
    Word, sparad ÅÅÅÅ-MM-DD HH.MM)") and the same suffix; " 2", " 3" … when taken."""
    stem = text(kind, namn=path.stem, tid=when.strftime("%Y-%m-%d %H.%M"))
    candidate = path.with_name(stem + path.suffix)
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{stem} {number}{path.suffix}")
        number += 1
    return candidate


def keep_copy(path: Path, kind: str) -> Path:
    """Copy `path` beside itself under copy_name (stamped with the time it was last saved);
    return the copy, or raise RefusedWrite (exit 3) when it cannot be written."""
    import shutil

    try:
        saved = dt.datetime.fromtimestamp(path.stat().st_mtime)
        target = copy_name(path, saved, kind)
        shutil.copy2(path, target)
    except OSError as exc:
        raise _refused(path, "kunde_inte_kopiera", reason=os_reason(exc)) from None
    return target


_PROPERTY = re.compile(
    rf'name="{re.escape(fingerprint.PROPERTY)}"[^>]*>\s*<vt:lpwstr>([0-9a-f]+)</vt:lpwstr>')


def _fingerprints(path: Path) -> tuple[str | None, str]:
    """Return (stored fingerprint or None, fingerprint of the body as it is now)."""
    try:
        with zipfile.ZipFile(path) as zf:
            body = zf.read("word/document.xml").decode("utf-8")
            names = zf.namelist()
            custom = zf.read("docProps/custom.xml").decode("utf-8") if (
                "docProps/custom.xml" in names) else ""
    except (zipfile.BadZipFile, KeyError, OSError, UnicodeDecodeError):
        return None, ""
    found = _PROPERTY.search(custom)
    return (found.group(1) if found else None), fingerprint.of_body(body)


def _refused(path: Path, key: str, **values: Any) -> RefusedWrite:
    return RefusedWrite(problem(Location(str(path)), key, path=path, **values))
