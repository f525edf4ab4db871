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
  `syntax_problem` and `render_problem` give the located Problem of a text field,
  `word_problem` that of a Word template's placeholder. A value that would print as a dict's
  or a list's repr is refused in both sandboxes (ProgramData), never written.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import marshal
import pickle
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, BinaryIO, NoReturn

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import limits
from .errors import Location, Problem
from .fields import Field
from .messages import menade, shown, suggest, text

MARK = re.compile(r"\{[{%#]")
"""What makes a text a Jinja template: `{{`, `{%` or `{#`."""

FILTERS = ("långt_datum", "lista", "stor_bokstav")
"""The contract's own Jinja filters, beside Jinja's built-in ones (made by `filters()`)."""

_FETCHING = {nodes.Include: "include", nodes.Extends: "extends", nodes.Import: "import",
             nodes.FromImport: "from"}


# --- environments ---------------------------------------------------------------------------


class ProgramData(Exception):
    """A value that would print as program data (a group of fields or a list), not text."""

    def __init__(self, name: str, kind: str, field: str) -> None:
        super().__init__(name)
        self.name = name  # the value's path in the case ('remiss.motionärer'), or '?'
        self.kind = kind  # 'lista', 'grupper' or 'grupp'
        self.field = field  # a field of its groups, for the tip ('namn')


_PLAIN = frozenset({str, int, float, bool, dt.date, type(None)})
"""Value classes that never print as program data."""


def _data_kind(value: object) -> tuple[str, str] | None:
    """Return (kind, a field name) when `value` would print as program data, else None."""
    if value.__class__ in _PLAIN:  # what a text prints nearly always (Mapping is an ABC:
        return None               # its isinstance test is slow for every other value)
    if isinstance(value, Mapping):
        return "grupp", str(next(iter(value), "namn"))
    if isinstance(value, (list, tuple)):
        group = next((v for v in value if isinstance(v, Mapping)), None)
        return ("grupper", str(next(iter(group), "namn"))) if group is not None else (
            "lista", "")
    return None


def _where_in(values: object, target: object, prefix: str = "", depth: int = 0) -> str | None:
    """Return where in the case `target` itself stands ('remiss.motionärer',
    'underskrifter[0]'), or None."""
    if isinstance(values, Mapping):
        items = [(f"{prefix}.{key}" if prefix else str(key), v) for key, v in values.items()]
    elif isinstance(values, (list, tuple)):
        items = [(f"{prefix}[{i}]", v) for i, v in enumerate(values)]
    else:
        return None
    for name, value in items:
        if value is target:
            return name
    if depth < 3:
        for name, value in items:
            found = _where_in(value, target, name, depth + 1)
            if found:
                return found
    return None


def _refuse(context: jinja2.runtime.Context, value: object) -> NoReturn:
    kind, field = _data_kind(value) or ("lista", "")
    raise ProgramData(_where_in(context.get_all(), value) or "?", kind, field)


def _refused_data(context: jinja2.runtime.Context, value: object) -> None:
    """Refuse `value` when it would print as program data (its repr), else return."""
    if _data_kind(value) is not None:
        _refuse(context, value)


@jinja2.pass_context
def _as_text(context: jinja2.runtime.Context, value: object) -> object:
    """Return `value` for printing; a group of fields or a list is refused, never a repr."""
    _refused_data(context, value)
    return value


@jinja2.pass_context
def _as_word_text(context: jinja2.runtime.Context, value: object) -> object:
    """Return `value` for a Word placeholder: as `_as_text`, and a missing value prints ''."""
    return "" if value is None else _as_text(context, value)


