"""Word template + blocks → the bytes of a .docx; each template is prepared once for each
content it has (filecache), so an edited template is read again."""

import datetime as dt
import functools
import io
import itertools
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from lxml import etree

from .. import filecache, jinja, limits, safezip
from ..blocks import Block, Columns, Heading, ListBlock, Paragraph, Run
from ..errors import InvalidInput, Location, Problem
from . import bodyprint, fingerprint, images, ooxml, styles, zipwriter
from .numbering import INDENT, Lists
from .ooxml import A_NS, COMMENTS_REL, IMAGE_REL, PIC_NS, R_NS, REL_NS, W_NS, WP_NS, W

LOGO = "\x00logotyp\x00"
_MARK = re.compile(r"<!--remissgen:(\d+)-->")
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_ILLEGAL = ooxml.REFUSED
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})


def escape(text: str) -> str:
    """Return `text` safe as XML character data (illegal control characters dropped)."""
    if ooxml.refuses(text):
        text = _ILLEGAL.sub("", text)
    return _escape_legal(text)


def _escape_legal(text: str) -> str:
    """Return `escape(text)` of a text known to hold no character XML refuses."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    return text.replace(">", "&gt;") if ">" in text else text


class DynamicParagraph(NamedTuple):
    """A template paragraph whose text holds Jinja: its properties, its text as written and
    compiled, and the run formatting (w:rPr) its output takes: `rprs[0]` from the start, and
    `rprs[n]` after each format mark (FORMAT, number n) the compiled text puts out."""

    ppr: str
    rpr: str
    source: str
    template: jinja2.Template
    rprs: tuple[str, ...] = ("",)
    part: str = ""  # the template's part it stands in (word/header1.xml), for errors
    number: int = 0  # its number among the part's paragraphs, from 1, as `jinja_paragraphs`
    reads: frozenset[str] | None = None  # every name its text holds (None: not known)


FORMAT = re.compile("\x04(\\d+)\x05")
"""A format mark in a rendered placeholder paragraph: the runs after it take rprs[number]."""


Segment = str | DynamicParagraph


class Template(NamedTuple):
    """A Word template read and prepared once: members, style ids, parts split at Jinja."""

    path: Path
    members: dict[str, bytes]
    style_ids: dict[str, str]
    parts: dict[str, list[Segment]]
    body: tuple[str, str]
    lists: Lists
    logo_parts: tuple[str, ...]
    accent: str | None = None  # the template's own accent colour, replaced by the case's `färg`
    paragraph_after: str | None = None  # Normal's space after, given to a list's last item
    entries: Mapping[str, zipwriter.Entry] = MappingProxyType({})  # members deflated once
    names: frozenset[str] = frozenset()  # the top-level names the placeholders read
    sectpr: str = ""  # the body's last section properties, copied for each section break
    filled: "dict[object, Filled] | None" = None  # placeholder paragraphs kept by their values

    def style(self, name: str) -> str:
        """Return the style id for a style name (as Word names it), or the name itself."""
        return self.style_ids.get(name.lower(), name.replace(" ", ""))


def normalise_tags(source: str) -> str:
    """Return `source` with Word's typographic quotes inside Jinja tags made straight."""
    return _TAG.sub(lambda m: m.group().translate(_QUOTES), source)


def jinja_paragraphs(members: dict[str, bytes]) -> list[tuple[str, int, str]]:
    """Return (part, paragraph number from 1, text) of each paragraph holding Jinja.

    Parts are the body (word/document.xml), headers and footers; a paragraph's text is its
    runs merged, so a placeholder Word split across runs reads whole.
    """
    out = []
    for name, data in members.items():
        if not re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
            continue
        for i, p in enumerate(etree.fromstring(data).iter(f"{W}p"), start=1):
            source = paragraph_text(p)
            if "{{" in source or "{%" in source:
                out.append((name, i, normalise_tags(source)))
    return out


def style_names(members: dict[str, bytes]) -> set[str]:
    """Return the names of the template's styles, lower case as Word stores built-ins."""
    return set(_style_ids(members["word/styles.xml"]))


_ACCENT = re.compile(r'name="remissgen-färg"[^>]*>\s*<vt:lpwstr>#?([0-9A-Fa-f]{6})</vt:lpwstr>')


def _accent(members: dict[str, bytes]) -> str | None:
    found = _ACCENT.search(members.get("docProps/custom.xml", b"").decode("utf-8"))
    return found.group(1).upper() if found else None


def _recolour(xml: str, old: str, new: str) -> str:
    """Return `xml` with every colour attribute `old` (hex, no '#') set to `new`."""
    return re.sub(rf'(w:(?:color|val|fill)=")({old})"', lambda m: f'{m.group(1)}{new}"', xml,
                  flags=re.I)


_PREPARED: filecache.Cache[Template] = filecache.Cache()


def load_template(path: Path) -> Template:
    """Return the prepared template at `path`, prepared again only when its content changed."""
    return _PREPARED.get(path, lambda data: _prepare(path, data))


def _prepare(path: Path, data: bytes) -> Template:
    members = safezip.read_members(io.BytesIO(data))  # within limits, even if not checked
    env = jinja.word_sandbox()
    parts = {name: _split_part(data, env, name) for name, data in members.items()
             if re.fullmatch(r"word/(header|footer)\d*\.xml", name)}
    logo_parts = tuple(name for name, segs in parts.items()
                       if any(isinstance(s, DynamicParagraph) and "logotyp" in s.source
                              for s in segs))
    before, after, sectpr = _split_body(members["word/document.xml"])
    return Template(path, members, _style_ids(members["word/styles.xml"]), parts,
                    (before, after),
                    Lists(members["word/numbering.xml"].decode("utf-8")), logo_parts, _accent(members),
                    _paragraph_after(members["word/styles.xml"]),
                    {name: zipwriter.keep_headers(zipwriter.deflate(name, data))
                     for name, data in members.items()},
                    _names(parts), sectpr, {})


def _names(parts: dict[str, list[Segment]]) -> frozenset[str]:
    """Return the names the template's placeholders read, so only those are filled in."""
    sources = [s.source for segments in parts.values() for s in segments
               if isinstance(s, DynamicParagraph)]
    return frozenset(name for source in sources
                     for name in jinja.names(jinja.parsed(source)))


