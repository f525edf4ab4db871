"""The body's share of a built document's fingerprint from what the writer wrote: the value
fingerprint.read_body would read from word/document.xml, without parsing the part again.

Why it is the same value:
- a paragraph's text is its runs' text as an XML reader gets it back: the characters
  `escape` drops left out, a carriage return read as a line feed (XML's line ends), and a
  deleted run's pieces each behind the DEL mark `_paragraph_text` gives a w:delText;
- a paragraph starts a section when its style id is a heading's; the writer writes a
  w:pStyle first in every w:pPr and never an outline level, and an id that XML would read
  otherwise (quotes, `&`, `<`, white space that attributes fold) sends the document to the
  general reading;
- a paragraph's formatting is `_canonical(p, rels, strip=True)` of that paragraph parsed
  on its own inside the template's document element (same namespaces), kept by skeleton
  (its XML without the w:t elements, which the formatting never reads) as `_body_format`
  keeps it (the writer gives the skeleton of a paragraph of plain runs as it writes it);
  page setups and comment marks are the same elements found in the written XML (the page
  setups as the writer put them in, when it says so);
- what the general reading would do otherwise goes through it: a template body that holds
  text or attributes of its own, or a section setup with noise or images, and text so long
  that libxml2 refuses it without `huge_tree` (the general reading then sees no body).

tests/property/test_fingerprint_fast_paths.py builds varied documents and checks the
fingerprint stored in each against the general reading of the written .docx.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from . import fingerprint as fp
from . import ooxml
from .ooxml import W

_ILLEGAL = ooxml.REFUSED  # as docx_writer.escape
_SKELETON = re.compile(r"<w:t(?: [^>]*)?(?:/>|>[^<]*</w:t>)")
_SECTPR = re.compile(r"<w:sectPr\b[^>]*?(?:/>|>.*?</w:sectPr>)", re.S)
_MARKS = re.compile(r"<w:comment(?:RangeStart|RangeEnd|Reference)\b[^>]*/>")
_UNREAD_ID = re.compile(r'["&<\t\n\r]')
_OTHER = ("<w:drawing", "<w:pict", "<w:object", "<w:p ", "<w:p>", "<w:bookmark")
LONGEST = 1_000_000
"""The longest paragraph text read here; libxml2 refuses a text node of 10 MB (and
`escape` may make 5 bytes of one character), and the general reading must then decide."""

def read_back(text: str) -> str:
    """Return the text a reader of `text` as written (in w:t, w:tab and w:br) gets back."""
    if ooxml.refuses(text):
        text = _ILLEGAL.sub("", text)
    return text.replace("\r", "\n") if "\r" in text else text


def read_back_deleted(text: str) -> str:
    """Return the text a reader gets back of `text` written deleted (as w:delText pieces)."""
    out: list[str] = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append("\n")
        for j, piece in enumerate(line.split("\t")):
            if j:
                out.append("\t")
            if piece:
                out.append("\x7f" + read_back(piece))
    return "".join(out)


def reader(paragraphs: list[str], read: list[tuple[str, str]], document_xml: str,
           wrapper: tuple[str, str], skeletons: Sequence[str | None] = (),
           breaks: Sequence[str] | None = None) -> fp.BodyReader:
    """Return the body reader for fingerprint.of_members of a body the writer wrote.

    `paragraphs` are the body's w:p elements as written (section breaks in them may differ
    from the final ones: the formatting leaves those out), `read` each one's (style id,
    text read back), `document_xml` the part as written and `wrapper` the part's XML
    before and after the body's content. The writer may say what it knows: each
    paragraph's skeleton (`_SKELETON` taken out of it; None where it does not know it) and
    the part's section breaks in order (`_SECTPR` found in its content), so that neither
    is searched for.
    """
    def read_body(members: Mapping[str, bytes], rels: Mapping[str, str],
                  headings: frozenset[str]) -> fp.Body:
        found = _written(paragraphs, read, document_xml, wrapper, rels, headings, skeletons,
                         breaks)
        return found if found is not None else fp.read_body(members, rels, headings)
    return read_body


def _written(paragraphs: list[str], read: list[tuple[str, str]], document_xml: str,
             wrapper: tuple[str, str], rels: Mapping[str, str],
             headings: frozenset[str], skeletons: Sequence[str | None] = (),
             breaks: Sequence[str] | None = None) -> fp.Body | None:
    """Return the body's share of the fingerprint, or None when the general reading must
    say it."""
    body = _wrapper(*wrapper)
    if body is None or any(len(text) > LONGEST for _, text in read) or any(
            _UNREAD_ID.search(style) for style in {style for style, _ in read}):
        return None
    sections: list[list[str]] = [[]]
    for style, text in read:
        if style in headings:
            sections.append([])
        sections[-1].append(text)
    context = _context(tuple(sorted(rels.items())), wrapper)
    items: list[str] = []
    known = skeletons if len(skeletons) == len(paragraphs) else [None] * len(paragraphs)
    for xml, skeleton in zip(paragraphs, known, strict=True):
        key = (context, _SKELETON.sub("", xml) if skeleton is None else skeleton)
        form = _PARAGRAPHS.get(key)
        if form is None:
            form = _keep(_PARAGRAPHS, key, _paragraph_form(wrapper, key[1], rels))
        if form is _NONE:
            return None
        if form:
            items.append(form)  # a w:p: never merged with its neighbour as runs are
    children = ("()" if not items else f"({items[0]},)" if len(items) == 1
                else "(" + ", ".join(items) + ")")
    content = document_xml[len(wrapper[0]):len(document_xml) - len(wrapper[1])]
    sida = [_element(context, wrapper, s, rels)
            for s in (_SECTPR.findall(content) if breaks is None else breaks)]
    marks = ([_element(context, wrapper, m, {}) for m in _MARKS.findall(content)]
             if "<w:comment" in content else [])
    if any(x is _NONE for x in (*sida, *marks)):
        return None
    return fp.Body(sections, [fp._Written(f"({body}, {children})")], sida, [], marks)


@functools.lru_cache(maxsize=8)
def _wrapper(before: str, after: str) -> str | None:
    """Return the repr of the body element's tag, attributes and text as the formatting
    starts it, or None when the template's body wrapper is not one this reading knows."""
    root = fp._parse((before + after).encode("utf-8"))
    body = root.find(f"{W}body") if root is not None else None
    if (body is None or len(body) or body.attrib or (body.text or "").strip()
            or before[before.rindex(">") + 1:].strip() or after[:after.find("<")].strip()):
        return None  # (text of the body's own would stand before its first paragraph)
    return f"{body.tag!r}, (), ''"


