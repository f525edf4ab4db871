"""remissgen schema: print the JSON Schema of the case file to standard output."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import schema


def run(args: argparse.Namespace) -> int:
    """Print the schema (with --profil FIL, the variant where FIL's fields are not required)."""
    chosen = getattr(args, "profil", None)
    if chosen:
        from .ny import read_profile

        sys.stdout.write(schema.dumps(given=read_profile(Path(chosen))))
    else:
        sys.stdout.write(schema.dumps())
    return 0