def paragraph_text(p: Any) -> str:
    """Return a w:p element's text, tabs as '\\t' and breaks as '\\n'."""
    out = []
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br"):
        if el.tag == f"{W}t":
            out.append(el.text or "")
        elif el.tag == f"{W}tab" and el.getparent().tag == f"{W}r":
            out.append("\t")
        elif el.tag == f"{W}br":
            out.append("\n")
    return "".join(out)


def _split_part(data: bytes, env: ImmutableSandboxedEnvironment, part: str = ""
                ) -> list[Segment]:
    """Return a header/footer part as static XML and paragraphs to render, in order."""
    root = etree.fromstring(data)
    dynamic: list[DynamicParagraph] = []
    for number, p in enumerate(list(root.iter(f"{W}p")), start=1):
        source, formats = _formatted_text(p)
        if "{{" not in source and "{%" not in source:
            continue
        source = normalise_tags(source)  # one character for one: the formats still fit
        ppr = p.find(f"{W}pPr")
        marked, rprs = _format_marked(source, formats)
        dynamic.append(DynamicParagraph(
            etree.tostring(ppr, encoding="unicode") if ppr is not None else "",
            rprs[0], source, jinja.template(env, marked), rprs, part, number,
            frozenset(n.name for n in jinja.parsed(source).find_all(jinja2.nodes.Name))))
        parent = p.getparent()
        parent.replace(p, etree.Comment(f"remissgen:{len(dynamic) - 1}"))
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    pieces = _MARK.split(xml.decode("utf-8"))
    segments: list[Segment] = []
    for i, piece in enumerate(pieces):
        segments.append(dynamic[int(piece)] if i % 2 else piece)
    return segments


def _formatted_text(p: Any) -> tuple[str, list[str]]:
    """Return a w:p element's text (as paragraph_text) and each character's run formatting
    (its run's w:rPr as XML, "" without one)."""
    out: list[str] = []
    formats: list[str] = []
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br"):
        if el.tag == f"{W}t":
            piece = el.text or ""
        elif el.tag == f"{W}tab" and el.getparent().tag == f"{W}r":
            piece = "\t"
        elif el.tag == f"{W}br":
            piece = "\n"
        else:
            continue
        run = el.getparent()
        rpr = run.find(f"{W}rPr") if run.tag == f"{W}r" else None
        out.append(piece)
        formats += [_plain_prefixes(etree.tostring(rpr, encoding="unicode"))
                    if rpr is not None else ""] * len(piece)
    return "".join(out), formats


_PIECE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


def _format_marked(source: str, formats: list[str]) -> tuple[str, tuple[str, ...]]:
    """Return `source` with a format mark where its output's formatting changes, and the
    formats the marks number; a paragraph of one formatting gets no mark.

    Text keeps the formatting of its characters; a placeholder's value takes the formatting
    of the placeholder's first character, however Word split it into runs. After a `{% %}`
    tag the next output is marked again, since a branch or loop may have skipped the mark
    before it. Marks stay out of the white space a `-` in a tag strips.
    """
    if len(set(formats)) <= 1:
        return source, (formats[0] if formats else "",)
    rprs: list[str] = [formats[0]]
    out: list[str] = []
    current: str | None = None

    def mark(rpr: str) -> str:
        nonlocal current
        current = rpr
        if rpr not in rprs:
            rprs.append(rpr)
        return f"\x04{rprs.index(rpr)}\x05"

    def literal(a: int, b: int, strip_left: bool, strip_right: bool) -> None:
        lo, hi = a, b
        while strip_left and lo < hi and source[lo].isspace():
            lo += 1
        while strip_right and hi > lo and source[hi - 1].isspace():
            hi -= 1
        out.append(source[a:lo])
        for i in range(lo, hi):
            if formats[i] != current:
                out.append(mark(formats[i]))
            out.append(source[i])
        out.append(source[hi:b])

    pos, strip_left = 0, False
    for tag in _PIECE.finditer(source):
        token = tag.group()
        strips_before = token[2:3] == "-"  # `{{-`, `{%-`: the white space before it goes
        literal(pos, tag.start(), strip_left, strips_before)
        if token.startswith("{{") and formats[tag.start()] != current:
            at = len(out) - 1 if strips_before else len(out)  # before that white space
            out.insert(at, mark(formats[tag.start()]))
        out.append(token)
        if not token.startswith("{{"):
            current = None
        pos, strip_left = tag.end(), token[-3:-2] == "-"
    literal(pos, len(source), strip_left, False)
    return "".join(out), tuple(rprs)


def _split_body(data: bytes) -> tuple[str, str, str]:
    """Return document.xml before the body content, after it, and the final sectPr between."""
    root = etree.fromstring(data)
    body = root.find(f"{W}body")
    sectpr = ""
    for child in list(body):
        if child.tag == f"{W}sectPr":
            sectpr = etree.tostring(child, encoding="unicode")
        body.remove(child)
    body.insert(0, etree.Comment("remissgen:body"))
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    before, after = xml.decode("utf-8").split("<!--remissgen:body-->")
    return before, after, _plain_prefixes(sectpr)


def _plain_prefixes(xml: str) -> str:
    """Return an element serialised on its own without the namespace declarations lxml adds."""
    return re.sub(r'\s+xmlns:\w+="[^"]*"', "", xml)


def _style_ids(data: bytes) -> dict[str, str]:
    root = etree.fromstring(data)
    ids = {}
    for style in root.iter(f"{W}style"):
        name = style.find(f"{W}name")
        if name is not None:
            ids[name.get(f"{W}val", "").lower()] = style.get(f"{W}styleId")
    return ids


def _paragraph_after(data: bytes) -> str | None:
    """Return the space after a Normal paragraph in twips (its style, else the defaults)."""
    root = etree.fromstring(data)
    normal = next((s for s in root.iter(f"{W}style") if s.get(f"{W}type") == "paragraph"
                   and s.get(f"{W}default") == "1"), None)
    for where in (normal, root.find(f"{W}docDefaults/{W}pPrDefault")):
        spacing = where.find(f".//{W}pPr/{W}spacing") if where is not None else None
        after = spacing.get(f"{W}after") if spacing is not None else None
        if after is not None:
            return str(after)
    return None


# --- rendering ---------------------------------------------------------------------------


_RUN_START = {(False, False): "<w:r>", (True, False): "<w:r><w:rPr><w:b/><w:bCs/></w:rPr>",
              (False, True): "<w:r><w:rPr><w:i/><w:iCs/></w:rPr>",
              (True, True): "<w:r><w:rPr><w:b/><w:bCs/><w:i/><w:iCs/></w:rPr>"}


