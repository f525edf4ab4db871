"""LibreOffice kept running: the bridge script run by LibreOffice's own Python (python3-uno).

Not imported by remissgen: `pdf.Resident` runs this file with the Python that has `uno`
(/usr/bin/python3 on Debian), which starts soffice listening on a loopback socket, connects
to it, and then converts one document per line read from standard input:

    {"docx": "/path/a.docx", "pdf": "/path/a.pdf", "version": "a2b-ua1"}

answering one line each, {"ok": true} or {"ok": false, "error": "..."}. Before converting
it lets every DOCPROPERTY field follow its property (fields updated). The first line it
writes is {"ready": true} once LibreOffice answers. Only the standard library and uno here.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from typing import Any


def _prop(name: str, value: Any) -> Any:
    from com.sun.star.beans import PropertyValue

    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def _connect(port: int, office: Any, seconds: float = 120) -> Any:
    import uno

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    url = f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
    end = time.monotonic() + seconds
    while True:
        try:
            ctx = resolver.resolve(url)
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:
            if time.monotonic() > end or office.poll() is not None:  # gave up, or no soffice
                raise
            time.sleep(0.05)


def _filter_data(version: str) -> Any:
    import uno

    options = [_prop("UseTaggedPDF", True), _prop("PDFUACompliance", True),
               _prop("DisplayPDFDocumentTitle", True)]
    if version == "a2b-ua1":
        options.append(_prop("SelectPdfVersion", 2))
    return uno.Any("[]com.sun.star.beans.PropertyValue", tuple(options))


def convert(desktop: Any, docx: str, pdf: str, version: str) -> None:
    """Convert one .docx to PDF, fields updated, through the running LibreOffice."""
    import uno

    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(docx), "_blank", 0,
                                       (_prop("Hidden", True),))
    try:
        fields = doc.getTextFields()
        each = fields.createEnumeration()
        while each.hasMoreElements():
            field = each.nextElement()
            if field.supportsService("com.sun.star.text.textfield.docinfo.Custom"):
                field.IsFixed = False  # follow the property, as Word's field update does
        fields.refresh()
        keep_before_sections(doc)
        doc.storeToURL(uno.systemPathToFileUrl(pdf), (
            _prop("FilterName", "writer_pdf_Export"), _prop("FilterData", _filter_data(version))))
    finally:
        doc.close(True)


def keep_before_sections(doc: Any) -> None:
    """Give the paragraphs kept with a section of columns the page that section starts on.

    Word keeps a 'keep with next' paragraph on the page of the next one even when that one
    begins a new section; LibreOffice does not (the signatures, a section of columns, would
    stand alone on the last page). Where the page differs, a page break goes before the
    first paragraph of the kept run, in LibreOffice's copy only.
    """
    from com.sun.star.style.BreakType import PAGE_BEFORE

    cursor = doc.getCurrentController().getViewCursor()

    def page(paragraph: Any) -> int:
        cursor.gotoRange(paragraph.getStart(), False)
        number: int = cursor.getPage()
        return number

    previous: list[Any] = []  # the paragraphs since the last one not kept with its next
    each = doc.getText().createEnumeration()
    while each.hasMoreElements():
        paragraph = each.nextElement()
        if not paragraph.supportsService("com.sun.star.text.Paragraph"):
            previous = []
            continue
        section = paragraph.TextSection
        begins = section is not None and (not previous or previous[-1].TextSection is None
                                          or previous[-1].TextSection.Name != section.Name)
        if begins and previous and previous[-1].ParaKeepTogether and section.getPropertyValue(
                "TextColumns").getColumnCount() > 1:
            run: list[Any] = []
            for p in reversed(previous):
                if not p.ParaKeepTogether:
                    break
                run.insert(0, p)
            if page(run[0]) != page(paragraph):
                run[0].BreakType = PAGE_BEFORE
        previous = [*previous, paragraph][-20:]


def main() -> None:
    """Start LibreOffice, then convert each requested document until standard input ends."""
    soffice, profile, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    office = subprocess.Popen(
        [soffice, "-env:UserInstallation=" + profile, "--headless", "--invisible",
         "--norestore", "--nologo", "--nodefault",
         f"--accept=socket,host=127.0.0.1,port={port};urp;"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        desktop = _connect(port, office)
        print(json.dumps({"ready": True}), flush=True)
        for line in sys.stdin:
            request = json.loads(line)
            try:
                convert(desktop, request["docx"], request["pdf"], request.get("version", "a2b-ua1"))
                answer: dict[str, Any] = {"ok": True}
            except Exception as exc:  # reported to remissgen, which restarts or goes cold
                answer = {"ok": False, "error": type(exc).__name__}
            print(json.dumps(answer), flush=True)
            if not answer["ok"]:
                break
    finally:
        office.terminate()
        try:
            office.wait(10)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
