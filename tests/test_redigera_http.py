"""remissgen redigera's security rules over real HTTP: each refusal, and that nothing else leaks.

Every request needs the key; the Host must be the server's own (DNS rebinding); a request
other than GET/HEAD must come from the page's origin; bodies are limited to 5 MB; no request
can make the server read or write a path other than the case file and the .docx beside it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from remissgen.redigera.security import BODY_LIMIT

from .editor_support import Served, serve


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    with serve(tmp_path) as s:
        yield s


def _json(body: bytes) -> dict[str, object]:
    value = json.loads(body)
    assert isinstance(value, dict)
    return value


def test_the_key_in_the_address_becomes_an_httponly_strict_cookie(served: Served) -> None:
    status, headers, _ = served.request("GET", f"/?nyckel={served.running.token}",
                                        headers={"Host": f"127.0.0.1:{served.port}"})
    assert status == 303 and headers["location"] == "/"
    cookie = headers["set-cookie"]
    assert cookie.startswith(f"remissgen-nyckel-{served.port}={served.running.token};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    status, headers, body = served.request("GET", "/", headers=served.own())
    assert status == 200 and b'lang="sv"' in body


def test_the_key_is_long_and_random(tmp_path: Path) -> None:
    with serve(tmp_path) as first, serve(tmp_path / "b") as second:
        assert len(first.running.token) >= 22  # 128 bits in URL-safe base64
        assert first.running.token != second.running.token


@pytest.mark.parametrize("path", ["/", "/api/fil", "/redigera.js", "/api/disk"])
def test_no_key_is_refused_in_swedish(served: Served, path: str) -> None:
    status, _, body = served.request("GET", path, headers={"Host": f"127.0.0.1:{served.port}"})
    assert status == 403
    assert "nyckeln saknas eller är fel" in body.decode("utf-8")


def test_a_wrong_key_is_refused(served: Served) -> None:
    status, _, _ = served.request("GET", "/api/fil?nyckel=fel",
                                  headers={"Host": f"127.0.0.1:{served.port}"})
    assert status == 403
    status, _, _ = served.request("GET", "/api/fil", headers={
        "Host": f"127.0.0.1:{served.port}", "Cookie": f"remissgen-nyckel-{served.port}=fel"})
    assert status == 403


@pytest.mark.parametrize("host", ["evil.example:{port}", "127.0.0.1:1", "127.0.0.1", "",
                                  "localhost.evil.example:{port}"])
def test_a_foreign_host_is_refused_even_with_the_key(served: Served, host: str) -> None:
    status, _, body = served.request("GET", "/api/fil", headers={
        "Host": host.format(port=served.port), "Cookie": served.cookie})
    assert status == 403
    assert "fel värd" in body.decode("utf-8")


def test_localhost_is_the_same_server(served: Served) -> None:
    status, _, _ = served.request("GET", "/api/fil", headers={
        "Host": f"localhost:{served.port}", "Cookie": served.cookie})
    assert status == 200


@pytest.mark.parametrize("origin", [None, "http://evil.example", "null",
                                    "http://127.0.0.1:1", "https://127.0.0.1:{port}"])
def test_a_post_from_another_origin_is_refused_before_routing(served: Served,
                                                              origin: str | None) -> None:
    before = served.case.read_bytes()
    headers = served.own()
    del headers["Origin"]
    if origin is not None:
        headers["Origin"] = origin.format(port=served.port)
    for path in ("/api/spara", "/api/bygg", "/finns-inte"):
        status, _, body = served.request("POST", path, json.dumps(
            {"text": "förstört", "hash": ""}).encode(), headers)
        assert status == 403, path
        assert "kom inte från redigeras egen sida" in body.decode("utf-8")
    assert served.case.read_bytes() == before
    assert not served.case.with_suffix(".docx").exists()


def test_a_body_over_5_mb_is_refused_and_the_server_goes_on(served: Served) -> None:
    big = b'{"text": "' + b"a" * BODY_LIMIT + b'"}'
    status, _, body = served.request("POST", "/api/kontrollera", big, served.own())
    assert status == 403
    assert "större än 5 MB" in body.decode("utf-8")
    status, _, _ = served.request("GET", "/api/fil", headers=served.own())
    assert status == 200


def test_a_chunked_body_over_5_mb_is_refused_too(served: Served) -> None:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
    conn.putrequest("POST", "/api/kontrollera", skip_host=True)
    for name, value in served.own().items():
        conn.putheader(name, value)
    conn.putheader("Transfer-Encoding", "chunked")
    conn.endheaders()
    chunk = b"a" * 1024 * 1024
    try:
        for _ in range(6):
            conn.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        conn.send(b"0\r\n\r\n")
    except OSError:
        pass  # the server may close once it has refused
    assert conn.getresponse().status == 403
    conn.close()


def test_every_answer_has_the_content_security_policy(served: Served) -> None:
    for path, headers in (("/", served.own()), ("/api/fil", served.own()),
                          ("/api/fil", {"Host": "evil.example"})):
        _, got, _ = served.request("GET", path, headers=headers)
        csp = got["content-security-policy"]
        assert "script-src 'self';" in csp and "default-src 'none'" in csp
        assert "unsafe-eval" not in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]


def test_the_page_has_no_inline_script(served: Served) -> None:
    _, _, body = served.request("GET", "/", headers=served.own())
    page = body.decode("utf-8")
    assert '<script src="/redigera.js"' in page
    assert page.count("<script") == 1


@pytest.mark.parametrize("path", ["/api/fil?fil=/etc/passwd", "/../../etc/passwd",
                                  "/static/../session.py", "/redigera.js/../../server.py",
                                  "/index.html", "/api/fil/..%2F..%2Fetc%2Fpasswd",
                                  "/%2e%2e/%2e%2e/etc/passwd", "/dokument.pdf?fil=/etc/passwd"])
def test_no_request_reads_another_path(served: Served, path: str) -> None:
    status, _, body = served.request("GET", path, headers=served.own())
    assert b"root:" not in body and b"def app(" not in body
    if status == 200:  # only the case file itself answers, whatever else is asked
        assert _json(body)["name"] == str(served.case)


def test_no_request_writes_another_path(served: Served, tmp_path: Path) -> None:
    _, _, body = served.request("GET", "/api/fil", headers=served.own())
    digest = _json(body)["hash"]
    other = tmp_path / "annan.yaml"
    payload = {"text": "nämnd: x\n", "hash": digest, "path": str(other), "fil": str(other),
               "name": str(other), "pdf": False}
    status, _, _ = served.request("POST", f"/api/spara?fil={other}", json.dumps(payload).encode(),
                                  served.own())
    assert status == 200
    assert not other.exists()
    assert served.case.read_text(encoding="utf-8") == "nämnd: x\n"
    before = sorted(p.name for p in tmp_path.iterdir())
    assert before == ["fall.yaml"]


def test_a_refusal_does_not_stop_the_server(served: Served) -> None:
    for _ in range(3):
        served.request("POST", "/api/spara", b"{}", {"Host": "evil.example"})
    status, _, _ = served.request("GET", "/api/disk", headers=served.own())
    assert status == 200
