"""Measure a PDF rebuild of the seed in watch mode against a cold LibreOffice call (issue 16).

Watch mode keeps one LibreOffice running (remissgen/resident.py); each rebuild is the .docx
build, the conversion through the running LibreOffice, the metadata step and the PDF check,
as `bygg --bevaka --pdf` does on every save. A cold rebuild is the same with one
`soffice --convert-to` per document, as without the bridge. Median of 10 each, interleaved,
after one warm-up of each. Run: python bench/pdf.py  (writes the section of bench/RESULTS.md)
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "sociala-foretag.yaml"
LIMIT_MS = 350.0
RUNS = 10
BEGIN, END = "<!-- pdf.py: start -->", "<!-- pdf.py: slut -->"


def rebuild(case: Path, docx: Path) -> float:
    """Return the seconds one rebuild takes: .docx, PDF, metadata and check, as in watch mode."""
    from remissgen import output, pdf, pdfcheck, pdfmeta, pipeline

    start = time.perf_counter()
    loaded = pipeline.load(case)
    output.save_docx(docx, pipeline.build(loaded, case), force=True)
    [made] = pdf.convert([docx], force=True)
    pdfmeta.finish(made, pipeline.pdf_metadata(loaded.case))
    assert pdfcheck.check(made) == [], "the benchmark's PDF fails the check"
    return time.perf_counter() - start


def measure() -> tuple[list[float], list[float]]:
    """Return (watch-mode seconds, cold seconds) of RUNS interleaved rebuilds each."""
    from remissgen import pdf, resident

    warm: list[float] = []
    cold: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        case = Path(shutil.copy(SEED, Path(tmp) / "seed.yaml"))
        docx = case.with_suffix(".docx")
        with resident.kept(pdf.find()) as running:
            assert running is not None
            rebuild(case, docx)  # warm-up: LibreOffice starts
            assert running.pid() is not None, "the bridge (python3-uno) did not start"
            for _ in range(RUNS):
                warm.append(rebuild(case, docx))
                resident._CURRENT.remove(running)  # the same rebuild, cold
                try:
                    cold.append(rebuild(case, docx))
                finally:
                    resident._CURRENT.append(running)
    return warm, cold


def _version() -> str:
    from remissgen import pdf

    found = pdf.find()
    done = subprocess.run([str(found), "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip() or "okänd"


def report(warm: list[float], cold: list[float]) -> str:
    """Return the Markdown section for bench/RESULTS.md."""
    w, c = statistics.median(warm) * 1000, statistics.median(cold) * 1000
    verdict = "**PASS**" if w <= LIMIT_MS else "**FAIL**"
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    return "\n".join([
        BEGIN, "## PDF in watch mode (issue 16)", "",
        f"Written by `python bench/pdf.py` on {time.strftime('%Y-%m-%d %H:%M')} UTC; "
        f"{platform.machine()}, {os.cpu_count()} cores, {_version()}, load "
        f"average {load} at the end (other engineers' tests ran meanwhile).", "",
        "One rebuild of the seed's PDF: the .docx, the conversion, the metadata step and the "
        "PDF check. Watch mode converts through the LibreOffice kept running "
        "(`remissgen/resident.py`); cold is one `soffice --convert-to` per rebuild. "
        f"Median of {RUNS} interleaved runs each, after a warm-up.", "",
        "| rebuild | median ms | min ms | max ms |", "|---|---|---|---|",
        f"| watch mode (LibreOffice kept running) | {w:.0f} | {min(warm) * 1000:.0f} | "
        f"{max(warm) * 1000:.0f} |",
        f"| cold call | {c:.0f} | {min(cold) * 1000:.0f} | {max(cold) * 1000:.0f} |", "",
        f"Target: watch mode ≤ {LIMIT_MS:.0f} ms: {w:.0f} ms, {verdict} "
        f"({c / w:.1f}× faster than cold).", END])


def main() -> None:
    """Measure, print the section and put it into bench/RESULTS.md (replacing an older one)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ingen-fil", action="store_true", help="skriv inte RESULTS.md")
    args = parser.parse_args()
    section = report(*measure())
    print(section)
    if not args.ingen_fil:
        results = ROOT / "bench" / "RESULTS.md"
        text = results.read_text(encoding="utf-8")
        if BEGIN in text:
            text = text[:text.index(BEGIN)] + section + text[text.index(END) + len(END):]
        else:
            text = text.rstrip("\n") + "\n\n" + section + "\n"
        results.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
