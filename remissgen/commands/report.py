"""Printing problems and written paths: stderr for problems, stdout for paths."""

from __future__ import annotations

import sys

from ..errors import InvalidInput, RemissgenError
from ..messages import text


def problems(exc: RemissgenError) -> None:
    """Print an error's problems (or its message) to standard error, one a line."""
    if isinstance(exc, InvalidInput):
        for problem in exc.problems:
            print(problem.format(), file=sys.stderr)
    else:
        print(str(exc), file=sys.stderr)


def written(path: object) -> None:
    """Print a written path to standard output."""
    print(path, flush=True)


def internal_error(path: object, exc: Exception) -> None:
    """Print the one Swedish line for an unexpected error while handling `path`."""
    print(f"{path}:1:1: fel: {text('internt_fel', what=type(exc).__name__)}", file=sys.stderr)
