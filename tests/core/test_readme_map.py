"""The README's "How it is built" table is true: every service it names exists in the
domain, every command parses, every window file exists. A newcomer finds any use case's
three doors in one hop, and a rename that forgets the table fails here."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from readingroom.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
CODE = re.compile(r"`([^`]+)`")


def _rows() -> list[list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## How it is built", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]


ROWS = _rows()


def test_the_table_names_the_use_cases():
    assert len(ROWS) >= 25
    assert {row[0] for row in ROWS} >= {"lend", "take a copy back", "stocktake", "reports"}


@pytest.mark.parametrize("row", ROWS, ids=[row[0] for row in ROWS])
def test_each_service_exists(row: list[str]) -> None:
    for name in CODE.findall(row[1]):
        module, _, function = name.rpartition(".")
        assert callable(getattr(importlib.import_module(f"readingroom.{module}"), function))


@pytest.mark.parametrize("row", ROWS, ids=[row[0] for row in ROWS])
def test_each_command_parses(row: list[str]) -> None:
    parser = build_parser()
    choices = parser._subparsers._group_actions[0].choices  # noqa: SLF001
    for command in CODE.findall(row[2]):
        words = command.split()
        if words[0] in {"every", "--db", "--user"}:
            continue
        assert words[0] in choices, command
        sub = choices[words[0]]
        if len(words) > 1 and sub._subparsers is not None:  # noqa: SLF001
            assert words[1] in sub._subparsers._group_actions[0].choices, command  # noqa: SLF001


@pytest.mark.parametrize("row", ROWS, ids=[row[0] for row in ROWS])
def test_each_window_file_exists(row: list[str]) -> None:
    for path in CODE.findall(row[3]):
        assert (ROOT / path).is_file(), path
