"""A small zip writer of our own: fixed timestamps, entries in the order given, and members
that never change (the template's styles, settings, fonts) deflated once per process.

Python's zipfile can only write from uncompressed data; a .docx is mostly template members
that are the same for every document, so compressing them again per document is wasted work.
"""

import struct
import zlib
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest date a zip can carry
_DOS_TIME = 0
_UTF8 = 0x0800


class Entry(NamedTuple):
    """One member, already deflated: its name, CRC-32, sizes and compressed bytes."""

    name: str
    crc: int
    size: int
    data: bytes


def deflate(name: str, data: bytes, level: int = zlib.Z_DEFAULT_COMPRESSION) -> Entry:
    """Return the Entry for `data` deflated at `level` (zlib's default, like zipfile)."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return Entry(name, zlib.crc32(data), len(data), compressor.compress(data) + compressor.flush())


@lru_cache(maxsize=128)
def _deflate_small(name: str, data: bytes) -> Entry:
    return keep_headers(deflate(name, data))


def deflate_reused(name: str, data: bytes) -> Entry:
    """Return deflate(name, data), remembering small members: content types, relationships,
    numbering and footers come out the same for document after document of one template."""
    return _deflate_small(name, data) if len(data) <= 4096 else deflate(name, data)


class _Headers(NamedTuple):
    """An entry's local header, and its central directory record cut where its offset goes."""

    local: bytes
    central: bytes
    name: bytes


def _headers(entry: Entry) -> _Headers:
    name = entry.name.encode("utf-8")
    flags = 0 if name.isascii() else _UTF8
    common = struct.pack("<HHHHHIII", 20, flags, 8, _DOS_TIME, _DOS_DATE, entry.crc,
                         len(entry.data), entry.size)
    local = b"PK\x03\x04" + common + struct.pack("<HH", len(name), 0) + name
    central = (b"PK\x01\x02" + struct.pack("<H", 20) + common
               + struct.pack("<HHHHHI", len(name), 0, 0, 0, 0, 0o644 << 16))
    return _Headers(local, central, name)


_KNOWN: dict[int, tuple[Entry, _Headers]] = {}  # id → entry (kept alive: the id stays its own), headers


def keep_headers(entry: Entry) -> Entry:
    """Return `entry`, its headers made now once for every archive written with it (a
    template's members: the same entry object in document after document)."""
    if len(_KNOWN) > 4096:  # templates prepared again and again (edited while watched)
        _KNOWN.clear()
    _KNOWN[id(entry)] = (entry, _headers(entry))
    return entry


def write(entries: Iterable[Entry]) -> bytes:
    """Return the bytes of a zip archive holding `entries` in order."""
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    count = 0
    for entry in entries:
        known = _KNOWN.get(id(entry))
        headers = known[1] if known is not None else _headers(entry)
        out += [headers.local, entry.data]
        central += [headers.central, struct.pack("<I", offset), headers.name]
        offset += len(headers.local) + len(entry.data)
        count += 1
    directory = b"".join(central)
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, count, count, len(directory), offset, 0)
    return b"".join(out) + directory + end
