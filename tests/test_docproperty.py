"""The header's DOCPROPERTY field follows its custom property when LibreOffice updates fields.

python-docx has no API for custom properties, so the test edits docProps/custom.xml itself;
LibreOffice's own Python bridge (python3-uno, run by /usr/bin/python3) opens the document,
updates its fields and writes a PDF. Skipped without the bridge, except under CI.
"""

from __future__ import annotations

import os
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest

from remissgen import pdf

from .conftest import SEED_CASE, Result, build

BRIDGE = "/usr/bin/python3"
UPDATE = r'''
import subprocess, sys, time, uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p

soffice, profile, port, source, target = sys.argv[1:]
office = subprocess.Popen([soffice, "-env:UserInstallation=" + profile, "--headless",
                           "--invisible", "--norestore", "--nologo",
                           "--accept=socket,host=127.0.0.1,port=%s;urp;" % port])
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(600):
        try:
            ctx = resolver.resolve(
                "uno:socket,host=127.0.0.1,port=%s;urp;StarOffice.ComponentContext" % port)
            break
        except Exception:
            time.sleep(0.1)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0,
                                       (prop("Hidden", True),))
    fields = doc.getTextFields().createEnumeration()
    while fields.hasMoreElements():
        field = fields.nextElement()
        if field.getPropertySetInfo().hasPropertyByName("IsFixed"):
            field.IsFixed = False
    doc.getTextFields().refresh()
    doc.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", "writer_pdf_Export"),))
    doc.close(True)
finally:
    office.terminate()
    office.wait(30)
'''


def _bridge() -> bool:
    try:
        return subprocess.run([BRIDGE, "-c", "import uno"], capture_output=True,
                              timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


if pdf.find() is None or not _bridge():
    if os.environ.get("CI") == "true":
        raise RuntimeError("LibreOffice eller python3-uno saknas i CI; .ci/run ska installera dem")
    pytest.skip("LibreOffice med python3-uno är inte installerat", allow_module_level=True)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_an_edited_property_shows_in_the_header_after_a_field_update(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    document = tmp_path / "fall.docx"
    build(run, SEED_CASE, document)
    with zipfile.ZipFile(document) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    header = members["word/header1.xml"].decode("utf-8")
    assert 'DOCPROPERTY "Diarienummer"' in header
    result = header.split('DOCPROPERTY "Diarienummer"')[1].split("<w:t")[1]
    assert result.split(">")[1].startswith("SÖD 2021/1234")  # the field's result is the value
    custom = members["docProps/custom.xml"].decode("utf-8")
    assert 'name="Diarienummer"><vt:lpwstr>SÖD 2021/1234<' in custom
    members["docProps/custom.xml"] = custom.replace("SÖD 2021/1234", "SÖD 2099/42").encode()
    edited = tmp_path / "ändrad.docx"
    with zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    target = tmp_path / "ändrad.pdf"
    script = tmp_path / "uppdatera.py"
    script.write_text(UPDATE, encoding="utf-8")
    done = subprocess.run([BRIDGE, str(script), str(pdf.find()), (tmp_path / "lo").as_uri(),
                           str(_free_port()), str(edited), str(target)],
                          capture_output=True, timeout=300, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    first_page = pypdf.PdfReader(str(target)).pages[0].extract_text()
    assert "Dnr SÖD 2099/42" in first_page and "2021/1234" not in first_page
