"""``doctor`` and damaged databases: the full check, the newest good backup, and every command
that meets damage exits 1 saying so and how to recover."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from reliability_support import PAGE_SIZE, checkpoint, corrupt_pages, run_cli, table_pages

from readingroom import backup, circulation, doctor
from readingroom.store.db import close_database

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
        return run_cli(monkeypatch, capsys, "--db", str(path), *args, user=user, password=PASSWORD)

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
    with sqlite3.connect(desk) as connection:  # the newest entry: after the last seal
        newest = connection.execute("SELECT max(id) FROM audit_entry").fetchone()[0]
        connection.execute(f"UPDATE audit_entry SET details = '{{}}' WHERE id = {newest}")
    result = cli(desk, "doctor")
    assert result.code == 1 and "FAIL audit" in result.out
    assert f"entry {newest}" in result.out


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
    ("search", "Volume"),
    ("search", ""),
    ("copy", "show", "B2"),
    ("lend", "B2", "W2"),
    ("return", "B1"),
    ("check", "B3", "W2"),
    ("borrower", "show", "W1"),
    ("backup",),
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


def _garble_middle_page(path: Path) -> None:
    """Overwrite one whole page in the middle of the file (one of the copy table's), as a
    failing disk sector might."""
    close_database()
    checkpoint(path)
    pages = table_pages(path, "copy")
    with open(path, "r+b") as handle:
        handle.seek((pages[len(pages) // 2] - 1) * PAGE_SIZE)
        handle.write(b"\x55" * PAGE_SIZE)


def test_a_lock_held_by_another_program_is_busy_not_damage(desk, cli, monkeypatch):
    monkeypatch.setenv("READINGROOM_BUSY_TIMEOUT_MS", "100")
    close_database()
    other = sqlite3.connect(desk)
    other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO setting (key, value) VALUES ('other', 'program')")
    try:
        result = cli(desk, "doctor")
        data = doctor.diagnose(desk)
    finally:
        other.rollback()
        other.close()
    assert result.code == 1
    assert "busy: another program is using it, try again" in result.out
    assert "DAMAGED" not in result.out and "restore" not in result.out
    assert data.state == "busy" and data.as_dict()["busy"] is True
    assert cli(desk, "doctor").code == 0  # the lock gone: healthy again


def test_a_missing_guard_is_reported_by_name(desk, cli):
    close_database()
    with sqlite3.connect(desk) as connection:
        connection.execute("DROP TRIGGER loan_never_to_civilian")
        connection.execute("DROP INDEX loan_one_active_per_copy")
        connection.execute("DROP TRIGGER borrower_role_keeps_loans")
        connection.execute("DROP TRIGGER loan_image_update")
    result = cli(desk, "doctor")
    assert result.code == 1 and "FAIL guards" in result.out
    assert "trigger loan_never_to_civilian" in result.out
    assert "trigger borrower_role_keeps_loans" in result.out
    assert "trigger loan_image_update (every change to loan reaches the trail)" in result.out
    assert "index loan_one_active_per_copy" in result.out


def test_rows_that_break_an_invariant_are_found_even_with_the_guards_back(
    desk, cli, make_borrower, make_copy
):
    make_borrower("C1", role="civilian")
    make_copy("S1", "Staff only", access="staff-only")
    close_database()
    with sqlite3.connect(desk) as connection:  # the insider: drop, write, put back
        (trigger,) = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'loan_never_to_civilian'"
        ).fetchone()
        connection.execute("DROP TRIGGER loan_never_to_civilian")
        connection.execute("DROP INDEX loan_one_active_per_copy")
        ids = dict(connection.execute("SELECT member_no, id FROM borrower"))
        copies = dict(connection.execute("SELECT barcode, id FROM copy"))
        for copy, member in (("B5", "C1"), ("S1", "W2"), ("B1", "W2")):
            connection.execute(
                "INSERT INTO loan (copy_id, borrower_id, lent_on, lent_at, due) VALUES "
                "(?, ?, '2026-01-01', '2026-01-01 10:00', '2026-01-22')",
                (copies[copy], ids[member]),
            )
        connection.execute(trigger)
    result = cli(desk, "doctor")
    # 4: the rows were written behind the trail's back, so the tables disagree with it too
    assert result.code == 4 and "FAIL invariants" in result.out and "FAIL tables" in result.out
    assert "to civilian C1" in result.out
    assert "of staff-only S1 to W2" in result.out
    assert f"copy {copies['B1']} has 2 active loans" in result.out


def test_a_loan_the_policy_forbids_is_found_even_with_the_guards_back(desk, cli):
    """A cadre's loan made `never` behind the trigger's back (dropped and put back)."""
    close_database()
    with sqlite3.connect(desk) as connection:
        (trigger,) = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'policy_rule_keeps_loans'"
        ).fetchone()
        connection.execute("DROP TRIGGER policy_rule_keeps_loans")
        ids = dict(connection.execute("SELECT member_no, id FROM borrower"))
        copies = dict(connection.execute("SELECT barcode, id FROM copy"))
        connection.execute("UPDATE borrower SET role = 'cadre' WHERE id = ?", (ids["W2"],))
        connection.execute(
            "INSERT INTO loan (copy_id, borrower_id, lent_on, lent_at, due) VALUES "
            "(?, ?, '2026-01-01', '2026-01-01 10:00', '2026-01-22')",
            (copies["B7"], ids["W2"]),
        )
        connection.execute(
            "UPDATE policy_rule SET rule = 'never' WHERE role = 'cadre' AND access = 'lendable'"
        )
        connection.execute(trigger)
    result = cli(desk, "doctor")
    # 4: the rows were written behind the trail's back, so the tables disagree with it too
    assert result.code == 4 and "FAIL invariants" in result.out and "FAIL tables" in result.out
    assert "to W2 (cadre, lendable: the policy says never)" in result.out


def test_a_damaged_backup_in_the_folder_is_passed_over_and_reported(desk, cli):
    good = backup.backup_database()
    bad = backup.backup_database()
    _garble_middle_page(bad)
    replaced = good.with_name(
        good.name.replace("manual", "replaced").replace(good.name.split("-")[1], "29991231")
    )
    replaced.write_bytes(b"\x00garbage a restore set aside" * 300)  # what restore leaves
    result = cli(desk, "doctor")
    assert result.code == 0, result.text
    assert f"Newest good backup: {good}" in result.out
    assert f"Passed over backup {bad.name}" in result.out
    assert f"Passed over backup {replaced.name}" in result.out
    assert backup.newest_good_backup(desk) == good


def test_a_garbled_middle_page_names_the_backup_to_restore(desk, cli):
    good = backup.backup_database()
    _garble_middle_page(desk)
    result = cli(desk, "doctor")
    assert result.code == 1, result.text
    assert f"damaged: restore {good}" in result.out
    assert not backup.quick_check(desk).ok
    restored = cli(desk, "restore", str(good), user="boss")
    assert restored.code == 0, restored.text
    assert cli(desk, "doctor").code == 0
