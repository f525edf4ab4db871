"""Logo images: sizes read from the header; a broken image is a located problem, not a crash."""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

from remissgen.word import images

from .conftest import Result, case_copy, make_png


def _jpeg(width: int, height: int) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof0 + b"\xff\xd9"


def test_png_and_jpeg_sizes(tmp_path: Path) -> None:
    assert images.size(make_png(tmp_path / "a.png", 120, 40).read_bytes()) == (120, 40)
    assert images.size(_jpeg(300, 100)) == (300, 100)
    assert images.size(b"GIF89a") is None


def test_truncated_images_are_not_readable(tmp_path: Path) -> None:
    png = make_png(tmp_path / "a.png").read_bytes()
    assert images.size(png[:40]) is None
    assert images.size(_jpeg(300, 100)[:12]) is None


def test_a_broken_logo_is_reported_at_its_line_and_the_batch_goes_on(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    broken = tmp_path / "trasig"
    broken.mkdir()
    case = case_copy("socialnamnden.yaml", broken)
    (broken / "logotyp.png").write_bytes((broken / "logotyp.png").read_bytes()[:40])
    good = tmp_path / "hel"
    good.mkdir()
    other = case_copy("socialnamnden.yaml", good).rename(good / "hel.yaml")
    line = next(i for i, text in enumerate(case.read_text(encoding="utf-8").splitlines(), 1)
                if text.strip().startswith("fil:"))

    checked = run("kontrollera", case)
    assert checked.code == 1
    assert f"{case}:{line}:8: fel: bilden 'logotyp.png' är trasig" in checked.err

    built = run("bygg", case, other, "-o", tmp_path / "ut")
    assert built.code == 1
    assert built.out.split() == [str(tmp_path / "ut" / "hel.docx")]
    assert "1 dokument byggda, 1 med fel" in built.err and "Traceback" not in built.err
