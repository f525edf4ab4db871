"""Case → the custom document properties of the .docx, by the names the ärendesystem uses.

The ärendesystem (Platina, W3D3, Public 360, Lex, Ciceron) fills and refreshes documents
from such properties. Each is text; a property is added by one line in `values` and its name
in spec.PROPERTIES (which the profile's `egenskaper:` may rename).
"""

from __future__ import annotations

from .model import Case


def values(case: Case) -> dict[str, str]:
    """Return every custom property by remissgen's name, as text (empty when not given)."""
    return {
        "Diarienummer": case.diarienummer or "",
        "Ärendemening": case.rubrik,
        "Nämnd": case.nämnd,
        "Sammanträde": case.sammanträde.isoformat(),
        "Datum": case.datum.isoformat(),
        "Förvaltning": case.förvaltning,
        "Handläggare": case.handläggare.namn,
        "Remissdiarienummer": case.remiss.diarienummer or "",
        "Remissinstans": case.remiss.från,
    }


def renames(case: Case) -> dict[str, str]:
    """Return the profile's `egenskaper:` renames: remissgen's name → the system's."""
    return dict(case.egenskaper)


def named(case: Case) -> dict[str, str]:
    """Return the custom properties as written: by the system's names where renamed."""
    names = renames(case)
    return {names.get(name, name): value for name, value in values(case).items()}
