"""The parts of a document → case data: derived sentences back into data, defaults left out.

A value is written only when the document shows it and it differs from what remissgen
would derive; a derived sentence becomes data only when rendering that data again gives
the very text read. Whatever cannot be placed becomes a note for the file's top comment.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import richtext
from ..fields import Field
from ..importera import markup, pageheader
from ..importera.layout import Layout, Line, headings, long_date
from ..importera.structure import Parsed, Section
from ..messages import text
from . import sentences
from .phrases import phrases, section_headings
from .spec import CASE

_JINJA = re.compile(r"\{[{%#]")


@dataclass
class Reading:
    """The case data being recovered, and the notes on what could not be placed."""

    case: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    kort: list[str] = field(default_factory=list)
    från: list[str] = field(default_factory=list)
    header: dict[str, str] = field(default_factory=dict)  # header values placed at the end
    template: Path | None = None  # the template whose header read the document's best

    def missing(self, key: str) -> str:
        self.notes.append(text("importera_saknas", key=key))
        return text("importera_fyll_i")


def read(parsed: Parsed, layout: Layout, templates: Sequence[Path] = ()
         ) -> tuple[dict[str, Any], list[str], Path | None]:
    """Return the case data that `parsed` shows, the notes on what it could not place, and
    the template whose page header read the document (None: none did).

    The page header is read with the template of `templates` (in order of preference; the
    built-in ones by default) that explains the most of it."""
    r = Reading(notes=list(parsed.notes))
    _page(layout, r, templates or _builtins())
    _block(parsed, layout, r)
    sections = {s.heading: s for s in parsed.sections}
    remiss = r.case.setdefault("remiss", {})
    remiss["ärende"] = _ärende(parsed, layout, sections, r)
    _no_closing_after_several_points(parsed, sections)
    _sections(parsed, sections, r)
    _derived(parsed, sections, r)
    _closing(parsed, r)
    _header_rest(r)
    return _escaped(r.case, CASE), r.notes, r.template


def _builtins() -> list[Path]:
    from ..word.templating import builtin_path, builtins

    return [path for name in builtins() if (path := builtin_path(name)) is not None]


def _no_closing_after_several_points(parsed: Parsed, sections: dict[str, Section]) -> None:
    """Give a decision of several points' closing back to the last section: such a decision
    has no closing by default, and the document reads the same either way."""
    förslag = sections.get(section_headings()["förslag_till_beslut"])
    if (förslag is not None and len(förslag.lines) > 1 and parsed.closing_line is not None
            and parsed.sections):
        parsed.sections[-1].lines.append(parsed.closing_line)
        parsed.closing, parsed.closing_line = None, None


_HEADER_KEYS = ("kommun", "förvaltning", "avdelning", "diarienummer", "datum")
"""The header's values _page places; any other one the header shows is placed at the end."""

_FROM_BODY = ("rubrik", "underrubrik", "nämnd_kort", "avslutning", "expedieras_till")
"""Fields the body shows and the reading leaves out when they are the derived ones."""


def _page(layout: Layout, r: Reading, templates: Sequence[Path]) -> None:
    """Read kommun, förvaltning, avdelning, diarienummer, datum and whatever else the page
    header shows (or the properties), naming each header line that no field explains."""
    reading = pageheader.read(layout.header, templates)
    values = reading.values
    r.template = reading.template
    r.notes += [text("importera_sidhuvud_oläst", line=" ".join(line.split()))
                for line in reading.unread]  # tabs as spaces: the comment is one line
    for key in ("kommun", "förvaltning", "avdelning", "diarienummer"):
        if values.get(key):
            r.case[key] = values[key]
    r.header = {k: v for k, v in values.items() if k not in _HEADER_KEYS}
    if "diarienummer" not in r.case:  # the custom property, else the keywords
        found = layout.props.get("egenskap:Diarienummer") or layout.props.get("keywords")
        if found:
            r.case["diarienummer"] = found
    datum = (values.get("datum") or layout.props.get("egenskap:Datum")
             or layout.props.get("created"))
    if datum and re.fullmatch(r"\d{4}-\d{2}-\d{2}", datum):
        r.case["datum"] = dt.date.fromisoformat(datum)
    else:
        r.notes.append(text("importera_inget_datum"))
    if layout.footer:
        r.case["sidfot"] = list(layout.footer)
    if layout.logo is not None:
        data, alt = layout.logo
        ext = "png" if data.startswith(b"\x89PNG") else "jpeg"
        r.case["logotyp"] = {"fil": f"{LOGO_NAME}.{ext}",
                             "alt": alt or r.missing("logotyp.alt")}


