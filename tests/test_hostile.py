"""Hostile, huge and broken input (issue 12's tables): each row runs `remissgen` in a
subprocess under a 3 GiB address-space limit and a generous timeout (it catches hangs; it
is no timing target), and asserts the row's exit code, never 5, and a located Swedish
message."""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import CASES, ROOT, Result, make_png

LIMIT_AS = 3 * 1024 ** 3
TIMEOUT = 60
_RUNNER = (
    "import resource, sys\n"
    f"resource.setrlimit(resource.RLIMIT_AS, ({LIMIT_AS}, {LIMIT_AS}))\n"
    "from remissgen.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n")
LOCATED = re.compile(r"^\S.*?:\d+:\d+: fel: ", re.M)

MINIMAL = (CASES / "minimal.yaml").read_text(encoding="utf-8")


def _case(folder: Path, extra: str = "", replace: tuple[str, str] | None = None,
          name: str = "fall.yaml") -> Path:
    text = MINIMAL if replace is None else MINIMAL.replace(*replace)
    path = folder / name
    path.write_text(text + extra, encoding="utf-8")
    return path


def _text(folder: Path, jinja: str) -> Path:
    """A case whose sammanfattning is `jinja` (quoted as YAML needs)."""
    quoted = jinja.replace("'", "''")
    return _case(folder, replace=("sammanfattning: Förvaltningen tillstyrker förslaget.",
                                  f"sammanfattning: '{quoted}'"))


def _logo(folder: Path, fil: str) -> Path:
    return _case(folder, f"logotyp:\n  fil: {fil}\n  alt: Logotyp\n")


