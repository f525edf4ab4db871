"""Reading YAML by the fast path gives what the plain path gave (issue 19).

`source.parse` composes with libyaml over a resolver that answers '' for every tag (we never
construct, so no tag is read), and copies the node graph with one call per node. Checked
here against the path it replaced, kept below as the reference: PyYAML's full resolver and
the plain recursive copy, the file read whole for its empty and control-character checks.
On YAML-ish text drawn with mappings, lists, block texts (| and >), quotes, flow
collections, anchors, non-ASCII and astral letters, duplicate keys, tabs, CRLF, a BOM and
indentation gone wrong, both give the same nodes with the same locations, or the same
problems, word for word and place for place. PyYAML's own composer (the path where PyYAML
is built without libyaml) gives the same nodes and marks for what both read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from remissgen import source
from remissgen.errors import InvalidInput, Location, Problem, problem
from remissgen.messages import shown, text
from remissgen.source import Mapping, Node, Scalar, Sequence

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
"""What YAML forbids in a stream, as source.py wrote it before its table of runs."""


class _ReferenceConverter:
    """The copy of PyYAML's node graph as it was before the fast path (verbatim)."""

    def __init__(self, name: str, source_text: str) -> None:
        self.name = name
        self.lines = source_text.split("\n")
        self.problems: list[Problem] = []
        self.count = 0
        self.open: set[int] = set()
        self.seen: set[int] = set()
        self.aliased = False

    def convert(self, node: yaml.Node) -> Node:
        self.count += 1
        where = source._location(node.start_mark, self.name)
        if not isinstance(node, yaml.ScalarNode):
            self.aliased = self.aliased or id(node) in self.seen
            self.seen.add(id(node))
        if self.count > source.MAX_NODES:
            raise source._TooLarge(problem(where, "yaml_för_stor") if self.aliased
                                   else problem(where, "yaml_för_många_delar",
                                                limit=source.MAX_NODES))
        if isinstance(node, yaml.ScalarNode):
            value = str(node.value)
            if not value.isascii():
                value = unicodedata.normalize("NFC", value)
            return Scalar(source._paragraphs(value, node.style or None), where,
                          node.style or None)
        if len(self.open) >= source.MAX_DEPTH:
            raise source._TooLarge(Problem(where, text("yaml_för_djup"),
                                           text("yaml_för_djup_tips"), code="yaml-för-djup"))
        if id(node) in self.open:
            self.problems.append(Problem(where, text("yaml_alias_cykel"),
                                         code="yaml-alias-cykel"))
            return Scalar("", where)
        if isinstance(node, yaml.MappingNode) and self._unquoted_jinja(node):
            self.problems.append(Problem(where, text("yaml_jinja_citat"),
                                         text("yaml_jinja_citat_tips"), code="yaml-jinja-citat"))
            return Scalar("", where, "'")
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return Sequence(tuple(self.convert(item) for item in node.value), where)
            assert isinstance(node, yaml.MappingNode)
            return self.mapping(node, where)
        finally:
            self.open.discard(id(node))

    def mapping(self, node: yaml.MappingNode, where: Location) -> Mapping:
        items: list[tuple[Scalar, Node]] = []
        seen: dict[str, Scalar] = {}
        for key_node, value_node in node.value:
            key = self.convert(key_node)
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
            items.append((key, self.convert(value_node)))
        return Mapping(tuple(items), where, seen)

    def _unquoted_jinja(self, node: yaml.MappingNode) -> bool:
        if not node.flow_style:
            return False
        mark = node.start_mark
        line = self.lines[mark.line] if mark.line < len(self.lines) else ""
        return re.compile(r"\{[{%]").match(line, mark.column) is not None


def _reference_only_comments(source_text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#")
               for line in source_text.splitlines())


