"""The .docx → tagged PDF through LibreOffice, the component a user would use themselves."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import ExternalFailure, Location, problem
from .messages import os_reason, text

# PDF/UA, tagged, the document title shown as the window title (LibreOffice 7.4+ JSON options)
EXPORT = ('pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
          '"PDFUACompliance":{"type":"boolean","value":"true"},'
          '"DisplayPDFDocumentTitle":{"type":"boolean","value":"true"}}')
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


def convert(documents: Iterable[Path], timeout: float = TIMEOUT) -> list[Path]:
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
        written += _convert_folder(soffice, folder, group, timeout)
    return written


def _convert_folder(soffice: Path, folder: Path, docs: list[Path], timeout: float) -> list[Path]:
    with tempfile.TemporaryDirectory(prefix=".remissgen-pdf-", dir=folder) as out, \
            tempfile.TemporaryDirectory(prefix="remissgen-lo-") as profile:
        command = [str(soffice), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                   "--norestore", "--convert-to", EXPORT, "--outdir", out, *map(str, docs)]
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


def _failure(path: Path, key: str, **values: Any) -> ExternalFailure:
    return ExternalFailure(problem(Location(str(path)), key, path=path, **values))
