"""remissgen importera: a tjänsteutlåtande (.docx or text) → a case file beside it, never over one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import output
from ..errors import Location, RefusedWrite, problem
from ..importera import importera
from . import report


def target(name: str, out: str | None) -> Path:
    """Return the case file to write: -o, or beside the input FALL-från-word.yaml (a text:
    FALL-från-text.yaml), a name that never is the case file the document was built from."""
    if out:
        return Path(out)
    path = Path(name)
    kind = "word" if path.suffix.lower() in (".docx", ".docm", ".dotx") else "text"
    return path.with_name(f"{path.stem}-från-{kind}.yaml")


def run(args: argparse.Namespace) -> int:
    """Import one document; refuse to overwrite an existing file (exit 3)."""
    path = target(args.fil, args.ut)
    if path.exists():
        raise RefusedWrite(problem(Location(str(path)), "importera_finns", path=path,
                                   beside=path.with_name(path.stem + "-importerad.yaml")))
    import os

    from .. import profile

    found = profile.discover(path)  # the profile the case file will be read with
    imported = importera(Path(args.fil), args.fil, ocr=args.ocr, profile=found,
                         profile_shown=os.path.relpath(found, path.absolute().parent)
                         if found else None)
    for name, data in imported.files:  # the logo beside the case file; never another file
        beside = path.parent / name
        if beside.exists() and beside.read_bytes() != data:
            raise RefusedWrite(problem(Location(str(beside)), "importera_bild_finns", path=beside))
    for name, data in imported.files:
        output.write_atomic(path.parent / name, data)
    output.write_atomic(path, imported.yaml.encode("utf-8"))
    where = Location(str(path))
    if imported.notes:
        key = "importera_anteckning" if len(imported.notes) == 1 else "importera_anteckningar"
        print(problem(where, key, severity="varning", count=len(imported.notes)).format(),
              file=sys.stderr)
    if imported.changes:
        print(problem(where, "importera_ocr_ändringar", severity="varning",
                      count=len(imported.changes)).format(), file=sys.stderr)
    report.written(path)
    return 0
