"""Build a folder of case files in one process or in a process pool; report time and memory.

Run as its own process (`python bench/batch.py --jobs N CASES OUT`) so that its peak
memory (ru_maxrss) is that of the batch alone; it prints one JSON object on stdout.
With `--limit 1` it measures one document in a fresh process, and with `--limit 1 --pool`
one document in a pool worker: the references for peak memory. A forked worker's ru_maxrss
counts only the pages it touched after the fork, so workers compare with a worker.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def _reset_peak() -> None:
    """Start this process's peak resident memory from what it holds now.

    A process started by a larger one (run.py, ~100 MiB) keeps that one's peak through exec
    in ru_maxrss: the figures of one document and of the one-process batch were both the
    runner's size. Linux resets the peak (VmHWM) when "5" is written to clear_refs."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _maxrss_kib() -> int:
    """Return the peak resident memory in KiB: VmHWM since `_reset_peak` where Linux has it,
    else ru_maxrss."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def build_one(case: str, out_dir: str) -> tuple[int, int]:
    """Build one case file into `out_dir` (the pipeline alone: no review, no overwrite checks,
    which `remissgen bygg` adds); return (pid, maxrss)."""
    from remissgen import output, pipeline

    path = Path(case)
    loaded = pipeline.load(path, str(path))
    data = pipeline.build(loaded, path)
    output.write_atomic(Path(out_dir) / path.with_suffix(".docx").name, data)
    return os.getpid(), _maxrss_kib()


def _call(args: tuple[str, str]) -> tuple[int, int]:
    return build_one(*args)


def run(cases: list[str], out_dir: str, jobs: int, pool: bool = False) -> dict[str, object]:
    """Build `cases` with `jobs` processes (1 and not `pool`: no pool); return seconds and
    peak memory."""
    import remissgen.pipeline  # noqa: F401  imported before the clock, as in the CLI

    start = time.perf_counter()
    per_worker: dict[int, int] = {}
    if jobs == 1 and not pool:
        for case in cases:
            pid, rss = build_one(case, out_dir)
            per_worker[pid] = max(per_worker.get(pid, 0), rss)
    else:
        chunk = max(1, min(32, len(cases) // (jobs * 8)))
        with ProcessPoolExecutor(max_workers=jobs) as executor:
            for pid, rss in executor.map(_call, [(c, out_dir) for c in cases], chunksize=chunk):
                per_worker[pid] = max(per_worker.get(pid, 0), rss)
    seconds = time.perf_counter() - start
    return {"documents": len(cases), "jobs": jobs, "seconds": seconds,
            "docs_per_second": len(cases) / seconds,
            "worker_maxrss_kib": sorted(per_worker.values()),
            "self_maxrss_kib": _maxrss_kib(),
            "children_maxrss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}


def main() -> int:
    """Build the case files of a folder and print the measurements as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("cases", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--pool", action="store_true", help="use a pool even for one job")
    args = parser.parse_args()
    _reset_peak()
    cases = sorted(str(p) for p in args.cases.glob("*.yaml"))
    if args.limit:
        cases = cases[: args.limit]
    args.out.mkdir(parents=True, exist_ok=True)
    json.dump(run(cases, str(args.out), args.jobs, args.pool), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
