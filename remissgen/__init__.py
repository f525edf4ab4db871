"""remissgen: Swedish tjänsteutlåtanden in Word from YAML case files.

The public API, for programs that put remissgen under an editor, a form or a pipeline:

- `load_text(text, path, *, profile=None) -> Loaded`: case-file text (that lives, or would
  live, at `path`) checked and completed, or `InvalidInput` whose `.problems` lists them all;
- `load(path, *, profile=None) -> Loaded`: the same, reading the file;
- `build(loaded) -> bytes`: the .docx;
- `review(loaded) -> list[Problem]`: the warnings of `remissgen granska`;
- `Problem`: one located problem as data; `RemissgenError`: the base of every error.

The heavy modules (YAML, Jinja, the Word writer) are imported only when a function is
called, so that the command line starts without them.
"""

from __future__ import annotations

from .errors import InvalidInput, Problem, RemissgenError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at start-up
if TYPE_CHECKING:
    import os

    from .pipeline import Loaded

__all__ = ["InvalidInput", "Loaded", "Problem", "RemissgenError", "build", "load", "load_text",
           "review"]
__version__ = "0.1.0"


def load_text(text: str, path: str | os.PathLike[str] = "ärende.yaml", *,
              profile: os.PathLike[str] | None = None) -> Loaded:
    """Return the checked, complete case of case-file `text`, or raise InvalidInput.

    `path` is where the text lives or would live: every Problem is located in it, the profile
    is looked for from its folder (unless `profile` is given), and relative logo and template
    paths start from there. `InvalidInput.problems` lists every problem of the text at once.
    """
    from pathlib import Path

    from . import pipeline

    return pipeline.load_text(text, Path(path), Path(profile) if profile is not None else None)


def load(path: str | os.PathLike[str], *, profile: os.PathLike[str] | None = None) -> Loaded:
    """Return the checked, complete case of the case file at `path`, or raise InvalidInput.

    As `load_text`, but reading the file; a missing or unreadable file is an InvalidInput too.
    """
    from pathlib import Path

    from . import pipeline

    return pipeline.load(Path(path), str(path), Path(profile) if profile is not None else None)


def build(loaded: Loaded) -> bytes:
    """Return the .docx bytes of a loaded case, the same bytes `remissgen bygg` writes.

    Raises InvalidInput when the case's own Word template is unusable.
    """
    from . import pipeline

    return pipeline.build(loaded)


def review(loaded: Loaded) -> list[Problem]:
    """Return the warnings of `remissgen granska` for a loaded case, sorted by location."""
    from . import granska

    return granska.review(loaded.source, loaded.case).warnings


def __getattr__(name: str) -> object:
    if name == "Loaded":
        from .pipeline import Loaded

        return Loaded
    raise AttributeError(name)
