"""The case fields are declared once, in the field table (remissvar/spec.py): the case model,
the validator, the JSON Schema, the `ny` scaffold, the defaults and the Word templates'
placeholders must each have exactly the table's fields, no more and no fewer."""

from __future__ import annotations

import json
import re
from typing import Any

from remissgen import scaffold, schema, source, validate
from remissgen.remissvar import model, phrases
from remissgen.remissvar.spec import CASE, DERIVED, Field
from remissgen.word.templating import VOCABULARY, ListOf

from .conftest import SEED_CASE


def _groups(spec: Field = CASE, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], Field]:
    """Return every group of the table (mapping or list of mappings) by its path."""
    found = {path: spec}
    for child in spec.children:
        if child.kind in ("mapping", "list_mapping") and child.children:
            found |= _groups(child, (*path, child.key))
    return found


def test_each_record_of_the_model_has_the_fields_of_its_group() -> None:
    groups = _groups()
    assert set(model.RECORDS) <= set(groups)
    for path, group in groups.items():
        record = model.RECORDS.get(path)
        if record is None:  # a group of free keys (granskning.gränser): pairs, not a record
            assert path == ("granskning", "gränser")
            continue
        expected = [c.attribute for c in group.children] + (list(DERIVED) if not path else [])
        assert sorted(record._fields) == sorted(expected), path  # type: ignore[attr-defined]


def test_the_validator_takes_the_tables_keys_and_refuses_others() -> None:
    text = SEED_CASE.read_text(encoding="utf-8")
    data = validate.validate(source.parse(text, "x.yaml"))
    assert set(data.values) <= {c.key for c in CASE.children}
    try:  # a derived text is in the model, but no field of the file
        validate.validate(source.parse(text + "beredning_mening: x\n", "x.yaml"))
    except validate.InvalidInput as exc:
        assert [p.code for p in exc.problems] == ["okänd-nyckel"]
    else:
        raise AssertionError("a key outside the table was accepted")


def _schema_keys(node: dict[str, Any], path: tuple[str, ...] = ()) -> dict[tuple[str, ...], set[str]]:
    found: dict[tuple[str, ...], set[str]] = {}
    if "properties" in node:
        found[path] = set(node["properties"])
        for key, child in node["properties"].items():
            for shape in (child, child.get("items", {})):
                if isinstance(shape, dict) and "properties" in shape:
                    found |= _schema_keys(shape, (*path, key))
    return found


def test_the_json_schema_has_the_tables_keys_at_every_level() -> None:
    keys = _schema_keys(json.loads(schema.dumps()))
    groups = {path: {c.key for c in g.children} for path, g in _groups().items()}
    groups.pop(("granskning", "gränser"), None)
    keys.pop(("granskning", "gränser"), None)
    assert keys == groups


def test_the_scaffold_writes_every_top_level_field_once() -> None:
    text = scaffold.starter("ärende.yaml")
    written = [k for k in re.findall(r"^(?:# )?([\w-]+):(?: |$)", text, re.M)
               if k != "yaml-language-server"]  # the schema line above everything
    assert sorted(written) == sorted(c.key for c in CASE.children)


def test_the_defaults_fill_only_fields_of_the_table() -> None:
    data = validate.validate(source.read(SEED_CASE))
    completed = phrases._with_defaults(data.values)
    assert set(completed) <= {c.key for c in CASE.children}
    assert {"nämnd_kort", "rubrik", "underrubrik", "förslag_till_beslut", "avslutning",
            "expedieras_till"} <= set(completed) - set(data.values)


def test_the_word_placeholders_are_the_tables_fields() -> None:
    assert set(VOCABULARY) == ({c.key for c in CASE.children} | set(DERIVED)
                               | {"innehåll", "logotyp"})
    remiss = VOCABULARY["remiss"]
    assert isinstance(remiss, dict) and set(remiss) == {c.key for c in CASE.child("remiss").children}  # type: ignore[union-attr]
    assert isinstance(remiss["motionärer"], ListOf)
