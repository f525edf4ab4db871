"""YAML nodes → plain case data (text, dates, lists, mappings) with positions, or every Problem.

One walk over the nodes, driven by the document type's field table (`doctype.get().fields`,
the remiss answer's in remissvar/spec.py), collects every problem of the file: unknown keys
(with "Menade du …?"), missing and empty required fields, wrong kinds, impossible dates, and
the Jinja in text fields (read, not rendered). Nothing stops at the first.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from . import dates, doctype, jinja, limits
from .errors import InvalidInput, Location, Problem
from .fields import Field
from .messages import menade, shown, suggest, text
from .source import Mapping, Node, Scalar, Sequence, Source
from .word import images

Key = tuple[str | int, ...]
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
COLOR = r"#[0-9A-Fa-f]{6}"
NUMBER = r"[0-9]+(?:[.,][0-9]+)?"
"""A colour and a number as written: few files have either, so these regexes are compiled
(by re's own cache) when a value asks, not when remissgen starts."""


class Data:
    """Validated case data: `values` as plain Python, with the position of each key and value,
    and `jinja`: the texts that hold Jinja, as (key, field, text) in file order (validation
    reads each text for its Jinja; rendering needs them again)."""

    __slots__ = ("jinja", "key_at", "path", "value_at", "values")

    def __init__(self, path: str, values: dict[str, Any],
                 value_at: dict[Key, Location] | None = None,
                 key_at: dict[Key, Location] | None = None) -> None:
        self.path = path
        self.values = values
        self.value_at: dict[Key, Location] = value_at if value_at is not None else {}
        self.key_at: dict[Key, Location] = key_at if key_at is not None else {}
        self.jinja: list[tuple[Key, Field, str]] = []

    def where(self, key: Key) -> Location:
        """Return the location of the value at `key`, else of its nearest parent, else 1:1."""
        while key:
            if key in self.value_at:
                return self.value_at[key]
            key = key[:-1]
        return Location(self.path)


def validate(source: Source, spec: Field | None = None, *, optional: bool = False,
             without_profile: bool = False) -> Data:
    """Return the Data of `source` checked against `spec` (the document type's field table
    unless given), or raise InvalidInput with all problems.

    `optional` checks a profile: no key is required, except inside list items (a list replaces
    the case's list whole, so each item must be complete). `without_profile` says that no
    profile was found, which a missing förvaltning, nämnd, handläggare or underskrifter names.
    """
    spec = spec or doctype.get().fields
    checker = _Checker(source.path, spec, optional, without_profile)
    checker.text = source.text
    data = Data(source.path, {})
    if not isinstance(source.root, Mapping):
        found = text("typ_lista") if isinstance(source.root, Sequence) else f"'{_short(source.root)}'"
        raise InvalidInput([Problem(Location(source.path),
                                    text("yaml_inte_mappning", found=found), code="yaml")])
    data.values = checker.mapping(source.root, spec, (), Location(source.path), data)
    data.jinja = checker.jinja_texts
    if checker.problems:
        raise InvalidInput(checker.problems, partial=data)
    return data


def _short(node: Node) -> str:
    return shown(node.value if isinstance(node, Scalar) else "", 40)


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
    "number": "typ_tal", "yes_no": "typ_ja_nej",
    "date": "typ_datum", "list_text": "typ_lista", "list_mapping": "typ_lista",
    "mapping": "typ_mappning", "text_or_list": "typ_text_eller_lista",
}
_HINTS = {
    "list_text": "tips_lista_text", "list_mapping": "tips_lista_poster", "mapping": "tips_grupp",
    "text": "tips_text", "path": "tips_text", "color": "tips_text", "rich": "tips_rik_text",
    "number": "tips_text", "yes_no": "tips_ja_nej",
    "text_or_list": "tips_text", "date": "tips_datum",
}


_COLLECTIONS = frozenset({"mapping", "list_mapping", "list_text"})
_TEXTS = frozenset({"text", "rich", "text_or_list"})
"""The kinds whose scalar is kept as written (after its Jinja is read)."""


def _hint(kind: str) -> str:
    return text(_HINTS[kind])