def filters() -> dict[str, Callable[..., str]]:
    """Return the contract's Jinja filters, långt_datum, lista and stor_bokstav, for text
    fields and for Word templates (where dates are YYYY-MM-DD text, which långt_datum also
    takes)."""
    from . import doctype

    p = doctype.get().phrases()

    def långt_datum(value: dt.date | str) -> str:
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                raise FilterInput("långt_datum", "datum") from None
        if not isinstance(value, dt.date):
            raise FilterInput("långt_datum", "datum")
        return p.långt_datum(value)

    @jinja2.pass_context
    def lista(context: jinja2.runtime.Context, items: object) -> str:
        """Return 'A, B och C'; motionärer as 'Anna Berg (C)'; other groups are refused."""
        values = list(items) if isinstance(items, (list, tuple)) else [items]
        texts = []
        for item in values:
            if isinstance(item, Mapping) and set(item) <= {"namn", "parti"}:
                texts.append(p.motionär(item))
            elif _data_kind(item) is not None:
                _refuse(context, items)
            else:
                texts.append(str(item))
        return p.lista(tuple(texts))  # a key of the macro's answers: rendered once each

    @jinja2.pass_context
    def stor_bokstav(context: jinja2.runtime.Context, value: object) -> str:
        """Return the text with its first letter raised and the rest as written."""
        _refused_data(context, value)
        text = str(value)
        return text[:1].upper() + text[1:]

    return {"långt_datum": långt_datum, "lista": lista, "stor_bokstav": stor_bokstav}


def environment(*, finalize: Callable[..., object] | None = None,
                parse_only: bool = False) -> ImmutableSandboxedEnvironment:
    """Return a new sandbox as the contract wants it: StrictUndefined, no autoescape and the
    contract's filters (stand-ins that never run when `parse_only`, so that reading a text
    does not compile the phrase templates), within the limits of `Sandbox`."""
    env = Sandbox(undefined=jinja2.StrictUndefined, autoescape=False, finalize=finalize)
    env.filters.update({name: str for name in FILTERS} if parse_only else filters())
    env.filters["format"] = _format
    env.filters["center"] = _widened(str.center)
    env.filters["indent"] = _widened(env.filters["indent"])
    replace = env.filters["replace"]

    def _replace(context: Any, value: Any, old: Any, new: Any, *args: Any) -> Any:
        _fits(len(str(value)) * (len(str(new)) + 1) if str(old) in str(value) else 0)
        return replace(context, value, old, new, *args)

    env.filters["replace"] = jinja2.pass_eval_context(_replace)
    env.filters["string"] = _string
    env.filters["join"] = _join
    for name in ("random", "shuffle"):
        env.filters.pop(name, None)
    for name in NOT_AVAILABLE:
        env.globals.pop(name, None)
    return env


@jinja2.pass_context
def _string(context: jinja2.runtime.Context, value: object) -> str:
    """Return Jinja's `string`, refusing a group or a list (its repr is no text)."""
    _refused_data(context, value)
    return str(value)


@jinja2.pass_context
def _join(context: jinja2.runtime.Context, value: Any, d: str = "",
          attribute: str | int | None = None) -> str:
    """Return Jinja's `join`, refusing a list whose items are groups or lists (`sidfot` and
    `remiss.även_till` join; `underskrifter` would join reprs)."""
    from jinja2.filters import do_join

    if attribute is None and isinstance(value, (list, tuple)) and any(
            _data_kind(item) is not None for item in value):
        _refuse(context, value)
    return str(do_join(context.eval_ctx, value, d, attribute))


class FilterInput(TypeError):
    """A contract filter was given a value of the wrong kind: `what` it needs ("datum")."""

    def __init__(self, name: str, what: str) -> None:
        super().__init__(name)
        self.name = name
        self.what = what


# --- limits -----------------------------------------------------------------------------------
#
# Enforced in the sandbox itself, not with signals or timers (which Windows lacks): every
# loop's iterations are counted across the whole render, output is counted as it is produced,
# and the operations that can make much from little (`*`, `**`, `%`, `format`, `center`,
# `str.ljust` …) are refused before they run when their result would pass the limit.

NOT_AVAILABLE = ("lipsum", "namespace")
"""Jinja globals taken away: lipsum's text is random; a namespace carries values between a
loop's rounds, which lets a text double itself in each."""


