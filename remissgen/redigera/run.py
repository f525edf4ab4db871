"""Binding the port and running the server: what `remissgen redigera` and the tests share."""

from __future__ import annotations

import errno
import secrets
import socket
import threading
from dataclasses import dataclass

from ..errors import Location, Problem, UsageError
from ..messages import os_reason, text

TYPE_CHECKING = False  # uvicorn and Starlette are imported after the address is printed
if TYPE_CHECKING:
    import uvicorn

    from .session import Session

HOST = "127.0.0.1"


def address(port: int, token: str) -> str:
    """Return the address to open, key included."""
    return f"http://{HOST}:{port}/?nyckel={token}"


def new_token() -> str:
    """Return a fresh key: 192 random bits, URL-safe."""
    return secrets.token_urlsafe(24)


@dataclass
class Running:
    """A bound editor: its uvicorn server, socket, port and key."""

    server: uvicorn.Server
    session: Session
    sock: socket.socket
    port: int
    token: str

    @property
    def url(self) -> str:
        """Return the address to open, key included."""
        return address(self.port, self.token)

    def serve(self) -> None:
        """Serve until the server is told to stop (Ctrl+C, or `should_exit`)."""
        self.server.run(sockets=[self.sock])

    def start_thread(self) -> threading.Thread:
        """Serve in a background thread (for tests and benchmarks); return once it accepts."""
        # uvicorn installs its signal handlers only in the main thread, so none here
        thread = threading.Thread(target=self.serve, daemon=True)
        thread.start()
        while not self.server.started and thread.is_alive():
            threading.Event().wait(0.01)
        return thread

    def stop(self, thread: threading.Thread | None = None) -> None:
        """Ask the server to stop, and wait for `thread` when given."""
        self.server.should_exit = True
        if thread is not None:
            thread.join(10)


def bind(port: int | None) -> socket.socket:
    """Return a listening socket on 127.0.0.1 (`port`, or a free one), or raise UsageError."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((HOST, port or 0))
        sock.listen(64)
    except OSError as exc:
        sock.close()
        where = Location("remissgen redigera", 0, 0)
        if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
            problem = Problem(where, text("redigera_port_upptagen", port=port),
                              text("redigera_port_upptagen_tips"), code="port-upptagen")
        else:
            problem = Problem(where, text("redigera_port_fel", port=port, reason=os_reason(exc)),
                              text("redigera_port_upptagen_tips"), code="port-fel")
        raise UsageError(problem) from None
    return sock


def prepare(session: Session, port: int | None = None, *, sock: socket.socket | None = None,
            token: str | None = None) -> Running:
    """Bind the port (unless `sock` is bound already) and build the server; do not serve yet."""
    import uvicorn

    from . import server

    sock = sock if sock is not None else bind(port)
    bound = int(sock.getsockname()[1])
    token = token or new_token()
    config = uvicorn.Config(server.app(session, bound, token), log_level="warning",
                            access_log=False, lifespan="off", server_header=False)
    return Running(uvicorn.Server(config), session, sock, bound, token)
