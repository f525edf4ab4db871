"""What the CommonMark parser (issue 13) costs one document, against the parser it replaced.

Issue 13 allows one document in-process to be at most 10 % slower for the move to
markdown-it-py. The old parser is read from the project's own history (`git show` of the
commit before the move, `BASELINE`), into a package of its own beside the current one. One
build of the seed is recorded: every text the build hands to `richtext.parse` and
`richtext.inline`. Both parsers then parse exactly those texts, interleaved, caches cleared
before each run, and the figure is

    (build now) / (build now − new parser's share + old parser's share)

that is: this document's build against the same build with the old parser, everything
else equal. Without git history (an unpacked archive) the figure is left out, and said so.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BASELINE = "7f5ce06"  # the last commit with the hand-written parser (before issue 13)


def _old_parser(root: Path, folder: Path) -> Any | None:
    """Return the old richtext module (in a package `gammal_richtext`), or None without git."""
    package = folder / "gammal_richtext"
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    for name in ("richtext.py", "blocks.py"):
        done = subprocess.run(["git", "-C", str(root), "show", f"{BASELINE}:remissgen/{name}"],
                              capture_output=True, check=False)
        if done.returncode != 0:
            return None
        (package / name).write_bytes(done.stdout)
    sys.path.insert(0, str(folder))
    import importlib

    return importlib.import_module("gammal_richtext.richtext")


def _recorded(seed: Path) -> tuple[list[str], list[str]]:
    """Return the texts one build of `seed` parses as blocks and as runs."""
    from remissgen import build, load, richtext

    loaded = load(seed)
    parsed: list[str] = []
    inlined: list[str] = []
    parse, inline = richtext.parse, richtext.inline

    def recording_parse(source: str) -> Any:
        parsed.append(source)
        return parse(source)

    def recording_inline(source: str) -> Any:
        inlined.append(source)
        return inline(source)

    richtext.parse, richtext.inline = recording_parse, recording_inline  # type: ignore[assignment]
    try:
        build(loaded)
    finally:
        richtext.parse, richtext.inline = parse, inline  # type: ignore[assignment]
    return parsed, inlined


def measure(root: Path, seed: Path, folder: Path, runs: int) -> dict[str, Any] | None:
    """Return the build's median, both parsers' medians on the build's texts, and the ratio."""
    old = _old_parser(root, folder)
    if old is None:
        return None
    from remissgen import build, load, richtext

    parsed, inlined = _recorded(seed)
    loaded = load(seed)

    def timed(fn: Callable[[], object]) -> float:
        richtext._tokens.cache_clear()  # the new parser's only cache
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start

    def new_parser() -> None:
        for text in parsed:
            richtext.parse(text)
        for text in inlined:
            richtext.inline(text)

    def old_parser() -> None:
        for text in parsed:
            old.parse(text)
        for text in inlined:
            old.inline(text)

    for _ in range(5):
        timed(lambda: build(loaded)), timed(new_parser), timed(old_parser)
    samples: dict[str, list[float]] = {"build": [], "new": [], "old": []}
    for _ in range(runs):
        samples["build"].append(timed(lambda: build(loaded)))
        samples["new"].append(timed(new_parser))
        samples["old"].append(timed(old_parser))
    med = {k: statistics.median(v) for k, v in samples.items()}
    with_old = med["build"] - med["new"] + med["old"]
    return {"runs": runs, "texts": (len(parsed), len(inlined)), **med,
            "ratio": med["build"] / with_old, "baseline": BASELINE}
