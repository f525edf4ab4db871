"""A tjänsteutlåtande (Word or plain text) → the text of a case file that builds it again.

read (docx_reader or text_reader, with ocr repair first) → Layout → structure → Parsed →
the document type's `recognise` (remissvar/recognise.py) → case data → yaml_writer → text,
with every note in the top comment.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..messages import text
from ..source import read_text

__all__ = ["Imported", "importera"]


@dataclass(frozen=True)
class Imported:
    """The case file's text, the notes in its comment and the OCR changes made."""

    yaml: str
    notes: tuple[str, ...]
    changes: tuple[str, ...] = ()
    files: tuple[tuple[str, bytes], ...] = ()  # written beside the case file (the logo)


def importera(path: Path, shown: str, ocr: bool = False) -> Imported:
    """Return the case file for the tjänsteutlåtande at `path`, or raise InvalidInput."""
    from .. import doctype
    from . import structure, yaml_writer

    changes: list[str] = []
    if _is_zip(path, shown) or path.suffix.lower() in (".docx", ".docm", ".dotx"):
        # a .docx that is no zip is a broken Word file, not text: docx_reader says so
        from . import docx_reader

        layout = docx_reader.read(path, shown)
        if ocr:
            changes.append(text("importera_ocr_bara_text"))
    else:
        from . import text_reader

        source = read_text(path, shown)
        if ocr:
            from . import ocr as repair

            source, changes = repair.repair(source, shown)
        layout = text_reader.read(source)
    parsed = structure.parse(layout)
    data, notes = doctype.get().recognise(parsed, layout)
    comments = [text("importera_rubrik", path=Path(shown).name)]
    if notes:
        comments += ["", *(text("importera_kunde_inte", what=n) for n in notes)]
    if changes:
        comments += ["", text("importera_ocr_rubrik", count=len(changes)), *changes]
    files: tuple[tuple[str, bytes], ...] = ()
    if layout.logo is not None and "logotyp" in data:
        files = ((data["logotyp"]["fil"], layout.logo[0]),)
    return Imported(yaml_writer.dump(data, comments), tuple(notes), tuple(changes), files)


def _is_zip(path: Path, shown: str) -> bool:
    """Return True when `path` is a zip (a .docx); a missing file raises InvalidInput."""
    if not path.is_file():  # missing, a folder, a FIFO (which open would wait on)
        read_text(path, shown)
    try:
        with path.open("rb") as f:
            return f.read(4) == b"PK\x03\x04"
    except OSError:
        read_text(path, shown)  # raises the located problem (missing, a folder, unreadable)
        raise
