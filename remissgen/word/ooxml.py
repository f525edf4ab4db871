"""The Office Open XML namespaces and relationship types remissgen reads and writes, declared
once: each as its URI (`W_NS`) and, for ElementTree and lxml tags, in braces (`W`)."""

from __future__ import annotations

import re

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
XML_NS = "http://www.w3.org/XML/1998/namespace"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

W = f"{{{W_NS}}}"
W14 = f"{{{W14_NS}}}"
MC = f"{{{MC_NS}}}"
R = f"{{{R_NS}}}"
A = f"{{{A_NS}}}"
WP = f"{{{WP_NS}}}"
XML = f"{{{XML_NS}}}"

IMAGE_REL = f"{R_NS}/image"
COMMENTS_REL = f"{R_NS}/comments"

REFUSED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""The characters XML 1.0 refuses (control characters but tab and line ends, U+FFFE, U+FFFF),
compiled once for the writer, the body's fingerprint and the reader that must find them.

Ask `refuses(text)`, which tries the search only where it can find one."""


def refuses(text: str) -> bool:
    """Return True if `text` holds a character XML refuses (`REFUSED`).

    None of them is printable, so a text for which `str.isprintable()` is true holds none:
    asked first, it takes a third of the instructions a character that the search takes, and
    most texts are printable (those with a line break, tab or U+00A0 are searched)."""
    return not text.isprintable() and REFUSED.search(text) is not None
