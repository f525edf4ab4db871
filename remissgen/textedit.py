"""Edits to a YAML text → the new text, with only the lines of the edited value rewritten.

A form (the editor's "Uppgifter" panel) and `jämför --för-in` change one value at a time in a
case file that an official wrote by hand. Rather than load and dump the whole file, which
would lose comments, order and layout, each edit finds the value's lines from the positions
PyYAML's composer gives (the same composer `source.py` reads with, so the two agree on what
the text says), renders the new value at the same place and splices it in.

Every edit checks itself: the new text is read back and must hold exactly the old data with
this one change, or `EditError` is raised and the caller keeps the old text.

The API: `set_value`, `insert_item`, `remove`, `move_item`, and `read` for the plain data.
A path is a tuple of keys (texts) and list indexes (ints), as `("remiss", "motionärer", 0)`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple, TypeAlias

import yaml

try:  # libyaml's composer is faster; its marks count characters like the pure one's
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

Key: TypeAlias = str | int
Path: TypeAlias = tuple[Key, ...]
Value: TypeAlias = str | list["Value"] | dict[str, "Value"]
"""Plain data as the form sends it: every scalar a text, as remissgen reads YAML."""

Order = Callable[[tuple[str, ...]], Sequence[str]]
"""Given a mapping's path (keys only), the order its keys should have: where a new key goes."""

LOADER = _Loader
"""The composer every edit reads with (libyaml's when there is one)."""

INDENT = 2
_FYLL_I = re.compile(r"#\s*FYLL I\b")


class EditError(Exception):
    """The edit does not fit the text: it is not valid YAML, or the path leads nowhere."""


def read(text: str) -> Value:
    """Return the plain data of a YAML text ("" for an empty one); raise EditError if invalid."""
    return _plain(_compose(text))


def set_value(text: str, path: Path, value: Value, *, order: Order | None = None) -> str:
    """Return `text` with the value at `path` set to `value`, created (with parents) if missing.

    A new key goes after the keys that `order` puts before it, else last in its mapping.
    """
    doc = _Doc(text)
    expected = _with(doc.data, path, value)
    return doc.check(_set(doc, path, value, order), expected)


def insert_item(text: str, path: Path, index: int, value: Value, *,
                order: Order | None = None) -> str:
    """Return `text` with `value` inserted into the list at `path` before item `index`.

    An index at (or past) the list's end appends; a missing or empty list is created.
    """
    doc = _Doc(text)
    current = _get(doc.data, path)
    items = list(current) if isinstance(current, list) else []
    index = max(0, min(index, len(items)))
    expected = _with(doc.data, path, [*items[:index], value, *items[index:]])
    node = doc.find(path)
    if node is None or not isinstance(node.value, yaml.SequenceNode) or \
            not node.value.value or node.value.flow_style:
        return doc.check(_set(doc, path, _get(expected, path), order), expected)
    seq = node.value
    if index < len(seq.value):
        line, column = doc.dash(seq.value[index])
        lines = doc.item_lines(value, column)
        return doc.check(doc.splice(line, line, lines), expected)
    last = seq.value[-1]
    _, column = doc.dash(last)
    end = doc.last_line(last)
    return doc.check(doc.splice(end + 1, end + 1, doc.item_lines(value, column)), expected)


def remove(text: str, path: Path) -> str:
    """Return `text` without the key or list item at `path` (its lines deleted)."""
    if not path:
        raise EditError("the whole file cannot be removed")
    doc = _Doc(text)
    expected = _without(doc.data, path)
    parent = doc.find(path[:-1])
    node = doc.find(path)
    if parent is None or node is None:
        raise EditError(f"nothing at {path!r}")
    owner = parent.value
    if getattr(owner, "flow_style", False) or len(owner.value) == 1:  # rewrite the owner, say as [] or {}
        return doc.check(_set(doc, path[:-1], _get(expected, path[:-1]), None), expected)
    first, last = node.head[0], doc.last_line(node.value)
    if isinstance(path[-1], str) and node.dashed:  # the item's dash moves to the next key
        after = doc.find((*path[:-1], _next_key(owner, path[-1])))
        assert after is not None
        prefix = doc.lines[first][:node.head[1]]
        line = doc.lines[after.head[0]]
        doc.lines[after.head[0]] = prefix + line[after.head[1]:]
    return doc.check(doc.splice(first, last + 1, []), expected)


