"""Bytes → YAML nodes with line and column; every scalar stays text, duplicate keys refused.

PyYAML's compose API builds the node graph (the parser's events tied together, with the
start mark of every key and value) and stops there: nothing is constructed, so no YAML 1.1
resolver ever turns `NO` into False, `0712` into 458, `1:30` into 90 or `2021-12-16` into a
date. We copy that graph into our own small Scalar/Sequence/Mapping nodes, which keep the
text exactly as written and a Location, and refuse a duplicate key at its second occurrence
(PyYAML's constructor would silently keep the last one).
"""

import re
import unicodedata
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from . import limits
from .errors import InvalidInput, Location, Problem, problem
from .messages import os_reason, shown, text


class _Untagged:
    """The resolver part of a loader that never constructs: every node's tag is ''.

    PyYAML's composer asks its resolver for each node's tag (a Python regex walk per scalar,
    and two calls per node to track the path), which took a third of composing a case file;
    we read only values, styles and marks, never a tag, so the answer can be ''.
    """

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return ""

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


class _PureLoader(_Untagged, yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
                  yaml.composer.Composer):
    """PyYAML's own composer over nodes without tags (where PyYAML is built without libyaml)."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)


try:  # libyaml's parser and composer: several times faster than PyYAML's, the same marks
    from yaml._yaml import CParser

    class _CLoader(_Untagged, CParser):
        """libyaml's composer over nodes without tags."""

    _Loader: type = _CLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = _PureLoader


MAX_NODES = 100_000
"""More nodes than this (counting every alias expansion) is refused: no case file is that big."""
MAX_DEPTH = 64
"""Deeper nesting than this is refused (a case file is four levels deep)."""


class Scalar(NamedTuple):
    """A scalar exactly as written; `style` is YAML's (None plain, '|', '>', '"', "'")."""

    value: str
    location: Location
    style: str | None = None

    @property
    def is_empty(self) -> bool:
        """Return True for a plain scalar with nothing written (`key:`)."""
        return self.style is None and self.value == ""


class Sequence(NamedTuple):
    """A YAML list."""

    items: tuple["Node", ...]
    location: Location


class Mapping(NamedTuple):
    """A YAML mapping, keys in file order, each key a Scalar with its own location."""

    items: tuple[tuple[Scalar, "Node"], ...]
    location: Location
    keys: dict[str, Scalar]

    def get(self, key: str) -> "Node | None":
        """Return the value node for `key`, or None."""
        for k, v in self.items:
            if k.value == key:
                return v
        return None


Node = Scalar | Sequence | Mapping


class Source(NamedTuple):
    """A read file: its path as the user named it, its text and its root node."""

    path: str
    text: str
    root: Node


