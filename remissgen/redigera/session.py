"""The one case file the editor serves: reading, checking, saving and building it.

Every path here is fixed when the session starts (the case file, the .docx beside it); no
request can name another. Saving compares the hash of the file on disk with the hash the
page loaded, so that a change made behind the page is never overwritten silently.
"""

from __future__ import annotations

import base64
import hashlib
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import build, load_text, output, pdf, review
from ..errors import InvalidInput, Location, Problem, RefusedWrite, RemissgenError
from ..messages import hint, text


def digest(data: bytes | None) -> str:
    """Return the hash the page carries for file contents (empty for a missing file)."""
    return "" if data is None else hashlib.sha256(data).hexdigest()


class Changed(RemissgenError):
    """The file on disk is not the one the page loaded: nothing was written."""

    exit_code = 3

    def __init__(self, message: str, disk_hash: str) -> None:
        super().__init__(message)
        self.disk_hash = disk_hash


_CONVERTING = threading.Lock()
"""The page's PDF requests run in worker threads; the LibreOffice kept running for the editor
(`resident.kept` in `remissgen redigera`) takes one conversion at a time."""


@dataclass
class Session:
    """The case file at `path` (shown to the user as `shown`), its profile, its last PDF."""

    path: Path
    shown: str
    profile: Path | None = None
    last_pdf: bytes | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def docx_path(self) -> Path:
        """Return the .docx `bygg` writes for the case file (beside it)."""
        return self.path.with_suffix(".docx")

    def _disk(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None

    def disk_hash(self) -> str:
        """Return the hash of the case file as it is on disk now."""
        return digest(self._disk())

    def read(self) -> tuple[str, str]:
        """Return the case file's text and its hash."""
        data = self._disk() or b""
        return data.decode("utf-8-sig", errors="replace"), digest(data)

    def check(self, source_text: str) -> dict[str, Any]:
        """Return the problems, the warnings, (when valid) the .docx of `source_text`, and
        the form's values (`formular`, see form.describe): one answer for the whole page."""
        from .. import form

        loaded = None
        try:
            loaded = load_text(source_text, Path(self.shown), profile=self.profile)
            docx = build(loaded)
        except InvalidInput as exc:
            return {"problems": [p.as_dict() for p in exc.problems], "warnings": [],
                    "docx": None, "formular": form.describe(loaded, source_text)}
        except RemissgenError as exc:  # e.g. a template that cannot be read
            return {"problems": [_plain(self.shown, str(exc))], "warnings": [], "docx": None,
                    "formular": form.describe(loaded, source_text)}
        warnings = [w.as_dict() for w in review(loaded)]
        logo = loaded.case.logotyp
        return {"problems": [], "warnings": warnings,
                "docx": base64.b64encode(docx).decode("ascii"),
                "logo_alt": logo.alt if logo is not None else None,
                "formular": form.describe(loaded, source_text)}

    def save(self, source_text: str, base_hash: str) -> str:
        """Write `source_text` atomically unless the file changed on disk; return its new hash."""
        with self._lock:
            return self._save(source_text, base_hash)

    def _save(self, source_text: str, base_hash: str) -> str:
        now = self.disk_hash()
        if now != base_hash:
            problem = Problem(Location(self.shown), text("redigera_ändrad_på_disk", path=self.shown),
                              hint("redigera_ändrad_på_disk"))
            raise Changed(problem.format(), now)
        data = source_text.encode("utf-8")
        output.write_atomic(self.path, data)
        return digest(data)

    def build_files(self, source_text: str, base_hash: str, want_pdf: bool,
                    final: bool = False) -> dict[str, Any]:
        """Save, then build the .docx (and PDF) as `bygg` does (`bygg --slutlig` when
        `final`); return what was written.

        The answer carries the new hash, the written file names, and `fel`: the refusal or
        problems exactly as `bygg` prints them, or None.
        """
        with self._lock:
            new_hash = self._save(source_text, base_hash)
            written: list[str] = []
            try:
                loaded = load_text(source_text, Path(self.shown), profile=self.profile)
                if final:
                    from .. import granska, pipeline

                    granska.require_final(loaded.source, loaded.case)
                    data = pipeline.build(loaded, status="slutlig")
                else:
                    data = build(loaded)
                output.save_docx(self.docx_path, data)
                written.append(self.docx_path.name)
                if want_pdf:
                    with _CONVERTING:
                        written += [p.name for p in pdf.convert([self.docx_path])]
            except InvalidInput as exc:
                return {"hash": new_hash, "written": written,
                        "fel": "\n".join(p.format() for p in exc.problems)}
            except (RefusedWrite, RemissgenError) as exc:
                return {"hash": new_hash, "written": written, "fel": str(exc)}
            return {"hash": new_hash, "written": written, "fel": None}

    def make_pdf(self, source_text: str) -> str | None:
        """Convert the document of `source_text` to PDF in a temporary folder; keep it.

        Return None when done, else the refusal or problems as the command line prints them.
        """
        try:
            loaded = load_text(source_text, Path(self.shown), profile=self.profile)
            data = build(loaded)
        except InvalidInput as exc:
            return "\n".join(p.format() for p in exc.problems)
        except RemissgenError as exc:
            return str(exc)
        with tempfile.TemporaryDirectory(prefix="remissgen-redigera-") as folder:
            docx = Path(folder) / self.docx_path.name
            docx.write_bytes(data)
            try:
                with _CONVERTING:  # one conversion at a time through the LibreOffice kept
                    made = pdf.convert([docx])
            except RemissgenError as exc:
                return str(exc).replace(str(docx), self.docx_path.name)
            self.last_pdf = made[0].read_bytes()
        return None


def _plain(path: str, message: str) -> dict[str, Any]:
    """Return an error message that is not one located problem as the page's problem form."""
    first, _, rest = message.partition("\n")
    tips = rest.strip().removeprefix("tips:").strip() or None
    return {"path": path, "line": 1, "column": 1, "severity": "fel", "message": first,
            "hint": tips}
