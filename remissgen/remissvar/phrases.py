"""Case data + phrase templates → the complete Case: Jinja rendered, every default derived."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from .. import jinja
from ..blocks import ListBlock
from ..errors import InvalidInput, Problem
from ..messages import menade, shown, suggest, text
from ..validate import Data, Key
from . import model
from .spec import CASE, Field


class Phrases:
    """The Swedish phrase templates, compiled once; each macro is called as a method.

    A macro's text depends on its arguments alone, so each is rendered once per arguments
    (the headings and labels of every document, the short name of a nämnd …) while they
    can be a dictionary's key; other arguments are rendered at every call.
    """

    _KEPT = 256  # answers kept per macro: a batch's nämnder and dates, not its texts

    def __init__(self, folder: Path) -> None:
        self._module = jinja.phrase_environment(folder).get_template("fraser.j2").module

    def __getattr__(self, name: str) -> Callable[..., str]:
        macro = getattr(self._module, name)
        answers: dict[tuple[Any, ...], str] = {}

        def call(*args: Any) -> str:
            key = (tuple(map(type, args)), args)  # 1, 1.0 and True: equal keys, not texts
            try:
                return answers[key]
            except KeyError:
                pass
            except TypeError:  # a dictionary or list among the arguments
                return str(macro(*args)).strip()
            if len(answers) >= self._KEPT:
                answers.clear()
            answer = answers[key] = str(macro(*args)).strip()
            return answer

        setattr(self, name, call)  # found here once; the instance answers from now on
        return call


@cache
def phrases() -> Phrases:
    """Return the process-wide Phrases, compiled on first use."""
    return Phrases(Path(__file__).resolve().parent)


def complete(data: Data) -> model.Case:
    """Return the Case for validated `data`: text fields rendered, defaults derived.

    Raises InvalidInput with every Jinja problem, located at its field.
    """
    raw = data.values
    problems = early_problems(data)
    if problems:
        raise InvalidInput(problems)
    context = _with_defaults(raw)
    fields = data.jinja  # found by validation, in file order
    done = _render_in_order(fields, context, data, problems)
    rendered = dict(raw)  # raw with each Jinja text replaced, its containers copied on the way
    for key, spec, value in fields:  # in file order: problems and the budget in reading order
        _put(rendered, key, done[key] if key in done
             else _render(value, spec, key, context, data, problems))
    if any(jinja.MARK.search(str(a.get(k) or "")) for a in raw.get("avsnitt") or []
           for k in ("rubrik", "efter")):  # placement of sections whose headings are Jinja
        problems += _check_avsnitt(rendered, _known_headings(rendered), data)
    if problems:
        raise InvalidInput(problems)
    return _build(_with_defaults(rendered))


def early_problems(data: Data) -> list[Problem]:
    """Return what the phrase rules find before anything is rendered (also in data that has
    other problems): a nämnd the short-name rule cannot serve, a section with nowhere to go."""
    raw = data.values
    problems = []
    nämnd = raw.get("nämnd")
    if (isinstance(nämnd, str) and nämnd.strip() and not _given(raw, "nämnd_kort")
            and not phrases().kort_nämnd(nämnd)):
        problems.append(Problem(data.where(("nämnd",)),
                                text("nämnd_kort_behövs", nämnd=shown(nämnd)),
                                text("nämnd_kort_behövs_tips"), code="nämnd-kort"))
    return problems + _check_avsnitt(raw, _known_headings(raw), data, skip_jinja=True)


def section_headings() -> dict[str, str]:
    """Return the standard section headings by the field that fills them, in document order."""
    return dict(_section_headings())


@cache
def _section_headings() -> dict[str, str]:
    """Return the headings once per process (the phrases are fixed; callers get a copy)."""
    p = phrases()
    return {"förslag_till_beslut": p.rubrik_förslag(), "sammanfattning": p.rubrik_sammanfattning(),
            "bakgrund": p.rubrik_bakgrund(), "beredning": p.rubrik_beredning(),
            "ärendet": p.rubrik_ärendet(), "synpunkter": p.rubrik_synpunkter()}


def names_kommun(från: str, kommun: str) -> bool:
    """Return True when `från` already names `kommun` ("kommunstyrelsen i Ekby kommun", or
    "Ekby kommuns kommunstyrelse"), so that the subtitle does not repeat it."""
    return bool(kommun.strip()) and re.search(
        rf"(?<!\w){re.escape(kommun.strip())}s?(?!\w)", från, re.IGNORECASE) is not None


def _given(values: dict[str, Any], key: str) -> bool:
    value = values.get(key)
    return value is not None and value != ""


def _with_defaults(raw: dict[str, Any]) -> dict[str, Any]:
    """Return a copy of `raw` with every derived default filled in (the Jinja context)."""
    p = phrases()
    v = dict(raw)
    remiss = dict(v["remiss"])
    v["remiss"] = remiss
    remiss.setdefault("motionärer", [])
    remiss.setdefault("även_till", [])
    if not _given(v, "datum"):
        v["datum"] = dt.date.today()
    if not _given(v, "nämnd_kort"):
        v["nämnd_kort"] = p.kort_nämnd(v["nämnd"])
    kort = v["nämnd_kort"]
    if not _given(v, "rubrik"):
        v["rubrik"] = p.standardrubrik(remiss["ärende"])
    if not _given(v, "underrubrik"):
        kommun = v.get("kommun") or ""
        v["underrubrik"] = p.standardunderrubrik(
            remiss["från"], "" if names_kommun(remiss["från"], kommun) else kommun,
            remiss.get("diarienummer") or "")
    beslut = p.beslut(kort)
    if not _given(v, "förslag_till_beslut"):
        v["förslag_till_beslut"] = [beslut]
    elif isinstance(v["förslag_till_beslut"], str):
        v["förslag_till_beslut"] = _points(v["förslag_till_beslut"])
    if "avslutning" not in v:
        v["avslutning"] = p.standardavslutning(tuple(v["förslag_till_beslut"]))  # as a key
    if not _given(v, "bakgrund"):
        v["bakgrund"] = p.standardbakgrund(kort, remiss["från"], remiss["ärende"],
                                           remiss["motionärer"], remiss["även_till"])
    if not v.get("expedieras_till"):
        v["expedieras_till"] = [p.expedieras(remiss["från"])]
    return v


def _points(value: str) -> list[str]:
    """Return the decision points of one text: its items when it is one list (`1.` or `- `
    lines), as the list form gives them; otherwise the text itself as the one point."""
    from .. import richtext

    found = richtext.parse(value)
    if (len(found) != 1 or not isinstance(found[0], ListBlock)
            or any(i.level or i.continued for i in found[0].items)):
        return [value]
    return [" ".join(value[s.start:s.end].split()) for s in richtext.spans(value)]


def _render_in_order(fields: list[tuple[Key, Field, str]], context: dict[str, Any],
                     data: Data, problems: list[Problem]) -> dict[Key, Any]:
    """Render the Jinja `fields` that other Jinja fields read first, so that `{{ synpunkter }}`
    gives the rendered text, never raw `{{ … }}`; put each result into `context` and return
    them by key. A cycle (a field reading itself through others) is refused at each field."""
    if len(fields) < 2:
        return {}
    keys = [key for key, _, _ in fields]
    reads: dict[Key, set[Key]] = {}
    for key, _, value in fields:
        chains = _chains(value)
        reads[key] = {other for other in keys if other != key and any(
            chain[:len(other)] == other or other[:len(chain)] == chain for chain in chains)}
    order: list[Key] = []
    state: dict[Key, int] = {}  # 1 while being visited, 2 when done
    cyclic: set[Key] = set()

    def visit(key: Key, path: list[Key]) -> None:
        if state.get(key) == 2:
            return
        if state.get(key) == 1:
            cyclic.update(path[path.index(key):])
            return
        state[key] = 1
        for other in sorted(reads[key], key=keys.index):
            visit(other, [*path, key])
        state[key] = 2
        order.append(key)

    for key in keys:
        visit(key, [key])
    done: dict[Key, Any] = {}
    specs = {key: (spec, value) for key, spec, value in fields}
    for key in sorted(cyclic, key=keys.index):
        others = [_dotted(k) for k in sorted(cyclic, key=keys.index) if k != key]
        problems.append(Problem(data.where(key), text(
            "jinja_cykel", key=_dotted(key), others=", ".join(others) or _dotted(key)),
            text("jinja_cykel_tips"), code="jinja-cykel"))
        done[key] = specs[key][1]
    for key in order:
        if key in done or (not reads[key] and not any(key in reads[k] for k in keys)):
            continue  # reads no Jinja field and none reads it: rendered in the usual pass
        spec, value = specs[key]
        done[key] = _render(value, spec, key, context, data, problems)
        _put(context, key, done[key])
    return done


@lru_cache(maxsize=512)
def _chains(value: str) -> tuple[tuple[str | int, ...], ...]:
    """Return the name paths a text's Jinja reads (none when it does not parse); each distinct
    text is read once per process, as `jinja.parsed` parses it once."""
    import jinja2

    try:
        return tuple(jinja.references(jinja.parsed(value)))
    except jinja2.TemplateSyntaxError:
        return ()


def _dotted(key: Key) -> str:
    return ".".join(str(k) if isinstance(k, str) else f"{k + 1}" for k in key)


def _put(context: Any, key: Key, value: Any) -> None:
    """Set `value` at `key` in the context, copying the containers on the way (never raw's)."""
    node = context
    for part in key[:-1]:
        if isinstance(node, list):
            child = node[part] if isinstance(part, int) and part < len(node) else None
        else:
            child = node.get(part)
        if isinstance(child, dict):
            child = dict(child)
        elif isinstance(child, list):
            child = list(child)
        else:
            return
        node[part] = child
        node = child
    last = key[-1]
    fits = isinstance(node, dict) or (
        isinstance(node, list) and isinstance(last, int) and last < len(node))
    if fits:
        node[last] = value


def _render(value: str, spec: Field, key: Key, context: dict[str, Any], data: Data,
            problems: list[Problem]) -> str:
    """Return the Jinja text `value` (field `spec` at `key`) rendered in `context`; on failure
    the text as written, its problem added to `problems`."""
    try:
        return jinja.render(jinja.compiled(value), context)
    except Exception as exc:  # every Jinja failure becomes a located problem
        problems.append(jinja.render_problem(exc, spec.key, data.where(key), CASE))
        return value


def _known_headings(values: dict[str, Any]) -> list[str]:
    headings = section_headings()
    if not _has_beredning(values):
        del headings["beredning"]
    return list(headings.values())


def _check_avsnitt(values: dict[str, Any], headings: list[str], data: Data,
                   skip_jinja: bool = False) -> list[Problem]:
    problems = []
    known = list(headings)
    for i, section in enumerate(values.get("avsnitt") or []):
        rubrik, after = section.get("rubrik"), section.get("efter")
        if skip_jinja and any(jinja.MARK.search(str(v or "")) for v in (rubrik, after)):
            continue  # checked after rendering
        if after and after not in known:
            message = menade("efter_okänd", suggest(after, known), value=shown(after),
                             rubrik=shown(rubrik or ""))
            problems.append(Problem(data.where(("avsnitt", i, "efter")), message,
                                    text("efter_okänd_tips", allowed=", ".join(known)),
                                    code="efter"))
        if rubrik and rubrik in known:  # two sections of one heading could follow each other
            problems.append(Problem(data.where(("avsnitt", i, "rubrik")),
                                    text("avsnitt_rubrik_finns", rubrik=shown(rubrik)),
                                    text("avsnitt_rubrik_finns_tips"), code="avsnitt-rubrik"))
        if rubrik:
            known.append(rubrik)
    return problems


def _has_beredning(values: dict[str, Any]) -> bool:
    """Return True when `beredning` says anything (a `beredning:` with nothing gives no section)."""
    b = values.get("beredning") or {}
    return bool(str(b.get("text") or "").strip() or b.get("behandlat"))


def _build(v: dict[str, Any]) -> model.Case:
    """Return the Case of completed values: the table builds the records, and what is
    derived from several fields (the beredning sentence, a section's default place) is added."""
    values = dict(v)
    mening = None
    if _has_beredning(values):
        behandlat = values["beredning"].get("behandlat") or []
        if behandlat:
            mening = phrases().behandlat(
                tuple(model.Behandlat(x["organ"], x["datum"]) for x in behandlat))
    else:
        values.pop("beredning", None)
    after = section_headings()["synpunkter"]
    values["avsnitt"] = [{**a, "efter": a.get("efter") or after}
                         for a in values.get("avsnitt") or []]
    return model.build(values, {"beredning_mening": mening})
