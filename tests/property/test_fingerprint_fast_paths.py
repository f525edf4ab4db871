"""The fingerprint's fast paths give what the general path gives (issue 19).

A build fingerprints every document it writes, so two shortcuts keep that cheap: a part
whose bytes cannot hold what Word's noise removal takes out is not walked for it, and the
body's formatting is put in canonical form once per paragraph skeleton (its XML without
the w:t elements). Both are checked here against the general path on body XML drawn with
runs, text, tabs, breaks, proofing marks, empty properties, `_GoBack`, comments and images.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from remissgen.word import fingerprint
from remissgen.word.ooxml import W_NS, W

RPR = st.sampled_from(["", "<w:rPr/>", "<w:rPr><w:b/></w:rPr>", "<w:rPr><w:i/></w:rPr>",
                       '<w:rPr><w:lang w:val="sv-SE"/></w:rPr>', "<w:rPr>  </w:rPr>"])
INNER = st.sampled_from([
    "<w:t>Nämnden</w:t>", '<w:t xml:space="preserve"> tillstyrker </w:t>', "<w:t/>",
    "<w:t>a &amp; b</w:t>", "<w:tab/>", "<w:br/>", '<w:br w:type="page"/>', "<w:cr/>",
    "<w:noBreakHyphen/>", "<w:lastRenderedPageBreak/>", "<w:noProof/>",
    '<w:drawing><wp:inline xmlns:wp="urn:wp"/></w:drawing>', "<w:commentReference w:id=\"1\"/>"])
RUN = st.tuples(RPR, st.lists(INNER, max_size=3), st.sampled_from(["", ' w:rsidR="00AB12"'])).map(
    lambda r: f"<w:r{r[2]}>{r[0]}{''.join(r[1])}</w:r>")
BETWEEN = st.sampled_from(["", '<w:proofErr w:type="spellStart"/>', "<!-- ord -->",
                           '<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>',
                           '<w:bookmarkStart w:id="1" w:name="mitt"/>', "<?pi data?>"])
PPR = st.sampled_from(["", "<w:pPr/>", '<w:pPr><w:pStyle w:val="Rubrik1"/></w:pPr>',
                       '<w:pPr><w:jc w:val="center"/></w:pPr>',
                       '<w:pPr><w:outlineLvl w:val="1"/></w:pPr>',
                       '<w:pPr><w:sectPr><w:cols w:num="2"/></w:sectPr></w:pPr>'])
PARAGRAPH = st.tuples(PPR, st.lists(st.tuples(BETWEEN, RUN), max_size=5),
                      st.sampled_from(["", ' w14:paraId="1A2B3C4D"'])).map(
    lambda p: f"<w:p{p[2]}>{p[0]}{''.join(b + r for b, r in p[1])}</w:p>")
BODY = st.lists(st.one_of(PARAGRAPH, BETWEEN, RUN, st.just("<w:sectPr/>")), max_size=12)


def _document(children: list[str]) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<w:document xmlns:w="{W_NS}" '
            'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">'
            f'<w:body>{"".join(children)}</w:body></w:document>').encode()


@settings(max_examples=300, deadline=None)
@given(BODY)
def test_a_part_is_cleaned_exactly_when_cleaning_would_change_it(children: list[str]) -> None:
    data = _document(children)
    general = fingerprint._clean(etree.fromstring(data, fingerprint._PARSER))
    assert etree.tostring(fingerprint._parse(data)) == etree.tostring(general)


@settings(max_examples=300, deadline=None)
@given(BODY, BODY)
def test_the_body_formatting_by_skeleton_equals_the_general_form(first: list[str],
                                                                  second: list[str]) -> None:
    for children in (first, second, first):  # the second and third meet kept skeletons
        body = fingerprint._parse(_document(children)).find(f"{W}body")
        general = repr(fingerprint._canonical(body, {}, strip=True))
        assert repr(fingerprint._body_format(body, {})) == general


NICE = ["Dnr", " 2026/1 ", "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", ">", '"', "å",
        "\u00a0", "'", " "]
ODD = ["&#65;", "&nbsp;", "&", "\r", "\r\n", "]]>", "\ue000", "\x01", "lang"]
WORDS = st.lists(st.sampled_from(NICE * 6 + ODD), max_size=4).map("".join)
TEXT_ELEMENT = st.tuples(st.sampled_from(["<w:t>", '<w:t xml:space="preserve">'] * 4 + [
    "<w:t xml:space='preserve'>", '<w:t w:x="1">']), WORDS).map(lambda t: f"{t[0]}{t[1]}</w:t>")
PART_RPR = st.sampled_from(["", "<w:rPr><w:b/></w:rPr>", "<w:rPr><w:i/></w:rPr>",
                            '<w:rPr><w:lang w:val="sv-SE"/></w:rPr>'])
PART_INNER = st.sampled_from(["<w:tab/>", "<w:br/>", "<w:t/>", '<w:fldChar w:fldCharType="end"/>',
                              '<w:instrText xml:space="preserve"> PAGE </w:instrText>'])
PART_RUN = st.tuples(PART_RPR, st.lists(st.one_of(TEXT_ELEMENT, TEXT_ELEMENT, PART_INNER),
                                        max_size=3)).map(
    lambda r: f"<w:r>{r[0]}{''.join(r[1])}</w:r>")
PART_PARAGRAPH = st.tuples(PPR, st.lists(PART_RUN, max_size=4)).map(
    lambda p: f"<w:p>{p[0]}{''.join(p[1])}</w:p>")
PART = st.lists(st.one_of(PART_PARAGRAPH, st.just("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t>"
                                                  "</w:r></w:p></w:tc></w:tr></w:tbl>")),
                max_size=6)
DECLARATION = st.sampled_from(['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
                               "", "<?xml version='1.0' encoding='utf-8'?>",
                               '<?xml version="1.0" encoding="ISO-8859-1"?>'])


@settings(max_examples=400, deadline=None)
@given(DECLARATION, PART, st.sampled_from(["w:hdr", "w:ftr"]))
def test_a_part_read_by_its_skeleton_reads_as_the_whole_part(declaration: str,
                                                             children: list[str],
                                                             root: str) -> None:
    """A header or footer filled in anew per case is read through its skeleton; where that
    reading answers, it is the general reading's answer (its words as XML reads them)."""
    xml = f'{declaration}<{root} xmlns:w="{W_NS}">{"".join(children)}</{root}>'
    for encoding in ("utf-8", "latin-1"):
        try:
            data = xml.encode(encoding)
        except UnicodeEncodeError:
            continue
        for _ in range(2):  # the second time from the kept skeleton
            fast = fingerprint._by_skeleton(data, (("rId1", "media/x"),))
            if fast is not None:
                root_el = fingerprint._parse(data)
                assert root_el is not None
                assert fast == repr(fingerprint._canonical(root_el, {"rId1": "media/x"}))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=20), max_size=5))
def test_a_list_of_written_forms_digests_as_its_repr(texts: list[str]) -> None:
    """_digest feeds a list of already written forms to the hash piece by piece; the digest
    is the one of the list's repr, as for any other value."""
    import hashlib

    values = [fingerprint._Written(repr(t)) for t in texts]
    assert fingerprint._digest(values) == hashlib.sha256(
        repr(texts).encode("utf-8")).hexdigest()[:16]
