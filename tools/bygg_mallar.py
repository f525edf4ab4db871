"""Write the built-in Word templates in templates/ from the XML below (run after editing it).

The .docx files are the artefacts a template administrator opens in Word; this script only
makes their first version reproducible. Run: python tools/bygg_mallar.py
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from remissgen.word import styles as st
from remissgen.word.numbering import abstract_num

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
TEXT_WIDTH = 9070  # A4 (11906) less 2 × 1418 margins, in twips

CONTENT_TYPES = DECL + """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Default Extension="png" ContentType="image/png"/>\
<Default Extension="jpeg" ContentType="image/jpeg"/>\
<Override PartName="/word/document.xml" \
ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
<Override PartName="/word/styles.xml" \
ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
<Override PartName="/word/settings.xml" \
ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>\
<Override PartName="/word/numbering.xml" \
ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>\
<Override PartName="/word/fontTable.xml" \
ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>\
<Override PartName="/word/header1.xml" \
ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>\
<Override PartName="/word/footer1.xml" \
ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>\
<Override PartName="/docProps/core.xml" \
ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
<Override PartName="/docProps/app.xml" \
ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
</Types>"""

ROOT_RELS = DECL + """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
Target="word/document.xml"/>\
<Relationship Id="rId2" \
Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" \
Target="docProps/core.xml"/>\
<Relationship Id="rId3" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" \
Target="docProps/app.xml"/>\
</Relationships>"""

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DOCUMENT_RELS = DECL + f"""<Relationships \
xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="{_REL}styles" Target="styles.xml"/>\
<Relationship Id="rId2" Type="{_REL}settings" Target="settings.xml"/>\
<Relationship Id="rId3" Type="{_REL}numbering" Target="numbering.xml"/>\
<Relationship Id="rId4" Type="{_REL}fontTable" Target="fontTable.xml"/>\
<Relationship Id="rId5" Type="{_REL}header" Target="header1.xml"/>\
<Relationship Id="rId6" Type="{_REL}footer" Target="footer1.xml"/>\
</Relationships>"""

HEADER_RELS = DECL + """<Relationships \
xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>"""

def core(description: str) -> str:
    """Return core.xml; the description is what `remissgen mallar` shows for the template."""
    return DECL + f"""<cp:coreProperties \
xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
<dc:title>Tjänsteutlåtande</dc:title><dc:description>{description}</dc:description>\
<dc:language>sv-SE</dc:language></cp:coreProperties>"""


def custom(accent: str) -> str:
    """Return custom.xml naming the template's accent colour, which a case's `färg` replaces."""
    return DECL + f"""<Properties \
xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" \
xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="remissgen-färg">\
<vt:lpwstr>#{accent}</vt:lpwstr></property></Properties>"""

APP = DECL + """<Properties \
xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">\
<Application>remissgen</Application><DocSecurity>0</DocSecurity></Properties>"""

SETTINGS = DECL + f"""<w:settings {W}>\
<w:defaultTabStop w:val="1304"/><w:hyphenationZone w:val="425"/>\
<w:characterSpacingControl w:val="doNotCompress"/>\
<w:compat><w:compatSetting w:name="compatibilityMode" \
w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>\
<w:themeFontLang w:val="sv-SE"/><w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/>\
</w:settings>"""

FONTS = DECL + f"""<w:fonts {W}>\
<w:font w:name="Times New Roman"><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>\
<w:font w:name="Arial"><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>\
</w:fonts>"""


def _style(kind: str, name: str, body: str, *, based: str = st.NORMAL,
           default: bool = False, extra: str = "") -> str:
    """Return a w:style named `name` (remissgen.word.styles), with its built-in styleId."""
    sid = st.ID[name]
    based = st.ID[based] if based else ""
    attrs = ' w:default="1"' if default else ""
    basis = f'<w:basedOn w:val="{based}"/>' if based else ""
    return (f'<w:style w:type="{kind}"{attrs} w:styleId="{sid}"><w:name w:val="{name}"/>'
            f'{basis}{extra}{body}</w:style>')


