"""A PDF → the PDF/A-2b and PDF/UA-1 rules it breaks, each named by its rule and page.

remissgen's own check, read with pikepdf, of the rules a program can test: the PDF/A and
PDF/UA identifications and extension schemas, /Lang, the title shown as the window title,
every page's content tagged or an artifact, heading levels, labelled lists, no layout
tables, alternative text on figures and embedded fonts. veraPDF, the reference validator,
is run as well when it is on PATH.
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple
from xml.etree import ElementTree

from .errors import Location
from .messages import text

RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
PDFUAID = "http://www.aiim.org/pdfua/ns/id/"
PDFAID = "http://www.aiim.org/pdfa/ns/id/"
EXTENSION = "http://www.aiim.org/pdfa/ns/extension/"
SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
# The schemas PDF/A-2 knows without a declaration (ISO 19005-2, 6.6.2.3.1)
PREDEFINED = {
    "http://purl.org/dc/elements/1.1/", "http://ns.adobe.com/xap/1.0/",
    "http://ns.adobe.com/xap/1.0/rights/", "http://ns.adobe.com/xap/1.0/mm/",
    "http://ns.adobe.com/xap/1.0/bj/", "http://ns.adobe.com/xap/1.0/t/pg/",
    "http://ns.adobe.com/xap/1.0/sType/Dimensions#", "http://ns.adobe.com/pdf/1.3/",
    "http://ns.adobe.com/photoshop/1.0/", "http://ns.adobe.com/tiff/1.0/",
    "http://ns.adobe.com/exif/1.0/", "http://ns.adobe.com/exif/1.0/aux/",
    "http://ns.adobe.com/camera-raw-settings/1.0/", "http://ns.adobe.com/xap/1.0/g/img/",
    "http://ns.adobe.com/xmp/Identifier/qual/1.0/", PDFAID, EXTENSION, SCHEMA,
    "http://www.aiim.org/pdfa/ns/property#", "http://www.aiim.org/pdfa/ns/type#",
    "http://www.aiim.org/pdfa/ns/field#",
}
PAINTING = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "sh",
            "BI", "INLINE IMAGE"}


class PageLocation(Location):
    """A place in a PDF: the file and, when the rule concerns one, the page (from 1)."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"{self.path}: sida {self.line}" if self.line else self.path


class Finding(NamedTuple):
    """One broken rule: its name (Matterhorn or ISO clause), the page (0: the whole file)."""

    rule: str
    page: int
    message: str

    def format(self, path: str) -> str:
        """Return the finding as the line a user reads, with where and which rule."""
        return (f"{PageLocation(path, self.page)}: fel: {self.message} ({self.rule})\n"
                f"    tips: {text('pdf_regel_tips')}")


def check(path: Path, version: str = "a2b-ua1") -> list[Finding]:
    """Return every rule the PDF at `path` breaks (empty when all hold), in page order."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        pages = {page.objgen: i for i, page in enumerate(pdf.pages, start=1)}
        found = [*_identification(pdf, version), *_catalogue(pdf)]
        for i, page in enumerate(pdf.pages, start=1):
            found += _content(page, i)
            found += _fonts(page, i)
        found += _structure(pdf, pages)
    return sorted(found, key=lambda f: (f.page, f.rule))


# --- identification and metadata -----------------------------------------------------------


def _xmp(pdf: Any) -> ElementTree.Element | None:
    meta = pdf.Root.get("/Metadata")
    if meta is None:
        return None
    try:
        return ElementTree.fromstring(meta.read_bytes())
    except ElementTree.ParseError:
        return None


def _property(root: ElementTree.Element, namespace: str, name: str) -> str | None:
    """Return an XMP simple property's text, written as an element or as an attribute."""
    for desc in root.iter(f"{RDF}Description"):
        attr = desc.get(f"{{{namespace}}}{name}")
        if attr is not None:
            return attr.strip()
        el = desc.find(f"{{{namespace}}}{name}")
        if el is not None:
            return "".join(el.itertext()).strip()
    return None


def _identification(pdf: Any, version: str) -> list[Finding]:
    root = _xmp(pdf)
    if root is None:
        return [Finding("Matterhorn 06-001, ISO 14289-1 §5", 0, text("pdf_ingen_xmp"))]
    out = []
    if _property(root, PDFUAID, "part") != "1":
        out.append(Finding("Matterhorn 06-002, ISO 14289-1 §5", 0, text("pdf_ingen_ua_id")))
    if not _property(root, "http://purl.org/dc/elements/1.1/", "title"):
        out.append(Finding("Matterhorn 06-003, ISO 14289-1 §7.1", 0, text("pdf_ingen_titel")))
    if version == "a2b-ua1":
        part = _property(root, PDFAID, "part")
        conformance = _property(root, PDFAID, "conformance")
        if (part, (conformance or "").upper()) != ("2", "B"):
            out.append(Finding("ISO 19005-2 §6.6.4", 0, text(
                "pdf_ingen_a_id", found=f"{part or '-'}{(conformance or '').lower()}")))
        declared = {"".join(el.itertext()).strip()
                    for el in root.iter(f"{{{SCHEMA}}}namespaceURI")}
        for namespace in sorted(_used_namespaces(root) - PREDEFINED - declared):
            out.append(Finding("ISO 19005-2 §6.6.2.3.1", 0,
                               text("pdf_schema_saknas", namespace=namespace)))
    return out


