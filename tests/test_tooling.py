"""The code stays ruff-clean and type-checked: the test suite runs both, so CI holds the line."""

from __future__ import annotations

import shutil
import subprocess
import sys

from .conftest import ROOT


def _tool(name: str) -> list[str]:
    found = shutil.which(name, path=str(ROOT / ".venv" / "bin")) or shutil.which(name)
    return [found] if found else [sys.executable, "-m", name]


def test_ruff_is_clean() -> None:
    done = subprocess.run([*_tool("ruff"), "check", "."], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_strict_is_clean() -> None:
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