def _reference_controls(source_text: str, name: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(source_text.split("\n"), start=1):
        found = _FORBIDDEN.search(line)
        if found:
            problems.append(Problem(Location(name, number, found.start() + 1),
                                    text("yaml_styrtecken"), text("yaml_styrtecken_tips"),
                                    code="yaml-styrtecken"))
    return problems


@contextmanager
def _reference_path() -> Iterator[None]:
    with mock.patch.object(source, "_Loader", yaml.CSafeLoader), \
            mock.patch.object(source, "_Converter", _ReferenceConverter), \
            mock.patch.object(source, "_only_comments", _reference_only_comments), \
            mock.patch.object(source, "_control_characters", _reference_controls):
        yield


def _outcome(text_: str) -> tuple[str, object]:
    """Return ("nodes", root) or ("problems", each problem as the user reads it, and its code)."""
    try:
        return "nodes", source.parse(text_, "f.yaml").root
    except InvalidInput as exc:
        return "problems", [(p.format(), p.code) for p in exc.problems]


KEYS = st.sampled_from(["namn", "titel", "år", "ärende", "nämnd", "e-post", "🙂", "Å", "a b",
                        "'citat'", '"dq"', "- lista", "? fråga", "k:", "{{ x }}", "&a k", "*a"])
VALUES = st.sampled_from([
    "", "Christina Lindqvist", "NO", "0712", "1:30", "2021-12-16", "åäö ÅÄÖ", "a\u0308",
    "emoji 😀 x", "'enkla ''citat'''", '"dubbla \\"citat\\" \\u00e5 \\t"', '"trasig \\q"',
    "'öppet", "[a, b, {c: d}]", "{a: 1, b: [x]}", "{{ remiss.ärende }}", "{% if a %}b{% endif %}",
    "&ankare värde", "*ankare", "*saknas", "!!int 5", "# bara kommentar", "text # kommentar",
    "a: b", "- x", "|", ">", "|-", ">+", "|2", "\t tabb", "x\ty", ": kolon", "[öppen",
    "{öppen", "\u2028rad", "nel\x85", "\x07klocka", "\ufeff", "\U0001f600\U0001f601",
    '"a\\u0308 \\u00c5"', "'o\u0308'",
])
INDENTS = st.sampled_from(["", "", "", "  ", "  ", "    ", " ", "\t", "  \t", "   "])
BODY = st.sampled_from(["rad ett", "  indragen", "åäö 😀", "", "{{ x }}", "- inte lista",
                        "k: v", "\ttabb", "# inte kommentar"])


@st.composite
def yamlish(draw: st.DrawFn) -> str:
    """Return a YAML-ish text: mostly mapping and list lines, some block texts, some damage."""
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        indent = draw(INDENTS)
        shape = draw(st.sampled_from(["pair", "pair", "pair", "item", "item_pair", "block",
                                      "open", "comment", "blank", "raw"]))
        if shape == "pair":
            lines.append(f"{indent}{draw(KEYS)}: {draw(VALUES)}".rstrip(" "))
        elif shape == "item":
            lines.append(f"{indent}- {draw(VALUES)}".rstrip(" "))
        elif shape == "item_pair":
            lines.append(f"{indent}- {draw(KEYS)}: {draw(VALUES)}".rstrip(" "))
        elif shape == "block":
            lines.append(f"{indent}{draw(KEYS)}: {draw(st.sampled_from(['|', '>', '|-', '>+']))}")
            lines += [f"{indent}{draw(st.sampled_from(['  ', '  ', ' ', '    ', '']))}{draw(BODY)}"
                      for _ in range(draw(st.integers(0, 4)))]
        elif shape == "open":
            lines.append(f"{indent}{draw(KEYS)}:")
        elif shape == "comment":
            lines.append(f"{indent}# kommentar åäö")
        elif shape == "blank":
            lines.append(draw(st.sampled_from(["", "  ", "\t"])))
        else:
            lines.append(draw(st.sampled_from(["---", "...", "%YAML 1.2", "? k", ": v", "]",
                                               "key: [1,", "  2]", "a: 'x", "  y'"])))
    newline = draw(st.sampled_from(["\n", "\n", "\n", "\r\n", "\r"]))
    body = newline.join(lines) + draw(st.sampled_from(["", newline, newline * 2]))
    return draw(st.sampled_from(["", "", "", "\ufeff"])) + body


SAFE = st.sampled_from([
    "Christina Lindqvist", "NO", "0712", "1:30", "2021-12-16", "åäö ÅÄÖ", "a\u0308 o\u0308",
    "emoji 😀 x", "'enkla ''citat'''", '"dubbla \\"citat\\" \\u00e5 \\t 😀"', "''", '""',
    "'{{ remiss.ärende }}'", "[a, b, {c: d}]", "{a: 1, b: [x, 'y']}", "{}", "[]", "",
    "text # kommentar", "x\ty", "!!str 5", "~", "\U0001f600\U0001f601 z", "&a värde",
    '"a\\u0308 ö"', '"\\xe5 \\N \\_"',
])
SAFE_KEYS = st.sampled_from(["namn", "titel", "år", "ärende", "nämnd", "e-post", "🙂", "Å",
                             "a b", "'citat'", '"dq"', "k"])
LINES = st.lists(st.sampled_from(["rad ett", "åäö 😀 ok", "{{ x }} och {% if a %}b{% endif %}",
                                  "- inte lista", "k: v", "", "  djupare", "# inte kommentar"]),
                 min_size=1, max_size=4)


@st.composite
def wellformed(draw: st.DrawFn, indent: str = "", depth: int = 0) -> list[str]:
    """Return the lines of a mapping that YAML reads (its keys may repeat: a duplicate)."""
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        key = draw(SAFE_KEYS)
        shape = draw(st.sampled_from(["text", "text", "block", "map", "list", "comment"]
                                     if depth < 3 else ["text", "block", "comment"]))
        if shape == "text":
            lines.append(f"{indent}{key}: {draw(SAFE)}".rstrip(" "))
        elif shape == "block":
            lines.append(f"{indent}{key}: {draw(st.sampled_from(['|', '>', '|-', '>+', '|2']))}")
            lines += [f"{indent}  {line}".rstrip(" ") if line else "" for line in draw(LINES)]
        elif shape == "map":
            lines.append(f"{indent}{key}:")
            lines += draw(wellformed(indent + draw(st.sampled_from(["  ", "    "])), depth + 1))
        elif shape == "list":
            lines.append(f"{indent}{key}:")
            step = draw(st.sampled_from(["", "  "]))
            for _ in range(draw(st.integers(1, 3))):
                if draw(st.booleans()):
                    lines.append(f"{indent}{step}- {draw(SAFE)}".rstrip(" "))
                else:
                    inner = draw(wellformed(indent + step + "  ", depth + 1))
                    lines.append(f"{indent}{step}- {inner[0].lstrip(' ')}")
                    lines += inner[1:]
        else:
            lines.append(f"{indent}# kommentar åäö 😀")
    return lines


@st.composite
def wellformed_text(draw: st.DrawFn) -> str:
    """Return a text of `wellformed` lines, with LF, CRLF or CR, sometimes after a BOM."""
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    return (draw(st.sampled_from(["", "", "\ufeff"])) + newline.join(draw(wellformed()))
            + draw(st.sampled_from(["", newline])))


@settings(max_examples=400, deadline=None)
@given(wellformed_text())
def test_the_fast_path_reads_wellformed_text_as_the_plain_path(text_: str) -> None:
    fast = _outcome(text_)
    with _reference_path():
        plain = _outcome(text_)
    assert fast == plain


@settings(max_examples=600, deadline=None)
@given(yamlish())
def test_the_fast_path_reads_what_the_plain_path_read(text_: str) -> None:
    fast = _outcome(text_)
    with _reference_path():
        plain = _outcome(text_)
    assert fast == plain


@settings(max_examples=300, deadline=None)
@given(st.one_of(yamlish(), wellformed_text()))
@example("? fråga:")  # libyaml puts the empty value on line 1, PyYAML's composer on line 0
def test_pyyamls_own_composer_gives_the_same_nodes_and_marks(text_: str) -> None:
    try:
        c = yaml.compose(text_, Loader=source._Loader)
        pure = source._PureLoader(text_).get_single_node()
    except yaml.YAMLError:
        return  # libyaml and PyYAML word their errors differently; the reference path is libyaml's
    bom = text_.startswith("\ufeff")  # PyYAML counts a BOM in the index (never read), libyaml not
    if isinstance(c, yaml.ScalarNode) and c.value == "" and not c.style:
        return  # an empty document ('---'): its marks differ, and it is refused at 1:1 anyway

    def shape(node: yaml.Node | None) -> object:
        if node is None:
            return None
        marks: object = (node.start_mark.line, node.start_mark.column,
                         None if bom else node.start_mark.index)
        if isinstance(node, yaml.ScalarNode) and node.value == "" and not node.style:
            marks = None  # nothing written (`? fråga:` at the end): each places it elsewhere
        if isinstance(node, yaml.ScalarNode):
            return ("s", node.value, node.style or None, node.tag, marks)
        if isinstance(node, yaml.SequenceNode):
            return ("l", [shape(v) for v in node.value], marks)
        return ("m", [(shape(k), shape(v)) for k, v in node.value], marks)

    assert shape(c) == shape(pure)


def test_the_cases_of_the_repository_read_the_same_both_ways() -> None:
    from ..conftest import ROOT

    paths = sorted((ROOT / "tests").rglob("*.yaml")) + sorted((ROOT / "seeds").glob("*.yaml"))
    assert paths
    for path in paths:
        text_ = path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")
        fast = _outcome(text_)
        with _reference_path():
            assert _outcome(text_) == fast, path


def test_every_tag_is_empty_and_every_value_as_written() -> None:
    node = yaml.compose("a: !!int 5\nb: NO\nc: [1, ~]\n", Loader=source._Loader)
    assert isinstance(node, yaml.MappingNode)
    assert [(k.tag, k.value, v.tag) for k, v in node.value][1] == ("", "b", "")
    assert node.value[0][1].tag == "tag:yaml.org,2002:int"  # a tag written stays as written
    root = source.parse("a: !!int 5\nb: NO\nc: [1, ~]\n", "f.yaml").root
    assert isinstance(root, Mapping)
    c = root.get("c")
    assert isinstance(c, Sequence)
    assert [root.get("a"), root.get("b"), *c.items] == [
        Scalar("5", Location("f.yaml", 1, 4)), Scalar("NO", Location("f.yaml", 2, 4)),
        Scalar("1", Location("f.yaml", 3, 5)), Scalar("~", Location("f.yaml", 3, 8))]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0xFF), max_size=40))
