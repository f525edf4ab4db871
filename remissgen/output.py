"""Writing files safely: atomic replacement, and nothing of the user's replaced or lost.

A target is refused (exit 3) when it is one of the build's own inputs, open in Word or
LibreOffice, read-only, a folder, or, unless `--tvinga`, a document remissgen did not make
or one edited since. Temp files carry remissgen's name, so a later build in the same folder
removes one a killed build left behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import re
import shutil
import stat
import tempfile
import time
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import safezip
from .errors import Location, RefusedWrite, problem
from .messages import shown, text, write_reason
from .word import fingerprint

TEMP_PREFIX = ".remissgen-"  # every temp file and folder remissgen makes beside a target
STALE_SECONDS = 3600  # a temp file this old was left by a build that was killed
SWEEP_SECONDS = 60  # a folder swept this recently is not swept again by write_atomic
_swept: dict[str, float] = {}  # folder → when write_atomic last swept it, in this process
_READONLY_ATTRIBUTE = getattr(stat, "FILE_ATTRIBUTE_READONLY", 1)


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a part.

    A failure to write (folder not writable, disk full, file-size limit, target held open)
    is a Swedish message with exit 3, and leaves the old file as it was.
    """
    try:
        _sweep(path.parent)
        try:
            fd, tmp = temp_file(path)
        except OSError:  # no folder there (or none to write in): made, as it says why not
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = temp_file(path)
    except OSError as exc:
        raise _refused(path, "kunde_inte_skriva", reason=write_reason(exc)) from None
    try:
        try:
            _write_all(fd, data)
            _keep_mode_and_owner(fd, tmp, path)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except PermissionError:
        _remove(tmp)
        raise _refused(path, "upptagen") from None
    except OSError as exc:
        _remove(tmp)
        raise _refused(path, "kunde_inte_skriva", reason=write_reason(exc)) from None
    except BaseException:  # Ctrl+C, SIGTERM, SIGHUP (the CLI raises for those): no temp file
        _remove(tmp)
        raise


def remove_stale(folder: Path, now: float | None = None) -> None:
    """Remove remissgen's temp files and folders in `folder` older than STALE_SECONDS."""
    now = time.time() if now is None else now
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not entry.name.startswith(TEMP_PREFIX):
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if now - info.st_mtime < STALE_SECONDS:
                    continue
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                elif entry.name.endswith(".tmp"):
                    os.unlink(entry.path)


def _sweep(folder: Path) -> None:
    """Remove stale temp files in `folder` unless this process did so in the last minute.

    A batch writes hundreds of files into one folder: sweeping before each write read the
    whole folder each time, so the batch grew with the square of its size. A temp file is
    stale only after an hour, so a sweep a minute (watch mode and the editor run for hours)
    finds every one in time.
    """
    now = time.time()
    key = str(folder)
    last = _swept.get(key)
    if last is not None and now - last < SWEEP_SECONDS:
        return
    if len(_swept) > 1000:  # a process that writes into very many folders: bounded
        _swept.clear()
    _swept[key] = now
    remove_stale(folder, now)


_FLAGS = (os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
          | getattr(os, "O_BINARY", 0))  # as tempfile.mkstemp opens its files
_NAMES = itertools.count()
_TOKEN = os.urandom(4).hex()  # this process's: another's names never meet these


