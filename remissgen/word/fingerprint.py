"""The fingerprint of what a reader of a built .docx sees, kept by kind, so that a rebuild can
tell a document edited in Word and say what kind of edit it was.

It is computed from what the parts say, not from their bytes: the XML is read and written out
again in one canonical form, relationship ids are replaced by what they point to and images
by a digest of their bytes. What Word rewrites on a save without changes is left out: rsids,
paraIds, proofing marks, the `_GoBack` bookmark, `lastRenderedPageBreak`, the app, core and
custom properties and the settings. Adjacent runs of the same formatting count as one, since
Word splits and joins runs as it pleases.

The kinds: the body text by section (split at headings), formatting (the body's structure,
styles, numbering, theme), headers and footers, comments, images and page setup.
"""

from __future__ import annotations

import functools
import hashlib
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple

from lxml import etree

from . import ooxml, styles
from .ooxml import W

PROPERTY = "remissgen-fingeravtryck"
WRITTEN = "remissgen-kontrollsumma"
"""The custom property with `written(members)` of the document as remissgen wrote it: while
every part is still those bytes, the document is unchanged and its fingerprint need not be
computed again (a rebuild of an untouched document, the common case, reads no XML)."""
LONGEST = 1_000_000
"""The longest text a fast path reads; libxml2 refuses a text node of 10 MB without
`huge_tree` (and XML may take 5 bytes for a character), and the general reading decides."""
VERSION = "3"
"""3: the text read with a non-breaking space as an ordinary one (what the reader sees; 2
counted U+00A0 apart, and a document of version 2 is still checked so)."""
KINDS = ("text", "format", "sidhuvud", "kommentarer", "bilder", "sida")

_W14, _MC, _R, _XML = ooxml.W14, ooxml.MC, ooxml.R, ooxml.XML
_DROPPED = {f"{W}proofErr", f"{W}lastRenderedPageBreak", f"{W}lang", f"{W}noProof"}
_DROPPED_ATTRS = {f"{_W14}paraId", f"{_W14}textId", f"{_MC}Ignorable", f"{_XML}space"}
_TEXT_TAGS = {f"{W}t", f"{W}delText", f"{W}instrText"}
_TEXTUAL = {f"{W}t", f"{W}tab", f"{W}cr", f"{W}noBreakHyphen", f"{W}softHyphen"}
_IMAGES = {f"{W}drawing", f"{W}pict", f"{W}object"}
_COMMENT_MARKS = {f"{W}commentRangeStart", f"{W}commentRangeEnd", f"{W}commentReference"}
_HEADER = re.compile(r"word/(header|footer)\d*\.xml")
_FORMAT_PARTS = ("word/styles.xml", "word/numbering.xml", "word/theme/theme1.xml")
_BODY, _P, _PPR, _PSTYLE, _OUTLINE = f"{W}body", f"{W}p", f"{W}pPr", f"{W}pStyle", f"{W}outlineLvl"
_T, _TAB, _BR, _CR, _NBH, _DEL = (f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen",
                                  f"{W}delText")
_R_TAG, _VAL, _TYPE, _RSID = f"{W}r", f"{W}val", f"{W}type", f"{W}rsid"
_OTHER_KINDS = _IMAGES | _COMMENT_MARKS | {f"{W}sectPr"}
_RUN_OR_P = {f"{W}r", f"{W}p"}
_PROPS = {f"{W}rPr", f"{W}pPr"}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

Prints = dict[str, str]


class Body(NamedTuple):
    """The body's share of a fingerprint: each section's paragraph texts (the heading that
    starts one first), its formatting, page setups, images and comment marks, in order."""

    sections: list[list[str]]
    format: list[object]
    sida: list[object]
    bilder: list[object]
    kommentarer: list[object]


BodyReader = Callable[[Mapping[str, bytes], Mapping[str, str], frozenset[str]], Body]


