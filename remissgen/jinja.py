"""The one home of Jinja: its environments, the names a text uses, and its errors in Swedish.

- Environments: `environment()` is the one factory of the sandbox (StrictUndefined, no
  autoescape, the contract's filters of `filters()`); `text_sandbox()` renders text fields,
  `word_sandbox()` a Word template's placeholders; `phrase_environment(folder)` compiles the
  trusted phrase templates (fraser.j2). New filters and sandbox limits go here.
- Reading: `parsed(text)` is a text's tree; `names(tree)` the names it reads from outside and
  `references(tree)` the name paths (`remiss.ärende`); `check(...)` the problems of the Jinja
  in a text field found by reading it, before anything is rendered, so that they come with
  every other problem of the file. Nothing there renders: the sandbox stays the wall that
  refuses what reading cannot see.
- Errors: `syntax_what` and `runtime_what` say in Swedish what Jinja says in English;
  `syntax_problem` and `render_problem` give the located Problem.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .errors import Location, Problem
from .messages import menade, shown, suggest, text
from .remissvar.spec import Field

MARK = re.compile(r"\{[{%#]")
"""What makes a text a Jinja template: `{{`, `{%` or `{#`."""

FILTERS = ("långt_datum", "lista")
"""The contract's own Jinja filters, beside Jinja's built-in ones (made by `filters()`)."""

_FETCHING = {nodes.Include: "include", nodes.Extends: "extends", nodes.Import: "import",
             nodes.FromImport: "from"}


# --- environments ---------------------------------------------------------------------------


def filters() -> dict[str, Callable[..., str]]:
    """Return the contract's Jinja filters, långt_datum and lista, for text fields and for
    Word templates (where dates are YYYY-MM-DD text, which långt_datum also takes)."""
    from .remissvar.phrases import phrases

    p = phrases()

    def långt_datum(value: dt.date | str) -> str:
        return p.långt_datum(dt.date.fromisoformat(value) if isinstance(value, str) else value)

    return {"långt_datum": långt_datum, "lista": lambda items: p.lista(list(items))}


def environment(*, finalize: Callable[[object], object] | None = None,
                parse_only: bool = False) -> ImmutableSandboxedEnvironment:
    """Return a new sandbox as the contract wants it: StrictUndefined, no autoescape and the
    contract's filters (stand-ins that never run when `parse_only`, so that reading a text
    does not compile the phrase templates)."""
    env = ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False,
                                        finalize=finalize)
    env.filters.update({name: str for name in FILTERS} if parse_only else filters())
    return env


@cache
def text_sandbox() -> ImmutableSandboxedEnvironment:
    """Return the process-wide sandbox that renders Jinja in text fields."""
    return environment()


@cache
def word_sandbox() -> ImmutableSandboxedEnvironment:
    """Return the process-wide sandbox of Word placeholders: a missing value prints nothing."""
    return environment(finalize=lambda v: "" if v is None else v)


@cache
def _reader() -> ImmutableSandboxedEnvironment:
    """Return the twin of the sandboxes used only to parse (its filters never run)."""
    return environment(parse_only=True)


def phrase_environment(folder: Path) -> jinja2.Environment:
    """Return the environment of the trusted phrase templates in `folder` (not sandboxed:
    they are remissgen's own), with Jinja's per-user cache of compiled templates.

    Compiling fraser.j2 costs tens of milliseconds in every new process; the cache (keyed by
    the template's checksum, in a private temporary folder) brings that to about one.
    """
    try:
        cache_: jinja2.BytecodeCache | None = jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        cache_ = None
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)),
                              undefined=jinja2.StrictUndefined, autoescape=False,
                              bytecode_cache=cache_)


@lru_cache(maxsize=512)
def compiled(value: str) -> jinja2.Template:
    """Return a text field's template compiled in the text sandbox; a rebuild (watch mode, a
    batch with texts from one profile) compiles each distinct text once per process."""
    env = text_sandbox()
    return env.template_class.from_code(env, env.compile(parsed(value)),
                                        env.make_globals(None), None)


# --- reading --------------------------------------------------------------------------------


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
             *_unknown_names(ast, names(ast), root, field, where)]
    if not found and len(_CLEAN) < 512:
        _CLEAN.add((value, root.key))  # a rebuild (watch mode) checks a text once
    return found


_CLEAN: set[tuple[str, str]] = set()


# Names Jinja itself provides inside loops, macros and call blocks; never case fields.
_BUILT_IN_NAMES = frozenset({"loop", "self", "super", "caller", "varargs", "kwargs"})


def names(ast: nodes.Template) -> set[str]:
    """Return the names a template reads without setting them itself (the one walker).

    A walk over the tree's names: jinja2.meta.find_undeclared_variables generates the whole
    template's code to learn the same, which took half of the check's time.
    """
    names = list(ast.find_all(nodes.Name))
    stored = {n.name for n in names if n.ctx != "load"}
    return ({n.name for n in names if n.ctx == "load"} - stored - _BUILT_IN_NAMES
            - set(_reader().globals))


# --- errors in Swedish -----------------------------------------------------------------------


def syntax_problem(exc: jinja2.TemplateSyntaxError, field: str, where: Location) -> Problem:
    """Return the Swedish problem for a Jinja syntax error in `field`, at the field's place."""
    return Problem(where, text("jinja_syntax", key=field, what=syntax_what(exc)),
                   text("jinja_syntax_tips"), code="jinja-syntax")


_SYNTAX: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"block that needs to be closed is '(\w+)'"), "jinja_block_öppet"),
    (re.compile(r"unexpected end of template", re.I), "jinja_slut"),
    (re.compile(r"No filter named '([^']+)'"), "jinja_inget_filter"),
    (re.compile(r"No test named '([^']+)'"), "jinja_inget_test"),
    (re.compile(r"Encountered unknown tag '([^']+)'"), "jinja_okänt_block"),
    (re.compile(r"unexpected '\}'|unexpected char|expected token 'end of print statement'"),
     "jinja_klamrar"),
    (re.compile(r"expected token '([^']+)'"), "jinja_token_saknas"),
    (re.compile(r"unexpected '([^']+)'"), "jinja_tecken"),
)