def move_item(text: str, path: Path, old: int, new: int) -> str:
    """Return `text` with item `old` of the list at `path` moved to position `new`."""
    doc = _Doc(text)
    current = _get(doc.data, path)
    if not isinstance(current, list) or not 0 <= old < len(current):
        raise EditError(f"no item {old} at {path!r}")
    new = max(0, min(new, len(current) - 1))
    items = list(current)
    items.insert(new, items.pop(old))
    expected = _with(doc.data, path, items)
    node = doc.find(path)
    assert node is not None and isinstance(node.value, yaml.SequenceNode)
    if node.value.flow_style:
        return doc.check(_set(doc, path, items, None), expected)
    spans = [(doc.dash(item)[0], doc.last_line(item)) for item in node.value.value]
    chunks = [doc.lines[a:b + 1] for a, b in spans]
    chunks.insert(new, chunks.pop(old))
    for (a, b), chunk in reversed(list(zip(spans, chunks, strict=True))):
        doc.lines[a:b + 1] = chunk
    return doc.check(doc.joined(), expected)


# ---------------------------------------------------------------- rendering

def scalar(value: str) -> str:
    """Return `value` as a one-line YAML scalar: plain when every reader agrees, else quoted.

    Quoted are texts YAML would misread plain (a colon and space, `#`, a leading `-`, `[` or
    `{{`) and texts a YAML 1.1 or 1.2 reader would take for something else than text: yes/no/
    NO/on/off, numbers with leading zeros, 1:30, null, ~. Dates ÅÅÅÅ-MM-DD stay plain.
    """
    if _plain_ok(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def entry_lines(key: str, value: Value, indent: int) -> list[str]:
    """Return the lines of `key: value` at `indent` (the first line without its indentation)."""
    head = f"{scalar(key)}:"
    pad = " " * (indent + INDENT)
    if isinstance(value, str):
        block = _block(value, indent + INDENT)
        return [f"{head} {scalar(value)}"] if block is None else [f"{head} {block[0]}",
                                                                   *block[1:]]
    if not value:
        return [f"{head} {'[]' if isinstance(value, list) else '{}'}"]
    if isinstance(value, list):
        body = [pad + line if n == 0 else line
                for item in value for n, line in enumerate(item_lines(item, indent + INDENT))]
        return [head, *body]
    body = [pad + line if n == 0 else line
            for k, v in value.items() for n, line in enumerate(entry_lines(k, v, indent + INDENT))]
    return [head, *body]


def item_lines(value: Value, indent: int) -> list[str]:
    """Return the lines of the list item `- value` whose dash is at `indent` (first unindented)."""
    inner = indent + INDENT
    if isinstance(value, str):
        block = _block(value, inner)
        return [f"- {scalar(value)}"] if block is None else [f"- {block[0]}", *block[1:]]
    if not value:
        return [f"- {'[]' if isinstance(value, list) else '{}'}"]
    if isinstance(value, list):
        lines = [line for item in value for line in _indented(item_lines(item, inner), inner)]
        return [f"- {lines[0].lstrip()}", *lines[1:]]
    lines = [line for k, v in value.items() for line in _indented(entry_lines(k, v, inner), inner)]
    return [f"- {lines[0].lstrip()}", *lines[1:]]


def _indented(lines: list[str], indent: int) -> list[str]:
    return [" " * indent + lines[0], *lines[1:]]


def _block(value: str, indent: int) -> list[str] | None:
    """Return `value` as a `|` block (indicator, then lines at `indent`), or None for one line."""
    if "\n" not in value.rstrip("\n") or value.startswith((" ", "\n")):
        return None
    body = value.rstrip("\n")
    ends = len(value) - len(body)
    indicator = {0: "|-", 1: "|"}.get(ends, "|+")
    pad = " " * indent
    lines = [pad + line if line else "" for line in body.split("\n")]  # " " stays, to be caught
    if any(line != line.rstrip() or "\t" in line for line in lines) or ends > 1:
        return None  # trailing white space or kept blank lines: quoted is exact
    return [indicator, *lines]


_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YAML12_NUMBER = re.compile(r"[-+]?(?:0o[0-7]+|0x[0-9a-fA-F]+|\.(?:inf|Inf|INF|nan|NaN|NAN)"
                            r"|(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)")


def _plain_ok(value: str) -> bool:
    """Return True when `value` written plain reads back as this text in YAML 1.1 and 1.2."""
    if value != value.strip() or not value or _YAML12_NUMBER.fullmatch(value):
        return False
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    if tag != _STR and not _DATE.fullmatch(value):
        return False
    try:
        node = yaml.compose(f"k: {value}\n", Loader=_Loader)
    except yaml.YAMLError:
        return False
    if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
        return False
    found = node.value[0][1]
    return isinstance(found, yaml.ScalarNode) and found.value == value and not found.style


# ---------------------------------------------------------------- finding

class _Found(NamedTuple):
    """A value in the text: its node, where its entry starts, and whether a dash is before it."""

    value: yaml.Node
    head: tuple[int, int]  # (line, column) of the key, or of the dash for a list item
    dashed: bool  # a mapping key that is the first key of a list item (`- key: …`)
    key: yaml.Node | None


class _Doc:
    """A YAML text split in lines, its node tree and plain data."""

    def __init__(self, text: str) -> None:
        self.crlf = "\r\n" in text
        self.text = text.replace("\r\n", "\n") if self.crlf else text
        self.root = _compose(self.text)
        self.data = _plain(self.root)
        self.lines = self.text.split("\n")

    def joined(self) -> str:
        out = "\n".join(self.lines)
        return out.replace("\n", "\r\n") if self.crlf else out

    def splice(self, start: int, stop: int, new: list[str]) -> str:
        """Return the text with lines[start:stop] replaced by `new`."""
        self.lines[start:stop] = new
        return self.joined()

    def check(self, text: str, expected: Value) -> str:
        """Return `text` when it reads as `expected`; raise EditError otherwise."""
        if read(text) != expected:
            raise EditError("the edited text does not read back as intended")
        return text

    def find(self, path: Path) -> _Found | None:
        """Return the value at `path` with where its entry starts, or None if it is missing."""
        if self.root is None:
            return None
        found = _Found(self.root, (0, 0), False, None)
        for part in path:
            node = found.value
            if isinstance(part, int) and isinstance(node, yaml.SequenceNode):
                if not 0 <= part < len(node.value):
                    return None
                item = node.value[part]
                found = _Found(item, self.dash(item), False, None)
            elif isinstance(part, str) and isinstance(node, yaml.MappingNode):
                pair = next(((k, v) for k, v in node.value if _key(k) == part), None)
                if pair is None:
                    return None
                k, v = pair
                line = self.lines[k.start_mark.line][:k.start_mark.column]
                found = _Found(v, (k.start_mark.line, k.start_mark.column),
                               line.rstrip().endswith("-"), k)
            else:
                return None
        return found

    def dash(self, item: yaml.Node) -> tuple[int, int]:
        """Return (line, column) of the `-` before a block list item (the item if flow)."""
        line, column = item.start_mark.line, item.start_mark.column
        while line >= 0:
            before = self.lines[line][:column].rstrip()
            if before:
                if before.endswith("-"):
                    return line, len(before) - 1
                return item.start_mark.line, item.start_mark.column
            line -= 1
            column = len(self.lines[line]) if line >= 0 else 0
        return item.start_mark.line, item.start_mark.column

    def last_line(self, node: yaml.Node) -> int:
        """Return the last line that holds part of `node` (blank lines after it excluded)."""
        if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False) or \
                not node.value:
            end = node.end_mark
            line = end.line - 1 if end.column == 0 and end.line > node.start_mark.line \
                else end.line
            while line > node.start_mark.line and not self.lines[line].strip():
                line -= 1
            return line
        last = node.value[-1]
        return self.last_line(last[1] if isinstance(last, tuple) else last)

    def item_lines(self, value: Value, column: int) -> list[str]:
        return _indented(item_lines(value, column), column)


