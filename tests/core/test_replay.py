"""The tables against the trail: every audit entry carries the rows its change wrote, and
``audit verify`` and ``doctor`` replay the trail and name every row and field the tables
say otherwise, however the table was edited (sqlite3 on the file, guards dropped first)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import invariant, run_state_machine_as_test
from playhouse.migrations import Runner

from readingroom import audit, catalogue, circulation, demo, generate, replay, staff, stocktake
from readingroom.language import Words
from readingroom.store.db import (
    MIGRATION_TABLE,
    MIGRATIONS_DIR,
    close_database,
    database,
    open_database,
    write_transaction,
)
from readingroom.store.models import AuditEntry, Copy, Hold, Loan, StaffUser
from readingroom.store.server import ServerUrl
from tests.core.cli_support import InProcess, outside_connection

# the same on a SQLite file and on a PostgreSQL server
pytestmark = pytest.mark.both_databases

IMAGE_TRIGGER = "_image_"


@pytest.fixture
def cli(db, capsys, monkeypatch) -> InProcess:
    return InProcess(db, capsys, monkeypatch)


@pytest.fixture
def demo_db(db, supervisor) -> Path:
    return signed_demo(db, supervisor)


def signed_demo(db: Path, supervisor: StaffUser) -> Path:
    """The demo collection (loans, an override, holds, a copy set aside) and a signed
    stocktake with a copy missing."""
    demo.load_demo(supervisor)
    stocktake.start(supervisor)
    shelf = [c.barcode for c in Copy.select().where(Copy.status == "available")]
    list(stocktake.scan_many(supervisor, shelf[1:]))
    stocktake.close(supervisor, "Visiting Inspector")
    return db


def tamper(db: Path, *statements: str, drop_images: bool = False) -> None:
    """Run ``statements`` on the file with sqlite3, as an insider would: every trigger on
    the tables they touch that is in the way is dropped first and put back after (the
    after-image triggers too when ``drop_images``). On a server, with psql's kind of
    connection, the triggers are switched off and on again instead."""
    if isinstance(db, ServerUrl):
        _tamper_on_server(db, statements, drop_images)
        return
    connection = sqlite3.connect(db)
    with connection:
        guards = [
            (name, sql)
            for name, sql in connection.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
            )
            if drop_images or IMAGE_TRIGGER not in name
        ]
        for name, _ in guards:
            connection.execute(f'DROP TRIGGER "{name}"')
        for statement in statements:
            connection.execute(statement)
        for _, sql in guards:
            connection.execute(sql)
    connection.close()


def _tamper_on_server(db: ServerUrl, statements: tuple[str, ...], drop_images: bool) -> None:
    connection = outside_connection(db)
    with connection:
        guards = [
            (name, table)
            for name, table in connection.execute(
                "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'"
            ).fetchall()
            if drop_images or IMAGE_TRIGGER not in name
        ]
        for name, table in guards:
            connection.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER "{name}"')
        for statement in statements:
            connection.execute(statement)
        for name, table in guards:
            connection.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER "{name}"')
    connection.close()


def one(sql: str) -> tuple:
    return database.execute_sql(sql).fetchone()


def assert_caught(cli: InProcess, *expected: str) -> None:
    """``audit verify`` and ``doctor`` exit 4 and name the record and the field."""
    verify = cli("audit", "verify")
    assert verify.code == 4, verify
    for text in expected:
        assert text in verify.err, (text, verify.err)
    as_json = cli("audit", "verify", "--json")
    assert as_json.code == 4
    differences = json.loads(as_json.out)["table_differences"]
    for text in expected:
        assert any(text in line for line in differences), (text, differences)
    doctor = cli("doctor")
    assert doctor.code == 4, doctor
    assert "FAIL tables" in doctor.out
    for text in expected:
        assert text in doctor.out, (text, doctor.out)


# -- clean catalogues ---------------------------------------------------------------------


def test_the_demo_catalogue_replays_clean(demo_db, cli):
    verified, differences, total = audit.verify_and_compare()
    assert verified.ok and (differences, total) == ([], 0)
    run = cli("audit", "verify", "--json")
    assert run.code == 0, run
    assert run.json()["table_differences"] == []
    doctor = cli("doctor")
    assert doctor.code == 0 and "ok   tables" in doctor.out


def test_every_entry_of_a_change_carries_what_it_wrote(demo_db, supervisor):
    copy = Copy.get(Copy.status == "available")
    member = one(
        "SELECT member_no FROM borrower WHERE role = 'writer' AND status = 'active' "
        "AND id NOT IN (SELECT borrower_id FROM loan WHERE returned_at IS NULL)"
    )[0]
    loan = circulation.lend(supervisor, copy.barcode, member).loan
    entry = AuditEntry.get((AuditEntry.action == "lend") & (AuditEntry.entity_id == str(loan.id)))
    after = json.loads(entry.details)["after"]
    assert json.loads(after["copy"][str(copy.id)])[:5] == [
        copy.barcode,
        copy.work_id,
        copy.volume,
        copy.location,
        "on-loan",
    ]
    assert json.loads(after["loan"][str(loan.id)])[:2] == [copy.id, loan.borrower_id]
    assert audit.pending_count() == 0


# -- the insider's edits ------------------------------------------------------------------


def test_a_copy_status_changed_behind_the_programs_back(demo_db, cli):
    copy_id, barcode = one("SELECT id, barcode FROM copy WHERE status = 'on-loan' LIMIT 1")
    tamper(demo_db, f"UPDATE copy SET status = 'missing' WHERE id = {copy_id}")
    assert_caught(
        cli, f"copy {copy_id} (barcode {barcode}): status is 'missing' but the trail says 'on-loan'"
    )


def test_a_copy_edited_with_every_trigger_dropped(demo_db, cli):
    copy_id, barcode = one("SELECT id, barcode FROM copy WHERE status = 'available' LIMIT 1")
    tamper(demo_db, f"UPDATE copy SET status = 'withdrawn' WHERE id = {copy_id}", drop_images=True)
    assert_caught(cli, f"copy {copy_id} (barcode {barcode}): status is 'withdrawn'")


def test_a_loans_due_date_moved(demo_db, cli):
    loan_id, due = one("SELECT id, due FROM loan WHERE returned_at IS NULL LIMIT 1")
    tamper(demo_db, f"UPDATE loan SET due = '2099-01-01' WHERE id = {loan_id}")
    assert_caught(cli, f"loan {loan_id}: due is '2099-01-01' but the trail says '{due}'")


def test_a_loan_marked_returned(demo_db, cli):
    loan_id = one("SELECT id FROM loan WHERE returned_at IS NULL LIMIT 1")[0]
    tamper(
        demo_db,
        "UPDATE loan SET returned_on = '2026-01-02', returned_at = "
        f"'2026-01-02 10:00:00' WHERE id = {loan_id}",
    )
    assert_caught(
        cli,
        f"loan {loan_id}: returned_at is '2026-01-02 10:00:00' but the trail says empty",
        f"loan {loan_id}: returned_on is",
    )


def test_a_borrowers_role_changed(demo_db, cli):
    borrower_id, member = one("SELECT id, member_no FROM borrower WHERE role = 'civilian' LIMIT 1")
    tamper(demo_db, f"UPDATE borrower SET role = 'writer' WHERE id = {borrower_id}")
    assert_caught(
        cli,
        f"borrower {borrower_id} (member {member}): role is 'writer' but the trail says 'civilian'",
    )


def test_a_policy_cell_changed(demo_db, cli):
    rule_id = one("SELECT id FROM policy_rule WHERE role = 'cadre' AND access = 'lendable'")[0]
    tamper(demo_db, f"UPDATE policy_rule SET rule = 'loan' WHERE id = {rule_id}")
    assert_caught(
        cli,
        f"policy rule {rule_id} (cadre × lendable): rule is 'loan' but the trail says 'approval'",
    )


def test_a_signed_stocktakes_outcome_rewritten(demo_db, cli):
    outcome_id, stocktake_id, barcode = one(
        "SELECT id, stocktake_id, barcode FROM stocktake_outcome WHERE outcome = 'missing' LIMIT 1"
    )
    tamper(demo_db, f"UPDATE stocktake_outcome SET outcome = 'present' WHERE id = {outcome_id}")
    assert one("SELECT count(*) FROM sqlite_master WHERE name = 'stocktake_outcome_final'")[0]
    assert_caught(
        cli,
        f"stocktake {stocktake_id} outcome {outcome_id} (barcode {barcode}): "
        "outcome is 'present' but the trail says 'missing'",
    )


def test_an_outcome_slipped_into_a_signed_stocktake(demo_db, cli):
    """The close renders its outcomes' images itself (migration 0012 dropped their insert
    trigger): an outcome row added afterwards, with the guard dropped, has no image and is
    named; the close's own rows replay clean."""
    assert audit.verify_and_compare()[1:] == ([], 0)
    stocktake_id = one("SELECT max(id) FROM stocktake")[0]
    tamper(
        demo_db,
        "INSERT INTO stocktake_outcome (stocktake_id, barcode, outcome) VALUES "
        f"({stocktake_id}, 'PLANTED-1', 'present')",
    )
    outcome_id = one("SELECT max(id) FROM stocktake_outcome")[0]
    assert_caught(
        cli,
        f"stocktake {stocktake_id} outcome {outcome_id} (barcode PLANTED-1): "
        "present, but not in the trail",
    )


