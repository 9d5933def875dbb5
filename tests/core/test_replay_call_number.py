"""A copy's call number (migration 0020) is in its after-images since migration 0023 (issue
15): an edit of it is audited and replayed, a call number changed with sqlite3 is named by
``audit verify``, and a catalogue whose copies were imported before the migration (their
images of seven columns) still verifies after it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import readingroom.catalogue_file  # noqa: F401  (registers the backup a migration makes first)
from readingroom import audit, catalogue, marc, replay, staff
from readingroom.store.db import applied_migrations, close_database, database, open_database
from tests.conftest import PASSWORD
from tests.core.cli_support import InProcess
from tests.core.migration_support import migrations_without
from tests.core.test_replay import assert_caught, one, tamper

DATA = Path(__file__).resolve().parents[1] / "data" / "marc"
#: a Koha export: its 952 $o call numbers ("Safe A/1", "Safe B/3") apart from the location
KOHA = DATA / "koha_translations.mrc"


@pytest.fixture
def cli(db, capsys, monkeypatch) -> InProcess:
    return InProcess(db, capsys, monkeypatch)


@pytest.fixture
def imported(db, supervisor) -> Path:
    marc.import_marc(supervisor, KOHA)
    return db


def trail_image(barcode: str) -> list:
    (copy_id,) = one(f"SELECT id FROM copy WHERE barcode = '{barcode}'")
    return json.loads(replay.trail_state(database)["copy"][str(copy_id)])


def test_an_imported_copys_image_carries_its_call_number(imported):
    image = trail_image("KOHA-0001")
    assert len(image) == len(replay.TRACKED["copy"]) == 8
    assert image[-1] == "Safe A/1"
    verified, differences, _total = audit.verify_and_compare()
    assert verified.ok and differences == []


def test_an_edit_of_the_call_number_is_audited_and_replayed(imported, supervisor, cli):
    saved = catalogue.edit_copy(supervisor, "KOHA-0001", call_number="  Safe C/7 ")
    assert (saved.old, saved.new) == ({"call_number": "Safe A/1"}, {"call_number": "Safe C/7"})
    last = one("SELECT action, entity_id, details FROM audit_entry ORDER BY id DESC LIMIT 1")
    assert last[:2] == ("copy-edit", "KOHA-0001")
    details = json.loads(last[2])
    assert (details["old"], details["new"]) == (
        {"call_number": "Safe A/1"},
        {"call_number": "Safe C/7"},
    )
    assert trail_image("KOHA-0001")[-1] == "Safe C/7"
    shown = cli("copy", "show", "KOHA-0001", "--json")
    assert json.loads(shown.out)["call_number"] == "Safe C/7"
    assert cli("audit", "verify").code == 0


def test_an_edit_that_keeps_the_call_number_records_nothing(imported, supervisor):
    before = one("SELECT count(*) FROM audit_entry")
    saved = catalogue.edit_copy(supervisor, "KOHA-0001", call_number="Safe A/1")
    assert saved.new == {} and one("SELECT count(*) FROM audit_entry") == before


def test_a_call_number_changed_with_sqlite3_is_caught(imported, cli):
    (copy_id,) = one("SELECT id FROM copy WHERE barcode = 'KOHA-0101'")
    tamper(imported, f"UPDATE copy SET call_number = 'Open shelf 9' WHERE id = {copy_id}")
    assert_caught(
        cli,
        f"copy {copy_id} (barcode KOHA-0101): call_number is 'Open shelf 9' "
        "but the trail says 'Safe B/3'",
    )


def test_a_call_number_changed_with_every_trigger_dropped_is_caught(imported, cli):
    (copy_id,) = one("SELECT id FROM copy WHERE barcode = 'KOHA-0002'")
    tamper(
        imported,
        f"UPDATE copy SET call_number = 'Nowhere' WHERE id = {copy_id}",
        drop_images=True,
    )
    assert_caught(cli, f"copy {copy_id} (barcode KOHA-0002): call_number is 'Nowhere'")


def test_a_catalogue_imported_before_0023_verifies_after_it(tmp_path, monkeypatch, capsys):
    """Copies imported with the seven-column images of migration 0009: after the migration
    the trail still vouches for those columns, and the next edit of a call number is in it."""
    migrations_without(tmp_path, monkeypatch, "0023_*")
    path = tmp_path / "old.db"
    open_database(path, create=True)
    assert 23 not in applied_migrations()
    staff.create_first_supervisor("boss", PASSWORD, "Chief Supervisor")
    marc.import_marc(staff.get_staff("boss"), KOHA)
    assert len(trail_image("KOHA-0001")) == 7
    close_database()
    monkeypatch.undo()
    open_database(path)
    try:
        assert 23 in applied_migrations()
        verified, differences, total = audit.verify_and_compare()
        assert verified.ok and (differences, total) == ([], 0)
        # a change among the seven columns an old image holds is still named
        catalogue.edit_copy(staff.get_staff("boss"), "KOHA-0001", call_number="Safe D/2")
        assert trail_image("KOHA-0001")[-1] == "Safe D/2"
        close_database()
        tamper(path, "UPDATE copy SET location = 'Attic' WHERE barcode = 'KOHA-0002'")
        open_database(path)
        differences, total = replay.compare()
        assert total == 1 and "location is 'Attic'" in differences[0]
    finally:
        close_database()
