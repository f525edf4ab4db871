"""The general review rules, by name, with their thresholds and the guidance each comes from,
and what every rule is made of (`Underlag`, `Rule`, `rule`, `warn`).

A rule is a function from the case under review (`Underlag`) and its thresholds to warnings.
`RULES` registers the rules that hold for any tjänsteutlåtande: klarspråk, placeholders left
(ej-ifyllt) and filters that change a value's capitals; a document type adds its own (the
remiss answer's consistency rules are in `remissgen/remissvar/regler.py`), and `granska`
runs both. The name is what `--utan REGEL` switches off (and what a profile's `granskning:`
key names); `limits` holds the rule's thresholds, each overridable by name; `blocks` marks a
rule whose warnings stop `bygg --slutlig` and that `kontrollera` shows.
The numbers are the issue's, checked against public Swedish guidance, not against the seed:

- Språklagen (2009:600) 11 §: public language shall be "vårdat, enkelt och begripligt".
- Språkrådet (Isof), Myndigheternas skrivregler (8th ed., 2014), 1.3 "Skriv lättlästa
  meningar" and 1.5 "Gör texten överskådlig"; Isof's Klarspråkshjälpen, "Skriv meningar med
  flyt" (one thought per sentence). Municipal guides are stricter than 30 words:
  Östersunds kommun's profile manual: "efter cirka 20 ord börjar en mening räknas som svårläst".
- Abbreviations: Mittuniversitetet's and Alingsås kommun's writing guides (after
  Myndigheternas skrivregler): write an unestablished abbreviation out the first time, with
  the short form in parentheses, "Customer Relationship Management (CRM)"; a small set of
  established ones (bl.a., dvs., etc., fr.o.m., m.fl., m.m., osv., s.k., t.ex., t.o.m.) may
  be used as they are.
- LIX: C.-H. Björnsson, Läsbarhet (1968); the levels as lix.se gives them: 50–60 "svår,
  normalt värde för officiella texter", over 60 "mycket svår, byråkratsvenska".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from ..errors import Location, Problem
from ..messages import text
from ..source import Mapping as Map
from ..source import Node, Scalar, Sequence, Source, composed
from . import text as t
from .text import Lines, Text, Word

if TYPE_CHECKING:
    from ..doctype import Case

Limits = Mapping[str, float]


@dataclass
class Underlag:
    """What the rules read: the file as written (nodes, texts) and the complete Case."""

    source: Source
    case: Case
    lines: Lines
    prose: list[Text]  # text fields in file order: sections, decision, closing sentence
    sections: list[tuple[str, str, list[Text]]]  # field, heading, its texts (for LIX)

    def node(self, *key: str | int) -> Node | None:
        """Return the node at a key path, or None."""
        node: Node | None = self.source.root
        for k in key:
            if isinstance(k, int):
                node = node.items[k] if isinstance(node, Sequence) and k < len(node.items) else None
            else:
                node = node.get(k) if isinstance(node, Map) else None
        return node

    def scalar(self, *key: str | int) -> Scalar | None:
        """Return the non-empty scalar at a key path, or None."""
        node = self.node(*key)
        return node if isinstance(node, Scalar) and node.value.strip() else None

    @functools.cached_property
    def _as_written(self) -> bool:
        """Return True when every value's written characters stand in the file as they are:
        no escape (a backslash), and the file's letters composed (NFC) as values hold them."""
        written = self.source.text
        return "\\" not in written and composed(written)

    def may_hold(self, wanted: str) -> bool:
        """Return False only when no value of the file can hold `wanted`: one of its white-
        space separated parts (without a quote) stands nowhere in the file text.

        Besides escapes, `''` for a quote and composed letters, YAML changes only a value's
        white space (folding, indentation, line breaks): each run of a value's other
        characters is written in the file as it is, so a part the file lacks is in no value.
        A few C-level searches of the text, where looking in the values walks every node."""
        if not self._as_written:
            return True
        written = self.source.text
        return all(part in written for part in wanted.split() if "'" not in part)

    @functools.cached_property
    def scalars(self) -> tuple[Scalar, ...]:
        """Return every value scalar of the file, in file order (two rules walk them all)."""
        return tuple(_scalars(self.source.root))

    def text(self, *key: str | int) -> Text | None:
        """Return the Text of the scalar at a key path, or None; a prose field is read once."""
        for read in self.prose:
            if read.key == key:
                return read
        node = self.scalar(*key)
        return t.read(self.lines, node, key) if node else None


