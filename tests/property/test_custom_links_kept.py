"""docx_writer._custom_links keeps, by content, the package relationships and content types
with docProps/custom.xml's (issue 19): a template's are the same in every document. Each
answer must be what adding them to those bytes gives, however often it is asked, and bytes
that have them already come back as they were."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from remissgen.word import docx_writer

RELS = st.sampled_from([
    b'<Relationships xmlns="r"><Relationship Id="rId1" Target="word/document.xml"/></Relationships>',
    b'<Relationships xmlns="r"><Relationship Id="rIdCustom" Target="docProps/custom.xml"/>'
    b"</Relationships>", "<Relationships>å</Relationships>".encode()])
TYPES = st.sampled_from([
    b'<Types xmlns="t"><Default Extension="xml" ContentType="application/xml"/></Types>',
    b'<Types><Override PartName="/docProps/custom.xml" ContentType="x"/></Types>', b"<Types/>"])


def _added(rels: str, types: str) -> tuple[str, str]:
    if "docProps/custom.xml" not in rels:
        rels = rels.replace("</Relationships>", (
            '<Relationship Id="rIdCustom" Type="http://schemas.openxmlformats.org/officeDocument'
            '/2006/relationships/custom-properties" Target="docProps/custom.xml"/>'
            "</Relationships>"))
    if "/docProps/custom.xml" not in types:
        types = types.replace("</Types>", (
            '<Override PartName="/docProps/custom.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>'))
    return rels, types


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(RELS, TYPES), min_size=1, max_size=4))
def test_the_links_are_added_as_to_the_bytes_themselves(pairs: list[tuple[bytes, bytes]]) -> None:
    for rels, types in [*pairs, *pairs]:
        members = {"_rels/.rels": rels, "[Content_Types].xml": types}
        docx_writer._custom_links(members)
        expected = _added(rels.decode(), types.decode())
        assert (members["_rels/.rels"].decode(), members["[Content_Types].xml"].decode()) == expected
        if b"docProps/custom.xml" in rels:
            assert members["_rels/.rels"] is rels
        if b"/docProps/custom.xml" in types:
            assert members["[Content_Types].xml"] is types
