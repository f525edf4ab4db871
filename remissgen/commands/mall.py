"""remissgen mall kontrollera|kopiera: check a Word template, or copy a built-in one to edit."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import output
from ..errors import InvalidInput, Location, RefusedWrite, RemissgenError, problem
from ..messages import text
from ..word import templating
from . import report


def run(args: argparse.Namespace) -> int:
    """Run `mall kontrollera` or `mall kopiera`; return the exit status."""
    json = args.mall_kommando == "kontrollera" and getattr(args, "format", "text") == "json"
    with report.as_json(json):
        try:
            if args.mall_kommando == "kontrollera":
                return _check(args.mall)
            return _copy(args.namn, Path(args.sökväg))
        except RemissgenError as exc:
            report.problems(exc)
            return exc.exit_code


def _check(name: str) -> int:
    """Print every problem of the template `name` (built-in or a path); 1 if there are any."""
    path = templating.resolve(name, Path.cwd(), Location(name))
    shown = name if templating.builtin_path(name) is None else str(path)
    problems = templating.check(path, shown)
    if problems:
        raise InvalidInput(problems)
    report.line(text("mall_ok", path=shown))
    return 0


def _copy(name: str, target: Path) -> int:
    """Copy the built-in template `name` to `target` (a file, or a folder to put it in)."""
    source = templating.builtin_path(name)
    if source is None:
        raise templating.not_found(name, Location(name))
    if target.is_dir():
        target = target / source.name
    if target.exists():
        raise RefusedWrite(problem(Location(str(target)), "mall_kopia_finns", path=target))
    output.write_atomic(target, source.read_bytes())
    report.written(target)
    return 0
