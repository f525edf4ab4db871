"""Text in; problems, warnings and .docx bytes out: the calls the editor makes of remissgen.

A thin shim over the pipeline until `remissgen.load_text`, `build` and `review` of issue 11
land; then this module shrinks to those names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import granska, phrases, pipeline, source, templating, validate
from .. import profile as profiles
from ..errors import InvalidInput, Location, Problem


def load_text(text: str, path: Path, *, profile: Path | None = None) -> pipeline.Loaded:
    """Return the loaded case of `text` as if read from `path`, or raise InvalidInput."""
    src = source.parse(text, str(path))
    used = profile if profile is not None else profiles.discover(path)
    try:
        data = validate.validate(src) if used is None else profiles.apply(src, used)
    except InvalidInput as exc:
        extra = (phrases.early_problems(exc.partial)
                 if isinstance(exc.partial, validate.Data) else [])
        raise InvalidInput([*exc.problems, *extra]) from None
    case = phrases.complete(data)
    where = data.where(("mall",)) if "mall" in data.values else Location(src.path)
    return pipeline.Loaded(case, src, used,
                           templating.resolve(case.mall, Path(where.path).parent, where))


def build(loaded: pipeline.Loaded, path: Path) -> bytes:
    """Return the .docx bytes `bygg` writes for a loaded case."""
    return pipeline.build(loaded, path)


def review(loaded: pipeline.Loaded) -> list[Problem]:
    """Return granska's warnings for a loaded case."""
    return list(granska.review(loaded.source, loaded.case).warnings)


def as_dict(problem: Problem) -> dict[str, Any]:
    """Return a problem as the page reads it: path, line, column, severity, message, hint."""
    loc = problem.location
    return {"path": loc.path, "line": loc.line, "column": loc.column,
            "severity": problem.severity, "message": problem.message, "hint": problem.hint}
