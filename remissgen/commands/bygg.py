"""remissgen bygg: build case files (or folders of them) into .docx, optionally PDF too."""

import argparse
import contextlib
import functools
import io
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from .. import output, pdfmeta, pipeline
from .. import profile as profiles
from ..errors import Location, RefusedWrite, RemissgenError, UsageError, problem
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


class Outcome(NamedTuple):
    """What building one case gave: the .docx written (or None), its status and its output."""

    docx: Path | None
    status: int
    out: str
    err: str
    profile: str | None = None  # the profile used, said once per batch rather than per file
    warnings: int = 0  # the review's warnings, counted once in a batch's summary
    pdf: pdfmeta.Metadata | None = None  # what the PDF made from the .docx says about itself


def build_one(case_path: Path, docx_path: Path, args: argparse.Namespace,
              found: dict[str, Any] | None = None) -> pdfmeta.Metadata:
    """Load, build and save one case, then review it; return what its PDF will say about
    itself. Raise the error that stopped it.

    With `found` (a batch), the profile used and the number of warnings go there, for the
    batch to say once, instead of a line per file.
    """
    loaded = pipeline.load(case_path, str(case_path), Path(args.profil) if args.profil else None)
    if found is not None and loaded.profile is not None:
        found["profile"] = profiles.shown(loaded.profile)
    elif loaded.profile is not None:  # say which profile was used, beside the written paths
        print(text("profil_använd", path=case_path, profile=profiles.shown(loaded.profile)),
              file=sys.stderr)
    inputs = pipeline.inputs(loaded, case_path)
    pdf_path = docx_path.with_suffix(".pdf")
    checked = output.check_target(docx_path, force=args.tvinga, inputs=inputs)
    if args.pdf:  # refused before anything is written, so a motion.pdf beside it is kept
        _keep_pdf(pdf_path, args.tvinga, inputs)
    done = granskning.review(loaded)  # once: its count is printed, its placeholders make a draft
    data = pipeline.build(loaded, case_path,
                          granskning.status(loaded, case_path, getattr(args, "slutlig", False),
                                            done),
                          getattr(args, "kommentarer", False))
    copy = output.save_docx(docx_path, data, force=args.tvinga, inputs=inputs, checked=checked)
    if copy is not None:
        print(text("kopia_sparad", path=docx_path, kopia=copy), file=sys.stderr)
    report.written(docx_path)
    count = granskning.after_build(loaded, case_path, args.granska, quiet=found is not None,
                                   done=done)
    if found is not None:
        found["warnings"] = count
    return pipeline.pdf_metadata(loaded.case)


def _keep_pdf(path: Path, force: bool, inputs: dict[str, Path | None]) -> None:
    """Refuse (exit 3) a PDF remissgen did not make, such as the incoming motion; with
    `force`, copy it aside first (as --tvinga does for an edited .docx) and say so."""
    output.check_target(path, force=True, inputs=inputs)  # inputs, locks, read-only: always
    try:
        output.check_target(path)
    except RefusedWrite:
        if not force:
            raise
        kept = output.keep_copy(path, "kopia_ersatt_pdf")
        print(text("kopia_sparad_pdf", path=path, kopia=kept), file=sys.stderr)


def build_job(job: tuple[Path, Path], args: argparse.Namespace) -> Outcome:
    """Return the Outcome of one job, its printed lines captured (so workers can run it)."""
    out, err = io.StringIO(), io.StringIO()
    found: dict[str, Any] | None = {} if getattr(args, "batch", False) else None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            meta = build_one(*job, args, found)
        except RemissgenError as exc:
            report.problems(exc)
            return Outcome(None, exc.exit_code, out.getvalue(), err.getvalue())
        except Exception as exc:  # a bug: named for this case, and the batch goes on
            if args.debug:
                raise
            report.internal_error(job[0], exc)
            return Outcome(None, 5, out.getvalue(), err.getvalue())
    found = found or {}
    return Outcome(job[1], 0, out.getvalue(), err.getvalue(), profile=found.get("profile"),
                   warnings=found.get("warnings", 0), pdf=meta)


