"""Every Word style remissgen writes, reads or checks, each named once.

A constant is the style's name as Word stores it in styles.xml (`w:name`): the built-ins in
Word's own English ("heading 1", "List Bullet"), remissgen's own in Swedish ("Etikett").
The writer finds a style by its name in the template (`docx_writer.Template.style`), so a
template of one's own may give a style any id; `ID` is the styleId each has in the built-in
templates (tools/bygg_mallar.py writes them), which the writer also falls back on. `SHOWN`
is the name Word in Swedish shows for the styles a template must have (`mall kontrollera`).
The block model, compose, the writer, tracked changes, jämför, importera and the template
check all name styles through this module; a test fails on a style name written elsewhere.
"""

from __future__ import annotations

NORMAL = "Normal"
TITLE = "Title"
HEADING_PREFIX = "heading "  # Word's built-in headings: "heading 1" … "heading 9"
HEADING_1 = HEADING_PREFIX + "1"
HEADING_2 = HEADING_PREFIX + "2"
SUBTITLE = "Subtitle"
LIST_BULLET = "List Bullet"
LIST_NUMBER = "List Number"
LIST_CONTINUE = "List Continue"
LABEL = "Etikett"
BLOCK_LINE = "Blockrad"
SIGNATURE = "Underskrift"
HEADER = "header"
FOOTER = "footer"
TABLE_NORMAL = "Normal Table"

REQUIRED = (NORMAL, HEADING_1, HEADING_2, SUBTITLE, LIST_BULLET, LIST_NUMBER, LABEL,
            BLOCK_LINE, SIGNATURE)
"""The paragraph styles the body is written in: every template must have them."""

RUNNING = frozenset({NORMAL, SUBTITLE})
"""The styles of running text (and the subtitle), not of the blocks of labels and lines."""

ID = {NORMAL: "Normal", HEADING_1: "Heading1", HEADING_2: "Heading2", SUBTITLE: "Subtitle",
      LIST_BULLET: "ListBullet", LIST_NUMBER: "ListNumber", LIST_CONTINUE: "ListContinue",
      LABEL: "Etikett", BLOCK_LINE: "Blockrad", SIGNATURE: "Underskrift", HEADER: "Header",
      FOOTER: "Footer", TABLE_NORMAL: "TableNormal"}
"""The styleId of each style in the built-in templates."""

SHOWN = {NORMAL: "Normal", HEADING_1: "Rubrik 1", HEADING_2: "Rubrik 2",
         SUBTITLE: "Underrubrik", LIST_BULLET: "Punktlista", LIST_NUMBER: "Numrerad lista",
         LABEL: "Etikett", BLOCK_LINE: "Blockrad", SIGNATURE: "Underskrift"}
"""The name Word in Swedish shows for each style a template must have."""


def heading(level: int) -> str:
    """Return the name of the built-in heading style of `level` (1 → "heading 1")."""
    return f"{HEADING_PREFIX}{level}"


def key(name: str) -> str:
    """Return a style name as styles are looked up: lower case, as Word stores built-ins."""
    return name.lower()
