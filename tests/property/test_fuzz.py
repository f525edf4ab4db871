"""Fuzzing case files at the byte level and Word templates part by part (issue 12).

The case files of test_mutations are mutated as bytes (random bytes inserted, bytes flipped
or cut, lines swapped, indentation changed by any amount or a tab); the built-in template
is mutated as a zip (a part dropped, cut short or filled with garbage, XML broken, raw zip
bytes flipped). For every example `kontrollera`, `mall kontrollera` and `bygg` exit 0 or 1,
never 5, with located problems and nothing written from invalid input. A generous
per-example deadline catches a hang; it is no timing target.

Examples in CI: 100 byte mutations and 60 template mutations (see `settings` below).
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zipfile
from pathlib import Path

import docx
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from ..conftest import CASES, ROOT
from ..test_diagnostics import parse_problems
from .test_mutations import VALID, _cli, built_before, check

__all__ = ["built_before"]  # the fixture, used by the byte property below

HANG = dt.timedelta(seconds=60)
BYTE_EXAMPLES = 100
TEMPLATE_EXAMPLES = 60


@st.composite
def mutated_bytes(draw: st.DrawFn) -> bytes:
    data = VALID[draw(st.sampled_from(sorted(VALID)))].encode("utf-8")
    for _ in range(draw(st.integers(1, 4))):
        lines = data.split(b"\n")
        at = draw(st.integers(0, max(0, len(data) - 1)))
        line = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["insert", "flip", "cut", "swap", "indent", "dedent"]))
        if action == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=6)) + data[at:]
        elif action == "flip" and data:
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
        elif action == "cut":
            data = data[:at] + data[at + draw(st.integers(1, 40)):]
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[line], lines[other] = lines[other], lines[line]
            data = b"\n".join(lines)
        elif action == "indent":
            lines[line] = draw(st.sampled_from([b" ", b"\t", b"  \t", b" " * draw(
                st.integers(1, 9))])) + lines[line]
            data = b"\n".join(lines)
        else:
            lines[line] = lines[line].lstrip(b" ")
            data = b"\n".join(lines)
    return data


@settings(max_examples=BYTE_EXAMPLES, deadline=HANG,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(case=mutated_bytes())
def test_case_files_mutated_as_bytes_build_or_fail_located(case: bytes,
                                                          built_before: bytes) -> None:
    event(f"bygg: {check(case, built_before)}")


with zipfile.ZipFile(ROOT / "templates" / "stockholm.docx") as _zf:
    TEMPLATE = {name: _zf.read(name) for name in _zf.namelist()}
XML_BREAKERS = [b"<", b">", b"&", b"</w:p>", b"<w:p>", b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
                b"\x00", b"\xff\xfe", b"{{", b"{% for x in y %}", b"]]>"]


@st.composite
def mutated_templates(draw: st.DrawFn) -> bytes:
    members = dict(TEMPLATE)
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(sorted(members)))
        action = draw(st.sampled_from(["drop", "cut", "garbage", "break-xml"]))
        data = members[name]
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if action == "drop":
            del members[name]
            if not members:
                break
        elif action == "cut":
            members[name] = data[:at]
        elif action == "garbage":
            members[name] = draw(st.binary(max_size=40))
        else:
            members[name] = data[:at] + draw(st.sampled_from(XML_BREAKERS)) + data[at:]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    raw = out.getvalue()
    if draw(st.booleans()) and draw(st.booleans()):  # now and then, the zip itself
        at = draw(st.integers(0, len(raw) - 1))
        raw = raw[:at] + bytes([raw[at] ^ draw(st.integers(1, 255))]) + raw[at + 1:]
    return raw


@settings(max_examples=TEMPLATE_EXAMPLES, deadline=HANG,
          suppress_health_check=[HealthCheck.too_slow])
@given(template=mutated_templates())
def test_broken_templates_are_refused_located_or_build_a_document(template: bytes) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "mall.docx").write_bytes(template)
        case = folder / "fall.yaml"
        case.write_text((CASES / "minimal.yaml").read_text(encoding="utf-8")
                        + "mall: mall.docx\n", encoding="utf-8")
        checked, _, check_err = _cli("mall", "kontrollera", folder / "mall.docx")
        assert checked in (0, 1), check_err
        assert "Traceback" not in check_err
        out = folder / "fall.docx"
        code, stdout, err = _cli("bygg", case, "-o", out)
        assert code in (0, 1), err
        assert "Traceback" not in err
        event(f"mall kontrollera {checked}, bygg {code}")
        if checked == 1:
            assert code == 1, err  # what mall kontrollera refuses, bygg refuses too
        if code == 1:
            assert not out.exists() and stdout == ""
            assert parse_problems(err), err
            return
        with zipfile.ZipFile(out) as built:
            assert built.testzip() is None
        docx.Document(str(out))  # the document opens as a .docx
