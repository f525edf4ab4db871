"""The field table → the text of a starter case file: every field, its example, a comment above.

The text is written by hand rather than dumped, so that each key gets its Swedish comment,
long texts are block scalars (`|`) as an official would write them, and nothing is quoted
that does not need to be. Every value is checked by reading it back with our own loader.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap

import yaml

from .messages import text
from .remissvar.spec import CASE, EXAMPLE_DAY, Example, Field
from .schema import FILE_NAME, necessity

WIDTH = 88


def starter(name: str, today: dt.date | None = None,
            schema_path: str = f"./{FILE_NAME}") -> str:
    """Return the starter case file; `name` is how the user will name it in commands.

    The example dates keep their distances to each other and move with `today` (default the
    real day), so that the meeting lies ahead of the document's own date.
    """
    shift = (today or dt.date.today()) - dt.date.fromisoformat(EXAMPLE_DAY)
    lines = [f"# yaml-language-server: $schema={schema_path}", "#"]
    for paragraph in (text("ny_rubrik"), text("ny_inledning", name=name), text("ny_jinja")):
        lines += _comment(paragraph, 0)
    for field in CASE.children:
        lines.append("")
        lines += _field(_moved(field, shift), 0, required=field.required)
    return "\n".join(lines) + "\n"


def _moved(field: Field, shift: dt.timedelta) -> Field:
    """Return `field` with every example date in it moved by `shift`."""
    def move(value: str) -> str:
        return (dt.date.fromisoformat(value) + shift).isoformat()

    example = field.example
    if field.kind == "date" and isinstance(example, str):
        example = move(example)
    elif field.kind == "list_mapping" and isinstance(example, tuple):
        dates = {c.key for c in field.children if c.kind == "date"}
        example = tuple({k: move(v) if k in dates else v for k, v in item.items()}
                        for item in example if isinstance(item, dict))
    children = tuple(_moved(c, shift) for c in field.children)
    return field.replace(example=example, children=children)


def _comment(paragraph: str, indent: int, hang: int = 0) -> list[str]:
    """Return `paragraph` as comment lines at `indent`, lines after the first indented `hang`."""
    pad = " " * indent
    return [f"{pad}# {line}" for line in textwrap.wrap(paragraph, WIDTH - indent - 2,
                                                       subsequent_indent=" " * hang)]


def _about(field: Field, required: bool) -> str:
    return f"{field.title} ({necessity(field, required)}): {field.description}"


def _field(field: Field, indent: int, *, required: bool) -> list[str]:
    """Return the comment and the YAML lines of `field` at `indent`."""
    lines = _comment(_about(field, required), indent)
    if field.commented:
        lines += _comment(text("ny_avkommentera"), indent)
    if field.kind == "list_mapping" or field.commented:
        for child in field.children:
            about = f"{child.key} ({necessity(child, child.required)}): {child.description}"
            lines += _comment(f"  {about}", indent, hang=4)
    body = _body(field, indent)
    if field.commented:
        body = [f"{' ' * indent}# {line[indent:]}" for line in body]
    return lines + body


def _body(field: Field, indent: int) -> list[str]:
    pad = " " * indent
    if field.kind == "mapping":
        lines = [f"{pad}{field.key}:"]
        for child in field.children:
            if field.commented:
                lines += _body(child, indent + 2)
            else:
                lines += _field(child, indent + 2, required=child.required)
        return lines
    return _value(field.key, field.example, indent)


def _value(key: str, example: Example | None, indent: int) -> list[str]:
    """Return `key: example` at `indent`: a scalar, a block text, or a list."""
    pad = " " * indent
    if example is None:
        return [f"{pad}{key}:"]
    if isinstance(example, str):
        return _scalar(f"{pad}{key}:", example, indent)
    lines = [f"{pad}{key}:"]
    for item in example:
        if isinstance(item, str):
            lines += _scalar(f"{pad}  -", item, indent + 2)
            continue
        for n, (k, v) in enumerate(item.items()):
            lines += _scalar(f"{pad}  {'-' if n == 0 else ' '} {k}:", v, indent + 4)
    return lines


def _scalar(lead: str, value: str, indent: int) -> list[str]:
    """Return `lead value`: plain when it reads back unchanged, a `|` block when multi-line."""
    if "\n" in value.rstrip("\n"):
        pad = " " * (indent + 2)
        indicator = "|" if value.endswith("\n") else "|-"
        return [f"{lead} {indicator}", *[f"{pad}{line}" if line else ""
                                         for line in value.rstrip("\n").split("\n")]]
    value = value.rstrip("\n")
    return [f"{lead} {value if _plain_ok(value) else json.dumps(value, ensure_ascii=False)}"]


def _plain_ok(value: str) -> bool:
    """Return True when `value` written plain reads back as the same text."""
    try:
        node = yaml.compose(f"k: {value}\n", Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return False
    if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
        return False
    scalar = node.value[0][1]
    return isinstance(scalar, yaml.ScalarNode) and scalar.value == value and not scalar.style
