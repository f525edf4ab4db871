"""redigera's usage errors each carry their own problem code (README's list), not only the
generic `användning`, located at the command (line 0), with a tip; exit 2."""

from __future__ import annotations

import argparse
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from remissgen.commands import redigera
from remissgen.errors import UsageError
from remissgen.redigera import run as running

from .conftest import Result


def _args(fil: str | None) -> argparse.Namespace:
    return argparse.Namespace(fil=fil, port=None, profil=None, utan_webbläsare=True,
                              debug=False)


def _problem(error: pytest.ExceptionInfo[UsageError]) -> tuple[str, str, int, str | None]:
    [p] = error.value.problems
    assert error.value.exit_code == 2 and p.severity == "fel" and p.hint
    return p.code, p.path, p.line, p.hint


def test_no_file_named(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as error:
        redigera.run(_args(None))
    assert _problem(error)[:3] == ("ingen-fil", "remissgen redigera", 0)


def test_a_folder(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as error:
        redigera.run(_args(f"{tmp_path}/"))
    code, _, _, tip = _problem(error)
    assert code == "fil-är-mapp" and f"{tmp_path}/ärende.yaml" in str(tip)


@pytest.mark.parametrize("name", ["fall.docx", "fall.PDF", "fall.odt"])
def test_a_document_instead_of_its_case_file(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"PK\x03\x04 not a case file")
    with pytest.raises(UsageError) as error:
        redigera.run(_args(str(tmp_path / name)))
    code, _, _, tip = _problem(error)
    assert code == "inte-yaml" and str(tmp_path / "fall.yaml") in str(tip)
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # nothing written beside it


def test_a_port_in_use() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        with pytest.raises(UsageError) as error:
            running.bind(busy.getsockname()[1])
    assert _problem(error)[:3] == ("port-upptagen", "remissgen redigera", 0)


def test_a_port_that_cannot_be_listened_on(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: socket.socket, address: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(socket.socket, "bind", refuse)
    with pytest.raises(UsageError) as error:
        running.bind(80)
    assert _problem(error)[0] == "port-fel"


@pytest.mark.parametrize("value", ["70000", "0", "åtta"])
def test_a_port_out_of_range(value: str) -> None:
    with pytest.raises(UsageError) as error:
        redigera.port(value)
    assert _problem(error)[0] == "port-ogiltig"


def test_the_command_line_prints_them_as_before(run: Callable[..., Result],
                                                tmp_path: Path) -> None:
    result = run("redigera", tmp_path / "fall.yaml", "--port", "70000")
    assert result.code == 2
    assert result.err.startswith("remissgen redigera: fel: porten måste vara ett heltal")
    assert "\n    tips: till exempel --port 8765" in result.err
    (tmp_path / "fall.docx").write_bytes(b"PK")
    result = run("redigera", tmp_path / "fall.docx")
    assert result.code == 2 and "är ett dokument, inte en ärendefil" in result.err
    assert "Traceback" not in result.err
