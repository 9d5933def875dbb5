"""Catalogues made before a migration: the migrations folder without it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from readingroom.store import db as db_module


def migrations_without(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *held_back: str) -> None:
    """The numbered migrations but those matching ``held_back`` (``"0026_*"``) are the
    store's for the rest of the test, or until ``monkeypatch.undo()``: a catalogue opened
    meanwhile is made as a program before them made it."""
    before = tmp_path / "migrations"
    shutil.copytree(
        db_module.MIGRATIONS_DIR,
        before,
        ignore=shutil.ignore_patterns("__pycache__", *held_back),
    )
    monkeypatch.setattr(db_module, "MIGRATIONS_DIR", before)
