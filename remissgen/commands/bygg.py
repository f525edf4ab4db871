"""remissgen bygg: build case files (or folders of them) into .docx, optionally PDF too."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from .. import output, pipeline
from .. import profile as profiles
from ..errors import InvalidInput, Location, Problem, RemissgenError, UsageError
from ..messages import text
from . import granska as granskning
from . import report

PROFILE_NAME = "remissgen-profil.yaml"


def case_files(names: list[str]) -> list[Path]:
    """Return the case files named, a folder standing for its .yaml files (profiles skipped)."""
    files: list[Path] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in (".yaml", ".yml")
                           and p.name != PROFILE_NAME and p.is_file())
            if not found:
                raise InvalidInput([Problem(Location(name), text("inga_ärenden_i_mapp",
                                                                 path=name))])
            files += found
        else:
            files.append(path)
    return files


def targets(cases: list[Path], out: str | None) -> list[tuple[Path, Path]]:
    """Return (case file, output .docx) pairs; -o is a file for one case, a folder for more."""
    if out is None:
        return [(c, c.with_suffix(".docx")) for c in cases]
    target = Path(out)
    if len(cases) == 1 and not target.is_dir() and target.suffix.lower() == ".docx":
        return [(cases[0], target)]
    if target.is_file():
        raise UsageError(text("ogiltigt_ut", path=out))
    return [(c, target / c.with_suffix(".docx").name) for c in cases]


def build_one(case_path: Path, docx_path: Path, force: bool, profile: Path | None = None) -> None:
    """Load, build and save one case; raise the RemissgenError that stopped it."""
    loaded = pipeline.load(case_path, str(case_path), profile)
    if loaded.profile is not None:  # say which profile was used, beside the written paths
        print(text("profil_använd", path=case_path, profile=profiles.shown(loaded.profile)),
              file=sys.stderr)
    data = pipeline.build(loaded, case_path)
    output.save_docx(docx_path, data, force=force)


def build_all(jobs: list[tuple[Path, Path]], args: argparse.Namespace) -> int:
    """Build every job, going on past a broken one; convert to PDF if asked; return the status."""
    status, built = 0, []
    for case_path, docx_path in _progress(jobs):
        try:
            build_one(case_path, docx_path, args.tvinga,
                      Path(args.profil) if args.profil else None)
        except RemissgenError as exc:
            report.problems(exc)
            status = max(status, exc.exit_code)
            continue
        report.written(docx_path)
        granskning.after_build(case_path, args.granska, Path(args.profil) if args.profil else None)
        built.append(docx_path)
    if args.pdf and built:
        status = max(status, _pdf(built))
    if len(jobs) > 1:
        failed = len(jobs) - len(built)
        summary = (text("sammanfattning_batch", built=len(built), failed=failed) if failed
                   else text("sammanfattning_batch_ok", built=len(built)))
        print(summary, file=sys.stderr)
    return status


def _pdf(documents: list[Path]) -> int:
    from .. import pdf

    try:
        for written in pdf.convert(documents):
            report.written(written)
    except RemissgenError as exc:
        report.problems(exc)
        return exc.exit_code
    return 0


def _progress(jobs: list[tuple[Path, Path]]) -> Iterator[tuple[Path, Path]]:
    """Yield the jobs, with a progress bar on a terminal when there are several."""
    if len(jobs) < 2 or not sys.stderr.isatty():
        yield from jobs
        return
    from tqdm import tqdm

    yield from tqdm(jobs, desc="bygger", unit="dokument", file=sys.stderr, leave=False)


def run(args: argparse.Namespace) -> int:
    """Build every case (or watch them with --bevaka); return the worst exit status."""
    jobs = targets(case_files(args.filer), args.ut)
    if args.bevaka:
        from .. import watch

        return watch.run(jobs, lambda changed: build_all(changed, args))
    return build_all(jobs, args)
