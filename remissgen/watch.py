"""Watch mode: rebuild a case every time it is saved; problems are printed, never fatal."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path

from .messages import text

Job = tuple[Path, Path]


def run(jobs: list[Job], build: Callable[[list[Job]], int],
        stop: threading.Event | None = None) -> int:
    """Build all jobs, then rebuild those whose case file changes, until Ctrl+C or `stop`."""
    import watchfiles

    build(jobs)
    by_case = {case.resolve(): (case, out) for case, out in jobs}
    folders = sorted({case.parent for case in by_case})
    unit = text("ärendefil" if len(jobs) == 1 else "ärendefiler")
    print(text("bevakar", count=len(jobs), unit=unit), file=sys.stderr, flush=True)
    try:
        for changes in watchfiles.watch(
                *folders, stop_event=stop, debounce=200, rust_timeout=500, yield_on_timeout=False,
                watch_filter=lambda _change, path: Path(path).resolve() in by_case):
            changed = sorted({by_case[Path(p).resolve()] for _, p in changes
                              if Path(p).resolve() in by_case and Path(p).exists()})
            if changed:
                build(changed)
    except KeyboardInterrupt:
        pass
    print(text("bevakning_slut"), file=sys.stderr)
    return 0