def test_a_latin1_text_is_nfc_as_it_stands(text_: str) -> None:
    # what lets the converter skip normalizing the values of a Latin-1 file (but a
    # double-quoted one's): every pair of Latin-1 characters, and drawn texts of them
    assert unicodedata.normalize("NFC", text_) == text_
    assert source.latin1(text_)
    assert not source.latin1(text_ + "\u0308")


def test_no_two_latin1_characters_compose() -> None:
    pairs = [chr(a) + chr(b) for a in range(256) for b in range(256)]
    assert [p for p in pairs if unicodedata.normalize("NFC", p) != p] == []


def test_a_double_quoted_escape_is_composed_in_a_latin1_file() -> None:
    root = source.parse('a: "a\\u0308"\nb: \'å\'\nc: "ä"\n', "f.yaml").root
    assert isinstance(root, Mapping)
    assert [root.get(k) for k in "abc"] == [
        Scalar("ä", Location("f.yaml", 1, 4), '"'), Scalar("å", Location("f.yaml", 2, 4), "'"),
        Scalar("ä", Location("f.yaml", 3, 4), '"')]


def test_the_table_of_forbidden_runs_forbids_what_the_regex_did() -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert ([m.start() for m in re.finditer(source._FORBIDDEN, every)]
            == [m.start() for m in _FORBIDDEN.finditer(every)])
    assert bytes(c for c in range(256) if not _FORBIDDEN.match(chr(c))) == source._LATIN1_ALLOWED


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.one_of(
    st.sampled_from(["a", "å", "\t", "\n", "\r", "\x85", "\xa0", "\x7f", "\x9f", "\x00",
                     "\u2028", "\ufffe", "\uffff", "😀", "–"]),
    st.characters(max_codepoint=0x2ff)), max_size=30))
def test_the_latin1_check_for_forbidden_characters_agrees_with_the_regex(text_: str) -> None:
    assert source._has_forbidden(text_) == (_FORBIDDEN.search(text_) is not None)
    broken = text_.replace("\x85", " ").replace("\u2028", " ").replace("\u2029", " ")
    assert source._without_breaks(text_) == broken
