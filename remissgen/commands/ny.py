"""remissgen ny: write a commented starter case file, and the schema beside it if missing."""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
from pathlib import Path
from typing import Any

from .. import profile as profiles
from .. import scaffold, schema, source, textedit
from ..errors import Location, RefusedWrite, problem
from ..messages import text
from . import report

DEFAULT = "ärende.yaml"


def run(args: argparse.Namespace) -> int:
    """Write FIL (never over an existing file: exit 3) and remissgen-schema.json beside it.

    Beside or below a profile (or with --profil), the fields the profile gives are left out
    of FIL and are not required by the schema.
    """
    name: str = args.fil or DEFAULT
    target = Path(name)
    if target.suffix.lower() in (".docx", ".pdf"):  # bygg would write its document over it
        raise _refused(name, "ny_dokumentnamn", suggestion=str(target.with_suffix(".yaml")))
    if target.exists() or target.is_symlink():
        raise _refused(name, "ny_finns")
    chosen = getattr(args, "profil", None)
    found = Path(chosen) if chosen else profiles.discover(target)
    given = read_profile(found) if found is not None else None
    shown = os.path.relpath(found, target.parent) if found is not None else ""
    _create(target, scaffold.starter(name, profile=given, profile_name=shown), name)
    report.written(name)
    beside = target.parent / schema.FILE_NAME
    if not beside.exists():
        _create(beside, schema.dumps(given=given), str(beside))
        report.written(beside)
    return 0


def read_profile(path: Path) -> dict[str, Any]:
    """Return the plain data of the profile at `path`; raise InvalidInput if it is not YAML.

    Its values are not checked here: `kontrollera` and `bygg` report them where they stand.
    """
    src = source.read(path, profiles.shown(path.absolute()))
    data = textedit.read(src.text)
    return data if isinstance(data, dict) else {}


def _refused(shown: str, key: str, **values: Any) -> RefusedWrite:
    return RefusedWrite(problem(Location(shown), key, path=shown, **values))


def _create(path: Path, content: str, shown: str) -> None:
    """Write `content` to the new file `path`; never touch a file that is already there."""
    created = False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as f:
            created = True
            f.write(content)
    except FileExistsError:
        raise _refused(shown, "ny_finns") from None
    except OSError as exc:
        if created:  # a half-written starter is worse than none
            with contextlib.suppress(OSError):
                os.unlink(path)
        raise _refused(shown, "ny_kunde_inte_skriva", reason=_reason(exc)) from None


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return text("orsak_skrivbehörighet")
    if exc.errno == errno.ENOSPC:
        return text("orsak_disk_full")
    return text("orsak_annan", code=exc.errno)