def of_members(members: Mapping[str, bytes], version: str = VERSION,
               body: BodyReader | None = None) -> Prints:
    """Return kind → digest of a .docx's members; "text" is the sections' digests, comma-joined
    (as fingerprint `version` counts them).

    `body` gives the body's share from (members, the document's relationships, the heading
    style ids) when the caller knows it without reading word/document.xml (the writer that
    just wrote it: word/bodyprint.py); by default it is read from the part (`read_body`).
    """
    rels = _Relationships(members)
    prints: dict[str, list[object]] = {kind: [] for kind in KINDS}
    headings = _heading_styles(members.get("word/styles.xml", b""))  # cached by content
    found = (body or read_body)(members, rels.of("word/document.xml"), headings)
    nbsp = "\u00a0" if version == "2" else " "  # typography's U+00A0 reads as a space
    sections = [_digest([t.replace("\u00a0", nbsp) for t in texts if t.strip()])
                for texts in found.sections]
    for shared in ("format", "sida", "bilder", "kommentarer"):
        prints[shared] += getattr(found, shared)
    for name in sorted(members):
        kind = _kind(name)
        if kind:  # by the part's kind: Word may number headers anew
            part = _part(members[name], tuple(sorted(rels.of(name).items())))
            if part is not None:
                prints[kind].append(_labelled(name, part))
    out = {kind: _digest(values) for kind, values in prints.items()}
    out["text"] = ",".join([*sections, out["text"]])
    return out


@functools.lru_cache(maxsize=256)
def _kind(name: str) -> str | None:
    """Return the kind a part other than the body counts for, or None."""
    return ("sidhuvud" if _HEADER.fullmatch(name) else
            "kommentarer" if name == "word/comments.xml" else
            "text" if name in ("word/footnotes.xml", "word/endnotes.xml") else
            "format" if name in _FORMAT_PARTS else None)


def written(members: Mapping[str, bytes]) -> str:
    """Return the SHA-256 of every member's name and bytes but docProps/custom.xml (which
    holds it): equal only while no part has been changed, byte for byte, since writing."""
    digest = hashlib.sha256()
    for name in sorted(members):
        if name != "docProps/custom.xml":
            data = members[name]
            digest.update(b"%d:%s:%d:" % (len(name), name.encode("utf-8"), len(data)))
            digest.update(data)
    return digest.hexdigest()


def read_body(members: Mapping[str, bytes], rels: Mapping[str, str],
              headings: frozenset[str]) -> Body:
    """Return the body's share of the fingerprint read from word/document.xml (all empty
    when there is none, or it is not XML)."""
    found = Body([], [], [], [], [])
    document = _parse(members.get("word/document.xml", b""))
    if document is None:
        return found
    found.sections.extend(texts for _, texts in _sections(document, headings))
    body = document.find(f"{W}body")
    if body is not None:
        found.format.append(_body_format(body, rels))
        found.sida.extend(_canonical(el, rels) for el in body.iter(f"{W}sectPr"))
        found.bilder.extend(_canonical(el, rels) for el in body.iter(*_IMAGES))
        found.kommentarer.extend(_canonical(el, {}) for el in body.iter(*_COMMENT_MARKS))
    return found


def encode(prints: Prints) -> str:
    """Return the fingerprint as the text stored in the document's custom property."""
    return VERSION + ";" + ";".join(f"{kind}={prints[kind]}" for kind in KINDS)


def decode(value: str) -> tuple[str, Prints] | None:
    """Return the version and the kinds of a stored fingerprint, or None when it is none
    that this version reads (2 or 3)."""
    version, _, rest = value.partition(";")
    if version not in ("2", VERSION):
        return None
    prints = dict(item.partition("=")[::2] for item in rest.split(";"))
    return (version, prints) if set(prints) == set(KINDS) else None


def changed(stored: Prints, current: Prints) -> list[tuple[str, list[int]]]:
    """Return (kind, changed section numbers from 0 for "text", else []) of each kind edited.

    Sections are compared by position; when their number differs, none is named.
    """
    out: list[tuple[str, list[int]]] = []
    for kind in KINDS:
        if stored.get(kind) == current.get(kind):
            continue
        if kind != "text":
            out.append((kind, []))
            continue
        old, new = stored[kind].split(","), current[kind].split(",")
        same_count = len(old) == len(new)
        sections = [i for i, (a, b) in enumerate(zip(old[:-1], new[:-1], strict=False)) if a != b]
        out.append((kind, sections if same_count else []))
    return out