def _run(run: Run, esc: Callable[[str], str] = escape) -> str:
    return f"{_RUN_START[run.bold, run.italic]}{_text_xml(run.text, esc)}</w:r>"


def _text_xml(text: str, esc: Callable[[str], str] = escape) -> str:
    if "\n" not in text and "\t" not in text:  # most runs: one w:t (none when empty)
        return f'<w:t xml:space="preserve">{esc(text)}</w:t>' if text else ""
    parts = []
    for i, line in enumerate(text.split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f'<w:t xml:space="preserve">{esc(piece)}</w:t>')
    return "".join(parts)


class Comment(NamedTuple):
    """A comment on characters start–end of the body's paragraph number `paragraph` (from 0,
    in the order the writer writes paragraphs), with its author and its paragraphs."""

    paragraph: int
    start: int
    end: int
    author: str
    initials: str
    text: tuple[str, ...]


def _marked_runs(runs: tuple[Run, ...], marks: list[tuple[int, Comment]]) -> str:
    """Return the runs' XML with each comment's range start, end and reference in place."""
    total = sum(len(r.text) for r in runs)
    spans = [(i, max(0, min(c.start, total)), min(max(c.end, c.start + 1), total))
             for i, c in marks]
    spans = [(i, a, b) if a < b else (i, 0, total) for i, a, b in spans]
    cuts = sorted({0, total, *(a for _, a, _ in spans), *(b for _, _, b in spans)})
    out: list[str] = []
    pos = 0
    for run in runs:
        end = pos + len(run.text)
        edges = [pos, *(c for c in cuts if pos < c < end), end]
        for a, b in itertools.pairwise(edges):
            out += [f'<w:commentRangeStart w:id="{i}"/>' for i, s, _ in spans if s == a]
            if b > a:
                out.append(_run(run._replace(text=run.text[a - pos:b - pos])))
            out += [f'<w:commentRangeEnd w:id="{i}"/><w:r><w:commentReference w:id="{i}"/>'
                    "</w:r>" for i, _, e in spans if e == b and b > a]
        pos = end
    if total == 0:
        out = [f'<w:commentRangeStart w:id="{i}"/><w:commentRangeEnd w:id="{i}"/>'
               f'<w:r><w:commentReference w:id="{i}"/></w:r>' for i, _, _ in spans]
    return "".join(out)


class Revision(NamedTuple):
    """Tracked changes on the body's paragraph number `paragraph` (as Comment counts): its
    pieces (tag "=", "+" inserted or "-" deleted, and a run), whether the whole paragraph
    is new, and the old paragraphs (runs, style) deleted just before it."""

    paragraph: int
    pieces: tuple[tuple[str, Run], ...] | None = None  # None: the paragraph as it is
    inserted: bool = False
    deleted_before: tuple[tuple[tuple[Run, ...], str], ...] = ()


class Revisions:
    """The tracked changes of a document: by paragraph, with their author and date, and the
    old paragraphs deleted after the last one; ids are counted as marks are written."""

    def __init__(self, found: tuple[Revision, ...], author: str, date: str,
                 deleted_at_end: tuple[tuple[tuple[Run, ...], str], ...] = ()) -> None:
        self.by_paragraph = {r.paragraph: r for r in found}
        self.deleted_at_end = deleted_at_end
        self.author = author
        self.date = date
        self.next_id = 1

    def attrs(self) -> str:
        """Return the w:id, w:author and w:date attributes of a new mark."""
        self.next_id += 1
        return (f'w:id="{self.next_id}" w:author="{escape(self.author)}" '
                f'w:date="{self.date}"')

    def deleted_paragraph(self, runs: tuple[Run, ...], ppr: str) -> str:
        """Return an old paragraph, all of it (its mark too) deleted."""
        mark = f"<w:rPr><w:del {self.attrs()}/></w:rPr>"
        ppr = ppr.replace("</w:pPr>", f"{mark}</w:pPr>")
        return f"<w:p>{ppr}{''.join(self.deleted(r) for r in runs)}</w:p>"

    def deleted(self, run: Run) -> str:
        """Return a run marked deleted (its text as w:delText)."""
        xml = _run(run).replace("<w:t ", "<w:delText ").replace("</w:t>", "</w:delText>")
        return f"<w:del {self.attrs()}>{xml}</w:del>"

    def inserted(self, run: Run) -> str:
        """Return a run marked inserted."""
        return f"<w:ins {self.attrs()}>{_run(run)}</w:ins>"