class LimitExceeded(RuntimeError):
    """A render went past a limit; `kind` names which: text, dokument, loopar, format, makro."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class _Budget:
    """What one render (one text, or one document's texts together) has used so far."""

    __slots__ = ("chars", "steps")

    def __init__(self) -> None:
        self.steps = 0
        self.chars = 0


_BUDGET: ContextVar[_Budget | None] = ContextVar("remissgen_jinja_budget", default=None)


@contextmanager
def budget() -> Iterator[None]:
    """Count the loops and output of every render inside against one document's limits."""
    token = _BUDGET.set(_Budget())
    try:
        yield
    finally:
        _BUDGET.reset(token)


def spent() -> tuple[int, int] | None:
    """Return the (output characters, loop steps) the document's budget has counted so far,
    or None outside `budget`."""
    found = _BUDGET.get()
    return None if found is None else (found.chars, found.steps)


def charge(chars: int, steps: int) -> None:
    """Count output and loop steps that renders now spared (their result kept from an equal
    render) against the document's budget, as those renders would have."""
    found = _BUDGET.get()
    if found is not None:
        found.chars += chars
        found.steps += steps


def counted(iterable: Any) -> Iterator[Any]:
    """Yield the items of a loop, counting each against the render's loop limit."""
    spent = _BUDGET.get() or _Budget()
    for item in iterable:
        spent.steps += 1
        if spent.steps > limits.JINJA_LOOP_STEPS:
            raise LimitExceeded("loopar")
        yield item


def render(template: jinja2.Template, *args: Any, **kwargs: Any) -> str:
    """Return `template` rendered, its output counted as it is produced against the limits
    of one text and of the whole document (raises LimitExceeded past either)."""
    token = _BUDGET.set(_Budget()) if _BUDGET.get() is None else None
    try:
        spent = _BUDGET.get()
        assert spent is not None
        out: list[str] = []
        size = 0
        for chunk in template.generate(*args, **kwargs):
            size += len(chunk)
            spent.chars += len(chunk)
            if size > limits.JINJA_TEXT_CHARS:
                raise LimitExceeded("text")
            if spent.chars > limits.JINJA_DOCUMENT_CHARS:
                raise LimitExceeded("dokument")
            out.append(chunk)
        return "".join(out)
    finally:
        if token is not None:
            _BUDGET.reset(token)


def unsupported(ast: nodes.Template) -> list[str]:
    """Return what a text uses that the sandbox refuses: macros, call blocks, recursive loops."""
    found = ["macro" for _ in ast.find_all(nodes.Macro)]
    found += ["call" for _ in ast.find_all(nodes.CallBlock)]
    found += ["for … recursive" for loop in ast.find_all(nodes.For) if loop.recursive]
    return list(dict.fromkeys(found))


def _fits(size: int) -> None:
    if size > limits.JINJA_TEXT_CHARS:
        raise LimitExceeded("format")


_WIDTH = r"%[-+ #0]*(\d*)(?:\.(\d+))?|\{[^{}]*?:[^{}]*?(\d+)(?:\.(\d+))?[^{}]*\}"  # for format()


def _format_widths(spec: str) -> None:
    """Refuse a format string whose widths or precisions would pass the output limit."""
    for found in re.finditer(_WIDTH, spec):
        for number in found.groups():
            if number and (len(number) > 9 or int(number) > limits.JINJA_TEXT_CHARS):
                raise LimitExceeded("format")
    _fits(len(spec))


def _format(value: Any, *args: Any, **kwargs: Any) -> str:
    from jinja2.filters import do_format

    _format_widths(str(value))
    return str(do_format(value, *args, **kwargs))


def _widened(function: Callable[..., Any]) -> Callable[..., Any]:
    """Return `function` (center, indent) refusing a width past the output limit."""
    def checked(value: Any, width: Any = 80, *args: Any, **kwargs: Any) -> Any:
        if isinstance(width, int) and width > limits.JINJA_TEXT_CHARS:
            raise LimitExceeded("format")
        if isinstance(width, str):
            _fits(len(str(value)) * (len(width) + 1))
        return function(value, width, *args, **kwargs)
    return checked


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, str | list | tuple) else None


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox within remissgen's limits (see `counted` and `render`)."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Refuse `'a' * 10**9`, `[1] * 10**9`, `9 ** 9 ** 9`, `'%0999999999d' % 1` before
        they run; the rest as Jinja does (these operators are not folded at compile time)."""
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                size = _size(seq)
                if size is not None and isinstance(times, int):
                    _fits(size * max(times, 0))
        elif operator == "**" and isinstance(left, int) and isinstance(right, int):
            bits = right * abs(left).bit_length()  # about the result's size in bits
            if right > 0 and abs(left) > 1 and bits > 4 * limits.JINJA_TEXT_CHARS:
                raise LimitExceeded("format")
        elif operator == "%" and isinstance(left, str):
            _format_widths(left)
        elif operator == "+":
            sizes = (_size(left), _size(right))
            if sizes[0] is not None and sizes[1] is not None:
                _fits(sizes[0] + sizes[1])
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Refuse str.format, center, ljust, rjust, zfill and expandtabs past the limit."""
        name = getattr(__obj, "__name__", "")
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            if name in ("center", "ljust", "rjust", "zfill") and args and isinstance(args[0], int):
                _fits(args[0])
            elif name == "expandtabs":
                width = args[0] if args and isinstance(args[0], int) else 8
                _fits(len(owner) + owner.count("\t") * max(width, 0))
            elif name == "replace" and len(args) >= 2 and isinstance(args[1], str):
                _fits(len(owner) * (len(args[1]) + 1))
            elif name == "join" and args:
                pass  # bounded by what is joined, which the limits already bound
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Refuse `'{:>999999999}'.format` as it is reached (Jinja wraps str.format)."""
        if isinstance(obj, str) and attribute in ("format", "format_map"):
            _format_widths(obj)
        return super().getattr(obj, attribute)

    def _generate(self, source: nodes.Template, name: str | None, filename: str | None,
                  defer_init: bool = False) -> str:
        """Compile with every loop's iterable counted, and refuse macros and recursion."""
        if unsupported(source):
            raise LimitExceeded("makro")
        tree = copy.deepcopy(source)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Call(nodes.ImportedName("remissgen.jinja.counted"), [loop.iter],
                                   [], None, None, lineno=loop.lineno)
        code: str = super()._generate(tree, name, filename, defer_init)
        return code


