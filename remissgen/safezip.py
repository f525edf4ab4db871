"""Reading the members of a zip (a .docx) within limits: a zip bomb is refused, not unpacked.

The sizes are checked from the zip's directory before anything is read, then again while
reading, since the directory can lie about how much a member unpacks to.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO

from .limits import DOCX_MEMBER_BYTES as MEMBER_LIMIT  # a long case's document.xml is ~2 MB
from .limits import DOCX_TOTAL_BYTES as TOTAL_LIMIT

COUNT_LIMIT = 2000  # members (a .docx has about twenty)
_CHUNK = 1 << 20


class TooLarge(Exception):
    """The zip unpacks to more than the limits allow; `what` names the member or 'totalt'."""

    def __init__(self, what: str, limit: int) -> None:
        self.what = what
        self.limit = limit
        super().__init__(f"{what}: över {limit} byte")


def read_members(path: Path | IO[bytes], wanted: Callable[[str], bool] = lambda name: True,
                 member_limit: int = MEMBER_LIMIT,
                 total_limit: int = TOTAL_LIMIT) -> dict[str, bytes]:
    """Return name → bytes of the members `wanted` selects, in the zip's order.

    Raises TooLarge past the limits, zipfile.BadZipFile for a broken zip (a corrupt member
    too), OSError when the file cannot be read.
    """
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
        if len(infos) > COUNT_LIMIT:
            raise TooLarge("antal delar", COUNT_LIMIT)
        chosen = [i for i in infos if not i.is_dir() and wanted(i.filename)]
        total = 0
        for info in infos:  # every member counts, also those not read here
            if info.file_size > member_limit:
                raise TooLarge(info.filename, member_limit)
            total += info.file_size
            if total > total_limit:
                raise TooLarge("totalt", total_limit)
        members: dict[str, bytes] = {}
        total = 0
        for info in chosen:
            members[info.filename] = _read(zf, info, min(member_limit, total_limit - total))
            total += len(members[info.filename])
    return members


def _read(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """Return one member's bytes, stopping as soon as it unpacks to more than `limit`."""
    chunks: list[bytes] = []
    size = 0
    try:
        with zf.open(info) as member:
            while True:
                chunk = member.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise TooLarge(info.filename, limit)
                chunks.append(chunk)
    except (zlib.error, EOFError, ValueError, RuntimeError, NotImplementedError) as exc:
        raise zipfile.BadZipFile(f"{info.filename}: {exc}") from None  # corrupt or encrypted
    return b"".join(chunks)
