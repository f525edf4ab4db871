"""Jinja in a text field → problems found by reading it, before anything is rendered.

The validator calls this for every text field that may hold Jinja, so that syntax errors,
misspelt names and filters and reaches for Python internals are reported together with every
other problem of the file, at the field's place. Nothing here renders: rendering happens later,
in phrases' sandbox, which stays the wall that refuses what reading cannot see.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import jinja2
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .errors import Location, Problem
from .messages import close_matches, shown, text
from .spec import FILTERS, Field

MARK = re.compile(r"\{[{%#]")
"""What makes a text a Jinja template: `{{`, `{%` or `{#`."""

_FETCHING = {nodes.Include: "include", nodes.Extends: "extends", nodes.Import: "import",
             nodes.FromImport: "from"}


@cache
def _reader() -> ImmutableSandboxedEnvironment:
    """Return a twin of phrases' sandbox, used only to parse (its filters never run)."""
    env = ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False)
    for name in FILTERS:
        env.filters[name] = str
    return env


@lru_cache(maxsize=512)
def parsed(value: str) -> nodes.Template:
    """Return the parsed template of a text (raises TemplateSyntaxError); each distinct text is
    parsed once per process, and phrases compiles the same tree for rendering."""
    return _reader().parse(value)


def check(value: str, field: str, where: Location, root: Field) -> list[Problem]:
    """Return the problems of the Jinja in `value` (field `field`, at `where`); names per `root`."""
    if not MARK.search(value) or (value, root.key) in _CLEAN:
        return []
    env = _reader()
    try:
        ast = parsed(value)
    except jinja2.TemplateSyntaxError as exc:
        return [syntax_problem(exc, field, where)]
    problems = _fetching(ast, field, where) + _unsafe(ast, value, field, where)
    unknown = _unknown_filters(ast, env, field, where)
    found = [*problems, *unknown,
             *_unknown_names(ast, _undeclared(ast) - set(env.globals), root, field, where)]
    if not found and len(_CLEAN) < 512:
        _CLEAN.add((value, root.key))  # a rebuild (watch mode) checks a text once
    return found


_CLEAN: set[tuple[str, str]] = set()


# Names Jinja itself provides inside loops, macros and call blocks; never case fields.
_BUILT_IN_NAMES = frozenset({"loop", "self", "super", "caller", "varargs", "kwargs"})


def _undeclared(ast: nodes.Template) -> set[str]:
    """Return the names a template reads without setting them itself.

    A walk over the tree's names: jinja2.meta.find_undeclared_variables generates the whole
    template's code to learn the same, which took half of the check's time.
    """
    names = list(ast.find_all(nodes.Name))
    stored = {n.name for n in names if n.ctx != "load"}
    return {n.name for n in names if n.ctx == "load"} - stored - _BUILT_IN_NAMES


def syntax_problem(exc: jinja2.TemplateSyntaxError, field: str, where: Location) -> Problem:
    """Return the Swedish problem for a Jinja syntax error in `field`, at the field's place."""
    return Problem(where, text("jinja_syntax", key=field, what=syntax_what(exc)),
                   text("jinja_syntax_tips"), code="jinja-syntax")


def syntax_what(exc: jinja2.TemplateSyntaxError) -> str:
    """Return in Swedish what is wrong in a Jinja syntax error (Jinja's own text is English)."""
    message = exc.message or ""
    if "unexpected end of template" in message:
        return text("jinja_slut")
    if "unexpected '}'" in message or "expected token" in message or "unexpected char" in message:
        return text("jinja_klamrar")
    if "Encountered unknown tag" in message:
        found = re.search(r"unknown tag '([^']+)'", message)
        return text("jinja_okänt_block", tag=found.group(1) if found else "?")
    return text("jinja_ogiltig", line=exc.lineno)


def _fetching(ast: nodes.Template, field: str, where: Location) -> list[Problem]:
    return [Problem(where, text("jinja_hämtar", key=field, tag=_FETCHING[type(node)]),
                    code="jinja-hämtar")
            for node in ast.find_all(tuple(_FETCHING))]


