"""The field table → a JSON Schema (draft 2020-12) of the case file, for editors.

An editor reads YAML 1.2, where `diarienummer: 817` is a number and `parti: true` a boolean,
while remissgen keeps every scalar as the text written. So wherever the contract reads text,
the schema accepts a string, a number or a boolean; an optional field also accepts nothing
(`kommun:`), as the validator does. Everything else the validator checks and a schema can
say is said here too: required keys, unknown keys, non-empty required texts, dates that
exist, colours, list lengths. What a schema cannot say (Jinja, whether an image exists, a
duplicate key) only `remissgen kontrollera` checks.

The schema declares draft 2020-12 but uses only keywords that mean the same in draft-07
(type, properties, required, additionalProperties, items as one schema, minItems, pattern),
because editors built on yaml-language-server validate with draft-07 rules.
"""

from __future__ import annotations

import json
from typing import Any

from . import doctype
from .fields import Field
from .messages import text

DRAFT = "https://json-schema.org/draft/2020-12/schema"
FILE_NAME = "remissgen-schema.json"

_TEXT = ["string", "number", "boolean"]
_NOT_BLANK = r"\S"
_MONTH_DAY = (r"(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
              r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
              r"|02-(?:0[1-9]|1[0-9]|2[0-8]))")
_LEAP_YEAR = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
DATE_PATTERN = rf"(?:(?!0000)[0-9]{{4}}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"
"""A date that exists, written ÅÅÅÅ-MM-DD (leap days included), as the validator accepts."""
COLOR_PATTERN = r"#[0-9A-Fa-f]{6}"
NUMBER_PATTERN = r"^[0-9]+(?:[.,][0-9]+)?$"


Given = dict[str, Any]
"""The plain data of a profile: what it gives need not be given in the case file."""


def build(spec: Field | None = None, *, optional: bool = False,
          given: Given | None = None) -> dict[str, Any]:
    """Return the JSON Schema of a file with `spec`'s fields (the document type's table unless
    given; every key optional if `optional`).

    With `given` (a profile's data), a required field the profile gives is optional.
    """
    spec = spec or doctype.get().fields
    schema: dict[str, Any] = {"$schema": DRAFT, "title": spec.title,
                              "description": spec.description}
    schema.update(_object(spec, optional, in_list=False, given=given or {}))
    return schema


def dumps(spec: Field | None = None, *, optional: bool = False, given: Given | None = None) -> str:
    """Return the schema as indented JSON text, å, ä and ö written as themselves."""
    return json.dumps(build(spec, optional=optional, given=given), ensure_ascii=False,
                      indent=2) + "\n"


def _required(field: Field, optional: bool, in_list: bool, given: Given) -> bool:
    return field.required and (in_list or not optional) and \
        not covered(field, given.get(field.key))


def covered(field: Field, value: Any) -> bool:
    """Return True when a profile's `value` for `field` leaves nothing required to write.

    A text or list is covered by being there; a group when its required keys are covered.
    """
    if value is None:
        return False
    if field.kind != "mapping" or not isinstance(value, dict):
        return True
    return all(covered(c, value.get(c.key)) for c in field.children if c.required)


def _object(spec: Field, optional: bool, in_list: bool, given: Given) -> dict[str, Any]:
    def below(c: Field) -> Given:
        part = given.get(c.key)
        return part if isinstance(part, dict) and not in_list else {}

    out: dict[str, Any] = {
        "type": "object",
        "properties": {c.key: _property(c, _required(c, optional, in_list, {}), optional,
                                        in_list, below(c), covered(c, given.get(c.key)))
                       for c in spec.children},
        "additionalProperties": False,
    }
    required = [c.key for c in spec.children if _required(c, optional, in_list, given)]
    if required:
        out["required"] = required
    return out


def _property(field: Field, required: bool, optional: bool, in_list: bool, given: Given,
              from_profile: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"title": field.title,
                           "description": _description(field, required, from_profile)}
    out.update(_shape(field, required, optional, in_list, given))
    if field.example is not None:
        out["examples"] = [_example(field.example)]
    return out


def _description(field: Field, required: bool, from_profile: bool = False) -> str:
    """Return the field's description followed by whether it must be given.

    A field the profile gives keeps the shape of a required one (a blank value there would
    clear the profile's and fail), but need not be written.
    """
    if from_profile:
        return f"{field.description} {text('fält_i_profilen').capitalize()}."
    return f"{field.description} {necessity(field, required).capitalize()}."


def necessity(field: Field, required: bool) -> str:
    """Return 'måste finnas' (with the least number of items), or 'kan utelämnas'."""
    if not required:
        return text("fält_valfritt")
    if field.min_items:
        return text("fält_obligatoriskt_minst", minimum=field.min_items)
    return text("fält_obligatoriskt")


def _shape(field: Field, required: bool, optional: bool, in_list: bool,
           given: Given) -> dict[str, Any]:
    """Return the type keywords of `field`: what the validator accepts, said in JSON Schema."""
    empty = [] if required else ["null"]
    kind = field.kind
    if kind in ("text", "rich", "path"):
        return _text(required)
    if kind == "date":
        return _pattern(DATE_PATTERN, required)
    if kind == "color":
        return _pattern(COLOR_PATTERN, required)
    if kind == "yes_no":
        return {"type": ["string", *empty], "pattern": "^(?i:ja|nej)$|^\\s*$"}
    if kind == "number":
        return {"type": ["number", "string", *empty], "exclusiveMinimum": 0,
                "pattern": NUMBER_PATTERN}
    if kind == "list_text" and field.choices:
        return {"type": ["array", *empty], "items": {"enum": list(field.choices)},
                **_min(field, required)}
    if kind == "text_or_list":
        return {"type": [*_TEXT, "array", *empty], "items": _text(True)}
    if kind == "list_text":
        return {"type": ["array", *empty], "items": _text(True), **_min(field, required)}
    if kind == "list_mapping":
        return {"type": ["array", *empty], "items": _object(field, optional, True, {}),
                **_min(field, required)}
    out = _object(field, optional, in_list, given)
    out["type"] = ["object", *empty]
    return out


def _text(required: bool) -> dict[str, Any]:
    if required:
        return {"type": _TEXT, "pattern": _NOT_BLANK}
    return {"type": [*_TEXT, "null"]}


def _pattern(pattern: str, required: bool) -> dict[str, Any]:
    """A text matching `pattern`; an optional one may also be blank, which leaves it out."""
    if required:
        return {"type": "string", "pattern": f"^{pattern}$"}
    return {"type": ["string", "null"], "pattern": rf"^(?:{pattern}|\s*)$"}


def _min(field: Field, required: bool) -> dict[str, Any]:
    return {"minItems": field.min_items} if field.min_items and required else {}


def _example(example: object) -> Any:
    if isinstance(example, tuple):
        return [dict(e) if isinstance(e, dict) else e for e in example]
    return example
