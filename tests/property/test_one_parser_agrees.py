"""Property: for rich text drawn from the subset, the document's blocks, `granska`'s
paragraphs and `importera`'s round trip all agree with the one parser."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import remissgen
from remissgen import richtext
from remissgen.blocks import Block, ListBlock, Paragraph
from remissgen.granska import text as granska_text
from remissgen.importera import docx_reader, markup
from remissgen.importera.layout import Line
from remissgen.source import Mapping, Scalar

from ..conftest import CASES

WORDS = st.sampled_from(["nämnden", "förslaget", "år", "2021", "600", "kronor", "Stockholm",
                         "(LOU)", "t.ex.", "snake_case", "ökad", "trygghet", "x²"])


@st.composite
def phrase(draw: st.DrawFn, marks: bool = True) -> str:
    words = draw(st.lists(WORDS, min_size=1, max_size=6))
    if marks and draw(st.booleans()):
        i = draw(st.integers(0, len(words) - 1))
        mark = draw(st.sampled_from(["*", "**"]))
        words[i] = f"{mark}{words[i]}{mark}"
    return " ".join(words).capitalize() + "."


@st.composite
def a_list(draw: st.DrawFn, marks: bool = True) -> str:
    kinds = [draw(st.booleans()) for _ in range(3)]
    lines: list[str] = []
    columns: list[int] = []  # per open level: its content column
    numbers: list[int] = []
    for _ in range(draw(st.integers(1, 6))):
        level = draw(st.integers(0, min(len(columns), 2)))
        del columns[level + 1:]
        del numbers[level + 1:]
        number = numbers[level] + 1 if len(numbers) > level else 1
        marker = f"{number}." if kinds[level] else draw(st.sampled_from(["-", "*", "+", "•"]))
        indent = columns[level - 1] if level else 0
        columns[level:level + 1] = [indent + len(marker) + 1]
        numbers[level:level + 1] = [number]
        lines.append(f"{' ' * indent}{marker} {draw(phrase(marks))}")
        if draw(st.integers(0, 4)) == 0:  # a paragraph inside the item
            lines += ["", " " * columns[level] + draw(phrase(marks)), ""]
    return "\n".join(lines)


TEXT = st.lists(st.one_of(phrase(), a_list()), min_size=1, max_size=4).map("\n\n".join)


def _canonical(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, ListBlock):
            out.append(block._replace(items=tuple(i._replace(runs=markup.canonical(i.runs))
                                                  for i in block.items)))
        elif isinstance(block, Paragraph):
            out.append(block._replace(runs=markup.canonical(block.runs)))
    return out


def _yaml(text: str) -> str:
    case = (CASES / "minimal.yaml").read_text(encoding="utf-8")
    body = "".join(f"  {line}\n" if line.strip() else "\n" for line in text.split("\n"))
    kept = [line for line in case.splitlines() if not line.startswith("ärendet:")]
    return "\n".join(kept) + "\närendet: |\n" + body


def _section(lines: list[Line], heading: str) -> list[Line]:
    out: list[Line] = []
    inside = False
    for line in lines:
        if line.role in ("heading", "title"):
            inside = line.text == heading
        elif inside:
            out.append(line)
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_document_granska_and_importera_agree_with_the_parser(source: str) -> None:
    expected = _canonical(richtext.parse(source))
    loaded = remissgen.load_text(_yaml(source), "fall.yaml")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ut.docx"
        path.write_bytes(remissgen.build(loaded))
        layout = docx_reader.read(path, "ut.docx")
    lines = _section([i for i in layout.body if isinstance(i, Line)], "Ärendet")
    # the document shows the parser's blocks: lists, levels, continued paragraphs, runs
    assert _canonical(markup.blocks(lines)) == expected
    # granska counts one paragraph per paragraph, list item and paragraph inside an item
    root = loaded.source.root
    assert isinstance(root, Mapping)
    node = root.get("ärendet")
    assert isinstance(node, Scalar)
    read = granska_text.read(granska_text.Lines("fall.yaml", loaded.source.text), node,
                             ("ärendet",))
    count = sum(len(b.items) if isinstance(b, ListBlock) else 1 for b in expected)
    assert len(read.paragraphs) == count
    assert [p.list_item for p in read.paragraphs] == [
        flag for b in expected for flag in (
            [True] * len(b.items) if isinstance(b, ListBlock) else [False])]
    # importera writes markup that the parser reads back to the same blocks
    written, notes = markup.rich(lines, "Ärendet")
    assert notes == []
    assert _canonical(richtext.parse(written)) == expected, written


def _shape(blocks: list[Block]) -> list[object]:
    """Return blocks as kinds, levels and plain text: what a text file can say."""
    return [[(i.level, i.numbered, i.continued, "".join(r.text for r in i.runs))
             for i in b.items] if isinstance(b, ListBlock)
            else "".join(r.text for r in b.runs) for b in blocks if isinstance(b, (ListBlock, Paragraph))]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(phrase(False), a_list(False)), min_size=1, max_size=3).map(
    lambda pairs: "\n\n".join(part for pair in pairs for part in pair)))
def test_importera_of_text_reads_lists_and_their_levels_as_the_parser_does(source: str) -> None:
    """A text file is no case file: a list right after a list, which the contract's start
    number rule may read as text, is not drawn; text stands between the lists."""
    from remissgen.importera import text_reader

    layout = text_reader.read("Sammanfattning\n\n" + source + "\n")
    lines = _section([i for i in layout.body if isinstance(i, Line)], "Sammanfattning")
    assert _shape(markup.blocks(lines)) == _shape(richtext.parse(source)), source
    written, notes = markup.rich(lines, "Sammanfattning")  # and the case file says the same
    assert notes == [] and _shape(richtext.parse(written)) == _shape(richtext.parse(source))
