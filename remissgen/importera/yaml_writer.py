"""Case data → the text of a case file: comments on top, keys in the contract's order.

Written by hand rather than by a YAML library, so that rich text comes out as `|` blocks a
person can edit, and every value reads back as exactly the text it was.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from .. import doctype
from ..fields import Field

_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n\t]*")
_SPECIAL = re.compile(
    r"(?i)(y|n|yes|no|on|off|true|false|null|~|[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?"
    r"|0x[0-9a-f_]+|0o?[0-7_]+|[-+]?\.(inf|nan)|\d{4}-\d\d?-\d\d?([Tt ].*)?|\d+(:[0-5]?\d)+)")
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029\ufeff]")


def scalar(value: str) -> str:
    """Return `value` as a YAML scalar that reads back as this exact text."""
    if (_PLAIN.fullmatch(value) and value == value.strip() and ": " not in value
            and " #" not in value and not value.endswith(":") and not _SPECIAL.fullmatch(value)
            and not _UNSAFE.search(value)):
        return value
    quoted = json.dumps(value, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


WIDTH = 90
"""About how long a line of rich text is written (a line break in a paragraph is a space)."""
_ITEM = re.compile(r"\s*(?:[-*+•]|\d+[.)])[ \t]+")
_MARKER = re.compile(r"(?:[-*+•]|\d+[.)])(?:\s|$)")


def wrapped(line: str, width: int = WIDTH) -> list[str]:
    """Return a line of rich text broken at single spaces into lines of about `width`, read
    as the same paragraph: a list item's continuation lines are indented under its text, and
    no line starts with what reads as a list marker (`- `, `* `, `+ `, `• `, `1. `, `1) `)."""
    if len(line) <= width:
        return [line]
    item = _ITEM.match(line)
    start = len(item.group()) if item else len(line) - len(line.lstrip(" "))
    indent = " " * start
    words = re.split(r"(?<=[^ \\]) (?=[^ ])", line[start:])  # never after a backslash
    out: list[str] = []
    current = line[:start] + words[0]
    for word in words[1:]:
        if len(current) + 1 + len(word) > width and not _MARKER.match(word):
            out.append(current)
            current = indent + word
        else:
            current += " " + word
    return [*out, current]


def _block(value: str, indent: str, wrap: bool = False) -> str:
    """Return `value` as a literal block (`|`), or a quoted scalar when a block cannot hold it;
    `wrap` (rich text) breaks long lines, which leaves the text as it reads."""
    if (_UNSAFE.search(value) or "\t" in value or "\r" in value or not value.strip()
            or value[0] in " \n" or any(line != line.rstrip() for line in value.split("\n"))):
        return " " + scalar(value)
    chomp = "" if value.endswith("\n") and not value.endswith("\n\n") else "-"
    if value.endswith("\n\n"):
        return " " + scalar(value)
    lines = value.removesuffix("\n").split("\n")
    if wrap:
        lines = [part for line in lines for part in wrapped(line, WIDTH - len(indent))]
    body = "\n".join(f"{indent}{line}" if line else "" for line in lines)
    return f" |{chomp}\n{body}"


def dump(case: dict[str, Any], comments: list[str]) -> str:
    """Return the case file's text: `comments` as # lines, then every key of `case`."""
    out = [f"# {c}".rstrip() if c else "#" for c in comments]
    if out:
        out.append("")
    out += _mapping(case, doctype.get().fields, "")
    return "\n".join(out) + "\n"


def _mapping(values: dict[str, Any], spec: Field, indent: str) -> list[str]:
    out: list[str] = []
    order = [c.key for c in spec.children]
    for key in sorted(values, key=lambda k: order.index(k) if k in order else len(order)):
        child = spec.child(key) or Field(key, "text", "", "")
        out += _entry(key, values[key], child, indent)
    return out


def _entry(key: str, value: Any, spec: Field, indent: str) -> list[str]:
    head = f"{indent}{key}:"
    if isinstance(value, dict):
        if not value:
            return [f"{head} {{}}"]
        return [head, *_mapping(value, spec, indent + "  ")]
    if isinstance(value, list):
        out = [head]
        for item in value:
            if isinstance(item, dict):
                lines = _mapping(item, spec, indent + "    ")
                out.append(f"{indent}  - {lines[0].lstrip()}")
                out += lines[1:]
            else:
                out.append(f"{indent}  - {scalar(str(item))}")
        return out
    if isinstance(value, dt.date):
        return [f"{head} {value.isoformat()}"]
    if spec.kind == "rich" or "\n" in value:
        return [head + _block(value, indent + "  ", wrap=spec.kind == "rich")]
    return [f"{head} {scalar(value)}"]
