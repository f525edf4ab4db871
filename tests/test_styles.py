"""Style names are declared once, in remissgen/word/styles.py: no other module of remissgen,
nor the template generator, writes a Word style's name or id as a literal, and the built-in
templates declare each style under the id the module gives it."""

from __future__ import annotations

import ast
import re
import zipfile
from pathlib import Path

from remissgen.word import styles

from .conftest import ROOT

_NAMES = [value for name, value in vars(styles).items()
          if name.isupper() and isinstance(value, str)]
# "title", "subtitle", "normal", "header" and "footer" in lower case are also importera's
# roles, JSON Schema keys and the kinds of Word parts: only their Word spellings count.
_COMMON_WORDS = {"title", "subtitle", "normal", "header", "footer"}
KNOWN = ({*_NAMES, *styles.ID.values()}
         | {styles.key(n) for n in _NAMES}) - _COMMON_WORDS - {styles.HEADING_PREFIX}
_XML_STYLE = re.compile(r'w:(?:pStyle|rStyle|tblStyle|basedOn|next|link)\s+w:val="([^"]*)"'
                        r'|w:styleId="([^"]*)"')


def literals(source: str) -> list[tuple[int, str]]:
    """Return (line, text) of each style name written as a string literal in `source`: a
    constant that is one, starts like a heading's ("heading 3"), or names one in XML."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
            continue
        value = node.value
        in_xml = [a or b for a, b in _XML_STYLE.findall(value)]
        if (value in KNOWN or re.fullmatch(r"[Hh]eading ?\d", value)
                or any(v in KNOWN or v in styles.ID.values() for v in in_xml)):
            found.append((node.lineno, value))
    return found


def _sources() -> list[Path]:
    home = ROOT / "remissgen" / "word" / "styles.py"
    return [p for p in sorted((ROOT / "remissgen").rglob("*.py")) if p != home] + [
        ROOT / "tools" / "bygg_mallar.py"]


def test_no_module_but_styles_names_a_style() -> None:
    found = {str(p.relative_to(ROOT)): hits for p in _sources()
             if (hits := literals(p.read_text(encoding="utf-8")))}
    assert found == {}


def test_the_scan_finds_a_style_name_however_it_is_written() -> None:
    for source in ('x = "List Number"\n', 'f(style="Etikett")\n', 'x = "list bullet"\n',
                   "x = f'heading {level}' if a else 'heading 2'\n",
                   """x = '<w:pPr><w:pStyle w:val="Header"/></w:pPr>'\n""",
                   """x = '<w:next w:val="Normal"/>'\n""", 'x = ("Subtitle", "Blockrad")\n',
                   'x = "ListContinue"\n'):
        assert literals(source), source
    for source in ('role = "title"\n', 'part = "header"\n', '"""A docstring on Normal."""\n',
                   'x = styles.LIST_NUMBER\n'):
        assert not literals(source), source


def test_the_built_in_templates_declare_each_style_under_its_id() -> None:
    templates = sorted((ROOT / "templates").glob("*.docx"))
    assert templates
    for path in templates:
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/styles.xml").decode("utf-8")
        declared = dict(re.findall(r'w:styleId="([^"]+)"><w:name w:val="([^"]+)"', xml))
        for name in styles.REQUIRED:
            assert declared.get(styles.ID[name]) == name, (path.name, name)


def test_a_built_document_uses_the_declared_styles(tmp_path: Path) -> None:
    import io

    import docx

    import remissgen

    from .conftest import SEED_CASE

    data = remissgen.build(remissgen.load(SEED_CASE))
    used = {p.style.name for p in docx.Document(io.BytesIO(data)).paragraphs}
    assert {styles.HEADING_1.title(), styles.HEADING_2.title(), styles.SUBTITLE, styles.LABEL,
            styles.BLOCK_LINE, styles.NORMAL} <= used
