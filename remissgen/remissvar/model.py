"""The case model: immutable records with the contract's Swedish field names, defaults applied.

NamedTuples rather than frozen dataclasses: the same immutability and value equality, at
about half the start-up cost (dataclass code generation was the largest single import cost
of `kontrollera` and `bygg`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple


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
