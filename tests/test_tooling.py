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


def test_gitignore_covers_the_readmes_own_output() -> None:
    """The README's first command writes tjansteutlatande.docx in the repository."""
    import fnmatch
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    first = readme.split("```sh\n", 1)[1].split("```", 1)[0]  # the commands one copies first
    written = re.findall(r"-o (\S+\.docx)", first)
    patterns = [line.strip().lstrip("/") for line in
                (root / ".gitignore").read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith(("#", "!"))]
    assert "tjansteutlatande.docx" in written
    for name in written:
        if "/" not in name:
            assert any(fnmatch.fnmatch(name, p) for p in patterns), name
