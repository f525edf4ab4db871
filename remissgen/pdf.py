"""The .docx → tagged PDF through LibreOffice, the component a user would use themselves,
and remissgen's marker in the PDF's XMP metadata, by which a rebuild knows a PDF it may replace.

The marker is a property in a namespace of remissgen's own, declared as a PDF/A extension
schema so that a PDF/A file stays valid with it. Post-processing that rewrites the XMP
(PDF/A identification) passes its packet through `mark_xmp` last, or calls `mark`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import ExternalFailure, Location, problem
from .messages import os_reason, text

# Tagged PDF/UA-1, the document title shown as the window title (LibreOffice 7.4+ JSON
# options); SelectPdfVersion 2 makes it PDF/A-2b as well (LibreOffice writes both at once).
_OPTIONS = ('"UseTaggedPDF":{"type":"boolean","value":"true"},'
            '"PDFUACompliance":{"type":"boolean","value":"true"},'
            '"DisplayPDFDocumentTitle":{"type":"boolean","value":"true"}')
EXPORTS = {
    "a2b-ua1": 'pdf:writer_pdf_Export:{' + _OPTIONS
               + ',"SelectPdfVersion":{"type":"long","value":"2"}}',
    "ua1": 'pdf:writer_pdf_Export:{' + _OPTIONS + '}',
}
GUARANTEES = ((25, 2), "pdf_garanti_etiketter")
"""The LibreOffice version from which list items carry Lbl and LBody, and what it gives."""
TIMEOUT = 300
MARK_NS = "urn:remissgen:pdf:1.0/"
MARK_PREFIX = "remissgen"
MARK_PROPERTY = "Byggd"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_EXT = "http://www.aiim.org/pdfa/ns/extension/"
_SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
_PROP = "http://www.aiim.org/pdfa/ns/property#"
_EMPTY_XMP = (b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>'
              b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="' + _RDF.encode() +
              b'"/></x:xmpmeta><?xpacket end="w"?>')


def candidates(platform: str | None = None) -> list[Path]:
    """Return where LibreOffice is usually installed on this system, besides PATH."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        roots = [os.environ.get(v, "") for v in ("PROGRAMFILES", "PROGRAMFILES(X86)")]
        roots += [r"C:\Program Files", r"C:\Program Files (x86)"]
        return [Path(r) / "LibreOffice" / "program" / "soffice.exe" for r in roots if r]
    if platform == "darwin":
        return [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]
    return [Path("/usr/bin/soffice"), Path("/usr/lib/libreoffice/program/soffice"),
            Path("/opt/libreoffice/program/soffice"), Path("/snap/bin/libreoffice")]


def find(platform: str | None = None) -> Path | None:
    """Return LibreOffice's soffice program, from PATH or its usual folders, or None."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    return next((c for c in candidates(platform) if c.is_file()), None)


def install_hint(platform: str | None = None) -> str:
    """Return how to install LibreOffice on this system, in Swedish."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        return text("libreoffice_installera_windows")
    if platform == "darwin":
        return text("libreoffice_installera_macos")
    return text("libreoffice_installera_linux")


def convert(documents: Iterable[Path], timeout: float = TIMEOUT, force: bool = False,
            version: str = "a2b-ua1") -> list[Path]:
    """Convert each .docx to a marked .pdf beside it; one LibreOffice run per folder.

    Return the PDFs. A PDF already there is replaced only as output.check_target allows.
    `version` is a key of EXPORTS (the --pdf-version choices): a2b-ua1 or ua1.
    """
    soffice = find()
    docs = list(documents)
    if soffice is None:
        raise _failure(docs[0], "libreoffice_saknas", how=install_hint())
    by_folder: dict[Path, list[Path]] = {}
    for doc in docs:
        by_folder.setdefault(doc.parent, []).append(doc)
    written: list[Path] = []
    for folder, group in by_folder.items():
        written += _convert_folder(soffice, folder, group, timeout, force, version)
    return written


def _convert_folder(soffice: Path, folder: Path, docs: list[Path], timeout: float,
                    force: bool, version: str = "a2b-ua1") -> list[Path]:
    """Convert the folder's documents: through the LibreOffice kept running when there is
    one (resident.kept), else (or for what it could not do) with one cold call."""
    from . import output, resident

    output.remove_stale(folder)
    with tempfile.TemporaryDirectory(prefix=f"{output.TEMP_PREFIX}pdf-", dir=folder) as out:
        running = resident.current()
        cold = [doc for doc in docs if running is None
                or not running.convert(doc, Path(out) / f"{doc.stem}.pdf", version)]
        returncode = _cold(soffice, cold, out, timeout, EXPORTS[version]) if cold else 0
        written = []
        for doc in docs:
            made = Path(out) / f"{doc.stem}.pdf"
            if not made.is_file():
                reason = f"slutstatus {returncode}"
                raise _failure(doc, "libreoffice_fel", reason=reason)
            target = doc.with_suffix(".pdf")
            output.check_target(target, force=force)
            mark_file(made)
            os.replace(made, target)
            written.append(target)
        return written


def _cold(soffice: Path, docs: list[Path], out: str, timeout: float, export: str) -> int:
    """Return the exit status of one soffice --convert-to run writing the PDFs into `out`."""
    with tempfile.TemporaryDirectory(prefix="remissgen-lo-") as profile:
        command = [str(soffice), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                   "--norestore", "--convert-to", export, "--outdir", out, *map(str, docs)]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise _failure(docs[0], "libreoffice_tidsgräns", seconds=int(timeout)) from None
        except OSError as exc:
            raise _failure(docs[0], "libreoffice_fel", reason=os_reason(exc)) from None
        return done.returncode