def section_titles(members: Mapping[str, bytes]) -> list[str]:
    """Return the title of each body section (the heading it starts at; "" before the first)."""
    document = _parse(members.get("word/document.xml", b""))
    if document is None:
        return []
    headings = _heading_styles(members.get("word/styles.xml", b""))
    return [title for title, _ in _sections(document, headings)]


# --- the old fingerprint (version 1: the body's text only), for documents built before -------

_OLD_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")
_SPACE = re.compile(r"\s+")


def of_body(document_xml: str) -> str:
    """Return the version 1 fingerprint: the SHA-256 hex digest of the body's folded text."""
    import html  # only a document built before version 2 is read so: a build goes without

    lines = []
    for paragraph in document_xml.split("</w:p>"):
        text = _SPACE.sub(" ", html.unescape("".join(_OLD_TEXT.findall(paragraph)))).strip()
        if text:
            lines.append(text)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


# --- helpers -----------------------------------------------------------------------------------


def _digest(values: object) -> str:
    """Return the digest of repr(values); a list of _Written from the bytes they keep, once
    for the same _Written objects (the page setups and parts of a template, kept by the
    readers, come back as those objects in document after document)."""
    if isinstance(values, list) and values and all(isinstance(v, _Written) for v in values):
        key = tuple(values)  # by identity: _Written has no equality of its own
        found = _DIGESTS.get(key)
        if found is None:
            if len(_DIGESTS) > 256:
                _DIGESTS.clear()
            found = _DIGESTS[key] = _written_digest(values)
        return found
    return hashlib.sha256(repr(values).encode("utf-8")).hexdigest()[:16]


_DIGESTS: dict[tuple[_Written, ...], str] = {}  # _Written objects (kept alive) → their digest


def _written_digest(values: list[_Written]) -> str:
    found = hashlib.sha256(b"[")  # repr of a list: its items' reprs, ", " between
    for i, value in enumerate(values):
        if i:
            found.update(b", ")
        found.update(value.data)
    found.update(b"]")
    return found.hexdigest()[:16]


@functools.lru_cache(maxsize=64)
def _labelled(name: str, part: str) -> _Written:
    """Return a part's form as the fingerprint counts it: repr((label, form)), the label its
    name without folder and number ("header"), since Word may number headers anew."""
    label = re.sub(r"\d*\.xml$", "", posixpath.basename(name))
    return _Written(f"({label!r}, {part})")


def _parse(data: bytes) -> Any:
    if not data:
        return None
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        return None
    return _clean(root) if _unclean(data) else root


# What _clean removes can only be there when one of these is: a part remissgen wrote has none.
_UNCLEAN_WORDS = (b"proofErr", b"lastRenderedPageBreak", b"lang", b"noProof", b"_GoBack", b"<!")
_EMPTY_PROPERTIES = re.compile(rb"<(?:[\w.-]+:)?[pr]Pr(?:\s*/>|>\s*</)")
_EMPTY_END = re.compile(rb"Pr(?:\s*/>|>\s*</)")
"""How every empty property ends: searched from its literal start, where _EMPTY_PROPERTIES is
tried at every tag (a sixth of a header's fingerprint), so that it is tried only after."""


def _unclean(data: bytes) -> bool:
    """Return whether `data` may hold what _clean removes (never wrong in the other way)."""
    return (any(word in data for word in _UNCLEAN_WORDS) or data.find(b"<?", 1) != -1
            or (_EMPTY_END.search(data) is not None
                and _EMPTY_PROPERTIES.search(data) is not None))


