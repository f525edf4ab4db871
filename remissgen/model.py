"""The case model: frozen dataclasses with the contract's Swedish field names, defaults applied."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Handläggare:
    """The official in charge of the case."""

    namn: str
    telefon: str | None = None
    e_post: str | None = None


@dataclass(frozen=True)
class Motionär:
    """An author of the motion, with party when given."""

    namn: str
    parti: str | None = None


@dataclass(frozen=True)
class Remiss:
    """The referral being answered."""

    från: str
    ärende: str
    diarienummer: str | None = None
    motionärer: tuple[Motionär, ...] = ()
    även_till: tuple[str, ...] = ()
    svar_senast: dt.date | None = None


@dataclass(frozen=True)
class Behandlat:
    """A council or group that handled the case, and when."""

    organ: str
    datum: dt.date


@dataclass(frozen=True)
class Beredning:
    """How the case was prepared: free text and the councils that handled it."""

    text: str | None = None
    behandlat: tuple[Behandlat, ...] = ()


@dataclass(frozen=True)
class Avsnitt:
    """An extra section placed after the section headed `efter`."""

    rubrik: str
    text: str
    efter: str


@dataclass(frozen=True)
class Underskrift:
    """A signature: name above title."""

    namn: str
    titel: str


@dataclass(frozen=True)
class Logotyp:
    """The logo image for the page header, with its alternative text."""

    fil: Path
    alt: str


@dataclass(frozen=True)
class Case:
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
