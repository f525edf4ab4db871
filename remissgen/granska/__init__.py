"""Review a case before the nämnd: klarspråk and consistency warnings, and LIX per section.

`review(source, case, settings)` reads the text fields as written (before Jinja) and the
complete Case, runs every rule of `rules()` that `settings` leaves on (the general rules of
`regler.RULES` and the document type's own, `doctype.DocumentType.review_rules`), and
returns the warnings (each a Problem whose code is its rule's name), located where each
problem starts, with the readability of each section. It prints nothing. `blocking()` names
the rules whose warnings stop `bygg --slutlig`.

Settings are the one place a förvaltning tunes the review: `off` names rules to skip and
`limits` overrides thresholds by rule and name, e.g. {"lix": {"gräns": 60}}. The command
line fills them from `--utan` and `--lix-gräns`; the case's or profile's `granskning:` key
maps onto the same two fields: `utan: [regel, …]` and `gränser: {regel: tal}`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from .. import doctype
from ..errors import InvalidInput, Location, Problem
from ..source import Mapping as Map
from ..source import Scalar, Sequence, Source
from . import text as t
from .regler import RULES as GENERAL
from .regler import Rule, Underlag, lix_level, section_lix

if TYPE_CHECKING:
    from ..doctype import Case

__all__ = ["Readability", "Review", "Rule", "Settings", "blocking", "review", "rules",
           "unfilled"]

_EMPTY: Mapping[str, Mapping[str, float]] = MappingProxyType({})  # no limits of one's own


class Settings(NamedTuple):
    """Which rules run and with which thresholds."""

    off: frozenset[str] = frozenset()
    limits: Mapping[str, Mapping[str, float]] = _EMPTY

    def limits_for(self, rule: Rule) -> dict[str, float]:
        """Return a rule's thresholds: its defaults, overridden by these settings."""
        return {**rule.limits, **self.limits.get(rule.name, {})}


class Readability(NamedTuple):
    """One section's LIX: its heading, where it starts, and the counts."""

    heading: str
    location: Location
    lix: t.Lix
    short: bool = False  # fewer words than the lix rule's minst_ord: too short for LIX

    @property
    def level(self) -> str:
        """Return the Swedish level of the section's LIX."""
        return lix_level(self.lix.rounded)


class Review:
    """The warnings of one case, sorted by location, and the readability of its sections.

    The warnings are located and sorted when first read (`warnings`); `count` and `of`
    leave the others unlocated, as `bygg` counts them and shows them only with `--granska`.
    """

    __slots__ = ("_found", "_sorted", "ran", "readability")

    def __init__(self, found: list[Problem], readability: list[Readability],
                 ran: frozenset[str] = frozenset()) -> None:
        self._found = found  # in the order the rules found them
        self._sorted: list[Problem] | None = None
        self.readability = readability
        self.ran = ran  # the rules that ran: applied, not left out, asked for

    @property
    def warnings(self) -> list[Problem]:
        """Return the warnings sorted by location (then message), each located now."""
        if self._sorted is None:
            self._sorted = sorted(self._found, key=_place)
        return self._sorted

    @property
    def count(self) -> int:
        """Return the number of warnings, none of them located."""
        return len(self._found)

    def of(self, rule: str) -> list[Problem]:
        """Return the warnings of one rule, as `warnings` orders them; only they are located."""
        return sorted((p for p in self._found if p.code == rule), key=_place)


def _place(found: Problem) -> tuple[Location, str]:
    return found.location, found.message


_rules: list[tuple[doctype.DocumentType, dict[str, Rule]]] = []  # the type asked last


def rules() -> dict[str, Rule]:
    """Return every rule the document type applies, by name, in the order it lists them
    (`doctype.DocumentType.rule_names`): general ones and the type's own."""
    kind = doctype.get()
    if not _rules or _rules[0][0] is not kind:
        pool = {**GENERAL, **kind.review_rules}
        _rules[:] = [(kind, {name: pool[name] for name in kind.rule_names if name in pool})]
    return _rules[0][1]


def blocking() -> tuple[str, ...]:
    """Return the names of the rules whose warnings stop `bygg --slutlig` and that
    `kontrollera` shows: what is not filled in, and the consistency rules. The style rules
    (LIX, long sentences …) only advise, in `granska`."""
    return tuple(name for name, rule in rules().items() if rule.blocks)


def _with_case(settings: Settings, case: Case) -> Settings:
    """Return `settings` over the case's (or its profile's) `granskning`: its rules are left
    out too, and its thresholds apply unless the command line gives its own."""
    limits: dict[str, dict[str, float]] = {}
    for name, value in case.granskning.gränser:
        rule = rules().get(name)
        if rule is not None and rule.limits:
            limits[name] = {next(iter(rule.limits)): value}  # the rule's main threshold
    for name, own in settings.limits.items():
        limits[name] = {**limits.get(name, {}), **own}
    return Settings(settings.off | frozenset(case.granskning.utan), limits)