def _used_namespaces(root: ElementTree.Element) -> set[str]:
    """Return the namespaces of the top-level XMP properties, elements and attributes."""
    used = set()
    for desc in root.iter(f"{RDF}Description"):
        if desc.get(f"{RDF}about") is None:
            continue  # a structured value inside a property, not a property of its own
        names = [child.tag for child in desc] + [a for a in desc.attrib if a != f"{RDF}about"]
        used |= {n[1:].split("}")[0] for n in names if n.startswith("{")}
    return used


def _catalogue(pdf: Any) -> list[Finding]:
    root = pdf.Root
    out = []
    lang = root.get("/Lang")
    if lang is None or str(lang) != "sv-SE":
        out.append(Finding("Matterhorn 11-006, ISO 14289-1 §7.2", 0,
                           text("pdf_språk", found=str(lang) if lang is not None else "inget")))
    prefs = root.get("/ViewerPreferences")
    if prefs is None or not bool(prefs.get("/DisplayDocTitle", False)):
        out.append(Finding("Matterhorn 07-001, ISO 14289-1 §7.1", 0, text("pdf_fönstertitel")))
    title = pdf.docinfo.get("/Title") if "/Info" in pdf.trailer else None
    if title is None or not str(title).strip():
        out.append(Finding("Matterhorn 06-003, ISO 14289-1 §7.1", 0, text("pdf_ingen_titel")))
    mark = root.get("/MarkInfo")
    if mark is None or not bool(mark.get("/Marked", False)):
        out.append(Finding("Matterhorn 01-002, ISO 14289-1 §7.1", 0, text("pdf_inte_märkt")))
    if "/StructTreeRoot" not in root:
        out.append(Finding("Matterhorn 01-006, ISO 14289-1 §7.1", 0, text("pdf_inga_taggar")))
    return out


# --- page content ------------------------------------------------------------------------------


def _content(page: Any, number: int) -> list[Finding]:
    """Return a finding when the page paints anything outside marked content."""
    import pikepdf

    depth = 0
    try:
        instructions = pikepdf.parse_content_stream(page)
    except pikepdf.PdfError:
        return [Finding("ISO 14289-1 §7.1", number, text("pdf_innehåll_oläsligt"))]
    for item in instructions:
        op = str(item.operator) if not isinstance(item, pikepdf.ContentStreamInlineImage) \
            else "INLINE IMAGE"
        if op in ("BDC", "BMC"):
            depth += 1
        elif op == "EMC":
            depth = max(0, depth - 1)
        elif op in PAINTING and depth == 0:
            return [Finding("Matterhorn 01-005, ISO 14289-1 §7.1", number,
                            text("pdf_otaggat_innehåll", op=op))]
    return []


def _fonts(page: Any, number: int) -> list[Finding]:
    """Return a finding for each font the page uses whose program is not embedded."""
    out = []
    for name, font in _page_fonts(page.obj.get("/Resources")):
        if str(font.get("/Subtype")) == "/Type3":
            continue
        described = font.get("/DescendantFonts")[0] if "/DescendantFonts" in font else font
        descriptor = described.get("/FontDescriptor")
        if descriptor is None or not any(k in descriptor for k in
                                         ("/FontFile", "/FontFile2", "/FontFile3")):
            base = str(font.get("/BaseFont", name)).lstrip("/")
            out.append(Finding("Matterhorn 31-009, ISO 14289-1 §7.21.4.1", number,
                               text("pdf_typsnitt", font=base)))
    return out


def _page_fonts(resources: Any, seen: set[tuple[int, int]] | None = None,
                ) -> Iterator[tuple[str, Any]]:
    """Yield (name, font) of the resources' fonts and of the forms they draw, once each."""
    seen = set() if seen is None else seen
    if resources is None:
        return
    for name, font in (resources.get("/Font") or {}).items():
        if font.objgen not in seen or font.objgen == (0, 0):
            seen.add(font.objgen)
            yield name, font
    for xobject in (resources.get("/XObject") or {}).values():
        if str(xobject.get("/Subtype")) == "/Form" and xobject.objgen not in seen:
            seen.add(xobject.objgen)
            yield from _page_fonts(xobject.get("/Resources"), seen)


# --- the structure tree ------------------------------------------------------------------------


