"""remissgen kontrollera: validate case files (and a template of their own) without building,
never importing python-docx; problems as text on standard error, or as one JSON array on
standard output with `--format json`. Warnings are what would stop `bygg --slutlig`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import pipeline
from .. import profile as profiles
from ..errors import Problem, RemissgenError
from ..messages import text
from ..word import templating
from . import files, report


def run(args: argparse.Namespace) -> int:
    """Check every case file; print all problems (as text, or one JSON array with
    `--format json`); return the worst exit status."""
    with report.as_json(getattr(args, "format", "text") == "json"):
        return _check(args)


def _check(args: argparse.Namespace) -> int:
    status = 0
    try:
        cases = files.case_files(args.filer)
    except RemissgenError as exc:
        report.problems(exc)
        return exc.exit_code
    for case in cases:
        name = str(case)
        try:
            loaded = pipeline.load(case, name, Path(args.profil) if args.profil else None)
            if loaded.template is not None:  # a template of one's own: what bygg would refuse
                templating.require_valid(loaded.template)
        except RemissgenError as exc:
            report.problems(exc)
            status = max(status, exc.exit_code)
            continue
        if loaded.profile is not None:
            print(text("profil_använd", path=name, profile=profiles.shown(loaded.profile)),
                  file=sys.stderr)
        warnings = _warnings(loaded)
        report.problems(warnings)
        if warnings and args.strikt:
            status = max(status, 1)
        report.line(text("ok", path=name) if not warnings else
                    text("ok_varning", path=name) if len(warnings) == 1 else
                    text("ok_varningar", path=name, antal=len(warnings)))
    return status


def _warnings(loaded: pipeline.Loaded) -> list[Problem]:
    """Return what would stop a final build: placeholders and the consistency rules."""
    from .. import granska

    return granska.review(loaded.source, loaded.case, only=granska.blocking()).warnings
