"""One LibreOffice kept running for watch mode and the editor: a conversion in a few
hundred milliseconds instead of a cold start of about a second.

LibreOffice's own Python bridge (python3-uno, run by /usr/bin/python3 on Debian) runs
lo_bridge.py as a separate process, which starts soffice on a loopback socket and converts
what remissgen asks it over a pipe. A crashed or hung LibreOffice is stopped and started
again, with a Swedish line; without the bridge, or when it fails twice, the caller converts
with one cold call, as without a resident.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .messages import text

BRIDGE = Path(__file__).with_name("lo_bridge.py")
PYTHONS = ("/usr/bin/python3",)
"""Where LibreOffice's Python with `uno` usually is; REMISSGEN_UNO_PYTHON names another."""
START_TIMEOUT = 120.0  # the first start makes a user profile, which takes seconds
TIMEOUT = 60.0  # one document; a LibreOffice silent for longer is taken as hung


def bridge_python() -> str | None:
    """Return the Python that can run the bridge (it has `uno`), or None."""
    named = os.environ.get("REMISSGEN_UNO_PYTHON")
    for candidate in ((named,) if named else PYTHONS):
        if candidate and (shutil.which(candidate) or Path(candidate).is_file()):
            return candidate
    return None


class Resident:
    """A LibreOffice kept running behind the bridge, started at the first conversion."""

    def __init__(self, soffice: Path, timeout: float = TIMEOUT) -> None:
        self.soffice = soffice
        self.timeout = timeout
        self.unavailable = False  # no bridge here: every conversion goes cold
        self._process: subprocess.Popen[str] | None = None
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._profile: str | None = None

    def convert(self, docx: Path, pdf: Path, version: str) -> bool:
        """Return True when the running LibreOffice wrote `pdf` from `docx`; False when it
        cannot (no bridge, or it failed again after a restart): then convert cold."""
        for attempt in range(2):
            if not self._ensure():
                return False
            answer = self._ask({"docx": str(docx.absolute()), "pdf": str(pdf.absolute()),
                                "version": version}, self.timeout)  # URLs need whole paths
            if answer is not None and answer.get("ok") and pdf.is_file():
                return True
            self.stop()
            key = "libreoffice_hängde" if answer is None else "libreoffice_kraschade"
            print(text(key, again=text("libreoffice_startas_om") if attempt == 0
                       else text("libreoffice_kall")), file=sys.stderr, flush=True)
        return False

    def _ensure(self) -> bool:
        """Return whether the bridge runs, starting it if it does not (once it could not,
        it is not tried again)."""
        if self._process is not None and self._process.poll() is None:
            return True
        if self.unavailable:
            return False
        python = bridge_python()
        if python is None:
            self.unavailable = True
            return False
        self._profile = tempfile.mkdtemp(prefix="remissgen-lo-")
        try:
            self._process = subprocess.Popen(
                [python, str(BRIDGE), str(self.soffice), Path(self._profile).as_uri(),
                 str(_free_port())], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
                start_new_session=os.name != "nt")
        except OSError:
            self.unavailable = True
            return False
        self._lines = queue.Queue()
        assert self._process.stdout is not None
        threading.Thread(target=_read, args=(self._process.stdout, self._lines),
                         daemon=True).start()
        ready = self._answer(START_TIMEOUT)
        if ready is None or not ready.get("ready"):
            self.stop()
            self.unavailable = True  # no uno in that Python, or LibreOffice does not start
            return False
        return True

    def _ask(self, request: dict[str, str], timeout: float) -> dict[str, Any] | None:
        """Return the bridge's answer to `request`, or None when it died or was silent."""
        assert self._process is not None and self._process.stdin is not None
        try:
            self._process.stdin.write(json.dumps(request) + "\n")
            self._process.stdin.flush()
        except OSError:
            return {"ok": False}
        return self._answer(timeout)

    def _answer(self, timeout: float) -> dict[str, Any] | None:
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            return None  # hung
        if line is None:
            return {"ok": False}  # the bridge ended: LibreOffice crashed
        try:
            answer: dict[str, Any] = json.loads(line)
        except ValueError:
            return {"ok": False}
        return answer

    def pid(self) -> int | None:
        """Return the bridge's process id while it runs (its LibreOffice is its child)."""
        return self._process.pid if self._process is not None else None

    def stop(self) -> None:
        """Stop the bridge and its LibreOffice, and remove their profile."""
        process, self._process = self._process, None
        if process is not None:
            with contextlib.suppress(OSError):
                if process.stdin is not None:
                    process.stdin.close()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                _kill(process)
            _kill(process)  # LibreOffice itself, left in the bridge's process group
        if self._profile is not None:
            shutil.rmtree(self._profile, ignore_errors=True)
            self._profile = None


def _kill(process: subprocess.Popen[str]) -> None:
    with contextlib.suppress(OSError):
        if os.name == "nt":
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(5)


def _read(stream: IO[str], lines: queue.Queue[str | None]) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


_CURRENT: list[Resident] = []


def current() -> Resident | None:
    """Return the LibreOffice kept running by an enclosing `kept()`, or None."""
    return _CURRENT[-1] if _CURRENT else None


@contextlib.contextmanager
def kept(soffice: Path | None) -> Iterator[Resident | None]:
    """Keep one LibreOffice running for the conversions inside the block (None: none)."""
    if soffice is None:
        yield None
        return
    resident = Resident(soffice)
    _CURRENT.append(resident)
    try:
        yield resident
    finally:
        _CURRENT.remove(resident)
        resident.stop()
