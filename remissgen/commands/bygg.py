"""remissgen bygg: build case files (or folders of them) into .docx, optionally PDF too."""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import os
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import output, pipeline
from .. import profile as profiles
from ..errors import Location, RemissgenError, UsageError, problem
from ..messages import text
from . import files, report
from . import granska as granskning

POOL_MIN = 8  # below this many cases, starting worker processes costs more than it saves


def targets(cases: list[Path], out: str | None) -> list[tuple[Path, Path]]:
    """Return (case file, output .docx) pairs; -o is a file for one case, a folder for more.

    Raises UsageError when -o cannot serve, or when two cases would write the same file.
    """
    if out is None:
        pairs = [(c, c.with_suffix(".docx")) for c in cases]
    else:
        target = Path(out)
        folder = target.is_dir() or out.endswith(("/", os.sep))
        one_file = not folder and target.suffix.lower() == ".docx"
        if len(cases) == 1 and one_file:
            return [(cases[0], target)]
        if target.is_file() or one_file:
            key = "ut_en_fil" if len(cases) == 1 else "ut_inte_mapp"
            raise _usage(key, path=out)
        if len(cases) == 1 and not folder:  # `-o ut.pdf` or `-o svar`: neither file nor folder
            raise _usage("ut_varken_fil_eller_mapp", path=out, stem=target.stem or "ut")
        pairs = [(c, target / c.with_suffix(".docx").name) for c in cases]
    seen: dict[Path, Path] = {}
    for case, docx in pairs:
        if docx in seen:
            raise _usage("ut_samma_fil", path=docx, first=seen[docx], second=case)
        seen[docx] = case
    return pairs


def _usage(key: str, **values: Any) -> UsageError:
    return UsageError(problem(Location("remissgen bygg", 0, 0), key, **values))


@dataclass(frozen=True)
class Outcome:
    """What building one case gave: the .docx written (or None), its status and its output."""

    docx: Path | None
    status: int
    out: str
    err: str


def build_one(case_path: Path, docx_path: Path, args: argparse.Namespace) -> None:
    """Load, build and save one case, then review it; raise the error that stopped it."""
    loaded = pipeline.load(case_path, str(case_path), Path(args.profil) if args.profil else None)
    if loaded.profile is not None:  # say which profile was used, beside the written paths
        print(text("profil_använd", path=case_path, profile=profiles.shown(loaded.profile)),
              file=sys.stderr)
    inputs = pipeline.inputs(loaded, case_path)
    pdf_path = docx_path.with_suffix(".pdf")
    output.check_target(docx_path, force=args.tvinga, inputs=inputs)
    if args.pdf:  # refused before anything is written, so a motion.pdf beside it is kept
        output.check_target(pdf_path, force=args.tvinga, inputs=inputs)
    data = pipeline.build(loaded, case_path,
                          granskning.status(loaded, case_path, getattr(args, "slutlig", False)),
                          getattr(args, "kommentarer", False))
    copy = output.save_docx(docx_path, data, force=args.tvinga, inputs=inputs)
    if copy is not None:
        print(text("kopia_sparad", path=docx_path, kopia=copy), file=sys.stderr)
    report.written(docx_path)
    granskning.after_build(loaded, case_path, args.granska)


def build_job(job: tuple[Path, Path], args: argparse.Namespace) -> Outcome:
    """Return the Outcome of one job, its printed lines captured (so workers can run it)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            build_one(*job, args)
        except RemissgenError as exc:
            report.problems(exc)
            return Outcome(None, exc.exit_code, out.getvalue(), err.getvalue())
        except Exception as exc:  # a bug: named for this case, and the batch goes on
            if args.debug:
                raise
            report.internal_error(job[0], exc)
            return Outcome(None, 5, out.getvalue(), err.getvalue())
    return Outcome(job[1], 0, out.getvalue(), err.getvalue())


def _outcomes(jobs: list[tuple[Path, Path]], args: argparse.Namespace) -> Iterator[Outcome]:
    """Yield each job's Outcome in order; a process pool builds batches of POOL_MIN or more."""
    workers = min(os.cpu_count() or 1, len(jobs))
    if len(jobs) < POOL_MIN or workers < 2:
        for job in jobs:
            yield build_job(job, args)
        return
    from concurrent.futures import ProcessPoolExecutor  # only batches pay for its import

    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(functools.partial(build_job, args=args), jobs,
                            chunksize=max(1, len(jobs) // (workers * 8)))


def build_all(jobs: list[tuple[Path, Path]], args: argparse.Namespace) -> int:
    """Build every job, going on past a broken one; convert to PDF if asked; return the status."""
    status, built = 0, []
    for outcome in _progress(_outcomes(jobs, args), len(jobs)):
        sys.stdout.write(outcome.out)
        sys.stdout.flush()
        sys.stderr.write(outcome.err)
        status = max(status, outcome.status)
        if outcome.docx is not None:
            built.append(outcome.docx)
    if args.pdf and built:
        status = max(status, _pdf(built, args.tvinga))
    if len(jobs) > 1:
        failed = len(jobs) - len(built)
        summary = (text("sammanfattning_batch", built=len(built), failed=failed) if failed
                   else text("sammanfattning_batch_ok", built=len(built)))
        print(summary, file=sys.stderr)
    return status


def _pdf(documents: list[Path], force: bool) -> int:
    from .. import pdf

    try:
        for written in pdf.convert(documents, force=force):
            report.written(written)
    except RemissgenError as exc:
        report.problems(exc)
        return exc.exit_code
    return 0


def _progress(outcomes: Iterator[Outcome], total: int) -> Iterator[Outcome]:
    """Yield the outcomes, with a progress bar on a terminal when there are several."""
    if total < 2 or not sys.stderr.isatty():
        yield from outcomes
        return
    from tqdm import tqdm

    yield from tqdm(outcomes, total=total, desc="bygger", unit="dokument", file=sys.stderr,
                    leave=False)


def run(args: argparse.Namespace) -> int:
    """Build every case (or watch them with --bevaka); return the worst exit status."""
    jobs = targets(files.case_files(args.filer), args.ut)
    if args.bevaka:
        return watch(jobs, args)
    return build_all(jobs, args)


def watch(jobs: list[tuple[Path, Path]], args: argparse.Namespace,
          stop: threading.Event | None = None) -> int:
    """Build all jobs, then again each one whose case file is saved, until Ctrl+C or `stop`;
    problems are printed and never end the watch."""
    from .. import watch as watching

    build_all(jobs, args)
    unit = text("ärendefil" if len(jobs) == 1 else "ärendefiler")
    print(text("bevakar", count=len(jobs), unit=unit), file=sys.stderr, flush=True)
    try:
        for changed in watching.saved(jobs, stop):
            build_all(changed, args)
    except KeyboardInterrupt:
        pass
    print(text("bevakning_slut"), file=sys.stderr)
    return 0
