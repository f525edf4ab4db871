"""remissgen granska: review case files for klarspråk and consistency before the nämnd.

Warnings go to standard error as `PATH:LINE:COLUMN: varning: …`, the readability of each
section and a count to standard output; with `--format json` the warnings are one JSON array
on standard output and the rest goes to standard error. Exit 0 with only warnings, 1 with --strikt; an
invalid case file is reported as `kontrollera` reports it (exit 1).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import granska, pipeline
from ..errors import InvalidInput, Location, Problem, RemissgenError, UsageError
from ..messages import menade, suggest, text
from . import report


def settings(args: argparse.Namespace) -> granska.Settings:
    """Return the review settings of the command line, or raise UsageError for a bad rule."""
    off = list(getattr(args, "utan", None) or [])
    for name in off:
        if name not in granska.rules():
            raise UsageError(Problem(
                Location("remissgen granska", 0, 0),
                menade("granska_okänd_regel", suggest(name, granska.rules()), name=name),
                text("granska_okänd_regel_tips", allowed=", ".join(granska.rules())),
                code="okänd-regel"))
    limits: dict[str, dict[str, float]] = {}
    gräns = getattr(args, "lix_gräns", None)
    if gräns is not None:
        limits["lix"] = {"gräns": gräns}
    return granska.Settings(frozenset(off), limits)


def lix_limit(value: str) -> int:
    """Parse --lix-gräns: a whole number above 0 (argparse turns the error into exit 2)."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number <= 0:
        raise argparse.ArgumentTypeError(text("granska_ogiltig_gräns", value=value))
    return number


def run(args: argparse.Namespace) -> int:
    """Review every case file; print warnings (as text, or one JSON array with `--format
    json`, the readability then on standard error); return the exit status."""
    with report.as_json(getattr(args, "format", "text") == "json"):
        return _review(args)


def _review(args: argparse.Namespace) -> int:
    chosen = settings(args)
    profile = Path(args.profil) if getattr(args, "profil", None) else None
    status = 0
    for name in args.filer:
        try:
            loaded = pipeline.load(Path(name), name, profile)
        except RemissgenError as exc:
            report.problems(exc)
            status = max(status, exc.exit_code)
            continue
        result = granska.review(loaded.source, loaded.case, chosen)
        _print(name, result)
        if result.warnings and args.strikt:
            status = max(status, 1)
    return status


def _print(name: str, result: granska.Review) -> None:
    report.problems(result.warnings)
    report.line(text("granska_lix_rubrik", path=name))
    for section in result.readability:
        if section.short:
            report.line(text("granska_lix_kort_rad", avsnitt=section.heading,
                             ord=section.lix.words, meningar=_sentences(section.lix.sentences)))
            continue
        report.line(text("granska_lix_rad", avsnitt=section.heading, lix=section.lix.rounded,
                         nivå=section.level, ord=section.lix.words,
                         meningar=_sentences(section.lix.sentences)))
    report.line(_count(name, len(result.warnings)))


def _sentences(count: int) -> str:
    return (text("granska_meningar_en") if count == 1
            else text("granska_meningar_flera", antal=count))


def _count(name: str, count: int) -> str:
    if count == 0:
        return text("granska_inga", path=name)
    return text("granska_en", path=name) if count == 1 else text("granska_flera", path=name,
                                                                 antal=count)


def review(loaded: pipeline.Loaded) -> granska.Review:
    """Return the review `bygg` makes of a case it builds (the case's own settings)."""
    return granska.review(loaded.source, loaded.case)


def after_build(loaded: pipeline.Loaded, case_path: Path, show: bool,
                quiet: bool = False, done: granska.Review | None = None) -> int:
    """Report the review of a case `bygg` has just built (`done`, else made now) and return
    the number of warnings: print them with --granska, else their count (unless `quiet`: a
    batch says the counts once)."""
    found = done or granska.review(loaded.source, loaded.case)
    if show:
        for warning in found.warnings:
            print(warning.format(), file=sys.stderr)
    elif found.count and not quiet:  # counted: no warning is located
        key = "granska_bygg_en" if found.count == 1 else "granska_bygg_flera"
        print(text(key, path=case_path, antal=found.count), file=sys.stderr)
    return found.count


def status(loaded: pipeline.Loaded, case_path: Path, final: bool,
           done: granska.Review | None = None) -> str:
    """Return the Status a build of the case gets: "slutlig" for a final build, else
    "utkast" while placeholders remain and "klar" without them.

    A final build is refused (InvalidInput, every finding a located error) while a
    placeholder or a consistency warning remains; rules the case's granskning.utan
    leaves out do not count.
    """
    if not final:
        return "utkast" if granska.unfilled(loaded.source, loaded.case, done) else "klar"
    try:
        granska.require_final(loaded.source, loaded.case)
    except InvalidInput as exc:
        print(text("slutlig_vägrad", path=case_path, antal=len(exc.problems)), file=sys.stderr)
        raise
    return "slutlig"
