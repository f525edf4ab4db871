"""Growth with input size, stage by stage, and the peak memory of `remissgen bygg`.

The seed is scaled to 10 kB, 100 kB, 1 MB and 10 MB by growing its `synpunkter`, in two
shapes: one long paragraph, and many paragraphs of five sentences. For each file a fresh
process (`python bench/growth.py --stages FILE`) times every stage in turn on the previous
stage's result (the fastest of 3 runs at every size, and of up to 9 for a stage that
takes under 0.2 s):

- läs: the file's bytes → YAML nodes with positions (`source.read`);
- validera: nodes → checked data (`validate.validate`);
- fraser: data → the complete case, derived sentences rendered (`phrases.complete`);
- komponera: case → blocks, rich text parsed (`compose.blocks`);
- skriv: blocks → the .docx bytes (`pipeline.build` less `komponera`, which it includes);
- granska: the review of the case as written, its parse not shared with the build.

Then `remissgen bygg FILE -o OUT` runs as a user runs it, in its own process, for its wall
time and peak resident memory (ru_maxrss of the child): the review and the file write
included. The marginal cost of a stage is its time per added byte between consecutive
sizes; 10 kB is shown, not judged, since fixed costs dominate there.
"""

from __future__ import annotations

import itertools
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
SIZES = (10_000, 100_000, 1_000_000, 10_000_000)
SHAPES = ("ett stycke", "många stycken")
STAGES = ("läs", "validera", "fraser", "komponera", "skriv", "granska")
LONG_PARAGRAPH = 400_000  # granska on one paragraph this long: at most 5 s


def scaled(seed: Path, size: int, shape: str, target: Path) -> Path:
    """Write the seed with `synpunkter` grown to about `size` characters; return the path."""
    import cases

    rng = random.Random(size)
    tree = cases.seed_tree(seed)
    sentences: list[str] = []
    total = 0
    while total < size:
        sentence = cases.sentence(rng)
        sentences.append(sentence)
        total += len(sentence) + 1
    if shape == "ett stycke":
        tree["synpunkter"] = " ".join(sentences) + "\n"
    else:
        tree["synpunkter"] = "\n\n".join(" ".join(sentences[i:i + 5])
                                         for i in range(0, len(sentences), 5)) + "\n"
    return cases.dump(tree, target)


def _best(func: Any, runs: int) -> tuple[float, Any]:
    """Return the fastest of `runs` runs of `func`, and its result; a stage that takes well
    under a second runs more often (up to 9 runs within about a second): a stage of a few
    milliseconds, measured three times, was as much the machine's noise as its own cost."""
    import gc

    best, result, spent, done = float("inf"), None, 0.0, 0
    while done < runs or (spent < 1.0 and done < 9 and best < 0.2):
        gc.collect()
        start = time.perf_counter()
        result = func()
        elapsed = time.perf_counter() - start
        best, spent, done = min(best, elapsed), spent + elapsed, done + 1
    return best, result


def stages(path: Path) -> dict[str, float]:
    """Return each stage's seconds for the case file at `path` (run in a fresh process)."""
    from remissgen import granska, pipeline, richtext, source, validate
    from remissgen.remissvar import compose, phrases

    runs = 3  # at every size: the fastest of one run at 10 MB against the fastest of 3 or 9
              # below it made the largest size look slower per byte than it is
    out: dict[str, float] = {}
    out["läs"], src = _best(lambda: source.read(path, str(path)), runs)
    out["validera"], data = _best(lambda: validate.validate(src), runs)
    out["fraser"], case = _best(lambda: phrases.complete(data), runs)

    def blocks() -> object:
        richtext._tokens.cache_clear()
        return compose.blocks(case)

    out["komponera"], _ = _best(blocks, runs)
    loaded = pipeline.Loaded(case, src, None, pipeline.template_path(case, path))

    def build() -> object:
        richtext._tokens.cache_clear()
        return pipeline.build(loaded, path)

    whole, _ = _best(build, runs)
    out["skriv"] = max(whole - out["komponera"], 0.0)

    def review() -> object:
        richtext._tokens.cache_clear()
        granska._last.clear()  # the case read anew each run, as a fresh process reads it
        return granska.review(src, case)

    out["granska"], _ = _best(review, runs)
    return out


def bygg(path: Path, target: Path) -> tuple[float, int]:
    """Return the wall seconds and peak resident KiB of `remissgen bygg path -o target`."""
    cli = str(Path(sys.executable).with_name("remissgen"))
    code = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
            "stderr=subprocess.DEVNULL); "
            "print(time.perf_counter() - t, "
            "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)")
    done = subprocess.run([sys.executable, "-c", code, cli, "bygg", str(path), "-o", str(target),
                           "--tvinga"], capture_output=True, text=True, check=True)
    seconds, kib, status = done.stdout.split()
    if status != "0":
        raise RuntimeError(f"remissgen bygg {path.name} exited {status}")
    return float(seconds), int(kib)


def measure(seed: Path, tmp: Path, say: Any) -> dict[str, Any]:
    """Return stage times and bygg's time and memory for every size and shape."""
    rows: dict[str, dict[int, dict[str, Any]]] = {}
    for shape in SHAPES:
        rows[shape] = {}
        for size in SIZES:
            path = scaled(seed, size, shape, tmp / f"storlek-{shape[0]}-{size}.yaml")
            done = subprocess.run([sys.executable, str(BENCH / "growth.py"), "--stages",
                                   str(path)], capture_output=True, text=True, check=True)
            row: dict[str, Any] = json.loads(done.stdout)
            row["bygg"], row["kib"] = bygg(path, tmp / f"storlek-{shape[0]}-{size}.docx")
            row["bytes"] = path.stat().st_size
            rows[shape][size] = row
            say(f"  {shape}, {size:,} tecken: bygg {row['bygg']:.2f} s, "
                f"{row['kib'] / 1024:.0f} MiB, granska {row['granska']:.2f} s")
    long = scaled(seed, LONG_PARAGRAPH, "ett stycke", tmp / "långt-stycke.yaml")
    done = subprocess.run([sys.executable, str(BENCH / "growth.py"), "--stages", str(long)],
                          capture_output=True, text=True, check=True)
    return {"rows": rows, "long_paragraph": json.loads(done.stdout)["granska"]}


# A stage whose marginal cost stays under 1 µs per added kB at both steps (1 ms per MB) does
# not grow with the text grown here (`fraser` reads no `synpunkter` without a `{`): the ratio
# of two such figures is the timer's noise (0.2 ms against 0.6 ms at 10 MB), not a slope, so
# it is shown as flat and not judged.
FLAT = 1e-9  # seconds per byte


def flat(margins: list[float]) -> bool:
    """Return True when every marginal cost is under FLAT: the stage does not grow."""
    return all(m < FLAT for m in margins)


def marginal(rows: dict[int, dict[str, Any]], stage: str) -> list[float]:
    """Return a stage's seconds per added byte between consecutive sizes from 100 kB up."""
    judged = [s for s in SIZES if s >= 100_000]
    return [(rows[b][stage] - rows[a][stage]) / (rows[b]["bytes"] - rows[a]["bytes"])
            for a, b in itertools.pairwise(judged)]


def main() -> int:
    """`--stages FILE`: print the stage times of one case file as JSON."""
    if len(sys.argv) == 3 and sys.argv[1] == "--stages":
        sys.path.insert(0, str(BENCH))
        json.dump(stages(Path(sys.argv[2])), sys.stdout)
        return 0
    print("usage: growth.py --stages FILE (run.py runs the whole measurement)", file=sys.stderr)
    return 2


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sys.exit(main())