def syntax_what(exc: jinja2.TemplateSyntaxError, *, paragraph: bool = False) -> str:
    """Return in Swedish what is wrong in a Jinja syntax error (Jinja's own text is English);
    `paragraph` for a Word placeholder, where a block must end in its own paragraph."""
    message = exc.message or str(exc)
    for pattern, key in _SYNTAX:
        found = pattern.search(message)
        if found:
            name = found.group(1) if found.groups() else ""
            where = text("jinja_i_samma_stycke") if paragraph else ""
            return text(key, name=name, where=where)
    return text("jinja_tagg_oläslig") if paragraph else text("jinja_ogiltig", line=exc.lineno)


_UNDEFINED = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'|no item named "
                        r"'([^']+)'|has no element '?([^']+?)'?$")


def render_problem(exc: Exception, field: str, where: Location, root: Field) -> Problem:
    """Return the Swedish problem for any failure of rendering `field` (at `where`): a name
    the case lacks (a field of `root` left out, or none at all), a reach for Python's
    internals the sandbox refused, a syntax error, or a value that cannot be used so."""
    if isinstance(exc, SecurityError):
        found = re.search(r"'(_[^']*)'", str(exc))
        return Problem(where, text("jinja_osäker", key=field,
                                   what=found.group(1) if found else "__"),
                       code="jinja-osäker")
    if isinstance(exc, jinja2.UndefinedError):
        found_name = _UNDEFINED.search(str(exc))
        name = next((g for g in found_name.groups() if g), "?") if found_name else "?"
        if any(f.key == name for _, f in root.walk()):  # a field of the case, left out
            return Problem(where, text("jinja_ej_ifyllt", name=name, key=field),
                           text("jinja_ej_ifyllt_tips", name=name), code="jinja-ej-ifyllt")
        return Problem(where, text("jinja_odefinierad", name=shown(name), key=field),
                       text("jinja_odefinierad_tips"), code="jinja-namn")
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return syntax_problem(exc, field, where)
    return Problem(where, text("jinja_fel", key=field, what=runtime_what(exc)), code="jinja-fel")


def runtime_what(exc: Exception) -> str:
    """Return in Swedish why rendering failed (never Python's English message)."""
    if isinstance(exc, ZeroDivisionError):
        return text("jinja_division")
    if isinstance(exc, (OverflowError, MemoryError)):
        return text("jinja_för_stor")
    if isinstance(exc, TypeError):
        return text("jinja_typ")
    return text("jinja_värde")


# --- what reading finds -----------------------------------------------------------------------


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
            message = menade("jinja_okänt_filter", suggest(node.name, FILTERS, env.filters),
                             name=node.name, key=field)
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
    close = suggest(last, allowed)
    if close:
        suggestion = f"{prefix}.{close}" if prefix else close
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


def chain(node: nodes.Node) -> tuple[str | int, ...] | None:
    """Return ('remiss', 'ärende') for `remiss.ärende` or `remiss['ärende']`, ('a', 0) for
    `a[0]`: the name path a node reads, or None when a part is not a constant."""
    if isinstance(node, nodes.Name):
        return (str(node.name),)
    if isinstance(node, nodes.Getattr):
        inner = chain(node.node)
        return None if inner is None else (*inner, str(node.attr))
    if (isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const)
            and isinstance(node.arg.value, str | int) and not isinstance(node.arg.value, bool)):
        inner = chain(node.node)
        return None if inner is None else (*inner, node.arg.value)
    return None


def _path(node: nodes.Node) -> tuple[str, ...] | None:
    """Return the chain of `node` when every part is a name (`remiss.ärende`), else None."""
    found = chain(node)
    if found is None or len(found) < 2 or not all(isinstance(p, str) for p in found):
        return None
    return tuple(str(p) for p in found)


def references(ast: nodes.Template) -> list[tuple[str | int, ...]]:
    """Return each name path the template reads from outside (`remiss.ärende`), longest first."""
    external = names(ast)
    chains = []
    for node in ast.find_all((nodes.Name, nodes.Getattr, nodes.Getitem)):
        found = chain(node)
        if found and found[0] in external:
            chains.append(found)
    return sorted(chains, key=len, reverse=True)


def _position(ast: nodes.Template, name: str) -> int:
    """Return the line where `name` is first used, for reporting names in reading order."""
    return min((node.lineno for node in ast.find_all(nodes.Name) if node.name == name),
               default=0)
