"""The floor of a batch: read the template, write each document with its document.xml swapped.

Run as its own process: `python bench/floor_batch.py TEMPLATE XML_DIR OUT --jobs N`. A pool
of N worker processes, as `remissgen bygg` uses, each reading the project's own template
and writing one .docx per stored document.xml (deflated, like any .docx): the least work
any tool must do to write these files.

With `--importera yaml,jinja2,lxml.etree` it first imports those modules, as remissgen's
process must before its first document: the floor of a tool built on those libraries.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def write(template: str, xml: str, target: str) -> None:
    """Read the template .docx and write it to `target` with document.xml replaced."""
    with zipfile.ZipFile(template) as source:
        members = [(name, source.read(name)) for name in source.namelist()]
    body = Path(xml).read_bytes()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members:
            out.writestr(name, body if name == "word/document.xml" else data)


def _call(args: tuple[str, str, str]) -> None:
    write(*args)


def main() -> int:
    """Write one .docx per XML file of XML_DIR into OUT."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("template")
    parser.add_argument("xml", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--importera", default="", help="modules to import first, comma-separated")
    args = parser.parse_args()
    for name in filter(None, args.importera.split(",")):
        importlib.import_module(name)
    jobs = [(args.template, str(x), str(args.out / f"{x.stem}.docx"))
            for x in sorted(args.xml.glob("*.xml"))]
    chunk = max(1, min(32, len(jobs) // (args.jobs * 8)))
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        list(pool.map(_call, jobs, chunksize=chunk))
    return 0


if __name__ == "__main__":
    sys.exit(main())