def temp_file(path: Path) -> tuple[int, str]:
    """Return an open descriptor and the name of a new temp file beside `path` (mode 0600,
    as tempfile.mkstemp makes it), named TEMP_PREFIX + its name + a number + ".tmp".

    The name is this process's token and a counter, not mkstemp's eight random letters
    drawn anew for each file; O_EXCL still refuses a name that is there (a symlink too),
    and the next number is tried.
    """
    stem = f"{path.parent}{os.sep}{TEMP_PREFIX}{path.name[:80]}-{_TOKEN}"
    for _ in range(100):
        tmp = f"{stem}{os.getpid()}-{next(_NAMES)}.tmp"  # a forked worker: its own names
        try:
            return os.open(tmp, _FLAGS, 0o600), tmp
        except FileExistsError:
            continue
    return tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{path.name[:80]}-", suffix=".tmp",
                            dir=path.parent)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _keep_mode_and_owner(fd: int, tmp: str, path: Path) -> None:
    """Give the new file (open as `fd`, named `tmp`) the mode (made 0600) and, as root,
    the owner of the old."""
    target: int | str = fd if os.chmod in os.supports_fd else tmp  # Windows: by name
    try:
        old = path.stat()
    except OSError:
        os.chmod(target, 0o666 & ~_umask())
        return
    os.chmod(target, old.st_mode & 0o777)
    chown = getattr(os, "chown", None)
    if chown is not None and hasattr(os, "geteuid") and os.geteuid() == 0:
        with contextlib.suppress(OSError):
            chown(target, old.st_uid, old.st_gid)


def _umask() -> int:
    """Return the process's umask (read by setting it, so set back at once)."""
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _remove(tmp: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)


def lock_files(path: Path) -> list[Path]:
    """Return the lock files Word (`~$name`, `~$me` for long names) and LibreOffice leave."""
    name = path.name
    candidates = [f"~${name}", f"~${name[2:]}", f".~lock.{name}#"]
    return [path.with_name(c) for c in dict.fromkeys(candidates)]


def same_file(a: Path, b: Path) -> bool:
    """Return whether `a` and `b` are one file: same device and inode, else same real path."""
    try:
        return os.path.samefile(a, b)
    except FileNotFoundError:  # a file that is not there cannot be the other one
        return False
    except (OSError, ValueError):
        try:
            return a.resolve() == b.resolve()
        except (OSError, ValueError, RuntimeError):
            return False


def is_read_only(info: os.stat_result) -> bool:
    """Return whether a file is read-only by its mode bits or the Windows attribute.

    Not os.access: root may write anything, so it would say yes to a file its owner
    protected.
    """
    attributes = getattr(info, "st_file_attributes", 0)
    return not info.st_mode & stat.S_IWUSR or bool(attributes & _READONLY_ATTRIBUTE)


def check_target(path: Path, *, force: bool = False,
                 inputs: Mapping[str, Path | None] | None = None) -> Checked:
    """Refuse (exit 3) to write `path` when that would replace the user's work; return the
    file whose fingerprint was checked (None when nothing is there, or with `force`, when
    none is read), for save_docx to know it has been checked.

    Always refused: one of the build's `inputs` (name → path: ärendefil, profil, mall,
    logotyp), a document open in Word or LibreOffice, a read-only file, a folder or other
    non-regular file. Unless `force`: a file remissgen did not make, or one edited since.
    """
    info = _always(path, inputs)
    if info is None or force:
        return None
    if path.suffix.lower() == ".pdf":
        from . import pdf

        if not pdf.is_marked(path):
            raise _refused(path, "inte_från_remissgen")
        return _checked(info)
    _check_fingerprint(path)
    return _checked(info)


Checked = tuple[int, int, int, int] | None  # a checked file's inode, device, size, mtime (ns)


def _checked(info: os.stat_result | None) -> Checked:
    if info is None:
        return None
    return info.st_ino, info.st_dev, info.st_size, info.st_mtime_ns


def _always(path: Path, inputs: Mapping[str, Path | None] | None) -> os.stat_result | None:
    """Refuse what is never replaced, even with --tvinga; return the file's stat (None when
    nothing is there)."""
    try:
        info: os.stat_result | None = path.stat()
        missing = False
    except OSError as exc:  # nothing there (or unreadable): writing says what is wrong
        info, missing = None, isinstance(exc, FileNotFoundError)
    if not missing:  # a file that is not there is no input (same_file says so, after a stat)
        for what, source in (inputs or {}).items():
            if source is not None and same_file(path, source):
                raise _refused(path, "är_indata", what=text(f"indata_{what}"))
    for lock in lock_files(path):
        if lock.exists():
            raise _refused(path, "öppen_i_word", lock=lock.name)
    if info is None:
        return None
    if stat.S_ISDIR(info.st_mode):
        raise _refused(path, "ut_är_mapp")
    if not stat.S_ISREG(info.st_mode):
        raise _refused(path, "inte_från_remissgen")  # a FIFO or device: never read, never replaced
    if is_read_only(info):
        raise _refused(path, "skrivskyddad")
    return info