def _png_header(path: Path, width: int, height: int, size: int = 0) -> Path:
    """A PNG whose header claims width × height; `size` makes it that large (sparse)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                                                0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)))
    with path.open("wb") as f:
        f.write(data)
        if size:
            f.seek(size)
        f.write(chunk(b"IEND", b""))
    return path


def _template(folder: Path, name: str = "mall.docx",
              change: Callable[[dict[str, bytes]], None] | None = None) -> Path:
    with zipfile.ZipFile(ROOT / "templates" / "stockholm.docx") as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    if change is not None:
        change(members)
    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for member, data in members.items():
            zf.writestr(member, data)
    return path


def _with_template(folder: Path, **kwargs: object) -> Path:
    template = _template(folder, **kwargs)  # type: ignore[arg-type]
    return _case(folder, f"mall: {template.name}\n")


def _drop(part: str) -> Callable[[dict[str, bytes]], None]:
    return lambda members: members.pop(part)


def _macro(members: dict[str, bytes]) -> None:
    members["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0" + b"\0" * 100
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")


def _content_type(old: bytes, new: bytes) -> Callable[[dict[str, bytes]], None]:
    """Change [Content_Types].xml (a part's type, or which part a type is for)."""
    def change(members: dict[str, bytes]) -> None:
        assert old in members["[Content_Types].xml"]
        members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(old, new)
    return change


def _no_bullets(members: dict[str, bytes]) -> None:
    members["word/numbering.xml"] = members["word/numbering.xml"].replace(
        b'w:val="bullet"', b'w:val="lowerLetter"')


def _no_bullet_at_level_0(members: dict[str, bytes]) -> None:
    members["word/numbering.xml"] = members["word/numbering.xml"].replace(
        b'w:val="bullet"', b'w:val="lowerLetter"', 1)


def _bomb(path: Path, member: str = "word/document.xml", size: int = 200 * 1024 * 1024) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open(member, "w", force_zip64=True) as f:
            block = b"\0" * (1 << 20)
            for _ in range(size >> 20):
                f.write(block)
        zf.writestr("[Content_Types].xml", b"<Types/>")
    return path


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


# Each row: (id, setup(folder) -> command line, expected exit, words the message must hold)
Row = tuple[str, Callable[[Path], list[str]], int, str]


def _build(case: Callable[[Path], Path], *extra: str) -> Callable[[Path], list[str]]:
    return lambda folder: ["bygg", str(case(folder)), *extra]


def _check(case: Callable[[Path], Path]) -> Callable[[Path], list[str]]:
    return lambda folder: ["kontrollera", str(case(folder))]


ROWS: list[Row] = [
    ("nested-loops", _build(lambda f: _text(f, "{% for a in range(99999) %}{% for b in "
                                             "range(99999) %}x{% endfor %}{% endfor %}")),
     1, "looparna går fler än 1 000 000 varv"),
    ("nested-loops-kontrollera", _check(lambda f: _text(
        f, "{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}{% endfor %}")),
     1, "looparna går fler än"),
    ("lipsum", _build(lambda f: _text(f, "{{ lipsum(10**6) }}")), 1,
     "'lipsum' är inte tillgängligt i ärendet"),
    ("list-times", _build(lambda f: _text(f, "{{ (range(10**5)|list) * 1000 }}")), 1,
     "längre än 10 miljoner tecken"),
    ("range-huge", _build(lambda f: _text(f, "{{ (range(10**6)|list) * 1000 }}")), 1,
     "gick inte att fylla i"),
    ("format-width", _build(lambda f: _text(f, "{{ '%0999999999d' | format(1) }}")), 1,
     "längre än 10 miljoner tecken"),
    ("str-format-width", _build(lambda f: _text(f, "{{ '{:>999999999}'.format(1) }}")), 1,
     "längre än 10 miljoner tecken"),
    ("string-times", _build(lambda f: _text(f, "{{ 'a' * 10**9 }}")), 1, "längre än"),
    ("random", _build(lambda f: _text(f, "{{ [1, 2] | random }}")), 1, "okänt filter 'random'"),
    ("macro-recursion", _build(lambda f: _text(
        f, "{% macro f(x) %}{{ f(x) }}{% endmacro %}{{ f(1) }}")), 1,
     "makron ({% macro %}, {% call %}) och rekursiva loopar stöds inte"),
    ("internal-name", _build(lambda f: _text(f, "{{ remiss.update() }}")), 1,
     "'update' är inte tillgängligt i ärendet"),
    ("långt-datum-number", _build(lambda f: _text(f, "{{ 42 | långt_datum }}")), 1,
     "filtret långt_datum behöver ett datum"),
    ("logo-fifo", _build(lambda f: (_fifo(f / "logo.png"), _logo(f, "logo.png"))[1]), 1,
     "ingen vanlig fil"),
    ("logo-dev-zero", _check(lambda f: _logo(f, "/dev/zero")), 1, "ingen vanlig fil"),
    ("logo-sparse-1gb", _build(lambda f: (_png_header(f / "stor.png", 100, 100, 1 << 30),
                                          _logo(f, "stor.png"))[1]), 1, "större än 5 MB"),
    ("logo-4294967295-wide", _build(lambda f: (_png_header(f / "bred.png", 4294967295, 1),
                                               _logo(f, "bred.png"))[1]), 1, "pixlar"),
    ("logo-4294967295-high", _build(lambda f: (_png_header(f / "hög.png", 1, 4294967295),
                                               _logo(f, "hög.png"))[1]), 1, "pixlar"),
    ("logo-nul", _check(lambda f: _logo(f, '"a\\0b.png"')), 1, "finns inte"),
    ("logo-long-name", _check(lambda f: _logo(f, "x" * 300 + ".png")), 1, "finns inte"),
    ("docm-template", _build(lambda f: _case(f, f"mall: {_template(f, 'mall.docm').name}\n")),
     1, "kan inte användas som mall"),
    ("dotx-template", _build(lambda f: _case(f, f"mall: {_template(f, 'mall.dotx').name}\n")),
     1, "kan inte användas som mall"),
    ("macro-content", _build(lambda f: _with_template(f, change=_macro)), 1, "makron"),
    ("no-rels", _build(lambda f: _with_template(f, change=_drop("_rels/.rels"))), 1,
     "saknar delen _rels/.rels"),
    ("no-content-types", _build(lambda f: _with_template(f, change=_drop(
        "[Content_Types].xml"))), 1, "saknar delen [Content_Types].xml"),
    ("no-body", _build(lambda f: _with_template(f, change=_drop("word/document.xml"))), 1,
     "saknar delen word/document.xml"),
    ("broken-rels", _build(lambda f: _with_template(f, change=lambda m: m.update(
        {"_rels/.rels": b"<Relationships"}))), 1, "_rels/.rels är trasig"),
    ("mall-kontrollera-broken-rels", lambda f: ["mall", "kontrollera", str(_template(
        f, change=lambda m: m.update({"_rels/.rels": b"<Relationships"})))], 1,
     "_rels/.rels är trasig"),
    ("wrong-body-type", _build(lambda f: _with_template(f, change=_content_type(
        b"wordprocessingml.document.main+xml", b"wordprocessingml.document.main+xml>"))), 1,
     "word/document.xml har fel innehållstyp"),
    ("mall-kontrollera-wrong-styles-type", lambda f: ["mall", "kontrollera", str(_template(
        f, change=_content_type(b'PartName="/word/styles.xml"',
                                b'PartName="/word/stilar.xml"')))], 1,
     "word/styles.xml har fel innehållstyp"),
    ("numbering-without-bullets", _build(lambda f: _with_template(f, change=_no_bullets)), 1,
     "saknar listformat för punktlistor"),
    ("numbering-repaired", _build(lambda f: _with_template(f, change=_no_bullet_at_level_0)),
     0, ""),
    ("template-zip-bomb", _build(lambda f: _case(f, f"mall: {_bomb(f / 'bomb.docx').name}\n")),
     1, "packas upp till mer än 50 MB"),
    ("many-list-items", _check(lambda f: _case(f, "expedieras_till:\n" + "  - x\n" * 120_000)),
     1, "fler än 100000 värden"),
    ("tab-indent", _check(lambda f: _case(f, replace=("  namn: Olle Berg", "\tnamn: Olle Berg"))),
     1, "tabb som indrag"),
    ("tab-in-block", _check(lambda f: _case(f, "bakgrund: |\n  rad ett\n\trad två\n")), 1,
     "tabb som indrag"),
    ("case-50mb", _check(lambda f: _case(f, "bakgrund: |\n" + ("  Ett stycke text.\n\n"
                                                              * 2_800_000))), 1,
     "större än 20 MB"),
    ("case-fifo", lambda f: ["kontrollera", str(_fifo(f / "fall.yaml"))], 1, "ingen vanlig fil"),
    ("profile-fifo", lambda f: ["kontrollera", str(_case(f)), "--profil",
                                str(_fifo(f / "profil.yaml"))], 1, "ingen vanlig fil"),
    ("import-zip-bomb", lambda f: ["importera", str(_bomb(f / "gammal.docx"))], 1,
     "packas upp till mer än"),
    ("import-fifo", lambda f: ["importera", str(_fifo(f / "gammal.txt"))], 1,
     "ingen vanlig fil"),
    ("target-zip-bomb", lambda f: ["bygg", str(_case(f)), "-o", str(_bomb(f / "ut.docx"))], 3,
     "packas upp till mer än"),
    ("pdf-is-folder", lambda f: (os.mkdir(f / "fall.pdf"), ["bygg", str(_case(f)), "--pdf"])[1],
     3, "är en mapp"),
]


@pytest.mark.parametrize(("setup", "expected", "words"), [r[1:] for r in ROWS],
                         ids=[r[0] for r in ROWS])
def test_hostile_input_is_bounded_and_located(tmp_path: Path, setup: Callable[[Path], list[str]],
                                              expected: int, words: str) -> None:
    argv = setup(tmp_path)
    before = {p.name for p in tmp_path.iterdir()}
    try:
        done = subprocess.run([sys.executable, "-c", _RUNNER, *argv], capture_output=True,
                              text=True, timeout=TIMEOUT, check=False, cwd=tmp_path,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"remissgen {' '.join(argv[:2])} hung for {TIMEOUT} s")
    assert done.returncode == expected, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "internt fel" not in done.stderr
    if expected:
        assert LOCATED.search(done.stderr), done.stderr[-2000:]
        assert words in done.stderr, done.stderr[-2000:]
        made = {p.name for p in tmp_path.iterdir()} - before
        assert not {n for n in made if n.endswith((".docx", ".pdf"))}, made  # nothing written


def test_a_wide_logo_is_clamped_to_the_header_keeping_its_aspect(tmp_path: Path) -> None:
    from remissgen.word import docx_writer

    wide = docx_writer.image(make_png(tmp_path / "bred.png", 4000, 100), "Bred")
    assert wide.width == int(docx_writer.LOGO_MAX_WIDTH_CM * 360000)
    assert abs(wide.width / wide.height - 40) < 0.01
    narrow = docx_writer.image(make_png(tmp_path / "smal.png", 120, 40), "Smal")
    assert narrow.height == int(1.2 * 360000) and abs(narrow.width / narrow.height - 3) < 0.01


@pytest.mark.parametrize(("name", "data"), [
    ("U+2028 in a block text", "sammanfattning: |\n  rad\u2028ett\n  rad två\n"),
    ("U+2029 in a plain text", "sammanfattning: rad\u2029ett\n"),
    ("NEL in a quoted text", 'sammanfattning: "rad\u0085ett"\n'),
])
def test_unicode_line_separators_are_text_and_later_lines_stay_right(
        tmp_path: Path, name: str, data: str) -> None:
    from remissgen import source

    text = MINIMAL.replace("sammanfattning: Förvaltningen tillstyrker förslaget.\n", data)
    text += "okänd_nyckel: 1\n"
    lines = text.split("\n")
    expected_line = next(i for i, line in enumerate(lines, 1) if line.startswith("okänd_nyckel"))
    parsed = source.parse(text, "fall.yaml")
    assert isinstance(parsed.root, source.Mapping)
    summary = parsed.root.get("sammanfattning")
    assert isinstance(summary, source.Scalar) and "rad ett" in summary.value  # a space
    key = next(k for k, _ in parsed.root.items if k.value == "okänd_nyckel")
    assert key.location.line == expected_line


@pytest.mark.parametrize(("name", "newline", "bom"), [
    ("LF", "\n", ""), ("CRLF", "\r\n", ""), ("CR", "\r", ""), ("BOM and LF", "\n", "\ufeff")])
def test_lines_are_counted_by_lf_crlf_and_cr_only(tmp_path: Path, name: str, newline: str,
                                                  bom: str) -> None:
    from remissgen import source

    text = MINIMAL + "okänd_nyckel: 1\n"
    expected_line = text.split("\n").index("okänd_nyckel: 1") + 1
    path = tmp_path / "fall.yaml"
    path.write_bytes((bom + text.replace("\n", newline)).encode("utf-8"))
    parsed = source.read(path)
    assert isinstance(parsed.root, source.Mapping)
    key = next(k for k, _ in parsed.root.items if k.value == "okänd_nyckel")
    assert (key.location.line, key.location.column) == (expected_line, 1)


def test_fields_holding_jinja_are_rendered_in_dependency_order(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    import docx

    case = _case(tmp_path, replace=("sammanfattning: Förvaltningen tillstyrker förslaget.",
                                    "sammanfattning: 'Kort: {{ synpunkter }}'"))
    text = case.read_text(encoding="utf-8").replace(
        "synpunkter: Förvaltningen har inga synpunkter utöver sammanfattningen.",
        "synpunkter: 'Om {{ remiss.ärende }} finns inget att tillägga.'")
    case.write_text(text, encoding="utf-8")
    out = tmp_path / "ut.docx"
    assert run("bygg", case, "-o", out).code == 0
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "Kort: Om Förslag till ny kulturpolicy finns inget att tillägga." in paragraphs
    assert not any("{{" in p for p in paragraphs)


def test_fields_reading_each_other_are_a_cycle_refused_at_each(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    case = _case(tmp_path, replace=("sammanfattning: Förvaltningen tillstyrker förslaget.",
                                    "sammanfattning: 'Kort: {{ synpunkter }}'"))
    text = case.read_text(encoding="utf-8").replace(
        "synpunkter: Förvaltningen har inga synpunkter utöver sammanfattningen.",
        "synpunkter: 'Se {{ sammanfattning }}'")
    case.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines, 1) if line.startswith("sammanfattning:"))
    second = next(i for i, line in enumerate(lines, 1) if line.startswith("synpunkter:"))
    result = run("bygg", case, "-o", tmp_path / "ut.docx")
    assert result.code == 1
    assert (f"{case}:{first}:17: fel: 'sammanfattning' läser sig själv genom {{{{ … }}}} "
            "(via synpunkter)") in result.err
    assert f"{case}:{second}:13: fel: 'synpunkter' läser sig själv" in result.err
    assert not (tmp_path / "ut.docx").exists()
