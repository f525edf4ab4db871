"""The user-facing part of RESULTS.md (issue 19): the batch as `remissgen bygg` runs it, the
review's own cost, growth by stage and the memory of a large case; each target with PASS/FAIL."""

from __future__ import annotations

import statistics
from typing import Any

import growth

MIB = 1024


def _verdict(ok: bool) -> str:
    return "**PASS**" if ok else "**FAIL**"


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _spread(values: list[float]) -> float:
    """Return the largest over the smallest of positive values (inf when one is not)."""
    if not values or min(values) <= 0:
        return float("inf")
    return max(values) / min(values)


def targets(results: dict[str, Any]) -> list[list[str]]:
    """Return the issue-19 target rows: target, measured, limit, ratio, verdict."""
    rows: list[list[str]] = []
    user = results.get("user_batch")
    if user:
        dps = user["docs_per_second"]
        med = user["median"]
        n, jobs = user["count"], user["jobs"]
        ratio = med["remissgen bygg"] / med["docxtpl"]
        floor = med["remissgen bygg"] / med["golv"]
        rows += [
            [f"`remissgen bygg` of {n} case files (review included) vs docxtpl's batch",
             f"{med['remissgen bygg']:.2f} s vs {med['docxtpl']:.2f} s", "≤ 0.35",
             f"{ratio:.2f}", _verdict(ratio <= 0.35)],
            [f"…documents per second on {jobs} cores", f"{dps['remissgen bygg']:.0f}/s",
             "≥ 300/s", f"{dps['remissgen bygg'] / 300:.2f}× the target",
             _verdict(dps["remissgen bygg"] >= 300)],
            ["…within 1.5× of the floor (pool of the same size)",
             f"{med['remissgen bygg']:.2f} s vs floor {med['golv']:.2f} s", "≤ 1.5×",
             f"{floor:.2f}×", _verdict(floor <= 1.5)]]
        if "golv + bibliotek" in med:  # not a target: what share of the distance is imports
            own = med["remissgen bygg"] / med["golv + bibliotek"]
            rows.append(["…beside the floor that first imports remissgen's libraries "
                         f"({', '.join(user.get('libraries', ()))}); not a target",
                         f"{med['remissgen bygg']:.2f} s vs {med['golv + bibliotek']:.2f} s",
                         "–", f"{own:.2f}×", "–"])
        if "cpu" in user:  # not a target: the distance as CPU work (old results lack it)
            cpu = user["cpu"]
            rows.append(["…CPU time (user + system, the process and its workers) beside the "
                         "floor's; not a target",
                         f"{cpu['remissgen bygg']:.2f} s vs {cpu['golv']:.2f} s", "–",
                         f"{cpu['remissgen bygg'] / cpu['golv']:.2f}×", "–"])
    seed = results.get("review_seed")
    if seed:
        rows.append(["`granska` of the seed, in-process (a case never reviewed, as `bygg` runs it)",
                     f"{seed['fresh'] * 1000:.2f} ms", "≤ 1 ms", f"{seed['fresh'] * 1000:.2f}×",
                     _verdict(seed["fresh"] <= 0.001)])
    budget = results.get("richtext_budget")
    if budget:
        rows.append(["one document in-process with the CommonMark parser ≤ 1.10× the same "
                     f"with the parser it replaced ({budget['baseline']})",
                     f"{budget['build'] * 1000:.2f} ms; parsing {budget['new'] * 1000:.2f} ms "
                     f"vs {budget['old'] * 1000:.2f} ms", "≤ 1.10×", f"{budget['ratio']:.3f}×",
                     _verdict(budget["ratio"] <= 1.10)])
    elif "richtext_budget" in results:
        rows.append(["one document in-process with the CommonMark parser ≤ 1.10× the old one",
                     "not measured: no git history to read the old parser from", "≤ 1.10×",
                     "–", "–"])
    grown = results.get("growth")
    if grown:
        long = grown["long_paragraph"]
        rows.append([f"`granska` of one paragraph of {growth.LONG_PARAGRAPH:,} characters",
                     f"{long:.2f} s", "≤ 5 s", f"{long / 5:.2f}× the limit",
                     _verdict(long <= 5)])
        for shape, by_size in grown["rows"].items():
            worst, which = 0.0, ""
            for stage in (*growth.STAGES, "bygg"):
                margins = growth.marginal(by_size, stage)
                spread = 1.0 if growth.flat(margins) else _spread(margins)
                if spread > worst:
                    worst, which = spread, stage
            rows.append([f"marginal cost per byte, 100 kB → 1 MB → 10 MB ({shape}), every "
                         "stage and `bygg`", f"worst: {which}", "≤ 1.5×", f"{worst:.2f}×",
                         _verdict(worst <= 1.5)])
        peak = max(by_size[growth.SIZES[-1]]["kib"] for by_size in grown["rows"].values())
        rows.append(["peak memory of `remissgen bygg` on a 10 MB case", f"{peak / MIB:.0f} MiB",
                     "< 300 MB", f"{peak * 1024 / 300e6:.2f}× the limit",
                     _verdict(peak * 1024 < 300e6)])
    watch = results.get("pdf_watch")
    if watch:
        warm, cold = (statistics.median(x) for x in watch)
        rows.append(["`bygg --bevaka --pdf`: the seed's PDF rebuilt in watch mode (LibreOffice kept)",
                     f"{warm * 1000:.0f} ms (cold call {cold * 1000:.0f} ms)", "≤ 350 ms",
                     f"{warm / 0.350:.2f}× the limit", _verdict(warm <= 0.350)])
    editor = results.get("editor")
    if editor:
        for key, label, limit in (("problems", "new problems", 0.300),
                                  ("preview", "a new preview", 0.500)):
            value = editor[key]["median"]
            rows.append([f"editor: {label} after the last keystroke (seed, in the browser)",
                         f"{value * 1000:.0f} ms (server's check {editor[key]['server'] * 1000:.0f} ms)",
                         f"≤ {limit * 1000:.0f} ms", f"{value / limit:.2f}× the limit",
                         _verdict(value <= limit)])
        for key, label in (("text_to_form", "a keystroke in the text → the form shows it"),
                           ("form_to_text", "a keystroke in the form → the text holds it")):
            if key in editor:  # issue 15: the form beside the text, both ways
                value = editor[key]
                rows.append([f"editor: {label} (seed, in the browser)", f"{value * 1000:.0f} ms",
                             "≤ 300 ms", f"{value / 0.300:.2f}× the limit",
                             _verdict(value <= 0.300)])
    return rows


