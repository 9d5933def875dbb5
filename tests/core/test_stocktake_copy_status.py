"""A stocktake line keeps its copy's status (migration 0026), so its note is said by key:
the status is in the line's after-image (a status changed with sqlite3 is named by ``audit
verify``), and a catalogue whose stocktake was signed before the migration still verifies
after it, its lines showing the notes they stored."""

from __future__ import annotations

import json

import pytest

import readingroom.catalogue_file  # noqa: F401  (registers the backup a migration makes first)
from readingroom import audit, catalogue, replay, staff, stocktake
from readingroom.language import words
from readingroom.store.db import applied_migrations, close_database, database, open_database
from tests.conftest import PASSWORD
from tests.core.cli_support import InProcess
from tests.core.inspection_support import small_collection
from tests.core.migration_support import migrations_without
from tests.core.test_replay import assert_caught, one, tamper


@pytest.fixture
def cli(db, capsys, monkeypatch) -> InProcess:
    return InProcess(db, capsys, monkeypatch)


def close_with_a_found_copy(boss) -> stocktake.Stocktake:
    """A stocktake of the small collection where A004, recorded missing, is found."""
    small_collection(boss)
    catalogue.edit_copy(boss, "A004", status="missing")
    stocktake.start(boss)
    for barcode in ("A001", "A004", "NOBODY-KNOWS"):
        stocktake.scan(boss, barcode, "Safe A/1")
    return stocktake.close(boss, "Lee Min-jae").stocktake


def line_image(barcode: str) -> list:
    (line_id,) = one(f"SELECT id FROM stocktake_outcome WHERE barcode = '{barcode}'")
    return json.loads(replay.trail_state(database)["stocktake_outcome"][str(line_id)])


def test_a_lines_image_carries_its_copys_status(db, supervisor):
    close_with_a_found_copy(supervisor)
    image = line_image("A004")
    assert len(image) == len(replay.TRACKED["stocktake_outcome"]) == 14
    assert image[-1] == "missing"
    assert line_image("NOBODY-KNOWS")[-1] is None
    verified, differences, _total = audit.verify_and_compare()
    assert verified.ok and differences == []


@pytest.mark.sqlite_only  # rewrites the file with sqlite3
def test_a_lines_copy_status_changed_with_sqlite3_is_caught(db, supervisor, cli):
    close_with_a_found_copy(supervisor)
    close_database()
    tamper(db, "UPDATE stocktake_outcome SET copy_status = 'available' WHERE barcode = 'A004'")
    open_database(db)
    assert_caught(cli, "copy_status")


def test_a_stocktake_signed_before_0026_verifies_after_it(tmp_path, monkeypatch):
    migrations_without(tmp_path, monkeypatch, "0026_*")
    path = tmp_path / "old.db"
    open_database(path, create=True)
    assert 26 not in applied_migrations()
    staff.create_first_supervisor("boss", PASSWORD, "Chief Supervisor")
    closing_as_before_0026(monkeypatch)
    close_with_a_found_copy(staff.get_staff("boss"))
    close_database()
    monkeypatch.undo()
    open_database(path)
    try:
        assert 26 in applied_migrations()
        verified, differences, total = audit.verify_and_compare()
        assert verified.ok and (differences, total) == ([], 0)
        signed = stocktake.newest_stocktake()
        assert signed is not None
        lines = {o.barcode: o for o in stocktake.outcomes(signed)}
        found = lines["A004"]
        assert found.copy_status is None
        assert found.remark == found.note == "recorded as missing; found"
        assert words("ko_KP").phrases("phrase", found.remark) == "recorded as missing; found"
        unknown = lines["NOBODY-KNOWS"]  # its note needs no status: said by key all the same
        assert words("ko_KP").phrases("phrase", unknown.remark) == "알수 없는 바코드"
    finally:
        close_database()


def closing_as_before_0026(monkeypatch: pytest.MonkeyPatch) -> None:
    """A close stores its lines and their images as it did before migration 0026: without
    the copy's status (for a catalogue made with the migrations before it)."""
    monkeypatch.setattr(stocktake, "_LINE", stocktake._LINE.replace(", copy_status", ""))
    monkeypatch.setattr(stocktake, "_STORE_OUTCOMES", _without_status(stocktake._STORE_OUTCOMES))
    monkeypatch.setattr(
        stocktake, "_STORED_OUTCOMES", stocktake._STORED_OUTCOMES.replace(", copy_status", "")
    )
    old_image = replay.TRACKED["stocktake_outcome"][:-1]
    monkeypatch.setitem(replay.TRACKED, "stocktake_outcome", old_image)


def _without_status(sql: str) -> str:
    return (
        sql.replace(", copy_status", "")
        .replace(",\n    c.status AS copy_status", "")
        .replace(", c.id, c.status", ", c.id")
    )
