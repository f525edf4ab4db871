"""remissgen bygg: build each case file into a .docx beside it, or under -o."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import output, pipeline
from ..errors import RemissgenError, UsageError
from ..messages import text
from . import report


def targets(names: list[str], out: str | None) -> list[tuple[Path, Path]]:
    """Return (case file, output .docx) pairs; -o is a file for one case, a folder for more."""
    cases = [Path(n) for n in names]
    if out is None:
        return [(c, c.with_suffix(".docx")) for c in cases]
    target = Path(out)
    if len(cases) == 1 and not target.is_dir() and target.suffix.lower() == ".docx":
        return [(cases[0], target)]
    if target.is_file():
        raise UsageError(text("ogiltigt_ut", path=out))
    return [(c, target / c.with_suffix(".docx").name) for c in cases]


def run(args: argparse.Namespace) -> int:
    """Build every case; go on past a broken one; return the worst exit status."""
    status = 0
    for case_path, docx_path in targets(args.filer, args.ut):
        try:
            loaded = pipeline.load(case_path, str(case_path))
            data = pipeline.build(loaded, case_path)
            output.write_atomic(docx_path, data)
        except RemissgenError as exc:
            report.problems(exc)
            status = max(status, exc.exit_code)
            continue
        report.written(docx_path)
    return status
