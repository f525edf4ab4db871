"""The förvaltning's profile: find it, read it, and merge the case file into it, node by node.

Merging works on the YAML nodes, so every value keeps the Location of the file it came from
and a problem in a profile value is reported at its place in the profile file.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import source
from .errors import InvalidInput, Problem
from .source import Mapping, Node, Scalar

TYPE_CHECKING = False
if TYPE_CHECKING:
    from . import validate
    from .fields import Field

NAME = "remissgen-profil.yaml"


def discover(case_path: Path) -> Path | None:
    """Return the nearest `remissgen-profil.yaml` in the case file's folder or a parent, or None."""
    folder = str(case_path.absolute().parent)  # then up by os.path: pathlib's objects cost
    while True:  # more than the stat itself, once per folder of every case file
        candidate = os.path.join(folder, NAME)
        # access answers False where isfile's stat raises (and catches) for a missing file
        if os.access(candidate, os.F_OK) and os.path.isfile(candidate):
            return Path(candidate)
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def shown(path: Path) -> str:
    """Return `path` as a user should read it: relative to the working folder when inside it."""
    if not path.is_absolute():
        return str(path)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return os.path.normpath(path)


def merge(profile: Node, case: Node) -> Node:
    """Return `case` laid over `profile`: mappings merge key by key, lists and texts replace.

    An empty text in the case clears a profile's list or group entirely; over a profile's text
    it simply replaces it, as any text does.
    """
    if not (isinstance(profile, Mapping) and isinstance(case, Mapping)):
        return case
    items: list[tuple[Scalar, Node]] = []
    for key, value in profile.items:
        given = case.get(key.value)
        if given is None:
            items.append((key, value))
        elif not (_cleared(given) and not isinstance(value, Scalar)):
            items.append((case.keys.get(key.value, key), merge(value, given)))
    items += [(k, v) for k, v in case.items if profile.get(k.value) is None]
    return Mapping(tuple(items), case.location, {k.value: k for k, _ in items})


def _cleared(node: Node) -> bool:
    return isinstance(node, Scalar) and not node.value.strip()


def apply(case: source.Source, profile_path: Path, spec: Field | None = None) -> validate.Data:
    """Return the validated data of `case` over the profile at `profile_path`, both checked
    against the field table `spec` (the remiss answer's by default).

    Raises InvalidInput with the problems of both files: the profile's at their place in it.
    """
    from . import doctype, validate  # not at start-up: `ny` finds profiles without Jinja

    table = spec if spec is not None else doctype.get().fields

    profile = source.read(profile_path, shown(profile_path))
    problems: list[Problem] = []
    try:
        validate.validate(profile, table, optional=True)
    except InvalidInput as exc:
        problems += exc.problems
    merged = source.Source(case.path, case.text, merge(profile.root, case.root))
    partial = None
    try:
        data = validate.validate(merged, table)
    except InvalidInput as exc:
        problems += [p for p in exc.problems if p not in problems]
        partial = exc.partial
    if problems:
        raise InvalidInput(problems, partial=partial)
    return data
