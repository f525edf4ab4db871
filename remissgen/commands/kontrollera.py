"""remissgen kontrollera: validate case files only, never importing python-docx."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import pipeline
from ..errors import RemissgenError
from ..messages import text
from . import report


def run(args: argparse.Namespace) -> int:
    """Check every case file; print all problems; return the worst exit status."""
    status = 0
    for name in args.filer:
        try:
            pipeline.load(Path(name), name)
        except RemissgenError as exc:
            report.problems(exc)
            status = max(status, exc.exit_code)
            continue
        print(text("ok", path=name))
    return status