def _key(node: yaml.Node) -> str | None:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else None


def _next_key(mapping: yaml.Node, key: str) -> str:
    keys = [_key(k) for k, _ in mapping.value]
    following = keys[keys.index(key) + 1]
    assert following is not None
    return following


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise EditError(f"not valid YAML: {exc}") from None


def _plain(node: yaml.Node | None) -> Value:
    if node is None:
        return ""
    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    return {str(k.value): _plain(v) for k, v in node.value}


# ---------------------------------------------------------------- setting

def _set(doc: _Doc, path: Path, value: Value, order: Order | None) -> str:
    """Return the text with `path` set to `value` (not yet checked)."""
    found = doc.find(path)
    if found is not None and path:
        return _replace(doc, found, path, value)
    if not path:
        raise EditError("the whole file cannot be set")
    # the deepest part of the path that exists, and what is missing below it
    depth = len(path) - 1
    while depth > 0 and doc.find(path[:depth]) is None:
        depth -= 1
    parent_path, key = path[:depth], path[depth]
    below: Value = value
    for part in reversed(path[depth + 1:]):
        if isinstance(part, int):
            raise EditError(f"no list at {path[:depth + 1]!r}")
        below = {part: below}
    parent = doc.find(parent_path)
    if parent is None:  # an empty file
        return _append_root(doc, key, below)
    if isinstance(key, int):
        current = _get(doc.data, parent_path)
        items = list(current) if isinstance(current, list) else []
        return _set(doc, parent_path, [*items, below], order)
    node = parent.value
    if not isinstance(node, yaml.MappingNode) or node.flow_style:
        current = _get(doc.data, parent_path)
        merged = {**(current if isinstance(current, dict) else {}), key: below}
        if not parent_path:
            raise EditError("the file is not a mapping")
        return _replace(doc, parent, parent_path, _ordered(merged, parent_path, order))
    return _insert_key(doc, node, parent_path, key, below, order)