def read_text(path: Path, shown: str | None = None) -> str:
    """Return the UTF-8 text of `path` (a BOM accepted), or raise InvalidInput at PATH:1:1."""
    name = shown or str(path)
    where = Location(name)
    try:  # a folder is no regular file, or cannot be opened: asked for only then
        data = limits.read_regular(path, limits.TEXT_FILE_BYTES)
    except FileNotFoundError:
        raise InvalidInput([Problem(where, text("fil_saknas", path=name),
                                    text("fil_saknas_tips"), code="fil-saknas")]) from None
    except limits.NotRegular:
        _not_a_folder(path, where, name)
        raise InvalidInput([problem(where, "fil_inte_vanlig", path=name)]) from None
    except limits.TooLarge as exc:
        raise InvalidInput([problem(where, "fil_för_stor", limit=exc.limit // limits.MB)]) from None
    except OSError as exc:
        _not_a_folder(path, where, name)
        raise InvalidInput([Problem(where, text("fil_oläslig", reason=os_reason(exc)),
                                    code="fil-oläslig")]) from None
    return decode(data, name)


def _not_a_folder(path: Path, where: Location, name: str) -> None:
    """Raise InvalidInput when `path` is a folder."""
    if path.is_dir():
        raise InvalidInput([Problem(where, text("fil_är_mapp", path=name),
                                    text("fil_är_mapp_tips", path=name), code="fil-är-mapp")])


def decode(data: bytes, name: str) -> str:
    """Return `data` decoded as UTF-8, a BOM stripped; name the likely encoding if it is not."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    where = Location(name)
    if data.startswith(b"PK\x03\x04"):
        raise InvalidInput([Problem(where, text("fil_binär", kind=text("binär_zip")),
                                    text("fil_binär_tips"), code="fil-binär")])
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(data):
        encoding = "UTF-16"
    elif b"\x00" in data:
        raise InvalidInput([Problem(where, text("fil_binär", kind=text("binär_okänd")),
                                    text("fil_binär_tips"), code="fil-binär")])
    elif any(0x80 <= b <= 0x9F for b in data):
        encoding = "Windows-1252"
    else:
        encoding = "ISO-8859-1 (Latin-1)"
    raise InvalidInput([Problem(where, text("inte_utf8", encoding=encoding),
                                text("inte_utf8_tips"), code="inte-utf8")])


def _looks_utf16(data: bytes) -> bool:
    """Return True when every other byte of the start is NUL, as in UTF-16 text without a BOM."""
    head = data[:200]
    return len(head) >= 4 and (head[1::2].count(0) > len(head) // 4 or
                               head[0::2].count(0) > len(head) // 4)


_FORBIDDEN_RANGES = ((0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0x7F, 0x84), (0x86, 0x9F),
                     (0xFFFE, 0xFFFF))
"""What YAML forbids in a stream, first and last of each run: C0 controls except tab, LF and
CR; DEL; C1 controls except NEL; U+FFFE and U+FFFF."""
_FORBIDDEN = "[" + "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in _FORBIDDEN_RANGES) + "]"
"""The regex of one forbidden character, compiled when a text is not all Latin-1 (most files
never need it: compiling cost more than reading a case file)."""
_LATIN1_ALLOWED = bytes(sorted(set(range(256)).difference(
    *(range(low, high + 1) for low, high in _FORBIDDEN_RANGES))))


def latin1(text: str) -> bool:
    """Return True when every character of `text` is below U+0100.

    Such a text is composed (NFC) as it stands: no character below U+0100 is a combining
    mark or changes under NFC (its latin-1 bytes are a copy of the string, where
    `unicodedata.is_normalized` looks up every character)."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def composed(text: str) -> bool:
    """Return True if `text` is composed (NFC), as `unicodedata.is_normalized` says."""
    return latin1(text) or unicodedata.is_normalized("NFC", text)


def _has_forbidden(source_text: str) -> bool:
    """Return True when the text holds a character YAML forbids.

    A text of Latin-1 letters only (most Swedish files) is checked as bytes: what is left
    after deleting every allowed byte. The regex reads a character at a time, six times
    slower, and is kept for texts with wider characters."""
    try:
        narrow = source_text.encode("latin-1")
    except UnicodeEncodeError:
        return re.search(_FORBIDDEN, source_text) is not None
    return bool(narrow.translate(None, _LATIN1_ALLOWED))


_NOT_BREAKS = {0x2028: " ", 0x2029: " ", 0x85: " "}
"""Characters PyYAML counts as line breaks and editors do not: each becomes a space (one
character for one, so every column stays), and lines are counted by LF, CRLF and CR only."""


def _without_breaks(source_text: str) -> str:
    """Return the text with U+2028, U+2029 and NEL as spaces (translated only when present:
    a mapping translation reads every character in Python's slow path; `in` finds one
    character at memchr's speed, a regex class at a character per step)."""
    if "\x85" not in source_text and "\u2028" not in source_text and "\u2029" not in source_text:
        return source_text
    return source_text.translate(_NOT_BREAKS)


def parse(source_text: str, name: str) -> Source:
    """Return the Source for YAML text, or raise InvalidInput with every problem found."""
    if not source_text.strip() or _only_comments(source_text):
        raise InvalidInput([Problem(Location(name), text("fil_tom"), text("fil_tom_tips"), code="fil-tom")])
    controls = _control_characters(source_text, name)
    if controls:
        raise InvalidInput(controls)
    try:  # U+2028, U+2029 and NEL are no line breaks to an editor: text, a space here
        node = yaml.compose(_without_breaks(source_text), Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise InvalidInput([_syntax_problem(exc, name, source_text)]) from None
    except yaml.YAMLError:  # a reader error; control characters are caught above
        raise InvalidInput([Problem(Location(name), text("yaml_syntax",
                                                         what=text("yaml_okänt")), code="yaml")]) from None
    if node is None:
        raise InvalidInput([Problem(Location(name), text("fil_tom"), text("fil_tom_tips"), code="fil-tom")])
    converter = _Converter(name, source_text)
    try:
        root = converter.convert(node)
    except _TooLarge as exc:
        raise InvalidInput([exc.problem]) from None
    if converter.problems:
        raise InvalidInput(converter.problems)
    return Source(name, source_text, root)


def read(path: Path, shown: str | None = None) -> Source:
    """Return the Source of the YAML file at `path`, or raise InvalidInput."""
    name = shown or str(path)
    return parse(read_text(path, name), name)


def _only_comments(source_text: str) -> bool:
    """Return True when every line (as str.splitlines counts them) is blank or a comment.

    Read a line at a time, up to the first that is neither (the first line of most files):
    splitting each LF-free piece gives the same lines as splitting the whole text, blank
    ones aside."""
    start = 0
    while True:
        end = source_text.find("\n", start)
        piece = source_text[start:] if end < 0 else source_text[start:end]
        for line in piece.splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                return False
        if end < 0:
            return True
        start = end + 1


def _control_characters(source_text: str, name: str) -> list[Problem]:
    """Return a problem for the first forbidden control character on each line."""
    if not _has_forbidden(source_text):  # the usual file: one scan, no lines made
        return []
    problems = []
    for number, line in enumerate(source_text.split("\n"), start=1):
        found = re.search(_FORBIDDEN, line)
        if found:
            problems.append(Problem(Location(name, number, found.start() + 1),
                                    text("yaml_styrtecken"), text("yaml_styrtecken_tips"),
                                    code="yaml-styrtecken"))
    return problems


def _location(mark: yaml.Mark | None, name: str) -> Location:
    if mark is None:
        return Location(name)
    return Location(name, mark.line + 1, mark.column + 1)


class _TooLarge(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _paragraphs(value: str, style: str | None) -> str:
    """Return a plain or folded (`>`) scalar's value with a blank line kept as a paragraph
    break, as `|` keeps it: YAML folds the blank line to one line break, which rich text
    would read as a space. (Only white space changes: every located character stays.)"""
    if style not in (None, ">") or "\n" not in value.rstrip("\n"):
        return value
    body = value.rstrip("\n")
    return body.replace("\n", "\n\n") + value[len(body):]


_new = tuple.__new__
"""Makes a Scalar, Sequence or Mapping from its fields without the NamedTuple's Python-level
__new__ (the converter makes one per node; the fields are the same, in order)."""


class _Converter:
    """Copies PyYAML's node graph into our nodes, collecting problems as it goes.

    One call per node, dispatched on the node's exact class (the composer makes only
    ScalarNode, SequenceNode and MappingNode): this walk runs for every node of every file.
    """

    def __init__(self, name: str, source_text: str) -> None:
        self.name = name
        self.text = source_text
        self.lines: list[str] | None = None
        self.problems: list[Problem] = []
        self.count = 0
        self.open: set[int] = set()  # the collections being converted: an alias back is a cycle
        self.seen: set[int] = set()  # every collection converted: one seen again is an alias
        self.aliased = False
        # Every text below U+0100 is NFC as it stands (`latin1`): in a Latin-1 file only a
        # double-quoted value, whose escapes can write any character, needs normalizing;
        # checking each value read its every character.
        self.composed = latin1(source_text)

    def convert(self, node: Any) -> Node:  # a yaml.Node: its class is read, not isinstance
        self.count += 1
        mark = node.start_mark
        where = (Location(self.name, mark.line + 1, mark.column + 1) if mark is not None
                 else Location(self.name))
        kind = node.__class__
        if kind is not yaml.ScalarNode:
            self.aliased = self.aliased or id(node) in self.seen
            self.seen.add(id(node))
        if self.count > MAX_NODES:  # an alias bomb, or just a very large file
            raise _TooLarge(problem(where, "yaml_för_stor") if self.aliased
                            else problem(where, "yaml_för_många_delar", limit=MAX_NODES))
        if kind is yaml.ScalarNode:
            value = node.value
            style = node.style or None
            if not (value.isascii() or (self.composed and style != '"')):
                value = unicodedata.normalize("NFC", value)  # keys and text composed, as typed
            if "\n" in value and style in (None, ">"):
                value = _paragraphs(value, style)
            return _new(Scalar, (value, where, style))
        if len(self.open) >= MAX_DEPTH:
            raise _TooLarge(Problem(where, text("yaml_för_djup"), text("yaml_för_djup_tips"),
                                    code="yaml-för-djup"))
        if id(node) in self.open:
            self.problems.append(Problem(where, text("yaml_alias_cykel"), code="yaml-alias-cykel"))
            return Scalar("", where)
        if kind is yaml.MappingNode and node.flow_style and self._unquoted_jinja(mark):
            self.problems.append(Problem(where, text("yaml_jinja_citat"),
                                         text("yaml_jinja_citat_tips"), code="yaml-jinja-citat"))
            return Scalar("", where, "'")
        self.open.add(id(node))
        try:
            if kind is yaml.SequenceNode:
                convert = self.convert
                return _new(Sequence,
                            (tuple([convert(item) for item in node.value]), where))
            assert kind is yaml.MappingNode
            return self.mapping(node, where)
        finally:
            self.open.discard(id(node))

    def mapping(self, node: yaml.MappingNode, where: Location) -> Mapping:
        items: list[tuple[Scalar, Node]] = []
        seen: dict[str, Scalar] = {}
        convert = self.convert
        for key_node, value_node in node.value:
            key = convert(key_node)
            if not isinstance(key, Scalar):
                self.problems.append(Problem(key.location, text("yaml_nyckel_inte_text"),
                                             code="yaml-nyckel-inte-text"))
                continue
            if key.value in seen:
                first = seen[key.value].location.line
                self.problems.append(Problem(
                    key.location, text("yaml_dubblett", key=shown(key.value), first_line=first),
                    text("yaml_dubblett_tips"), code="dubblett-nyckel"))
                continue
            seen[key.value] = key
            items.append((key, convert(value_node)))
        return _new(Mapping, (tuple(items), where, seen))

    def _unquoted_jinja(self, mark: yaml.Mark | None) -> bool:
        """Return True for `key: {{ x }}`: a flow mapping (starting at `mark`) that is really
        a Jinja expression."""
        if mark is None:
            return False
        if self.lines is None:  # split only for a file with a flow mapping
            self.lines = self.text.split("\n")
        line = self.lines[mark.line] if mark.line < len(self.lines) else ""
        return line.startswith(("{{", "{%"), mark.column)


_YAML_PROBLEMS = {
    "mapping values are not allowed": "yaml_kolon_fel",
    "could not find expected ':'": "yaml_kolon_saknas",
    "found character '\\t' that cannot start any token": "yaml_tabb",
    "found a tab character that violates indentation": "yaml_tabb",
    "found unexpected end of stream": "yaml_slut",
    "found unexpected ':'": "yaml_kolon_oväntat",
    "did not find expected key": "yaml_indrag_grupp",
    "did not find expected '-' indicator": "yaml_indrag_lista",
    "expected <block end>, but found '-'": "yaml_listelement",
    "expected <block end>, but found '<block sequence start>'": "yaml_listelement_indrag",
    "expected <block end>, but found '<block mapping start>'": "yaml_indrag_mer",
    "expected <block end>, but found '<scalar>'": "yaml_indrag",
    "found undefined alias": "yaml_alias_saknas",
    "found unknown escape character": "yaml_escape",
    "found character that cannot start any token": "yaml_tecken",
    "did not find expected node content": "yaml_värde_saknas",
    "did not find expected ',' or ']'": "yaml_hakparentes",
    "did not find expected ',' or '}'": "yaml_klammer",
    "found duplicate anchor": "yaml_ankare_dubblett",
    "exceeded maximum nesting depth": "yaml_för_djup",
}


def _syntax_problem(exc: yaml.MarkedYAMLError, name: str, source_text: str) -> Problem:
    """Return the Swedish problem for a PyYAML syntax error, at the line and column it names."""
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or ""
    context = exc.context or ""
    tab = _tab_indent(source_text, mark)
    if tab is not None:  # PyYAML says something else for most of them, in block texts too
        return Problem(Location(name, *tab), text("yaml_syntax", what=text("yaml_tabb")),
                       text("yaml_tabb_tips"), code="yaml-tabb")
    if "expected a single document" in context + problem or "document end" in problem:
        return Problem(_location(mark, name), text("yaml_flera_dokument"), code="yaml-flera-dokument")
    jinja = _jinja_on_line(source_text, mark)
    if jinja is not None:
        return Problem(Location(name, jinja[0], jinja[1]), text("yaml_jinja_citat"),
                       text("yaml_jinja_citat_tips"), code="yaml-jinja-citat")
    if context.startswith("while scanning a quoted scalar"):
        return Problem(_location(exc.context_mark or mark, name),
                       text("yaml_syntax", what=text("yaml_citat")), text("yaml_syntax_tips"), code="yaml")
    if context.startswith(("while parsing a flow sequence", "while parsing a flow mapping")):
        mark = exc.context_mark or mark  # point at the [ or { that is never closed
    if problem.startswith("exceeded maximum nesting depth"):
        return Problem(_location(mark, name), text("yaml_för_djup"), text("yaml_för_djup_tips"),
                       code="yaml-för-djup")
    layout = _layout_problem(source_text, exc, name)
    if layout is not None:
        return layout
    message_id = next((sv for en, sv in _YAML_PROBLEMS.items() if problem.startswith(en)),
                      "yaml_okänt")
    return Problem(_location(mark, name), text("yaml_syntax", what=text(message_id)),
                   text("yaml_syntax_tips"), code="yaml")


_KEY_LINE = r"( *)(?:- +)?([^\s#:'\"-][^:#]*?):(?:\s+(\S.*))?$"
_BLOCK_HEAD = r"( *)(?:- +)?([^\s#:'\"-][^:#]*?):\s+[|>][-+0-9]*\s*(?:#.*)?$"
"""A key's line and a block text's head (`nyckel: |`): regexes compiled only for a syntax
error, by re's own cache."""


def _layout_problem(source_text: str, exc: yaml.MarkedYAMLError, name: str) -> Problem | None:
    """Return the problem of a line whose indentation is wrong, said in the file's own terms:
    a key indented further than the key above it, or a text line under `nyckel: |` that lost
    its indentation. None when the error is something else."""
    lines = source_text.split("\n")
    problem = exc.problem or ""
    mark = exc.problem_mark
    if problem.startswith("mapping values are not allowed") and mark is not None:
        here = re.match(_KEY_LINE, lines[mark.line]) if mark.line < len(lines) else None
        above = _previous(lines, mark.line)
        found = re.match(_KEY_LINE, lines[above]) if above is not None else None
        if (here and found and above is not None and found.group(3)
                and len(here.group(1)) > len(found.group(1))):
            return Problem(Location(name, mark.line + 1, len(here.group(1)) + 1),
                           text("yaml_indragen_längre", key=here.group(2).strip(),
                                above=found.group(2).strip(), line=above + 1),
                           text("yaml_indragen_längre_tips", key=here.group(2).strip(),
                                above=found.group(2).strip()), code="yaml-indrag")
    start = exc.context_mark
    if problem.startswith("could not find expected ':'") and start is not None:
        return _lost_indent(lines, start.line, name)
    return None


def _previous(lines: list[str], index: int) -> int | None:
    """Return the index of the nearest line above `index` that is not blank or a comment
    (`index` may lie past the last LF-separated line: libyaml also counts a lone CR)."""
    for i in range(min(index, len(lines)) - 1, -1, -1):
        if lines[i].strip() and not lines[i].lstrip().startswith("#"):
            return i
    return None


def _lost_indent(lines: list[str], index: int, name: str) -> Problem | None:
    """Return the problem of line `index` when it belongs to a block text above it (the lines
    under `nyckel: |` or `>`) but is not indented like them."""
    if index >= len(lines) or ":" in lines[index]:
        return None
    own = len(lines[index]) - len(lines[index].lstrip(" "))
    for i in range(index - 1, -1, -1):
        line = lines[i]
        if not line.strip():
            continue
        head = re.match(_BLOCK_HEAD, line)
        if head is not None:
            body = [x for x in lines[i + 1:index] if x.strip()]
            indent = min((len(x) - len(x.lstrip(" ")) for x in body), default=0)
            if body and own < indent:
                return Problem(Location(name, index + 1, own + 1),
                               text("yaml_text_indrag", key=head.group(2).strip()),
                               text("yaml_text_indrag_tips", key=head.group(2).strip(),
                                    spaces=indent), code="yaml-indrag")
            return None
        if len(line) - len(line.lstrip(" ")) <= own:
            return None  # a line as little indented that is no block text's: not one
    return None


def _tab_indent(source_text: str, mark: yaml.Mark | None) -> tuple[int, int] | None:
    """Return (line, column) of a tab in the indentation of the error's line, or None."""
    if mark is None:
        return None
    lines = source_text.split("\n")
    if 0 <= mark.line < len(lines):
        line = lines[mark.line]
        indent = line[:len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            return mark.line + 1, indent.index("\t") + 1
    return None


_JINJA_VALUE = r"^\s*(?:-\s+)?(?:[^\s#'\"{][^#]*?:\s+)?(\{[{%])"
"""An unquoted `{{` or `{%` starting a value (a regex compiled only for a syntax error)."""


def _jinja_on_line(source_text: str, mark: yaml.Mark | None) -> tuple[int, int] | None:
    """Return (line, column) of an unquoted `{{` or `{%` that starts a value on the error's line."""
    if mark is None:
        return None
    lines = source_text.split("\n")
    for number in (mark.line, mark.line - 1):
        if 0 <= number < len(lines):
            found = re.search(_JINJA_VALUE, lines[number])
            if found and not lines[number].lstrip().startswith("#"):
                return number + 1, found.start(1) + 1
    return None
