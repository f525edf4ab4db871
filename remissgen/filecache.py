"""What a process makes from a file, remembered by the file's path and content.

`Cache.get(path, make)` reads the file's bytes, and returns what `make(bytes)` made from the
same bytes at the same path before, or makes it now. Keyed by a hash of the content, not by
the name alone: a Word template or a logo edited while `bygg --bevaka` runs is read again at
the next build (the hash of a template costs microseconds; preparing one costs milliseconds).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from . import limits

T = TypeVar("T")


class Cache(Generic[T]):
    """A small least-recently-used map from (path, content hash) to what was made of it."""

    def __init__(self, size: int = 8) -> None:
        self._size = size
        self._items: OrderedDict[tuple[str, bytes], T] = OrderedDict()

    def get(self, path: Path, make: Callable[[bytes], T]) -> T:
        """Return `make(data)` for the file's current bytes `data`, made once per content.

        Raises OSError when the file cannot be read; an exception from `make` is not kept.
        """
        data = limits.read_regular(path, limits.DOCX_TOTAL_BYTES)  # never a FIFO, never huge
        key = (str(path.absolute()), hashlib.blake2b(data, digest_size=16).digest())
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        value = make(data)
        self._items[key] = value
        if len(self._items) > self._size:
            self._items.popitem(last=False)
        return value
