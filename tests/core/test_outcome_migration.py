"""Migration 0013 rebuilds ``stocktake_outcome`` for the ``present-on-loan`` outcome: a
signed stocktake keeps every row as it was, its guards stay, and the trail still agrees."""

from __future__ import annotations

import pytest
from peewee import IntegrityError

import readingroom.catalogue_file  # noqa: F401  (registers the backup a migration makes first)
from readingroom import audit, demo, doctor, staff, stocktake
from readingroom.store.db import (
    applied_migrations,
    close_database,
    database,
    open_database,
    schema_version,
)
from readingroom.store.models import Copy
from tests.conftest import PASSWORD
from tests.core.migration_support import migrations_without
from tests.core.test_stocktake_copy_status import closing_as_before_0026

ROWS = "SELECT * FROM stocktake_outcome ORDER BY id"


def test_a_signed_stocktake_survives_the_rebuild_whole(tmp_path, monkeypatch):
    # 0013 held back, and 0026 after it (a rebuild of 0013 keeps the columns of then):
    # the code that builds the stocktake below is today's, and it writes the columns
    # later migrations add (0017: the stocktake's inspector), but not 0026's
    migrations_without(tmp_path, monkeypatch, "0013_*", "0026_*")
    closing_as_before_0026(monkeypatch)
    path = tmp_path / "old.db"
    open_database(path, create=True)
    assert 13 not in applied_migrations() and 12 in applied_migrations()
    boss = staff.create_first_supervisor("boss", PASSWORD, "Chief Supervisor")
    demo.load_demo(boss)
    stocktake.start(boss)
    shelf = [c.barcode for c in Copy.select().where(Copy.status == "available")]
    list(stocktake.scan_many(boss, shelf[1:]))
    stocktake.close(boss, "Visiting Inspector")
    rows = database.execute_sql(ROWS).fetchall()
    close_database()
    monkeypatch.undo()
    open_database(path)
    try:
        assert schema_version() >= 13
        assert [row[:-1] for row in database.execute_sql(ROWS).fetchall()] == rows  # + status
        assert audit.verify_and_compare()[0].ok and audit.verify_and_compare()[1:] == ([], 0)
        checked = doctor.check_file(path)
        assert checked.ok, checked
        with pytest.raises(IntegrityError):  # the signed rows stay read-only
            database.execute_sql("UPDATE stocktake_outcome SET note = 'x' WHERE id = 1")
        sql = database.execute_sql(
            "SELECT sql FROM sqlite_master WHERE name = 'stocktake_outcome'"
        ).fetchone()[0]
        assert "'present-on-loan'" in sql
    finally:
        close_database()
