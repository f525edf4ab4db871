"""Watch mode's eyes: which case files were saved, batch by batch (bygg builds and prints)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

Job = tuple[Path, Path]


def saved(jobs: list[Job], stop: threading.Event | None = None,
          depends: Callable[[Job], list[Path]] | None = None) -> Iterator[list[Job]]:
    """Yield the jobs whose case file, or a file the build reads (`depends`: the profile,
    the template, the logo), was saved, each time one or more are, until `stop`.

    The folders are watched rather than the files, since editors often save by replacing;
    what a job depends on is asked again after every change (a profile can name a new logo).
    """
    import watchfiles

    def mapping() -> dict[Path, list[Job]]:
        found: dict[Path, list[Job]] = {}
        for job in jobs:
            for path in [job[0], *(depends(job) if depends else [])]:
                found.setdefault(path.resolve(), []).append(job)
        return found

    current = {"map": mapping()}
    folders = sorted({path.parent for path in current["map"] if path.parent.is_dir()})
    for changes in watchfiles.watch(
            *folders, stop_event=stop, debounce=200, rust_timeout=500, yield_on_timeout=False,
            watch_filter=lambda _change, path: Path(path).resolve() in current["map"]):
        changed = sorted({job for _, p in changes if Path(p).exists()
                          for job in current["map"].get(Path(p).resolve(), [])})
        if changed:
            yield changed
            current["map"] = mapping()