def _unsafe(ast: nodes.Template, value: str, field: str, where: Location) -> list[Problem]:
    """Return one refusal naming every attribute or item reached whose name starts with '_'."""
    names = {name for node in ast.find_all((nodes.Getattr, nodes.Getitem))
             if (name := _attribute(node)) is not None and name.startswith("_")}
    if not names:
        return []
    ordered = sorted(names, key=lambda n: (value.find(n), n))
    return [Problem(where, text("jinja_osäker", key=field, what=shown(", ".join(ordered))),
                    code="jinja-osäker")]


def _unknown_filters(ast: nodes.Template, env: jinja2.Environment, field: str,
                     where: Location) -> list[Problem]:
    problems = []
    for node in ast.find_all(nodes.Filter):
        if node.name not in env.filters:
            close = close_matches(node.name, [*FILTERS, *env.filters], n=1)
            message = (text("jinja_okänt_filter_menade", name=node.name, key=field,
                            suggestion=close[0]) if close
                       else text("jinja_okänt_filter", name=node.name, key=field))
            problems.append(Problem(where, message, text("jinja_okänt_filter_tips"),
                                    code="jinja-filter"))
    for test in ast.find_all(nodes.Test):
        if test.name not in env.tests:
            problems.append(Problem(where, text("jinja_okänt_test", name=test.name, key=field),
                                    code="jinja-test"))
    return problems


def _unknown_names(ast: nodes.Template, undeclared: set[str], root: Field, field: str,
                   where: Location) -> list[Problem]:
    """Return a problem for every name and `a.b` path that the case file cannot have."""
    problems = []
    reported: set[str] = set()
    for name in sorted(undeclared, key=lambda n: (_position(ast, n), n)):
        if root.child(name) is None:
            reported.add(name)
            problems.append(_undefined(name, [c.key for c in root.children], field, where))
    for node in ast.find_all((nodes.Getattr, nodes.Getitem)):
        path = _path(node)
        if path is None or path[0] not in undeclared or path[0] in reported:
            continue
        spec = root
        for depth, part in enumerate(path):
            child = spec.child(part)
            if child is None:
                dotted = ".".join(path[:depth + 1])
                if spec.kind == "mapping" and not hasattr(dict, part) and dotted not in reported:
                    reported.add(dotted)
                    problems.append(_undefined(dotted, [c.key for c in spec.children], field,
                                               where, prefix=".".join(path[:depth])))
                break
            spec = child
    return problems


def _undefined(name: str, allowed: list[str], field: str, where: Location,
               prefix: str = "") -> Problem:
    last = name.rsplit(".", 1)[-1]
    close = close_matches(last, allowed, n=1, cutoff=0.6)
    if close:
        suggestion = f"{prefix}.{close[0]}" if prefix else close[0]
        return Problem(where, text("jinja_odefinierad_menade", name=shown(name), key=field,
                                   suggestion=suggestion), code="jinja-namn")
    return Problem(where, text("jinja_odefinierad", name=shown(name), key=field),
                   text("jinja_odefinierad_tips"), code="jinja-namn")


def _attribute(node: nodes.Node) -> str | None:
    """Return the name an attribute or constant-item access reaches, or None."""
    if isinstance(node, nodes.Getattr):
        return str(node.attr)
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        value = node.arg.value
        return value if isinstance(value, str) else None
    return None


def _path(node: nodes.Node) -> tuple[str, ...] | None:
    """Return ('remiss', 'ärende') for `remiss.ärende` or `remiss['ärende']`, else None."""
    parts: list[str] = []
    while isinstance(node, (nodes.Getattr, nodes.Getitem)):
        name = _attribute(node)
        if name is None:
            return None
        parts.append(name)
        node = node.node
    if not isinstance(node, nodes.Name):
        return None
    return (str(node.name), *reversed(parts))


def _position(ast: nodes.Template, name: str) -> int:
    """Return the line where `name` is first used, for reporting names in reading order."""
    return min((node.lineno for node in ast.find_all(nodes.Name) if node.name == name),
               default=0)