@cache
def text_sandbox() -> ImmutableSandboxedEnvironment:
    """Return the process-wide sandbox that renders Jinja in text fields; a value that would
    print as program data (a dict's or a list's repr) is an error instead."""
    return environment(finalize=_as_text)


@cache
def word_sandbox() -> ImmutableSandboxedEnvironment:
    """Return the process-wide sandbox of Word placeholders: a missing value prints nothing.

    Beside the contract's filters it has `egenskap`, which binds a value to a custom
    document property (see `property_field`).
    """
    env = environment(finalize=_as_word_text)
    env.filters.update(dict.fromkeys(WORD_FILTERS, property_field))
    return env


WORD_FILTERS = ("egenskap",)
"""The filters only Word templates have (a text field cannot make a Word field)."""


FIELD = re.compile("\x01([^\x02]*)\x02([^\x03]*)\x03")
"""A value marked by `property_field`: the property's name, then the value."""


@jinja2.pass_context
def property_field(context: jinja2.runtime.Context, value: object, name: str) -> str:
    """Return `value` marked to become a DOCPROPERTY field bound to the custom property `name`
    (`{{ diarienummer|egenskap("Diarienummer") }}` in a Word template's header).

    The Word writer turns the mark into the field, with the value as its result, so the
    document reads right before any field update. A group or a list is refused.
    """
    _refused_data(context, value)
    return f"\x01{name}\x02{'' if value is None else value}\x03"


@cache
def _reader() -> ImmutableSandboxedEnvironment:
    """Return the twin of the sandboxes used only to parse (its filters never run)."""
    return environment(parse_only=True)


class _Bucket(jinja2.bccache.Bucket):
    """Jinja's bucket of one template's compiled code, read from the file's bytes."""

    def load_bytecode(self, f: BinaryIO) -> None:
        """Load as Jinja's bucket does (its magic, the source's checksum, the code), the code
        unmarshalled from bytes: `marshal.load` reads a file object with one call per string
        of the code, most of the cost of loading fraser.j2 in a new process."""
        data = f.read()
        head = io.BytesIO(data)
        if head.read(len(jinja2.bccache.bc_magic)) != jinja2.bccache.bc_magic:
            self.reset()
            return
        if self.checksum != pickle.load(head):
            self.reset()
            return
        try:
            self.code = marshal.loads(memoryview(data)[head.tell():])
        except (EOFError, ValueError, TypeError):
            self.reset()


