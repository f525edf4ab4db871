"""The same content through docxtpl and pandoc, for the side-by-side measurements.

Both rivals get the content remissgen composed (its blocks, parsed once, outside any
timing): docxtpl as a Jinja context for a template derived from remissgen's own Word
template (same styles, header, footer and sectPr; the body replaced by docxtpl tags), pandoc
as Markdown with that template as its reference document.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

from remissgen.blocks import Block, Columns, Heading, Item, ListBlock, Paragraph
from remissgen.word import styles as word_styles

# Style ids as Word stores them in templates/stockholm.docx (python-docx's style names →
# ids); the derived template uses the template's own ids, looked up once.
STYLE_NAMES = word_styles.REQUIRED


def style_ids(template: Path) -> dict[str, str]:
    """Return style name (lower case) → style id for the styles in `template`."""
    with zipfile.ZipFile(template) as zf:
        styles = zf.read("word/styles.xml").decode("utf-8")
    found = re.findall(r'<w:style [^>]*w:styleId="([^"]+)"[^>]*>\s*<w:name w:val="([^"]+)"',
                       styles)
    return {name.lower(): sid for sid, name in found}


def _text(p: Paragraph | Item | tuple[Any, ...]) -> str:
    runs = p.runs if isinstance(p, (Paragraph, Item)) else p
    return "".join(r.text for r in runs)


def flatten(blocks: list[Block], ids: dict[str, str]) -> list[dict[str, Any]]:
    """Return the blocks as docxtpl items: {'k': style id, 't': text} or {'cells': [[...]]}."""

    def sid(name: str) -> str:
        return ids.get(name.lower(), name.replace(" ", ""))

    out: list[dict[str, Any]] = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append({"k": sid(word_styles.heading(block.level)), "t": block.text})
        elif isinstance(block, Paragraph):
            out.append({"k": sid(block.style), "t": _text(block)})
        elif isinstance(block, ListBlock):
            kind = sid(word_styles.LIST_NUMBER if block.numbered else word_styles.LIST_BULLET)
            out += [{"k": kind, "t": _text(item)} for item in block.items]
        elif isinstance(block, Columns):
            out.append({"k": "", "cells": [[{"k": sid(p.style), "t": _text(p)} for p in cell]
                                           for cell in block.cells]})
    return out


# --- docxtpl ---------------------------------------------------------------------------------


def _tag(tag: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{tag}</w:t></w:r></w:p>'


def _styled(style: str, numpr: str = "") -> str:
    return (f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{numpr}</w:pPr><w:r>'
            f'<w:t xml:space="preserve">{{{{ r.t }}}}</w:t></w:r></w:p>')


def _group(items: str, ids: dict[str, str], with_tables: bool) -> str:
    """Return docxtpl XML looping over `items`, one conditional paragraph per style."""
    styles = [ids.get(word_styles.key(n), word_styles.ID[n]) for n in STYLE_NAMES]
    numpr = {ids.get(word_styles.key(word_styles.LIST_BULLET),
                     word_styles.ID[word_styles.LIST_BULLET]):
             '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>',
             ids.get(word_styles.key(word_styles.LIST_NUMBER),
                     word_styles.ID[word_styles.LIST_NUMBER]):
             '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>'}
    xml = [_tag(f"{{%p for r in {items} %}}")]
    first = True
    if with_tables:
        xml += [_tag("{%p if r.cells %}"), _table(ids)]
        first = False
    for style in styles:
        xml.append(_tag(f"{{%p {'if' if first else 'elif'} r.k == '{style}' %}}"))
        xml.append(_styled(style, numpr.get(style, "")))
        first = False
    xml += [_tag("{%p endif %}"), _tag("{%p endfor %}")]
    return "".join(xml)


def _table(ids: dict[str, str]) -> str:
    """Return a borderless layout table whose cells docxtpl repeats, one per column."""
    none = "".join(f'<w:{s} w:val="nil"/>'
                   for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    cell = _group("cell", ids, with_tables=False)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="9070" w:type="dxa"/><w:tblBorders>{none}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/><w:tblLook w:val="0000" w:noHBand="1" w:noVBand="1"/>'
        '</w:tblPr><w:tblGrid><w:gridCol w:w="4535"/><w:gridCol w:w="4535"/></w:tblGrid>'
        '<w:tr><w:trPr><w:cantSplit/></w:trPr>'
        f'<w:tc>{_tag("{%tc for cell in r.cells %}")}</w:tc>'
        f'<w:tc><w:tcPr><w:tcW w:w="4535" w:type="dxa"/></w:tcPr>{cell}</w:tc>'
        f'<w:tc>{_tag("{%tc endfor %}")}</w:tc></w:tr></w:tbl>')


def docxtpl_template(template: Path, target: Path) -> Path:
    """Write a docxtpl template derived from `template` to `target`; return it.

    Styles, numbering, header, footer and the final sectPr stay; the body becomes a loop over
    `body` with one tagged paragraph per style and a layout table whose cells are repeated.
    """
    ids = style_ids(template)
    with zipfile.ZipFile(template) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    document = members["word/document.xml"].decode("utf-8")
    sect = re.search(r"<w:sectPr[ >].*</w:sectPr>", document, re.S)
    assert sect is not None, "the template's body has no sectPr"
    start = document.index("<w:body>") + len("<w:body>")
    end = document.index("</w:body>")
    body = _group("body", ids, with_tables=True)  # a cell's loop variable is `r` too
    members["word/document.xml"] = (document[:start] + body + sect.group() +
                                     document[end:]).encode("utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return target


def docxtpl_context(blocks: list[Block], header: dict[str, Any],
                    ids: dict[str, str]) -> dict[str, Any]:
    """Return the docxtpl context: the header's values, no logo, and the flattened body."""
    return {**header, "logotyp": "", "body": flatten(blocks, ids)}