def _failure(path: Path, key: str, **values: Any) -> ExternalFailure:
    return ExternalFailure(problem(Location(str(path)), key, path=path, **values))


# --- the marker ----------------------------------------------------------------------------


def mark_xmp(xmp: bytes | None) -> bytes:
    """Return the XMP packet `xmp` (or a new one) with remissgen's marker and its PDF/A
    extension schema declaration; a packet that has both is returned as it was."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
    try:
        root = etree.fromstring(xmp or _EMPTY_XMP, parser)
    except etree.XMLSyntaxError:
        root = etree.fromstring(_EMPTY_XMP, parser)
    rdf = root if root.tag == f"{{{_RDF}}}RDF" else root.find(f".//{{{_RDF}}}RDF")
    if rdf is None:
        root = etree.fromstring(_EMPTY_XMP, parser)
        rdf = root.find(f".//{{{_RDF}}}RDF")
    if xmp and _marked(root) and _declared(root):
        return xmp
    if not _marked(root):
        described = etree.SubElement(rdf, f"{{{_RDF}}}Description", nsmap={MARK_PREFIX: MARK_NS})
        described.set(f"{{{_RDF}}}about", "")
        etree.SubElement(described, f"{{{MARK_NS}}}{MARK_PROPERTY}").text = "remissgen"
    if not _declared(root):
        _declare(rdf)
    marked: bytes = etree.tostring(root.getroottree(), encoding="utf-8")
    return marked


def _marked(root: Any) -> bool:
    return bool(root.findall(f".//{{{MARK_NS}}}{MARK_PROPERTY}")
                or root.xpath(f"//@*[namespace-uri()='{MARK_NS}']"))


def _declared(root: Any) -> bool:
    return any(uri.text == MARK_NS for uri in root.iter(f"{{{_SCHEMA}}}namespaceURI"))


def _declare(rdf: Any) -> None:
    """Add the extension schema of remissgen's namespace, in the packet's schemas bag if any."""
    from lxml import etree

    bag = rdf.find(f"{{{_RDF}}}Description/{{{_EXT}}}schemas/{{{_RDF}}}Bag")
    if bag is None:
        described = etree.SubElement(rdf, f"{{{_RDF}}}Description",
                                     nsmap={"pdfaExtension": _EXT, "pdfaSchema": _SCHEMA,
                                            "pdfaProperty": _PROP})
        described.set(f"{{{_RDF}}}about", "")
        bag = etree.SubElement(etree.SubElement(described, f"{{{_EXT}}}schemas"),
                               f"{{{_RDF}}}Bag")
    schema = etree.SubElement(bag, f"{{{_RDF}}}li", nsmap={"pdfaSchema": _SCHEMA,
                                                           "pdfaProperty": _PROP})
    schema.set(f"{{{_RDF}}}parseType", "Resource")
    for name, value in (("schema", "remissgen"), ("namespaceURI", MARK_NS),
                        ("prefix", MARK_PREFIX)):
        etree.SubElement(schema, f"{{{_SCHEMA}}}{name}").text = value
    seq = etree.SubElement(etree.SubElement(schema, f"{{{_SCHEMA}}}property"), f"{{{_RDF}}}Seq")
    prop = etree.SubElement(seq, f"{{{_RDF}}}li")
    prop.set(f"{{{_RDF}}}parseType", "Resource")
    for name, value in (("name", MARK_PROPERTY), ("valueType", "Text"), ("category", "external"),
                        ("description", "Byggd av remissgen, som får ersätta filen vid nästa bygge")):
        etree.SubElement(prop, f"{{{_PROP}}}{name}").text = value


def mark(document: Any) -> None:
    """Put remissgen's marker into the XMP metadata of an open pikepdf.Pdf."""
    import pikepdf

    old = document.Root.get("/Metadata")
    xmp = mark_xmp(old.read_bytes() if isinstance(old, pikepdf.Stream) else None)
    stream = pikepdf.Stream(document, xmp)
    stream["/Type"] = pikepdf.Name.Metadata
    stream["/Subtype"] = pikepdf.Name.XML
    document.Root.Metadata = stream


def mark_file(path: Path) -> None:
    """Put remissgen's marker into the PDF at `path`, in place (a file remissgen just made)."""
    import pikepdf

    marked = path.with_name(path.stem + ".markerad.pdf")
    with pikepdf.open(path) as document:
        mark(document)
        document.save(marked, deterministic_id=True)
    os.replace(marked, path)


def is_marked(path: Path) -> bool:
    """Return whether the PDF at `path` carries remissgen's marker (False for a broken one)."""
    try:
        import pikepdf
        from lxml import etree

        with pikepdf.open(path) as document:
            stream = document.Root.get("/Metadata")
            if not isinstance(stream, pikepdf.Stream):
                return False
            parser = etree.XMLParser(resolve_entities=False, no_network=True)
            return _marked(etree.fromstring(stream.read_bytes(), parser))
    except Exception:  # a broken or encrypted PDF is no PDF of ours
        return False


def libreoffice_version(producer: str) -> tuple[int, int] | None:
    """Return LibreOffice's (major, minor) from a PDF's Producer, or None for another producer."""
    import re

    found = re.search(r"LibreOffice[ /](\d+)\.(\d+)", producer)
    return (int(found.group(1)), int(found.group(2))) if found else None