LOGO_NAME = "logotyp"
"""The logo is written beside the case file as logotyp.png (or .jpeg)."""


def _block(parsed: Parsed, layout: Layout, r: Reading) -> None:
    """Read the Handläggare/Till block: name, telephone, e-mail, nämnd, meeting date."""
    p = phrases()
    hl: dict[str, str] = {}
    name = parsed.left[0] if parsed.left else (layout.props.get("egenskap:Handläggare")
                                                or layout.props.get("author", ""))
    hl["namn"] = name or r.missing("handläggare.namn")
    prefixes = {"telefon": p.telefon("\x00").split("\x00")[0],
                "e-post": p.e_post("\x00").split("\x00")[0]}
    for value in parsed.left[1:]:
        key = next((k for k, pre in prefixes.items() if value.startswith(pre)), None)
        if key:
            hl[key] = value[len(prefixes[key]):].strip()
        else:
            r.notes.append(text("importera_oplacerad", what=value))
    r.case["handläggare"] = hl
    nämnd = parsed.right[0] if parsed.right else ""
    r.case["nämnd"] = nämnd or r.missing("nämnd")
    when = long_date(parsed.right[1]) if len(parsed.right) > 1 else None
    if when is not None:
        r.case["sammanträde"] = when
    else:
        r.notes.append(text("importera_inget_sammanträde",
                            what=parsed.right[1] if len(parsed.right) > 1 else ""))
    for value in parsed.right[2:]:
        r.notes.append(text("importera_oplacerad", what=value))
    if "förvaltning" not in r.case:
        guess = _förvaltning_from(nämnd)
        r.case["förvaltning"] = guess or r.missing("förvaltning")
        if guess:
            r.notes.append(text("importera_förvaltning_gissad", value=guess))


def _förvaltning_from(nämnd: str) -> str | None:
    """Return the förvaltning a nämnd usually has ('stadsdelsnämnd' → 'stadsdelsförvaltning')."""
    found = re.fullmatch(r"(.*)nämnd(en)?", nämnd)
    if not found or not found.group(1).strip():
        return None
    return found.group(1) + ("förvaltningen" if found.group(2) else "förvaltning")


def _ärende(parsed: Parsed, layout: Layout, sections: dict[str, Section], r: Reading) -> str:
    """Return the ärende: the document's subject, else the default title, else the bakgrund."""
    if layout.props.get("subject"):
        return layout.props["subject"]
    from_title = sentences.ärende_from_rubrik(parsed.title or "")
    if from_title:
        return from_title
    bakgrund = sections.get(section_headings()["bakgrund"])
    if bakgrund:
        found = sentences.bakgrund([ln.text for ln in bakgrund.lines])
        if found.löptext:
            return sentences.ärende_from_löptext(found.löptext)[-1]
    if parsed.title:
        r.notes.append(text("importera_ärende_från_rubrik"))
        return parsed.title
    return r.missing("remiss.ärende")


def _sections(parsed: Parsed, sections: dict[str, Section], r: Reading) -> None:
    """Put every section's text in its field; unknown headings become `avsnitt`."""
    h = section_headings()
    fields = {v: k for k, v in h.items()}
    standard = set(headings())
    after = h["synpunkter"]
    extra: list[dict[str, str]] = []
    for section in parsed.sections:
        key = fields.get(section.heading)
        if key is None or section.heading not in standard:
            body, notes = markup.rich(section.lines, section.heading)
            r.notes += notes
            entry = {"rubrik": section.heading, "text": body or r.missing(section.heading)}
            if after != h["synpunkter"]:
                entry["efter"] = after
            extra.append(entry)
            continue
        after = section.heading
        if key in ("sammanfattning", "ärendet", "synpunkter"):
            body, notes = markup.rich(section.lines, section.heading)
            r.notes += notes
            r.case[key] = body or r.missing(key)
    for key in ("sammanfattning", "ärendet", "synpunkter"):
        if key not in r.case:
            r.case[key] = r.missing(key)
    if extra:
        r.case["avsnitt"] = extra


