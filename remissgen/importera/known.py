"""What the profile beside the imported case file already says: left out of the case, since
a value in the case file would override the profile's from then on.

The case is laid over the profile as `profile.merge` does it: a group of fields is compared
field by field (what equals the profile goes, the rest stays), a list or a text as a whole.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from ..errors import InvalidInput


class Known(NamedTuple):
    """The profile's values (plain Python, as validated) and the file they came from."""

    values: dict[str, Any]
    path: Path | None = None


def read(path: Path | None) -> Known:
    """Return the values of the profile at `path` (none without one, or when it does not
    validate: `bygg` says why, at its place)."""
    if path is None:
        return Known({})
    from .. import source, validate
    from ..profile import shown

    try:
        return Known(validate.validate(source.read(path, shown(path)),
                                       optional=True).values, path)
    except (InvalidInput, OSError):
        return Known({}, path)


def without(data: dict[str, Any], known: Known, logo: bytes | None) -> list[str]:
    """Remove from `data` what equals the profile; return the fields removed, dotted.

    The logo goes when the profile's logo file holds the very image and the same alt text.
    """
    removed: list[str] = []
    for key in list(data):
        if key not in known.values:
            continue
        if key == "logotyp":
            if _same_logo(data[key], known.values[key], logo):
                del data[key]
                removed.append(key)
            continue
        if _drop(data, key, known.values[key], key, removed):
            del data[key]
    return removed


def _drop(where: dict[str, Any], key: str, profile: Any, name: str, removed: list[str]) -> bool:
    """Return True when where[key] equals `profile` whole; a group loses its equal fields."""
    value = where[key]
    if isinstance(value, dict) and isinstance(profile, dict):
        children: list[str] = []
        for child in list(value):
            if child in profile and _drop(value, child, profile[child], f"{name}.{child}",
                                          children):
                del value[child]
        if value:
            removed += children
            return False
        removed.append(name)  # the whole group: named once
        return True
    if _plain(value) == _plain(profile):
        removed.append(name)
        return True
    return False


def _plain(value: Any) -> Any:
    """Return `value` comparable with a profile's: dates as ISO text, paths as text, a
    text without the line break a `|` block ends with."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, str):
        return value.rstrip("\n")
    return str(value) if isinstance(value, Path) else value


def _same_logo(imported: Any, profile: Any, logo: bytes | None) -> bool:
    if logo is None or not isinstance(imported, dict) or not isinstance(profile, dict):
        return False
    fil = profile.get("fil")
    try:
        same = isinstance(fil, Path) and fil.read_bytes() == logo
    except OSError:
        return False
    return same and imported.get("alt") == profile.get("alt")
