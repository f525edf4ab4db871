"""The remiss answer's own review rules, the consistency rules, by name (`RULES`).

Each reads the case under review (`granska.regler.Underlag`: the file as written and the
complete Case) and yields warnings where the answer contradicts itself: a meeting after the
remiss's deadline or a statement dated after its meeting, a council that prepares the case
after the nämnd met, a decision whose stance its reasons contradict, motion authors that the
bilagor name otherwise, a title or summary that names another ärende, a decision sent to the
nämnd itself. Every one of them blocks `bygg --slutlig` and shows in `kontrollera`. The
document type hands them to `granska` (`remissvar.DOCUMENT.review_rules`), which runs them
with its general rules (`granska/regler.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial

from ..errors import Location, Problem
from ..granska import text as t
from ..granska.regler import Check, Limits, Rule, Underlag, rule, warn
from ..granska.text import Text, Word
from ..messages import text
from ..source import Scalar, Sequence

RULES: dict[str, Rule] = {}


def _rule(name: str, **limits: float) -> Callable[[Check], Check]:
    return rule(RULES, name, blocks=True, **limits)


@_rule("sammanträde-efter-svarsdatum")
def meeting_after_deadline(u: Underlag, limits: Limits) -> Iterator[Problem]:
    """The nämnd meets after `remiss.svar_senast`: the answer cannot be decided in time."""
    deadline, meeting = u.case.remiss.svar_senast, u.node("sammanträde")
    due = u.node("remiss", "svar_senast")
    if deadline and meeting and due and u.case.sammanträde > deadline:
        yield warn(meeting.location, "granska_sent_sammanträde",
                    sammanträde=u.case.sammanträde, svar_senast=deadline,
                    rad=due.location.line, från=u.case.remiss.från)


@_rule("datum-efter-sammanträde")
def dated_after_meeting(u: Underlag, limits: Limits) -> Iterator[Problem]:
    """The statement's own `datum` is after the meeting it is written for."""
    written = u.node("datum")
    if written is not None and u.case.datum > u.case.sammanträde:
        yield warn(written.location, "granska_datum_efter", datum=u.case.datum,
                    sammanträde=u.case.sammanträde)


@_rule("beredning-efter-sammanträde")
def prepared_after_meeting(u: Underlag, limits: Limits) -> Iterator[Problem]:
    """A council in `beredning.behandlat` handles the case after the nämnd has met."""
    if u.case.beredning is None:
        return
    for i, done in enumerate(u.case.beredning.behandlat):
        node = u.node("beredning", "behandlat", i, "datum")
        if node is not None and done.datum > u.case.sammanträde:
            yield warn(node.location, "granska_beredning_efter", organ=done.organ,
                        datum=done.datum, sammanträde=u.case.sammanträde)


_NEGATIONS = frozenset({"inte", "ej", "icke"})
_STANCE = re.compile(r"tillstyrk|avstyrk|positiv|negativ", re.I)  # a sentence that may take one
_STEMS = ("tillstyrk", "avstyrk", "positiv", "negativ")
# Besides a letter's lower case, `re.I` matches these to the stems' letters (i, i, s): a
# search over every character in Python's Unicode tables finds no other.
_OTHER_CASES = ("ı", "İ", "ſ")


def may_take_stance(segment: str) -> bool:
    """Return True if `_STANCE` finds a stem in `segment`.

    Case-insensitive matching tests every character in the engine; the lower-case copy of
    the segment is searched for the stems in C first, and only a segment that holds one
    (or a character that `re.I` folds otherwise) is searched with the pattern itself."""
    if not any(other in segment for other in _OTHER_CASES):
        low = segment.lower()
        if not any(stem in low for stem in _STEMS):
            return False
    return _STANCE.search(segment) is not None


def stances(text_: Text) -> Iterator[tuple[int, Word]]:
    """Yield (+1 for, -1 against, word) for each stance word: tillstyrk-/avstyrk-, and
    positiv/negativ followed by 'till' or 'på'; 'inte', 'ej' or 'icke' just before (or just
    after tillstyrk-/avstyrk-) turns it."""
    masked = text_.masked
    for sentence in text_.sentences:
        if not may_take_stance(masked[sentence.start:sentence.end]):
            continue
        ws = [w.text.casefold() for w in sentence.words]
        for i, low in enumerate(ws):
            nxt = ws[i + 1] if i + 1 < len(ws) else ""
            verb = low.startswith(("tillstyrk", "avstyrk"))
            if verb:
                sign = 1 if low.startswith("tillstyrk") else -1
            elif low in ("positiv", "positivt", "positiva", "negativ", "negativt", "negativa") \
                    and nxt in ("till", "på"):
                sign = 1 if low.startswith("positiv") else -1
            else:
                continue
            if _NEGATIONS & set(ws[max(0, i - 2):i]) or (verb and nxt in _NEGATIONS):
                sign = -sign
            yield sign, sentence.words[i]


