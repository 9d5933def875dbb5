"""Helpers for the reliability tests: the command line in-process, run sizes, figures, damage.

Run sizes: each fault or property test has a CI count and a full count; ``READINGROOM_FULL=1``
selects the full one. Figures: with ``READINGROOM_FIGURES=FILE`` each test appends what it
measured (trials, operations, cases) as one JSON line, for ``docs/RELIABILITY.md``.
"""

from __future__ import annotations

import io
import json
import os
import random
import sqlite3
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from readingroom.cli import main

FULL_ENV, FIGURES_ENV = "READINGROOM_FULL", "READINGROOM_FIGURES"
PAGE_SIZE = 4096


def full_run() -> bool:
    return os.environ.get(FULL_ENV) == "1"


def size(ci: int, full: int) -> int:
    """The count for this run: ``full`` with READINGROOM_FULL=1, else ``ci``."""
    return full if full_run() else ci


def record_figures(test: str, **figures: object) -> None:
    """Append one JSON line of figures to $READINGROOM_FIGURES (when set)."""
    target = os.environ.get(FIGURES_ENV)
    if not target:
        return
    line = {"test": test, "full": full_run(), "at": time.strftime("%Y-%m-%d %H:%M"), **figures}
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(line, ensure_ascii=False) + "\n")


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def run_cli(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
    *args: str,
    user: str | None = None,
    password: str | None = None,
    key: str | None = None,
    stdin: str | None = None,
) -> CliResult:
    """``readingroom ARGS`` in this process, signed in as ``user`` through the environment;
    ``stdin`` is what a pipe would feed (not a terminal)."""
    capsys.readouterr()
    with monkeypatch.context() as patch:
        for name, value in (
            ("READINGROOM_USER", user),
            ("READINGROOM_PASSWORD", password),
            ("READINGROOM_KEY", key),
        ):
            if value is None:
                patch.delenv(name, raising=False)
            else:
                patch.setenv(name, value)
        patch.setattr(sys, "stdin", io.StringIO(stdin or ""))
        try:
            code = main(list(args))
        except SystemExit as usage:  # argparse refusing the command line
            code = usage.code if isinstance(usage.code, int) else 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err, captured.err
    return CliResult(code, captured.out, captured.err)


def dump(path: Path) -> str:
    """A plain database's whole content as SQL text, through its own connection."""
    connection = sqlite3.connect(path)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


def checkpoint(path: Path) -> None:
    """Fold the WAL into the main file (so byte-level damage lands where it is meant to)."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def table_pages(path: Path, table: str) -> list[int]:
    """The page numbers of ``table``'s b-tree (needs the dbstat virtual table)."""
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute("SELECT pageno FROM dbstat WHERE name = ?", (table,))
        return sorted(r[0] for r in rows)
    finally:
        connection.close()


def corrupt_pages(path: Path, pages: list[int], seed: int = 5) -> None:
    """Overwrite the middle of each page (1-based numbers) with random bytes."""
    rng = random.Random(seed)
    with open(path, "r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * PAGE_SIZE + 8)
            handle.write(bytes(rng.randrange(256) for _ in range(PAGE_SIZE - 16)))