def _outcomes(jobs: list[tuple[Path, Path]], args: argparse.Namespace) -> Iterator[Outcome]:
    """Yield each job's Outcome in order; a process pool builds batches of POOL_MIN or more."""
    workers = min(os.cpu_count() or 1, len(jobs))
    if len(jobs) < POOL_MIN or workers < 2:
        for job in jobs:
            yield build_job(job, args)
        return
    import gc
    from concurrent.futures import ProcessPoolExecutor  # only batches pay for its import

    with ProcessPoolExecutor(max_workers=workers, initializer=gc.freeze) as pool:
        # chunks of at most 4: a worker left with a long last chunk kept the other waiting
        # (12 documents of 5 ms each at 200 cases), and 4 cost no more to send than 12
        chunk = 1 if _bar_shown(len(jobs)) else max(1, min(4, len(jobs) // (workers * 8)))
        yield from pool.map(functools.partial(build_job, args=args), jobs, chunksize=chunk)


def build_all(jobs: list[tuple[Path, Path]], args: argparse.Namespace) -> int:
    """Build every job, going on past a broken one; convert to PDF if asked; return the status."""
    status, profiles_said, warned = 0, set(), []
    built: dict[Path, pdfmeta.Metadata] = {}
    args.batch = len(jobs) > 1
    bar = _bar(len(jobs))
    for outcome in _outcomes(jobs, args):
        with _through(bar):  # printed lines go through the bar, never into it
            if outcome.profile is not None and outcome.profile not in profiles_said:
                profiles_said.add(outcome.profile)
                print(text("profil_använd_batch", profile=outcome.profile), file=sys.stderr)
            sys.stdout.write(outcome.out)
            sys.stdout.flush()
            sys.stderr.write(outcome.err)
            sys.stderr.flush()
        if bar is not None:
            bar.update(1)
        status = max(status, outcome.status)
        warned += [outcome.warnings] if outcome.warnings else []
        if outcome.docx is not None and outcome.pdf is not None:
            built[outcome.docx] = outcome.pdf
    if bar is not None:
        bar.close()
    if args.pdf and built:
        status = max(status, _pdf(built, getattr(args, "pdf_version", "a2b-ua1"), args.tvinga))
    if len(jobs) > 1:
        failed = len(jobs) - len(built)
        summary = (text("sammanfattning_batch", built=len(built), failed=failed) if failed
                   else text("sammanfattning_batch_ok", built=len(built)))
        if warned and not args.granska:
            summary += text("sammanfattning_varningar", antal=sum(warned), filer=len(warned))
        print(summary, file=sys.stderr)
    return status


def _pdf(documents: dict[Path, pdfmeta.Metadata], version: str, force: bool) -> int:
    """Convert the documents, give each PDF its metadata and check it; return the status
    (4 when LibreOffice failed or a PDF breaks a rule: the PDF is still written)."""
    from .. import pdf, resident

    status = 0
    try:
        with contextlib.ExitStack() as stack:
            if resident.current() is None:  # a batch: one LibreOffice kept for all of it
                stack.enter_context(resident.kept(pdf.find()))
            written_all = pdf.convert(list(documents), version=version, force=force)
        for written in written_all:
            meta = documents[written.with_suffix(".docx")]
            report.written(written)
            status = max(status, _checked(written, meta, version))
    except RemissgenError as exc:
        report.problems(exc)
        return exc.exit_code
    return status


def _checked(path: Path, meta: pdfmeta.Metadata, version: str) -> int:
    """Finish the PDF at `path`, run the PDF check (and veraPDF when on PATH) and print what
    fails; return 4 when something does, else 0."""
    from .. import pdf, pdfcheck

    producer = pdfmeta.finish(path, meta, version)
    findings = pdfcheck.check(path, version) + pdfcheck.verapdf(path, version)
    found = pdf.libreoffice_version(producer)
    needed, guarantee = pdf.GUARANTEES
    if found is not None and found < needed:  # an older LibreOffice: a warning, not a failure
        print(text("pdf_gammalt_libreoffice", found=".".join(map(str, found)), path=path,
                   what=text(guarantee), needed=".".join(map(str, needed))), file=sys.stderr)
        findings = [f for f in findings if not f.rule.startswith("Matterhorn 16-003")]
    for finding in findings:
        print(finding.format(str(path)), file=sys.stderr)
    if findings:
        print(text("pdf_kontroll_fel", path=path, count=len(findings)), file=sys.stderr)
        return 4
    return 0


def _bar_shown(total: int) -> bool:
    """Return True when a batch shows a progress bar: several cases, on a terminal."""
    return total >= 2 and sys.stderr.isatty()


def _bar(total: int) -> Any:
    """Return a progress bar (tqdm) for a batch on a terminal, else None; it counts documents
    and shows no rate."""
    if not _bar_shown(total):
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc=text("förlopp_bygger"), file=sys.stderr, leave=False,
                bar_format="{desc}: {percentage:3.0f}% |{bar}| {n_fmt}/{total_fmt}")


def _through(bar: Any) -> contextlib.AbstractContextManager[Any]:
    """Return a context in which printed lines pass the bar: cleared, printed, drawn again."""
    if bar is None:
        return contextlib.nullcontext()
    manager: contextlib.AbstractContextManager[Any] = bar.external_write_mode(file=sys.stderr)
    return manager


def run(args: argparse.Namespace) -> int:
    """Build every case (or watch them with --bevaka); return the worst exit status."""
    jobs = targets(files.case_files(args.filer), args.ut)
    if args.bevaka:
        return watch(jobs, args)
    return build_all(jobs, args)


def _depends(job: tuple[Path, Path], args: argparse.Namespace) -> list[Path]:
    """Return the files a build of `job` reads besides its case file: profile, template of
    one's own, logo (none while the case file cannot be read)."""
    from ..word import templating

    try:
        loaded = pipeline.load(job[0], str(job[0]), Path(args.profil) if args.profil else None)
        found = pipeline.inputs(loaded, job[0])
    except RemissgenError:
        return [Path(args.profil)] if args.profil else []
    template = found.get("mall")
    builtin = template is not None and templating.builtin_path(template.stem) == template
    return [p for kind, p in found.items() if p is not None and kind != "ärendefil"
            and not (kind == "mall" and builtin)]


def watch(jobs: list[tuple[Path, Path]], args: argparse.Namespace,
          stop: threading.Event | None = None) -> int:
    """Build all jobs, then again each one whose case file is saved, until Ctrl+C or `stop`;
    problems are printed and never end the watch. With --pdf, one LibreOffice is kept
    running for the whole watch (resident.kept)."""
    from .. import pdf, resident
    from .. import watch as watching

    with resident.kept(pdf.find() if args.pdf else None):
        build_all(jobs, args)
        unit = text("ärendefil" if len(jobs) == 1 else "ärendefiler")
        print(text("bevakar", count=len(jobs), unit=unit), file=sys.stderr, flush=True)
        try:
            for changed in watching.saved(jobs, stop, functools.partial(_depends, args=args)):
                when = time.strftime("%H:%M:%S")
                names = ", ".join(case.name for case, _ in changed)
                print(text("bevakning_bygger_om", tid=when, filer=names), file=sys.stderr,
                      flush=True)
                build_all(changed, args)
        except KeyboardInterrupt:
            pass
    print(text("bevakning_slut"), file=sys.stderr)
    return 0
