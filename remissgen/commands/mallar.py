"""remissgen mallar: list the built-in Word templates, name first, then a Swedish description."""

from __future__ import annotations

import argparse

from ..word import templating


def run(args: argparse.Namespace) -> int:
    """Print each built-in template on a line of its own; return 0."""
    names = templating.builtins()
    width = max(map(len, names), default=0) + 2
    for name, description in names.items():
        print(f"{name:<{width}}{description}".rstrip())
    return 0