def save_docx(path: Path, data: bytes, *, force: bool = False,
              inputs: Mapping[str, Path | None] | None = None,
              checked: Checked = None) -> Path | None:
    """Write a built .docx atomically after check_target; return the copy `force` kept.

    With `force`, a document that would have been refused as not remissgen's or edited is
    first copied beside itself as "FALL (ändrad i Word, sparad ÅÅÅÅ-MM-DD HH.MM).docx". An
    input, an open, read-only or non-regular file is refused even so.

    `checked` is what check_target returned before the build: when the
    file there is still that one (same inode, size and time), its fingerprint is not read
    again; anything else there is checked anew, so a save in Word meanwhile is never lost.
    """
    info = _always(path, inputs)
    copy = None
    if info is not None and (checked is None or _checked(info) != checked):
        try:
            _check_fingerprint(path)
        except RefusedWrite:
            if not force:
                raise
            copy = keep_copy(path, "kopia_ändrad_i_word")
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
        raise _refused(path, "kunde_inte_kopiera", reason=write_reason(exc)) from None
    return target


_PROPERTY = (  # compiled by re when an old document is checked
    rf'name="{re.escape(fingerprint.PROPERTY)}"[^>]*>\s*<vt:lpwstr>([^<]+)</vt:lpwstr>')
_WRITTEN = (rf'name="{re.escape(fingerprint.WRITTEN)}"[^>]*>\s*'
            r"<vt:lpwstr>([0-9a-f]{64})</vt:lpwstr>")


def _check_fingerprint(path: Path) -> None:
    """Refuse a .docx without remissgen's fingerprint, or one whose content differs from it."""
    try:
        members = safezip.read_members(path)
    except safezip.TooLarge as exc:
        raise _refused(path, "ut_för_stor", what=exc.what,
                       limit=exc.limit // (1024 * 1024)) from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
        raise _refused(path, "inte_från_remissgen") from None
    custom = members.get("docProps/custom.xml", b"").decode("utf-8", "replace")
    found = re.search(_PROPERTY, custom)
    if found is None:
        raise _refused(path, "inte_från_remissgen")
    value = found.group(1)
    if re.fullmatch(r"[0-9a-f]{64}", value):  # built before version 2: the body's text only
        body = members.get("word/document.xml", b"").decode("utf-8", "replace")
        if fingerprint.of_body(body) != value:
            raise _refused(path, "handredigerad", what=text("ändrat_text"))
        return
    same = re.search(_WRITTEN, custom)
    if same is not None and same.group(1) == fingerprint.written(members):
        return  # every part as remissgen wrote it: nothing to compute (its fingerprint holds)
    found_print = fingerprint.decode(value)
    if found_print is None:
        raise _refused(path, "inte_från_remissgen")
    version, stored = found_print
    edits = fingerprint.changed(stored, fingerprint.of_members(members, version))
    if edits:
        raise _refused(path, "handredigerad", what=_what(edits, members))


def _what(edits: list[tuple[str, list[int]]], members: Mapping[str, bytes]) -> str:
    """Return the kinds of edit in Swedish: "brödtexten i 'Bakgrund' och formateringen"."""
    titles = fingerprint.section_titles(members)
    words = []
    for kind, sections in edits:
        named = [f"'{shown(titles[i])}'" if titles[i] else text("ändrat_avsnitt_början")
                 for i in sections if i < len(titles)]
        words.append(text("ändrat_text_avsnitt", sections=_joined(named)) if named
                     else text(f"ändrat_{kind}"))
    return _joined(words)


def _joined(words: list[str]) -> str:
    return words[0] if len(words) == 1 else text("ändrat_och", first=", ".join(words[:-1]),
                                                 last=words[-1])


def _refused(path: Path, key: str, **values: Any) -> RefusedWrite:
    return RefusedWrite(problem(Location(str(path)), key, path=path, **values))
