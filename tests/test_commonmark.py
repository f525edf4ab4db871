"""The rich-text parser against the CommonMark Spec's examples that use only the subset.

From the sections on emphasis, lists, list items and paragraphs, the examples whose
Markdown has only paragraphs, `*`/`**`, list markers and plain text (no `_`, backticks,
`<`, `[`, `#`, `>`, `&`, tabs or hard breaks). Each must give the blocks and runs of
CommonMark's HTML, except where the README lists a deliberate difference.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from remissgen.blocks import Block, Item, ListBlock, Paragraph, Run
from remissgen.richtext import MAX_LEVEL, parse

HERE = Path(__file__).parent
SECTIONS = {"Emphasis and strong emphasis", "Lists", "List items", "Paragraphs"}
_OUTSIDE = re.compile(r"[_`<\[#>&\t]| {2,}\n|\\\n")


def examples() -> list[dict[str, object]]:
    """Return the spec's examples that use only the subset."""
    found = json.loads((HERE / "commonmark" / "commonmark.json").read_text(encoding="utf-8"))
    return [e for e in found if e["section"] in SECTIONS and not _OUTSIDE.search(e["markdown"])]


def difference(example: dict[str, object]) -> str | None:
    """Return which deliberate difference (README) an example meets, or None."""
    expected = str(example["html"])
    if "<ol start=" in expected:
        return "en numrerad lista börjar på 1"
    if re.search(r"<(hr|h[1-6]|pre)\b", expected):
        return "annan blocksyntax är text"
    if re.search(r"\\[^*\-+.)\\]", str(example["markdown"])):
        return "bakstreck bara före * - + . )"
    return None


class _Html(HTMLParser):
    """CommonMark's HTML → remissgen's blocks, as the document would show them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[Block] = []
        self.items: list[Item] = []
        self.kinds: list[bool] = []
        self.fresh: list[bool] = []
        self.runs: list[Run] | None = None
        self.bold = self.italic = 0

    def _flush(self) -> None:
        if self.runs is None:
            return
        runs = _merge(self.runs)
        self.runs = None
        if not self.kinds:
            self.out.append(Paragraph(runs))
            return
        self.items.append(Item(runs, min(len(self.kinds) - 1, MAX_LEVEL), self.kinds[-1],
                               continued=not self.fresh[-1]))
        self.fresh[-1] = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol"):
            self._flush()
            if self.fresh and self.fresh[-1]:
                self.runs = []
                self._flush()
            self.kinds.append(tag == "ol")
        elif tag == "li":
            self.fresh.append(True)
        elif tag == "p":
            self._flush()
            self.runs = []
        elif tag == "strong":
            self.bold += 1
        elif tag == "em":
            self.italic += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol"):
            numbered = self.kinds.pop()
            if not self.kinds:
                self.out.append(ListBlock(tuple(self.items), numbered))
                self.items = []
        elif tag == "li":
            if self.runs is not None or self.fresh[-1]:
                if self.runs is None:
                    self.runs = []
                self._flush()
            self.fresh.pop()
        elif tag == "p":
            self._flush()
        elif tag == "strong":
            self.bold -= 1
        elif tag == "em":
            self.italic -= 1

    def handle_data(self, data: str) -> None:
        text = data.replace("\n", " ")
        if self.runs is None:
            if not text.strip():
                return
            self.runs = []  # a tight item's text
        self.runs.append(Run(text, self.bold > 0, self.italic > 0))


def _merge(runs: list[Run]) -> tuple[Run, ...]:
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        elif run.text:
            merged.append(run)
    if merged:  # an item's text ends where a nested list starts: no trailing space
        merged[0] = merged[0]._replace(text=merged[0].text.lstrip())
        merged[-1] = merged[-1]._replace(text=merged[-1].text.rstrip())
    return tuple(r for r in merged if r.text) or (Run(""),)


def commonmark_blocks(expected_html: str) -> list[Block]:
    """Return the blocks CommonMark's HTML shows."""
    reader = _Html()
    reader.feed(expected_html)
    reader.close()
    return reader.out


CHOSEN = examples()


def test_the_readme_counts_the_examples_that_agree() -> None:
    agreeing = [e for e in CHOSEN if difference(e) is None]
    readme = (HERE.parent / "README.md").read_text(encoding="utf-8")
    found = re.search(r"(\d+) av (\d+) exempel", readme)
    assert found is not None, "README ska ange hur många av CommonMark-exemplen som stämmer"
    assert (int(found.group(1)), int(found.group(2))) == (len(agreeing), len(CHOSEN))


def _skeleton(text: str) -> str:
    return re.sub(r"[\s*\-+.)\\0-9]+", "", text)


@pytest.mark.parametrize("example", CHOSEN, ids=lambda e: f"ex{e['example']}")
def test_commonmark_example(example: dict[str, object]) -> None:
    ours = parse(str(example["markdown"]))
    theirs = commonmark_blocks(str(example["html"]))
    if difference(example) is None:
        assert ours == theirs, example["markdown"]
    else:  # a deliberate difference: the text is all there, literal, nothing lost
        flat = " ".join(r.text for b in ours for runs in (
            [i.runs for i in b.items] if isinstance(b, ListBlock) else [getattr(b, "runs", ())])
            for r in runs)
        assert _skeleton(flat) == _skeleton(str(example["markdown"]))
