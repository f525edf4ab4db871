"""remissgen's benchmark: run as `python bench/run.py`; writes bench/RESULTS.md.

Measures, in one run so that ratios compare like with like on a shared machine, first what
users run (issue 19): `remissgen bygg FOLDER` of 200 case files, review included, against
docxtpl's batch and the floor as whole processes (`user.py`); the review's own cost for the
seed; growth with size stage by stage and the peak memory of `bygg` on a 10 MB case
(`growth.py`); the editor's latencies in the browser when `editor.py` is there. Then the
pipeline alone (issue 5): in-process time per document against the floor and docxtpl,
pandoc and the command line as whole processes, a batch in one process and in a pool, peak
memory, growth with document size, and a profile of one build. Timings are medians over
interleaved runs after a warm-up. Progress goes to stderr, the table to stdout.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import cases  # noqa: E402
import growth  # noqa: E402
import profiling  # noqa: E402
import report  # noqa: E402
import rivals  # noqa: E402
import timing  # noqa: E402
import user  # noqa: E402

SEED = ROOT / "seeds" / "sociala-foretag.yaml"
SIZES = (("seed", 0, 0), ("1/4", 125, 50), ("1/2", 250, 100), ("full", 500, 200))


def say(message: str) -> None:
    """Print progress on stderr."""
    print(message, file=sys.stderr, flush=True)


def build_doc(case: Path, target: Path) -> None:
    """Build one document from the case file's bytes to the written .docx: the pipeline alone
    (load, build, atomic write), without the review and the overwrite checks `bygg` adds."""
    from remissgen import output, pipeline

    loaded = pipeline.load(case, str(case))
    output.write_atomic(target, pipeline.build(loaded, case))


def write_floor(template: Path, document_xml: bytes, target: Path) -> None:
    """The floor: read the template .docx, write it back deflated with document.xml replaced."""
    with zipfile.ZipFile(template) as source:
        members = [(name, source.read(name)) for name in source.namelist()]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members:
            out.writestr(name, document_xml if name == "word/document.xml" else data)


def document_xml(docx: Path) -> bytes:
    """Return word/document.xml of a built .docx."""
    with zipfile.ZipFile(docx) as zf:
        return zf.read("word/document.xml")


class Bench:
    """One benchmark run: its options, scratch folder, and the results gathered."""

    def __init__(self, args: argparse.Namespace, tmp: Path) -> None:
        from remissgen import pipeline
        from remissgen.remissvar import compose
        from remissgen.word import templating

        self.args = args
        self.tmp = tmp
        self.seed = tmp / "seed.yaml"  # a copy: others may edit the repository's seed meanwhile
        shutil.copyfile(SEED, self.seed)
        loaded = pipeline.load(self.seed, str(self.seed))
        self.template = pipeline.template_path(loaded.case, self.seed)
        self.blocks = compose.blocks(loaded.case)
        self.header = templating.context(loaded.case)
        self.ids = rivals.style_ids(self.template)
        self.docxtpl_template = rivals.docxtpl_template(self.template, tmp / "docxtpl-mall.docx")
        self.results: dict[str, Any] = {"template": self.template, "tmp": tmp}

    def out(self, name: str) -> Path:
        return self.tmp / "ut" / name

    # -- 1-3: one document in-process, floor, docxtpl ------------------------------------------

    def in_process(self) -> None:
        say("[1-3] one document in-process: remissgen, floor, docxtpl")
        self.out("x").parent.mkdir(parents=True, exist_ok=True)
        build_doc(self.seed, self.out("remissgen.docx"))
        body = document_xml(self.out("remissgen.docx"))
        context = rivals.docxtpl_context(self.blocks, self.header, self.ids)
        from remissgen import pipeline

        loaded = pipeline.load(self.seed, str(self.seed))
        funcs = {
            "remissgen": lambda: build_doc(self.seed, self.out("remissgen.docx")),
            "floor": lambda: write_floor(self.template, body, self.out("floor.docx")),
            "docxtpl": lambda: rivals.render_docxtpl(self.docxtpl_template, context,
                                                     self.out("docxtpl.docx")),
            "remissgen load": lambda: pipeline.load(self.seed, str(self.seed)),
            "remissgen build": lambda: pipeline.build(loaded, self.seed),
        }
        self.results["in_process"] = timing.interleaved(funcs, self.args.runs, warmup=5,
                                                        progress="in-process")
        self.results["sizes_docx"] = {k: self.out(f"{k}.docx").stat().st_size
                                      for k in ("remissgen", "floor", "docxtpl")}

    # -- 8: growth with size --------------------------------------------------------------------

    def sizes(self) -> None:
        say("[8] growth with size: seed, 1/4, 1/2 and 500 paragraphs + 200 list items")
        from remissgen import pipeline
        from remissgen.remissvar import compose
        from remissgen.word import templating

        tree = cases.seed_tree(self.seed)
        funcs: dict[str, Callable[[], object]] = {}
        units: dict[str, tuple[int, int, int]] = {}
        for label, n_par, n_items in SIZES:
            path = (self.seed if label == "seed" else
                    cases.dump(cases.sized(tree, n_par, n_items), self.tmp / f"storlek-{n_par}.yaml"))
            target = self.out(f"storlek-{n_par}.docx")
            build_doc(path, target)
            body = document_xml(target)
            units[label] = (n_par, n_items, body.count(b"<w:p>") + body.count(b"<w:p "))
            funcs[f"remissgen {label}"] = partial(build_doc, path, target)
            funcs[f"floor {label}"] = partial(write_floor, self.template, body,
                                              self.out(f"golv-{n_par}.docx"))
            if label == "full":
                loaded = pipeline.load(path)
                ctx = rivals.docxtpl_context(compose.blocks(loaded.case),
                                             templating.context(loaded.case), self.ids)
                funcs["docxtpl full"] = partial(rivals.render_docxtpl, self.docxtpl_template, ctx,
                                                self.out("docxtpl-full.docx"))
        self.results["size_units"] = units
        self.results["sizes"] = timing.interleaved(funcs, self.args.size_runs, warmup=2,
                                                   progress="sizes")

    # -- 4 and 6: whole processes ---------------------------------------------------------------

    def processes(self) -> None:
        say("[4,6] whole processes: remissgen bygg/kontrollera/--help, python, pandoc")
        py = sys.executable
        cli = str(Path(sys.executable).with_name("remissgen"))
        md = self.tmp / "sociala-foretag.md"
        md.write_text(rivals.markdown(self.blocks), encoding="utf-8")
        commands: dict[str, list[str]] = {
            "python -c pass": [py, "-c", "pass"],
            "python -c 'import yaml, jinja2'": [py, "-c", "import yaml, jinja2"],
            "python -c 'import docx, jinja2, yaml'": [py, "-c", "import docx, jinja2, yaml"],
            "remissgen --help": [cli, "--help"],
            "remissgen kontrollera seed.yaml": [cli, "kontrollera", str(self.seed)],
            "remissgen bygg seed.yaml": [cli, "bygg", str(self.seed), "-o",
                                         str(self.out("bygg.docx"))],
        }
        pandoc = rivals.pandoc()
        if pandoc:
            commands["pandoc (Markdown, --reference-doc)"] = [
                pandoc, str(md), "-o", str(self.out("pandoc.docx")),
                "--reference-doc", str(self.template)]
        self.results["processes"] = timing.processes(commands, self.args.process_runs,
                                                     warmup=3, progress="processes",
                                                     cwd=str(self.tmp))
        say("  import costs (python -X importtime)")
        self.results["imports"] = {name: profiling.import_costs(commands[name], runs=5)
                                   for name in ("remissgen --help", "remissgen kontrollera seed.yaml",
                                                "remissgen bygg seed.yaml")}

    # -- 5 and 7: batch and memory --------------------------------------------------------------

    def batch(self) -> None:
        n = self.args.batch
        jobs = os.cpu_count() or 1
        say(f"[5,7] batch of {n} generated case files: 1 process and {jobs} processes")
        folder = self.tmp / "batch"
        cases.batch(self.seed, folder, n)
        script = str(BENCH / "batch.py")
        runs: dict[str, list[dict[str, Any]]] = {"1": [], str(jobs): [], "one": [],
                                                 "one-worker": []}
        for r in range(self.args.batch_runs):
            for j in ((1, jobs) if r % 2 == 0 else (jobs, 1)):
                runs[str(j)].append(_json_run([sys.executable, script, str(folder),
                                               str(self.tmp / f"batch-ut-{j}"), "--jobs", str(j)]))
                say(f"  batch run {r + 1}/{self.args.batch_runs}, {j} process(es): "
                    f"{runs[str(j)][-1]['docs_per_second']:.0f} documents/s")
            runs["one"].append(_json_run([sys.executable, script, str(folder),
                                          str(self.tmp / "batch-ut-en"), "--limit", "1"]))
            runs["one-worker"].append(_json_run([sys.executable, script, str(folder),
                                                 str(self.tmp / "batch-ut-en"), "--limit", "1",
                                                 "--pool"]))
        self.results["batch"] = runs
        self.results["batch_jobs"] = jobs
        self.results["batch_same"] = _same_outputs(self.tmp / "batch-ut-1",
                                                   self.tmp / f"batch-ut-{jobs}")

    # -- issue 19: what users run ----------------------------------------------------------------

    def user_batch(self) -> None:
        n = self.args.user_batch
        say(f"[19] remissgen bygg FOLDER of {n} case files vs docxtpl's batch and the floor")
        paths = user.prepare(self.seed, self.tmp / "användare", n)
        self.results["user_batch"] = user.batch(paths, n, self.args.user_runs)

    def review_seed(self) -> None:
        say("[19] granska of the seed in-process, as bygg runs it")
        from remissgen import load, richtext
        from remissgen import review as review_case

        def fresh() -> float:
            loaded = load(self.seed)  # a case never reviewed: nothing of it is kept
            richtext._tokens.cache_clear()  # and no text of it parsed before
            start = time.perf_counter()
            review_case(loaded)
            return time.perf_counter() - start

        runs = self.args.runs
        for _ in range(5):
            fresh()
        import statistics

        self.results["review_seed"] = {
            "runs": runs, "fresh": statistics.median(fresh() for _ in range(runs))}

    def richtext_budget(self) -> None:
        say("[13] the CommonMark parser's cost in one document, against the parser it replaced")
        import richtext_budget

        self.results["richtext_budget"] = richtext_budget.measure(
            ROOT, self.seed, self.tmp / "gammal", self.args.runs)

    def growth(self) -> None:
        say("[19] growth by stage, 10 kB to 10 MB, and the memory of bygg")
        folder = self.tmp / "storlekar"
        folder.mkdir()
        self.results["growth"] = growth.measure(self.seed, folder, say)

    def editor(self) -> None:
        if not (BENCH / "editor.py").exists():
            return
        say("[19] the editor's latencies in the browser (bench/editor.py)")
        import statistics

        import editor

        folder = self.tmp / "redigera"
        folder.mkdir()
        case = folder / "fall.yaml"
        shutil.copyfile(self.seed, case)
        found = editor.in_browser(case, self.args.editor_runs)  # milliseconds
        server = statistics.median(found["server"]) / 1000
        self.results["editor"] = {
            "runs": self.args.editor_runs,
            "problems": {"median": statistics.median(found["problems"]) / 1000, "server": server},
            "preview": {"median": statistics.median(found["preview"]) / 1000, "server": server},
            "text_to_form": statistics.median(found["text_to_form"]) / 1000,
            "form_to_text": statistics.median(found["form_to_text"]) / 1000}

    def pdf_watch(self) -> None:
        import pdf as pdf_bench  # bench/pdf.py (issue 16)

        from remissgen import pdf

        if pdf.find() is None:  # no LibreOffice here: the figure is left out, and says so
            say("[16] no LibreOffice: the PDF figure is left out")
            return
        say("[16] the seed's PDF in watch mode against a cold call (bench/pdf.py)")
        self.results["pdf_watch"] = pdf_bench.measure()

    # -- profile --------------------------------------------------------------------------------

    def profile(self) -> None:
        say("[profile] cProfile of in-process builds of the seed")
        self.results["profile"] = profiling.profile(
            lambda: build_doc(self.seed, self.out("profil.docx")), self.args.profile_calls)


def _json_run(command: list[str]) -> dict[str, Any]:
    import json

    done = subprocess.run(command, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _same_outputs(a: Path, b: Path) -> tuple[int, int]:
    """Return (documents with identical bytes, documents compared) of two output folders."""
    names = sorted(p.name for p in a.glob("*.docx"))
    same = sum((a / n).read_bytes() == (b / n).read_bytes() for n in names if (b / n).exists())
    return same, len(names)


def main() -> int:
    """Run every measurement, print the table and write bench/RESULTS.md."""
    parser = argparse.ArgumentParser(description="remissgen benchmark (issue 5)")
    parser.add_argument("--runs", type=int, default=60, help="in-process runs (default 60)")
    parser.add_argument("--size-runs", type=int, default=30, help="runs per size (default 30)")
    parser.add_argument("--process-runs", type=int, default=30,
                        help="whole-process runs per command (default 30)")
    parser.add_argument("--batch", type=int, default=200,
                        help="case files in the pipeline-alone batch (default 200)")
    parser.add_argument("--batch-runs", type=int, default=3, help="runs of each batch mode")
    parser.add_argument("--profile-calls", type=int, default=50)
    parser.add_argument("--user-batch", type=int, default=200,
                        help="case files in the user-facing batch (default 200)")
    parser.add_argument("--user-runs", type=int, default=3,
                        help="alternating rounds of the user-facing batch (default 3)")
    parser.add_argument("--editor-runs", type=int, default=20,
                        help="keystrokes timed in the editor (default 20)")
    parser.add_argument("--no-growth", action="store_true",
                        help="leave out the growth to 10 MB (a few minutes)")
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: few runs, batch of 100; RESULTS.md is not written")
    parser.add_argument("--out", type=Path, default=BENCH / "RESULTS.md")
    parser.add_argument("--redigera", action="store_true",
                        help="also measure the web editor (bench/editor.py, bench/EDITOR.md)")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.size_runs, args.process_runs = 8, 4, 4
        args.batch, args.batch_runs, args.profile_calls = 100, 1, 5
        args.user_batch, args.user_runs, args.no_growth, args.editor_runs = 40, 1, True, 3
    # An installed package has its bytecode compiled by pip; a checkout run with
    # PYTHONDONTWRITEBYTECODE=1 would otherwise recompile remissgen in every process.
    compileall.compile_dir(str(BENCH.parent / "remissgen"), quiet=1)
    start = time.perf_counter()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="remissgen-bench-") as tmp:
        bench = Bench(args, Path(tmp))
        bench.user_batch()
        bench.review_seed()
        bench.richtext_budget()
        if not args.no_growth:
            bench.growth()
        bench.editor()
        bench.pdf_watch()
        bench.in_process()
        bench.sizes()
        bench.processes()
        bench.batch()
        bench.profile()
        bench.results["load"] = (load_before, os.getloadavg())
        bench.results["elapsed"] = time.perf_counter() - start
        bench.results["args"] = vars(args)
        text = report.markdown(bench.results)
    print(report.summary(bench.results))
    if args.redigera:
        import editor  # bench/editor.py: start-up and browser latencies of `remissgen redigera`

        editor.main(["--runs", "5"] if args.quick else [])
    if not args.quick:
        text = report.with_findings(text, args.out)
        if bench.results.get("pdf_watch"):
            import pdf as pdf_bench

            text += "\n" + pdf_bench.report(*bench.results["pdf_watch"]) + "\n"
        args.out.write_text(text, encoding="utf-8")
        say(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