class _Body:
    """Accumulates body XML, its section breaks and the numbering instances its lists need."""

    def __init__(self, template: Template, comments: tuple[Comment, ...] = (),
                 revisions: Revisions | None = None) -> None:
        self.t = template
        self.xml: list[str] = []  # one w:p each
        self.read: list[tuple[str, str]] = []  # each one's style id and text read back
        self.skeletons: list[str | None] = []  # each one without its w:t (None: not known)
        self.breaks: list[str] = []  # the section breaks put in them, in order
        self.nums: list[str] = []
        self.next_num = template.lists.next_num
        self.cols = 1  # the column count of the section being written
        self.count = 0  # paragraphs written so far
        self.comments: dict[int, list[tuple[int, Comment]]] = {}
        for i, comment in enumerate(comments):
            self.comments.setdefault(comment.paragraph, []).append((i, comment))
        self.revisions = revisions
        self.sids: dict[str, str] = {}  # style name → id, as the template says

    def paragraph(self, runs: tuple[Run, ...], style: str, numpr: str = "",
                  keep_with_next: bool = False, lead: str = "") -> None:
        keep = "<w:keepNext/>" if keep_with_next else ""
        sid = self.sids.get(style)
        if sid is None:
            sid = self.sids[style] = self.t.style(style)
        ppr = f'<w:pPr><w:pStyle w:val="{sid}"/>{keep}{numpr}</w:pPr>'
        marks = self.comments.get(self.count)
        revision = self.revisions.by_paragraph.get(self.count) if self.revisions else None
        self.count += 1
        if revision is not None and self.revisions is not None:
            self.tracked(revision, self.revisions, sid, ppr, lead)
            return
        text = runs[0].text if len(runs) == 1 else "".join([r.text for r in runs])
        if marks or ooxml.refuses(text):
            content = _marked_runs(runs, marks) if marks else "".join([_run(r) for r in runs])
            read = bodyprint.read_back(text)
        else:  # the paragraph's text searched once, not each run's again as escape does
            read = text.replace("\r", "\n") if "\r" in text else text  # as read_back
            if "\n" not in text and "\t" not in text:  # each run one w:t (or none) and no more
                self.xml.append(f"<w:p>{ppr}{lead}{_plain_runs(runs, text)}</w:p>")
                self.read.append((sid, read))
                self.skeletons.append(f"<w:p>{ppr}{lead}{_skeleton_runs(runs)}</w:p>")
                return
            content = "".join([_run(r, _escape_legal) for r in runs])
        self.xml.append(f"<w:p>{ppr}{lead}{content}</w:p>")
        self.read.append((sid, read))
        self.skeletons.append(None)

    def deleted_paragraph(self, marks: Revisions, runs: tuple[Run, ...], style: str) -> None:
        """Write an old paragraph, all of it deleted."""
        sid = self.t.style(style)
        self.xml.append(marks.deleted_paragraph(
            runs, f'<w:pPr><w:pStyle w:val="{sid}"/></w:pPr>'))
        self.read.append((sid, "".join(bodyprint.read_back_deleted(r.text) for r in runs)))
        self.skeletons.append(None)

    def tracked(self, revision: Revision, marks: Revisions, sid: str, ppr: str,
                lead: str = "") -> None:
        """Write a paragraph with its tracked changes, after the old ones deleted before it."""
        for runs, style in revision.deleted_before:
            self.deleted_paragraph(marks, runs, style)
        if revision.inserted:
            ppr = ppr.replace("</w:pPr>", f"<w:rPr><w:ins {marks.attrs()}/></w:rPr></w:pPr>")
        content, read = [], []
        for tag, run in revision.pieces or ():
            content.append(_run(run) if tag == "=" else marks.inserted(run) if tag == "+"
                           else marks.deleted(run))
            read.append(bodyprint.read_back_deleted(run.text) if tag == "-"
                        else bodyprint.read_back(run.text))
        self.xml.append(f"<w:p>{ppr}{lead}{''.join(content)}</w:p>")
        self.read.append((sid, "".join(read)))
        self.skeletons.append(None)

    def finish(self) -> None:
        """Write the old paragraphs deleted after the last one."""
        if self.revisions is not None:
            for runs, style in self.revisions.deleted_at_end:
                self.deleted_paragraph(self.revisions, runs, style)

    def block(self, block: Block) -> None:
        if isinstance(block, Columns):
            self.columns(block)
            return
        if self.cols > 1:  # the text after a column block is a one-column section again
            self.end_section()
        if isinstance(block, Heading):
            self.paragraph((Run(block.text),), styles.heading(block.level))
        elif isinstance(block, Paragraph):
            self.paragraph(block.runs, block.style, keep_with_next=block.keep_with_next)
        else:
            self.list(block)

    def list(self, block: ListBlock) -> None:
        """Write a list's items; each (sub)list gets its own Word list, numbered from 1."""
        open_lists: list[tuple[bool, int]] = []  # per level: (numbered, numId)
        after = self.t.paragraph_after  # after the last item, the usual paragraph gap
        for i, item in enumerate(block.items):
            space = (f'<w:spacing w:after="{after}"/>'
                     if after is not None and i == len(block.items) - 1 else "")
            del open_lists[item.level + 1:]
            if item.continued:
                indent = INDENT * (item.level + 1)
                self.paragraph(item.runs, styles.LIST_CONTINUE, f'{space}<w:ind w:left="{indent}"/>')
                continue
            if len(open_lists) > item.level and open_lists[item.level][0] != item.numbered:
                del open_lists[item.level:]
            while len(open_lists) <= item.level:
                open_lists.append((item.numbered, self.new_num(item.numbered, len(open_lists))))
            numpr = (f'<w:numPr><w:ilvl w:val="{item.level}"/>'
                     f'<w:numId w:val="{open_lists[item.level][1]}"/></w:numPr>{space}')
            if item.level:  # the style's indent is the outer level's: nested ones say theirs
                numpr += (f'<w:ind w:left="{INDENT * (item.level + 1)}" '
                          f'w:hanging="{INDENT}"/>')
            self.paragraph(item.runs, styles.LIST_NUMBER if item.numbered else styles.LIST_BULLET,
                           numpr)

    def new_num(self, numbered: bool, level: int) -> int:
        """Return the numId of a new Word list instance for a (sub)list at `level`."""
        num = self.next_num
        self.next_num += 1
        self.nums.append(self.t.lists.num(num, numbered, level))
        return num

    def columns(self, block: Columns) -> None:
        """Write the block as a continuous section with one column per cell.

        A column break starts each column after the first, so the text reads column by
        column with no table; the section ends where the next block begins. An empty cell
        is one empty paragraph: its column stays, and the next cell's text is not moved in.
        """
        if len(block.cells) < 2:  # one column is the page's own: no section needed
            self.block_paragraphs(block.cells[0] if block.cells else ())
            return
        if self.xml:
            self.end_section()
        for i, cell in enumerate(block.cells):
            for j, p in enumerate(cell or (_EMPTY,)):
                lead = COLUMN_BREAK if i and not j else ""
                self.paragraph(p.runs, p.style, keep_with_next=p.keep_with_next, lead=lead)
        self.cols = len(block.cells)

    def block_paragraphs(self, paragraphs: tuple[Paragraph, ...]) -> None:
        if self.cols > 1:
            self.end_section()
        for p in paragraphs:
            self.paragraph(p.runs, p.style, keep_with_next=p.keep_with_next)

    def end_section(self) -> None:
        """Put a continuous section break (the current column count) in the last paragraph."""
        sectpr = section(self.t.sectpr, self.cols)
        last = self.xml[-1]
        at = last.index("</w:pPr>")
        self.xml[-1] = last[:at] + sectpr + last[at:]
        skeleton = self.skeletons[-1]
        if skeleton is not None:  # the same pPr, which holds no w:t
            at = skeleton.index("</w:pPr>")
            self.skeletons[-1] = skeleton[:at] + sectpr + skeleton[at:]
        self.breaks.append(sectpr)
        self.cols = 1

    def final_section(self) -> str:
        """Return the document's last sectPr: the template's, continuous when the body has
        sections of its own, with the column count of the section it closes."""
        if not self.t.sectpr or (self.cols == 1 and not any("<w:sectPr" in x for x in self.xml)):
            return self.t.sectpr
        return section(self.t.sectpr, self.cols)


