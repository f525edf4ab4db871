"""remissgen redigera: open a case file in the local web editor until Ctrl+C."""

from __future__ import annotations

import argparse
import contextlib
import sys
import threading
import time
import webbrowser
from pathlib import Path

from ..errors import Location, Problem, UsageError
from ..messages import hint, text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..redigera.run import Running


def run(args: argparse.Namespace) -> int:
    """Serve the case file (made from the `ny` starter if missing) until Ctrl+C; return 0."""
    from ..redigera import run as running_
    from ..redigera.session import Session

    if not args.fil:
        raise _usage("redigera_ingen_fil", "ingen-fil")
    target = Path(args.fil)
    if target.is_dir():
        raise _usage("redigera_mapp", "fil-är-mapp", path=args.fil,
                     folder=args.fil.rstrip("/"))
    if target.suffix.lower() in DOCUMENTS:  # a document, not the case file it is built from
        raise _usage("redigera_inte_yaml", "inte-yaml", path=args.fil,
                     suggestion=str(target.with_suffix(".yaml")))
    sock = running_.bind(args.port)  # a port in use is refused before anything is written
    token = running_.new_token()
    url = running_.address(int(sock.getsockname()[1]), token)
    if not target.exists():
        _create(args)
    session = Session(target.resolve(), args.fil, Path(args.profil) if args.profil else None)
    with contextlib.suppress(KeyboardInterrupt):  # uvicorn re-raises Ctrl+C after it stops
        # printed before the server is built: the socket listens, so the browser may connect
        print(text("redigera_öppna", url=url), flush=True)
        running = running_.prepare(session, sock=sock, token=token)
        if not args.utan_webbläsare:
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
        threading.Thread(target=_warm, args=(running,), daemon=True).start()
        from .. import pdf, resident  # after the address line: it is not on the start's path

        with resident.kept(pdf.find()):  # "Visa som PDF" and Bygg convert through one kept
            running.serve()
    print(text("redigera_slut"), file=sys.stderr, flush=True)
    return 0


def _warm(running: Running) -> None:
    """Once the server answers, check the file in the background, so that the page's first
    check finds everything imported (and the first answer does not wait for the imports)."""
    while not running.server.started and not running.server.should_exit:
        time.sleep(0.01)
    running.session.check(running.session.read()[0])


def _create(args: argparse.Namespace) -> None:
    """Write the `ny` starter (and the schema beside it) where the case file is missing."""
    from . import ny

    with contextlib.redirect_stdout(sys.stderr):  # standard output has the one address line
        ny.run(argparse.Namespace(fil=args.fil, profil=args.profil, debug=False))
    print(text("redigera_ny", path=args.fil), file=sys.stderr, flush=True)


def port(value: str) -> int:
    """Parse --port: a whole number 1–65535, or raise UsageError (exit 2, code port-ogiltig;
    argparse lets it through as it is)."""
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise _usage("redigera_port_ogiltig", "port-ogiltig", value=value)
    return int(value)


DOCUMENTS = (".docx", ".docm", ".dotx", ".doc", ".pdf", ".odt")
"""Suffixes of documents: redigera opens the case file a document is built from."""


def _usage(key: str, code: str, **values: object) -> UsageError:
    """Return the usage error `key` of the catalogue (with its `_tips`), coded `code`."""
    return UsageError(Problem(Location("remissgen redigera", 0, 0), text(key, **values),
                              hint(key, **values), code=code))
