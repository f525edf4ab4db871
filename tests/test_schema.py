"""`remissgen schema`: a valid draft 2020-12 schema that agrees with the validator.

An editor reads the case file as YAML 1.2 (yaml-language-server does), so the schema side of
each comparison sees the file the same way: `817` a number, `true` a boolean, an empty value
null, a quoted text a string. The validator reads the same text. Both must agree on valid and
invalid for every file whose problems a schema can express (not Jinja, not whether an image
exists, not duplicate keys).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remissgen import scaffold, schema, source, validate
from remissgen.errors import InvalidInput
from remissgen.remissvar.spec import CASE
from remissgen.source import Mapping, Node, Sequence

from .conftest import SEED_CASE, Result
from .test_diagnostics import BASE, ROWS

_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def as_yaml12(node: Node) -> Any:
    """Return the JSON value an editor (YAML 1.2 core schema) reads for `node`."""
    if isinstance(node, Mapping):
        return {k.value: as_yaml12(v) for k, v in node.items}
    if isinstance(node, Sequence):
        return [as_yaml12(i) for i in node.items]
    if node.style is not None:
        return node.value
    value = node.value
    if _NULL.fullmatch(value):
        return None
    if _BOOL.fullmatch(value):
        return value.lower() == "true"
    if _INT.fullmatch(value):
        return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def verdicts(text: str, *, optional: bool = False) -> tuple[bool, bool]:
    """Return (validator accepts, schema accepts) for the case file `text`."""
    src = source.parse(text, "f.yaml")
    try:
        validate.validate(src, optional=optional)
        ours = True
    except InvalidInput:
        ours = False
    built = schema.build(optional=optional)
    instance = as_yaml12(src.root)
    theirs = jsonschema.Draft202012Validator(built).is_valid(instance)
    # yaml-language-server implements draft-07; the schema uses only keywords that mean the
    # same there, so an editor on draft-07 must reach the same verdict.
    assert jsonschema.Draft7Validator(built).is_valid(instance) == theirs
    return ours, theirs


def test_the_schema_is_valid_draft_2020_12() -> None:
    built = schema.build()
    assert built["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(built)
    jsonschema.Draft202012Validator.check_schema(schema.build(optional=True))


def test_every_field_has_a_swedish_title_and_description() -> None:
    def walk(node: dict[str, Any], path: str) -> list[str]:
        missing = []
        for key, prop in node.get("properties", {}).items():
            if not prop.get("title") or not prop.get("description"):
                missing.append(f"{path}{key}")
            if not prop["description"].endswith(("Måste finnas.", "Kan utelämnas.",
                                                 "Måste finnas, minst 1.")):
                missing.append(f"{path}{key} (obligatoriskt eller inte)")
            missing += walk(prop, f"{path}{key}.")
            missing += walk(prop.get("items", {}), f"{path}{key}[].")
        return missing

    built = schema.build()
    assert walk(built, "") == []
    assert built["properties"]["handläggare"]["properties"]["e-post"]["title"] == "E-post"
    assert built["required"] == ["förvaltning", "nämnd", "sammanträde", "handläggare", "remiss",
                                 "sammanfattning", "ärendet", "synpunkter", "underskrifter"]


def test_remissgen_schema_prints_the_schema(run: Callable[..., Result]) -> None:
    result = run("schema")
    assert result.code == 0 and result.err == ""
    assert json.loads(result.out) == schema.build()
    assert "Handläggarens namn." in result.out  # å, ä and ö as themselves, not \u escapes


@pytest.mark.parametrize("text", [
    "diarienummer: 817\n", "diarienummer: 0712\n", "parti: NO\n", "telefon: 0850812192\n",
    "avdelning: true\n", "kommun:\n",
])
def test_an_editor_accepts_what_the_validator_keeps_as_text(text: str) -> None:
    if text.startswith("parti"):
        case = BASE.replace("remiss:\n", "remiss:\n  motionärer:\n    - namn: A\n      " + text)
    elif text.startswith("telefon"):
        case = BASE.replace("  telefon: 08-508 121 92\n", "  " + text)
    else:
        case = BASE + text
    assert verdicts(case) == (True, True)


def test_dates_that_do_not_exist_are_refused_by_both() -> None:
    for day, ok in [("2021-12-16", True), ("2020-02-29", True), ("2000-02-29", True),
                    ("2021-02-29", False), ("1900-02-29", False), ("2021-04-31", False),
                    ("2021-13-01", False), ("0000-01-01", False), ("2021-1-5", False),
                    ("16/12/2021", False)]:
        assert verdicts(BASE.replace("2021-12-16", day)) == (ok, ok), day


JINJA_IN_BASE = "remitterat {{ remiss.ärende }}."


def _expressible(content: object) -> bool:
    """Return True for a row a schema can judge: a YAML mapping without Jinja, images, dupes."""
    if not isinstance(content, str):
        return False
    content = content.replace(JINJA_IN_BASE, "remitterat motionen.")
    if "{{" in content or "{%" in content:
        return False
    if "logotyp" in content or "&" in content or "efter:" in content:
        return False  # images and aliases, and 'efter' headings (checked when rendering)
    if re.search(r":[ \t]+#", content):
        return False  # a value hidden by a comment (`färg: #1F6E43`): a schema sees no comments
    try:
        root = source.parse(content, "f.yaml").root
    except InvalidInput:
        return False  # YAML an editor cannot read either
    return isinstance(root, Mapping)


SCHEMA_ROWS = [r for r in ROWS if _expressible(r.content)]


def test_enough_rows_are_compared() -> None:
    assert len(SCHEMA_ROWS) >= 15


@pytest.mark.parametrize("row", SCHEMA_ROWS, ids=[r.id for r in SCHEMA_ROWS])
def test_schema_refuses_every_broken_row_the_validator_refuses(row: Any) -> None:
    assert verdicts(row.content.replace(JINJA_IN_BASE, "remitterat motionen.")) == (False, False)


@pytest.mark.parametrize("text", [BASE, SEED_CASE.read_text(encoding="utf-8"),
                                  scaffold.starter("ärende.yaml")],
                         ids=["bas", "exempelärendet", "ny"])
def test_schema_accepts_the_valid_cases(text: str) -> None:
    root = source.parse(text, "f.yaml").root
    jsonschema.Draft202012Validator(schema.build()).validate(as_yaml12(root))


# The property: mutate a valid case at random and compare the two verdicts.

TEXTS = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="{%\x00",
                                   exclude_categories=("Cc", "Cs")), max_size=12),
    st.sampled_from(["", " ", "2021-12-16", "2020-02-29", "2021-02-30", "16/12/2021", "#0066CC",
                     "#00GG00", "NO", "Södermalm"]),
)
SCALARS = st.one_of(st.none(), TEXTS, st.integers(-10**6, 10**9), st.booleans(),
                    st.sampled_from([None, "", 1.5, -0.25, 0]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(TEXTS, inner, max_size=3)), max_leaves=6)
EDGES = st.sampled_from([None, "", " ", [], {}, True, 817, "2021-02-30", "2021-12-16", "#0066CC",
                         "x", ["a"], [None], [""], [{}], {"x": 1}, [{"namn": "A"}],
                         [{"namn": "A", "titel": "B"}]])
"""Values at the edges of what the validator accepts, drawn as often as random ones."""
KEYS = st.one_of(st.sampled_from([p[-1] for p, f in CASE.walk() if p[0] != "logotyp"]), TEXTS)


def emit(value: Any, indent: int = 0) -> list[str]:
    """Return `value` as block YAML lines: texts double-quoted, None as an empty value."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for k, v in value.items():
            lines += _entry(f"{pad}{json.dumps(k, ensure_ascii=False)}:", v, indent)
    else:
        for v in value:
            lines += _entry(f"{pad}-", v, indent)
    return lines


