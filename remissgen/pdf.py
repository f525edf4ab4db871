"""The .docx → tagged PDF through LibreOffice, the component a user would use themselves."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import ExternalFailure, Location, Problem
from .messages import hint, os_reason, text

# Tagged PDF/UA-1, the document title shown as the window title (LibreOffice 7.4+ JSON
# options); SelectPdfVersion 2 makes it PDF/A-2b as well (LibreOffice writes both at once).
_OPTIONS = ('"UseTaggedPDF":{"type":"boolean","value":"true"},'
            '"PDFUACompliance":{"type":"boolean","value":"true"},'
            '"DisplayPDFDocumentTitle":{"type":"boolean","value":"true"}')
EXPORTS = {
    "a2b-ua1": 'pdf:writer_pdf_Export:{' + _OPTIONS
               + ',"SelectPdfVersion":{"type":"long","value":"2"}}',
    "ua1": 'pdf:writer_pdf_Export:{' + _OPTIONS + '}',
}
EXPORT = EXPORTS["a2b-ua1"]
GUARANTEES = ((25, 2), "pdf_garanti_etiketter")
"""The LibreOffice version from which list items carry Lbl and LBody, and what it gives."""
TIMEOUT = 300


def candidates(platform: str | None = None) -> list[Path]:
    """Return where LibreOffice is usually installed on this system, besides PATH."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        roots = [os.environ.get(v, "") for v in ("PROGRAMFILES", "PROGRAMFILES(X86)")]
        roots += [r"C:\Program Files", r"C:\Program Files (x86)"]
        return [Path(r) / "LibreOffice" / "program" / "soffice.exe" for r in roots if r]
    if platform == "darwin":
        return [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]
    return [Path("/usr/bin/soffice"), Path("/usr/lib/libreoffice/program/soffice"),
            Path("/opt/libreoffice/program/soffice"), Path("/snap/bin/libreoffice")]


def find(platform: str | None = None) -> Path | None:
    """Return LibreOffice's soffice program, from PATH or its usual folders, or None."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    return next((c for c in candidates(platform) if c.is_file()), None)


def install_hint(platform: str | None = None) -> str:
    """Return how to install LibreOffice on this system, in Swedish."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        return text("libreoffice_installera_windows")
    if platform == "darwin":
        return text("libreoffice_installera_macos")
    return text("libreoffice_installera_linux")


def convert(documents: Iterable[Path], timeout: float = TIMEOUT,
            version: str = "a2b-ua1") -> list[Path]:
    """Convert each .docx to a .pdf beside it; one LibreOffice run per folder. Return the PDFs."""
    soffice = find()
    docs = list(documents)
    if soffice is None:
        raise _failure(docs[0], "libreoffice_saknas", how=install_hint())
    by_folder: dict[Path, list[Path]] = {}
    for doc in docs:
        by_folder.setdefault(doc.parent, []).append(doc)
    written: list[Path] = []
    for folder, group in by_folder.items():
        written += _convert_folder(soffice, folder, group, timeout, EXPORTS[version])
    return written


def _convert_folder(soffice: Path, folder: Path, docs: list[Path], timeout: float,
                    export: str = EXPORT) -> list[Path]:
    with tempfile.TemporaryDirectory(prefix=".remissgen-pdf-", dir=folder) as out, \
            tempfile.TemporaryDirectory(prefix="remissgen-lo-") as profile:
        command = [str(soffice), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                   "--norestore", "--convert-to", export, "--outdir", out, *map(str, docs)]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise _failure(docs[0], "libreoffice_tidsgräns", seconds=int(timeout)) from None
        except OSError as exc:
            raise _failure(docs[0], "libreoffice_fel", reason=os_reason(exc)) from None
        written = []
        for doc in docs:
            made = Path(out) / f"{doc.stem}.pdf"
            if not made.is_file():
                reason = f"slutstatus {done.returncode}"
                raise _failure(doc, "libreoffice_fel", reason=reason)
            target = doc.with_suffix(".pdf")
            os.replace(made, target)
            written.append(target)
        return written


def _failure(path: Path, key: str, **values: object) -> ExternalFailure:
    problem = Problem(Location(str(path)), text(key, path=path, **values), hint(key, **values))
    return ExternalFailure(problem.format())


def libreoffice_version(producer: str) -> tuple[int, int] | None:
    """Return LibreOffice's (major, minor) from a PDF's Producer, or None for another producer."""
    import re

    found = re.search(r"LibreOffice[ /](\d+)\.(\d+)", producer)
    return (int(found.group(1)), int(found.group(2))) if found else None
