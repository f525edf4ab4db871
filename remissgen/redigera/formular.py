"""The "Uppgifter" panel's routes: the form's fields, what the text holds, and form edits.

The page reads what the text holds from each check's answer (Session.check), so one
request per edit serves problems, document and form; /api/formular gives it alone.

A form edit never writes the file: it returns the new text, which the page puts into the
editor as any typing would (and saves with Spara as any text). Edits go through
remissgen.textedit, so only the lines of the edited value change.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import doctype, form, load_text, textedit
from ..errors import InvalidInput, RemissgenError
from ..fields import Field
from ..messages import text
from .session import Session

OPERATIONS = ("sätt", "infoga", "ta_bort", "flytta")
"""What a form edit can do: set a value, insert a list item, remove a key or item, move one."""


def order(path: tuple[str, ...]) -> Sequence[str]:
    """Return the keys of the group at `path` in the field table's order (list items too)."""
    field: Field | None = doctype.get().fields
    for key in path:
        field = field.child(key) if field is not None else None
    return [c.key for c in field.children] if field is not None else []


def describe(session: Session, source_text: str) -> dict[str, Any]:
    """Return the form's values for `source_text`, or {"giltig": False} when it has problems.

    The page gets these in each check's answer (Session.check); this route gives them alone.
    """
    try:
        loaded = load_text(source_text, Path(session.shown), profile=session.profile)
    except (InvalidInput, RemissgenError):
        loaded = None
    return form.describe(loaded, source_text)


def edit(source_text: str, body: dict[str, Any]) -> str:
    """Return `source_text` with the edit `body` describes; raise ValueError if it cannot be."""
    op, path = body.get("op"), body.get("path")
    if op not in OPERATIONS or not isinstance(path, list) or \
            not all(isinstance(p, str | int) and not isinstance(p, bool) for p in path):
        raise ValueError(text("redigera_fel_begäran", reason="okänd ändring"))
    where = tuple(path)
    value = body.get("value", "")
    try:
        if op == "sätt":
            return textedit.set_value(source_text, where, _value(value), order=_order)
        if op == "infoga":
            return textedit.insert_item(source_text, where, _int(body.get("index")),
                                        _value(value), order=_order)
        if op == "ta_bort":
            return textedit.remove(source_text, where)
        return textedit.move_item(source_text, where, _int(body.get("index")),
                                  _int(body.get("to")))
    except textedit.EditError:
        raise ValueError(text("formulär_kan_inte_ändra")) from None


def _order(path: tuple[str, ...]) -> Sequence[str]:
    return order(path)


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(text("redigera_fel_begäran", reason="index saknas"))
    return value


def _value(value: Any) -> textedit.Value:
    """Return the request's value as plain data (texts, lists, groups), or raise ValueError."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return [_value(v) for v in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {k: _value(v) for k, v in value.items()}
    raise ValueError(text("redigera_fel_begäran", reason="värdet är inte text"))


def routes(session: Session, read: Any) -> list[Route]:
    """Return the panel's routes; `read(request)` returns the request's JSON object body."""

    def fields(request: Request) -> Response:
        return JSONResponse(form.fields())

    async def values(request: Request) -> Response:
        try:
            source_text = (await read(request)).get("text")
            if not isinstance(source_text, str):
                raise ValueError(text("redigera_fel_begäran", reason="fältet text saknas"))
        except ValueError as exc:
            return JSONResponse({"fel": str(exc)}, status_code=400)
        return JSONResponse(await run_in_threadpool(describe, session, source_text))

    async def change(request: Request) -> Response:
        try:
            body = await read(request)
            source_text = body.get("text")
            if not isinstance(source_text, str):
                raise ValueError(text("redigera_fel_begäran", reason="fältet text saknas"))
            return JSONResponse({"text": edit(source_text, body)})
        except ValueError as exc:
            return JSONResponse({"fel": str(exc)}, status_code=400)

    return [Route("/api/formular/falt", fields, methods=["GET"]),
            Route("/api/formular", values, methods=["POST"]),
            Route("/api/formular/andra", change, methods=["POST"])]