COLUMN_BREAK = '<w:r><w:br w:type="column"/></w:r>'
_EMPTY = Paragraph((), styles.NORMAL)  # what an empty column holds
_RUN_END = {key: f"{start}</w:r>" for key, start in _RUN_START.items()}


def _plain_runs(runs: tuple[Run, ...], text: str) -> str:
    """Return `_run(r, _escape_legal)` of each run, joined, for runs without a tab or a line
    break whose joined text is `text`: searched once for what to escape, not run by run."""
    legal = _escape_legal if "&" in text or "<" in text or ">" in text else str
    return "".join([_run(r, legal) for r in runs])


def _skeleton_runs(runs: tuple[Run, ...]) -> str:
    """Return runs as `_run` writes them without their w:t: for runs without a tab or a
    line break, what bodyprint's skeleton of the written runs is."""
    return "".join([_RUN_END[r.bold, r.italic] for r in runs])


_COLS = re.compile(r"<w:cols\b[^>]*?(?:/>|>.*?</w:cols>)", re.S)
_TYPE = re.compile(r"<w:type\b[^>]*/>")
_AFTER_COLS = re.compile(
    r"<w:(?:formProt|vAlign|noEndnote|titlePg|textDirection|bidi|rtlGutter|docGrid|printerSettings)\b")
_AFTER_TYPE = re.compile(r"<w:(?:pgSz|pgMar|paperSrc|pgBorders|lnNumType|pgNumType|cols)\b")


def _cols(sectpr: str, cols: int, gap: int = 113) -> str:
    """Return a w:cols of `cols` columns starting where the layout table's cells started.

    Each column is the text width divided evenly, less a gap of 2 mm (the table's old right
    cell margin) after every column but the last.
    """
    width = re.search(r'<w:pgSz\b[^>]*w:w="(\d+)"', sectpr)
    left = re.search(r'<w:pgMar\b[^>]*w:left="(\d+)"', sectpr)
    right = re.search(r'<w:pgMar\b[^>]*w:right="(\d+)"', sectpr)
    if not (width and left and right):
        return f'<w:cols w:num="{cols}" w:space="{gap}"/>'
    share = (int(width.group(1)) - int(left.group(1)) - int(right.group(1))) // cols
    each = "".join(f'<w:col w:w="{share - gap}" w:space="{gap}"/>' for _ in range(cols - 1))
    return (f'<w:cols w:num="{cols}" w:space="{gap}" w:equalWidth="0">{each}'
            f'<w:col w:w="{share}"/></w:cols>')


@functools.lru_cache(maxsize=64)
def section(sectpr: str, cols: int) -> str:
    """Return the template's sectPr as a continuous section break with `cols` columns (one
    template's few are made once: every document's addressee and signature columns)."""
    body = _TYPE.sub("", sectpr)
    cols_xml = _cols(body, cols) if cols > 1 else '<w:cols w:space="708"/>'
    if _COLS.search(body):
        body = _COLS.sub(cols_xml, body)
    else:
        found = _AFTER_COLS.search(body)
        at = found.start() if found else body.index("</w:sectPr>")
        body = body[:at] + cols_xml + body[at:]
    found = _AFTER_TYPE.search(body)
    at = found.start() if found else body.index("</w:sectPr>")
    return body[:at] + '<w:type w:val="continuous"/>' + body[at:]


class Properties(NamedTuple):
    """The document properties written to docProps/core.xml."""

    title: str
    subject: str
    creator: str
    keywords: str
    date: dt.date
    language: str = "sv-SE"


class Image(NamedTuple):
    """The logo: its bytes, file extension, alt text and size in EMU."""

    data: bytes
    ext: str
    alt: str
    width: int
    height: int


LOGO_MAX_WIDTH_CM = 8.0  # the header's box for the logo: half the text width of an A4 page


def image(path: Path, alt: str, height_cm: float = 1.2,
          max_width_cm: float = LOGO_MAX_WIDTH_CM) -> Image:
    """Return the logo at `path` scaled to `height_cm`, or narrower when that would make it
    wider than `max_width_cm`: always inside the header's box, keeping its proportions."""
    data = limits.read_regular(path, limits.IMAGE_BYTES)  # validation checked it: a regular file
    px_width, px_height = images.size(data) or (1, 1)  # validation refused a broken image
    height = int(height_cm * 360000)
    width = int(height * px_width / max(px_height, 1))
    max_width = int(max_width_cm * 360000)
    if width > max_width:
        width, height = max_width, max(1, int(max_width * px_height / max(px_width, 1)))
    ext = "png" if data.startswith(b"\x89PNG") else "jpeg"
    return Image(data, ext, alt, width, height)


