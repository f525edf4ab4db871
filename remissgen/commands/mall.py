"""remissgen mall kontrollera|kopiera: check a Word template, or copy a built-in one to edit."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from .. import output
from ..errors import InvalidInput, Location, RefusedWrite, RemissgenError, UsageError, problem
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
            return _copy(args.namn, args.sökväg)
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


def _copy(name: str, where: str) -> int:
    """Copy the template `name` (built-in, or a .docx) to `where`: a .docx file, or a folder
    (one that exists, or one written with a trailing slash, which is created)."""
    source = _source(name)
    target = Path(where)
    if target.suffix.lower() in (".dotx", ".dotm", ".docm"):
        raise _usage("mall_kopia_dotx", path=where, stem=target.stem)
    if target.is_dir() or where.endswith(("/", os.sep)):
        target.mkdir(parents=True, exist_ok=True)
        target = target / (source.name if source.suffix.lower() == ".docx" else f"{name}.docx")
    elif target.suffix.lower() != ".docx":
        raise _usage("mall_kopia_vad", path=where, stem=target.stem or "mall")
    if target.exists():
        raise RefusedWrite(problem(Location(str(target)), "mall_kopia_finns", path=target))
    output.write_atomic(target, source.read_bytes())
    report.written(target)
    return 0


def _source(name: str) -> Path:
    """Return the built-in template `name`, or the .docx file `name`; refuse anything else."""
    builtin = templating.builtin_path(name)
    if builtin is not None:
        return builtin
    path = Path(name)
    if path.suffix.lower() in (".dotx", ".dotm", ".docm") and path.is_file():
        raise InvalidInput([problem(Location(name), "mall_kopia_dotx_källa", path=name,
                                    stem=path.stem)])
    if path.suffix.lower() == ".docx" and path.is_file():
        return path
    raise templating.not_found(name, Location(name))


def _usage(key: str, **values: Any) -> UsageError:
    return UsageError(problem(Location("remissgen mall kopiera", 0, 0), key, **values))
