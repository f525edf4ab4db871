"""The rules every request passes before any route: host, origin, key, size; and safe headers.

A local server is still a server: any web page the user visits can make the browser send
requests to 127.0.0.1, and a DNS-rebinding page can even make them look same-origin. So:
the Host must be 127.0.0.1:PORT or localhost:PORT; a request other than GET or HEAD must
come from the page's own origin; every request carries the key (in `?nyckel=` once, then in
an HttpOnly, SameSite=Strict cookie); bodies are limited to 5 MB. Every refusal, a body too large
included, is a 403 with a Swedish text, and the server goes on.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from ..messages import text

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

BODY_LIMIT = 5 * 1024 * 1024
KEY_PARAMETER = "nyckel"
SAFE_METHODS = frozenset({"GET", "HEAD"})

CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' blob: data:; font-src 'self' blob: data:; connect-src 'self'; "
       "frame-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'")
"""Only the page's own script runs; docx-preview and CodeMirror add inline styles."""

PDF_CSP = "default-src 'none'; object-src 'self'; frame-ancestors 'self'"
"""The PDF's own policy: the browser's PDF viewer is a plugin, which `default-src 'none'` bars."""

HEADERS = [(b"content-security-policy", CSP.encode()),
           (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer"),
           (b"cache-control", b"no-store"),
           (b"cross-origin-resource-policy", b"same-origin")]


def cookie_name(port: int) -> str:
    """Return the key cookie's name; the port is in it because cookies ignore ports."""
    return f"remissgen-nyckel-{port}"


def cookie_header(port: int, token: str) -> str:
    """Return the Set-Cookie value that carries the key after the first page load."""
    return f"{cookie_name(port)}={token}; HttpOnly; SameSite=Strict; Path=/"


class Guard:
    """ASGI middleware: refuse what breaks a rule above, add the headers, then call `app`."""

    def __init__(self, app: ASGIApp, port: int, token: str) -> None:
        self.app = app
        self.port = port
        self.token = token
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
        self.origins = {f"http://{host}" for host in self.hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # lifespan; no websockets are served
            if scope["type"] == "lifespan":
                await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                own = message.get("headers", [])
                named = {name.lower() for name, _ in own}
                message["headers"] = [*own, *(h for h in HEADERS if h[0] not in named)]
            await send(message)

        refusal = self.refusal(scope)
        if refusal is not None:
            await _plain(send_with_headers, 403, refusal)
            return
        if scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send_with_headers)
            return
        body = await _read_body(scope, receive)
        if body is None:
            await _plain(send_with_headers, 403, text("redigera_för_stor", limit=BODY_LIMIT // 2**20))
            return
        await self.app(scope, _replay(body), send_with_headers)

    def refusal(self, scope: Scope) -> str | None:
        """Return why the request is refused (a Swedish text), or None to let it through."""
        headers = _headers(scope)
        host = headers.get("host", "")
        if host not in self.hosts:
            return text("redigera_fel_värd", host=host or "ingen")
        if scope["method"] not in SAFE_METHODS and headers.get("origin") not in self.origins:
            return text("redigera_fel_ursprung")
        if not self.has_key(scope, headers):
            return text("redigera_ingen_nyckel")
        return None

    def has_key(self, scope: Scope, headers: dict[str, str]) -> bool:
        """Return True when the request carries the key in the query or the cookie."""
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        given = query.get(KEY_PARAMETER, [])
        if given:
            return secrets.compare_digest(given[0].encode(), self.token.encode())
        cookies = SimpleCookie()
        try:
            cookies.load(headers.get("cookie", ""))
        except Exception:  # a malformed cookie header carries no key
            return False
        morsel = cookies.get(cookie_name(self.port))
        return morsel is not None and secrets.compare_digest(morsel.value.encode(),
                                                             self.token.encode())


def _headers(scope: Scope) -> dict[str, str]:
    """Return the request's headers by lower-case name (the last one wins)."""
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}


async def _read_body(scope: Scope, receive: Receive) -> bytes | None:
    """Return the whole request body, or None when it is larger than BODY_LIMIT."""
    length = _headers(scope).get("content-length")
    if length is not None and (not length.isdigit() or int(length) > BODY_LIMIT):
        return None
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > BODY_LIMIT:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    """Return a receive callable that gives the app the body already read, then waits."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive


async def _plain(send: Send, status: int, message: str) -> None:
    """Send a plain Swedish text response with `status`."""
    body = (message + "\n").encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
