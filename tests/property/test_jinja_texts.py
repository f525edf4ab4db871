"""Validation lists the texts that hold Jinja (`Data.jinja`) as it reads them; phrases renders
those, where it walked the whole of the validated values a second time to find them (issue
19). For valid cases drawn with Jinja in texts at the top, in groups, in lists of texts and
in lists of groups, with a profile or without, the list is the one the walk (below, as it
was) gives: the same keys, fields and texts, in the same order, and every document builds
the same as before from it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remissgen import jinja, pipeline, source, validate
from remissgen.errors import InvalidInput
from remissgen.fields import Field
from remissgen.remissvar.spec import CASE

from .test_roundtrip import cases

Key = tuple[str | int, ...]

MARKS = st.sampled_from(["{{ remiss.ärende }}", "{{ nämnd }} ", "{# not #}", "{% if true %}ja{% endif %}",
                         "{{ remiss.från | stor_bokstav }}", "{ inte }", "{{"])


def _reference(value: Any, spec: Field, key: Key) -> list[tuple[Key, Field, str]]:
    """Return (key, spec, text) of every text field holding Jinja, in file order (the walk
    phrases made before validation kept the list)."""
    found: list[tuple[Key, Field, str]] = []
    if isinstance(value, str):
        if spec.jinja and jinja.MARK.search(value):
            found.append((key, spec, value))
    elif isinstance(value, dict):
        for k, v in value.items():
            found += _reference(v, spec.child(k) or spec, (*key, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += _reference(v, spec, (*key, i))
    return found


def _marked(draw: st.DrawFn, value: Any) -> Any:
    """Return `value` with Jinja (or something like it) put into some of its texts."""
    if isinstance(value, str):
        return f"{draw(MARKS)} {value}" if draw(st.integers(0, 3)) == 0 else value
    if isinstance(value, dict):
        return {k: _marked(draw, v) for k, v in value.items()}
    if isinstance(value, list):
        return [_marked(draw, v) for v in value]
    return value


@st.composite
def marked_cases(draw: st.DrawFn) -> dict[str, Any]:
    return dict(_marked(draw, draw(cases())))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(marked_cases(), st.booleans())
def test_validation_lists_the_jinja_texts_the_walk_found(case: dict[str, Any],
                                                          profiled: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fall.yaml"
        if profiled:  # a profile's texts are the case's after merging
            moved = {k: case.pop(k) for k in ("förvaltning", "underskrifter") if k in case}
            (Path(folder) / "remissgen-profil.yaml").write_text(
                yaml.safe_dump(moved, allow_unicode=True, sort_keys=False), encoding="utf-8")
        path.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
        src = source.read(path)
        try:
            if profiled:
                from remissgen import profile

                data = profile.apply(src, Path(folder) / "remissgen-profil.yaml", CASE)
            else:
                data = validate.validate(src, CASE)
        except InvalidInput:
            return  # a mark that is no valid Jinja ('{{'): refused before rendering
        assert data.jinja == _reference(data.values, CASE, ())
        try:
            pipeline.load(path)
        except InvalidInput:
            return  # a mark whose text does not render: refused at its field either way