class _Checker:
    def __init__(self, path: str, root: Field, optional: bool = False,
                 without_profile: bool = False) -> None:
        self.path = path
        self.without_profile = without_profile
        self.text = ""  # the file's text, its lines read for a comment that hides a value
        self._lines: list[str] | None = None
        self.root = root
        self.optional = optional
        self.problems: list[Problem] = []
        self.jinja_texts: list[tuple[Key, Field, str]] = []

    @property
    def lines(self) -> list[str]:
        """Return the file's lines, split when first asked (only for a value left empty)."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    def required(self, spec: Field, parent: Key) -> bool:
        return spec.required and not (self.optional and not any(isinstance(k, int) for k in parent))

    def fail(self, code: str, where: Location, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(where, message, hint, code=code))

    def mapping(self, node: Mapping, spec: Field, key: Key, owner: Location,
                data: Data) -> dict[str, Any]:
        values: dict[str, Any] = {}
        meant: set[str] = set()
        for k, v in node.items:
            child = spec.child(k.value)
            if child is None:
                meant |= self.unknown(k, [c.key for c in spec.children], node)
                continue
            data.key_at[(*key, child.key)] = k.location
            value = self.value(v, child, (*key, child.key), data)
            if value is not None:
                values[child.key] = value
        for child in spec.children:  # the cheap tests first: most keys are there or optional
            if (child.required and child.key not in node.keys and child.key not in meant
                    and self.required(child, key)):
                if key:
                    self.fail("saknas", owner, text("saknas_i", key=child.key, parent=_name(key)),
                              text("saknas_tips", key=child.key))
                else:
                    self.missing_top(child, node)
        return values

    def missing_top(self, child: Field, node: Mapping) -> None:
        """Report a missing top-level key at 1:1 (the contract), with a tip that says where
        to add it and shows how; without a profile, say so: such keys usually come from one."""
        message = text("saknas", key=child.key)
        if self.without_profile and child.key in PROFILE_KEYS:
            message = text("saknas_ingen_profil", key=child.key)
        if node.items:
            last = node.items[-1][0]
            where = text("saknas_efter", key=last.value, line=last.location.line)
        else:
            where = text("saknas_överst")
        self.fail("saknas", Location(self.path), message,
                  text("saknas_var_tips", key=child.key, where=where) + _example(child))

    def unknown(self, k: Scalar, allowed: list[str], node: Mapping) -> set[str]:
        """Report an unknown key; return the key it was probably meant to be, if that is absent."""
        free = [a for a in allowed if a not in node.keys]
        close = suggest(k.value, free, allowed)
        message = menade("okänd_nyckel", close, key=shown(k.value))
        self.fail("okänd-nyckel", k.location, message, text("okänd_nyckel_tips", allowed=", ".join(allowed)))
        return {close} if close and close not in node.keys else set()

    def wrong_type(self, node: Node, spec: Field, name: str | None = None) -> None:
        self.fail("fel-typ", node.location,
                  text("fel_typ", key=name or spec.key, expected=text(_EXPECTED[spec.kind]),
                       found=_kind_name(node)),
                  _hint(spec.kind))

    def value(self, node: Node, spec: Field, key: Key, data: Data) -> Any:
        data.value_at[key] = node.location
        if spec.kind in _COLLECTIONS:
            if isinstance(node, Scalar) and node.is_empty and not self.required(spec, key[:-1]):
                return None
            return self.collection(node, spec, key, data)
        if not isinstance(node, Scalar):
            if spec.kind == "text_or_list" and isinstance(node, Sequence):
                return self.text_list(node, spec, key, data)
            self.wrong_type(node, spec)
            return None
        if not node.value.strip() and self.hidden_by_comment(node, spec, key, data):
            return None
        if not node.value.strip():
            if self.required(spec, key[:-1]):
                self.fail("tom", node.location, text("tom_text", key=spec.key), _hint(spec.kind))
            return "" if spec.kind != "date" else None
        return self.scalar(node, spec, key)

    def hidden_by_comment(self, node: Scalar, spec: Field, key: Key, data: Data) -> bool:
        """Report `färg: #1F6E43`: a value left empty whose comment right after the colon looks
        like the value (a colour, a number, a date); `#` starts a comment in YAML."""
        where = data.key_at.get(key)
        if where is None or not 0 < where.line <= len(self.lines):
            return False
        found = re.search(r":\s+#\s*(\S+)\s*$", self.lines[where.line - 1])
        patterns = {"color": r"[0-9A-Fa-f]{6}", "number": r"[0-9]+(?:[.,][0-9]+)?",
                    "date": r"[0-9]{4}-[0-9]{2}-[0-9]{2}"}
        if (not found or spec.kind not in patterns
                or not re.fullmatch(patterns[spec.kind], found.group(1))):
            return False
        shown_value = ("#" if spec.kind == "color" else "") + found.group(1)
        self.fail("kommentar-i-stället-för-värde", node.location,
                  text("värde_är_kommentar", key=spec.key, value=shown_value),
                  text("värde_är_kommentar_tips", key=spec.key, value=shown_value))
        return True

    def collection(self, node: Node, spec: Field, key: Key, data: Data) -> Any:
        if spec.kind == "mapping":
            if spec.key == "logotyp" and key == ("logotyp",) and isinstance(node, Scalar):
                if not node.value.strip():
                    return None  # `logotyp: ""`: no logo, with or without a profile
                self.fail("logotyp-som-text", node.location,  # `logotyp: bilder/logo.png`
                          text("logotyp_som_text", value=shown(node.value.strip())),
                          text("logotyp_som_text_tips", value=node.value.strip()))
                return None
            if not isinstance(node, Mapping):
                self.wrong_type(node, spec)
                return None
            owner = data.key_at.get(key, node.location)
            return self.mapping(node, spec, key, owner, data)
        if not isinstance(node, Sequence):
            self.wrong_type(node, spec)
            return None
        if len(node.items) < spec.min_items and self.required(spec, key[:-1]):
            unit = "post" if spec.min_items == 1 else "poster"
            self.fail("för-få", node.location,  # a bad value is reported at the value (the contract)
                      text("för_få", key=spec.key, minimum=spec.min_items, unit=unit),
                      _hint(spec.kind))
        if spec.kind == "list_text":
            return self.text_list(node, spec, key, data)
        items = []
        for i, item in enumerate(node.items):
            data.value_at[(*key, i)] = item.location
            if not isinstance(item, Mapping):
                self.wrong_type(item, Field(spec.key, "mapping", "", ""), _name((*key, i)))
                continue
            items.append(self.mapping(item, spec, (*key, i), item.location, data))
        return items

    def text_list(self, node: Sequence, spec: Field, key: Key, data: Data) -> list[str]:
        items = []
        for i, item in enumerate(node.items):
            data.value_at[(*key, i)] = item.location
            colon = _colon_text(item)
            if colon is not None:  # `- Besöksadress: Storgatan 1`: a text with a colon
                self.fail("kolon-i-text", item.location,
                          text("kolon_i_text", key=_name((*key, i))),
                          text("kolon_i_text_tips", line=f'- "{colon}"'))
            elif not isinstance(item, Scalar):
                self.wrong_type(item, Field(spec.key, "text", "", ""), _name((*key, i)))
            elif not item.value.strip():
                self.fail("tom-post", item.location, text("tom_post", key=spec.key, number=i + 1),
                          text("tom_post_tips"))
            elif spec.choices and item.value.strip() not in spec.choices:
                message = menade("okänt_val", suggest(item.value.strip(), spec.choices),
                                 value=shown(item.value), key=spec.key)
                self.fail("okänt-val", item.location, message,
                          text("okänt_val_tips", allowed=", ".join(spec.choices)))
            else:
                items.append(item.value.strip() if spec.choices else item.value)
                self.jinja(item, spec, (*key, i), items[-1])
        return items

    def scalar(self, node: Scalar, spec: Field, key: Key = ()) -> Any:
        value = node.value
        if spec.kind in _TEXTS:  # most values: a text is what was written, its Jinja read
            self.jinja(node, spec, key, value)
            return value
        if spec.kind == "date":
            return self.date(node, _name(key) if key else spec.key)
        if spec.kind == "color" and value.strip()[:1] in _CURLY and not re.fullmatch(COLOR, value):
            self.fail("typografiska-citattecken", node.location,
                      text("färg_typografiska", key=spec.key, value=shown(value.strip())),
                      text("färg_typografiska_tips", key=spec.key,
                           value=value.strip().strip("".join(_CURLY))))
            return None
        if spec.kind == "color" and not re.fullmatch(COLOR, value):
            self.fail("färg", node.location, text("färg_format", value=shown(value)))
            return None
        if spec.kind == "path":
            return self.image(node)
        if spec.kind == "yes_no":
            if value.strip().lower() not in ("ja", "nej"):
                self.fail("ja-nej", node.location,
                          text("ja_nej_format", key=spec.key, value=shown(value.strip())),
                          text("tips_ja_nej"))
                return None
            return value.strip().lower() == "ja"
        if spec.kind == "number":
            if not re.fullmatch(NUMBER, value.strip()) or float(value.replace(",", ".")) <= 0:
                self.fail("tal", node.location, text("tal_format", key=spec.key, value=shown(value)))
                return None
            return float(value.strip().replace(",", "."))
        self.jinja(node, spec, key, value)
        return value

    def jinja(self, node: Scalar, spec: Field, key: Key, kept: str) -> None:
        """Add the problems of the Jinja in `node` (kept as `kept` at `key`), and the text to
        those that hold Jinja."""
        if spec.jinja and jinja.MARK.search(node.value):  # check() finds nothing without
            self.problems += jinja.check(node.value, spec.key, node.location, self.root)
            self.jinja_texts.append((key, spec, kept))

    def date(self, node: Scalar, name: str) -> dt.date | None:
        """Return the date, or report it under its field's name: a guess for a date written
        another way ("26 november 2026", "2026-26-11"), and why a date does not exist."""
        value = node.value.strip()
        if not DATE.fullmatch(value):
            guess = dates.guess(value)
            message = text("datum_format", key=name, value=shown(value))
            if guess is not None:
                message += text("datum_menade", guess=guess.isoformat())
            self.fail("datum", node.location, message, _hint("date"))
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            message = text("datum_finns_inte", key=name, value=shown(value),
                           why=dates.why_not(value))
            guess = dates.guess(value)  # 2026-26-11: day and month swapped
            if guess is not None:
                message += text("datum_menade", guess=guess.isoformat())
            self.fail("datum", node.location, message)  # the message says why and what
            return None

    def image(self, node: Scalar) -> Path | None:
        path = Path(node.location.path).parent / node.value.strip()  # relative to its own file
        try:
            folder = path.is_dir()
        except (OSError, ValueError):  # a name too long for the file system
            folder = False
        if folder:
            self.fail("logotyp", node.location, text("logotyp_mapp", path=shown(node.value.strip())))
            return None
        name = shown(node.value.strip())
        try:
            data = limits.read_regular(path, limits.IMAGE_BYTES)
        except limits.NotRegular:
            self.fail("logotyp", node.location, text("logotyp_inte_vanlig", path=name))
            return None
        except limits.TooLarge as exc:
            self.fail("logotyp", node.location, text("logotyp_för_stor", path=name,
                                                     limit=exc.limit // limits.MB),
                      text("logotyp_för_stor_tips"))
            return None
        except (OSError, ValueError):  # missing, a name too long, a NUL in it
            self.fail("logotyp", node.location, text("logotyp_fil_saknas", path=name),
                      text("fil_saknas_tips"))
            return None
        if not data.startswith((b"\x89PNG", b"\xff\xd8\xff")):
            self.fail("logotyp", node.location, text("logotyp_format", path=shown(node.value.strip())))
            return None
        size = images.size(data)
        if size is None:
            self.fail("logotyp", node.location, text("logotyp_trasig", path=name),
                      text("logotyp_trasig_tips"))
            return None
        width, height = size
        if max(width, height) > limits.IMAGE_PIXELS:
            self.fail("logotyp", node.location, text(
                "logotyp_för_många_pixlar", path=name, width=width, height=height,
                limit=limits.IMAGE_PIXELS), text("logotyp_för_stor_tips"))
            return None
        return path


PROFILE_KEYS = ("förvaltning", "nämnd", "handläggare", "underskrifter")
"""The required keys that usually come from a profile."""


def _example(field: Field) -> str:
    """Return the lines that show a missing key written out (after a colon), indented under
    the tip: the key with a value, a group with its required keys, a list of groups with one
    item."""
    def value(f: Field) -> str:
        plain = isinstance(f.example, str) and not any(m in f.example for m in "\n{")
        return f.example if plain and isinstance(f.example, str) else "…"

    pad = "\n        "
    if field.kind == "rich":
        return f":{pad}{field.key}: |{pad}  {text('saknas_rik_text')}"
    if field.kind == "list_mapping" and isinstance(field.example, tuple) and field.example:
        first = field.example[0]
        items = list(first.items()) if isinstance(first, dict) else [("…", "…")]
        return (f":{pad}{field.key}:" + "".join(
            f"{pad}  {'- ' if i == 0 else '  '}{k}: {v}" for i, (k, v) in enumerate(items)))
    if field.kind == "mapping":
        return f":{pad}{field.key}:" + "".join(f"{pad}  {c.key}: {value(c)}"
                                              for c in field.children if c.required)
    return f": '{field.key}: {value(field)}'"


def _colon_text(node: Node) -> str | None:
    """Return the text a list item meant when YAML read it as one `key: value` pair on one
    line (`- Besöksadress: Storgatan 1`), else None."""
    if not isinstance(node, Mapping) or len(node.items) != 1:
        return None
    k, v = node.items[0]
    if not isinstance(v, Scalar) or v.style is not None or k.location.line != v.location.line:
        return None
    return f"{k.value}: {v.value}".replace('"', '\\"')


_CURLY = "”“„’‘»«"
"""Typographic quotes, as a paste from Word gives; YAML reads them as part of the text."""


def _name(key: Key) -> str:
    parts: list[str] = []
    for k in key:
        if isinstance(k, int):
            parts[-1] = f"{parts[-1]} {k + 1}"
        else:
            parts.append(k)
    return ".".join(parts)