def _docxtpl_env() -> Any:
    """Return a Jinja environment for docxtpl with remissgen's header filter `egenskap`,
    which for docxtpl prints the value itself (remissgen writes a field there)."""
    import jinja2

    env = jinja2.Environment(autoescape=True)
    env.filters["egenskap"] = lambda value, _name: value
    return env


def render_docxtpl(template: Path, context: dict[str, Any], target: Path) -> None:
    """Render the derived template with docxtpl and save it, as a docxtpl user does per file."""
    from docxtpl import DocxTemplate

    doc = DocxTemplate(str(template))
    doc.render(context, jinja_env=_docxtpl_env(), autoescape=True)
    doc.save(str(target))


# --- pandoc ----------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|$~^])")


def _md(text: str) -> str:
    text = _MD_SPECIAL.sub(r"\\\1", text).replace("\n", "\\\n")
    return re.sub(r"^(\d+)\. ", r"\1\\. ", text)


def markdown(blocks: list[Block]) -> str:
    """Return Markdown equivalent to the blocks (styles as custom-style divs, tables as pipes)."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append(f"{'#' * block.level} {_md(block.text)}")
        elif isinstance(block, Paragraph):
            text = _md(_text(block))
            out.append(text if block.style == word_styles.NORMAL
                       else f'::: {{custom-style="{block.style}"}}\n{text}\n:::')
        elif isinstance(block, ListBlock):
            out.append("\n".join(f"{f'{i + 1}.' if block.numbered else '-'} {_md(_text(item))}"
                                 for i, item in enumerate(block.items)))
        elif isinstance(block, Columns):
            cols = [[_md(_text(p)).replace("|", "\\|") for p in cell] for cell in block.cells]
            rows = max(len(c) for c in cols)
            cols = [c + [""] * (rows - len(c)) for c in cols]
            lines = ["| " + " | ".join(c[0] for c in cols) + " |",
                     "|" + "---|" * len(cols)]
            lines += ["| " + " | ".join(c[r] for c in cols) + " |" for r in range(1, rows)]
            out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def pandoc() -> str | None:
    """Return the pandoc executable, or None when it is not installed."""
    return shutil.which("pandoc")