def test_the_close_puts_every_outcome_in_the_trail_in_entries_of_bounded_size(
    db, supervisor, monkeypatch
):
    monkeypatch.setattr(audit, "IMAGES_PER_ENTRY", 3)
    demo.load_demo(supervisor)
    stocktake.start(supervisor)
    list(stocktake.scan_many(supervisor, [c.barcode for c in Copy.select()][:5]))
    closed = stocktake.close(supervisor, "Visiting Inspector")
    outcomes = one(
        f"SELECT count(*) FROM stocktake_outcome WHERE stocktake_id = {closed.stocktake.id}"
    )[0]
    images = [
        len(json.loads(details)["after"].get("stocktake_outcome", {}))
        for (details,) in database.execute_sql(
            "SELECT details FROM audit_entry WHERE details LIKE '{\"after\":%'"
        )
    ]
    assert sum(images) == outcomes > 3 and max(images) == 3
    assert audit.verify_and_compare()[1:] == ([], 0)


def test_a_loan_row_inserted(demo_db, cli):
    copy_id = one("SELECT id FROM copy WHERE status = 'available' LIMIT 1")[0]
    borrower_id = one("SELECT id FROM borrower WHERE role = 'cadre' LIMIT 1")[0]
    tamper(
        demo_db,
        "INSERT INTO loan (copy_id, borrower_id, lent_on, lent_at, due) VALUES "
        f"({copy_id}, {borrower_id}, '2026-01-01', '2026-01-01 10:00:00', "
        "'2026-01-22')",
    )
    loan_id = one("SELECT max(id) FROM loan")[0]
    assert_caught(cli, f"loan {loan_id}: present, but not in the trail")


