"""The document and `granska` read rich text through one caller contract (richtext.parse and
richtext.spans over the same tokens), so they cannot disagree on what is a list item."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx

import remissgen
from remissgen import richtext
from remissgen.blocks import ListBlock, Paragraph
from remissgen.granska import text as granska_text
from remissgen.source import Mapping, Scalar

from .conftest import SEED_CASE, W

# The drift example of issue 11: a list of one, a blank line, then a year opening a paragraph.
DRIFT = "1. Förvaltningen tillstyrker motionen.\n\n2021. var ett svårt år för målgruppen."


def _case(tmp_path: Path) -> Path:
    seed = SEED_CASE.read_text(encoding="utf-8")
    body = "".join(f"  {line}\n" if line else "\n" for line in DRIFT.split("\n"))
    replaced = re.sub(r"ärendet: \|\n(?:  .*\n|\n)+", "ärendet: |\n" + body, seed, count=1)
    assert replaced != seed
    case = tmp_path / "ärende.yaml"
    case.write_text(replaced, encoding="utf-8")
    return case


def test_the_drift_example_is_one_item_and_one_paragraph_for_both(tmp_path: Path) -> None:
    blocks = richtext.parse(DRIFT)
    assert [type(b) for b in blocks] == [ListBlock, Paragraph]
    assert [s.list_item for s in richtext.spans(DRIFT)] == [True, False]

    loaded = remissgen.load(_case(tmp_path))
    # granska, reading the field as written
    root = loaded.source.root
    assert isinstance(root, Mapping)
    node = root.get("ärendet")
    assert isinstance(node, Scalar)
    read = granska_text.read(granska_text.Lines(loaded.source.path, loaded.source.text), node,
                             ("ärendet",))
    assert [(p.list_item, " ".join(w.text for s in p.sentences for w in s.words)[:4])
            for p in read.paragraphs] == [(True, "Förv"), (False, "2021")]

    # the document, as built
    document = docx.Document(io.BytesIO(remissgen.build(loaded)))
    paragraphs = {p.text: p for p in document.paragraphs}
    item = paragraphs["Förvaltningen tillstyrker motionen."]
    year = paragraphs["2021. var ett svårt år för målgruppen."]
    assert item._p.find(f"{W}pPr/{W}numPr") is not None
    assert year._p.find(f"{W}pPr/{W}numPr") is None
    assert "List" not in (year.style.name if year.style is not None else "")
