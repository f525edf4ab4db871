"""The case file's fields as data: one table serves the validator, the JSON Schema and `ny`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal[
    "text", "rich", "date", "color", "path", "text_or_list",
    "list_text", "mapping", "list_mapping",
]


@dataclass(frozen=True)
class Field:
    """One key of the case file: its kind, whether required, and its Swedish description."""

    key: str
    kind: Kind
    title: str
    description: str
    required: bool = False
    children: tuple[Field, ...] = ()
    min_items: int = 0
    jinja: bool = True

    @property
    def attribute(self) -> str:
        """Return the key as a Python attribute name ('e-post' → 'e_post')."""
        return self.key.replace("-", "_")

    def child(self, key: str) -> Field | None:
        """Return the child field named `key`, or None."""
        return next((c for c in self.children if c.key == key), None)


def _f(key: str, kind: Kind, title: str, description: str, *, required: bool = False,
       children: tuple[Field, ...] = (), min_items: int = 0, jinja: bool = True) -> Field:
    return Field(key, kind, title, description, required, children, min_items, jinja)


MOTIONÄR = (
    _f("namn", "text", "Namn", "Motionärens namn, till exempel Salar Rashid.", required=True),
    _f("parti", "text", "Parti", "Partiets förkortning, till exempel S. Kan utelämnas."),
)

CASE = _f("ärende", "mapping", "Ärendefil för remissgen",
          "Ett tjänsteutlåtande som svarar på en remiss.", required=True, children=(
    _f("mall", "text", "Mall",
       "Den Word-mall som används: ett namn på en inbyggd mall eller en sökväg till en .docx. "
       "Standard är tjänsteutlåtandet i Stockholms layout.", jinja=False),
    _f("kommun", "text", "Kommun",
       "Kommunen, till exempel Stockholms stad. Används i underrubriken."),
    _f("förvaltning", "text", "Förvaltning",
       "Förvaltningen som skriver tjänsteutlåtandet. Står i sidhuvudet.", required=True),
    _f("avdelning", "text", "Avdelning", "Förvaltningens avdelning. Står i sidhuvudet."),
    _f("nämnd", "text", "Nämnd",
       "Nämnden som tjänsteutlåtandet går till (”Till”).", required=True),
    _f("nämnd_kort", "text", "Nämndens korta namn",
       "Nämndens namn i löptext, till exempel Stadsdelsnämnden. Utelämnas det bildas det "
       "av nämndens sista ord i bestämd form."),
    _f("sammanträde", "date", "Sammanträde",
       "Nämndens sammanträdesdatum, ÅÅÅÅ-MM-DD. Står under ”Till”.", required=True),
    _f("datum", "date", "Datum",
       "Tjänsteutlåtandets eget datum, ÅÅÅÅ-MM-DD, i sidhuvudet. Standard är dagens datum."),
    _f("diarienummer", "text", "Diarienummer",
       "Förvaltningens diarienummer, till exempel SÖD 2021/1234. Står i sidhuvudet som ”Dnr”."),
    _f("handläggare", "mapping", "Handläggare", "Handläggaren av ärendet.", required=True,
       children=(
           _f("namn", "text", "Namn", "Handläggarens namn.", required=True),
           _f("telefon", "text", "Telefon", "Visas som ”Telefon: …”."),
           _f("e-post", "text", "E-post", "Visas under telefonnumret som ”E-post: …”."),
       )),
    _f("remiss", "mapping", "Remissen", "Remissen som besvaras.", required=True, children=(
        _f("från", "text", "Från",
           "Den som skickade remissen, som i löptext: kommunstyrelsen.", required=True),
        _f("diarienummer", "text", "Remissens diarienummer",
           "Avsändarens diarienummer, till exempel 2021/817."),
        _f("ärende", "text", "Ärende",
           "Rubriken på det som remitterats, till exempel Motion om …", required=True),
        _f("motionärer", "list_mapping", "Motionärer", "Motionens författare.",
           children=MOTIONÄR),
        _f("även_till", "list_text", "Även till", "Andra som remissen också skickats till."),
        _f("svar_senast", "date", "Svar senast",
           "Sista dag för svaret, ÅÅÅÅ-MM-DD. Skrivs inte ut; används av kontroller."),
    )),
    _f("rubrik", "text", "Rubrik",
       "Dokumentets rubrik. Standard är ”Remiss av” följt av ärendet."),
    _f("underrubrik", "text", "Underrubrik",
       "Standard är ”Svar på remiss från” avsändaren, kommunen och remissens diarienummer."),
    _f("förslag_till_beslut", "text_or_list", "Förslag till beslut",
       "Beslutet som föreslås. Flera punkter numreras. Standard är att nämnden överlämnar "
       "tjänsteutlåtandet som svar på remissen."),
    _f("sammanfattning", "rich", "Sammanfattning", "Avsnittet Sammanfattning.", required=True),
    _f("bakgrund", "rich", "Bakgrund",
       "Avsnittet Bakgrund. Utelämnas det skrivs det utifrån remissens uppgifter."),
    _f("beredning", "mapping", "Ärendets beredning",
       "Avsnittet Ärendets beredning. Utelämnas det helt blir det inget sådant avsnitt.",
       children=(
           _f("text", "rich", "Text", "Hur ärendet har beretts."),
           _f("behandlat", "list_mapping", "Behandlat",
              "Råd och grupper som har behandlat ärendet, med datum.", children=(
                  _f("organ", "text", "Organ", "Till exempel pensionärsrådet.", required=True),
                  _f("datum", "date", "Datum", "Datum, ÅÅÅÅ-MM-DD.", required=True),
              )),
       )),
    _f("ärendet", "rich", "Ärendet", "Avsnittet Ärendet.", required=True),
    _f("synpunkter", "rich", "Synpunkter och förslag",
       "Avsnittet Synpunkter och förslag.", required=True),
    _f("avsnitt", "list_mapping", "Extra avsnitt",
       "Extra avsnitt, till exempel Ekonomiska konsekvenser.", children=(
           _f("rubrik", "text", "Rubrik", "Avsnittets rubrik.", required=True),
           _f("text", "rich", "Text", "Avsnittets text.", required=True),
           _f("efter", "text", "Efter",
              "Rubriken på avsnittet det ska stå efter. Standard är Synpunkter och förslag."),
       )),
    _f("avslutning", "text", "Avslutning",
       "Avslutande mening efter sista avsnittet. Standard är beslutsmeningen; "
       "en tom text ger ingen avslutning."),
    _f("expedieras_till", "list_text", "Expedieras till",
       "Mottagare. Standard är remissens avsändare med stor bokstav."),
    _f("underskrifter", "list_mapping", "Underskrifter",
       "Underskrifter sida vid sida, namn över titel. Minst en.", required=True, min_items=1,
       children=(
           _f("namn", "text", "Namn", "Namnet.", required=True),
           _f("titel", "text", "Titel", "Titeln, till exempel Stadsdelsdirektör.", required=True),
       )),
    _f("bilagor", "list_text", "Bilagor", "Bilagor. En heter ”Bilaga”, flera numreras."),
    _f("sidfot", "list_text", "Sidfot",
       "Förvaltningens kontaktrader i sidfoten: postadress, besöksadress, växel, webb."),
    _f("logotyp", "mapping", "Logotyp", "Bilden i sidhuvudet.", children=(
        _f("fil", "path", "Fil",
           "PNG- eller JPEG-bild, sökväg relativt filen som anger den.", required=True,
           jinja=False),
        _f("alt", "text", "Alternativtext",
           "Bildens alternativtext för skärmläsare, till exempel Stockholms stad.",
           required=True),
    )),
    _f("färg", "color", "Färg", "En accentfärg som #RRGGBB, för mallar som använder en.",
       jinja=False),
))