class _Element(NamedTuple):
    role: str
    page: int
    node: Any
    children: tuple[_Element, ...]


def structure_tree(pdf: Any, pages: dict[Any, int] | None = None) -> list[_Element]:
    """Return the structure tree's top elements, roles resolved through the RoleMap."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return []
    pages = pages if pages is not None else {
        page.objgen: i for i, page in enumerate(pdf.pages, start=1)}
    role_map = {str(k): str(v) for k, v in (root.get("/RoleMap") or {}).items()}
    return list(_children(root, role_map, pages, 0))


def _role(name: str, role_map: dict[str, str]) -> str:
    seen = set()
    while name in role_map and name not in seen:
        seen.add(name)
        name = role_map[name]
    return name.lstrip("/")


def _children(node: Any, role_map: dict[str, str], pages: dict[Any, int],
              page: int) -> Iterator[_Element]:
    import pikepdf

    kids = node.get("/K")
    if kids is None:
        return
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if not isinstance(kid, pikepdf.Dictionary) or "/S" not in kid:
            continue  # marked content and object references
        here = pages.get(kid["/Pg"].objgen, page) if "/Pg" in kid else page
        here = here or _first_page(kid, pages)
        yield _Element(_role(str(kid["/S"]), role_map), here, kid,
                       tuple(_children(kid, role_map, pages, here)))


def _first_page(node: Any, pages: dict[Any, int]) -> int:
    """Return the page of the first marked content below `node` that names one, else 0."""
    import pikepdf

    kids = node.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
        if isinstance(kid, pikepdf.Dictionary):
            if "/Pg" in kid:
                return pages.get(kid["/Pg"].objgen, 0)
            found = _first_page(kid, pages)
            if found:
                return found
    return 0


def walk(elements: list[_Element] | tuple[_Element, ...]) -> Iterator[_Element]:
    """Yield every element of the tree in reading order (depth first)."""
    for element in elements:
        yield element
        yield from walk(element.children)


def _structure(pdf: Any, pages: dict[Any, int]) -> list[Finding]:
    tree = structure_tree(pdf, pages)
    out = []
    levels = [(int(e.role[1]), e.page) for e in walk(tree)
              if len(e.role) == 2 and e.role[0] == "H" and e.role[1] in "123456"]
    if levels and levels[0][0] != 1:
        out.append(Finding("Matterhorn 14-002, ISO 14289-1 §7.4.2", levels[0][1],
                           text("pdf_första_rubrik", level=levels[0][0])))
    for (before, _), (after, page) in itertools.pairwise(levels):
        if after > before + 1:
            out.append(Finding("Matterhorn 14-003, ISO 14289-1 §7.4.2", page,
                               text("pdf_rubriknivå", before=before, after=after)))
    for e in walk(tree):
        if e.role == "Table":
            out.append(Finding("ISO 14289-1 §7.5", e.page, text("pdf_layouttabell")))
        elif e.role == "LI":
            roles = {c.role for c in e.children}
            if not {"Lbl", "LBody"} <= roles:
                out.append(Finding("Matterhorn 16-003, ISO 14289-1 §7.6", e.page,
                                   text("pdf_listpunkt")))
        elif e.role == "Figure" and not (str(e.node.get("/Alt", "")).strip()
                                         or str(e.node.get("/ActualText", "")).strip()):
            out.append(Finding("Matterhorn 13-004, ISO 14289-1 §7.3", e.page,
                               text("pdf_bild_utan_alt")))
    return out


# --- veraPDF -----------------------------------------------------------------------------------


def verapdf(path: Path, version: str = "a2b-ua1", timeout: float = 300) -> list[Finding]:
    """Return the rules veraPDF finds broken (its PDF/UA-1 and PDF/A-2b profiles), or [] when
    veraPDF is not on PATH."""
    program = shutil.which("verapdf")
    if program is None:
        return []
    out = []
    for flavour in ("ua1", "2b") if version == "a2b-ua1" else ("ua1",):
        try:
            done = subprocess.run([program, "--format", "mrr", "--flavour", flavour, str(path)],
                                  capture_output=True, timeout=timeout, check=False,
                                  stdin=subprocess.DEVNULL)
            report = ElementTree.fromstring(done.stdout)
        except (OSError, subprocess.TimeoutExpired, ElementTree.ParseError):
            out.append(Finding("veraPDF", 0, text("pdf_verapdf_fel", flavour=flavour)))
            continue
        for rule in report.iter("rule"):
            if rule.get("status") != "failed":
                continue
            name = f"veraPDF {rule.get('specification', '')} {rule.get('clause', '')}"
            name += f"-{rule.get('testNumber', '')}"
            description = (rule.findtext("description") or "").strip()
            out.append(Finding(name.strip(), 0, text(
                "pdf_verapdf_regel", count=rule.get("failedChecks", "1"), what=description)))
    return out
