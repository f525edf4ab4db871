"""Locations, problems and the error tree; each error class carries its exit code and the
located Problems that say what went wrong (`problem(where, key, **values)` makes one from the
message catalogue, with its hint and a code).

Plain classes rather than dataclasses: this module is on the path of `remissgen --help`,
which should not pay for importing dataclasses and typing.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at start-up
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any, Literal

    Severity = Literal["fel", "varning"]
    Hint = str | Callable[[], str | None] | None


class Location:
    """A place in a file, line and column counted from 1; ordered by path, line, column.

    Line and column 0 mean no place inside: a command (`remissgen bygg`) or a whole target.
    """

    __slots__ = ("column", "line", "path")

    def __init__(self, path: str, line: int = 1, column: int = 1) -> None:
        self.path = path
        self.line = line
        self.column = column

    def _key(self) -> tuple[str, int, int]:
        return (self.path, self.line, self.column)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Location) and self._key() == other._key()

    def __lt__(self, other: Location) -> bool:
        return self._key() < other._key()

    def __le__(self, other: Location) -> bool:
        return self._key() <= other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Location(path={self.path!r}, line={self.line}, column={self.column})"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}" if self.line else self.path


class Problem:
    """One located problem as data: where (`path`, `line`, `column`, from 1), how bad
    (`severity`, "fel" or "varning"), what (`code`, a stable id such as `okänd-nyckel` or a
    granska rule name), and the Swedish `message` and `hint`.

    `format()` gives the lines a user reads (`PATH:LINE:COLUMN: fel: MESSAGE`, then `tips:`);
    `as_dict()` gives the same as JSON-ready data.

    The hint may be given as a function that returns it: it is then called the first time
    the hint is read, so that a review rule's example from the user's own text costs
    nothing where the warnings are only counted (`bygg`).
    """

    __slots__ = ("_hint", "code", "location", "message", "severity")

    def __init__(self, location: Location, message: str, hint: Hint = None,
                 severity: Severity = "fel", *, code: str = "fel") -> None:
        self.location = location
        self.message = message
        self._hint = hint
        self.severity: Severity = severity
        self.code = code

    @property
    def hint(self) -> str | None:
        """Return the tip, computed on first read when it was given as a function."""
        hint = self._hint
        if callable(hint):
            hint = self._hint = hint()
        return hint

    def again(self, severity: Severity | None = None, code: str | None = None) -> Problem:
        """Return this problem with another severity or code; a hint not yet computed stays
        so."""
        return Problem(self.location, self.message, self._hint, severity or self.severity,
                       code=code or self.code)

    @property
    def path(self) -> str:
        """Return the path of the file the problem is in, as the user named it."""
        return self.location.path

    @property
    def line(self) -> int:
        """Return the line the problem starts on, counted from 1."""
        return self.location.line

    @property
    def column(self) -> int:
        """Return the column the problem starts at, counted from 1."""
        return self.location.column

    def _key(self) -> tuple[Location, str, str | None, str, str]:
        return (self.location, self.message, self.hint, self.severity, self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Problem) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (f"Problem(location={self.location!r}, message={self.message!r}, "
                f"hint={self.hint!r}, severity={self.severity!r}, code={self.code!r})")

    def format(self) -> str:
        """Return the problem as the lines a user reads (the hint indented below)."""
        text = f"{self.location}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\n    tips: {self.hint}"
        return text

    def as_dict(self) -> dict[str, str | int | None]:
        """Return the problem's seven fields as JSON-ready data: `hint` None when there is
        none, `line` and `column` None for a problem of a command rather than a place."""
        return {"path": self.path, "line": self.line or None, "column": self.column or None,
                "severity": self.severity, "code": self.code, "message": self.message,
                "hint": self.hint}


def problem(where: Location, key: str, /, *, severity: Severity = "fel", code: str | None = None,
            **values: Any) -> Problem:
    """Return the Problem of catalogue message `key` filled with `values`, at `where`: its hint
    is the catalogue's `KEY_tips` (if any), its code `code` or the key with dashes."""
    from .messages import hint, text

    return Problem(where, text(key, **values), hint(key, **values), severity,
                   code=code or key.removesuffix("_menade").replace("_", "-"))


class RemissgenError(Exception):
    """The base of every error remissgen reports; `exit_code` is the CLI's status and
    `problems` the located problems, printed one by one (`str()` gives them as text)."""

    exit_code = 5
    code = "fel"

    def __init__(self, problems: Problem | Iterable[Problem] | str) -> None:
        if isinstance(problems, str):  # text as a Problem formats it: read it back
            problems = _parsed(problems, self.code)
        self.problems: list[Problem] = (
            [problems] if isinstance(problems, Problem) else list(problems))
        super().__init__("\n".join(p.format() for p in self.problems))


def _parsed(message: str, code: str) -> Problem:
    """Return the Problem of `PLACE: fel: MESSAGE` (and a `tips:` line), or of a bare message."""
    import re

    found = re.fullmatch(r"(.+?)(?::(\d+):(\d+))?: (fel|varning): (.*?)(?:\n    tips: (.*))?",
                         message, re.S)
    if found is None:
        return Problem(Location("remissgen", 0, 0), message, code=code)
    path, line, column, severity, text, hint = found.groups()
    return Problem(Location(path, int(line or 0), int(column or 0)), text, hint,
                   "varning" if severity == "varning" else "fel", code=code)


class InvalidInput(RemissgenError):
    """An input (case, profile, template, path) is invalid: exit 1."""

    exit_code = 1

    def __init__(self, problems: Iterable[Problem], partial: object = None) -> None:
        super().__init__(sorted(problems, key=lambda p: p.location))
        self.partial = partial  # what could be read despite the problems (validate's Data)


class UsageError(RemissgenError):
    """Wrong usage of the command line: exit 2 (located at the command, line 0)."""

    exit_code = 2
    code = "användning"


class RefusedWrite(RemissgenError):
    """A target was not written to protect the user's work: exit 3."""

    exit_code = 3
    code = "skrivning"


class ExternalFailure(RemissgenError):
    """An external program failed or is missing: exit 4."""

    exit_code = 4
    code = "externt"
