"""Locations, problems and the error tree; each error class carries its exit code."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["fel", "varning"]


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file, line and column counted from 1."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One located problem, formatted `PATH:LINE:COLUMN: fel: MESSAGE`."""

    location: Location
    message: str
    hint: str | None = None
    severity: Severity = "fel"

    def format(self) -> str:
        """Return the problem as the lines a user reads (the hint indented below)."""
        text = f"{self.location}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\n    tips: {self.hint}"
        return text


class RemissgenError(Exception):
    """The base of every error remissgen reports; `exit_code` is the CLI's status."""

    exit_code = 5


class InvalidInput(RemissgenError):
    """An input (case, profile, template, path) is invalid: exit 1."""

    exit_code = 1

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: p.location)
        super().__init__("\n".join(p.format() for p in self.problems))


class UsageError(RemissgenError):
    """Wrong usage of the command line: exit 2."""

    exit_code = 2


class RefusedWrite(RemissgenError):
    """A target was not written to protect the user's work: exit 3."""

    exit_code = 3


class ExternalFailure(RemissgenError):
    """An external program failed or is missing: exit 4."""

    exit_code = 4
