"""mypy, as configured in pyproject.toml, finds nothing.

One run of ``mypy`` from the project's root checks both packages: ``readingroom/`` under
every flag of ``--strict`` (per-module settings in ``[tool.mypy]``) and ``ui/`` under mypy's
defaults. Any error anywhere fails here.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.cli_support import REPO

ERROR = re.compile(r"^(?P<path>[^:\s]+\.py):\d+: error: ", re.MULTILINE)


@pytest.fixture(scope="module")
def mypy_output(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The report of one ``mypy`` run over the configured packages (a fresh cache)."""
    cache = tmp_path_factory.mktemp("mypy-cache")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(cache)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode in (0, 1), done.stderr or done.stdout  # 2: mypy itself failed
    return done.stdout


def test_mypy_checks_both_packages(mypy_output: str) -> None:
    summary = mypy_output.strip().splitlines()[-1]
    checked = re.search(r"(\d+) source files?", summary)
    assert checked, summary
    expected = len(list((REPO / "readingroom").rglob("*.py"))) + len(
        list((REPO / "ui").rglob("*.py"))
    )
    assert int(checked[1]) >= expected, summary  # every module, not just a few


def test_mypy_finds_nothing(mypy_output: str) -> None:
    found = [line for line in mypy_output.splitlines() if ERROR.match(line)]
    assert not found, "mypy (strict for readingroom/) finds:\n" + "\n".join(found)


def _mypy_as(module: Path, text: str, tmp_path: Path) -> str:
    """mypy's report on ``module`` as if it read ``text`` (``--shadow-file``)."""
    shadow = tmp_path / "shadow.py"
    shadow.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--shadow-file",
            str(module),
            str(shadow),
            str(module),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode in (0, 1), done.stderr or done.stdout
    return done.stdout


UNTYPED = "def untyped(x):\n    return [x]\n"


def test_readingroom_is_held_to_strict(tmp_path: Path) -> None:
    """The per-module flags really are --strict's: an unannotated function is an error in a
    readingroom module, and not in a ui module (ui/ keeps mypy's defaults)."""
    domain = _mypy_as(Path("readingroom/paths.py"), UNTYPED, tmp_path)
    assert "[no-untyped-def]" in domain, domain
    window = _mypy_as(Path("ui/widgets/heading.py"), UNTYPED, tmp_path)
    assert "[no-untyped-def]" not in window, window