def _derived(parsed: Parsed, sections: dict[str, Section], r: Reading) -> None:
    """Read the förslag, bakgrund, beredning and subtitle, turning derived sentences into data."""
    h = section_headings()
    förslag = sections.get(h["förslag_till_beslut"])
    points = _points(förslag.lines, r) if förslag else []
    for point in points[:1] if len(points) == 1 else []:
        if (kort := sentences.kort_from_beslut(point)) is not None:
            r.kort.append(kort)
    if parsed.closing and (kort := sentences.kort_from_beslut(parsed.closing)) is not None:
        r.kort.append(kort)
    bakgrund = sections.get(h["bakgrund"])
    found = sentences.bakgrund([ln.text for ln in bakgrund.lines]) if bakgrund else None
    if found and found.kort:
        r.kort.insert(0, found.kort)
    if found and found.från:
        r.från.append(found.från)
    kort = _kort(r)
    _from_and_subtitle(parsed, r)
    if bakgrund is not None and found is not None:
        _bakgrund(bakgrund, found, kort, r)
    if h["beredning"] in sections:
        _beredning(sections[h["beredning"]], r)
    if points and points != [phrases().beslut(kort)]:
        r.case["förslag_till_beslut"] = points[0] if len(points) == 1 else points
    title = parsed.title or ""
    if title != phrases().standardrubrik(r.case["remiss"]["ärende"]):
        r.case["rubrik"] = title or r.missing("rubrik")


def _points(lines: list[Line], r: Reading) -> list[str]:
    """Return the decision points, bold and italic as markup: one paragraph, or list items."""
    out = []
    for item in lines:
        found = markup.inline(item.runs)
        if found is None:
            found = item.text.strip()
            r.notes.append(text("importera_formatering", where="Förslag till beslut",
                                text=found[:60]))
        out.append(found)
    return out


def _kort(r: Reading) -> str:
    """Return the nämnd's short name the sentences use; write it when it is not the derived one."""
    derived = phrases().kort_nämnd(r.case["nämnd"])
    if not derived and not r.kort:  # the rule cannot serve this name and no sentence shows it
        words: list[str] = str(r.case["nämnd"]).split() or ["Nämnden"]
        guess = words[-1][:1].upper() + words[-1][1:]
        r.case["nämnd_kort"] = guess
        r.notes.append(text("importera_nämnd_kort", guess=guess))
        return guess
    if not r.kort or derived in r.kort:
        return derived
    r.case["nämnd_kort"] = r.kort[0]
    return r.kort[0]


def _from_and_subtitle(parsed: Parsed, r: Reading) -> None:
    """Settle remiss.från, kommun and remiss.diarienummer from the subtitle and other hints."""
    p = phrases()
    readings = [u for u in sentences.underrubrik(parsed.subtitle or "")
                if not re.search(r"\(.*\)$", (u.kommun or u.från))]
    if "kommun" in r.case:  # the header's kommun (the neutral template shows it)
        agree = [u for u in readings if u.kommun == r.case["kommun"]
                 or (not u.kommun and r.case["kommun"] in u.från)]
        readings = agree or readings
    if r.från:
        readings = [u for u in readings if u.från == r.från[0]]
    elif len(readings) > 1 and len(parsed.recipients) == 1:
        readings = [u for u in readings if p.expedieras(u.från) == parsed.recipients[0]]
    remiss = r.case["remiss"]
    if len(readings) == 1:
        reading = readings[0]
        remiss["från"] = reading.från
        if reading.kommun:
            r.case["kommun"] = reading.kommun
        if reading.diarienummer:
            remiss["diarienummer"] = reading.diarienummer
    else:
        remiss["från"] = r.från[0] if r.från else _from_recipients(parsed, r)
        if parsed.subtitle is not None:
            r.case["underrubrik"] = parsed.subtitle
            if len(readings) > 1:
                r.notes.append(text("importera_underrubrik_tvetydig"))
    if parsed.subtitle is None:
        r.notes.append(text("importera_ingen_underrubrik"))


def _from_recipients(parsed: Parsed, r: Reading) -> str:
    if parsed.recipients:
        r.notes.append(text("importera_från_gissad", value=parsed.recipients[0]))
        return parsed.recipients[0]
    return r.missing("remiss.från")


