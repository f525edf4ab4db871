"""Helpers for the editor's tests: a served copy of the seed, raw HTTP, and a real Chromium."""

from __future__ import annotations

import http.client
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from remissgen.redigera.run import Running, prepare
from remissgen.redigera.session import Session

from .conftest import SEED_CASE

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
"""Chromium as root in a container; Playwright gives each launch a fresh user-data-dir."""


@dataclass
class Served:
    """A running editor on a copy of the seed in `folder`."""

    running: Running
    case: Path

    @property
    def port(self) -> int:
        return self.running.port

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def cookie(self) -> str:
        return f"remissgen-nyckel-{self.port}={self.running.token}"

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        """Send one raw request (Host and Origin as given) and return status, headers, body."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            for name, value in (headers or {}).items():
                conn.putheader(name, value)
            if body is not None:
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders()
            if body is not None:
                conn.send(body)
            response = conn.getresponse()
            return (response.status, {k.lower(): v for k, v in response.getheaders()},
                    response.read())
        finally:
            conn.close()

    def own(self, **extra: str) -> dict[str, str]:
        """Return the headers of a request from the page itself: Host, cookie, Origin."""
        return {"Host": f"127.0.0.1:{self.port}", "Cookie": self.cookie,
                "Origin": self.origin, **extra}


@contextmanager
def serve(folder: Path, case_text: str | None = None,
          example: Path | None = None) -> Iterator[Served]:
    """Serve a copy of the seed (or `case_text`) as folder/fall.yaml until the block ends.

    With `example` (a case file), its whole folder is copied and that case is served.
    """
    folder.mkdir(parents=True, exist_ok=True)
    case = folder / "fall.yaml"
    if example is not None:
        shutil.copytree(example.parent, folder, dirs_exist_ok=True)
        case = folder / example.name
    elif case_text is None:
        shutil.copy(SEED_CASE, case)
    else:
        case.write_text(case_text, encoding="utf-8")
    running = prepare(Session(case.resolve(), str(case)))
    thread = running.start_thread()
    try:
        yield Served(running, case)
    finally:
        running.stop(thread)
