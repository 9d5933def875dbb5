"""``doctor`` and damaged databases: the full check, the newest good backup, and every command
that meets damage exits 1 saying so and how to recover."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from reliability_support import checkpoint, corrupt_pages, run_cli, table_pages

from readingroom import backup, circulation, doctor
from readingroom.db import close_database

PASSWORD = "pass-word-1"


@pytest.fixture
def desk(db, supervisor, librarian, make_copy, make_borrower):
    for n in range(1, 41):
        make_copy(f"B{n}", f"Volume {n} of the reference shelf")
    make_borrower("W1")
    make_borrower("W2")
    circulation.lend(librarian, "B1", "W1")
    return db


@pytest.fixture
def cli(monkeypatch, capsys):
    def run(path: Path, *args: str, user: str = "lib"):
        return run_cli(monkeypatch, capsys, "--db", str(path), *args, user=user,
                       password=PASSWORD)

    return run


def _damaged_copy(desk: Path, *tables: str) -> Path:
    """A copy of the catalogue (and its backups) in another folder, with some pages of
    ``tables`` overwritten."""
    close_database()
    checkpoint(desk)
    damaged = desk.parent / "damaged" / desk.name
    damaged.parent.mkdir()
    shutil.copy(desk, damaged)
    corrupt_pages(damaged, [p for t in tables for p in table_pages(damaged, t)])
    if (desk.parent / "backups").exists():
        shutil.copytree(desk.parent / "backups", damaged.parent / "backups")
    return damaged


def test_a_healthy_catalogue_passes_and_names_its_newest_good_backup(desk, cli):
    older = backup.backup_database()
    newer = backup.backup_database()
    result = cli(desk, "doctor")
    assert result.code == 0, result.text
    assert "healthy" in result.out and f"Newest good backup: {newer}" in result.out
    for check in ("integrity", "schema", "audit"):
        assert f"ok   {check}" in result.out
    assert older != newer


def test_damage_is_found_and_the_way_back_named(desk, cli):
    good = backup.backup_database()
    damaged = _damaged_copy(desk, "copy", "work")
    result = cli(damaged, "doctor")
    assert result.code == 1
    assert "DAMAGED" in result.out and "FAIL integrity" in result.out
    assert f"readingroom restore {damaged.parent / 'backups' / good.name}" in result.out


def test_a_newer_damaged_backup_is_passed_over_for_an_older_good_one(desk):
    good = backup.backup_database()
    bad = backup.backup_database()
    corrupt_pages(bad, table_pages(bad, "copy"))
    assert backup.list_backups(desk) == [bad, good]
    assert backup.newest_good_backup(desk) == good
    assert not backup.quick_check(bad).ok and backup.quick_check(good).ok


def test_a_tampered_audit_trail_makes_doctor_exit_1(desk, cli):
    close_database()
    with sqlite3.connect(desk) as connection:
        connection.execute("UPDATE audit_entry SET details = '{}' WHERE id = 3")
    result = cli(desk, "doctor")
    assert result.code == 1 and "FAIL audit" in result.out
    assert "entry 3" in result.out


def test_doctor_on_a_missing_or_foreign_file_says_what_it_found(tmp_path, cli):
    assert cli(tmp_path / "nowhere.db", "doctor").code == 1
    foreign = tmp_path / "foreign.db"
    sqlite3.connect(foreign).execute("CREATE TABLE notes (text)").connection.close()
    result = cli(foreign, "doctor")
    assert result.code == 1 and "not a Reading Room database" in result.out


def test_the_quick_check_for_the_window(desk):
    backup.backup_database()
    damaged = _damaged_copy(desk, "copy")
    healthy = backup.quick_check(desk)
    assert healthy.ok and healthy.problem == ""
    found = backup.quick_check(damaged)
    assert not found.ok and "damaged" in found.problem
    assert backup.newest_good_backup(damaged) is not None


COMMANDS_ON_DAMAGE = (
    ("search", "Volume"), ("search", ""), ("copy", "show", "B2"), ("lend", "B2", "W2"),
    ("return", "B1"), ("check", "B3", "W2"), ("borrower", "show", "W1"), ("backup",),
    ("import", "catalogue", "CSV"),
)


@pytest.mark.parametrize("command", COMMANDS_ON_DAMAGE, ids=lambda c: " ".join(c))
def test_a_command_that_meets_damage_exits_1_saying_what_to_do(command, desk, cli):
    damaged = _damaged_copy(desk, "copy", "work", "loan", "work_fts_data", "work_title")
    csv = damaged.with_name("more.csv")
    csv.write_text("barcode,title,author\nN1,New,Someone\n", encoding="utf-8")
    result = cli(damaged, *(str(csv) if part == "CSV" else part for part in command))
    assert result.code == 1, result.text
    assert "damaged" in result.err
    assert "doctor" in result.err or "backup" in result.err


def test_diagnosis_as_json_for_other_programs(desk, cli):
    backup.backup_database()
    result = cli(desk, "doctor", "--json")
    data = doctor.diagnose(desk).as_dict()
    assert result.code == 0 and '"healthy": true' in result.out
    assert data["database"]["audit_entries"] > 0 and data["newest_good_backup"]