class _CodeFolder(jinja2.FileSystemBytecodeCache):
    """Jinja's per-user folder of compiled templates, each read by `_Bucket`."""

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> jinja2.bccache.Bucket:
        """Return the bucket of template `name`, its code loaded when the folder has it."""
        bucket = _Bucket(environment, self.get_cache_key(name, filename),
                         self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket


def phrase_environment(folder: Path) -> jinja2.Environment:
    """Return the environment of the trusted phrase templates in `folder` (not sandboxed:
    they are remissgen's own), with Jinja's per-user cache of compiled templates.

    Compiling fraser.j2 costs tens of milliseconds in every new process; the cache (keyed by
    the template's checksum, in a private temporary folder) brings that to about one.
    """
    try:
        cache_: jinja2.BytecodeCache | None = _CodeFolder()
    except (OSError, RuntimeError):
        cache_ = None
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)),
                              undefined=jinja2.StrictUndefined, autoescape=False,
                              bytecode_cache=cache_)


@lru_cache(maxsize=512)
def compiled(value: str) -> jinja2.Template:
    """Return a text field's template compiled in the text sandbox; a rebuild (watch mode, a
    batch with texts from one profile) compiles each distinct text once per process, and
    a new process finds it in the cache of compiled code (`template`)."""
    return template(text_sandbox(), value, lambda: parsed(value))


CODE_FILES = 2000  # compiled texts kept in the per-user cache; beyond, the oldest half goes
_PRUNE_EVERY = 100  # new entries a process writes between two counts of the cache folder
_written = [0]  # new entries this process wrote


def template(env: ImmutableSandboxedEnvironment, source: str,
             tree: Callable[[], nodes.Template] | None = None) -> jinja2.Template:
    """Return `source` compiled in `env` (from the parsed `tree` when given), its code read
    from the per-user cache of compiled templates when a process compiled it before.

    Compiling costs 2–3 ms per text in every new process (Jinja's code generation and
    Python's compile()), most of a one-case build's Jinja time. The cache entry's name holds
    the source's checksum and `_signature(env)`, everything that shapes the generated code
    (the filters and tests and how each is called, the finalizer, the sandbox's own code
    generation, Jinja's version), and Jinja's bucket checks the source and Python's version:
    a changed text, filter or upgrade never runs old code. Without a usable cache folder
    everything is compiled, as before.
    """
    store = _code_cache()
    bucket = None
    if store is not None:
        try:
            bucket = store.get_bucket(env, f"{_signature(env)}:{_checksum(source)}", None,
                                      source)
        except (OSError, ValueError):  # unreadable entry: compiled anew below
            bucket = None
    if bucket is not None and bucket.code is not None:
        code = bucket.code
    else:
        code = env.compile(tree() if tree is not None else source)
        if store is not None and bucket is not None:
            bucket.code = code
            try:
                store.set_bucket(bucket)
                _prune(store)
            except OSError:  # a full disk or a read-only folder: the next process compiles
                pass
    # the environment's globals themselves, where Jinja's make_globals gives a ChainMap over
    # them and an empty dict: the same names and values in the same order (nothing writes
    # a text's globals), without a ChainMap's Python-level iteration at every render
    return env.template_class.from_code(env, code, env.globals, None)


@cache
def _code_cache() -> jinja2.FileSystemBytecodeCache | None:
    """Return the cache of compiled text and Word-template code: Jinja's private per-user
    folder (mode 0700, refused when another user owns it), remissgen's own file names."""
    try:
        return _CodeFolder(pattern="__remissgen_%s.cache")
    except (OSError, RuntimeError):
        return None


def _checksum(source: str) -> str:
    import hashlib

    return hashlib.sha1(source.encode("utf-8"), usedforsecurity=False).hexdigest()


