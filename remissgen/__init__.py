"""remissgen: Swedish tjänsteutlåtanden in Word from YAML case files.

The public API: `load` a case file, `build` its document, and the base error. Imported
lazily, so that the command line starts without YAML, Jinja or Word libraries.
"""

from __future__ import annotations

from typing import Any

from .errors import InvalidInput, RemissgenError

__all__ = ["InvalidInput", "RemissgenError", "build", "load"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in ("build", "load"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
