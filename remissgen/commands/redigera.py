"""remissgen redigera: open a case file in the local web editor until Ctrl+C."""

from __future__ import annotations

import argparse
import contextlib
import sys
import threading
import webbrowser
from pathlib import Path

from ..errors import UsageError
from ..messages import text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..redigera.session import Session


def run(args: argparse.Namespace) -> int:
    """Serve the case file (made from the `ny` starter if missing) until Ctrl+C; return 0."""
    from ..redigera.run import prepare
    from ..redigera.session import Session

    if not args.fil:
        raise UsageError(f"remissgen redigera: fel: {text('redigera_ingen_fil')}\n"
                         f"    tips: {text('redigera_ingen_fil_tips')}")
    target = Path(args.fil)
    if target.is_dir():
        raise UsageError(f"remissgen redigera: fel: {text('redigera_mapp', path=args.fil)}\n"
                         f"    tips: {text('redigera_mapp_tips', path=args.fil.rstrip('/'))}")
    running = prepare(Session(target.resolve(), args.fil,
                              Path(args.profil) if args.profil else None), args.port)
    if not target.exists():
        _create(args)
    with contextlib.suppress(KeyboardInterrupt):  # uvicorn re-raises Ctrl+C after it stops
        print(text("redigera_öppna", url=running.url), flush=True)
        if not args.utan_webbläsare:
            threading.Thread(target=webbrowser.open, args=(running.url,), daemon=True).start()
        threading.Thread(target=_warm, args=(running.session,), daemon=True).start()
        running.serve()
    print(text("redigera_slut"), file=sys.stderr, flush=True)
    return 0


def _warm(session: Session) -> None:
    """Check the file once in the background, so the page's first check finds all imported."""
    session.check(session.read()[0])


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
