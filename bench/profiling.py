"""Where one document's time goes: cProfile of the in-process build, and import costs.

The profile is reported as each pipeline stage's share of the profiled time (cumulative
time of the stage's entry function) and as the functions with the most own time. Shares are
applied to the unprofiled median to estimate milliseconds, since cProfile slows Python code
more than C code.
"""

from __future__ import annotations

import cProfile
import pstats
import re
import statistics
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# (label, file suffix, function name): entry points of the stages, and cross-cutting costs.
STAGES: tuple[tuple[str, str, str], ...] = (
    ("load: read file + YAML compose (source.read)", "remissgen/source.py", "read"),
    ("load: profile discovery (profile.discover)", "remissgen/profile.py", "discover"),
    ("load: validate (validate.validate)", "remissgen/validate.py", "validate"),
    ("  of which Jinja syntax/name checks (jinja.check)", "remissgen/jinja.py",
     "check"),
    ("load: render texts, derive defaults (phrases.complete)", "remissgen/remissvar/phrases.py",
     "complete"),
    ("load: resolve the template (templating.resolve)", "remissgen/word/templating.py", "resolve"),
    ("build: template check (templating.require_valid)", "remissgen/word/templating.py",
     "require_valid"),
    ("build: prepared template (docx_writer.load_template)", "remissgen/word/docx_writer.py",
     "load_template"),
    ("build: blocks (compose.blocks)", "remissgen/remissvar/compose.py", "blocks"),
    ("build: placeholder values (templating.context)", "remissgen/word/templating.py", "context"),
    ("build: body XML + parts (docx_writer.render)", "remissgen/word/docx_writer.py", "render"),
    ("  of which zip + deflate (docx_writer.write_zip)", "remissgen/word/docx_writer.py",
     "write_zip"),
    ("  of which deflate changed members (zipwriter.deflate)", "remissgen/word/zipwriter.py",
     "deflate"),
    ("  of which zip archive assembly (zipwriter.write)", "remissgen/word/zipwriter.py", "write"),
    ("  of which body fingerprint (fingerprint.of_body)", "remissgen/word/fingerprint.py", "of_body"),
    ("  of which run text to XML (docx_writer._text_xml)", "remissgen/word/docx_writer.py",
     "_text_xml"),
    ("write: atomic file write (output.write_atomic)", "remissgen/output.py", "write_atomic"),
    ("across stages: Jinja parse (Environment._parse)", "jinja2/environment.py", "_parse"),
    ("across stages: Jinja compile to Python (Environment.compile)", "jinja2/environment.py",
     "compile"),
    ("across stages: Jinja find_undeclared_variables", "jinja2/meta.py",
     "find_undeclared_variables"),
    ("across stages: Jinja render (Template.render)", "jinja2/environment.py", "render"),
    ("across stages: zlib deflate", "~", "<method 'compress' of 'zlib.Compress' objects>"),
)


@dataclass(frozen=True)
class Profile:
    """A profile of `calls` builds: total profiled seconds, stage shares and top functions."""

    calls: int
    total: float
    stages: list[tuple[str, float, int]]  # label, cumulative seconds, calls
    top_own: list[tuple[str, float, int]]  # function, own seconds, calls


def _where(key: tuple[str, int, str]) -> str:
    file, line, func = key
    if file == "~":
        return func
    file = re.sub(r".*/site-packages/", "", file)
    file = re.sub(r".*/(remissgen/)", r"\1", file)
    file = re.sub(r".*/lib/python3\.\d+/", "", file)
    return f"{file}:{line}({func})"


def profile(build: Callable[[], object], calls: int) -> Profile:
    """Return the profile of `calls` runs of `build` (after two unprofiled warm-up runs)."""
    build()
    build()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(calls):
        build()
    profiler.disable()
    stats = pstats.Stats(profiler)
    raw = stats.stats  # type: ignore[attr-defined]
    total = stats.total_tt  # type: ignore[attr-defined]
    stages = []
    for label, suffix, func in STAGES:
        keys = [k for k in raw if k[2] == func and (k[0] == suffix if suffix == "~"
                                                     else k[0].endswith(suffix))]
        stages.append((label, sum(raw[k][3] for k in keys), sum(raw[k][1] for k in keys)))
    own = sorted(raw.items(), key=lambda kv: kv[1][2], reverse=True)[:15]
    return Profile(calls, total, stages, [(_where(k), v[2], v[1]) for k, v in own])


_IMPORT = re.compile(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)")


def import_costs(command: Sequence[str], runs: int = 5) -> list[tuple[str, float]]:
    """Return (package, median ms) of the imports a command makes, costliest first.

    Read from `python -X importtime`. A package is charged the cumulative time of its
    outermost imports (those not made from inside the same package); remissgen's own modules
    are charged their self time only, each by its name, so that the libraries they pull in show by name.
    """
    per_run: list[dict[str, float]] = []
    for _ in range(runs):
        done = subprocess.run(command, capture_output=True, text=True, check=False,
                              env=_importtime_env())
        per_run.append(_charge([m.groups() for m in map(_IMPORT.match, done.stderr.splitlines())
                                if m]))
    names = {name for run in per_run for name in run}
    medians = [(n, statistics.median(run.get(n, 0.0) for run in per_run)) for n in names]
    return sorted(medians, key=lambda x: x[1], reverse=True)


def _charge(lines: list[tuple[str, ...]]) -> dict[str, float]:
    costs: dict[str, float] = {}
    stack: list[tuple[int, str]] = []  # (depth, package) of the ancestors, outermost first
    for own, cumulative, indent, module in reversed(lines):  # parents before children
        depth = len(indent) // 2
        while stack and stack[-1][0] >= depth:
            stack.pop()
        package = module.split(".")[0]
        if package == "remissgen":
            costs[module] = costs.get(module, 0.0) + int(own) / 1000
        elif all(p != package for _, p in stack):
            costs[package] = costs.get(package, 0.0) + int(cumulative) / 1000
        stack.append((depth, package))
    return costs


def _importtime_env() -> dict[str, str]:
    import os

    return {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