class _Relationships:
    """Each part's relationship ids → what they point to (a media part by its bytes' digest)."""

    def __init__(self, members: Mapping[str, bytes]) -> None:
        self.members = members
        self.known: dict[str, dict[str, str]] = {}

    def of(self, part: str) -> dict[str, str]:
        """Return the relationships of `part` (read once per document; do not change it)."""
        found = self.known.get(part)
        if found is None:
            found = self.known[part] = self._read(part)
        return found

    def _read(self, part: str) -> dict[str, str]:
        found: dict[str, str] = {}
        for rid, path, media in _targets(part, self.members.get(_rels_name(part), b"")):
            data = self.members.get(path) if media else None
            found[rid] = _media_digest(data) if data is not None else path
        return found  # an id that points nowhere stays as it is


@functools.lru_cache(maxsize=64)
def _rels_name(part: str) -> str:
    """Return the name of the part that holds `part`'s relationships."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


@functools.lru_cache(maxsize=128)
def _targets(part: str, rels: bytes) -> tuple[tuple[str, str, bool], ...]:
    """Return (id, what it points to, whether that is read as media: a part of the package
    not ending in .xml) of each relationship of `part`, read once by content."""
    folder = posixpath.dirname(part)
    out = []
    for rid, target, external in _rel_entries(rels):
        if external:
            out.append((rid, "extern:" + target, False))
            continue
        path = posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
        out.append((rid, path, not path.endswith(".xml")))
    return tuple(out)


@functools.lru_cache(maxsize=64)
def _rel_entries(data: bytes) -> tuple[tuple[str, str, bool], ...]:
    """Return (id, target, external) of each relationship in a .rels part, read once by content."""
    root = _parse(data)
    if root is None:
        return ()
    return tuple((rel.get("Id", ""), rel.get("Target", ""), rel.get("TargetMode") == "External")
                 for rel in root)


@functools.lru_cache(maxsize=32)
def _media_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


@functools.lru_cache(maxsize=64)
def _part(data: bytes, rels: tuple[tuple[str, str], ...]) -> str | None:
    """Return the repr of a part other than the body in canonical form, or None if it is
    not XML.

    Kept by content: the parts that come from the template (styles, numbering, theme, most
    of a header) are the same bytes in every document of a batch, read once per process.
    A part that differs only in its words (a header filled in for each case) is read once
    per skeleton (`_by_skeleton`).
    """
    found = _by_skeleton(data, rels)
    if found is not None:
        return found
    root = _parse(data)
    return None if root is None else repr(_canonical(root, dict(rels)))


_PLAIN_T = re.compile(rb'(<w:t(?: xml:space="preserve")?>)([^<]*)</w:t>')
_SLOT = "\ue000"  # what each w:t holds in a skeleton
_SLOT_REPR = repr(_SLOT)
_ODD_TEXT = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos);)|\r|]]>")
_DECLARED = re.compile(rb"<\?xml[^>]*encoding=", re.I)
_SKELETONS: dict[tuple[bytes, tuple[tuple[str, str], ...]], list[str] | None] = {}


def _by_skeleton(data: bytes, rels: tuple[tuple[str, str], ...]) -> str | None:
    """Return `repr(_canonical(...))` of a part by its skeleton, or None when it is read whole.

    The skeleton is the part with the text of each plain w:t replaced by a stand-in; its
    canonical form, written with the stand-ins, is cut at them once, and a part of that
    skeleton is its pieces with the repr of each w:t's text between. A part whose words
    XML would read otherwise (an entity other than the five, a character reference, a
    carriage return, `]]>`, a character XML refuses, the stand-in itself, text past
    LONGEST) or that the noise removal would touch is read whole.
    """
    if _unclean(data) or len(data) > 4 * LONGEST or (
            _DECLARED.match(data) and not re.match(rb"<\?xml[^>]*encoding=.UTF-8.", data, re.I)):
        return None  # (its words are read as UTF-8 here)
    texts: list[bytes] = []

    def cut(m: re.Match[bytes]) -> bytes:
        texts.append(m.group(2))
        return m.group(1) + _SLOT.encode() + b"</w:t>"

    skeleton = _PLAIN_T.sub(cut, data)
    if not texts:
        return None
    key = (skeleton, rels)
    if key not in _SKELETONS:
        if len(_SKELETONS) > 256:
            _SKELETONS.clear()
        _SKELETONS[key] = _pieces(skeleton, rels, len(texts))
    pieces = _SKELETONS[key]
    if pieces is None:
        return None
    # the words read together, `<` between (no w:t text holds one, none of the checks reads
    # it, and no UTF-8 sequence or entity can run across it): a check fails for them all
    # exactly when it fails for one of them
    raw = b"<".join(texts)
    if _ODD_TEXT.search(raw):
        return None
    try:
        words = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if ooxml.refuses(words):
        return None
    out = [pieces[0]]
    for text, piece in zip(words.split("<"), pieces[1:], strict=True):
        if "&" in text:
            text = (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
                    .replace("&apos;", "'").replace("&amp;", "&"))
        out += [repr(text), piece]
    return "".join(out)


def _pieces(skeleton: bytes, rels: tuple[tuple[str, str], ...], count: int) -> list[str] | None:
    """Return the canonical form's repr of `skeleton` cut at its `count` stand-ins, or None
    when they are not exactly its w:t elements holding the stand-in."""
    root = _parse(skeleton)
    if root is None or sum(1 for el in root.iter() if el.text == _SLOT) != count or sum(
            1 for el in root.iter(f"{W}t") if el.text == _SLOT) != count:
        return None
    pieces = repr(_canonical(root, dict(rels))).split(_SLOT_REPR)
    return pieces if len(pieces) == count + 1 else None


class _Written:
    """A value whose repr is already known: digested as the value itself would be."""

    __slots__ = ("_data", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._data: bytes | None = None

    @property
    def data(self) -> bytes:
        """Return the repr as UTF-8, encoded once."""
        if self._data is None:
            self._data = self.text.encode("utf-8")
        return self._data

    def __repr__(self) -> str:
        return self.text


@functools.lru_cache(maxsize=16)
def _heading_styles(part: bytes) -> frozenset[str]:
    """Return the ids of the styles that are headings (named "heading N", or with a level)."""
    root = _parse(part)
    found: set[str] = set()
    if root is None:
        return frozenset()
    for style in root.iter(f"{W}style"):
        name = style.find(f"{W}name")
        named = name is not None and styles.key(name.get(f"{W}val") or "").startswith(
            styles.HEADING_PREFIX.rstrip())
        if named or style.find(f"{W}pPr/{W}outlineLvl") is not None:
            found.add(style.get(f"{W}styleId") or "")
    return frozenset(found)


def _sections(document: Any, headings: frozenset[str]) -> Iterator[tuple[str, list[str]]]:
    """Yield (title, paragraph texts) of each body section, a heading starting a new one."""
    title, texts = "", list[str]()
    body = document.find(_BODY)
    for p in body.iter(_P) if body is not None else ():
        text = _paragraph_text(p)
        if _starts_section(p, headings):
            yield title, texts
            title, texts = text, []
        texts.append(text)
    yield title, texts


def _starts_section(p: Any, headings: frozenset[str]) -> bool:
    """Return whether paragraph `p` is a heading: its (first) w:pStyle names a heading
    style, or it has an outline level."""
    style, level = None, False
    for ppr in p.iterchildren(_PPR):
        if style is None:
            style = next(ppr.iterchildren(_PSTYLE), None)
        if not level:
            for _ in ppr.iterchildren(_OUTLINE):
                level = True
                break
    return level or (style is not None and style.get(_VAL) in headings)


def _paragraph_text(p: Any) -> str:
    out = []
    for el in p.iter(_T, _TAB, _BR, _CR, _NBH, _DEL):
        tag = el.tag
        if tag == _T:
            out.append(el.text or "")
        elif tag == _DEL:
            out.append("\x7f" + (el.text or ""))
        elif tag == _TAB:
            out.append("\t")
        elif tag == _NBH:
            out.append("\u2011")
        elif tag == _CR or el.get(_TYPE) in (None, "textWrapping"):
            out.append("\n")  # a page or column break (w:br with another type) is formatting
    return "".join(out)


def _clean(root: Any) -> Any:
    """Return `root` with what Word rewrites removed: proofing marks, `_GoBack`, empty properties."""
    goback = {b.get(f"{W}id") for b in root.iter(f"{W}bookmarkStart") if b.get(f"{W}name") == "_GoBack"}
    for el in list(root.iter()):
        drop = (not isinstance(el.tag, str) or el.tag in _DROPPED
                or (el.tag in (f"{W}bookmarkStart", f"{W}bookmarkEnd") and el.get(f"{W}id") in goback))
        if drop and el.getparent() is not None:
            el.getparent().remove(el)
    for el in list(root.iter(f"{W}pPr", f"{W}rPr")):
        if not len(el) and not el.attrib and el.getparent() is not None:
            el.getparent().remove(el)  # an empty property element says nothing
    return root


_SKELETON = rb"<w:t(?: [^>]*)?(?:/>|>[^<]*</w:t>)"  # compiled by re when a .docx is read
_FORMS: dict[tuple[tuple[tuple[str, str], ...], bytes], str] = {}  # skeleton → repr of its form


def _body_format(body: Any, rels: Mapping[str, str]) -> _Written:
    """Return the body's formatting, `_canonical(body, rels, strip=True)`, by its repr.

    Each child's form is kept by its skeleton: its XML with the w:t elements left out,
    which the formatting never reads. Paragraphs that differ only in their words (most of
    a document, and of a batch) are put in canonical form once.
    """
    key_rels = tuple(sorted(rels.items()))
    items: list[str] = []
    last: Any = None
    for child in body:
        ctag = child.tag
        if ctag in _OTHER_KINDS or ctag in _TEXTUAL or (
                ctag == _BR and child.get(_TYPE) in (None, "textWrapping")):
            continue  # as _canonical leaves them out of the formatting
        key = (key_rels, re.sub(_SKELETON, b"", etree.tostring(child, with_tail=False)))
        form = _FORMS.get(key)
        if form is None:
            item = _canonical(child, rels, True)
            form = "" if item is None else repr(item)
            if len(_FORMS) > 4096:
                _FORMS.clear()
            _FORMS[key] = form
        if not form or (ctag == _R_TAG and items and form == last):
            continue
        items.append(form)
        last = form
    attrs = tuple(sorted(
        (k, rels.get(v, v) if k.startswith(_R) else v) for k, v in body.items()
        if k not in _DROPPED_ATTRS and not k.startswith(_RSID)))
    children = ("()" if not items else f"({items[0]},)" if len(items) == 1
                else "(" + ", ".join(items) + ")")
    return _Written(f"({body.tag!r}, {attrs!r}, {(body.text or '').strip()!r}, {children})")


def _canonical(el: Any, rels: Mapping[str, str], strip: bool = False) -> object:
    """Return `el` as nested tuples: tag, attributes (rsids and paraIds left out, relationship
    ids replaced by their targets), text and children.

    With `strip`, the text itself and what other kinds count (page setup, images, comment
    marks) are left out too, and adjacent runs of equal formatting become one: what remains
    is the formatting.
    """
    tag = el.tag
    attrs: tuple[tuple[str, str], ...] = ()
    items = el.items()
    if items:
        kept = []
        for k, v in items:
            if k in _DROPPED_ATTRS or k.startswith(_RSID):
                continue
            kept.append((k, rels.get(v, v) if k.startswith(_R) else v))
        kept.sort()
        attrs = tuple(kept)
    children: list[object] = []
    other_kind = False
    for child in el:
        ctag = child.tag
        if strip:
            if ctag in _OTHER_KINDS:
                other_kind = True
                continue
            if ctag in _TEXTUAL or (ctag == _BR and child.get(_TYPE) in (None, "textWrapping")):
                continue
        item = _canonical(child, rels, strip)
        if item is None:
            other_kind = True
            continue
        if strip and children and ctag == _R_TAG and item == children[-1]:
            continue  # Word's split of a run
        children.append(item)
    if strip and other_kind and tag in _RUN_OR_P and all(
            c[0] in _PROPS for c in children if isinstance(c, tuple)):
        return None  # a run that only held what other kinds count
    text = ("" if strip else el.text) if tag in _TEXT_TAGS else (el.text or "").strip()
    return (tag, attrs, text or "", tuple(children))