Check = Callable[[Underlag, Limits], Iterator[Problem]]

_EMPTY: Mapping[str, float] = MappingProxyType({})  # a rule without thresholds


class Rule(NamedTuple):
    """A named rule: its check, its default thresholds, and whether its warnings block a
    final build (`bygg --slutlig`, `kontrollera`) or only advise (`granska`)."""

    name: str
    check: Check
    limits: Mapping[str, float] = _EMPTY
    blocks: bool = False


RULES: dict[str, Rule] = {}
"""The general rules, by name, in the order they run."""


def rule(registry: dict[str, Rule], name: str, *, blocks: bool = False,
         **limits: float) -> Callable[[Check], Check]:
    """Return a decorator that registers its check in `registry` as the rule `name`."""
    def register(check: Check) -> Check:
        registry[name] = Rule(name, check, limits, blocks)
        return check
    return register


def _rule(name: str, *, blocks: bool = False, **limits: float) -> Callable[[Check], Check]:
    return rule(RULES, name, blocks=blocks, **limits)


Example = Callable[[], "Mapping[str, object] | None"]
"""Returns the values of a tip's example from the user's own text, or None when there is
none: called only when the tip is read, never where warnings are only counted."""


def warn(where: Location, message_id: str, example: Example | None = None,
         **values: object) -> Problem:
    """Return the warning `message_id` of the catalogue at `where`. Its hint, computed when
    first read, is `MESSAGE_tips_eget` filled with `values` and what `example` returns, or
    `MESSAGE_tips` when there is no example."""
    def tip() -> str:
        own = example() if example is not None else None
        if own is not None:
            return text(f"{message_id}_tips_eget", **values, **own)
        return text(f"{message_id}_tips", **values)
    return Problem(where, text(message_id, **values), tip, "varning")



# ---------------------------------------------------------------- klarspråk

@_rule("långa-meningar", ord=30)
def long_sentences(u: Underlag, limits: Limits) -> Iterator[Problem]:
    """A sentence of more than `ord` words (Myndigheternas skrivregler 1.3; Isof, "Skriv
    meningar med flyt": one thought per sentence). Municipal guides call 20 words hard to
    read; 30 warns only on the clearly long."""
    for text_ in u.prose:
        for sentence in text_.sentences:
            count = sentence.counts()[0]
            if count > limits["ord"]:
                yield warn(text_.at(sentence.start), "granska_lång_mening",
                           partial(_split_at, text_.value, sentence),
                           antal=count, gräns=number(limits["ord"]))


_JOINS = frozenset({"men", "eftersom", "vilket", "medan"})  # a sentence can split before these
_AFTER_COMMA = frozenset({"och", "samt", "så", "då", "som"})  # and before these after a comma


def _split_point(value: str, words: tuple[Word, ...]) -> dict[str, str] | None:
    """Return the joining word (`ord`) and the words around it (`där`) where the sentence
    could be split: a "men", "eftersom" … or a ", och" nearest its middle, at least four
    words from either end."""
    middle = len(words) / 2
    best = None
    for i in range(4, len(words) - 4):
        word = words[i].text.casefold()
        comma = value[:words[i].start].rstrip().endswith(",")
        if (word in _JOINS or (comma and word in _AFTER_COMMA)) and not words[i].placeholder and (
                best is None or abs(i - middle) < abs(best - middle)):
            best = i
    if best is None:
        return None
    around = words[best - 3:best + 3]
    return {"ord": words[best].text,
            "där": " ".join(value[around[0].start:around[-1].end].split())}