def _entry(lead: str, value: Any, indent: int) -> list[str]:
    if isinstance(value, dict | list):
        return [f"{lead} {'{}' if isinstance(value, dict) else '[]'}"] if not value else \
            [lead, *emit(value, indent + 2)]
    if value is None:
        return [lead]
    if isinstance(value, bool):
        return [f"{lead} {'true' if value else 'false'}"]
    if isinstance(value, int | float):
        return [f"{lead} {value}"]
    return [f"{lead} {json.dumps(value, ensure_ascii=False)}"]


def tree_paths(tree: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Return the path of every node of a parsed YAML tree, the root first."""
    out = [path]
    if isinstance(tree, dict):
        for k, v in tree.items():
            out += tree_paths(v, (*path, k))
    elif isinstance(tree, list):
        for i, v in enumerate(tree):
            out += tree_paths(v, (*path, i))
    return out


def _without_jinja(tree: Any) -> Any:
    if isinstance(tree, dict):
        return {k: _without_jinja(v) for k, v in tree.items()}
    if isinstance(tree, list):
        return [_without_jinja(v) for v in tree]
    return "Text." if isinstance(tree, str) and "{{" in tree else tree


STARTS = [_without_jinja(as_yaml12(source.parse(text, "f.yaml").root))
          for text in (BASE, scaffold.starter("ärende.yaml"))]


def _fresh(value: Any) -> Any:
    """Return a copy of a drawn value, so that mutating it never changes a shared example."""
    return copy.deepcopy(value)


@st.composite
def mutated_cases(draw: st.DrawFn) -> Any:
    tree = _fresh(draw(st.sampled_from(STARTS)))
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(tree_paths(tree)))
        parent = tree
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["delete", "replace", "add"]))
        if action == "add":
            target = parent[path[-1]] if path else tree
            if isinstance(target, dict):
                target[draw(KEYS)] = _fresh(draw(st.one_of(EDGES, VALUES)))
            elif isinstance(target, list):
                target.append(_fresh(draw(st.one_of(EDGES, VALUES))))
        elif path and action == "delete":
            del parent[path[-1]]
        elif path:
            parent[path[-1]] = _fresh(draw(st.one_of(EDGES, VALUES)))
    return tree


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_cases())
def test_validator_and_schema_agree_on_mutated_cases(tree: Any) -> None:
    text = "\n".join(emit(tree)) + "\n"
    ours, theirs = verdicts(text)
    assert ours == theirs, text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_cases())
def test_profile_schema_agrees_with_profile_validation(tree: Any) -> None:
    text = "\n".join(emit(tree)) + "\n"
    ours, theirs = verdicts(text, optional=True)
    assert ours == theirs, text


def test_the_property_sees_both_outcomes(tmp_path: Path) -> None:
    """Guard against a property that only ever meets valid (or only invalid) cases."""
    outcomes = set()
    for text in (BASE, BASE.replace("2021-12-16", "x"), BASE + "okänd: 1\n"):
        outcomes.add(verdicts(text))
    assert outcomes == {(True, True), (False, False)}
