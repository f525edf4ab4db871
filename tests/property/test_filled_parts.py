"""A header or footer paragraph with placeholders is filled once for each set of values it
reads, and kept (docx_writer._paragraph_filled, issue 19). A document built with kept
paragraphs must be the one filling them again gives, byte for byte, and fail the same way;
values that are equal but print apart (0.0 and -0.0, 1 and True) must not share one, and
the budget must count what the renders would have counted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remissgen import jinja
from remissgen.blocks import Paragraph, Run
from remissgen.errors import InvalidInput
from remissgen.word import docx_writer, styles, templating

TEMPLATES = [templating.builtin_path(name) for name in ("stockholm", "neutral")]
LOGO = docx_writer.Image(b"\x89PNG\r\n\x1a\nlogotyp", "png", "Stadens logotyp", 900000, 400000)
PROPS = docx_writer.Properties("Rubrik", "Ärende", "Förvaltningen", "Dnr 1", __import__(
    "datetime").date(2026, 1, 2))
BLOCKS = [Paragraph((Run("Nämnden tillstyrker."),), styles.NORMAL)]
VALUE = st.sampled_from(["Södermalm", "Kansliet", "", None, 0, 1, True, False, 1.0, 0.0, -0.0,
                         "1", "A & <B>", {"a": 1}, ["x"]])
LINES = st.one_of(st.lists(st.sampled_from(["Växel 08-508", "stockholm.se", "", "1"]),
                           max_size=3), st.just(("Växel 08-508",)), st.just([1, True]))
CONTEXT = st.fixed_dictionaries({
    "förvaltning": VALUE, "avdelning": VALUE, "diarienummer": VALUE, "datum": VALUE,
    "sidfot": LINES})
DOCUMENT = st.tuples(CONTEXT, st.sampled_from([None, "UTKAST"]), st.sampled_from(
    [None, "#1A6B3C", "1a6b3c"]), st.booleans(), st.sets(
    st.sampled_from(["sidfot", "logotyp"])).map(frozenset), st.sampled_from(
    [None, {"Diarienummer": "Dnr"}]))


def _render(template: docx_writer.Template, document: tuple[Any, ...]) -> bytes | str:
    context, mark, accent, logo, only, renames = document
    with jinja.budget():
        try:
            return docx_writer.render(template, BLOCKS, dict(context), PROPS,
                                      LOGO if logo else None, custom={"Status": "Klar"},
                                      accent=accent, mark=mark, renames=renames,
                                      first_page_only=only)
        except InvalidInput as exc:
            return str(exc)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TEMPLATES), st.lists(DOCUMENT, min_size=1, max_size=6))
def test_kept_parts_build_what_filling_them_again_builds(
        path: Path, documents: list[tuple[Any, ...]]) -> None:
    prepared = docx_writer.load_template(path)
    kept = prepared._replace(filled={})
    general = prepared._replace(filled=None)
    for document in [*documents, *documents]:  # the second round finds every one kept
        assert _render(kept, document) == _render(general, document)


CASE = {"förvaltning": "Södermalm", "avdelning": "Kansliet", "diarienummer": "SÖD 1",
        "datum": "2026-01-02", "sidfot": ["Växel 08-508"]}


def _fills(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    fills: list[object] = []
    fill = docx_writer._paragraph_xml

    def counted(*args: Any) -> str:
        fills.append(args[0])
        return fill(*args)

    monkeypatch.setattr(docx_writer, "_paragraph_xml", counted)
    return fills


def test_only_the_paragraphs_whose_values_changed_are_filled_again(
        monkeypatch: pytest.MonkeyPatch) -> None:
    template = docx_writer.load_template(TEMPLATES[0])._replace(filled={})
    fills = _fills(monkeypatch)
    out, spent = [], []
    for number in ("SÖD 1", "SÖD 1", "SÖD 2"):
        with jinja.budget():
            out.append(docx_writer.render(template, BLOCKS, {**CASE, "diarienummer": number},
                                          PROPS, LOGO))
            spent.append(jinja.spent())
    dynamic = [s for segs in template.parts.values() for s in segs if not isinstance(s, str)]
    assert len(fills) == len(dynamic) + 1  # the second all kept; the third one paragraph
    assert "diarienummer" in fills[-1].reads  # type: ignore[attr-defined]
    assert out[0] == out[1] != out[2]
    assert spent[0] == spent[1] == spent[2] and spent[0] is not None and spent[0][0] > 0


def test_a_kept_paragraph_past_the_budget_is_rendered_to_fail(
        monkeypatch: pytest.MonkeyPatch) -> None:
    template = docx_writer.load_template(TEMPLATES[0])._replace(filled={})
    with jinja.budget():
        docx_writer.render(template, BLOCKS, dict(CASE), PROPS)
    fills = _fills(monkeypatch)
    monkeypatch.setattr(docx_writer.limits, "JINJA_DOCUMENT_CHARS", 5)
    with jinja.budget(), pytest.raises(InvalidInput):
        docx_writer.render(template, BLOCKS, dict(CASE), PROPS)
    assert fills  # filled anew, so the limit itself refused it


def test_values_that_print_apart_are_kept_apart() -> None:
    frozen = docx_writer._frozen
    assert frozen(0.0) != frozen(-0.0)
    assert frozen(1) != frozen(True) != frozen(1.0)
    assert frozen(["a"]) != frozen(("a",))
    assert frozen({"a": 1, "b": 2}) != frozen({"b": 2, "a": 1})
    assert frozen({"a": object()}) is docx_writer._UNKNOWN
    assert frozen({"a": ["b", {"c": None}]}) == frozen({"a": ["b", {"c": None}]})