def _replace(doc: _Doc, found: _Found, path: Path, value: Value) -> str:
    """Return the text with the entry at `found` rewritten to hold `value`."""
    line, column = found.head
    first, last = line, doc.last_line(found.value)
    prefix = doc.lines[first][:column]
    if isinstance(path[-1], int):
        new = item_lines(value, column)
    else:
        assert found.key is not None
        new = entry_lines(str(found.key.value), value, column)
    node = found.value
    if first == last and len(new) == 1 and node.start_mark.line == first:
        end = node.end_mark.column if node.end_mark.line == first else len(doc.lines[first])
        suffix = doc.lines[first][end:]
        if suffix.strip().startswith("#") and not _FYLL_I.match(suffix.strip()):
            new = [new[0] + suffix]
    new[0] = prefix + new[0]
    return doc.splice(first, last + 1, new)


def _insert_key(doc: _Doc, mapping: yaml.MappingNode, path: Path, key: str, value: Value,
                order: Order | None) -> str:
    """Return the text with `key: value` added to the block mapping at `path`."""
    keys = [_key(k) for k, _ in mapping.value]
    wanted = list(order(tuple(str(p) for p in path if isinstance(p, str)))) if order else []
    before = [k for k in keys if k in wanted and key in wanted
              and wanted.index(k) < wanted.index(key)]
    first_key = mapping.value[0][0]
    column = first_key.start_mark.column
    lines = _indented(entry_lines(key, value, column), column)
    if before:
        after = doc.find((*path, before[-1]))
        assert after is not None
        at = doc.last_line(after.value) + 1
    elif wanted and key in wanted and any(k in wanted for k in keys) and \
            not doc.find((*path, str(keys[0]))).dashed:  # type: ignore[union-attr]
        at = first_key.start_mark.line
    else:
        at = doc.last_line(mapping) + 1
    return doc.splice(at, at, lines)


def _append_root(doc: _Doc, key: Key, value: Value) -> str:
    if isinstance(key, int):
        raise EditError("the file is not a list")
    lines = doc.lines
    while lines and not lines[-1].strip() and len(lines) > 1 and not lines[-2].strip():
        lines.pop()
    new = entry_lines(key, value, 0)
    if lines and lines[-1] == "":
        lines[-1:] = [*new, ""]
    else:
        lines += [*new, ""]
    return doc.joined()


def _ordered(data: dict[str, Value], path: Path, order: Order | None) -> dict[str, Value]:
    if order is None:
        return data
    wanted = list(order(tuple(str(p) for p in path if isinstance(p, str))))
    rank = {k: n for n, k in enumerate(wanted)}
    return dict(sorted(data.items(), key=lambda kv: rank.get(kv[0], len(rank))))


# ---------------------------------------------------------------- plain data

def _get(data: Value, path: Path) -> Value:
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part, "")
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return ""
    return data


def _with(data: Value, path: Path, value: Value) -> Value:
    """Return `data` with `value` at `path` (parents created), the rest unchanged."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(head, int):
        items = list(data) if isinstance(data, list) else []
        if head < len(items):
            items[head] = _with(items[head], rest, value)
        else:
            items.append(_with("", rest, value))
        return items
    mapping = dict(data) if isinstance(data, dict) else {}
    mapping[head] = _with(mapping.get(head, ""), rest, value)
    return mapping


def _without(data: Value, path: Path) -> Value:
    head, rest = path[0], path[1:]
    if isinstance(data, list) and isinstance(head, int):
        items = list(data)
        if rest:
            items[head] = _without(items[head], rest)
        else:
            del items[head]
        return items
    if isinstance(data, dict) and isinstance(head, str) and head in data:
        mapping = dict(data)
        if rest:
            mapping[head] = _without(mapping[head], rest)
        else:
            del mapping[head]
        return mapping
    raise EditError(f"nothing at {path!r}")