@cache
def _signature(env: jinja2.Environment) -> str:
    """Return a checksum of what shapes the code `env` generates besides the source."""
    def calls(functions: Mapping[str, Any]) -> list[tuple[str, str]]:
        return sorted((name, str(getattr(f, "jinja_pass_arg", None)))
                      for name, f in functions.items())

    shape = (jinja2.__version__, type(env).__qualname__, calls(env.filters), calls(env.tests),
             str(getattr(env.finalize, "jinja_pass_arg", env.finalize is None)),
             sorted(getattr(env, "intercepted_binops", ())),
             sorted(getattr(env, "intercepted_unops", ())),
             env.autoescape is True, env.undefined.__name__,
             marshal.dumps(Sandbox._generate.__code__).hex())
    return _checksum(repr(shape))[:20]


def _prune(store: jinja2.FileSystemBytecodeCache) -> None:
    """Keep remissgen's entries in the cache folder within CODE_FILES: when a new entry makes
    more, remove the half least recently written (texts of cases long gone)."""
    import os

    _written[0] += 1
    if (_written[0] - 1) % _PRUNE_EVERY:  # the first entry a process writes, then every 100th
        return
    prefix, suffix = store.pattern.split("%s")
    entries = []
    with os.scandir(store.directory) as found:
        for entry in found:
            if entry.name.startswith(prefix) and entry.name.endswith(suffix):
                entries.append(entry)
    if len(entries) <= CODE_FILES:
        return
    entries.sort(key=lambda e: e.stat().st_mtime)
    for entry in entries[:len(entries) // 2]:
        try:
            os.unlink(entry.path)
        except OSError:
            continue


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
    problems += [Problem(where, text("jinja_fel", key=field, what=text("jinja_gräns_makro")),
                         code="jinja-makro")] if unsupported(ast) else []
    problems += [Problem(where, text("jinja_inte_tillgänglig", name=name, key=field),
                         text("jinja_inte_tillgänglig_tips"), code="jinja-inte-tillgänglig")
                 for name in sorted(names(ast) & set(NOT_AVAILABLE))]
    unknown = _unknown_filters(ast, env, field, where)
    found = [*problems, *unknown,
             *_unknown_names(ast, names(ast) - {m.name for m in ast.find_all(nodes.Macro)},
                             root, field, where)]
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


def case_filters(ast: nodes.Template, wanted: tuple[str, ...]) -> list[tuple[str, str]]:
    """Return (filter, dotted name) for each filter of `wanted` applied directly to a name
    path such as `remiss.från` (`{{ remiss.från | capitalize }}`)."""
    found = []
    for node in ast.find_all(nodes.Filter):
        if node.name in wanted and node.node is not None:
            path = _dotted(node.node)
            if path:
                found.append((node.name, path))
    return found


def _dotted(node: nodes.Node) -> str | None:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        base = _dotted(node.node)
        return f"{base}.{node.attr}" if base else None
    return None


# --- errors in Swedish -----------------------------------------------------------------------


def syntax_problem(exc: jinja2.TemplateSyntaxError, field: str, where: Location) -> Problem:
    """Return the Swedish problem for a Jinja syntax error in `field`, at the field's place."""
    return Problem(where, text("jinja_syntax", key=field, what=syntax_what(exc)),
                   text("jinja_syntax_tips"), code="jinja-syntax")


# Jinja's English messages → the catalogue's keys. Kept as text: re compiles a pattern the
# first time an error needs it, so a run without errors never pays for these.
_SYNTAX: tuple[tuple[str, str], ...] = (
    (r"block that needs to be closed is '(\w+)'", "jinja_block_öppet"),
    (r"(?i)unexpected end of template", "jinja_slut"),
    (r"No filter named '([^']+)'", "jinja_inget_filter"),
    (r"No test named '([^']+)'", "jinja_inget_test"),
    (r"Encountered unknown tag '([^']+)'", "jinja_okänt_block"),
    (r"unexpected '\}'|unexpected char|expected token 'end of print statement'",
     "jinja_klamrar"),
    (r"expected token '([^']+)'", "jinja_token_saknas"),
    (r"unexpected '([^']+)'", "jinja_tecken"),
)


def syntax_what(exc: jinja2.TemplateSyntaxError, *, paragraph: bool = False) -> str:
    """Return in Swedish what is wrong in a Jinja syntax error (Jinja's own text is English);
    `paragraph` for a Word placeholder, where a block must end in its own paragraph."""
    message = exc.message or str(exc)
    for pattern, key in _SYNTAX:
        found = re.search(pattern, message)
        if found:
            name = found.group(1) if found.groups() else ""
            where = text("jinja_i_samma_stycke") if paragraph else ""
            return text(key, name=name, where=where)
    return text("jinja_tagg_oläslig") if paragraph else text("jinja_ogiltig", line=exc.lineno)


_UNDEFINED = (r"'([^']+)' is undefined|has no attribute '([^']+)'|no item named "
              r"'([^']+)'|has no element '?([^']+?)'?$")  # compiled by re when first needed


def render_problem(exc: Exception, field: str, where: Location, root: Field) -> Problem:
    """Return the Swedish problem for any failure of rendering `field` (at `where`): a name
    the case lacks (a field of `root` left out, or none at all), a reach for Python's
    internals the sandbox refused, a syntax error, or a value that cannot be used so."""
    if isinstance(exc, SecurityError) and not re.search(r"'_", str(exc)):
        found = re.search(r"attribute '([^']*)'", str(exc))  # remiss.update(): not internals
        return Problem(where, text("jinja_inte_tillgänglig", name=shown(
            found.group(1) if found else "?"), key=field), code="jinja-inte-tillgänglig")
    if isinstance(exc, SecurityError):
        found = re.search(r"'(_[^']*)'", str(exc))
        return Problem(where, text("jinja_osäker", key=field,
                                   what=found.group(1) if found else "__"),
                       code="jinja-osäker")
    if isinstance(exc, jinja2.UndefinedError):
        found_name = re.search(_UNDEFINED, str(exc))
        name = next((g for g in found_name.groups() if g), "?") if found_name else "?"
        if any(f.key == name for _, f in root.walk()):  # a field of the case, left out
            return Problem(where, text("jinja_ej_ifyllt", name=name, key=field),
                           text("jinja_ej_ifyllt_tips", name=name), code="jinja-ej-ifyllt")
        return Problem(where, text("jinja_odefinierad", name=shown(name), key=field),
                       text("jinja_odefinierad_tips"), code="jinja-namn")
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return syntax_problem(exc, field, where)
    if isinstance(exc, ProgramData):
        return Problem(where, text("jinja_data", key=field, name=shown(exc.name),
                                   kind=text(f"jinja_data_{exc.kind}")), _data_tip(exc),
                       code="jinja-data")
    return Problem(where, text("jinja_fel", key=field, what=runtime_what(exc)), code="jinja-fel")


def word_problem(exc: Exception, place: str, where: Location) -> Problem:
    """Return the Swedish problem for a Word placeholder that could not be filled at `place`
    ("sidhuvudet, stycke 2"): a group or a list printed, or any other failure."""
    if isinstance(exc, ProgramData):
        return Problem(where, text("mall_data", place=place, name=shown(exc.name),
                                   kind=text(f"jinja_data_{exc.kind}")), _data_tip(exc),
                       code="mall-data")
    return Problem(where, text("mall_fyllfel", place=place, what=runtime_what(exc)),
                   text("mall_fyllfel_tips"), code="mall-fyllfel")


def _data_tip(exc: ProgramData) -> str:
    """Return what to write instead of printing program data: `lista` for motionärer and a
    list of text, one field at a time for other groups."""
    key = ("jinja_data_lista_tips" if exc.name.endswith("motionärer")
           else f"jinja_data_{exc.kind}_tips")
    return text(key, name=exc.name if exc.name != "?" else "…", field=exc.field or "namn")


def runtime_what(exc: Exception) -> str:
    """Return in Swedish why rendering failed (never Python's English message)."""
    if isinstance(exc, FilterInput):
        return text(f"jinja_filter_behöver_{exc.what}", name=exc.name)
    if isinstance(exc, LimitExceeded):
        return text(f"jinja_gräns_{exc.kind}", text_limit=limits.JINJA_TEXT_CHARS // 1_000_000,
                    document_limit=limits.JINJA_DOCUMENT_CHARS // 1_000_000,
                    steps=f"{limits.JINJA_LOOP_STEPS:,}".replace(",", " "))
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
    for name in sorted(undeclared - set(NOT_AVAILABLE), key=lambda n: (_position(ast, n), n)):
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
