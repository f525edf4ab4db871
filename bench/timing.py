"""Interleaved timing: in-process functions and whole processes, medians after a warm-up.

Runs are interleaved (A B C, B C A, C A B, ...) so that a slow spell on a shared machine
hits every contender alike; the order rotates so that none always runs first.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Sample:
    """The timings of one contender, in seconds."""

    name: str
    times: tuple[float, ...]

    @property
    def median(self) -> float:
        """Return the median time in seconds."""
        return statistics.median(self.times)

    @property
    def spread(self) -> tuple[float, float]:
        """Return the first and third quartile in seconds."""
        q = statistics.quantiles(self.times, n=4)
        return q[0], q[2]


def _rotations(names: list[str], runs: int) -> list[list[str]]:
    return [names[i % len(names):] + names[:i % len(names)] for i in range(runs)]


def interleaved(funcs: dict[str, Callable[[], object]], runs: int, warmup: int = 3,
                progress: str = "") -> dict[str, Sample]:
    """Return each function's timings over `runs` interleaved calls after `warmup` rounds."""
    names = list(funcs)
    for _ in range(warmup):
        for name in names:
            funcs[name]()
    times: dict[str, list[float]] = {name: [] for name in names}
    clock = time.perf_counter
    for i, order in enumerate(_rotations(names, runs)):
        for name in order:
            start = clock()
            funcs[name]()
            times[name].append(clock() - start)
        _tick(progress, i, runs)
    return {name: Sample(name, tuple(t)) for name, t in times.items()}


def processes(commands: dict[str, Sequence[str]], runs: int, warmup: int = 3,
              progress: str = "", cwd: str | None = None) -> dict[str, Sample]:
    """Return each command's wall time over `runs` interleaved whole-process runs.

    Like hyperfine without a shell: output discarded, a failing command is an error.
    """

    def run(name: str) -> float:
        start = time.perf_counter()
        done = subprocess.run(commands[name], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, cwd=cwd, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(f"{name} exited {done.returncode}: "
                               f"{done.stderr.decode(errors='replace')[-500:]}")
        return elapsed

    names = list(commands)
    for _ in range(warmup):
        for name in names:
            run(name)
    times: dict[str, list[float]] = {name: [] for name in names}
    for i, order in enumerate(_rotations(names, runs)):
        for name in order:
            times[name].append(run(name))
        _tick(progress, i, runs)
    return {name: Sample(name, tuple(t)) for name, t in times.items()}


def _tick(label: str, i: int, runs: int) -> None:
    if label and (i + 1) % max(1, runs // 10) == 0:
        print(f"  {label}: {i + 1}/{runs}", file=sys.stderr, flush=True)
