"""A tjänsteutlåtande (Word or plain text) → the text of a case file that builds it again.

read (docx_reader or text_reader, with ocr repair first) → Layout → structure → Parsed →
the document type's `recognise` (remissvar/recognise.py) → case data → yaml_writer → text,
with every note in the top comment.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..messages import text
from ..profile import shown as shown_path
from ..source import read_text

__all__ = ["Imported", "importera"]


@dataclass(frozen=True)
class Imported:
    """The case file's text, the notes in its comment and the OCR changes made."""

    yaml: str
    notes: tuple[str, ...]
    changes: tuple[str, ...] = ()
    files: tuple[tuple[str, bytes], ...] = ()  # written beside the case file (the logo)


def importera(path: Path, shown: str, ocr: bool = False,
              profile: Path | None = None, profile_shown: str | None = None) -> Imported:
    """Return the case file for the tjänsteutlåtande at `path`, or raise InvalidInput.

    With the `profile` the case file will be read with, what equals the profile is left
    out (the logo too, when the profile's is the same image), its template is tried first
    on the page header, and `mall:` is written when the document's template is another;
    the top comment names it `profile_shown` (by default as `profile.shown` does)."""
    from .. import doctype
    from ..word.templating import DEFAULT, MALL
    from . import known, structure, yaml_writer

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
    beside = known.read(profile)
    built_with = layout.props.get(f"egenskap:{MALL}") or None
    data, notes, used = doctype.get().recognise(parsed, layout,
                                                _templates(built_with, beside, path))
    mall = built_with or _builtin_name(used)
    if mall and mall != (beside.values.get("mall") or DEFAULT):
        data["mall"] = mall
    removed = known.without(data, beside, layout.logo[0] if layout.logo else None)
    comments = [text("importera_rubrik", path=Path(shown).name)]
    if removed and beside.path is not None:
        comments += ["", text("importera_som_profilen",
                              profile=profile_shown or shown_path(beside.path),
                              fields=", ".join(removed))]
    if notes:
        comments += ["", *(text("importera_kunde_inte", what=n) for n in notes)]
    if changes:
        comments += ["", text("importera_ocr_rubrik", count=len(changes)), *changes]
    files: tuple[tuple[str, bytes], ...] = ()
    if layout.logo is not None and "logotyp" in data:
        files = ((data["logotyp"]["fil"], layout.logo[0]),)
    return Imported(yaml_writer.dump(data, comments), tuple(notes), tuple(changes), files)


def _templates(built_with: str | None, beside: Any, document: Path) -> list[Path]:
    """Return the templates the document may have been built with, the likeliest first: the
    one its Mall property names, the profile's, then every built-in one."""
    from ..word.templating import builtin_path, builtins

    names = [n for n in (built_with, beside.values.get("mall")) if n]
    folders = [beside.path.parent] if beside.path is not None else []
    out: list[Path] = []
    for name in names:
        found = builtin_path(name)
        candidates = [found] if found else [f / name for f in [*folders, document.parent]]
        out += [c for c in candidates if c.is_file() and c not in out]
    out += [p for n in builtins() if (p := builtin_path(n)) is not None and p not in out]
    return out


def _builtin_name(used: Path | None) -> str | None:
    """Return the built-in template's name when `used` is one (the header told which)."""
    from ..word.templating import builtin_path

    return used.stem if used is not None and builtin_path(used.stem) == used else None


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
