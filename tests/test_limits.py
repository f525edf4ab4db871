"""limits.read_regular: the whole of a regular file within its limit, read in one call when
fstat tells its size, to the end when the file is longer than fstat said, refused past the
limit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from remissgen import limits


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, 70_000])
def test_a_file_is_read_whole(tmp_path: Path, size: int) -> None:
    path = tmp_path / "fall.yaml"
    data = bytes(i % 251 for i in range(size))
    path.write_bytes(data)
    assert limits.read_regular(path, 70_000) == data


def test_a_file_longer_than_fstat_said_is_read_to_its_end(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "fall.yaml"
    data = b"x" * 3_000_000  # more than the first read and than one later read
    path.write_bytes(data)
    real = os.fstat

    class Small:
        def __init__(self, info: os.stat_result) -> None:
            self.st_mode = info.st_mode
            self.st_size = 10  # the file grew after fstat

    monkeypatch.setattr(limits.os, "fstat", lambda fd: Small(real(fd)))
    assert limits.read_regular(path, 4_000_000) == data
    with pytest.raises(limits.TooLarge):
        limits.read_regular(path, 2_999_999)


def test_a_file_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fall.yaml"
    path.write_bytes(b"x" * 101)
    with pytest.raises(limits.TooLarge):
        limits.read_regular(path, 100)
    assert limits.read_regular(path, 101) == b"x" * 101