def test_a_hold_deleted(demo_db, cli):
    hold_id = one("SELECT max(id) FROM hold")[0]
    tamper(demo_db, f"DELETE FROM hold WHERE id = {hold_id}")
    assert_caught(cli, f"hold {hold_id}: gone, but the trail has it")


def test_an_outside_change_is_not_laundered_by_the_next_desk_action(
    demo_db, cli, supervisor, monkeypatch
):
    monkeypatch.setenv(audit.STRICT_ENV, "1")  # the sweep itself is under test here
    copy_id = one("SELECT id FROM copy WHERE status = 'available' ORDER BY id DESC")[0]
    tamper(demo_db, f"UPDATE copy SET condition = 'good', status = 'lost' WHERE id = {copy_id}")
    catalogue.edit_copy(
        supervisor,
        one("SELECT barcode FROM copy WHERE status = 'available' ORDER BY id")[0],
        location="Safe Z",
    )
    swept = AuditEntry.get(AuditEntry.action == audit.OUTSIDE_CHANGE)
    assert str(copy_id) in json.loads(swept.details)["after"]["copy"]
    assert cli("audit", "verify").code == 4


# -- every path writes its entry ----------------------------------------------------------


def test_a_write_with_no_entry_is_a_bug_under_the_test_suite(demo_db):
    with pytest.raises(audit.UnrecordedChange), write_transaction():
        Copy.update(location="Nowhere").where(Copy.id == 1).execute()
    assert Copy.get_by_id(1).location != "Nowhere"