NEXT_NORMAL = f'<w:next w:val="{st.ID[st.NORMAL]}"/>'
HEADER_STYLE = f'<w:pStyle w:val="{st.ID[st.HEADER]}"/>'

SANS = '<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/>'
SERIF = ('<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
         'w:cs="Times New Roman"/>')


def styles(body_font: str, heading_font: str, accent: str, *, size: int = 24,
           footer_border: str = "", footer_jc: str = '<w:jc w:val="center"/>') -> str:
    """Return styles.xml: few styles, each named as Word names its built-ins."""
    ui = '<w:uiPriority w:val="9"/><w:qFormat/>'
    return DECL + f"""<w:styles {W}>\
<w:docDefaults><w:rPrDefault><w:rPr>{body_font}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>\
<w:lang w:val="sv-SE" w:eastAsia="sv-SE" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr>\
</w:pPrDefault></w:docDefaults>\
{_style("paragraph", st.NORMAL, "", based="", default=True, extra="<w:qFormat/>")}\
{_style("paragraph", st.HEADING_1,
        '<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"/>'
        '<w:outlineLvl w:val="0"/></w:pPr>'
        f'<w:rPr>{heading_font}<w:b/><w:bCs/>{accent}<w:sz w:val="36"/><w:szCs w:val="36"/>'
        '</w:rPr>', extra=NEXT_NORMAL + ui)}\
{_style("paragraph", st.HEADING_2,
        '<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="280" w:after="80"/>'
        '<w:outlineLvl w:val="1"/></w:pPr>'
        f'<w:rPr>{heading_font}<w:b/><w:bCs/>{accent}<w:sz w:val="26"/><w:szCs w:val="26"/>'
        '</w:rPr>', extra=NEXT_NORMAL + ui)}\
{_style("paragraph", st.SUBTITLE,
        '<w:pPr><w:spacing w:after="240"/></w:pPr>'
        f'<w:rPr>{heading_font}<w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr>',
        extra=NEXT_NORMAL + '<w:uiPriority w:val="11"/><w:qFormat/>')}\
{_style("paragraph", st.LIST_BULLET,
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="60"/>'
        '<w:ind w:left="360" w:hanging="360"/></w:pPr>')}\
{_style("paragraph", st.LIST_NUMBER,
        '<w:pPr><w:numPr><w:numId w:val="2"/></w:numPr><w:spacing w:after="60"/>'
        '<w:ind w:left="360" w:hanging="360"/></w:pPr>')}\
{_style("paragraph", st.LIST_CONTINUE,
        '<w:pPr><w:spacing w:after="60"/><w:ind w:left="360"/></w:pPr>')}\
{_style("paragraph", st.LABEL,
        '<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="0"/></w:pPr>'
        f'<w:rPr>{heading_font}<w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>',
        extra='<w:qFormat/>')}\
{_style("paragraph", st.BLOCK_LINE,
        '<w:pPr><w:spacing w:after="0"/></w:pPr>', extra='<w:qFormat/>')}\
{_style("paragraph", st.SIGNATURE,
        '<w:pPr><w:keepNext/><w:spacing w:before="720" w:after="0"/></w:pPr>',
        extra='<w:qFormat/>')}\
{_style("paragraph", st.HEADER,
        f'<w:pPr><w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>'
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f'<w:rPr>{heading_font}<w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>')}\
{_style("paragraph", st.FOOTER,
        f'<w:pPr>{footer_border}<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        f'{footer_jc}</w:pPr>'
        f'<w:rPr>{heading_font}<w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>')}\
{_style("table", st.TABLE_NORMAL,
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>',
        based="", default=True)}\
</w:styles>"""


def numbering() -> str:
    """Return numbering.xml: abstract list 1 (bullets) and 2 (1., 2., …) on levels 0–2."""
    nums = ('<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
            '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>')
    return (DECL + f"<w:numbering {W}>{abstract_num(1, False)}{abstract_num(2, True)}"
            f"{nums}</w:numbering>")