def _drawing(img: Image) -> str:
    a, pic, wp, r = A_NS, PIC_NS, WP_NS, R_NS
    alt = escape(img.alt).replace('"', "&quot;")
    return (
        f'<w:r><w:drawing><wp:inline xmlns:wp="{wp}" distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{img.width}" cy="{img.height}"/>'
        f'<wp:docPr id="1" name="Logotyp" descr="{alt}"/>'
        f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{a}" noChangeAspect="1"/>'
        f'</wp:cNvGraphicFramePr><a:graphic xmlns:a="{a}"><a:graphicData uri="{pic}">'
        f'<pic:pic xmlns:pic="{pic}"><pic:nvPicPr><pic:cNvPr id="0" name="logotyp.{img.ext}" '
        f'descr="{alt}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
        f'<a:blip xmlns:r="{r}" r:embed="rIdLogotyp"/><a:stretch><a:fillRect/></a:stretch>'
        f'</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{img.width}" cy="{img.height}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        f"</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>")


class _Unfilled(Exception):
    """A template paragraph whose placeholders could not be filled, and why."""

    def __init__(self, paragraph: DynamicParagraph, exc: Exception) -> None:
        super().__init__(paragraph.source)
        self.paragraph = paragraph
        self.exc = exc


def _render_part(segments: list[Segment], context: dict[str, Any],
                 img: Image | None, renames: dict[str, str] | None = None,
                 kept: "dict[object, Filled] | None" = None) -> str:
    """Return a header or footer part with its placeholder paragraphs filled in from
    `context` (one whose placeholders are all empty left out), each taken from `kept` when
    a paragraph read the same values before (see `_paragraph_filled`)."""
    out = []
    logo = None if img is None else (img.ext, img.alt, img.width, img.height)
    shared = (tuple((renames or {}).items()), logo)
    for seg in segments:
        if isinstance(seg, str):
            out.append(seg)
        else:
            out.append(_paragraph_filled(seg, context, img, renames, kept, shared))
    return "".join(out)


class Filled(NamedTuple):
    """A placeholder paragraph's XML as filled in ("" when left out), and what filling it
    counted against the document's budget (output characters, loop steps)."""

    xml: str
    chars: int
    steps: int


def _paragraph_filled(seg: DynamicParagraph, context: dict[str, Any], img: Image | None,
                      renames: dict[str, str] | None, kept: dict[object, Filled] | None,
                      shared: tuple[object, ...]) -> str:
    """Return `_paragraph_xml` of a placeholder paragraph, kept by the values it reads.

    Its output depends only on the context's values of the names its text holds (the
    sandbox has no random or time of its own), the logo and the property renames: the
    paragraphs that stay the same from case to case (the förvaltning, the footer lines) are
    filled once. What their filling counted is charged to the budget as the renders would
    count it; when that would pass a limit, or a value is not one the key knows, the
    paragraph is filled anew (and the limit says so as before).
    """
    key = _paragraph_key(seg, context, shared) if kept is not None else None
    found = kept.get(key) if kept is not None and key is not None else None
    before = jinja.spent()
    if found is not None and before is not None and (
            before[0] + found.chars <= limits.JINJA_DOCUMENT_CHARS
            and before[1] + found.steps <= limits.JINJA_LOOP_STEPS):
        jinja.charge(found.chars, found.steps)
        return found.xml
    xml = _paragraph_xml(seg, context, img, renames)
    after = jinja.spent()
    if kept is not None and key is not None and before is not None and after is not None:
        if len(kept) > 1024:
            kept.clear()
        kept[key] = Filled(xml, after[0] - before[0], after[1] - before[1])
    return xml


def _paragraph_key(seg: DynamicParagraph, context: dict[str, Any],
                   shared: tuple[object, ...]) -> object:
    """Return what a placeholder paragraph's output depends on, or None when not known."""
    if seg.reads is None:
        return None
    values = []
    for name in sorted(seg.reads):
        value = _frozen(context[name]) if name in context else _ABSENT
        if value is _UNKNOWN:
            return None
        values.append((name, value))
    return (id(seg), tuple(values), shared)


_UNKNOWN, _ABSENT = object(), object()
_SCALARS = (str, int, bool, type(None))


def _frozen(value: object) -> object:
    """Return a placeholder value (text, number, list, mapping) as a hashable key that equals
    another only when the two print the same, or _UNKNOWN for a value of another kind."""
    kind = type(value)
    if kind in _SCALARS:
        return (kind, value)
    if kind is float:
        return (kind, repr(value))  # 0.0 and -0.0 are equal and print apart
    if isinstance(value, dict) and kind is dict:
        pairs: Any = value.items()
    elif isinstance(value, list | tuple) and kind in (list, tuple):
        pairs = enumerate(value)
    else:
        return _UNKNOWN
    items = []
    for k, v in pairs:
        item = _frozen(v)
        if item is _UNKNOWN or type(k) not in _SCALARS:
            return _UNKNOWN
        items.append((type(k), k, item))
    return (kind, tuple(items))


def _paragraph_xml(seg: DynamicParagraph, context: dict[str, Any], img: Image | None,
                   renames: dict[str, str] | None) -> str:
    """Return a placeholder paragraph filled in from `context`, or "" when its placeholders
    are all empty."""
    try:
        rendered = jinja.render(seg.template, context)
    except Exception as exc:  # a checked template can still fail: `{{ datum + 1 }}`
        raise _Unfilled(seg, exc) from None
    if not FORMAT.sub("", jinja.FIELD.sub(r"\2", rendered)).replace("\t", "").strip():
        return ""  # a paragraph whose placeholders are all empty is left out
    runs = []
    for rpr, text in _formatted(rendered, seg.rprs):
        for i, piece in enumerate(text.split(LOGO)):
            if i and img is not None:
                runs.append(_drawing(img))
            runs += _field_runs(piece, rpr, renames or {})
    return f"<w:p>{seg.ppr}{''.join(runs)}</w:p>"


def _formatted(rendered: str, rprs: tuple[str, ...]) -> list[tuple[str, str]]:
    """Return (w:rPr, text) of a rendered paragraph, cut at its format marks; neighbours of
    the same formatting joined."""
    if "\x04" not in rendered:
        return [(rprs[0], rendered)]
    out: list[tuple[str, str]] = []
    rpr = rprs[0]
    for i, part in enumerate(FORMAT.split(rendered)):
        if i % 2:
            rpr = rprs[int(part)]
        elif part and out and out[-1][0] == rpr:
            out[-1] = (rpr, out[-1][1] + part)
        elif part:
            out.append((rpr, part))
    return out


def _field_runs(piece: str, rpr: str, renames: dict[str, str]) -> list[str]:
    """Return the runs of rendered text, each marked property value a DOCPROPERTY field."""
    runs = []
    for j, part in enumerate(jinja.FIELD.split(piece)):
        kind = j % 3  # text, property name, field result
        if kind == 0 and part:
            runs.append(f"<w:r>{rpr}{_text_xml(part)}</w:r>")
        elif kind == 1:
            name = escape(renames.get(part, part)).replace('"', "")
            runs += [f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>',
                     f'<w:r>{rpr}<w:instrText xml:space="preserve"> DOCPROPERTY "{name}" '
                     "\\* MERGEFORMAT </w:instrText></w:r>",
                     f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>']
        elif kind == 2:
            runs += [f"<w:r>{rpr}{_text_xml(part)}</w:r>",
                     f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>']
    return runs


def _core(props: Properties) -> str:
    stamp = f"{props.date.isoformat()}T00:00:00Z"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(props.title)}</dc:title>"
        f"<dc:subject>{escape(props.subject)}</dc:subject>"
        f"<dc:creator>{escape(props.creator)}</dc:creator>"
        f"<cp:keywords>{escape(props.keywords)}</cp:keywords>"
        f"<dc:language>{props.language}</dc:language>"
        f"<cp:lastModifiedBy>{escape(props.creator)}</cp:lastModifiedBy>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>")


_PART_TYPES = {
    "header": "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
    "footer": "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"}
_REFERENCE = re.compile(r'<w:(header|footer)Reference\b[^>]*?w:type="(default|first)"[^>]*?'
                        r'r:id="([^"]+)"')


def _first_page(template: Template, members: dict[str, bytes], document_xml: str,
                parts: dict[str, list[Segment]], contexts: dict[str, dict[str, Any]],
                only: frozenset[str]) -> tuple[str, tuple[str, ...]]:
    """Give the pages after the first a header and footer without what `only` names, and
    return the document XML and the parts that hold the logo.

    A template without a different first page gets one: copies of its header and footer,
    filled in full, referenced as the first page's (w:titlePg); the default ones, seen from
    page 2 on, are filled without the footer lines or the logo.
    """
    rels_name = "word/_rels/document.xml.rels"
    rels = members[rels_name].decode("utf-8")
    targets = dict(re.findall(r'Id="([^"]+)"[^>]*?Target="([^"]+)"', rels))
    targets.update((i, t) for t, i in re.findall(r'Target="([^"]+)"[^>]*?Id="([^"]+)"', rels))
    section = document_xml[document_xml.rindex("<w:sectPr"):]
    found = {(kind, type_): "word/" + targets.get(rid, "").lstrip("/").removeprefix("word/")
             for kind, type_, rid in _REFERENCE.findall(section)}
    without: dict[str, Any] = {name: empty for name, empty in (("sidfot", []), ("logotyp", ""))
                               if name in only}
    logo_parts = list(template.logo_parts)
    has_first = "<w:titlePg" in section and "w:val=\"0\"" not in section.split("<w:titlePg")[1][:12]
    refs = ""
    for kind in ("header", "footer"):
        default = found.get((kind, "default"))
        if default is None or default not in parts:
            continue
        full = contexts[default]
        contexts[default] = {**full, **without}
        if has_first:
            continue
        copy = f"word/{kind}_forsta_sidan.xml"
        parts[copy], contexts[copy] = parts[default], full
        if default in logo_parts:
            logo_parts.append(copy)
        own_rels = default.replace("word/", "word/_rels/") + ".rels"
        if own_rels in members:
            members[copy.replace("word/", "word/_rels/") + ".rels"] = members[own_rels]
        rid = f"rIdForstaSidan{kind.capitalize()}"
        rels = rels.replace("</Relationships>", f'<Relationship Id="{rid}" Type="http://schemas.'
                            f'openxmlformats.org/officeDocument/2006/relationships/{kind}" '
                            f'Target="{copy.removeprefix("word/")}"/></Relationships>')
        types = members["[Content_Types].xml"].decode("utf-8").replace("</Types>", (
            f'<Override PartName="/{copy}" ContentType="{_PART_TYPES[kind]}"/></Types>'))
        members["[Content_Types].xml"] = types.encode("utf-8")
        refs += f'<w:{kind}Reference w:type="first" r:id="{rid}"/>'
    members[rels_name] = rels.encode("utf-8")
    if refs:  # every section the body has (the column sections too) gets the first page
        starts = [m.start() for m in re.finditer(r"<w:sectPr\b", document_xml)]
        for start in reversed(starts):
            open_end = document_xml.index(">", start) + 1
            close = document_xml.index("</w:sectPr>", open_end)
            inner = document_xml[open_end:close]
            where = inner.index("<w:docGrid") if "<w:docGrid" in inner else len(inner)
            inner = refs + inner[:where] + "<w:titlePg/>" + inner[where:]
            document_xml = document_xml[:open_end] + inner + document_xml[close:]
    return document_xml, tuple(logo_parts)


def _with_logo(members: dict[str, bytes], logo_parts: tuple[str, ...], img: Image) -> None:
    """Add the logo's media part, its relationship from each header and its content type."""
    members[f"word/media/logotyp.{img.ext}"] = img.data
    rel = (f'<Relationship Id="rIdLogotyp" Type="{IMAGE_REL}" '
           f'Target="media/logotyp.{img.ext}"/>')
    for part in logo_parts:
        rels_name = part.replace("word/", "word/_rels/") + ".rels"
        rels = members.get(rels_name, (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{REL_NS}"></Relationships>').encode())
        text = rels.decode("utf-8").replace("</Relationships>", rel + "</Relationships>")
        text = text.replace(f'<Relationships xmlns="{REL_NS}"/>',
                            f'<Relationships xmlns="{REL_NS}">{rel}</Relationships>')
        members[rels_name] = text.encode("utf-8")
    types = members["[Content_Types].xml"].decode("utf-8")
    if f'Extension="{img.ext}"' not in types:
        types = types.replace("</Types>", f'<Default Extension="{img.ext}" '
                              f'ContentType="image/{img.ext}"/></Types>')
        members["[Content_Types].xml"] = types.encode("utf-8")


def render(template: Template, blocks: list[Block], context: dict[str, Any],
           props: Properties, img: Image | None = None,
           custom: dict[str, str] | None = None, accent: str | None = None,
           mark: str | None = None, comments: tuple[Comment, ...] = (),
           comment_date: str = "", revisions: Revisions | None = None,
           renames: dict[str, str] | None = None,
           first_page_only: frozenset[str] = frozenset()) -> bytes:
    """Return the .docx bytes: the template with body, numbering, header, footer, properties.

    `mark` (a draft's "UTKAST") becomes the first line of every page header; `comments`
    become Word comments (word/comments.xml) on their paragraphs' characters, dated
    `comment_date` (ISO 8601, so that a build stays byte for byte the same); `revisions`
    are tracked changes (w:ins, w:del) against an older version; `renames` maps remissgen's
    custom property names to the ones the DOCPROPERTY fields are bound to. `first_page_only`
    names what stands on page 1 only ("sidfot", "logotyp"): the other pages' header and
    footer go without it, through Word's own different first page (w:titlePg)."""
    body = _Body(template, comments, revisions)
    for block in blocks:
        body.block(block)
    body.finish()
    members = dict(template.members)
    final = body.final_section()
    document_xml = template.body[0] + "".join(body.xml) + final + template.body[1]
    part_context = dict(context, logotyp=LOGO if img is not None else "")
    parts, contexts = dict(template.parts), dict.fromkeys(template.parts, part_context)
    logo_parts = template.logo_parts
    if first_page_only:
        document_xml, logo_parts = _first_page(template, members, document_xml, parts, contexts,
                                               first_page_only)
    members["word/document.xml"] = document_xml.encode("utf-8")
    members["word/numbering.xml"] = (
        template.lists.head + "".join(body.nums) + template.lists.tail).encode("utf-8")
    for name, segments in parts.items():
        try:
            members[name] = _render_part(segments, contexts[name], img, renames,
                                         template.filled).encode("utf-8")
        except _Unfilled as failed:  # nothing is written: the error names the paragraph
            raise InvalidInput([_unfilled(template, failed)]) from None
    if mark:
        for name in parts:
            if name.startswith("word/header"):
                members[name] = _with_mark(members[name].decode("utf-8"), mark).encode("utf-8")
    if accent and template.accent:  # the case's colour replaces the template's accent
        for name in ("word/styles.xml", *parts):
            members[name] = _recolour(members[name].decode("utf-8"), template.accent,
                                      accent.lstrip("#").upper()).encode("utf-8")
    members["docProps/core.xml"] = _core(props).encode("utf-8")
    if img is not None:
        _with_logo(members, logo_parts, img)
    if comments:
        _with_comments(members, comments, comment_date)
    # the fingerprint last: it covers every part a reader sees (custom properties are not one);
    # the body's share from what was just written, not from reading document.xml again
    written = bodyprint.reader(body.xml, body.read, document_xml, template.body,
                               body.skeletons, None if first_page_only else (
                                   [*body.breaks, final] if final else body.breaks))
    properties = {**(custom or {}), fingerprint.PROPERTY: fingerprint.encode(
        fingerprint.of_members(members, body=written))}
    _custom_links(members)  # its relationship and content type, before the sum
    properties[fingerprint.WRITTEN] = fingerprint.written(members)  # (custom.xml left out)
    _with_custom(members, properties)
    return zipwriter.write(
        template.entries[name] if data is template.members.get(name)
        else zipwriter.deflate_reused(name, data) for name, data in members.items())


def _unfilled(template: Template, failed: _Unfilled) -> Problem:
    """Return the located Swedish problem of a paragraph that could not be filled."""
    from .templating import place_of

    seg = failed.paragraph
    column = min((i for i in (seg.source.find("{{"), seg.source.find("{%")) if i >= 0),
                 default=0) + 1
    return jinja.word_problem(failed.exc, place_of(template.members, seg.part, seg.number),
                              Location(str(template.path), seg.number, column))


COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"


def _with_comments(members: dict[str, bytes], comments: tuple[Comment, ...], date: str) -> None:
    """Add word/comments.xml, its relationship from the document and its content type."""
    when = f' w:date="{date}"' if date else ""
    items = "".join(
        f'<w:comment w:id="{i}" w:author="{escape(c.author)}"{when} '
        f'w:initials="{escape(c.initials)}">'
        + "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
                  for line in c.text) + "</w:comment>"
        for i, c in enumerate(comments))
    members["word/comments.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:comments xmlns:w="{W_NS}">{items}</w:comments>').encode()
    rels_name = "word/_rels/document.xml.rels"
    rels = members[rels_name].decode("utf-8")
    if "comments.xml" not in rels:
        rels = rels.replace("</Relationships>", f'<Relationship Id="rIdKommentarer" '
                            f'Type="{COMMENTS_REL}" Target="comments.xml"/></Relationships>')
        members[rels_name] = rels.encode("utf-8")
    types = members["[Content_Types].xml"].decode("utf-8")
    if "/word/comments.xml" not in types:
        types = types.replace("</Types>", f'<Override PartName="/word/comments.xml" '
                              f'ContentType="{COMMENTS_TYPE}"/></Types>')
        members["[Content_Types].xml"] = types.encode("utf-8")


_HDR = re.compile(r"<w:hdr\b[^>]*>")
MARK_COLOUR = "C00000"  # dark red: 5.9:1 against white, above WCAG's 4.5:1


def _with_mark(header_xml: str, mark: str) -> str:
    """Return a header part with `mark` as its first paragraph: centred, bold, dark red."""
    paragraph = (
        f'<w:p><w:pPr><w:pStyle w:val="{styles.ID[styles.HEADER]}"/><w:jc w:val="center"/></w:pPr>'
        f'<w:r><w:rPr><w:b/><w:bCs/><w:color w:val="{MARK_COLOUR}"/>'
        '<w:spacing w:val="40"/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(mark)}</w:t></w:r></w:p>')
    found = _HDR.search(header_xml)
    if found is None:
        return header_xml
    return header_xml[:found.end()] + paragraph + header_xml[found.end():]


def _with_custom(members: dict[str, bytes], custom: dict[str, str]) -> None:
    """Add docProps/custom.xml with text properties, its relationship and content type."""
    fmtid = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
    props = "".join(
        f'<property fmtid="{fmtid}" pid="{i}" name="{escape(k)}"><vt:lpwstr>{escape(v)}'
        f"</vt:lpwstr></property>" for i, (k, v) in enumerate(sorted(custom.items()), start=2))
    members["docProps/custom.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns='
        '"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt='
        '"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{props}</Properties>").encode()
    _custom_links(members)


def _custom_links(members: dict[str, bytes]) -> None:
    """Add docProps/custom.xml's relationship and content type (when not there yet)."""
    members["_rels/.rels"], members["[Content_Types].xml"] = _with_custom_links(
        members["_rels/.rels"], members["[Content_Types].xml"])


@functools.lru_cache(maxsize=16)
def _with_custom_links(rels_data: bytes, types_data: bytes) -> tuple[bytes, bytes]:
    """Return the package's relationships and content types with docProps/custom.xml's (each
    as it was when it has it), kept by content: a template's are the same every document."""
    rels = rels_data.decode("utf-8")
    if "docProps/custom.xml" not in rels:
        rels_data = rels.replace("</Relationships>", (
            '<Relationship Id="rIdCustom" Type="http://schemas.openxmlformats.org/officeDocument'
            '/2006/relationships/custom-properties" Target="docProps/custom.xml"/>'
            "</Relationships>")).encode("utf-8")
    types = types_data.decode("utf-8")
    if "/docProps/custom.xml" not in types:
        types_data = types.replace("</Types>", (
            '<Override PartName="/docProps/custom.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>')).encode("utf-8")
    return rels_data, types_data
