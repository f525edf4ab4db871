"""The editor's routes: the page, its bundle, and the JSON calls on the one case file.

No route takes a path: the page asks for "the file", "the check of this text", "save this
text", never for a name. `app(session, port, token)` wraps the routes in security.Guard.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from .. import pdf, schema
from ..errors import RemissgenError
from ..messages import text
from . import formular, security
from .session import Changed, Session

STATIC = Path(__file__).resolve().parent / "static"
_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
          ".html": "text/html; charset=utf-8"}
ASSETS = ("redigera.js", "redigera.css")
"""The page's own files, each served at /NAME; nothing else of the package is reachable."""


def _asset(name: str) -> Response:
    path = STATIC / name
    return Response(path.read_bytes(), media_type=_TYPES[path.suffix])


async def _json(request: Request) -> dict[str, Any]:
    """Return the request's JSON object body, or raise ValueError with a Swedish reason."""
    try:
        value = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValueError(text("redigera_fel_begäran", reason=type(exc).__name__)) from None
    if not isinstance(value, dict):
        raise ValueError(text("redigera_fel_begäran", reason="inget JSON-objekt"))
    return value


def _field(body: dict[str, Any], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str):
        raise ValueError(text("redigera_fel_begäran", reason=f"fältet {name} saknas"))
    return value


def app(session: Session, port: int, token: str) -> security.Guard:
    """Return the editor's ASGI application for `session`, guarded by the security rules."""

    def page(request: Request) -> Response:
        if security.KEY_PARAMETER in request.query_params:  # the key moves to the cookie
            response: Response = RedirectResponse("/", status_code=303)
        else:
            response = _asset("index.html")
        response.headers["set-cookie"] = security.cookie_header(port, token)
        return response

    def file(request: Request) -> Response:
        source_text, digest = session.read()
        return JSONResponse({"name": session.shown, "docx": session.docx_path.name,
                             "text": source_text, "hash": digest,
                             "libreoffice": pdf.find() is not None,
                             "libreoffice_tips": text("libreoffice_saknas_tips",
                                                      how=pdf.install_hint())})

    def schema_(request: Request) -> Response:
        return JSONResponse(schema.build())

    def disk(request: Request) -> Response:
        return JSONResponse({"hash": session.disk_hash()})

    async def check(request: Request) -> Response:
        try:
            body = await _json(request)
            source_text = _field(body, "text")
        except ValueError as exc:
            return PlainTextResponse(str(exc), status_code=400)
        from starlette.concurrency import run_in_threadpool

        start = time.perf_counter()
        result = await run_in_threadpool(session.check, source_text)
        spent = (time.perf_counter() - start) * 1000  # the server's share, for bench/editor.py
        return JSONResponse(result, headers={"server-timing": f"kontroll;dur={spent:.1f}"})

    async def save(request: Request) -> Response:
        try:
            body = await _json(request)
            source_text, base = _field(body, "text"), _field(body, "hash")
        except ValueError as exc:
            return PlainTextResponse(str(exc), status_code=400)
        try:
            return JSONResponse({"hash": session.save(source_text, base), "fel": None})
        except Changed as exc:
            return JSONResponse({"changed": True, "disk_hash": exc.disk_hash, "fel": str(exc)},
                                status_code=409)
        except RemissgenError as exc:  # a write refused: the Swedish sentence bygg prints
            return JSONResponse({"fel": str(exc)}, status_code=500)
        except Exception as exc:  # a bug: named, in Swedish, never its English text
            return JSONResponse({"fel": text("internt_fel", what=type(exc).__name__)},
                                status_code=500)

    async def build(request: Request) -> Response:
        try:
            body = await _json(request)
            source_text, base = _field(body, "text"), _field(body, "hash")
        except ValueError as exc:
            return PlainTextResponse(str(exc), status_code=400)
        from starlette.concurrency import run_in_threadpool

        try:
            done = await run_in_threadpool(session.build_files, source_text, base,
                                           body.get("pdf") is True, body.get("slutlig") is True)
        except Changed as exc:
            return JSONResponse({"changed": True, "disk_hash": exc.disk_hash, "fel": str(exc)},
                                status_code=409)
        except RemissgenError as exc:  # the case file itself could not be written
            return JSONResponse({"fel": str(exc)}, status_code=500)
        except Exception as exc:  # a bug: named, in Swedish, never its English text
            return JSONResponse({"fel": text("internt_fel", what=type(exc).__name__)},
                                status_code=500)
        return JSONResponse(done)

    async def make_pdf(request: Request) -> Response:
        try:
            source_text = _field(await _json(request), "text")
        except ValueError as exc:
            return PlainTextResponse(str(exc), status_code=400)
        from starlette.concurrency import run_in_threadpool

        return JSONResponse({"fel": await run_in_threadpool(session.make_pdf, source_text)})

    def last_pdf(request: Request) -> Response:
        if session.last_pdf is None:
            return PlainTextResponse(text("redigera_ingen_pdf"), status_code=404)
        return Response(session.last_pdf, media_type="application/pdf",
                        headers={"content-disposition": "inline",
                                 "content-security-policy": security.PDF_CSP})

    def not_found(request: Request, exc: Exception) -> Response:
        return PlainTextResponse(text("redigera_okänd_sida"), status_code=404)

    routes = [Route("/", page, methods=["GET", "HEAD"]),
              *(Route(f"/{name}", lambda request, n=name: _asset(n), methods=["GET", "HEAD"])
                for name in ASSETS),
              Route("/api/fil", file, methods=["GET"]),
              Route("/api/schema", schema_, methods=["GET"]),
              Route("/api/disk", disk, methods=["GET"]),
              Route("/api/kontrollera", check, methods=["POST"]),
              Route("/api/spara", save, methods=["POST"]),
              Route("/api/bygg", build, methods=["POST"]),
              Route("/api/pdf", make_pdf, methods=["POST"]),
              Route("/dokument.pdf", last_pdf, methods=["GET"]),
              *formular.routes(session, _json)]
    inner = Starlette(routes=routes, exception_handlers={404: not_found, 405: not_found})
    return security.Guard(inner, port, token)
