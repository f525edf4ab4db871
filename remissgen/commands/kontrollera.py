"""remissgen kontrollera: validate case files only, never importing python-docx."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import pipeline
from .. import profile as profiles
from ..errors import RemissgenError
from ..messages import text
from . import report


def run(args: argparse.Namespace) -> int:
    """Check every case file; print all problems; return the worst exit status."""
    status = 0
    for name in args.filer:
        try:
            loaded = pipeline.load(Path(name), name, Path(args.profil) if args.profil else None)
        except RemissgenError as exc:
            report.problems(exc)
            status = max(status, exc.exit_code)
            continue
        if loaded.profile is not None:
            print(text("profil_använd", path=name, profile=profiles.shown(loaded.profile)),
                  file=sys.stderr)
        print(text("ok", path=name))
    return status
