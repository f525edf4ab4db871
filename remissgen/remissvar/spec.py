"""The remiss answer's fields as data, declared once: this table gives the validator's rules,
the JSON Schema, the `ny` scaffold, the case model (model.RECORDS, tied to it by a test),
the defaults' keys and the Word placeholders (word.templating.VOCABULARY)."""

from __future__ import annotations

from ..fields import Example as Example
from ..fields import Field as Field
from ..fields import Kind as Kind

EXAMPLE_DAY = "2025-01-30"
"""The day the example dates are written relative to; `ny` moves them to fit its own day."""

# The rules of `remissgen granska` (granska/regler.py and regler.py here), and the main
# threshold of each that has one, with its default; a test keeps these in step with the rules.
REVIEW_RULES = (
    "långa-meningar", "långa-stycken", "förkortningar", "upprepad-inledning",
    "lång-sammanfattning", "lix", "sammanträde-efter-svarsdatum", "datum-efter-sammanträde",
    "beredning-efter-sammanträde", "motstridig-ståndpunkt", "motionärer-bilagor",
    "annat-ärende", "expedieras-till-nämnden", "ej-ifyllt", "ändrade-versaler")

# Where the review reads prose (granska): a field, how its text stands in it ("text": the
# value, a text or a list of texts; "group": the group's `text`; "sections": each item's
# `rubrik` over its `text`), and whether it is a section of its own (LIX per section). The
# closing sentence is read as prose but is no section; rubrik, underrubrik and lists of
# names are not prose.
PROSE = (("förslag_till_beslut", "text", True), ("sammanfattning", "text", True),
         ("bakgrund", "text", True), ("beredning", "group", True), ("ärendet", "text", True),
         ("synpunkter", "text", True), ("avsnitt", "sections", True),
         ("avslutning", "text", False))
REVIEW_LIMITS = (("långa-meningar", "30"), ("långa-stycken", "8"), ("upprepad-inledning", "2"),
                 ("lång-sammanfattning", "1"), ("lix", "55"), ("annat-ärende", "3"))

PROPERTIES = ("Diarienummer", "Ärendemening", "Nämnd", "Sammanträde", "Datum", "Förvaltning",
              "Handläggare", "Remissdiarienummer", "Remissinstans")
"""The custom document properties remissgen writes to the .docx, by remissgen's names."""

PLACEHOLDERS = ("FYLL I", "Förnamn Efternamn", "fornamn.efternamn@", "Skriv här",
                "Här beskriver du")
"""Texts that mark a value as not filled in: `importera`'s FYLL I and the examples `ny`
writes to be replaced. `granska`'s rule ej-ifyllt finds them; they make a build a draft."""


DERIVED = ("beredning_mening",)
"""What the case model and the Word templates carry beyond the file's fields: texts derived
from several fields (the beredning sentence, made of organ and dates)."""


def _f(key: str, kind: Kind, title: str, description: str, *, required: bool = False,
       children: tuple[Field, ...] = (), min_items: int = 0, jinja: bool = True,
       example: Example | None = None, commented: bool = False,
       choices: tuple[str, ...] = ()) -> Field:
    return Field(key, kind, title, description, required, children, min_items, jinja, example,
                 commented, choices)


MOTIONÄR = (
    _f("namn", "text", "Namn", "Motionärens namn, till exempel Salar Rashid.", required=True),
    _f("parti", "text", "Parti", "Partiets förkortning, till exempel S."),
)

