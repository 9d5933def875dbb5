"""The search index keeps prefix indexes (migration 0011), and a catalogue migrated to it
still finds every work it held."""

from __future__ import annotations

from readingroom import catalogue, staff
from readingroom.browse import works
from readingroom.browse.works import WorkFilter
from readingroom.store.db import close_database, database, open_database, schema_version
from tests.conftest import PASSWORD
from tests.core.migration_support import migrations_without


def _search_index_sql() -> str:
    return database.execute_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'work_fts'"
    ).fetchone()[0]


def test_a_new_catalogue_indexes_the_prefixes_typed_first(db):
    assert "prefix='1 2 3'" in _search_index_sql()


def test_a_catalogue_migrated_to_prefix_indexes_finds_its_works(tmp_path, monkeypatch):
    migrations_without(tmp_path, monkeypatch, "0011_*", "001[2-9]_*", "00[2-9][0-9]_*")
    path = tmp_path / "old.db"
    open_database(path, create=True)
    assert schema_version() == 10
    staff.create_first_supervisor("boss", PASSWORD, "Chief Supervisor")
    # the works as that schema held them (today's models carry the columns of 0020)
    for title, author, translator in (
        ("Tolstoy's Tales", "Lev Tolstoy", ""),
        ("Winter Stories", "Anon", "Thea Baker"),
    ):
        database.execute_sql(
            "INSERT INTO work (title, author, translator, created_at) VALUES (?, ?, ?, ?)",
            (title, author, translator, "2024-01-01 00:00:00"),
        )
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