def batch_section(results: dict[str, Any]) -> str:
    """Return the section on the batch as users run it."""
    user = results["user_batch"]
    n, jobs = user["count"], user["jobs"]
    cpu = user.get("cpu", {})
    rows = [[name, f"{user['median'][name]:.2f}", f"{user['docs_per_second'][name]:.0f}",
             f"{cpu[name]:.2f}" if name in cpu else "–",
             ", ".join(f"{t:.2f}" for t in user["times"][name])] for name in user["median"]]
    before, after = user["load"]
    return (f"## The batch as a user runs it: {n} case files\n\n"
            f"Seed-sized variations of the seed in one folder. Whole processes, alternating "
            f"round by round, median of {user['runs']}; load average (1 min) {before[0]:.2f} "
            f"before and {after[0]:.2f} after.\n\n"
            f"- `remissgen bygg`: `remissgen bygg FOLDER -o OUT`, exactly as a user types it: "
            "reads each case and its profile, validates, builds, checks and writes each .docx "
            "atomically with its fingerprint, and reviews each case (`granska`) to print its "
            f"warning count; its pool has {jobs} workers (one per core).\n"
            "- docxtpl: one process rendering the same content (composed by remissgen "
            "beforehand, read from JSON) into the derived docxtpl template, saving each file "
            "(`bench/docxtpl_batch.py`); docxtpl has no pool of its own.\n"
            f"- golv (the floor): one process with a pool of {jobs} that reads the project's "
            "template and writes each .docx with its document.xml (remissgen's, stored "
            "beforehand) swapped in (`bench/floor_batch.py`).\n"
            "- golv + bibliotek: the floor after importing remissgen's base libraries first "
            f"({', '.join(user.get('libraries', ()))}), as remissgen must before its first document; "
            "not a target, it shows what share of the distance to the floor those imports "
            "are.\n\nCPU s is the median user + system time of the process and its workers: "
            "with every contender but docxtpl keeping both cores busy, the wall times' ratio "
            "follows it.\n\n"
            + _table(["contender", "median s", "documents/s", "CPU s", "runs s"], rows))


