"""remissgen: Swedish tjänsteutlåtanden in Word from YAML case files.

The public API: `load` a case file, `build` its document, and the base error. Imported
lazily, so that the command line starts without YAML, Jinja or Word libraries.
"""

from __future__ import annotations

from .errors import InvalidInput, RemissgenError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at start-up
if TYPE_CHECKING:
    from typing import Any

__all__ = ["InvalidInput", "RemissgenError", "build", "load"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in ("build", "load"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
