"""Within one process (a watch, an editor), a template, profile or logo changed on disk is read
again at the next build: what is cached is keyed by content, not by name."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import remissgen

from .conftest import SEED_CASE, Result
from .test_templates import copy_builtin, edit


def _part(docx: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        return zf.read(name).decode("utf-8")


def _media(docx: bytes) -> list[bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        return [zf.read(n) for n in zf.namelist() if n.startswith("word/media/")]


def _case(folder: Path, extra: str = "", drop: tuple[str, ...] = ()) -> Path:
    lines = [line for line in SEED_CASE.read_text(encoding="utf-8").splitlines(keepends=True)
             if not line.startswith(drop)] if drop else [SEED_CASE.read_text(encoding="utf-8")]
    case = folder / "ärende.yaml"
    case.write_text("".join(lines) + extra, encoding="utf-8")
    return case


def test_a_template_edited_between_builds_is_read_again(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    template = copy_builtin(run, "stockholm", tmp_path / "egen.docx")
    case = _case(tmp_path, "mall: egen.docx\n")
    first = remissgen.build(remissgen.load(case))
    assert "Tjänsteutlåtande" in _part(first, "word/header1.xml")
    edit(template, "word/header1.xml",
         lambda xml: xml.replace("Tjänsteutlåtande", "Tjänsteskrivelse"))
    second = remissgen.build(remissgen.load(case))
    header = _part(second, "word/header1.xml")
    assert "Tjänsteskrivelse" in header and "Tjänsteutlåtande" not in header
    # and the check before a build sees the edit too: a broken placeholder is refused now
    edit(template, "word/header1.xml", lambda xml: xml.replace("{{ datum }}", "{{ datun }}"))
    result = run("bygg", case)
    assert result.code == 1 and "'datun'" in result.err


def test_a_profile_value_changed_between_builds_is_read_again(tmp_path: Path) -> None:
    profile = tmp_path / "remissgen-profil.yaml"
    profile.write_text("avdelning: Kansliet\n", encoding="utf-8")
    case = _case(tmp_path, drop=("avdelning:",))
    assert "Kansliet" in _part(remissgen.build(remissgen.load(case)), "word/header1.xml")
    profile.write_text("avdelning: Staben\n", encoding="utf-8")
    loaded = remissgen.load(case)
    assert loaded.case.avdelning == "Staben"
    header = _part(remissgen.build(loaded), "word/header1.xml")
    assert "Staben" in header and "Kansliet" not in header


def test_a_logo_replaced_between_builds_is_read_again(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(_png(4, 2))
    case = _case(tmp_path, "logotyp:\n  fil: logo.png\n  alt: Stadens logotyp\n")
    assert _media(remissgen.build(remissgen.load(case))) == [_png(4, 2)]
    logo.write_bytes(_png(2, 4))  # same size on disk, other picture
    second = remissgen.build(remissgen.load(case))
    assert _media(second) == [_png(2, 4)]
    document = _part(second, "word/header1.xml")
    height = int(1.2 * 360000)
    assert f'cx="{height // 2}" cy="{height}"' in document  # the new proportions


def _png(width: int, height: int) -> bytes:
    """Return a small valid grey PNG of `width` × `height` pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