def test_a_write_with_no_entry_is_recorded_by_the_system(demo_db, monkeypatch):
    monkeypatch.delenv(audit.STRICT_ENV)
    with write_transaction():
        Copy.update(location="Shelf 9").where(Copy.id == 1).execute()
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    assert (entry.action, entry.staff) == (audit.UNRECORDED_CHANGE, audit.SYSTEM)
    assert audit.verify_and_compare()[2] == 0


def test_a_large_change_continues_in_after_image_entries(db, supervisor, monkeypatch):
    monkeypatch.setattr(audit, "IMAGES_PER_ENTRY", 7)
    demo.load_demo(supervisor)
    continued = AuditEntry.select().where(AuditEntry.action == audit.AFTER_IMAGES).count()
    assert continued >= 5
    assert audit.verify_and_compare()[2] == 0


def test_a_generated_library_replays_clean(db, supervisor):
    spec = generate.LibrarySpec(60, 200, 40, 400, seed=3)
    generate.generate_library(supervisor, spec)
    verified, differences, total = audit.verify_and_compare()
    assert verified.ok and total == 0, differences[:3]
    Loan.update(renewals=5).where(Loan.id == 17).execute()  # not through a service
    assert "loan 17: renewals is 5 but the trail says 0" in audit.verify_and_compare()[1]


@pytest.mark.sqlite_only  # builds an old SQLite file
def test_a_migrated_old_catalogue_replays_clean(db_path):
    """A catalogue made before after-images (schema 4, rows written by that version) gets a
    baseline when opened, and replays clean from then on."""
    old = open_database(db_path, create=True, migrate=False)
    Runner(old, str(MIGRATIONS_DIR), table_name=MIGRATION_TABLE).up("0004_work_identity")
    for sql in (
        "INSERT INTO work (id, title, author, created_at) VALUES (1, 'Points and Lines', "
        "'Matsumoto Seicho', '2020-01-01')",
        "INSERT INTO copy (id, barcode, work_id, created_at) VALUES (1, 'C1', 1, "
        "'2020-01-01'), (2, 'C2', 1, '2020-01-01')",
        "INSERT INTO borrower (id, member_no, name, role, created_at) VALUES "
        "(1, 'W1', 'Ri Myong-hui', 'writer', '2020-01-01'), "
        "(2, 'W2', 'Kim Chol-su', 'writer', '2020-01-01')",
        "INSERT INTO loan (copy_id, borrower_id, lent_on, lent_at, due) VALUES "
        "(1, 1, '2026-01-02', '2026-01-02 10:00:00', '2026-01-23')",
        "UPDATE copy SET status = 'on-loan' WHERE id = 1",
        "INSERT INTO hold (work_id, volume, borrower_id, placed_at) VALUES "
        "(1, 1, 2, '2026-01-03 10:00:00')",
    ):
        old.execute_sql(sql)
    close_database()
    open_database(db_path)  # migrations 5 to 9: the baseline
    try:
        baseline = AuditEntry.select().where(AuditEntry.action == "baseline")
        assert {e.entity for e in baseline} == {"copy", "borrower", "loan", "hold", "policy_rule"}
        verified, differences, total = audit.verify_and_compare()
        assert verified.ok and total == 0, differences[:3]
        boss = staff.create_first_supervisor("boss", "pass-word-1")
        circulation.return_copy(boss, "C1")
        assert audit.verify_and_compare()[2] == 0
        Hold.delete().where(Hold.id == 1).execute()
        assert audit.verify_and_compare()[1] == ["hold 1: gone, but the trail has it"]
    finally:
        close_database()


# -- the chain walk ----------------------------------------------------------------------


