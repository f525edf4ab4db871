"""A PDF from LibreOffice → the same PDF with remissgen's own metadata and identification.

LibreOffice writes the PDF/A and PDF/UA identification itself, but takes title, author and
keywords from the .docx the way it understands them (it splits "SÖD 2021/1234" into two
keywords, and 7.4 declares no extension schema for `pdfuaid`). This step replaces the
XMP packet and the document information with ones written here from the case, so nothing
of a template's own metadata is left, and declares every schema PDF/A does not know.
"""

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

PDFUAID = "http://www.aiim.org/pdfua/ns/id/"
PDFAID = "http://www.aiim.org/pdfa/ns/id/"


class Metadata(NamedTuple):
    """What a PDF says about itself: from the case, one value per field."""

    title: str
    author: str  # the förvaltning, or the profile's pdf_författare
    subject: str
    keywords: tuple[str, ...]  # each whole: the diarienummer is one keyword
    date: dt.date
    language: str = "sv-SE"


class Property(NamedTuple):
    """A property of an extension schema: its name, XMP value type, description, category."""

    name: str
    value_type: str
    description: str
    category: str = "internal"


class Extension(NamedTuple):
    """An XMP schema of one's own, declared for PDF/A, with the values this file gives it."""

    namespace: str
    prefix: str
    schema: str
    properties: tuple[Property, ...]
    values: tuple[tuple[str, str], ...]


UA_SCHEMA = Extension(PDFUAID, "pdfuaid", "PDF/UA identification schema", (
    Property("part", "Integer", "PDF/UA version identifier"),
    Property("amd", "Text", "PDF/UA amendment identifier"),
    Property("corr", "Text", "PDF/UA corrigenda identifier")), (("part", "1"),))

def remissgen_marker(meta: Metadata) -> Extension:
    """Return the marker that says remissgen built the PDF (pdf.MARK_NS), which lets a later
    build replace the file; it is written by pdf.mark_file too, before this step."""
    from . import pdf

    return Extension(pdf.MARK_NS, pdf.MARK_PREFIX, "remissgen", (Property(
        pdf.MARK_PROPERTY, "Text", "Byggd av remissgen, som får ersätta filen vid nästa bygge",
        "external"),), ((pdf.MARK_PROPERTY, "remissgen"),))


MARKERS: list[Callable[[Metadata], Extension]] = [remissgen_marker]
"""Hooks for schemas of one's own (the remissgen marker first): each returns an Extension.

Whatever is registered here is written into every PDF's XMP and declared as a PDF/A
extension schema, so it survives this step and keeps the file valid PDF/A.
"""


def escape(value: str) -> str:
    """Return `value` safe as XML character data."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def extensions(meta: Metadata) -> tuple[Extension, ...]:
    """Return the schemas of one's own every PDF carries: PDF/UA's, then the MARKERS'."""
    return (UA_SCHEMA, *(marker(meta) for marker in MARKERS))


def xmp(meta: Metadata, version: str, producer: str) -> str:
    """Return the whole XMP packet for `meta`: Dublin Core, PDF, XMP basic, identifications."""
    stamp = f"{meta.date.isoformat()}T00:00:00Z"
    own = extensions(meta)
    pdfa = ('<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">'
            "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"
            "</rdf:Description>") if version == "a2b-ua1" else ""
    keywords = "".join(f"<rdf:li>{escape(k)}</rdf:li>" for k in meta.keywords)
    values = "".join(
        f'<rdf:Description rdf:about="" xmlns:{e.prefix}="{e.namespace}">'
        + "".join(f"<{e.prefix}:{k}>{escape(v)}</{e.prefix}:{k}>" for k, v in e.values)
        + "</rdf:Description>" for e in own)
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f"{pdfa}"
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<dc:format>application/pdf</dc:format>"
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.title)}</rdf:li>'
        f"</rdf:Alt></dc:title>"
        f"<dc:creator><rdf:Seq><rdf:li>{escape(meta.author)}</rdf:li></rdf:Seq></dc:creator>"
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.subject)}'
        f"</rdf:li></rdf:Alt></dc:description>"
        f"<dc:language><rdf:Bag><rdf:li>{meta.language}</rdf:li></rdf:Bag></dc:language>"
        + (f"<dc:subject><rdf:Bag>{keywords}</rdf:Bag></dc:subject>" if keywords else "")
        + "</rdf:Description>"
        '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
        f"<pdf:Producer>{escape(producer)}</pdf:Producer>"
        + (f"<pdf:Keywords>{escape(_keywords(meta))}</pdf:Keywords>" if meta.keywords else "")
        + "</rdf:Description>"
        '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
        "<xmp:CreatorTool>remissgen</xmp:CreatorTool>"
        f"<xmp:CreateDate>{stamp}</xmp:CreateDate><xmp:ModifyDate>{stamp}</xmp:ModifyDate>"
        f"<xmp:MetadataDate>{stamp}</xmp:MetadataDate></rdf:Description>"
        f"{values}{_schemas(own)}"  # declared in plain PDF/UA too: harmless there
        "</rdf:RDF></x:xmpmeta>"
        + " " * 200 + '<?xpacket end="w"?>')


