"""Writing files safely: atomic replacement through a temporary file in the same folder."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import RefusedWrite
from .messages import text


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except PermissionError as exc:
        _remove(tmp)
        raise RefusedWrite(text("kunde_inte_skriva", path=path, reason=exc.strerror)) from None
    except BaseException:
        _remove(tmp)
        raise


def _remove(tmp: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