@pytest.mark.sqlite_only  # a server's trail is walked in one process
@pytest.mark.parametrize("edit", [None, "details", "delete", "prev_hash", "tables"])
def test_two_processes_give_the_single_walks_answer(demo_db, monkeypatch, edit):
    count = AuditEntry.select().count()
    target = count * 3 // 4  # in the second process's share
    if edit == "details":
        database.execute_sql(f"UPDATE audit_entry SET details = '{{}}' WHERE id = {target}")
    elif edit == "delete":
        database.execute_sql(f"DELETE FROM audit_entry WHERE id = {target}")
    elif edit == "prev_hash":
        database.execute_sql(f"UPDATE audit_entry SET prev_hash = hash WHERE id = {target}")
    elif edit == "tables":  # rows written in either share, and rows with no trail at all
        tamper(
            demo_db,
            "UPDATE copy SET location = 'Elsewhere'",
            "UPDATE policy_rule SET days = 99 WHERE role = 'writer'",
            "DELETE FROM hold WHERE id = 1",
            "INSERT INTO borrower (member_no, name, role, created_at) VALUES "
            "('X-1', 'Nobody', 'writer', '2026-01-01')",
        )
    single = audit.verify_and_compare()
    monkeypatch.setattr(audit, "PARALLEL_FROM", 1)
    answers = []  # the other process really answered (no fallback to this one)
    monkeypatch.setattr(
        audit, "_second_half", lambda second, *rest: answers.append(second.result()) or answers[-1]
    )
    both = audit.verify_and_compare()
    assert answers and both == single
    assert both[0].ok == (edit in (None, "tables"))
    korean = Words("ko_KP")  # the other process's findings cross by their keys, not English
    assert korean.text(both[0].problem) == korean.text(single[0].problem)
    assert [korean.text(line) for line in both[1]] == [korean.text(line) for line in single[1]]
    if edit == "tables":
        assert both[2] == Copy.select().count() + 3 + 1 + 1
    elif edit is not None:
        assert both[0].bad_entry == target


@pytest.mark.parametrize("parallel", [False, True])
def test_rows_outside_the_trails_ids_are_named_too(demo_db, monkeypatch, parallel):
    """Each process renders only the id range its images cover: rows below and above it
    are still found, in id order, by one process as by two."""
    columns = "barcode, work_id, volume, location, status, condition, created_at"
    tamper(
        demo_db,
        *(
            f"INSERT INTO copy (id, {columns}) SELECT {row_id}, '{barcode}', "
            "work_id, volume, location, status, condition, created_at "
            "FROM copy WHERE id = 1"
            for row_id, barcode in ((-7, "LOW-1"), (10**6, "HIGH-1"))
        ),
    )
    if parallel:
        monkeypatch.setattr(audit, "PARALLEL_FROM", 1)
    verified, differences, total = audit.verify_and_compare()
    assert verified.ok and total == 2
    assert differences == [
        "copy -7 (barcode LOW-1): present, but not in the trail",
        "copy 1000000 (barcode HIGH-1): present, but not in the trail",
    ]


@pytest.mark.sqlite_only  # its texts hold NUL, which PostgreSQL's text cannot
def test_the_fast_walk_hashes_as_entry_hash_does(db, supervisor):
    odd = ['리용자 "례외"', "tab\tnew\nline\\", "\x00\x1f\x7f\u2028", "《화일》", "e\u0301"]
    with write_transaction():
        for text in odd:
            audit.record(supervisor, text, text, text, {text: text})
    rows = database.execute_sql(
        "SELECT id, at, staff, action, entity, entity_id, details, prev_hash, hash FROM audit_entry"
    ).fetchall()
    assert all(audit.entry_hash(*row[:8]) == row[8] for row in rows)
    assert audit.verify().ok