def growth_section(results: dict[str, Any]) -> str:
    """Return the growth table: each stage per size and shape, bygg's time and memory."""
    grown = results["growth"]
    parts = ["## Growth with size, stage by stage\n\n"
             "The seed's `synpunkter` grown to each size, as one paragraph and as many "
             "paragraphs of five sentences. Stage seconds in a fresh process (fastest of 3 "
             "runs at every size, and of up to 9 within a second for a stage under 0.2 s); "
             "`bygg` is the whole command in its own process (review and "
             "write included) with its peak resident memory. The marginal cost is µs per "
             "added kB between consecutive sizes; 10 kB is shown, not judged. A stage under 1 µs "
             "per kB at both steps does not grow with this text: it is shown as flat, since "
             "the ratio of two such figures is timer noise, not a slope."]
    for shape, by_size in grown["rows"].items():
        stages = [*growth.STAGES, "bygg"]
        rows = [[f"{size:,}", *[f"{by_size[size][s]:.4f}" for s in stages],
                 f"{by_size[size]['kib'] / MIB:.0f}"] for size in growth.SIZES]
        margins = {s: growth.marginal(by_size, s) for s in stages}
        rows.append(["µs/kB 100 kB→1 MB", *[f"{margins[s][0] * 1e9:.0f}" for s in stages], ""])
        rows.append(["µs/kB 1 MB→10 MB", *[f"{margins[s][1] * 1e9:.0f}" for s in stages], ""])
        rows.append(["spread", *["flat" if growth.flat(margins[s]) else f"{_spread(margins[s]):.2f}×"
                                 for s in stages], ""])
        parts.append(f"### {shape}\n\n" + _table(["tecken", *[f"{s} s" for s in stages],
                                                   "bygg MiB"], rows))
    parts.append(f"`granska` on one paragraph of {growth.LONG_PARAGRAPH:,} characters: "
                 f"{grown['long_paragraph']:.2f} s.")
    return "\n\n".join(parts)


def review_section(results: dict[str, Any]) -> str:
    """Return the section on the review's own cost for the seed."""
    seed = results["review_seed"]
    text = ("## The review of the seed\n\n"
            f"`granska`'s review of the seed in-process, median of {seed['runs']}: "
            f"{seed['fresh'] * 1000:.2f} ms for a case loaded anew each time and never "
            "reviewed, its rich-text parses cleared: everything the review reads, it reads "
            "itself (as `bygg` runs it, before the build, and as `remissgen granska` does).")
    budget = results.get("richtext_budget")
    if budget:
        text += ("\n\nThe CommonMark parser in one document (issue 13): one in-process build "
                 f"of the seed takes {budget['build'] * 1000:.2f} ms; the texts that build "
                 f"parses ({budget['texts'][0]} as blocks, {budget['texts'][1]} as runs) take "
                 f"{budget['new'] * 1000:.3f} ms with markdown-it-py and "
                 f"{budget['old'] * 1000:.3f} ms with the hand-written parser of "
                 f"{budget['baseline']}, read from git history (`bench/richtext_budget.py`); "
                 f"the build is {budget['ratio']:.3f}× what it would be with the old parser.")
    return text
