"""The command `remissgen redigera`: its printed line, Ctrl+C, a new file, usage errors."""

from __future__ import annotations

import re
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from .conftest import SEED_CASE, Result

LINE = re.compile(r"^Öppna http://127\.0\.0\.1:(\d+)/\?nyckel=([A-Za-z0-9_-]{22,}) i webbläsaren$")


def _start(*args: str | Path, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "remissgen", "redigera", *map(str, args)],
                            cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8")


def _stop(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    return proc.returncode, out, err


def test_it_prints_the_address_with_a_key_at_once_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    shutil.copy(SEED_CASE, tmp_path / "fall.yaml")
    proc = _start("fall.yaml", "--utan-webbläsare", cwd=tmp_path)
    assert proc.stdout is not None
    first = proc.stdout.readline().rstrip("\n")  # flushed: readable while the server runs
    found = LINE.match(first)
    assert found, first
    with socket.create_connection(("127.0.0.1", int(found.group(1))), timeout=5):
        pass  # it listens on 127.0.0.1
    code, _, err = _stop(proc)
    assert code == 0
    assert "redigera avslutad" in err
    assert "Traceback" not in err


def test_a_missing_file_is_made_from_the_starter(tmp_path: Path) -> None:
    proc = _start("nytt.yaml", "--utan-webbläsare", cwd=tmp_path)
    assert proc.stdout is not None
    while not LINE.match(proc.stdout.readline().rstrip("\n")):
        assert proc.poll() is None
    code, _, err = _stop(proc)
    assert code == 0
    made = (tmp_path / "nytt.yaml").read_text(encoding="utf-8")
    assert "förvaltning:" in made and "underskrifter:" in made
    assert (tmp_path / "remissgen-schema.json").exists()
    assert "nytt.yaml fanns inte" in err


def test_without_a_file_it_is_a_usage_error_with_a_tip(run: Callable[..., Result]) -> None:
    result = run("redigera")
    assert result.code == 2
    assert "ange ärendefilen att redigera" in result.err
    assert "tips: till exempel 'remissgen redigera ärende.yaml'" in result.err


def test_a_folder_is_a_usage_error(run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("redigera", tmp_path)
    assert result.code == 2
    assert "är en mapp" in result.err and "tips:" in result.err


def test_a_port_in_use_is_said_in_swedish(run: Callable[..., Result], tmp_path: Path) -> None:
    shutil.copy(SEED_CASE, tmp_path / "fall.yaml")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = run("redigera", tmp_path / "fall.yaml", "--port", str(port),
                     "--utan-webbläsare")
    assert result.code == 2
    assert f"porten {port} används redan av ett annat program" in result.err
    assert "tips: välj en annan port med --port" in result.err
    assert result.out == ""


def test_a_bad_port_is_a_usage_error(run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("redigera", tmp_path / "fall.yaml", "--port", "70000")
    assert result.code == 2
    assert "porten måste vara ett heltal mellan 1 och 65535" in result.err


def test_a_missing_file_beside_a_profile_leaves_the_profile_s_fields_out(tmp_path: Path) -> None:
    from .conftest import ROOT

    shutil.copytree(ROOT / "docs" / "exempel", tmp_path, dirs_exist_ok=True)
    proc = _start("nytt.yaml", "--utan-webbläsare", cwd=tmp_path)
    assert proc.stdout is not None
    while not LINE.match(proc.stdout.readline().rstrip("\n")):
        assert proc.poll() is None
    _stop(proc)
    made = (tmp_path / "nytt.yaml").read_text(encoding="utf-8")
    assert "# från profilen: Socialförvaltningen" in made
    assert "\nförvaltning:" not in made
