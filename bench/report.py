"""The benchmark's results as Markdown: targets with PASS/FAIL, tables, machine and versions."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import report_user
from timing import Sample

FINDINGS_START = "<!-- findings:start -->"
FINDINGS_END = "<!-- findings:end -->"


def ms(seconds: float) -> str:
    """Return seconds as milliseconds, 2 decimals below 10 ms, else 1."""
    value = seconds * 1000
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def _iqr(sample: Sample) -> str:
    low, high = sample.spread
    return f"{ms(low)}–{ms(high)}"


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _verdict(ok: bool) -> str:
    return "**PASS**" if ok else "**FAIL**"


def _mib(kib: float) -> str:
    return f"{kib / 1024:.1f}"


# --- the derived numbers -------------------------------------------------------------------


def _batch(results: dict[str, Any]) -> dict[str, Any]:
    runs = results["batch"]
    jobs = str(results["batch_jobs"])
    one = statistics.median(r["self_maxrss_kib"] for r in runs["one"])
    one_worker = statistics.median(max(r["worker_maxrss_kib"]) for r in runs["one-worker"])
    single = runs["1"]
    pool = runs[jobs]
    return {
        "single_dps": statistics.median(r["docs_per_second"] for r in single),
        "pool_dps": statistics.median(r["docs_per_second"] for r in pool),
        "one_kib": one,
        "one_worker_kib": one_worker,
        "single_kib": statistics.median(r["self_maxrss_kib"] for r in single),
        "worker_kib": statistics.median(max(r["worker_maxrss_kib"]) for r in pool),
        "parent_kib": statistics.median(r["self_maxrss_kib"] for r in pool),
        "runs": len(single),
    }


def _linearity(results: dict[str, Any]) -> dict[str, Any]:
    sizes: dict[str, Sample] = results["sizes"]
    units = results["size_units"]
    t = {label: sizes[f"remissgen {label}"].median for label in units}
    p = {label: units[label][2] for label in units}
    per_unit_low = (t["1/2"] - t["1/4"]) / (p["1/2"] - p["1/4"])
    per_unit_high = (t["full"] - t["1/2"]) / (p["full"] - p["1/2"])
    return {"t": t, "p": p, "low": per_unit_low, "high": per_unit_high,
            "ratio": per_unit_high / per_unit_low}


def targets(results: dict[str, Any]) -> list[list[str]]:
    """Return the rows of the targets table: target, measured, limit, ratio, verdict."""
    ip: dict[str, Sample] = results["in_process"]
    pr: dict[str, Sample] = results["processes"]
    r, f, d = ip["remissgen"].median, ip["floor"].median, ip["docxtpl"].median
    kontr = pr["remissgen kontrollera seed.yaml"].median
    yj = pr["python -c 'import yaml, jinja2'"].median
    hlp = pr["remissgen --help"].median
    bare = pr["python -c pass"].median
    bygg = pr["remissgen bygg seed.yaml"].median
    djy = pr["python -c 'import docx, jinja2, yaml'"].median
    b = _batch(results)
    lin = _linearity(results)
    jobs = results["batch_jobs"]
    return [*report_user.targets(results),
        ["one document in-process (pipeline alone) ≤ 2× floor", f"{ms(r)} ms vs floor {ms(f)} ms",
         "≤ 2.0×", f"{r / f:.1f}×", _verdict(r / f <= 2)],
        ["pipeline alone ≥ 4× faster than docxtpl (in-process)",
         f"docxtpl {ms(d)} ms vs {ms(r)} ms", "≥ 4.0×",
         f"{d / r:.2f}×", _verdict(d / r >= 4)],
        ["`kontrollera` ≤ 1.5× `python -c \"import yaml, jinja2\"`",
         f"{ms(kontr)} ms vs {ms(yj)} ms", "≤ 1.5×", f"{kontr / yj:.2f}×",
         _verdict(kontr / yj <= 1.5)],
        ["`--help` ≤ 1.3× `python -c pass` + 30 ms", f"{ms(hlp)} ms",
         f"≤ {ms(1.3 * bare + 0.030)} ms", f"{hlp / (1.3 * bare + 0.030):.2f}× the limit",
         _verdict(hlp <= 1.3 * bare + 0.030)],
        ["`bygg` of one case (whole process, review included) ≤ "
         "`python -c \"import docx, jinja2, yaml\"` + 40 ms", f"{ms(bygg)} ms",
         f"≤ {ms(djy + 0.040)} ms", f"{bygg / (djy + 0.040):.2f}× the limit",
         _verdict(bygg <= djy + 0.040)],
        [f"pipeline-alone batch ≥ 150 documents/s on {jobs} cores (process pool)",
         f"{b['pool_dps']:.0f} documents/s", "≥ 150/s", f"{b['pool_dps'] / 150:.2f}× the target",
         _verdict(b["pool_dps"] >= 150)],
        ["batch peak memory per worker ≤ 1.5× a worker's for one document",
         f"{_mib(b['worker_kib'])} MiB vs {_mib(b['one_worker_kib'])} MiB", "≤ 1.5×",
         f"{b['worker_kib'] / b['one_worker_kib']:.2f}×",
         _verdict(b["worker_kib"] <= 1.5 * b["one_worker_kib"])],
        ["…and the one-process batch ≤ 1.5× one document in one process",
         f"{_mib(b['single_kib'])} MiB vs {_mib(b['one_kib'])} MiB", "≤ 1.5×",
         f"{b['single_kib'] / b['one_kib']:.2f}×", _verdict(b["single_kib"] <= 1.5 * b["one_kib"])],
        ["cost grows linearly with size (per-paragraph cost, 1/2→full vs 1/4→1/2)",
         f"{lin['high'] * 1e6:.0f} vs {lin['low'] * 1e6:.0f} µs per paragraph", "0.8–1.25×",
         f"{lin['ratio']:.2f}×", _verdict(0.8 <= lin["ratio"] <= 1.25)],
    ]


# --- the document --------------------------------------------------------------------------


def _versions() -> str:
    names = ("remissgen", "python-docx", "Jinja2", "PyYAML", "lxml", "docxtpl")
    found = []
    for name in names:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} (not installed)")
    pandoc = shutil.which("pandoc")
    if pandoc:
        out = subprocess.run([pandoc, "--version"], capture_output=True, text=True, check=False)
        found.append(out.stdout.splitlines()[0] if out.stdout else "pandoc ?")
    return ", ".join(found)


def _machine() -> str:
    cpu = "?"
    try:
        info = Path("/proc/cpuinfo").read_text()
        found = re.search(r"model name\s*:\s*(.+)", info)
        cpu = found.group(1).strip() if found else cpu
        mem = re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text())
        memory = f"{int(mem.group(1)) / 1024 / 1024:.1f} GiB" if mem else "?"
    except OSError:
        memory = "?"
    return (f"{cpu}, {os.cpu_count()} cores, {memory} RAM; {platform.platform()}; "
            f"Python {platform.python_version()}")


def _git() -> str:
    root = Path(__file__).resolve().parent.parent
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                          text=True, check=False).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "remissgen", "templates"],
                           cwd=root, capture_output=True, text=True, check=False).stdout.strip()
    return f"{head}" + (" with uncommitted changes under remissgen/ or templates/" if dirty else "")


def markdown(results: dict[str, Any]) -> str:
    """Return RESULTS.md (without the hand-written findings, which `with_findings` keeps)."""
    args = results["args"]
    ip: dict[str, Sample] = results["in_process"]
    pr: dict[str, Sample] = results["processes"]
    floor = ip["floor"].median
    before, after = results["load"]
    parts = [
        "# Benchmark results",
        f"Written by `python bench/run.py` on {dt.date.today().isoformat()}, "
        f"{results['elapsed']:.0f} s in all.\n\n"
        f"- Machine: {_machine()}\n- Versions: {_versions()}\n- Commit: {_git()}\n"
        f"- Template: `{Path(results['template']).name}` "
        f"({Path(results['template']).stat().st_size} bytes)\n"
        f"- Load average (1, 5, 15 min) at start {_load(before)}, at end {_load(after)}. "
        "The machine is shared, so absolute numbers vary from run to run; the ratios, "
        "measured in the same run with interleaved contenders, are what count.\n"
        f"- Medians over {args['runs']} interleaved in-process runs, {args['process_runs']} "
        f"interleaved whole-process runs and {args['batch_runs']} runs of each batch mode, "
        "after warm-up. IQR = first to third quartile.",
        "## Targets\n\n" + _table(["target", "measured", "limit", "ratio", "result"],
                                  targets(results)),
        *_user_sections(results),
        "# The pipeline alone (issue 5)\n\nWhat follows times remissgen's stages without "
        "the review and the overwrite checks that `bygg` adds: the figures of issue 5, kept "
        "to show where the time goes.",
        "## 1–4. One document, seed case (`seeds/sociala-foretag.yaml`)\n\n"
        "From the case file's bytes to the written .docx (load, validate, phrase, assemble, "
        "write). The floor reads the template and writes it back deflated at zlib's default "
        "level with `word/document.xml` replaced by remissgen's. docxtpl renders the same "
        "blocks (parsed once, outside the timing) into a template derived from the same one, "
        "and saves. pandoc converts equivalent Markdown as a whole process.\n\n"
        + _table(["contender", "median ms", "IQR ms", "× floor"],
                 [[name, ms(s.median), _iqr(s), f"{s.median / floor:.1f}"]
                  for name, s in ip.items()]
                 + [[f"{name} (whole process)", ms(s.median), _iqr(s), f"{s.median / floor:.0f}"]
                    for name, s in pr.items() if name.startswith("pandoc")]),
        "## 6. Whole processes\n\n" + _table(
            ["command", "median ms", "IQR ms"],
            [[f"`{name}`", ms(s.median), _iqr(s)] for name, s in pr.items()])
        + "\n\nWhat each command imports (median ms of `python -X importtime`, which adds "
        "overhead of its own; a library's outermost imports, remissgen's modules by self "
        "time):\n\n" + _table(
            ["command", "costliest imports (ms)"],
            [[f"`{name}`", ", ".join(f"{pkg} {cost:.0f}" for pkg, cost in costs[:9])]
             for name, costs in results["imports"].items()]),
        _batch_section(results),
        _size_section(results),
        _profile_section(results),
    ]
    return "\n\n".join(parts) + "\n"


def _user_sections(results: dict[str, Any]) -> list[str]:
    out = []
    if results.get("user_batch"):
        out.append(report_user.batch_section(results))
    if results.get("review_seed"):
        out.append(report_user.review_section(results))
    if results.get("growth"):
        out.append(report_user.growth_section(results))
    return out


def _load(values: tuple[float, float, float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def _batch_section(results: dict[str, Any]) -> str:
    b = _batch(results)
    jobs = results["batch_jobs"]
    n = results["batch"]["1"][0]["documents"]
    same, compared = results["batch_same"]
    rows = [["one process (loop in `bench/batch.py`)", f"{b['single_dps']:.0f}",
             f"{n / b['single_dps']:.1f}", _mib(b["single_kib"])],
            [f"process pool, {jobs} workers (`ProcessPoolExecutor`, chunks)",
             f"{b['pool_dps']:.0f}", f"{n / b['pool_dps']:.1f}",
             f"{_mib(b['worker_kib'])} per worker, parent {_mib(b['parent_kib'])}"]]
    rows.append(["one document in a fresh process (memory reference)", "–", "–",
                 _mib(b["one_kib"])])
    rows.append(["one document in a pool worker (memory reference for workers)", "–", "–",
                 _mib(b["one_worker_kib"])])
    return (f"## 5, 7. Batch of {n} generated case files (pipeline alone), and peak memory\n\n"
            "Variations of the seed (officials, dates, numbers, 1–6 paragraphs per text, some "
            "lists), each measured in a fresh process from the first document to the last, "
            "pool start included. Peak memory is ru_maxrss (resident set); a forked worker's counts only "
            "the pages it touched after the fork, so workers are compared with a worker that "
            "built one document.\n\n"
            + _table(["mode", "documents/s", "seconds", "peak memory MiB"], rows)
            + f"\n\nThe pool's documents are byte-identical to the one-process batch's: "
            f"{same} of {compared}.")


def _size_section(results: dict[str, Any]) -> str:
    sizes: dict[str, Sample] = results["sizes"]
    units = results["size_units"]
    lin = _linearity(results)
    rows = []
    for label, (n_par, n_items, paragraphs) in units.items():
        r, f = sizes[f"remissgen {label}"], sizes[f"floor {label}"]
        rows.append([label, f"{n_par} + {n_items}", str(paragraphs), ms(r.median), _iqr(r),
                     ms(f.median), f"{r.median / f.median:.1f}",
                     f"{r.median / paragraphs * 1e6:.0f}"])
    docxtpl = sizes.get("docxtpl full")
    extra = (f"\n\ndocxtpl on the full size: {ms(docxtpl.median)} ms "
             f"({docxtpl.median / sizes['remissgen full'].median:.2f}× remissgen)."
             if docxtpl else "")
    return ("## 8. Growth with size\n\n"
            "The seed with its `ärendet` replaced by N paragraphs and `synpunkter` by M list "
            "items (half bulleted, half numbered). Per-paragraph cost = time / paragraphs in the "
            "body.\n\n"
            + _table(["size", "paragraphs + items", "w:p in body", "remissgen ms", "IQR ms",
                      "floor ms", "× floor", "µs per w:p"], rows)
            + f"\n\nMarginal cost per body paragraph: {lin['low'] * 1e6:.0f} µs from 1/4 to 1/2, "
            f"{lin['high'] * 1e6:.0f} µs from 1/2 to full (ratio {lin['ratio']:.2f}; 1.0 is "
            f"perfectly linear)." + extra)


def _profile_section(results: dict[str, Any]) -> str:
    prof = results["profile"]
    per_doc = results["in_process"]["remissgen"].median
    stage_rows = [[label, f"{100 * cum / prof.total:.0f}%",
                   f"{per_doc * cum / prof.total * 1000:.2f}", f"{calls / prof.calls:g}"]
                  for label, cum, calls in prof.stages if calls]
    own_rows = [[f"`{where}`", f"{100 * own / prof.total:.1f}%", f"{calls / prof.calls:g}"]
                for where, own, calls in prof.top_own]
    return ("## Profile of one in-process build (cProfile)\n\n"
            f"{prof.calls} builds of the seed after warm-up; profiled time "
            f"{prof.total / prof.calls * 1000:.1f} ms per document (cProfile's overhead "
            f"included; unprofiled median {ms(per_doc)} ms). Estimated ms = share × the "
            "unprofiled median.\n\n"
            + _table(["stage (cumulative)", "share", "≈ ms per doc", "calls per doc"],
                     stage_rows)
            + "\n\nFunctions with the most own time:\n\n"
            + _table(["function", "own share", "calls per doc"], own_rows))


def summary(results: dict[str, Any]) -> str:
    """Return the console summary: the targets table and the one-document table."""
    ip: dict[str, Sample] = results["in_process"]
    rows = [[name, ms(s.median), _iqr(s)] for name, s in ip.items()]
    rows += [[name, ms(s.median), _iqr(s)] for name, s in results["processes"].items()]
    return (_table(["measurement", "median ms", "IQR ms"], rows) + "\n\n"
            + _table(["target", "measured", "limit", "ratio", "result"], targets(results)))


def with_findings(text: str, previous: Path) -> str:
    """Return `text` followed by the hand-written findings of the previous RESULTS.md."""
    old = previous.read_text(encoding="utf-8") if previous.exists() else ""
    start, end = old.find(FINDINGS_START), old.find(FINDINGS_END)
    findings = (old[start:end + len(FINDINGS_END)] if start >= 0 and end > start else
                f"{FINDINGS_START}\n_(no findings written yet)_\n{FINDINGS_END}")
    return text + "\n## Findings and what to optimise\n\n" + findings + "\n"


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run bench/run.py")
