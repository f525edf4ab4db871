"""The limits that keep remissgen bounded under huge or hostile input, in one place, and the
one reader of input files that honours them (regular files only, never more than the limit).

The README lists these under "När något är fel"; change both together.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MB = 1024 * 1024
TEXT_FILE_BYTES = 20 * MB  # a case file, a profile or a text to import (a long case is ~1 MB)
IMAGE_BYTES = 5 * MB  # a logo
IMAGE_PIXELS = 8000  # a logo's width or height in pixels (a 300 dpi A4 page is 2480 × 3508)
DOCX_MEMBER_BYTES = 50 * MB  # one part of a Word template or document, unpacked
DOCX_TOTAL_BYTES = 100 * MB  # all parts of a Word template or document together, unpacked
JINJA_TEXT_CHARS = 10_000_000  # what one text's {{ … }} may produce
JINJA_DOCUMENT_CHARS = 50_000_000  # what all texts of one document may produce together
JINJA_LOOP_STEPS = 1_000_000  # loop iterations across one whole render


class NotRegular(OSError):
    """The path is a FIFO, a device, a socket: reading it could wait forever or never end."""


class TooLarge(OSError):
    """The file is larger than the limit given; `limit` is in bytes."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"över {limit} byte")
        self.limit = limit


def read_regular(path: Path, limit: int) -> bytes:
    """Return the bytes of the regular file at `path`, at most `limit` of them.

    Opened without blocking and checked with fstat before a byte is read, so a FIFO or a
    device is refused (NotRegular) instead of waited on; a file larger than `limit`, or one
    that grows past it while read, raises TooLarge. Other failures are the OSError as raised.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(f"{path}: ingen vanlig fil")
        if info.st_size > limit:
            raise TooLarge(limit)
        chunks = []
        size = 0
        want = info.st_size + 1  # the file in one read (a 1 MB buffer for a case file of a
        while True:               # few KB cost a memory map and a copy), then to its end
            chunk = os.read(fd, want)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise TooLarge(limit)
            chunks.append(chunk)
            want = 1 << 20
        return b"".join(chunks)
    finally:
        os.close(fd)