CASE = _f("ärende", "mapping", "Ärendefil för remissgen",
          "Ett tjänsteutlåtande som svarar på en remiss.", required=True, children=(
    _f("mall", "text", "Mall",
       "Den Word-mall som används: ett namn på en inbyggd mall eller en sökväg till en .docx. "
       "Standard är tjänsteutlåtandet i Stockholms layout.", jinja=False, example="stockholm"),
    _f("kommun", "text", "Kommun",
       "Kommunen, till exempel Stockholms stad. Används i underrubriken.",
       example="Stockholms stad"),
    _f("förvaltning", "text", "Förvaltning",
       "Förvaltningen som skriver tjänsteutlåtandet. Står i sidhuvudet.", required=True,
       example="Södermalms stadsdelsförvaltning"),
    _f("avdelning", "text", "Avdelning", "Förvaltningens avdelning. Står i sidhuvudet.",
       example="Stabs- och kansliavdelningen"),
    _f("nämnd", "text", "Nämnd",
       "Nämnden som tjänsteutlåtandet går till (”Till”).", required=True,
       example="Södermalms stadsdelsnämnd"),
    _f("nämnd_kort", "text", "Nämndens korta namn",
       "Nämndens namn i löptext, till exempel Stadsdelsnämnden. Utelämnas det bildas det "
       "av nämndens sista ord i bestämd form; ett namn som redan står i bestämd form "
       "(Kultur- och fritidsnämnden) används som det är.", example="Stadsdelsnämnden", commented=True),
    _f("sammanträde", "date", "Sammanträde",
       "Nämndens sammanträdesdatum, ÅÅÅÅ-MM-DD. Står under ”Till”.", required=True,
       example="2025-02-20"),
    _f("datum", "date", "Datum",
       "Tjänsteutlåtandets eget datum, ÅÅÅÅ-MM-DD, i sidhuvudet. Standard är dagens datum."),
    _f("diarienummer", "text", "Diarienummer",
       "Förvaltningens diarienummer, till exempel SÖD 2021/1234. Står i sidhuvudet som ”Dnr”.",
       example="SÖD 2025/123"),
    _f("handläggare", "mapping", "Handläggare", "Handläggaren av ärendet.", required=True,
       children=(
           _f("namn", "text", "Namn", "Handläggarens namn.", required=True,
              example="Förnamn Efternamn"),
           _f("telefon", "text", "Telefon", "Visas som ”Telefon: …”.", example="08-508 000 00"),
           _f("e-post", "text", "E-post", "Visas under telefonnumret som ”E-post: …”.",
              example="fornamn.efternamn@stockholm.se"),
       )),
    _f("remiss", "mapping", "Remissen", "Remissen som besvaras.", required=True, children=(
        _f("från", "text", "Från",
           "Den som skickade remissen, som i löptext: kommunstyrelsen.", required=True,
           example="kommunstyrelsen"),
        _f("diarienummer", "text", "Remissens diarienummer",
           "Avsändarens diarienummer, till exempel 2021/817.", example="KS 2025/45"),
        _f("ärende", "text", "Ärende",
           "Rubriken på det som remitterats, till exempel Motion om …", required=True,
           example="Motion om fler sittplatser i parkerna"),
        _f("motionärer", "list_mapping", "Motionärer", "Motionens författare.",
           children=MOTIONÄR, example=({"namn": "Förnamn Efternamn", "parti": "X"},)),
        _f("även_till", "list_text", "Även till", "Andra som remissen också skickats till.",
           example=("stadsledningskontoret", "trafiknämnden")),
        _f("svar_senast", "date", "Svar senast",
           "Sista dag för svaret, ÅÅÅÅ-MM-DD. Skrivs inte ut; används av kontroller.",
           example="2025-02-28"),
    )),
    _f("rubrik", "text", "Rubrik",
       "Dokumentets rubrik. Standard är ”Remiss av” följt av ärendet.",
       example="Remiss av {{ remiss.ärende }}", commented=True),
    _f("underrubrik", "text", "Underrubrik",
       "Standard är ”Svar på remiss från” avsändaren, kommunen (utom när avsändaren redan "
       "nämner den) och remissens diarienummer.",
       example="Svar på remiss från {{ remiss.från }} {{ kommun }} ({{ remiss.diarienummer }})",
       commented=True),
    _f("förslag_till_beslut", "text_or_list", "Förslag till beslut",
       "Beslutet som föreslås. Flera punkter numreras. Standard är att nämnden överlämnar "
       "tjänsteutlåtandet som svar på remissen.",
       example=("{{ nämnd_kort }} överlämnar förvaltningens tjänsteutlåtande som svar på "
                "remissen.",), commented=True),
    _f("sammanfattning", "rich", "Sammanfattning", "Avsnittet Sammanfattning.", required=True,
       example="{{ remiss.från | stor_bokstav }} har remitterat {{ remiss.ärende }}\n"
               "till {{ nämnd }}.\n\n"
               "Förvaltningen är positiv till förslaget. Skriv här en kort sammanfattning av\n"
               "remissen och av förvaltningens svar. En tom rad börjar ett nytt stycke; en\n"
               "enkel radbrytning blir ett mellanslag.\n"),
    _f("bakgrund", "rich", "Bakgrund",
       "Avsnittet Bakgrund. Utelämnas det skrivs det utifrån remissens uppgifter.",
       example="{{ nämnd_kort }} har på remiss från {{ remiss.från }} fått "
               "{{ remiss.ärende }}.\n\nÄrendet har dessutom remitterats till "
               "{{ remiss.även_till | lista }}.\n", commented=True),
    _f("beredning", "mapping", "Ärendets beredning",
       "Avsnittet Ärendets beredning. Utelämnas det helt blir det inget sådant avsnitt.",
       children=(
           _f("text", "rich", "Text", "Hur ärendet har beretts.",
              example="Ärendet har beretts på förvaltningen."),
           _f("behandlat", "list_mapping", "Behandlat",
              "Råd och grupper som har behandlat ärendet, med datum.", children=(
                  _f("organ", "text", "Organ", "Till exempel pensionärsrådet.", required=True),
                  _f("datum", "date", "Datum", "Datum, ÅÅÅÅ-MM-DD.", required=True),
              ), example=({"organ": "pensionärsrådet", "datum": "2025-02-10"},
                          {"organ": "rådet för funktionshinderfrågor", "datum": "2025-02-11"})),
       )),
    _f("ärendet", "rich", "Ärendet", "Avsnittet Ärendet.", required=True,
       example="Skriv här vad remissen gäller. Motionären föreslår att staden\n\n"
               "- ställer ut fler bänkar i parkerna,\n"
               "- prioriterar platser nära lekplatser.\n\n"
               "Rader som börjar med bindestreck blir en punktlista. **Fet** och *kursiv*\n"
               "text skrivs med stjärnor.\n"),
    _f("synpunkter", "rich", "Synpunkter och förslag",
       "Avsnittet Synpunkter och förslag.", required=True,
       example="Skriv här förvaltningens synpunkter. Förvaltningen är positiv till\n"
               "förslaget och föreslår att\n\n"
               "1. en plan tas fram under året,\n"
               "2. planen följs upp i verksamhetsplanen.\n"),
    _f("avsnitt", "list_mapping", "Extra avsnitt",
       "Extra avsnitt, till exempel Ekonomiska konsekvenser.", children=(
           _f("rubrik", "text", "Rubrik", "Avsnittets rubrik.", required=True),
           _f("text", "rich", "Text", "Avsnittets text.", required=True),
           _f("efter", "text", "Efter",
              "Rubriken på avsnittet det ska stå efter. Standard är Synpunkter och förslag."),
       ), example=({"rubrik": "Ekonomiska konsekvenser",
                    "text": "Förslaget bedöms inte medföra några kostnader för nämnden.",
                    "efter": "Synpunkter och förslag"},)),
    _f("avslutning", "text", "Avslutning",
       "Avslutande mening efter sista avsnittet. Standard är beslutet när det har en "
       "punkt och ingen avslutning när det har flera; en tom text ger ingen avslutning.",
       example="{{ nämnd_kort }} överlämnar förvaltningens tjänsteutlåtande som svar på "
               "remissen.", commented=True),
    _f("expedieras_till", "list_text", "Expedieras till",
       "Mottagare. Standard är remissens avsändare med stor bokstav.",
       example=("Kommunstyrelsen",), commented=True),
    _f("underskrifter", "list_mapping", "Underskrifter",
       "Underskrifter sida vid sida, namn över titel.", required=True, min_items=1,
       children=(
           _f("namn", "text", "Namn", "Namnet.", required=True),
           _f("titel", "text", "Titel", "Titeln, till exempel Stadsdelsdirektör.", required=True),
       ), example=({"namn": "Förnamn Efternamn", "titel": "Stadsdelsdirektör"},
                   {"namn": "Förnamn Efternamn", "titel": "Avdelningschef"})),
    _f("bilagor", "list_text", "Bilagor", "Bilagor. En heter ”Bilaga”, flera numreras.",
       example=("Motion om fler sittplatser i parkerna",)),
    _f("sidfot", "list_text", "Sidfot",
       "Förvaltningens kontaktrader i sidfoten: postadress, besöksadress, växel, webb.",
       example=("Södermalms stadsdelsförvaltning", "Besöksadress: Medborgarplatsen 25",
                "Växel: 08-508 290 00", "stockholm.se")),
    _f("logotyp", "mapping", "Logotyp", "Bilden i sidhuvudet.", commented=True, children=(
        _f("fil", "path", "Fil",
           "PNG- eller JPEG-bild, sökväg relativt filen som anger den.", required=True,
           jinja=False, example="logotyp.png"),
        _f("alt", "text", "Alternativtext",
           "Bildens alternativtext för skärmläsare, till exempel Stockholms stad.",
           required=True, example="Stockholms stad"),
    )),
    _f("sidfot_bara_första_sidan", "yes_no", "Sidfot bara på första sidan",
       "ja: sidfoten med kontaktraderna står bara på första sidan (utöver kontraktet, för de "
       "inbyggda mallarna och egna). Passar bäst i profilen.", jinja=False, example="ja",
       commented=True),
    _f("logotyp_bara_första_sidan", "yes_no", "Logotyp bara på första sidan",
       "ja: logotypen står bara i första sidans sidhuvud (utöver kontraktet). Passar bäst i "
       "profilen.", jinja=False, example="ja", commented=True),
    _f("färg", "color", "Färg",
       "En accentfärg som #RRGGBB, för mallar som använder en. Skriv den inom citattecken, "
       "till exempel \"#0066CC\", annars läses # som början på en kommentar.", jinja=False),
    _f("pdf_författare", "text", "PDF:ens författare",
       "Författaren i PDF:ens och dokumentets egenskaper. Standard är förvaltningen (inte "
       "handläggaren, eftersom dokumentet är myndighetens). Passar bäst i profilen.",
       jinja=False, commented=True, example="Södermalms stadsdelsförvaltning"),
    _f("egenskaper", "mapping", "Dokumentegenskaper",
       "Egna namn på dokumentegenskaperna i .docx-filen, så som ärendesystemet kallar dem, "
       "till exempel Diarienummer: Dnr. Passar bäst i profilen.", jinja=False, commented=True,
       children=tuple(_f(name, "text", name, f"Ärendesystemets namn på egenskapen {name}.",
                         jinja=False) for name in PROPERTIES)),
    _f("granskning", "mapping", "Granskning",
       "Reglerna för remissgen granska; passar bäst i profilen.", jinja=False, commented=True, children=(
           _f("utan", "list_text", "Utan", "Regler som inte ska köras.", jinja=False,
              choices=REVIEW_RULES, example=("upprepad-inledning",)),
           _f("tillåtna_förkortningar", "list_text", "Tillåtna förkortningar",
              "Egna förkortningar som godtas, som PIN.", jinja=False, example=("IT", "HR")),
           _f("gränser", "mapping", "Gränser",
              "Egna gränser för reglerna, i stället för standardgränserna.", children=tuple(
                  _f(rule, "number", rule, f"Gränsen för {rule} (standard {default}).",
                     jinja=False, example=default)
                  for rule, default in REVIEW_LIMITS)),
       )),
))