def _keywords(meta: Metadata) -> str:
    """Return the keywords as one text: separated by semicolons, so a space stays inside one."""
    return "; ".join(meta.keywords)


def _schemas(own: tuple[Extension, ...]) -> str:
    """Return the pdfaExtension:schemas declaration of every schema in `own`."""
    items = "".join(
        '<rdf:li rdf:parseType="Resource">'
        f"<pdfaSchema:namespaceURI>{e.namespace}</pdfaSchema:namespaceURI>"
        f"<pdfaSchema:prefix>{e.prefix}</pdfaSchema:prefix>"
        f"<pdfaSchema:schema>{escape(e.schema)}</pdfaSchema:schema>"
        "<pdfaSchema:property><rdf:Seq>"
        + "".join('<rdf:li rdf:parseType="Resource">'
                  f"<pdfaProperty:category>{p.category}</pdfaProperty:category>"
                  f"<pdfaProperty:description>{escape(p.description)}</pdfaProperty:description>"
                  f"<pdfaProperty:name>{p.name}</pdfaProperty:name>"
                  f"<pdfaProperty:valueType>{p.value_type}</pdfaProperty:valueType></rdf:li>"
                  for p in e.properties)
        + "</rdf:Seq></pdfaSchema:property></rdf:li>" for e in own)
    return ('<rdf:Description rdf:about="" '
            'xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" '
            'xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" '
            'xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">'
            f"<pdfaExtension:schemas><rdf:Bag>{items}</rdf:Bag></pdfaExtension:schemas>"
            "</rdf:Description>")


def finish(path: Path, meta: Metadata, version: str = "a2b-ua1") -> str:
    """Return the Producer LibreOffice wrote, after rewriting the PDF at `path` in place with
    remissgen's XMP, document information and catalogue entries (/Lang, DisplayDocTitle).

    The rest of the file is kept as LibreOffice made it.
    """
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        original = str(pdf.docinfo.get("/Producer", "")) if "/Info" in pdf.trailer else ""
        producer = original if "remissgen" in original else f"{original or 'LibreOffice'}; remissgen"
        stream = pikepdf.Stream(pdf, xmp(meta, version, producer).encode("utf-8"))
        stream["/Type"] = pikepdf.Name("/Metadata")
        stream["/Subtype"] = pikepdf.Name("/XML")
        pdf.Root["/Metadata"] = pdf.make_indirect(stream)
        stamp = f"D:{meta.date.strftime('%Y%m%d')}000000Z"
        info = pikepdf.Dictionary({
            "/Title": pikepdf.String(meta.title), "/Author": pikepdf.String(meta.author),
            "/Subject": pikepdf.String(meta.subject), "/Creator": pikepdf.String("remissgen"),
            "/Producer": pikepdf.String(producer), "/CreationDate": pikepdf.String(stamp),
            "/ModDate": pikepdf.String(stamp)})
        if meta.keywords:
            info["/Keywords"] = pikepdf.String(_keywords(meta))
        pdf.trailer["/Info"] = pdf.make_indirect(info)
        pdf.Root["/Lang"] = pikepdf.String(meta.language)
        prefs = pdf.Root.get("/ViewerPreferences", pikepdf.Dictionary())
        prefs["/DisplayDocTitle"] = True
        pdf.Root["/ViewerPreferences"] = prefs
        pdf.save(path, fix_metadata_version=False)
    return original