@_rule("motstridig-ståndpunkt")
def contradicting_stance(u: Underlag, limits: Limits) -> Iterator[Problem]:
    """The decision takes one stance ("tillstyrker", "positiv till") and `synpunkter` only
    the other ("avstyrker", "negativ till"): the decision must follow from the reasons."""
    views = u.text("synpunkter")
    if views is None:
        return
    decision = [x for x in u.prose if x.key[0] in ("förslag_till_beslut", "avslutning")]
    found = [(s, w, x) for x in decision for s, w in stances(x)]
    if not found:  # the decision takes no stance (its default sentence takes none)
        return
    against = list(stances(views))
    if not against:
        return
    signs, other = {s for s, _, _ in found}, {s for s, _ in against}
    if len(signs) == 1 and other == {-signs.pop()}:
        _, word, where = found[0]
        _, opposite = against[0]
        yield warn(where.at(word.start), "granska_ståndpunkt",
                   lambda: {"utdrag": _around(views, opposite)}, ord=word.text,
                   motsats=opposite.text, rad=views.at(opposite.start).line)


def _around(text_: Text, word: Word) -> str:
    """Return the words around `word` in its sentence, as the text writes them: a quote."""
    for sentence in text_.sentences:
        ws = sentence.words
        at = next((i for i, w in enumerate(ws) if w.start == word.start), None)
        if at is not None:
            shown = ws[max(0, at - 3):at + 4]
            quoted = " ".join(text_.value[shown[0].start:shown[-1].end].split())
            return ("… " if at > 3 else "") + quoted + (" …" if at + 4 < len(ws) else "")
    return word.text


_PARTICLES = r"von|af|de|van|der|la|di|da|del"
_NAMED = re.compile(r"([A-ZÅÄÖÉÜ][\w'’-]*(?:[ \t]+(?:[A-ZÅÄÖÉÜ][\w'’-]*|" + _PARTICLES
                    + r"))*)[ \t]*\(([A-ZÅÄÖ]{1,3})\)")
_MOTION = re.compile(r"\bmotion", re.I)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


@_rule("motionärer-bilagor")
def motion_authors(u: Underlag, limits: Limits) -> Iterator[Problem]:
    """A motion bilaga names an author ("Namn (Parti)") that `remiss.motionärer` lacks, or
    with another party; or a motionär is named in no motion bilaga."""
    authors = {}
    for i, _ in enumerate(u.case.remiss.motionärer):
        name = u.scalar("remiss", "motionärer", i, "namn")
        if name is not None:
            party = u.scalar("remiss", "motionärer", i, "parti")
            authors[_key(name.value)] = (name, party.value.strip() if party else None)
    named: dict[str, Callable[[], Location]] = {}  # located only when a warning needs it
    bilagor = u.node("bilagor")
    for i, item in enumerate(bilagor.items if isinstance(bilagor, Sequence) else ()):
        if not isinstance(item, Scalar) or not _MOTION.search(item.value):
            continue
        at = _locator(u, item, ("bilagor", i))
        for m in _NAMED.finditer(item.value):
            who = re.sub(r"^(?:Motion(?:en)?\s+)+", "", m.group(1))
            key, start = _key(who), m.start(1) + len(m.group(1)) - len(who)
            named.setdefault(key, partial(at, start))
            if key not in authors:
                names = [n.value.strip() for n, _ in authors.values()]
                yield warn(at(start), "granska_bilaga_motionär",
                           partial(_close, who, names), namn=who, parti=m.group(2))
            elif authors[key][1] and authors[key][1] != m.group(2):
                yield warn(at(m.start(2)), "granska_motionär_parti", namn=who,
                           parti=m.group(2), rätt=authors[key][1])
    first: Location | None = None
    for key, (node, written_party) in authors.items():
        if named and key not in named:
            if first is None:
                first = min(where() for where in named.values())
            written = node.value.strip()
            shown = f"{written} ({written_party})" if written_party else written
            yield warn(node.location, "granska_motionär_bilaga", namn=written,
                       rad=first.line, som=shown)


def _locator(u: Underlag, item: Scalar, key: tuple[str | int, ...]) -> Callable[[int], Location]:
    """Return what locates a character of a bilaga's value: its Text, read when first asked
    (a bilaga that names its motionärer right needs no location)."""
    read: list[Text] = []

    def at(offset: int) -> Location:
        if not read:
            read.append(t.read(u.lines, item, key))
        return read[0].at(offset)
    return at


def _close(name: str, names: list[str]) -> dict[str, object] | None:
    """Return the motionär whose name is closest to `name` (`nära`), a misspelling, or None."""
    import difflib

    found = difflib.get_close_matches(name, names, n=1, cutoff=0.75)
    return {"nära": found[0]} if found else None