def _bakgrund(section: Section, found: sentences.Bakgrund, kort: str, r: Reading) -> None:
    """Keep the bakgrund's data; leave the text out when the default sentences give it back."""
    remiss = r.case["remiss"]
    if found.motionärer:
        remiss["motionärer"] = found.motionärer
    if found.även_till:
        remiss["även_till"] = found.även_till
    derived = phrases().standardbakgrund(kort, remiss["från"], remiss["ärende"],
                                         found.motionärer or [], found.även_till or [])
    if markup.same(richtext.parse(derived), markup.blocks(section.lines)):
        return
    body, notes = markup.rich(section.lines, section.heading)
    r.notes += notes
    r.case["bakgrund"] = body


def _beredning(section: Section, r: Reading) -> None:
    """Split the beredning into its text and the councils of its closing sentence."""
    lines = list(section.lines)
    beredning: dict[str, Any] = {}
    last = lines[-1] if lines else None
    if last is not None and last.role == "text":
        start = sentences.behandlat_start()
        plain = last.text.strip()
        cut = plain.rfind(start)
        if cut == 0 or (cut > 0 and plain[cut - 1] == " "):
            found = sentences.behandlat(plain[cut:])
            own = cut == 0 and (len(lines) == 1 or lines[-2].role != "text")
            if found is not None and (cut > 0 or own):
                beredning["behandlat"] = [{"organ": b.organ, "datum": b.datum} for b in found]
                lines[-1] = _cut(last, len(plain) - cut + (1 if cut else 0))
                if cut == 0:
                    lines.pop()
    if lines:
        body, notes = markup.rich(lines, section.heading)
        r.notes += notes
        beredning = {"text": body, **beredning}
    r.case["beredning"] = beredning


def _cut(item: Line, count: int) -> Line:
    """Return `item` without its last `count` characters (trailing white space first)."""
    runs = list(markup.merged(item.runs))
    while count > 0 and runs:
        last = runs.pop()
        if len(last.text) > count:
            runs.append(type(last)(last.text[:-count], last.bold, last.italic))
        count -= len(last.text)
    return Line(tuple(runs), item.role)


def _closing(parsed: Parsed, r: Reading) -> None:
    """Read the closing sentence, Expedieras till, the signatures and the bilagor."""
    p = phrases()
    kort = r.case.get("nämnd_kort") or p.kort_nämnd(r.case["nämnd"])
    points = r.case.get("förslag_till_beslut") or [p.beslut(kort)]
    default = p.standardavslutning([points] if isinstance(points, str) else points)
    if (parsed.closing or "") != default:
        r.case["avslutning"] = parsed.closing or ""
    if parsed.recipients and parsed.recipients != [p.expedieras(r.case["remiss"]["från"])]:
        r.case["expedieras_till"] = parsed.recipients
    signatures = [{"namn": n, "titel": t or r.missing("underskrifter.titel")}
                  for n, t in parsed.signatures]
    r.case["underskrifter"] = signatures or [{"namn": r.missing("underskrifter"),
                                              "titel": text("importera_fyll_i")}]
    if parsed.attachments:
        r.case["bilagor"] = parsed.attachments


def _header_rest(r: Reading) -> None:
    """Place the header's other values (`handläggare.namn` …) where the body left them out;
    one that the body shows otherwise is named."""
    for name, value in r.header.items():
        path = name.split(".")
        where: Any = r.case
        for part in path[:-1]:
            where = where.setdefault(part, {}) if isinstance(where, dict) else None
        if not isinstance(where, dict):
            continue
        shown = where.get(path[-1])
        if shown is None and path[0] in _FROM_BODY:
            continue  # the body shows the derived text, which the header repeats
        if shown is None:
            where[path[-1]] = value
        elif str(shown.isoformat() if isinstance(shown, dt.date) else shown) != value:
            r.notes.append(text("importera_sidhuvud_annat", key=name, value=value,
                                other=shown))


def _escaped(values: Any, spec: Field) -> Any:
    """Return `values` with every text that holds Jinja marks wrapped in {% raw %}."""
    if isinstance(values, dict):
        return {k: _escaped(v, spec.child(k) or spec) for k, v in values.items()}
    if isinstance(values, list):
        return [_escaped(v, spec) for v in values]
    if isinstance(values, str) and spec.jinja and _JINJA.search(values):
        end = "\n" if values.endswith("\n") else ""
        return "{% raw %}" + values.removesuffix("\n") + "{% endraw %}" + end
    return values