V = TypeVar("V")
_NONE = "\x00"  # not a form: the general reading decides
_CONTEXTS: dict[tuple[object, ...], int] = {}  # (rels, wrapper) → a number for the keys
_PARAGRAPHS: dict[tuple[int, str], str] = {}  # (context, skeleton) → repr of the form or ""
_ELEMENTS: dict[tuple[int, str], object] = {}  # (context, XML) → canonical form


def _context(key_rels: tuple[tuple[str, str], ...], wrapper: tuple[str, str]) -> int:
    """Return the number that stands for the relationships and wrapper in the keys."""
    key = (key_rels, wrapper)
    found = _CONTEXTS.get(key)
    if found is None:
        if len(_CONTEXTS) > 64:
            _CONTEXTS.clear()
            _PARAGRAPHS.clear()
            _ELEMENTS.clear()
        found = _CONTEXTS[key] = len(_CONTEXTS) + 1
    return found


def _keep(cache: dict[tuple[int, str], V], key: tuple[int, str], value: V) -> V:
    """Return `value`, kept in `cache` (emptied first when it is full)."""
    if len(cache) > 4096:
        cache.clear()
    cache[key] = value
    return value


def _one(wrapper: tuple[str, str], xml: str) -> Any:
    """Return the one element `xml` read inside the template's document element, or None."""
    root = fp._parse((wrapper[0] + xml + wrapper[1]).encode("utf-8"))
    body = root.find(f"{W}body") if root is not None else None
    return body[0] if body is not None and len(body) == 1 else None


def _paragraph_form(wrapper: tuple[str, str], skeleton: str, rels: Mapping[str, str]) -> str:
    """Return the repr of a body paragraph's formatting ("" when it has none), _NONE when
    it is not one paragraph or holds an image."""
    el = _one(wrapper, skeleton)
    if el is None or el.tag != f"{W}p" or any(el.iter(*fp._IMAGES)):
        return _NONE
    item = fp._canonical(el, rels, True)
    return "" if item is None else repr(item)


def _element(context: int, wrapper: tuple[str, str], xml: str,
             rels: Mapping[str, str]) -> object:
    """Return the canonical form of a section setup or comment mark (by its repr, which is
    what the digest reads), _NONE when the general reading must read it (a setup that
    holds another kind's elements)."""
    key = (context, xml)
    found = _ELEMENTS.get(key)
    if found is None:
        el = _one(wrapper, xml)
        found = _keep(_ELEMENTS, key, _NONE if el is None or any(o in xml for o in _OTHER)
                      else fp._Written(repr(fp._canonical(el, rels))))  # its repr, once
    return found
