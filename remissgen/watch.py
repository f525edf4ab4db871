"""Watch mode's eyes: which case files were saved, batch by batch (bygg builds and prints)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

Job = tuple[Path, Path]


def saved(jobs: list[Job], stop: threading.Event | None = None) -> Iterator[list[Job]]:
    """Yield the jobs whose case file was saved, each time one or more are, until `stop`.

    The folders are watched rather than the files, since editors often save by replacing.
    """
    import watchfiles

    by_case = {case.resolve(): (case, out) for case, out in jobs}
    folders = sorted({case.parent for case in by_case})
    for changes in watchfiles.watch(
            *folders, stop_event=stop, debounce=200, rust_timeout=500, yield_on_timeout=False,
            watch_filter=lambda _change, path: Path(path).resolve() in by_case):
        changed = sorted({by_case[Path(p).resolve()] for _, p in changes
                          if Path(p).resolve() in by_case and Path(p).exists()})
        if changed:
            yield changed
