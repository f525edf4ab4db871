"""The batch as a user runs it: `remissgen bygg FOLDER -o OUT` against docxtpl and the floor.

Whole processes over the same 200 seed-sized case files, each run alternating with
the others so that a slow spell on a shared machine hits all alike (median of `runs`):

- `remissgen bygg FOLDER -o OUT`: the command a user types. It reads every case file and its
  profile, validates, builds and writes each .docx atomically, and reviews each case
  (`granska`) to print its warning count: everything a user waits for. It uses its pool of
  worker processes (one per core), as it does for a user.
- docxtpl: one process (`docxtpl_batch.py`) rendering the same content, composed by
  remissgen beforehand and stored as JSON, into the derived docxtpl template and saving
  each document; docxtpl has no batch mode of its own, so this is what its user would write.
- the floor: one process with a pool of the same size (`floor_batch.py`) that reads the
  project's own template and writes each document with its document.xml (remissgen's own,
  stored beforehand) swapped in: the least any tool must do to write these files.
- the floor with the libraries: the same, after importing remissgen's base libraries
  (`LIBRARIES`) as remissgen must before its first document. Not a target: it shows how
  much of the distance to the floor those imports are, and how much is remissgen's own.

Beside each wall time, the CPU time (user + system) of the process and its pool's workers:
`remissgen bygg` and the floor both keep both cores busy, so the ratio of their wall times
follows the ratio of their CPU work: the distance to the floor is work done, not a core
left idle.
"""

from __future__ import annotations

import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
LIBRARIES = ("yaml", "jinja2", "lxml.etree")
"""What `remissgen bygg` imports before its first document beyond the floor's own modules:
its base libraries (PyYAML for the case file, Jinja2 for texts and phrases, lxml for the
template). The floor that imports them first is the least any tool on them could do."""


def prepare(seed: Path, folder: Path, count: int) -> dict[str, Path]:
    """Write the case files, docxtpl's contexts and the floor's document.xml files; return
    the paths each contender reads."""
    import cases
    import rivals

    from remissgen import build, load, pipeline
    from remissgen.remissvar import compose
    from remissgen.word import templating

    paths = cases.batch(seed, folder / "fall", count)
    xml_dir = folder / "golv-xml"
    xml_dir.mkdir(parents=True, exist_ok=True)
    contexts = []
    template: Path | None = None
    ids: dict[str, str] = {}
    for path in paths:
        loaded = load(path)
        if template is None:
            template = loaded.template or pipeline.template_path(loaded.case, path)
            ids = rivals.style_ids(template)
        data = build(loaded)
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            (xml_dir / f"{path.stem}.xml").write_bytes(zf.read("word/document.xml"))
        contexts.append(rivals.docxtpl_context(compose.blocks(loaded.case),
                                               templating.context(loaded.case), ids))
    assert template is not None
    tpl = rivals.docxtpl_template(template, folder / "docxtpl-mall.docx")
    (folder / "docxtpl.json").write_text(json.dumps(contexts, default=str, ensure_ascii=False),
                                         encoding="utf-8")
    return {"cases": folder / "fall", "template": template, "docxtpl_template": tpl,
            "contexts": folder / "docxtpl.json", "xml": xml_dir, "out": folder / "ut"}


def _cpu_of_children() -> float:
    """Return the user + system CPU seconds of every child process waited for so far (a
    child's own waited-for children, such as a pool's workers, included)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _run(command: list[str]) -> tuple[float, float]:
    """Run `command` to its end; return its wall time and the CPU time of its processes."""
    cpu = _cpu_of_children()
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{command[:3]} exited {done.returncode}: "
                           f"{done.stderr.decode(errors='replace')[-800:]}")
    return elapsed, _cpu_of_children() - cpu


def batch(paths: dict[str, Path], count: int, runs: int) -> dict[str, Any]:
    """Return the three contenders' times over `runs` alternating rounds, and the load."""
    py = sys.executable
    cli = str(Path(py).with_name("remissgen"))
    jobs = os.cpu_count() or 1
    out = paths["out"]

    def fresh(name: str) -> str:
        target = out / name
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        return str(target)

    commands = {
        "remissgen bygg": lambda: [cli, "bygg", str(paths["cases"]), "-o", fresh("remissgen")],
        "docxtpl": lambda: [py, str(BENCH / "docxtpl_batch.py"), str(paths["docxtpl_template"]),
                            str(paths["contexts"]), fresh("docxtpl")],
        "golv": lambda: [py, str(BENCH / "floor_batch.py"), str(paths["template"]),
                         str(paths["xml"]), fresh("golv"), "--jobs", str(jobs)],
        "golv + bibliotek": lambda: [py, str(BENCH / "floor_batch.py"), str(paths["template"]),
                                     str(paths["xml"]), fresh("golv-bibliotek"), "--jobs",
                                     str(jobs), "--importera", ",".join(LIBRARIES)],
    }
    names = list(commands)
    times: dict[str, list[float]] = {n: [] for n in names}
    cpu: dict[str, list[float]] = {n: [] for n in names}
    load_before = os.getloadavg()
    for r in range(runs):
        order = names[r % len(names):] + names[:r % len(names)]
        for name in order:
            wall, used = _run(commands[name]())
            times[name].append(wall)
            cpu[name].append(used)
        print(f"  batch round {r + 1}/{runs}: "
              + ", ".join(f"{n} {count / times[n][-1]:.0f}/s" for n in names),
              file=sys.stderr, flush=True)
    written = len(list((out / "remissgen").glob("*.docx")))
    if written != count:
        raise RuntimeError(f"remissgen bygg wrote {written} documents of {count}")
    med = {n: statistics.median(t) for n, t in times.items()}
    return {"count": count, "jobs": jobs, "runs": runs, "times": times, "median": med,
            "docs_per_second": {n: count / t for n, t in med.items()},
            "cpu": {n: statistics.median(t) for n, t in cpu.items()},
            "load": (load_before, os.getloadavg()), "libraries": list(LIBRARIES)}
