"""The command line speaks Swedish, keeps the contract's exit codes and never shows a traceback."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from remissgen import pipeline

from .conftest import SEED_CASE, Result


def test_help_is_swedish(run: Callable[..., Result]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run("--help")
    assert exit_info.value.code == 0


def test_help_text_has_no_english_argparse_words(capsys: pytest.CaptureFixture[str]) -> None:
    from remissgen.cli import main

    for args in (["--help"], ["bygg", "--help"], ["kontrollera", "--help"]):
        with pytest.raises(SystemExit):
            main(args)
        out = capsys.readouterr().out
        assert out.startswith("användning: remissgen")
        assert "flaggor:" in out and "visa den här hjälpen och avsluta" in out
        for english in ("usage:", "options:", "show this help", "positional arguments"):
            assert english not in out


@pytest.mark.parametrize(("args", "words"), [
    (["byg", "x.yaml"], ["okänt kommando 'byg'", "Menade du 'bygg'?"]),
    (["bygg"], ["följande argument saknas: FALL.yaml"]),
    (["bygg", "--okänd", "x.yaml"], ["okända argument: --okänd"]),
    (["bygg", "x.yaml", "-o"], ["-o", "ett värde saknas"]),
])
def test_wrong_usage_exits_2_in_swedish(run: Callable[..., Result], args: list[str],
                                        words: list[str]) -> None:
    result = run(*args)
    assert result.code == 2
    assert result.err.startswith("remissgen")
    for word in words:
        assert word in result.err
    assert "tips: se 'remissgen" in result.err


def test_no_command_prints_help_and_exits_2(run: Callable[..., Result]) -> None:
    result = run()
    assert result.code == 2 and "användning: remissgen" in result.out


def test_an_internal_error_is_one_swedish_line_without_traceback(
        run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def broken(*args: object) -> bytes:
        raise RuntimeError("bug")

    monkeypatch.setattr(pipeline, "build", broken)
    result = run("bygg", SEED_CASE, "-o", tmp_path / "ut.docx")
    assert result.code == 5
    assert result.err.count("\n") == 1
    assert "oväntat internt fel" in result.err and "--debug" in result.err
    assert "Traceback" not in result.err and not (tmp_path / "ut.docx").exists()


def test_debug_shows_the_traceback(run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch,
                                   tmp_path: Path) -> None:
    def broken(*args: object) -> bytes:
        raise RuntimeError("bug")

    monkeypatch.setattr(pipeline, "build", broken)
    with pytest.raises(RuntimeError, match="bug"):
        run("--debug", "bygg", SEED_CASE, "-o", tmp_path / "ut.docx")


def test_written_paths_go_to_stdout_and_nothing_else(run: Callable[..., Result],
                                                     tmp_path: Path) -> None:
    result = run("bygg", SEED_CASE, "-o", tmp_path / "ut.docx")
    assert result.code == 0
    assert result.out == f"{tmp_path / 'ut.docx'}\n"


def test_an_internal_error_in_a_batch_names_the_case_and_the_others_are_built(
        run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from .conftest import CASES

    real = pipeline.build

    def broken_for_seed(loaded: pipeline.Loaded, case_path: Path, *rest: Any) -> bytes:
        if case_path == SEED_CASE:
            raise RuntimeError("bug")
        return real(loaded, case_path, *rest)

    monkeypatch.setattr(pipeline, "build", broken_for_seed)
    result = run("bygg", SEED_CASE, CASES / "minimal.yaml", "-o", tmp_path)
    assert result.code == 5
    assert f"{SEED_CASE}:1:1: fel: ett oväntat internt fel" in result.err
    assert result.out.split() == [str(tmp_path / "minimal.docx")]
    assert "Traceback" not in result.err


def test_kontrollera_takes_a_folder_and_checks_a_template_of_ones_own(
        run: Callable[..., Result], tmp_path: Path) -> None:
    import shutil

    from .conftest import CASES

    shutil.copy(CASES / "minimal.yaml", tmp_path / "a.yaml")
    (tmp_path / "trasig.docx").write_text("inte ett Word-dokument", encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        (CASES / "minimal.yaml").read_text(encoding="utf-8") + "mall: trasig.docx\n",
        encoding="utf-8")
    result = run("kontrollera", tmp_path)
    assert result.code == 1
    assert result.out.splitlines() == [f"{tmp_path / 'a.yaml'}: inga fel"]
    assert "trasig.docx" in result.err and "ingen Word-fil" in result.err


def test_version_prints_the_installed_version(run: Callable[..., Result],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from remissgen import __version__
    from remissgen.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"remissgen {__version__}"


@pytest.mark.parametrize(("args", "suggestion"), [
    (["bygg", "x.yaml", "--bevak"], "--bevaka"),
    (["bygg", "x.yaml", "--tving"], "--tvinga"),
    (["granska", "x.yaml", "--strik"], "--strikt"),
])
def test_a_misspelt_flag_is_never_taken_for_a_longer_one(
        run: Callable[..., Result], tmp_path: Path, args: list[str], suggestion: str) -> None:
    """No prefix matching: `--bevak` once started --bevaka, which never ends by itself."""
    result = run(*args)
    assert result.code == 2
    assert f"okänd flagga '{args[-1]}'. Menade du '{suggestion}'?" in result.err


def _help(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    from remissgen.cli import main

    with pytest.raises(SystemExit):
        main([*args, "--help"])
    return capsys.readouterr().out


def test_granska_help_lists_every_rule_and_what_it_checks(
        capsys: pytest.CaptureFixture[str]) -> None:
    from remissgen.remissvar.spec import REVIEW_RULES

    out = _help(capsys, "granska")
    listed = dict(re.findall(r"^  (\S+) {2,}(.+)$", out.split("regler (")[1], re.M))
    assert list(listed) == list(REVIEW_RULES)
    assert listed["långa-meningar"] == "en mening har fler än 30 ord"
    assert "README" not in out  # an installed user has no README


@pytest.mark.parametrize("columns", ["40", "57", "80", "123"])
@pytest.mark.parametrize("command", ["bygg", "kontrollera", "granska", "ny", "schema",
                                     "importera", "mall", "mall kopiera", "mall kontrollera",
                                     "mallar", "jämför", "redigera", ""])
def test_help_keeps_file_names_whole_and_says_what_for(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: str,
        columns: str) -> None:
    monkeypatch.setenv("COLUMNS", columns)  # argparse wraps to the terminal's width
    out = _help(capsys, *command.split())
    assert not re.search(r"remissgen-\s*\n", out)  # never "remissgen-⏎profil.yaml"
    assert not re.search(r"[\w.]-\n", out)  # nor any other name broken at its hyphen
    assert "draft 2020-12" not in out
    if command == "schema":
        assert "editor" in out and "nycklar" in out


@pytest.mark.parametrize(("out", "code", "written"), [
    ("ut.docx", 0, "ut.docx"),
    ("svar/", 0, "svar/sociala-foretag.docx"),  # a trailing slash: a folder, created
    ("finns", 0, "finns/sociala-foretag.docx"),  # an existing folder
    ("ut.pdf", 2, None),  # neither a .docx nor a folder: once made a folder 'ut.pdf'
    ("svar", 2, None),  # once made a folder 'svar' for one case
])
def test_o_for_one_case_is_a_docx_or_a_folder(
        run: Callable[..., Result], tmp_path: Path, out: str, code: int,
        written: str | None) -> None:
    (tmp_path / "finns").mkdir()
    result = run("bygg", SEED_CASE, "-o", f"{tmp_path}/{out}")
    assert result.code == code, result.err
    if written is None:
        assert f"-o '{tmp_path}/{out}' är varken en .docx-fil eller en mapp" in result.err
        assert "tips: skriv -o " in result.err and ".docx för en fil" in result.err
        assert sorted(p.name for p in tmp_path.iterdir()) == ["finns"]  # nothing made
    else:
        assert (tmp_path / written).is_file()
        assert result.out.strip() == str(tmp_path / written)


def _on_a_terminal(args: list[str], cwd: Path) -> str:
    """Return what `remissgen ARGS` writes to a terminal (a pseudo-terminal, both streams)."""
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import sys
    import termios

    main_fd, child_fd = pty.openpty()
    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**os.environ, "COLUMNS": "100"}
    proc = subprocess.Popen([sys.executable, "-m", "remissgen", *args], cwd=cwd, env=env,
                            stdin=child_fd, stdout=child_fd, stderr=child_fd)
    os.close(child_fd)
    chunks = []
    while True:
        try:
            data = os.read(main_fd, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(main_fd)
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_batch_on_a_terminal_prints_through_the_bar_and_says_the_profile_once(
        tmp_path: Path) -> None:
    """In tmux the bar once garbled the terminal (lines printed into it) and stayed at 0 %."""
    import shutil

    (tmp_path / "remissgen-profil.yaml").write_text("kommun: Stockholms stad\n",
                                                    encoding="utf-8")
    for name in ("a", "b", "c"):
        shutil.copy(SEED_CASE, tmp_path / f"{name}.yaml")
    text = _on_a_terminal(["bygg", "a.yaml", "b.yaml", "c.yaml"], tmp_path)
    lines = text.replace("\r\n", "\n").split("\n")
    shown = [line.rsplit("\r", 1)[-1].strip() for line in lines]  # what stays on screen
    for name in ("a", "b", "c"):
        assert f"{name}.docx" in shown  # a whole line of its own, never inside the bar
    assert sum("använder profilen" in s for s in shown) == 1
    assert not any(s.startswith(("a.yaml: använder", "b.yaml: använder")) for s in shown)
    summary = next(s for s in shown if s.startswith("3 dokument byggda"))
    assert "varningar från granskningen i 3 av dem (visa dem med --granska)" in summary
    assert not any("varningar från granskningen (visa" in s for s in shown)  # not per file
    bar = re.findall(r"bygger: +\d+% \|[^|]*\| (\d)/3", text)
    assert "1" in bar and "2" in bar  # updated per document
    assert "dokument/s" not in text and "?" not in "".join(re.findall(r"bygger:[^\r\n]*", text))


def test_a_command_parsed_alone_has_the_options_and_help_it_has_among_all() -> None:
    from remissgen import cli

    def commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
        action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        return dict(action.choices)

    every = commands(cli._parser())
    assert sorted(every) == sorted(cli.COMMANDS)
    for name in cli.COMMANDS:
        alone = commands(cli._parser(name))
        assert list(alone) == [name]
        assert alone[name].format_help() == every[name].format_help()
        assert ([a.option_strings for a in alone[name]._actions]
                == [a.option_strings for a in every[name]._actions])


def test_a_misspelt_flag_is_matched_against_the_commands_own_flags(
        run: Callable[..., Result]) -> None:
    result = run("granska", "x.yaml", "--bevak")  # --bevaka is bygg's: not suggested here
    assert result.code == 2
    assert "--bevaka" not in result.err and "--bevak" in result.err


_ENTRY = """
import gc, sys
from remissgen import cli
from remissgen.commands import kontrollera
original = kontrollera.run
def run(args):
    print("körs", gc.isenabled(), gc.get_freeze_count() > 1000)
    return original(args)
kontrollera.run = run
sys.argv = ["remissgen", "kontrollera", sys.argv[1]]
status = cli.entry()
print("klar", gc.isenabled(), status)
"""


def test_the_command_runs_with_its_imports_frozen_and_the_collector_on() -> None:
    """`entry` imports the command's modules with the collector off, freezes them, and runs
    the command with the collector on again (a watch or the editor runs for hours)."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _ENTRY, str(SEED_CASE)], capture_output=True,
                          text=True, check=False, timeout=120)
    said = [line for line in done.stdout.splitlines() if line.startswith(("körs", "klar"))]
    assert said == ["körs True True", "klar True 0"], done.stdout + done.stderr