_KINDS = frozenset({"motion", "motionen", "remiss", "remissen", "skrivelse", "skrivelsen",
                    "promemoria", "promemorian", "betänkande", "betänkandet"})
_PREPOSITIONS = frozenset({"om", "av", "angående", "gällande", "rörande"})
_DNR = re.compile(r"(?<![\d/])\d{4}/\d{1,6}(?![\d/])")
_SLASH = re.compile("/")  # a case number's starts four characters before its slash
_KIND_STEMS = ("motion", "remiss", "skrivelse", "promemoria", "betänkande")  # in every kind


def may_name_kind(segment: str) -> bool:
    """Return False if no word of `segment` folds to a kind of ärende (`_KINDS`), a test
    before its words are read: `str.casefold` folds character by character, so a word's
    folding stands in the segment's, and every kind holds one of `_KIND_STEMS`."""
    folded = segment.casefold()
    return any(stem in folded for stem in _KIND_STEMS)


@_rule("annat-ärende", ord=3)
def other_case(u: Underlag, limits: Limits) -> Iterator[Problem]:
    """`rubrik` or `sammanfattning` names another ärende: after "motion om", "remiss av" and
    the like, the next `ord` words must stand in `remiss.ärende` in that order (a word and
    its inflection, "företag"/"företagen", count as one); a case number like 2021/817 must
    be the remiss's or the förvaltning's."""
    title = [w.casefold() for w in re.findall(r"[^\W_]+", u.case.remiss.ärende)]
    known = [d for d in (u.case.remiss.diarienummer, u.case.diarienummer) if d]
    for key in ("rubrik", "sammanfattning"):
        text_ = u.text(key)
        if text_ is None:
            continue
        for sentence in text_.sentences:
            if not may_name_kind(text_.masked[sentence.start:sentence.end]):
                continue
            ws = sentence.words
            for i, word in enumerate(ws[:-1]):
                if word.text.casefold() not in _KINDS or ws[i + 1].text.casefold() not in _PREPOSITIONS:
                    continue
                following = ws[i + 2:i + 2 + int(limits["ord"])]
                if not following or following[0].placeholder:
                    continue
                wanted = [w.text.casefold() for w in following if not w.placeholder]
                if not _within(wanted, title):
                    end = ws[min(i + 7, len(ws) - 1)].end
                    yield warn(text_.at(word.start), "granska_annat_ärende",
                               partial(_rewritten, text_.value, word, ws[i + 1],
                                       u.case.remiss.ärende),
                               fält=key, nämnt=text_.value[word.start:end] + " …",
                               ärende=u.case.remiss.ärende)
        slashes = (m.start() for m in _SLASH.finditer(text_.masked))
        for m in t.near(_DNR, text_.masked, slashes, 4):
            if not any(m.group() in d for d in known):
                yield warn(text_.at(m.start()), "granska_annat_diarienummer",
                           (lambda: {"rätt": known[0]}) if known else None, fält=key,
                           nämnt=m.group(), kända=", ".join(known) or text("granska_inga_angivna"))


def _rewritten(value: str, kind: Word, preposition: Word, ärende: str) -> dict[str, object]:
    """Return the user's "motion om …" with the remiss's own ärende after it (`rättat`):
    "motion om fler cykelbanor" for a remiss on "Motion om fler parker" gives "motion om
    fler parker"; an ärende that is no such phrase follows whole."""
    words = list(re.finditer(r"[^\W_]+", ärende))
    rest = ärende
    if (len(words) > 2 and words[0].group().casefold() in _KINDS
            and words[1].group().casefold() in _PREPOSITIONS):
        rest = ärende[words[2].start():]
    return {"rättat": f"{value[kind.start:preposition.end]} {rest}"}


def _within(wanted: list[str], title: list[str]) -> bool:
    """Return True if `wanted` stands in `title` in order, or runs on past its end."""
    def same(a: str, b: str) -> bool:
        return a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))
    return any(all(same(w, title[j + k]) for k, w in enumerate(wanted[:len(title) - j]))
               for j in range(len(title)))


@_rule("expedieras-till-nämnden")
def sent_to_itself(u: Underlag, limits: Limits) -> Iterator[Problem]:
    """An `expedieras_till` recipient is the nämnd itself (its name, its definite form or
    its short name): the decision is sent to others, never to the nämnd that takes it."""
    nämnd = _key(u.case.nämnd)
    itself = {nämnd, nämnd + "en" if nämnd.endswith("nämnd") else nämnd,
              _key(u.case.nämnd_kort)}
    recipients = u.node("expedieras_till")
    for item in recipients.items if isinstance(recipients, Sequence) else ():
        if isinstance(item, Scalar) and _key(item.value) in itself:
            yield warn(item.location, "granska_expediera_själv", mottagare=item.value.strip(),
                       från=u.case.remiss.från)