def _split_at(value: str, sentence: t.Sentence) -> dict[str, str] | None:
    return _split_point(value, sentence.words)


def _quoted(value: str, sentence: t.Sentence) -> dict[str, object]:
    """Return the start of a sentence as a tip quotes it (`mening`)."""
    return {"mening": opening(value, sentence.words)}


def opening(value: str, words: tuple[Word, ...], count: int = 6) -> str:
    """Return the first `count` of `words` as `value` writes them, with " …" when more follow:
    a sentence quoted in a tip."""
    if not words:
        return ""
    shown = words[:count]
    quoted = " ".join(value[shown[0].start:shown[-1].end].split())
    return quoted + (" …" if len(words) > count else "")


def _longest(texts: list[Text]) -> dict[str, object] | None:
    """Return the longest sentence of some texts, quoted (`mening`), and its word count."""
    best: tuple[int, Text, tuple[Word, ...]] | None = None
    for text_ in texts:
        for sentence in text_.sentences:
            count = sentence.counts()[0]
            if best is None or count > best[0]:
                best = (count, text_, sentence.words)
    if best is None or not best[2]:
        return None
    return {"mening": opening(best[1].value, best[2], 8), "meningens_ord": best[0]}


@_rule("långa-stycken", meningar=8)
def long_paragraphs(u: Underlag, limits: Limits) -> Iterator[Problem]:
    """A paragraph of more than `meningar` sentences (Myndigheternas skrivregler 1.5 "Gör
    texten överskådlig" and 3.8 on paragraphs; Svenska kyrkan's klarspråk tips: "en poäng
    per stycke"). No guide found gives a number; 8 is the issue's, a paragraph past it
    rarely keeps to one point."""
    for text_ in u.prose:
        for paragraph in text_.paragraphs:
            if len(paragraph.sentences) > limits["meningar"]:
                middle = paragraph.sentences[len(paragraph.sentences) // 2]
                yield warn(text_.at(paragraph.start), "granska_långt_stycke",
                           partial(_quoted, text_.value, middle),
                           antal=len(paragraph.sentences), gräns=number(limits["meningar"]))


_ACRONYM = re.compile(r"[A-ZÅÄÖ]{2,6}")
_ROMAN = re.compile(r"[IVX]+")
# A word that may be one: (?<![^\W_])[A-ZÅÄÖ]{2,6}(?![^\W_]), written to start with a capital
# (the engine skips to one fast) and look behind it from there.
_ACRONYM_WORD = re.compile(r"[A-ZÅÄÖ](?<![^\W_].)[A-ZÅÄÖ]{1,5}(?![^\W_])")
# Short forms better known than their long forms (party letters after a name, EU, FN, AB).
ESTABLISHED_ACRONYMS = frozenset({"SD", "KD", "MP", "EU", "FN", "AB"})
# The established abbreviations of Myndigheternas skrivregler as the municipal guides list them.
ESTABLISHED_SHORT = ("bl.a.", "dvs.", "d.v.s.", "etc.", "fr.o.m.", "m.fl.", "m.m.", "osv.",
                     "o.s.v.", "s.k.", "t.ex.", "t.o.m.")
_DOTTED = re.compile(r"(?<![\w.])(?:[a-zåäö]{1,4}\.){2,}")
# Each dotted form's first full stop is followed by letters and a full stop, and stands at
# most four characters after the form's start: `text.near` tries the form only there.
_DOTTED_HINT = re.compile(r"\.(?=[a-zåäö]{1,4}\.)")


@_rule("förkortningar")
def abbreviations(u: Underlag, limits: Limits) -> Iterator[Problem]:
    """An abbreviation not written out at its first use (Myndigheternas skrivregler; the
    municipal guides: "Customer Relationship Management (CRM)"). An acronym counts as
    written out when words whose letters spell it stand just before it in parentheses
    (or one long Swedish word: "dataskyddsförordningen (GDPR)"), or in parentheses just
    after it (also after a compound: "MIA-projektet (mobilisering inför arbete …)").
    The letters of a diarienummer ("KS 2025/88") and the förvaltning's own
    `granskning.tillåtna_förkortningar` are not checked. Dotted short forms with two or
    more full stops must be established ones. The tip quotes the case's own written-out
    abbreviation as its example, where it has one."""
    allowed = ESTABLISHED_ACRONYMS | frozenset(u.case.granskning.tillåtna_förkortningar)
    seen: set[str] = set()
    unexplained: list[tuple[Text, Word]] = []
    example: str | None = None
    for text_ in u.prose:
        if _ACRONYM_WORD.search(text_.masked) is None:  # none in the text: none in a sentence
            continue
        for sentence in text_.sentences:
            if not sentence.has(_ACRONYM_WORD):
                continue
            for word, before in _acronyms(text_, sentence):
                if (word.text in allowed or _ROMAN.fullmatch(word.text)
                        or _DIARIENUMMER.match(text_.masked, word.end)):
                    continue
                shown = _explained(text_, word, before)
                if shown is not None and example is None:
                    example = shown
                if word.text in seen:
                    continue
                seen.add(word.text)
                if shown is None:
                    unexplained.append((text_, word))
    own = (lambda: {"exempel": example}) if example else None
    for text_, word in unexplained:
        yield warn(text_.at(word.start), "granska_förkortning", own, ord=word.text)
    seen_short: set[str] = set()
    for text_ in u.prose:
        hints = (m.start() for m in _DOTTED_HINT.finditer(text_.masked))
        for m in t.near(_DOTTED, text_.masked, hints, 4):
            short = m.group()
            if short.lower() not in ESTABLISHED_SHORT and short.lower() not in seen_short:
                seen_short.add(short.lower())
                yield warn(text_.at(m.start()), "granska_förkortning_punkt", ord=short,
                            godkända=", ".join(ESTABLISHED_SHORT[:3]))


_DIARIENUMMER = re.compile(r"[ \t]+\d{2,4}/\d+")
_LONG_WORD = 10  # one written-out word before "(GDPR)" has at least this many letters


Before = Callable[[], "tuple[Word, ...] | list[Word]"]
"""Returns the (at most eight) words before an acronym in its sentence, when asked."""


def _acronyms(text_: Text, sentence: t.Sentence) -> Iterator[tuple[Word, Before]]:
    """Yield each acronym word of a sentence (two to six capitals, not a placeholder) with
    the words before it.

    A sentence without placeholders whose ends touch no letter or digit has as words the
    runs of letters and digits that `_ACRONYM_WORD` bounds, so its acronyms are the
    pattern's matches, and the words before one are read only when a rule asks for them;
    any other sentence is read word by word."""
    masked, value, start, end = text_.masked, text_.value, sentence.start, sentence.end
    if (value.find("{{", start, end) >= 0 or (start > 0 and masked[start - 1].isalnum())
            or (end < len(masked) and masked[end].isalnum())):
        ws = sentence.words
        for i, word in enumerate(ws):
            if not word.placeholder and _ACRONYM.fullmatch(word.text):
                yield word, partial(_before, ws, i)
        return
    for m in _ACRONYM_WORD.finditer(masked, start, end):
        yield Word(m.start(), m.group()), partial(t.words, value, masked, start, m.start())


def _before(words: tuple[Word, ...], i: int) -> tuple[Word, ...]:
    return words[:i]


def _last_written(masked: str, end: int) -> int:
    """Return the offset of the last written character before `end`, or -1."""
    i = end - 1
    while i >= 0 and masked[i].isspace():
        i -= 1
    return i


_NEXT_WRITTEN = re.compile(r"\s*(\S)")


def _explained(text_: Text, word: Word, before: Before) -> str | None:
    """Return the written-out form of the acronym `word` ("… (ASF)"), as the text shows
    it, when it stands in parentheses next to it; else None. `before` gives the words
    before it in its sentence (the last eight are read).

    Only the characters next to the word are looked at (white space, a bracket, the
    brackets' inside), so that a text of many acronyms is read once, not once each."""
    acronym = word.text.lower()
    masked = text_.masked
    opening = _last_written(masked, word.start)
    following = _NEXT_WRITTEN.match(masked, word.end)
    if opening >= 0 and masked[opening] == "(" and following and following.group(1) == ")":
        close = following.start(1)  # the first ")" after the word: white space between
        window = list(before())[-8:]
        start = _spelling_start(acronym, [w.text for w in window])
        if start is not None:
            return text_.value[window[start].start:close + 1]
        last = window[-1] if window else None
        if last is not None and len(last.text) >= _LONG_WORD and not last.text.isupper():
            return text_.value[last.start:close + 1]
        return None
    chunk_end = word.end  # the end of a compound: "MIA-projektet (…)"
    while chunk_end < len(masked) and not masked[chunk_end].isspace():
        chunk_end += 1
    following = _NEXT_WRITTEN.match(masked, chunk_end)
    if following and following.group(1) == "(":
        paren = following.start(1)
        close = masked.find(")", paren + 1)  # the first ")" from the chunk's end: this one
        inside = masked[paren + 1:close if close >= 0 else len(masked)]
        if _spells(acronym, t._WORD.findall(inside)):
            return text_.value[word.start:close + 1]
    return None


def _spelling_start(acronym: str, candidates: list[str]) -> int | None:
    """Return the index of the last of `candidates` from which they spell the acronym
    (the shortest written-out form), or None."""
    for k in range(len(candidates) - 1, -1, -1):
        if candidates[k][:1].lower() == acronym[0] and _spells(acronym, candidates[k:]):
            return k
    return None


def _spells(acronym: str, candidates: list[str]) -> bool:
    """Return True if some run of `candidates` starts with the acronym's first letter and
    holds its other letters in order ("Lagen om offentlig upphandling" spells LOU)."""
    for k, first in enumerate(candidates):
        if first[:1].lower() != acronym[0]:
            continue
        letters = "".join(candidates[k:]).lower()[1:]
        it = iter(letters)
        if all(ch in it for ch in acronym[1:]):
            return True
    return False


@_rule("upprepad-inledning", meningar=2)
def repeated_starts(u: Underlag, limits: Limits) -> Iterator[Problem]:
    """`meningar` sentences in a row in one paragraph that start with the same word.
    The guidance asks for varied sentences that flow (Isof, Klarspråkshjälpen, "Skriv
    meningar med flyt"; Sveriges Kommunikatörer: "Variera meningslängden") but gives no
    number; 2 warns on the repetition itself, within a paragraph only."""
    need = int(limits["meningar"])
    for text_ in u.prose:
        for paragraph in text_.paragraphs:
            run, previous = 1, ""
            for sentence in paragraph.sentences:
                word = sentence.first_word
                first = word.casefold()
                run = run + 1 if first == previous else 1
                previous = first
                if run == need:
                    yield warn(text_.at(sentence.start), "granska_upprepad_inledning",
                               partial(_quoted, text_.value, sentence),
                               antal=need, ord=word)


@_rule("lång-sammanfattning", kvot=1.0)
def long_summary(u: Underlag, limits: Limits) -> Iterator[Problem]:
    """A Sammanfattning longer than `kvot` times the rest of the text. Språkrådet's
    klarspråk list ends "Sammanfatta det viktigaste"; the municipal guides for
    tjänsteutlåtanden want a summary that can be read alone: the proposal and its main
    reasons, shorter than what it summarises."""
    summary = u.text("sammanfattning")
    if summary is None:
        return
    rest = sum(x.word_count for key, _, texts in u.sections
               if key not in ("sammanfattning", "förslag_till_beslut") for x in texts)
    count = summary.word_count
    if count > limits["kvot"] * rest:
        yield warn(summary.start, "granska_lång_sammanfattning",
                   lambda: _longest([summary]), antal=count, resten=rest)


LIX_LEVELS = ((25, "lix_barnbok"), (30, "lix_mycket_lätt"), (40, "lix_lätt"),
              (50, "lix_medelsvår"), (60, "lix_svår"))


def lix_level(value: int) -> str:
    """Return the Swedish level of a LIX value (Björnsson): below 25 barnbok … 60 and up
    mycket svår; each level includes its lower bound."""
    return text(next((key for bound, key in LIX_LEVELS if value < bound), "lix_mycket_svår"))


@_rule("lix", gräns=55, minst_ord=80)
def readability(u: Underlag, limits: Limits) -> Iterator[Problem]:
    """A section whose LIX is above `gräns` (Björnsson 1968; 50–60 is "svår", the usual
    value of official texts, so 55 warns in the upper half), only for sections of at least
    `minst_ord` words: LIX swings widely on short texts."""
    for _, heading, texts in u.sections:
        counts = section_lix(texts)
        if counts.words >= limits["minst_ord"] and counts.rounded > limits["gräns"]:
            yield warn(texts[0].start, "granska_lix", partial(_longest, texts),
                       avsnitt=heading, lix=counts.rounded, nivå=lix_level(counts.rounded),
                       gräns=number(limits["gräns"]), ord=counts.words,
                       meningar=counts.sentences, långa=counts.long_words)


def section_lix(texts: list[Text]) -> t.Lix:
    """Return the LIX counts of a section made of one or more texts."""
    if len(texts) == 1:  # nearly every section: its text's own counts
        return texts[0].lix
    parts = [t.lix(x) for x in texts]
    return t.Lix(sum(p.words for p in parts), sum(p.sentences for p in parts),
                 sum(p.long_words for p in parts))


_CASE_FILTERS = ("capitalize", "title", "lower")


@_rule("ändrade-versaler", blocks=True)
def changed_capitals(u: Underlag, limits: Limits) -> Iterator[Problem]:
    """A text applies `capitalize`, `title` or `lower` to a value with capital letters after
    its first character ("Ekby kommun", "SÖD"): the filter changes what the value says.
    `stor_bokstav` raises the first letter and leaves the rest."""
    from .. import jinja

    if not any(u.may_hold(name) for name in _CASE_FILTERS):  # nearly every case: no walk
        return
    for node in u.scalars:
        if "|" not in node.value or not jinja.MARK.search(node.value):
            continue
        try:
            ast = jinja.parsed(node.value)
        except Exception:  # a syntax error is kontrollera's error, not this rule's
            continue
        for name, path in jinja.case_filters(ast, _CASE_FILTERS):
            value = _case_value(u.case, path)
            if isinstance(value, str) and any(c.isupper() for c in value[1:]):
                changed = (value.capitalize() if name == "capitalize" else
                           value.title() if name == "title" else value.lower())
                if changed != value:
                    yield warn(node.location, "granska_ändrade_versaler", filter=name,
                               namn=path, värde=value, blir=changed)


def _case_value(case: Case, path: str) -> object:
    """Return the case's value at a dotted path ('remiss.från'), or None."""
    value: object = case
    for part in path.split("."):
        value = getattr(value, part, None)
    return value


@_rule("ej-ifyllt", blocks=True)
def not_filled_in(u: Underlag, limits: Limits) -> Iterator[Problem]:
    """A value still holds a placeholder: FYLL I, the mark `importera` leaves where the
    document did not show a required field, or an example `ny` writes to be replaced
    ("Förnamn Efternamn", "Skriv här …"), or a date `ny` marks `# FYLL I` after it. The
    statement must not reach the nämnd with it."""
    from .. import doctype

    marks, dated = looked_for(u, doctype.get().placeholders)
    if not marks and not dated:  # no value holds a mark (nearly every build): nothing to walk
        return
    lines = u.source.text.split("\n") if dated else []
    for node in u.scalars:
        hit = False
        for mark in marks:
            found = node.value.find(mark)
            if found < 0:
                continue
            hit = True
            where = node.location
            if node.style is None and "\n" not in node.value[:found]:
                where = Location(where.path, where.line, where.column + found)
            elif node.style is not None:  # a quoted or block text: its own positions
                where = t.read(u.lines, node, ()).at(found)
            key = ("granska_ej_ifyllt" if mark == text("importera_fyll_i")
                   else "granska_platshållare")
            yield warn(where, key, partial(_field_of, u.source.root, node), fyll_i=mark)
        if not hit and dated and node.style is None and node.value and \
                "\n" not in node.value and _marked(lines, node):
            yield warn(node.location, "granska_ej_ifyllt_datum",
                       partial(_field_of, u.source.root, node),
                       fyll_i=text("importera_fyll_i"), värde=node.value)


def looked_for(u: Underlag, placeholders: tuple[str, ...]) -> tuple[list[str], bool]:
    """Return the placeholders some value holds, and whether a date may be marked `# FYLL I`
    (the file holds the mark): a mark no value holds is not looked for in each, and a mark
    the file text lacks (`Underlag.may_hold`) in none."""
    maybe = [mark for mark in placeholders if u.may_hold(mark)]
    values = "\n".join(node.value for node in u.scalars) if maybe else ""
    return ([mark for mark in maybe if mark in values],
            text("importera_fyll_i") in u.source.text)


def _marked(lines: list[str], node: Scalar) -> bool:
    """Return True when the plain one-line scalar `node` is followed by `# FYLL I`, the mark
    `ny` writes after its example dates."""
    line = node.location.line - 1
    if not 0 <= line < len(lines):
        return False
    after = lines[line][node.location.column - 1 + len(node.value):]
    return "#" in after and _fill_in_mark().match(after) is not None


@functools.cache
def _fill_in_mark() -> re.Pattern[str]:
    return re.compile(rf"\s+#\s*{re.escape(text('importera_fyll_i'))}\b")


def _field_of(root: Node | None, wanted: Scalar) -> dict[str, object] | None:
    """Return the dotted name of the field that holds `wanted` (`fält`: 'handläggare.namn',
    'underskrifter.2.namn', lists counted from 1), or None."""
    def walk(node: Node | None, path: tuple[str, ...]) -> tuple[str, ...] | None:
        if node is wanted:
            return path
        children: list[tuple[str, Node]] = []
        if isinstance(node, Sequence):
            children = [(str(i + 1), item) for i, item in enumerate(node.items)]
        elif isinstance(node, Map):
            children = [(key.value, value) for key, value in node.items]
        for name, child in children:
            found = walk(child, (*path, name))
            if found is not None:
                return found
        return None
    path = walk(root, ())
    return {"fält": ".".join(path)} if path else None


def _scalars(node: Node | None) -> Iterator[Scalar]:
    """Yield every value scalar below `node`, in file order (walked with a stack: a nested
    generator per level cost more than the rule's own work)."""
    stack: list[Node | None] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Scalar):
            yield current
        elif isinstance(current, Sequence):
            stack.extend(reversed(current.items))
        elif isinstance(current, Map):
            stack.extend(value for _key, value in reversed(current.items))


# ---------------------------------------------------------------- helpers

def number(value: float) -> str:
    """Return a threshold as the messages show it: 30, not 30.0."""
    return str(int(value)) if float(value).is_integer() else str(value)


