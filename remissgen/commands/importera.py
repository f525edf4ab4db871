"""remissgen importera: a tjänsteutlåtande (.docx or text) → a case file beside it, never over one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import output
from ..errors import Location, Problem, RefusedWrite
from ..importera import importera
from ..messages import text
from . import report


def target(name: str, out: str | None) -> Path:
    """Return the case file to write: -o, or the input's name with .yaml beside it."""
    return Path(out) if out else Path(name).with_suffix(".yaml")


def run(args: argparse.Namespace) -> int:
    """Import one document; refuse to overwrite an existing file (exit 3)."""
    path = target(args.fil, args.ut)
    if path.exists():
        raise RefusedWrite(Problem(Location(str(path)), text("importera_finns", path=path),
                                   text("importera_finns_tips", path=path.with_name(
                                       path.stem + "-importerad.yaml"))).format())
    imported = importera(Path(args.fil), args.fil, ocr=args.ocr)
    for name, data in imported.files:  # the logo beside the case file; never another file
        beside = path.parent / name
        if beside.exists() and beside.read_bytes() != data:
            raise RefusedWrite(Problem(Location(str(beside)), text("importera_bild_finns",
                                                                   path=beside)).format())
    for name, data in imported.files:
        output.write_atomic(path.parent / name, data)
    output.write_atomic(path, imported.yaml.encode("utf-8"))
    where = Location(str(path))
    if imported.notes:
        key = "importera_anteckning" if len(imported.notes) == 1 else "importera_anteckningar"
        print(Problem(where, text(key, count=len(imported.notes)),
                      severity="varning").format(), file=sys.stderr)
    if imported.changes:
        print(Problem(where, text("importera_ocr_ändringar", count=len(imported.changes)),
                      severity="varning").format(), file=sys.stderr)
    report.written(path)
    return 0
