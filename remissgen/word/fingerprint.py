"""The fingerprint of a document's body text, so a rebuild can tell a hand-edited .docx.

Only the text counts, paragraph by paragraph with white space folded: Word may split runs,
add revision ids or bookmarks when it saves, and the fingerprint stays the same.
"""

from __future__ import annotations

import hashlib
import html
import re

PROPERTY = "remissgen-fingeravtryck"
_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")
_SPACE = re.compile(r"\s+")


def of_body(document_xml: str) -> str:
    """Return the SHA-256 hex digest of the normalised text of word/document.xml."""
    lines = []
    for paragraph in document_xml.split("</w:p>"):
        text = _SPACE.sub(" ", html.unescape("".join(_TEXT.findall(paragraph)))).strip()
        if text:
            lines.append(text)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
