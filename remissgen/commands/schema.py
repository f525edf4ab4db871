"""remissgen schema: print the JSON Schema of the case file to standard output."""

from __future__ import annotations

import argparse
import sys

from .. import schema


def run(args: argparse.Namespace) -> int:
    """Print the schema; nothing can go wrong but a closed pipe."""
    sys.stdout.write(schema.dumps())
    return 0
