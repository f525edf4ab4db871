"""Word list definitions: bullets and numbers on levels 0–2, for the templates and the writer.

The built-in templates are generated with these (tools/bygg_mallar.py); a user's template
whose lists lack the nested levels gets them added by the writer, so that nested rich-text
lists are real Word list levels in every template.
"""

from __future__ import annotations

import re

LEVELS = 3  # levels 0, 1 and 2: the outer list and two nested ones
BULLETS = ("\u2022", "\u2013", "\u2022")  # •, –, •
INDENT = 360  # twips per level; the text of level n starts at (n + 1) × INDENT


def abstract_num(abstract_id: int, numbered: bool) -> str:
    """Return a w:abstractNum defining levels 0–2: bullets, or 1. on every level."""
    levels = []
    for level in range(LEVELS):
        fmt, text = (("decimal", f"%{level + 1}.") if numbered else ("bullet", BULLETS[level]))
        levels.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{INDENT * (level + 1)}" w:hanging="{INDENT}"/></w:pPr>'
            f"</w:lvl>")
    return (f'<w:abstractNum w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="hybridMultilevel"/>{"".join(levels)}</w:abstractNum>')


_ABSTRACT = re.compile(r'<w:abstractNum\b[^>]*w:abstractNumId="(\d+)".*?</w:abstractNum>', re.S)
_LEVEL = re.compile(r'<w:lvl\b[^>]*w:ilvl="(\d)"[^>]*>.*?<w:numFmt w:val="(\w+)"', re.S)
_NUM = re.compile(r'<w:num\b[^>]*w:numId="(\d+)"[^>]*>\s*<w:abstractNumId w:val="(\d+)"')


class Lists:
    """A numbering.xml ready for the writer: its ids, and the text to add w:num elements to."""

    def __init__(self, xml: str) -> None:
        formats: dict[int, dict[int, str]] = {}
        for m in _ABSTRACT.finditer(xml):
            formats[int(m.group(1))] = {int(lv): fmt for lv, fmt in _LEVEL.findall(m.group())}
        nums = [int(n) for n, _ in _NUM.findall(xml)]
        self.bullet = next((a for a, f in formats.items() if f.get(0) == "bullet"), None)
        self.decimal = next((a for a, f in formats.items() if f.get(0) == "decimal"), None)
        complete = all(a is not None and len(formats[a]) >= LEVELS
                       for a in (self.bullet, self.decimal))
        if not complete:  # a template of one's own without nested levels: add ours
            free = max(formats, default=0) + 1
            self.bullet, self.decimal = free, free + 1
            ours = abstract_num(free, False) + abstract_num(free + 1, True)
            at = xml.find("<w:num ")
            at = at if at >= 0 else xml.rfind("</w:numbering>")
            xml = xml[:at] + ours + xml[at:]
        end = xml.rfind("</w:numbering>")
        self.head, self.tail = xml[:end], xml[end:]
        self.next_num = max(nums, default=0) + 1

    def num(self, num_id: int, numbered: bool, level: int) -> str:
        """Return a w:num for one (sub)list; a numbered one starts at 1 on its level."""
        if not numbered:
            return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{self.bullet}"/></w:num>'
        return (f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{self.decimal}"/>'
                f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="1"/></w:lvlOverride>'
                f"</w:num>")
