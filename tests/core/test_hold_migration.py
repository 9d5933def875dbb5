"""Migration 0015 rebuilds ``hold`` for the ``expired`` status: every hold keeps its row and
id, the one-active-hold and one-hold-per-copy rules and the after-image triggers stay, and
the trail still agrees with the tables."""

from __future__ import annotations

import pytest
from peewee import IntegrityError

import readingroom.catalogue_file  # noqa: F401  (registers the backup a migration makes first)
from readingroom import audit, circulation, demo, doctor, holds, restriction_rules, staff
from readingroom.store.db import (
    applied_migrations,
    close_database,
    database,
    open_database,
)
from tests.conftest import PASSWORD
from tests.core.migration_support import migrations_without

ROWS = "SELECT * FROM hold ORDER BY id"


def test_every_hold_survives_the_rebuild_and_may_expire(tmp_path, monkeypatch):
    # only 0015 held back: the demo below is today's code, and it writes the columns
    # later migrations add (0020: the works' library fields)
    migrations_without(tmp_path, monkeypatch, "0015_*")
    # today's code on a schema before migration 0019: what withholds a copy, and whether a
    # work is issued as a set, are read from its tables, so the demo lends without them
    monkeypatch.setattr(demo, "_demo_withheld", lambda supervisor, say: None)
    monkeypatch.setattr(
        restriction_rules,
        "withheld",
        lambda work_id, copy_id, condition, day: restriction_rules.Withheld(
            None, False, restriction_rules.default_allows(condition)
        ),
    )
    monkeypatch.setattr(circulation, "is_set_issue", lambda work_id: False)
    path = tmp_path / "old.db"
    open_database(path, create=True)
    assert 15 not in applied_migrations()
    boss = staff.create_first_supervisor("boss", PASSWORD, "Chief Supervisor")
    demo.load_demo(boss)
    holds.cancel_hold(boss, "RR00044", "W-1004")  # a closed hold among the active ones
    rows = database.execute_sql(ROWS).fetchall()
    (seq,) = database.execute_sql("SELECT seq FROM sqlite_sequence WHERE name = 'hold'").fetchone()
    close_database()
    monkeypatch.undo()
    open_database(path)
    try:
        assert 15 in applied_migrations()
        assert database.execute_sql(ROWS).fetchall() == rows
        assert database.execute_sql(
            "SELECT seq FROM sqlite_sequence WHERE name = 'hold'"
        ).fetchone() == (seq,)
        assert audit.verify_and_compare()[0].ok and audit.verify_and_compare()[1:] == ([], 0)
        checked = doctor.check_file(path)
        assert checked.ok, checked
        names = {
            name
            for (name,) in database.execute_sql(
                "SELECT name FROM sqlite_master WHERE tbl_name = 'hold'"
            )
        }
        assert {
            "hold_one_active_per_borrower",
            "hold_one_per_copy",
            "hold_queue",
            "hold_image_insert",
            "hold_image_update",
            "hold_image_delete",
        } <= names
        ready = database.execute_sql(
            "SELECT work_id, volume, borrower_id, copy_id FROM hold WHERE status = 'ready'"
        ).fetchone()
        with pytest.raises(IntegrityError):  # still one active hold per borrower and volume
            database.execute_sql(
                "INSERT INTO hold (work_id, volume, borrower_id, placed_at) "
                "VALUES (?, ?, ?, '2026-01-01')",
                ready[:3],
            )
        database.execute_sql("UPDATE hold SET status = 'expired' WHERE id = 1")  # allowed now
        with pytest.raises(IntegrityError):
            database.execute_sql("UPDATE hold SET status = 'lapsed' WHERE id = 1")
    finally:
        close_database()
