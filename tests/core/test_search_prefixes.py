"""The search index keeps prefix indexes (migration 0011), and a catalogue migrated to it
still finds every work it held."""

from __future__ import annotations

import shutil

from readingroom import catalogue, staff
from readingroom.browse import works
from readingroom.browse.works import WorkFilter
from readingroom.store import db as db_module
from readingroom.store.db import close_database, database, open_database, schema_version
from tests.conftest import PASSWORD


def _search_index_sql() -> str:
    return database.execute_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'work_fts'"
    ).fetchone()[0]


def test_a_new_catalogue_indexes_the_prefixes_typed_first(db):
    assert "prefix='1 2 3'" in _search_index_sql()


def test_a_catalogue_migrated_to_prefix_indexes_finds_its_works(tmp_path, monkeypatch):
    before = tmp_path / "migrations"
    shutil.copytree(
        db_module.MIGRATIONS_DIR,
        before,
        ignore=shutil.ignore_patterns("__pycache__", "0011_*", "001[2-9]_*", "00[2-9][0-9]_*"),
    )
    monkeypatch.setattr(db_module, "MIGRATIONS_DIR", before)
    path = tmp_path / "old.db"
    open_database(path, create=True)
    assert schema_version() == 10
    boss = staff.create_first_supervisor("boss", PASSWORD, "Chief Supervisor")
    catalogue.add_work(boss, title="Tolstoy's Tales", author="Lev Tolstoy")
    catalogue.add_work(boss, title="Winter Stories", author="Anon", translator="Thea Baker")
    assert "prefix=" not in _search_index_sql()
    close_database()
    monkeypatch.undo()
    open_database(path)
    try:
        assert schema_version() >= 11
        assert "prefix='1 2 3'" in _search_index_sql()
        assert len(works.work_ids(WorkFilter(text="T"))) == 2
        assert len(works.work_ids(WorkFilter(text="Win"))) == 1
        catalogue.add_work(staff.get_staff("boss"), title="Tides", author="Someone")
        assert len(works.work_ids(WorkFilter(text="Ti"))) == 1  # the triggers feed it still
    finally:
        close_database()
