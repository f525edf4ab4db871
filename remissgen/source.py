"""Bytes → YAML nodes with line and column; every scalar stays text, duplicate keys refused."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import InvalidInput, Location, Problem
from .messages import text

try:  # libyaml's composer is several times faster; marks are the same
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class Scalar:
    """A scalar exactly as written; `style` is YAML's (None plain, '|', '>', '"', "'")."""

    value: str
    location: Location
    style: str | None = None

    @property
    def is_empty(self) -> bool:
        """Return True for a plain scalar with nothing written (`key:`)."""
        return self.style is None and self.value == ""


@dataclass(frozen=True)
class Sequence:
    """A YAML list."""

    items: tuple[Node, ...]
    location: Location


@dataclass(frozen=True)
class Mapping:
    """A YAML mapping, keys in file order, each key a Scalar with its own location."""

    items: tuple[tuple[Scalar, Node], ...]
    location: Location
    keys: dict[str, Scalar] = field(default_factory=dict, compare=False)

    def get(self, key: str) -> Node | None:
        """Return the value node for `key`, or None."""
        for k, v in self.items:
            if k.value == key:
                return v
        return None


Node = Scalar | Sequence | Mapping


@dataclass(frozen=True)
class Source:
    """A read file: its path as the user named it, its text and its root node."""

    path: str
    text: str
    root: Node


def read_text(path: Path, shown: str | None = None) -> str:
    """Return the UTF-8 text of `path` (a BOM accepted), or raise InvalidInput at PATH:1:1."""
    name = shown or str(path)
    where = Location(name)
    if path.is_dir():
        raise InvalidInput([Problem(where, text("fil_är_mapp", path=name),
                                    text("fil_är_mapp_tips", path=name))])
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput([Problem(where, text("fil_saknas", path=name),
                                    text("fil_saknas_tips"))]) from None
    except OSError as exc:
        raise InvalidInput([Problem(where, text("fil_oläslig", reason=exc.strerror))]) from None
    return decode(data, name)


def decode(data: bytes, name: str) -> str:
    """Return `data` decoded as UTF-8, a BOM stripped; name the likely encoding if it is not."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "UTF-16"
    elif any(0x80 <= b <= 0x9F for b in data):
        encoding = "Windows-1252"
    else:
        encoding = "ISO-8859-1 (Latin-1)"
    raise InvalidInput([Problem(Location(name), text("inte_utf8", encoding=encoding),
                                text("inte_utf8_tips"))])


def parse(source_text: str, name: str) -> Source:
    """Return the Source for YAML text, or raise InvalidInput with every problem found."""
    if not source_text.strip() or _only_comments(source_text):
        raise InvalidInput([Problem(Location(name), text("fil_tom"), text("fil_tom_tips"))])
    try:
        node = yaml.compose(source_text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise InvalidInput([_syntax_problem(exc, name)]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every composer error is marked
        raise InvalidInput([Problem(Location(name), text("yaml_syntax", what=str(exc)))]) from None
    if node is None:
        raise InvalidInput([Problem(Location(name), text("fil_tom"), text("fil_tom_tips"))])
    problems: list[Problem] = []
    root = _convert(node, name, problems)
    if problems:
        raise InvalidInput(problems)
    return Source(name, source_text, root)


def read(path: Path, shown: str | None = None) -> Source:
    """Return the Source of the YAML file at `path`, or raise InvalidInput."""
    name = shown or str(path)
    return parse(read_text(path, name), name)


def _only_comments(source_text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#")
               for line in source_text.splitlines())


def _location(mark: yaml.Mark | None, name: str) -> Location:
    if mark is None:
        return Location(name)
    return Location(name, mark.line + 1, mark.column + 1)


def _convert(node: yaml.Node, name: str, problems: list[Problem]) -> Node:
    where = _location(node.start_mark, name)
    if isinstance(node, yaml.ScalarNode):
        style = node.style if node.style else None
        return Scalar(str(node.value), where, style)
    if isinstance(node, yaml.SequenceNode):
        return Sequence(tuple(_convert(item, name, problems) for item in node.value), where)
    assert isinstance(node, yaml.MappingNode)
    items: list[tuple[Scalar, Node]] = []
    seen: dict[str, Scalar] = {}
    for key_node, value_node in node.value:
        key = _convert(key_node, name, problems)
        if not isinstance(key, Scalar):
            problems.append(Problem(key.location, text("yaml_nyckel_inte_text")))
            continue
        if key.value in seen:
            first = seen[key.value].location.line
            problems.append(Problem(key.location,
                                    text("yaml_dubblett", key=key.value, first_line=first),
                                    text("yaml_dubblett_tips")))
            continue
        seen[key.value] = key
        items.append((key, _convert(value_node, name, problems)))
    return Mapping(tuple(items), where, seen)


_YAML_PROBLEMS = {
    "mapping values are not allowed":
        "ett kolon ':' står där det inte får stå (sätt texten inom citattecken, eller rätta indraget)",
    "could not find expected ':'": "ett kolon ':' saknas efter nyckeln",
    "found character '\\t' that cannot start any token":
        "ett tabbtecken används som indrag; använd mellanslag",
    "found a tab character that violates indentation":
        "ett tabbtecken används som indrag; använd mellanslag",
    "found unexpected end of stream": "filen tar slut mitt i ett citat eller en grupp",
    "found unexpected ':'": "ett kolon ':' står där det inte får stå",
    "did not find expected key": "indraget stämmer inte; raden hör inte till gruppen ovanför",
    "did not find expected '-' indicator": "indraget stämmer inte med listan ovanför",
    "expected <block end>, but found '-'":
        "ett listelement ('- ') står på fel indrag eller efter en text",
    "expected <block end>, but found '<block sequence start>'":
        "ett listelement ('- ') står på fel indrag",
    "expected <block end>, but found '<block mapping start>'":
        "indraget stämmer inte; raden är mer indragen än raden ovanför",
    "expected <block end>, but found '<scalar>'": "indraget stämmer inte med raderna ovanför",
    "expected a single document in the stream": "",
    "found undefined alias": "ett alias (*namn) pekar på ett ankare som inte finns",
    "found unknown escape character": "en okänd escape-sekvens med '\\' inom dubbla citattecken",
    "found character that cannot start any token":
        "ett tecken som inte får inleda ett värde här (som @ eller `); sätt värdet inom citattecken",
    "did not find expected node content": "ett värde saknas eller börjar med ett otillåtet tecken",
    "did not find expected ',' or ']'": "en lista inom [ ] är inte avslutad med ]",
    "did not find expected ',' or '}'": "en grupp inom { } är inte avslutad med }",
    "found unexpected document end": "",
}


def _syntax_problem(exc: yaml.MarkedYAMLError, name: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or ""
    if (exc.context or "").startswith("while scanning a quoted scalar"):
        mark = exc.context_mark or mark
        what = "ett citattecken som börjar här avslutas aldrig"
    elif problem.startswith("found duplicate anchor"):
        what = "ett ankare (&namn) används två gånger"
    elif "expected a single document" in (exc.context or "") + problem:
        return Problem(_location(mark, name), text("yaml_flera_dokument"))
    else:
        what = next((sv for en, sv in _YAML_PROBLEMS.items() if problem.startswith(en) and sv),
                    "texten kan inte läsas som YAML här")
    return Problem(_location(mark, name), text("yaml_syntax", what=what), text("yaml_syntax_tips"))