def test_random_desk_days_replay_clean():
    """The random desk days of test_rules_property, with the replay as an invariant."""
    from tests.core.test_rules_property import DeskDays

    class Replayed(DeskDays):
        @invariant()
        def the_tables_agree_with_the_trail(self):
            verified, differences, total = audit.verify_and_compare()
            assert verified.ok and total == 0, differences[:3]

    run_state_machine_as_test(
        Replayed,
        settings=settings(
            max_examples=15,
            stateful_step_count=40,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )


def test_the_second_process_opens_an_encrypted_catalogue(tmp_path, monkeypatch):
    path = tmp_path / "secret.db"
    open_database(path, key="it's a 'secret'", create=True)
    try:
        boss = staff.create_first_supervisor("boss", "pass-word-1")
        demo.load_demo(boss)
        single = audit.verify()
        monkeypatch.setattr(audit, "PARALLEL_FROM", 1)
        answers = []  # the other process's own answer, no fallback to this one
        monkeypatch.setattr(
            audit,
            "_second_half",
            lambda second, *rest: answers.append(second.result()) or answers[-1],
        )
        both = audit.verify()
        assert answers and both == single and both.ok
    finally:
        close_database()


def test_a_second_process_that_cannot_run_leaves_the_walk_here(demo_db, monkeypatch):
    from readingroom import verify_worker

    single = audit.verify()
    monkeypatch.setattr(audit, "PARALLEL_FROM", 1)
    monkeypatch.setattr(verify_worker.sys, "executable", "/nonexistent/python")
    assert audit.verify() == single


def test_a_difference_that_goes_away_is_a_write_in_between_not_a_tamper(demo_db, monkeypatch):
    real = audit._verify_and_compare_once
    answers = iter(
        [(audit.verify(), ["copy 1 (barcode X): status is 'a' but the trail says 'b'"], 1)]
    )
    monkeypatch.setattr(
        audit,
        "_verify_and_compare_once",
        lambda db, start: next(answers, None) or real(db, start),
    )
    assert audit.verify_and_compare()[1:] == ([], 0)
    tamper(demo_db, "DELETE FROM hold WHERE id = 1")
    monkeypatch.setattr(audit, "_verify_and_compare_once", real)
    assert audit.verify_and_compare()[1:] == (["hold 1: gone, but the trail has it"], 1)


@pytest.mark.parametrize("parallel", [False, True])
def test_an_entry_written_by_hand_with_images_that_are_not_ours_is_named_not_a_crash(
    demo_db, cli, monkeypatch, parallel
):
    """An insider appends an entry of their own (its hash and the head recomputed with the
    public ``entry_hash``) whose images name no row or are no image: the check names the
    row as unreadable instead of failing with a traceback."""
    loan_id = one("SELECT max(id) FROM loan")[0]
    count, prev = one("SELECT count, last_hash FROM audit_head")
    details = json.dumps(
        {"after": {"loan": {"not-a-row": "[1]", str(loan_id): 7}, "copy": {"1": "[]"}}},
        separators=(",", ":"),
    )
    at = "2026-12-07T10:00:00.000000"
    digest = audit.entry_hash(count + 1, at, "boss", "edit", "loan", "", details, prev)
    tamper(
        demo_db,
        "INSERT INTO audit_entry (id, at, staff, action, entity, entity_id, details, "
        f"prev_hash, hash) VALUES ({count + 1}, '{at}', 'boss', 'edit', 'loan', '', "
        f"'{details}', '{prev}', '{digest}')",
        f"UPDATE audit_head SET count = {count + 1}, last_hash = '{digest}'",
    )
    if parallel:
        monkeypatch.setattr(audit, "PARALLEL_FROM", 1)
    verified, differences, total = audit.verify_and_compare()
    assert verified.ok
    assert f"loan {loan_id}: the trail's image of it is not readable" in differences
    assert any(line.startswith("copy 1 ") and "not readable" in line for line in differences)
    assert_caught(cli, f"loan {loan_id}: the trail's image of it is not readable")


@pytest.mark.parametrize("where", ["1", "id % 3 = 0"])
def test_table_images_are_chunked_by_ids_with_and_without_gaps(demo_db, monkeypatch, where):
    monkeypatch.setattr(audit, "IMAGES_PER_ENTRY", 4)
    chunks = [json.loads(c)["copy"] for c in audit.table_images("copy", where, ())]
    rows = database.execute_sql(
        f"SELECT id, {replay.image_sql('copy')} FROM copy WHERE {where} ORDER BY id"
    ).fetchall()
    assert [len(chunk) for chunk in chunks[:-1]] == [4] * (len(chunks) - 1)
    assert {k: v for chunk in chunks for k, v in chunk.items()} == {
        str(row_id): image for row_id, image in rows
    }
