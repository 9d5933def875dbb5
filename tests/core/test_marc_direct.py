"""The direct import (a large file into a catalogue with no works, written batch by batch as
it is read: ``importing._import_directly``) gives exactly what the staged import gives, on
every real file in tests/data/marc: the same works, copies and identifiers with the same
ids, the same search index, the same summary and audit entry, the same refusal. Anything
irregular (a record that cannot be read or mapped, a barcode twice) is left to the staged
import, after the batches already written are rolled back."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from readingroom import clock, marc, staff
from readingroom.errors import ImportFailed
from readingroom.marc import importing
from readingroom.store.db import close_database, database, open_database
from tests.conftest import PASSWORD

DATA = Path(__file__).resolve().parents[1] / "data" / "marc"
FILES = sorted(p.name for p in DATA.iterdir() if p.suffix in (".mrc", ".xml"))
STAGED_ONLY = 1 << 40


def catalogue_after(
    folder: Path, name: str, direct_from: int, monkeypatch: pytest.MonkeyPatch, **options: Any
) -> dict[str, Any]:
    """What importing ``name`` into a new catalogue did: the summary or the refusal, every
    row written, the search index, and the import's audit entries."""
    monkeypatch.setattr(importing, "DIRECT_FROM_BYTES", direct_from)
    staged: list[bool] = []
    create = importing._Staging.create
    monkeypatch.setattr(
        importing._Staging, "create", lambda self: staged.append(True) or create(self)
    )
    path = folder / f"{len(list(folder.iterdir()))}.db"
    open_database(path, create=True)
    try:
        boss = staff.create_first_supervisor("boss", PASSWORD, "Chief Supervisor")
        try:
            said: Any = marc.import_marc(boss, DATA / name, **options).as_dict()
        except ImportFailed as refused:
            said = refused.lines
        return {"said": said, **_rows(), "staged": bool(staged)}
    finally:
        close_database()


def _rows() -> dict[str, Any]:
    tables = {
        table: database.execute_sql(f"SELECT * FROM {table} ORDER BY id").fetchall()
        for table in ("work", "copy", "work_identifier")
    }
    index = database.execute_sql("SELECT rowid, * FROM work_fts ORDER BY rowid").fetchall()
    entries = []
    images: dict[str, dict[str, Any]] = {}
    for action, details in database.execute_sql(
        "SELECT action, details FROM audit_entry WHERE action IN ('import-marc', 'after-images') "
        "ORDER BY id"
    ):
        found = json.loads(details)
        for table, rows in found.pop("after", {}).items():
            images.setdefault(table, {}).update(rows)
        entries.append((action, found) if action == "import-marc" else action)
    return {**tables, "index": index, "entries": entries, "images": images}


@pytest.fixture
def same_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 12, 8, 1, 0, 0))


@pytest.mark.parametrize("name", FILES)
def test_the_direct_import_writes_what_the_staged_import_writes(
    name, tmp_path, monkeypatch, same_time
):
    staged = catalogue_after(tmp_path, name, STAGED_ONLY, monkeypatch)
    direct = catalogue_after(tmp_path, name, 0, monkeypatch)
    assert staged.pop("staged")
    # a file the staged import takes whole is written directly; any other is left to it
    assert direct.pop("staged") == (
        not isinstance(staged["said"], dict) or bool(staged["said"]["skipped"])
    )
    assert direct == staged


def test_a_problem_after_written_batches_leaves_nothing_behind(tmp_path, monkeypatch, same_time):
    """Batches of one record: the first records are in the catalogue when the repeated
    barcode is met; the refusal is the staged import's and the catalogue stays empty."""
    monkeypatch.setattr(importing, "STAGE_BATCH", 1)
    name = "duplicate_barcodes.mrc"
    direct = catalogue_after(tmp_path, name, 0, monkeypatch)
    assert "record 3 (byte 933): the barcode KOHA-0001 repeats record 1 (byte 0)" in direct["said"]
    assert direct["work"] == direct["copy"] == direct["entries"] == []
    assert direct == catalogue_after(tmp_path, name, STAGED_ONLY, monkeypatch)
    skipped = catalogue_after(tmp_path, name, 0, monkeypatch, skip_bad=True)
    assert skipped["work"] and skipped["said"]["skipped"] and skipped["staged"]
    assert skipped == catalogue_after(tmp_path, name, STAGED_ONLY, monkeypatch, skip_bad=True)


def test_the_direct_import_with_worker_processes(tmp_path, monkeypatch, same_time):
    monkeypatch.setattr(importing, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(importing, "BATCH_RECORDS", 2)
    monkeypatch.setattr(importing, "STAGE_BATCH", 3)
    name = "koha_translations.mrc"
    staged = catalogue_after(tmp_path, name, STAGED_ONLY, monkeypatch)
    direct = catalogue_after(tmp_path, name, 0, monkeypatch)
    assert staged.pop("staged") and not direct.pop("staged")
    assert staged["work"]
    assert direct == staged


def test_a_catalogue_with_works_is_imported_into_the_staged_way(tmp_path, monkeypatch, same_time):
    """Records already in the catalogue are recognised only by the staged import."""
    monkeypatch.setattr(importing, "DIRECT_FROM_BYTES", 0)
    open_database(tmp_path / "twice.db", create=True)
    try:
        boss = staff.create_first_supervisor("boss", PASSWORD, "Chief Supervisor")
        first = marc.import_marc(boss, DATA / "loc_records.mrc")
        again = marc.import_marc(boss, DATA / "loc_records.mrc")
    finally:
        close_database()
    assert first.works_added and not first.works_already
    assert again.works_already == first.works_added and not again.works_added