def _p(style: str, text: str) -> str:
    return (f'<w:p><w:pPr><w:pStyle w:val="{st.ID[style]}"/></w:pPr>'
            f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>')


def _field(instr: str) -> str:
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
            f'<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def _tab_p(left: str, right: str) -> str:
    return (f'<w:p><w:pPr>{HEADER_STYLE}</w:pPr>'
            f'<w:r><w:t xml:space="preserve">{left}</w:t></w:r><w:r><w:tab/></w:r>'
            f'<w:r><w:t xml:space="preserve">{right}</w:t></w:r></w:p>')


PAGE_NUMBER = (f'<w:p><w:pPr>{HEADER_STYLE}<w:jc w:val="right"/></w:pPr>'
               '<w:r><w:t xml:space="preserve">Sida </w:t></w:r>' + _field("PAGE")
               + '<w:r><w:t xml:space="preserve"> (</w:t></w:r>' + _field("NUMPAGES")
               + '<w:r><w:t>)</w:t></w:r></w:p>')


# The diarienummer and the date as DOCPROPERTY fields bound to the custom properties
# Diarienummer and Datum (the value is the field's result), so an ärendesystem that writes
# the property updates the header when fields are refreshed.
DNR = '{% if diarienummer %}Dnr {{ diarienummer|egenskap("Diarienummer") }}{% endif %}'
DATUM = '{{ datum|egenskap("Datum") }}'


def stockholm_header() -> str:
    """Return the seed's header: logo, förvaltning and avdelning left; type, Dnr, date right."""
    return DECL + f"""<w:hdr {W} {R}>\
{_p(st.HEADER, "{{ logotyp }}")}\
{_tab_p("{{ förvaltning }}", "Tjänsteutlåtande")}\
{_tab_p("{{ avdelning }}", DNR)}\
{_tab_p("", DATUM)}\
{PAGE_NUMBER}\
</w:hdr>"""


def footer() -> str:
    """Return the footer: the förvaltning's contact lines, one a line."""
    lines = _p(st.FOOTER, '{{ sidfot|join("\\n") }}')
    return DECL + f"<w:ftr {W} {R}>{lines}</w:ftr>"


def document(margin_top: int) -> str:
    """Return document.xml: an empty body and the A4 section with header and footer."""
    return DECL + f"""<w:document {W} {R}><w:body>\
{_p(st.NORMAL, "{{ innehåll }}")}\
<w:sectPr><w:headerReference w:type="default" r:id="rId5"/>\
<w:footerReference w:type="default" r:id="rId6"/>\
<w:pgSz w:w="11906" w:h="16838"/>\
<w:pgMar w:top="{margin_top}" w:right="1418" w:bottom="1701" w:left="1418" w:header="567" \
w:footer="567" w:gutter="0"/><w:cols w:space="708"/><w:docGrid w:linePitch="360"/>\
</w:sectPr></w:body></w:document>"""


def write(path: Path, parts: dict[str, str]) -> None:
    """Write `parts` as a .docx with fixed timestamps, so the file is reproducible."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, xml in parts.items():
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, xml.encode("utf-8"))


def common(header: str, style_xml: str, margin_top: int, description: str,
           accent: str | None = None) -> dict[str, str]:
    """Return the parts every built-in template shares, with its own header and styles.

    With `accent`, the template names its accent colour in a custom property, so that the
    case's `färg` can replace it wherever the template uses it.
    """
    parts = {
        "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS,
        "word/document.xml": document(margin_top), "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/styles.xml": style_xml, "word/settings.xml": SETTINGS,
        "word/numbering.xml": numbering(), "word/fontTable.xml": FONTS,
        "word/header1.xml": header, "word/_rels/header1.xml.rels": HEADER_RELS,
        "word/footer1.xml": footer(), "docProps/core.xml": core(description),
        "docProps/app.xml": APP,
    }
    if accent:
        parts["docProps/custom.xml"] = custom(accent)
        parts["[Content_Types].xml"] = CONTENT_TYPES.replace("</Types>", (
            '<Override PartName="/docProps/custom.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>'))
        parts["_rels/.rels"] = ROOT_RELS.replace("</Relationships>", (
            '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument'
            '/2006/relationships/custom-properties" Target="docProps/custom.xml"/>'
            "</Relationships>"))
    return parts


NEUTRAL_ACCENT = "1F4E79"  # dark blue, 8.6:1 on white; a case's `färg` replaces it


def _cell_p(text: str, *, right: bool = False, rpr: str = "") -> str:
    jc = '<w:jc w:val="right"/>' if right else ""
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return (f'<w:p><w:pPr>{HEADER_STYLE}{jc}</w:pPr>'
            f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>')


def neutral_header() -> str:
    """Return the neutral header: a two-column table, the municipality left, the case right.

    Left: logo, municipality (bold, in the accent colour), förvaltning, avdelning. Right:
    document type, Dnr, date and page. A rule in the accent colour under the table.
    """
    half = TEXT_WIDTH // 2
    rule = f'<w:bottom w:val="single" w:sz="12" w:space="0" w:color="{NEUTRAL_ACCENT}"/>'
    borders = "".join(rule if side == "bottom" else f'<w:{side} w:val="nil"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    kommun = f'<w:b/><w:bCs/><w:color w:val="{NEUTRAL_ACCENT}"/><w:sz w:val="24"/><w:szCs w:val="24"/>'
    page = PAGE_NUMBER.replace(f'{HEADER_STYLE}<w:jc w:val="right"/>',
                               f'{HEADER_STYLE}<w:spacing w:after="80"/>'
                               '<w:jc w:val="right"/>')
    left = (_cell_p("{{ logotyp }}") + _cell_p("{{ kommun }}", rpr=kommun)
            + _cell_p("{{ förvaltning }}") + _cell_p("{{ avdelning }}"))
    right = (_cell_p("Tjänsteutlåtande", right=True, rpr="<w:b/><w:bCs/>")
             + _cell_p(DNR, right=True) + _cell_p(f"Datum {DATUM}", right=True) + page)
    cell = f'<w:tcPr><w:tcW w:w="{half}" w:type="dxa"/><w:vAlign w:val="top"/></w:tcPr>'
    table = (f'<w:tbl><w:tblPr><w:tblW w:w="{half * 2}" w:type="dxa"/>'
             f"<w:tblBorders>{borders}</w:tblBorders>"
             '<w:tblLayout w:type="fixed"/><w:tblLook w:val="0000"/>'
             '<w:tblCaption w:val="Sidhuvud"/></w:tblPr>'
             f'<w:tblGrid><w:gridCol w:w="{half}"/><w:gridCol w:w="{half}"/></w:tblGrid>'
             f"<w:tr><w:tc>{cell}{left}</w:tc><w:tc>{cell}{right}</w:tc></w:tr></w:tbl>")
    return DECL + (f'<w:hdr {W} {R}>{table}<w:p><w:pPr>{HEADER_STYLE}</w:pPr></w:p>'
                   "</w:hdr>")


STOCKHOLM = "Stockholms stads tjänsteutlåtande (standard): förvaltningen överst till vänster"
NEUTRAL = "Neutral mall för alla kommuner: logotyp, kommunnamn och accentfärg (färg) i sidhuvudet"


def main() -> None:
    """Write every built-in template."""
    folder = Path(__file__).resolve().parent.parent / "templates"
    write(folder / "stockholm.docx",
          common(stockholm_header(), styles(SERIF, SANS, ""), margin_top=2268,
                 description=STOCKHOLM))
    accent = f'<w:color w:val="{NEUTRAL_ACCENT}"/>'
    border = (f'<w:pBdr><w:top w:val="single" w:sz="6" w:space="6" '
              f'w:color="{NEUTRAL_ACCENT}"/></w:pBdr>')
    write(folder / "neutral.docx",
          common(neutral_header(), styles(SANS, SANS, accent, size=22, footer_border=border,
                                          footer_jc=""),
                 margin_top=2835, description=NEUTRAL, accent=NEUTRAL_ACCENT))


if __name__ == "__main__":
    main()
