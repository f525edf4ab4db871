"""The case model: immutable records with the contract's Swedish field names, defaults applied.

The records are typed for mypy; `RECORDS` ties each to its group of the field table
(spec.CASE), and `build(values)` makes the Case from completed case data by walking the
table, so no field is named here a second time (a test keeps records and table in step).

NamedTuples rather than frozen dataclasses: the same immutability and value equality, at
about half the start-up cost (dataclass code generation was the largest single import cost
of `kontrollera` and `bygg`). The annotations are evaluated where they stand (no
`from __future__ import annotations`): typing.NamedTuple compiles each annotation kept as
a string into a ForwardRef, which made this module's import cost more than twice as much.
"""

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from .spec import CASE, DERIVED, Field


class Handläggare(NamedTuple):
    """The official in charge of the case."""

    namn: str
    telefon: str | None = None
    e_post: str | None = None


class Motionär(NamedTuple):
    """An author of the motion, with party when given."""

    namn: str
    parti: str | None = None


class Remiss(NamedTuple):
    """The referral being answered."""

    från: str
    ärende: str
    diarienummer: str | None = None
    motionärer: tuple[Motionär, ...] = ()
    även_till: tuple[str, ...] = ()
    svar_senast: dt.date | None = None


class Behandlat(NamedTuple):
    """A council or group that handled the case, and when."""

    organ: str
    datum: dt.date


class Beredning(NamedTuple):
    """How the case was prepared: free text and the councils that handled it."""

    text: str | None = None
    behandlat: tuple[Behandlat, ...] = ()


class Avsnitt(NamedTuple):
    """An extra section placed after the section headed `efter`."""

    rubrik: str
    text: str
    efter: str


class Underskrift(NamedTuple):
    """A signature: name above title."""

    namn: str
    titel: str


class Logotyp(NamedTuple):
    """The logo image for the page header, with its alternative text."""

    fil: Path
    alt: str


class Granskning(NamedTuple):
    """How the review runs for this case: rules left out and thresholds of one's own."""

    utan: tuple[str, ...] = ()
    gränser: tuple[tuple[str, float], ...] = ()
    tillåtna_förkortningar: tuple[str, ...] = ()


class Case(NamedTuple):
    """One tjänsteutlåtande, every default derived: what the document shows, field by field."""

    förvaltning: str
    nämnd: str
    nämnd_kort: str
    sammanträde: dt.date
    datum: dt.date
    handläggare: Handläggare
    remiss: Remiss
    rubrik: str
    underrubrik: str
    förslag_till_beslut: tuple[str, ...]
    sammanfattning: str
    bakgrund: str
    ärendet: str
    synpunkter: str
    avslutning: str
    expedieras_till: tuple[str, ...]
    underskrifter: tuple[Underskrift, ...]
    beredning: Beredning | None = None
    beredning_mening: str | None = None
    avsnitt: tuple[Avsnitt, ...] = ()
    bilagor: tuple[str, ...] = ()
    sidfot: tuple[str, ...] = ()
    mall: str | None = None
    kommun: str | None = None
    avdelning: str | None = None
    diarienummer: str | None = None
    logotyp: Logotyp | None = None
    färg: str | None = None
    granskning: Granskning = Granskning()
    sidfot_bara_första_sidan: bool = False
    logotyp_bara_första_sidan: bool = False
    pdf_författare: str | None = None  # the PDF's and .docx's author; default the förvaltning
    egenskaper: tuple[tuple[str, str], ...] = ()  # custom property renames: remissgen's → own


RECORDS: dict[tuple[str, ...], type[tuple[Any, ...]]] = {
    (): Case, ("handläggare",): Handläggare, ("remiss",): Remiss,
    ("remiss", "motionärer"): Motionär, ("beredning",): Beredning,
    ("beredning", "behandlat"): Behandlat, ("avsnitt",): Avsnitt,
    ("underskrifter",): Underskrift, ("logotyp",): Logotyp, ("granskning",): Granskning,
}
"""The record of each group of the field table, by its path; a group without one (such as
granskning.gränser, whose keys are rule names) becomes sorted (key, value) pairs."""


def build(values: dict[str, Any], derived: dict[str, Any] | None = None) -> Case:
    """Return the Case of completed case data (every default filled in), plus the `derived`
    values that are no field of the file (spec.DERIVED). An optional text left empty is None;
    a list is a tuple; each group is its record."""
    case = _record(CASE, (), values)
    assert isinstance(case, Case)
    extra = derived or {}
    return case._replace(**{name: extra[name] for name in DERIVED if name in extra})


def _record(spec: Field, path: tuple[str, ...], values: dict[str, Any]) -> Any:
    record, steps = _plan(spec, path)
    if record is None:
        return tuple(sorted(values.items()))
    given = {}
    for key, attribute, kind, child, child_path, default in steps:
        if key not in values:
            continue
        value = values[key]
        if kind == "mapping":
            given[attribute] = _record(child, child_path, value) if value else default
        elif kind == "list_mapping":
            given[attribute] = tuple(_record(child, child_path, item) for item in value or ())
        elif kind in ("list_text", "text_or_list"):
            given[attribute] = tuple([value] if isinstance(value, str) else value or ())
        elif value == "" and default is _NONE:
            given[attribute] = None
        else:
            given[attribute] = value
    return record(**given)


_NONE = object()
"""A plan's default for a text whose record field defaults to None (an empty text is None)."""

_Step = tuple[str, str, str, Field, tuple[str, ...], Any]


@cache
def _plan(spec: Field, path: tuple[str, ...]) -> tuple[type[tuple[Any, ...]] | None,
                                                       tuple[_Step, ...]]:
    """Return the record of the group at `path` and, per child of its table, what building
    it needs (key, attribute, kind, field, path, default), worked out once per group."""
    record = RECORDS.get(path)
    if record is None:
        return None, ()
    defaults = getattr(record, "_field_defaults", {})
    steps = []
    for child in spec.children:
        attribute = child.attribute
        if child.kind == "mapping":
            default = defaults.get(attribute)
        elif attribute in defaults and defaults[attribute] is None:
            default = _NONE
        else:
            default = None
        steps.append((child.key, attribute, child.kind, child, (*path, child.key), default))
    return record, tuple(steps)
