"""The code is in the house style: ``ruff check`` finds nothing and ``ruff format`` would
change nothing (settings in pyproject.toml), so a diff shows only what it changes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.core.cli_support import REPO

PATHS = ("readingroom", "ui", "tests", "bench", "scripts", "main.py")


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_ruff_finds_nothing(command: list[str]) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "ruff", *command, *PATHS],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
