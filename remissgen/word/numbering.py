"""Word list definitions: bullets and numbers on levels 0–2, for the templates and the writer,
and the one reader of a numbering.xml's list formats (the writer's, the template check's and
importera's).

The built-in templates are generated with these (tools/bygg_mallar.py); a user's template
whose lists lack the nested levels gets them added by the writer, so that nested rich-text
lists are real Word list levels in every template. numbering.xml is read as XML (`read`), so
a template that writes its attributes in another order, or binds the WordprocessingML
namespace to another prefix, reads as Word reads it.
"""

from typing import Any, NamedTuple

from .ooxml import W_NS, W

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


class Numbering(NamedTuple):
    """What a numbering.xml defines: each abstract list's format by level ('bullet',
    'decimal', …), and the abstract list each list instance (w:num) uses."""

    formats: dict[int, dict[int, str]]  # abstractNumId → level → w:numFmt
    nums: dict[int, int]  # numId → abstractNumId

    def level_formats(self, num_id: int) -> dict[int, str]:
        """Return the formats by level of the list instance `num_id` ({} for none)."""
        return self.formats.get(self.nums.get(num_id, -1), {})

    def all_formats(self) -> set[str]:
        """Return every format an abstract list has on some level."""
        return {fmt for levels in self.formats.values() for fmt in levels.values()}


def _number(value: str | None) -> int | None:
    return int(value) if value is not None and value.strip().lstrip("-").isdigit() else None


def read(root: Any) -> Numbering:
    """Return the list formats of a parsed numbering.xml (an lxml root): any prefix, any
    attribute order; entries without a readable id are left out, as Word leaves them."""
    formats: dict[int, dict[int, str]] = {}
    for a in root.iter(f"{W}abstractNum"):
        aid = _number(a.get(f"{W}abstractNumId"))
        if aid is None:
            continue
        levels: dict[int, str] = {}
        for lvl in a.iter(f"{W}lvl"):
            fmt, level = lvl.find(f"{W}numFmt"), _number(lvl.get(f"{W}ilvl"))
            if fmt is not None and level is not None:
                levels[level] = fmt.get(f"{W}val") or ""
        formats[aid] = levels
    nums: dict[int, int] = {}
    for n in root.iter(f"{W}num"):
        ref = n.find(f"{W}abstractNumId")
        num_id = _number(n.get(f"{W}numId"))
        aid = _number(ref.get(f"{W}val")) if ref is not None else None
        if num_id is not None and aid is not None:
            nums[num_id] = aid
    return Numbering(formats, nums)


def parse(xml: bytes | str) -> Any:
    """Return the lxml root of numbering.xml text (raises lxml's XMLSyntaxError)."""
    from lxml import etree

    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def _with_prefix_w(root: Any) -> str:
    """Return numbering.xml written with the WordprocessingML namespace as `w:` (the prefix
    the writer's own elements use), whatever prefix the template bound it to."""
    from lxml import etree

    nsmap = {k: v for k, v in root.nsmap.items() if v != W_NS and k != "w"}
    nsmap["w"] = W_NS

    def copy(src: Any, dst: Any) -> None:
        dst.text = src.text
        for child in src:
            if isinstance(child.tag, str):
                copy(child, etree.SubElement(dst, child.tag, dict(child.attrib)))
            else:  # a comment or processing instruction
                dst.append(child.__copy__())
            dst[-1].tail = child.tail

    out = etree.Element(root.tag, dict(root.attrib), nsmap=nsmap)
    copy(root, out)
    out.text = out.text or ""  # written with its end tag, which the writer's text ends at
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            + str(etree.tostring(out, encoding="unicode")))


class Lists:
    """A numbering.xml ready for the writer: its ids, and the text to add w:num elements to."""

    def __init__(self, xml: str) -> None:
        root = parse(xml)
        found = read(root)
        formats = found.formats
        if (root.prefix != "w" or root.nsmap.get("w") != W_NS
                or "</w:numbering>" not in xml):  # another prefix, or <w:numbering/>
            xml = _with_prefix_w(root)
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
        self.next_num = max(found.nums, default=0) + 1

    def num(self, num_id: int, numbered: bool, level: int) -> str:
        """Return a w:num for one (sub)list; a numbered one starts at 1 on its level."""
        if not numbered:
            return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{self.bullet}"/></w:num>'
        return (f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{self.decimal}"/>'
                f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="1"/></w:lvlOverride>'
                f"</w:num>")
