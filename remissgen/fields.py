"""What a document type's field table is made of: `Field` (one key of the case file), its
`Kind` and the shape of an `Example`. The table itself belongs to the document type
(`remissvar/spec.py`); validation, the JSON Schema, the `ny` scaffold, the form and the Word
placeholders read any table of Fields, which they get from `doctype.get().fields`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

Kind = Literal[
    "text", "rich", "date", "color", "path", "number", "yes_no", "text_or_list",
    "list_text", "mapping", "list_mapping",
]

Example = str | tuple[str, ...] | tuple[dict[str, str], ...]
"""An example value as `ny` writes it: a text, a list of texts, or a list of small mappings."""


class Field:
    """One key of the case file: its kind, whether required, its Swedish description and example.

    A plain slotted class (not a dataclass): the table is built at every start of
    `kontrollera`, which should not pay for generating dataclass code.
    """

    __slots__ = ("_by_key", "children", "choices", "commented", "description", "example",
                 "jinja", "key", "kind", "min_items", "required", "title")

    def __init__(self, key: str, kind: Kind, title: str, description: str,
                 required: bool = False, children: tuple[Field, ...] = (), min_items: int = 0,
                 jinja: bool = True, example: Example | None = None,
                 commented: bool = False, choices: tuple[str, ...] = ()) -> None:
        self.key = key
        self.kind: Kind = kind
        self.title = title
        self.description = description
        self.required = required
        self.children = children
        self.min_items = min_items
        self.jinja = jinja
        self.example = example
        self.commented = commented
        self.choices = choices  # the only values allowed (a list_text's items), if any
        self._by_key = {c.key: c for c in children}

    def replace(self, **changes: Any) -> Field:
        """Return a copy of the field with `changes` (keyword per attribute)."""
        values = {name: getattr(self, name) for name in self.__slots__ if name != "_by_key"}
        return Field(**{**values, **changes})

    def __repr__(self) -> str:
        return f"Field({self.key!r}, {self.kind!r})"

    @property
    def attribute(self) -> str:
        """Return the key as a Python attribute name ('e-post' → 'e_post')."""
        return self.key.replace("-", "_")

    def child(self, key: str) -> Field | None:
        """Return the child field named `key`, or None."""
        return self._by_key.get(key)

    def walk(self, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Field]]:
        """Yield (dotted path, field) for every field below this one, depth first, in order."""
        for c in self.children:
            yield (*path, c.key), c
            yield from c.walk((*path, c.key))