def review(source: Source, case: Case, settings: Settings | None = None,
           only: tuple[str, ...] | None = None) -> Review:
    """Return the review of a case: its source as written and its complete Case.

    `only` names the rules to run (for `kontrollera` and `bygg --slutlig`, `blocking()`);
    rules the settings or the case's `granskning.utan` leave out never run."""
    settings = _with_case(settings or Settings(), case)
    underlag = _underlag(source, case)
    warnings: list[Problem] = []
    ran = frozenset(name for name in rules() if name not in settings.off
                    and (only is None or name in only))
    for rule in rules().values():
        if rule.name in ran:
            warnings += [p.again(code=rule.name)  # the tip stays uncomputed until read
                         for p in rule.check(underlag, settings.limits_for(rule))]
    fewest = settings.limits_for(GENERAL["lix"])["minst_ord"]
    readability = []
    for _, heading, texts in underlag.sections:
        counts = section_lix(texts)
        readability.append(Readability(heading, texts[0].start, counts, counts.words < fewest))
    return Review(warnings, readability, ran)


def require_final(source: Source, case: Case) -> None:
    """Raise InvalidInput, each finding a located error, while a placeholder or a warning of
    the consistency rules (`blocking()`) remains; rules granskning.utan leaves out do not
    count."""
    found = review(source, case, only=blocking()).warnings
    if found:
        raise InvalidInput([p.again("fel")
                            for p in found])


def unfilled(source: Source, case: Case, done: Review | None = None) -> list[Problem]:
    """Return a warning per placeholder left in the case (rule ej-ifyllt), whatever the
    settings say: a document that holds one is a draft. The rule reads the values as
    written, not the prose's sentences, so no text is parsed for it: every build asks.

    `done` is a review of the same case already made (as `bygg` makes one for its count):
    when the rule ran in it, its warnings are the answer and the rule is not run again."""
    if done is not None and "ej-ifyllt" in done.ran:
        return done.of("ej-ifyllt")
    values_only = Underlag(source, case, t.Lines(source.path, source.text), [], [])
    return list(GENERAL["ej-ifyllt"].check(values_only, {}))


_last: list[tuple[Source, Case, Underlag]] = []  # the case read last, by identity


def _underlag(source: Source, case: Case) -> Underlag:
    """Return what the rules read of a case; `bygg --kommentarer` reviews the same case for
    its comments and then for its count, and the texts are read once."""
    if _last and _last[0][0] is source and _last[0][1] is case:
        return _last[0][2]
    underlag = _read(source, case)
    _last[:] = [(source, case, underlag)]
    return underlag


def _read(source: Source, case: Case) -> Underlag:
    """Return what the rules read of a case: its prose where the document type says it
    stands (`doctype.DocumentType.prose`), by section."""
    lines = t.Lines(source.path, source.text)
    root = source.root
    kind = doctype.get()
    headings = kind.section_headings()
    where = {key: (shape, section) for key, shape, section in kind.prose}
    prose: list[t.Text] = []
    sections: list[tuple[str, str, list[t.Text]]] = []
    items = root.items if isinstance(root, Map) else ()
    for key_node, node in items:
        key = key_node.value
        if key not in where:
            continue
        shape, own_section = where[key]
        texts: list[tuple[str, list[t.Text]]] = []  # heading, texts
        if shape == "group":
            part = node.get("text") if isinstance(node, Map) else None
            texts.append((headings.get(key, ""), _texts(lines, part, (key, "text"))))
        elif shape == "sections":
            for i, section in enumerate(node.items if isinstance(node, Sequence) else ()):
                heading = section.get("rubrik") if isinstance(section, Map) else None
                part = section.get("text") if isinstance(section, Map) else None
                texts.append((heading.value if isinstance(heading, Scalar) else "",
                              _texts(lines, part, (key, i, "text"))))
        else:
            texts.append((headings.get(key, ""), _texts(lines, node, (key,))))
        for title, found in texts:
            prose += found
            if found and own_section:
                sections.append((key, title, found))
    return Underlag(source, case, lines, prose, sections)


def _texts(lines: t.Lines, node: object, key: tuple[str | int, ...]) -> list[t.Text]:
    """Return the Texts of a text field: one for a text, one per item for a list of texts."""
    if isinstance(node, Scalar):
        return [t.read(lines, node, key)] if node.value.strip() else []
    if isinstance(node, Sequence):
        return [t.read(lines, item, (*key, i)) for i, item in enumerate(node.items)
                if isinstance(item, Scalar) and item.value.strip()]
    return []
