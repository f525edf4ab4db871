"""The field table and a case → the description of a form: its fields, and what each holds.

`fields()` is the form's shape, made from the field table alone, so that a new field in the
table appears in the form without new code: each field's path, kind (text, date, yes/no,
long rich text, list of texts, list of groups, group), title, whether it must be given, and as help
the Swedish description the JSON Schema gives it.

`values(loaded)` is what one valid case holds: the values written in the file, and for each
field left out the value that will be used, marked "härleds" (remissgen derives it) or
"från profilen" (the profile gives it), and where in the text each written value stands,
so that a problem at a line can be shown at its field too.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from . import doctype, schema, textedit
from .fields import Field
from .textedit import Value

FORM_KINDS = {"text": "text", "path": "text", "number": "text", "color": "text",
              "date": "datum", "rich": "långtext", "list_text": "textlista",
              "text_or_list": "textlista", "list_mapping": "grupplista", "mapping": "grupp",
              "yes_no": "janej"}
"""The field table's kinds as the form shows them; a kind not named here is a text field,
so that a new kind in the table never stops the form."""

DERIVED = "härleds"
FROM_PROFILE = "från profilen"


def fields(spec: Field | None = None) -> list[dict[str, Any]]:
    """Return the form's fields in table order, each with its children (for groups); `spec`
    is the document type's table unless given."""
    spec = spec or doctype.get().fields
    return _fields(spec, schema.build(spec)["properties"], ())


def _fields(spec: Field, properties: dict[str, Any], path: tuple[str, ...]) -> list[dict[str, Any]]:
    out = []
    for field in spec.children:
        prop = properties[field.key]
        entry: dict[str, Any] = {
            "key": field.key, "path": [*path, field.key], "title": field.title,
            "kind": FORM_KINDS.get(field.kind, "text"), "help": prop["description"],
            "required": field.required, "min_items": field.min_items,
        }
        if field.choices:
            entry["choices"] = list(field.choices)
        if field.kind == "mapping":
            entry["children"] = _fields(field, prop["properties"], (*path, field.key))
        elif field.kind == "list_mapping":
            entry["children"] = _fields(field, prop["items"]["properties"], ())
        out.append(entry)
    return out


def values(case: Any, source_text: str, profile: Path | None) -> dict[str, Any]:
    """Return what the form shows for a valid case: written values, used values, places.

    `case` is the loaded Case (with every default derived), `source_text` the case file's
    text and `profile` the profile used, if any. `used` holds, for each field (by dotted
    path) left out of the file, {"value": …, "origin": "härleds" | "från profilen"}.
    """
    written = textedit.read(source_text)
    given = textedit.read(profile.read_text(encoding="utf-8-sig")) if profile else {}
    used: dict[str, dict[str, Value]] = {}
    _used(doctype.get().fields, case, written if isinstance(written, dict) else {},
          given if isinstance(given, dict) else {}, (), used)
    return {"values": written if isinstance(written, dict) else {}, "used": used,
            "places": places(source_text)}


def _used(spec: Field, model: Any, written: dict[str, Value], given: dict[str, Value],
          path: tuple[str, ...], out: dict[str, dict[str, Value]]) -> None:
    """Fill `out` with the value used for each field of `spec` not written in the file."""
    for field in spec.children:
        here = (*path, field.key)
        mine = written.get(field.key)
        theirs = given.get(field.key)
        value = getattr(model, field.attribute, None) if model is not None else None
        if field.kind == "mapping" and (mine is None or isinstance(mine, dict)) and \
                (theirs is None or isinstance(theirs, dict)):  # leaf by leaf, as merged
            _used(field, value, mine or {}, theirs or {}, here, out)
            continue
        if mine is not None:
            continue
        plain = _plain(value, field)
        if theirs is not None:
            out[".".join(here)] = {"value": plain if plain is not None else theirs,
                                   "origin": FROM_PROFILE}
        elif plain is not None and not _empty(plain):
            out[".".join(here)] = {"value": plain, "origin": DERIVED}


def _plain(value: Any, field: Field) -> Value | None:
    """Return a model value as the form's plain data (texts, lists, groups by key)."""
    if value is None:
        return None
    if isinstance(value, bool):  # a yes/no field, as the contract writes it
        return "ja" if value else "nej"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, str | Path | int):
        return str(value)
    if field.kind == "list_mapping":
        return [_group(item, field) for item in value]
    if field.kind == "mapping" and not hasattr(value, "_fields"):  # pairs: granskning.gränser
        return {str(k): str(_plain(v, field)) for k, v in value}
    if field.kind == "mapping":
        return _group(value, field)
    return [str(_plain(item, field)) for item in value]


def _empty(value: Value | None) -> bool:
    if isinstance(value, dict):
        return all(_empty(v) for v in value.values())
    return not value


def _group(value: Any, field: Field) -> dict[str, Value]:
    return {c.key: p for c in field.children
            if (p := _plain(getattr(value, c.attribute, None), c)) is not None}


def describe(loaded: Any | None, source_text: str) -> dict[str, Any]:
    """Return the form's part of the editor's check: the values when `loaded` (the loaded
    case of `source_text`) is given, else {"giltig": False} with where each value stands."""
    if loaded is None:
        return {"giltig": False, "places": places(source_text)}
    return {"giltig": True, **values(loaded.case, source_text, loaded.profile)}


def places(source_text: str) -> list[dict[str, Any]]:
    """Return each written value's path and its first and last line in the text (from 1)."""
    try:
        root = yaml.compose(source_text, Loader=textedit.LOADER)
    except yaml.YAMLError:
        return []
    out: list[dict[str, Any]] = []
    if isinstance(root, yaml.MappingNode):
        _places(root, [], out)
    return out


def _places(node: yaml.Node, path: list[str | int], out: list[dict[str, Any]]) -> None:
    pairs: list[tuple[str | int, yaml.Node, int]] = []
    if isinstance(node, yaml.MappingNode):
        pairs = [(str(k.value), v, k.start_mark.line + 1) for k, v in node.value]
    elif isinstance(node, yaml.SequenceNode):
        pairs = [(n, v, v.start_mark.line + 1) for n, v in enumerate(node.value)]
    for key, value, first in pairs:
        end = value.end_mark
        last = end.line if end.column == 0 and end.line + 1 > first else end.line + 1
        out.append({"path": [*path, key], "first": first, "last": max(first, last)})
        _places(value, [*path, key], out)
