"""Migration 0020: a catalogue from before it keeps every work, its decomposed text is
composed, and the rebuilt search index folds romanisation marks and reads the new fields."""

from __future__ import annotations

import unicodedata

import readingroom.catalogue_file  # noqa: F401  (registers the backup a migration makes first)
from readingroom import catalogue, staff
from readingroom.store.db import applied_migrations, close_database, database, open_database
from tests.conftest import PASSWORD
from tests.core.migration_support import migrations_without

NFD_TITLE = unicodedata.normalize("NFD", "Les Misérables 점과 선")


def titles(text: str) -> list[str]:
    return [w.title for w in catalogue.search(text)]


def test_a_catalogue_from_before_0020_is_composed_and_searched_anew(tmp_path, monkeypatch):
    migrations_without(tmp_path, monkeypatch, "0020_*")
    path = tmp_path / "old.db"
    open_database(path, create=True)
    assert 20 not in applied_migrations()
    staff.create_first_supervisor("boss", PASSWORD, "Chief Supervisor")
    for title, author in ((NFD_TITLE, "Hugo"), ("Presvi͡atoĭ Bogorodit͡sy", "Anon")):
        database.execute_sql(  # as that schema held works (today's models have more columns)
            "INSERT INTO work (title, author, created_at) VALUES (?, ?, ?)",
            (title, author, "2024-01-01 00:00:00"),
        )
    close_database()
    monkeypatch.undo()
    open_database(path)
    try:
        assert 20 in applied_migrations()
        composed = unicodedata.normalize("NFC", NFD_TITLE)
        assert titles("점과") == [composed]
        assert titles("Presviatoi") == ["Presvi͡atoĭ Bogorodit͡sy"]
        boss = staff.get_staff("boss")
        added = catalogue.add_work(boss, title="Sabunyul", author="Anon").work
        catalogue.edit_work(boss, added.id, title_vernacular="四分律", subjects="Vinaya")
        assert titles("四分律") == titles("Vinaya") == ["Sabunyul"]  # the triggers feed it
    finally:
        close_database()
