"""YAML nodes → plain case data (text, dates, lists, mappings) with positions, or every Problem."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InvalidInput, Location, Problem
from .messages import text
from .source import Mapping, Node, Scalar, Sequence, Source
from .spec import CASE, Field

Key = tuple[str | int, ...]
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")


@dataclass
class Data:
    """Validated case data: `values` as plain Python, with the position of each key and value."""

    path: str
    values: dict[str, Any]
    value_at: dict[Key, Location] = field(default_factory=dict)
    key_at: dict[Key, Location] = field(default_factory=dict)

    def where(self, key: Key) -> Location:
        """Return the location of the value at `key`, else of its nearest parent, else 1:1."""
        while key:
            if key in self.value_at:
                return self.value_at[key]
            key = key[:-1]
        return Location(self.path)


def validate(source: Source, spec: Field = CASE) -> Data:
    """Return the Data of `source` checked against `spec`, or raise InvalidInput with all problems."""
    checker = _Checker(source.path)
    data = Data(source.path, {})
    if not isinstance(source.root, Mapping):
        found = text("typ_lista") if isinstance(source.root, Sequence) else f"'{_short(source.root)}'"
        raise InvalidInput([Problem(Location(source.path),
                                    text("yaml_inte_mappning", found=found))])
    data.values = checker.mapping(source.root, spec, (), Location(source.path), data)
    if checker.problems:
        raise InvalidInput(checker.problems)
    return data


def _short(node: Node) -> str:
    value = node.value if isinstance(node, Scalar) else ""
    return value if len(value) < 40 else value[:37] + "..."


def _kind_name(node: Node) -> str:
    if isinstance(node, Mapping):
        return text("typ_mappning")
    if isinstance(node, Sequence):
        return text("typ_lista")
    if isinstance(node, Scalar) and node.is_empty:
        return text("typ_tom")
    return text("typ_text")


_EXPECTED = {
    "text": "typ_text", "rich": "typ_text", "path": "typ_text", "color": "typ_text",
    "date": "typ_datum", "list_text": "typ_lista", "list_mapping": "typ_lista",
    "mapping": "typ_mappning", "text_or_list": "typ_text_eller_lista",
}
_HINTS = {
    "list_text": "skriv varje punkt på en egen rad som börjar med '- ', indragen under nyckeln",
    "list_mapping": "skriv varje post på en egen rad som börjar med '- ', till exempel '- namn: …'",
    "mapping": "skriv nycklarna indragna på egna rader under nyckeln, till exempel '  namn: …'",
    "text": "skriv texten direkt efter kolonet, eller under '|' för flera stycken",
    "rich": "skriv texten under 'nyckel: |', indragen, med tomma rader mellan styckena",
}


class _Checker:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def fail(self, where: Location, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(where, message, hint))

    def mapping(self, node: Mapping, spec: Field, key: Key, owner: Location,
                data: Data) -> dict[str, Any]:
        values: dict[str, Any] = {}
        allowed = [c.key for c in spec.children]
        for k, v in node.items:
            child = spec.child(k.value)
            if child is None:
                self.unknown(k, allowed)
                continue
            data.key_at[(*key, child.key)] = k.location
            value = self.value(v, child, (*key, child.key), data)
            if value is not None:
                values[child.key] = value
        for child in spec.children:
            if child.required and child.key not in node.keys:
                message = (text("saknas", key=child.key) if not key else
                           text("saknas_i", key=child.key, parent=_name(key)))
                self.fail(owner, message, text("saknas_tips", key=child.key))
        return values

    def unknown(self, k: Scalar, allowed: list[str]) -> None:
        close = difflib.get_close_matches(k.value, allowed, n=1, cutoff=0.6)
        message = (text("okänd_nyckel_menade", key=k.value, suggestion=close[0]) if close
                   else text("okänd_nyckel", key=k.value))
        self.fail(k.location, message, text("okänd_nyckel_tips", allowed=", ".join(allowed)))

    def wrong_type(self, node: Node, spec: Field) -> None:
        self.fail(node.location,
                  text("fel_typ", key=spec.key, expected=text(_EXPECTED[spec.kind]),
                       found=_kind_name(node)),
                  _HINTS.get(spec.kind))

    def value(self, node: Node, spec: Field, key: Key, data: Data) -> Any:
        data.value_at[key] = node.location
        empty = isinstance(node, Scalar) and node.is_empty
        if spec.kind in ("mapping", "list_mapping", "list_text"):
            if empty and not spec.required:
                return None
            return self.collection(node, spec, key, data)
        if spec.kind == "text_or_list" and isinstance(node, Sequence):
            return self.text_list(node, spec, key, data)
        if not isinstance(node, Scalar):
            self.wrong_type(node, spec)
            return None
        if not node.value.strip():
            if spec.required:
                self.fail(node.location, text("tom_text", key=spec.key), _HINTS.get("text"))
            return "" if spec.kind not in ("date",) else None
        return self.scalar(node, spec)

    def collection(self, node: Node, spec: Field, key: Key, data: Data) -> Any:
        if spec.kind == "mapping":
            if not isinstance(node, Mapping):
                self.wrong_type(node, spec)
                return None
            owner = data.key_at.get(key, node.location)
            return self.mapping(node, spec, key, owner, data)
        if not isinstance(node, Sequence):
            self.wrong_type(node, spec)
            return None
        if len(node.items) < spec.min_items:
            unit = "post" if spec.min_items == 1 else "poster"
            self.fail(data.key_at.get(key, node.location),
                      text("för_få", key=spec.key, minimum=spec.min_items, unit=unit),
                      _HINTS[spec.kind])
        if spec.kind == "list_text":
            return self.text_list(node, spec, key, data)
        items = []
        for i, item in enumerate(node.items):
            data.value_at[(*key, i)] = item.location
            if not isinstance(item, Mapping):
                self.wrong_type(item, Field(spec.key, "mapping", "", ""))
                continue
            items.append(self.mapping(item, spec, (*key, i), item.location, data))
        return items

    def text_list(self, node: Sequence, spec: Field, key: Key, data: Data) -> list[str]:
        items = []
        for i, item in enumerate(node.items):
            data.value_at[(*key, i)] = item.location
            if not isinstance(item, Scalar):
                self.wrong_type(item, Field(spec.key, "text", "", ""))
            elif not item.value.strip():
                self.fail(item.location, text("tom_text", key=f"{spec.key} {i + 1}"))
            else:
                items.append(item.value)
        return items

    def scalar(self, node: Scalar, spec: Field) -> Any:
        value = node.value
        if spec.kind == "date":
            return self.date(node)
        if spec.kind == "color" and not _COLOR.fullmatch(value.strip()):
            self.fail(node.location, text("färg_format", value=value))
            return None
        if spec.kind == "path":
            return self.image(node)
        return value

    def date(self, node: Scalar) -> dt.date | None:
        value = node.value.strip()
        if not _DATE.fullmatch(value):
            self.fail(node.location, text("datum_format", value=value))
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(node.location, text("datum_finns_inte", value=value))
            return None

    def image(self, node: Scalar) -> Path | None:
        path = Path(self.path).parent / node.value.strip()
        try:
            head = path.read_bytes()[:4]
        except OSError:
            self.fail(node.location, text("logotyp_fil_saknas", path=node.value.strip()),
                      text("fil_saknas_tips"))
            return None
        if not head.startswith((b"\x89PNG", b"\xff\xd8\xff")):
            self.fail(node.location, text("logotyp_format", path=node.value.strip()))
            return None
        return path


def _name(key: Key) -> str:
    parts: list[str] = []
    for k in key:
        if isinstance(k, int):
            parts[-1] = f"{parts[-1]} {k + 1}"
        else:
            parts.append(k)
    return ".".join(parts)
