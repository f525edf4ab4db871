"""The case files a command works on: names given, a folder standing for its .yaml files."""

from __future__ import annotations

from pathlib import Path

from .. import profile as profiles
from ..errors import InvalidInput, Location, Problem
from ..messages import text


def case_files(names: list[str]) -> list[Path]:
    """Return the case files named, a folder standing for its .yaml files (profiles skipped)."""
    files: list[Path] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in (".yaml", ".yml")
                           and p.name != profiles.NAME and p.is_file())
            if not found:
                raise InvalidInput([Problem(Location(name),
                                            text("inga_ärenden_i_mapp", path=name),
                                            text("inga_ärenden_i_mapp_tips", path=name),
                                            code="inga-ärenden-i-mapp")])
            files += found
        elif not (len(names) > 1 and path.name == profiles.NAME):  # `bygg *.yaml` skips it too
            files.append(path)
    return files
