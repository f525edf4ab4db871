"""remissgen redigera: open a case file in the local web editor until Ctrl+C."""

from __future__ import annotations

import argparse
import contextlib
import sys
import threading
import time
import webbrowser
from pathlib import Path

from ..errors import UsageError
from ..messages import text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..redigera.run import Running


def run(args: argparse.Namespace) -> int:
    """Serve the case file (made from the `ny` starter if missing) until Ctrl+C; return 0."""
    from ..redigera import run as running_
    from ..redigera.session import Session

    if not args.fil:
        raise UsageError(f"remissgen redigera: fel: {text('redigera_ingen_fil')}\n"
                         f"    tips: {text('redigera_ingen_fil_tips')}")
    target = Path(args.fil)
    if target.is_dir():
        raise UsageError(f"remissgen redigera: fel: {text('redigera_mapp', path=args.fil)}\n"
                         f"    tips: {text('redigera_mapp_tips', path=args.fil.rstrip('/'))}")
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
    """Parse --port: a whole number 1–65535 (argparse turns the error into exit 2)."""
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise argparse.ArgumentTypeError(text("redigera_port_ogiltig", value=value))
    return int(value)
