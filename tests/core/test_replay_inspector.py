"""The inspector's name and the inspection day kept with a signed stocktake (migration 0017)
are in its after-images since migration 0022 (issue 12): changing either with sqlite3 is
named by ``audit verify`` and ``doctor``; an image written before (fourteen columns) is
still read, and a catalogue whose stocktake was signed then replays clean."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from readingroom import audit, clock, demo, inspection, replay, stocktake
from readingroom.store.models import Copy, StaffUser
from tests.core.cli_support import InProcess
from tests.core.test_replay import assert_caught, one, tamper

INSPECTOR = "Kim Chol-su"


@pytest.fixture
def cli(db, capsys, monkeypatch) -> InProcess:
    return InProcess(db, capsys, monkeypatch)


def signed_with_inspector(db: Path, supervisor: StaffUser) -> Path:
    demo.load_demo(supervisor)
    inspection.schedule(supervisor, clock.today() + timedelta(days=40))
    stocktake.start(supervisor)
    shelf = [c.barcode for c in Copy.select().where(Copy.status == "available")]
    list(stocktake.scan_many(supervisor, shelf))
    stocktake.close(supervisor, "Visiting Inspector", inspector=INSPECTOR)
    return db


@pytest.fixture
def signed(db, supervisor) -> Path:
    return signed_with_inspector(db, supervisor)


def test_the_stocktakes_image_carries_the_inspector_and_the_day(signed):
    stocktake_id, day = one("SELECT id, inspection_date FROM stocktake WHERE inspector IS NOT NULL")
    image = audit_state()["stocktake"][str(stocktake_id)]
    last = json.loads(image)
    assert len(last) == len(replay.TRACKED["stocktake"]) == 16
    assert last[-2:] == [INSPECTOR, day]
    verified, differences, _total = audit.verify_and_compare()
    assert verified.ok and differences == []


def test_the_inspectors_name_changed_with_sqlite3_is_caught(signed, cli):
    (stocktake_id,) = one("SELECT id FROM stocktake WHERE inspector IS NOT NULL")
    tamper(signed, f"UPDATE stocktake SET inspector = 'Somebody Else' WHERE id = {stocktake_id}")
    assert_caught(
        cli,
        f"stocktake {stocktake_id}: inspector is 'Somebody Else' but the trail says '{INSPECTOR}'",
    )


def test_the_inspection_day_changed_with_every_trigger_dropped_is_caught(signed, cli):
    stocktake_id, day = one("SELECT id, inspection_date FROM stocktake WHERE inspector IS NOT NULL")
    later = (date.fromisoformat(str(day)) + timedelta(days=30)).isoformat()
    tamper(
        signed,
        f"UPDATE stocktake SET inspection_date = '{later}' WHERE id = {stocktake_id}",
        drop_images=True,
    )
    assert_caught(cli, f"stocktake {stocktake_id}: inspection_date is '{later}'")


def test_an_image_of_fourteen_columns_is_still_read(signed):
    """A stocktake signed before migration 0022: its image holds the first fourteen columns;
    the replay compares those, and a change among them is still named."""
    (stocktake_id,) = one("SELECT id FROM stocktake WHERE inspector IS NOT NULL")
    row = json.loads(one(f"SELECT {replay.image_sql('stocktake')} FROM stocktake")[0])
    state = audit_state()
    state["stocktake"][str(stocktake_id)] = json.dumps(row[:14], separators=(",", ":"))
    differences, total = replay.compare(state=state)
    assert (differences, total) == ([], 0)
    row[0] = "open"
    state["stocktake"][str(stocktake_id)] = json.dumps(row[:14], separators=(",", ":"))
    differences, total = replay.compare(state=state)
    assert total == 1 and "status is 'signed' but the trail says 'open'" in differences[0]


def audit_state() -> dict:
    from readingroom.store.db import database

    return replay.trail_state(database)


def test_the_triggers_of_migration_0022_are_in_place(signed):
    connection = sqlite3.connect(signed)
    sql = connection.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'stocktake_image_update'"
    ).fetchone()[0]
    connection.close()
    assert "NEW.inspector, NEW.inspection_date" in sql


def test_bundle_json_carries_the_inspectors_name(signed, supervisor):
    from readingroom import bundle
    from readingroom.reports.base import Options

    info = bundle._info(supervisor, Options(), {}, {}, None)
    head = info["signed_head"]
    assert head["inspector"] == INSPECTOR
    assert head["supervisor_name"] == "Chief Supervisor"
    (day,) = one("SELECT inspection_date FROM stocktake WHERE inspector IS NOT NULL")
    assert head["inspection_date"] == str(day)
