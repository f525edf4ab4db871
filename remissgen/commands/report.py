"""Where the commands print: problems to standard error, written paths and summaries to
standard output; or, inside `as_json()`, every problem kept for one JSON array on standard
output and the summaries moved to standard error (`--format json`).

The commands print only through this module (and `cli` its own usage errors); the library
(`remissgen.load_text` and the rest) never prints.
"""

from __future__ import annotations

import contextlib
import sys

from ..errors import Location, Problem, RemissgenError
from ..messages import text

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at start-up
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

_kept: list[Problem] | None = None  # the problems of a --format json run, else None


@contextlib.contextmanager
def as_json(wanted: bool = True) -> Iterator[None]:
    """Within the block, keep problems and print them at its end as one JSON array of
    `Problem.as_dict()` objects on standard output; summaries go to standard error.

    With `wanted` False the block prints as text, as everywhere else.
    """
    global _kept
    if not wanted:
        yield
        return
    _kept = []
    try:
        yield
    finally:
        import json

        kept, _kept = _kept, None
        print(json.dumps([p.as_dict() for p in kept], ensure_ascii=False, indent=2), flush=True)


def problem(item: Problem) -> None:
    """Print one problem (or keep it for the JSON array)."""
    if _kept is not None:
        _kept.append(item)
    else:
        print(item.format(), file=sys.stderr, flush=True)


def problems(exc: RemissgenError | Iterable[Problem]) -> None:
    """Print an error's problems, or the given problems, one after the other."""
    for item in exc.problems if isinstance(exc, RemissgenError) else exc:
        problem(item)


def line(message: str) -> None:
    """Print a summary line: to standard output, or to standard error beside JSON."""
    print(message, file=sys.stdout if _kept is None else sys.stderr, flush=True)


def written(path: object) -> None:
    """Print a written path to standard output."""
    print(path, flush=True)


def internal_error(path: object, exc: Exception) -> None:
    """Print the one Swedish line for an unexpected error while handling `path`."""
    problem(Problem(Location(str(path)), text("internt_fel", what=type(exc).__name__),
                    code="internt-fel"))
