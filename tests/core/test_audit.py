"""The audit trail: every change appends an entry in its own transaction, nothing is logged
for a change that did not happen, and any edit, deletion or insertion made with a plain
SQLite connection makes ``readingroom audit verify`` exit 4 naming the entry."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta

import pytest

from readingroom import (
    audit,
    borrowers,
    catalogue,
    circulation,
    clock,
    holds,
    imports,
    policy,
    staff,
    trail,
)
from readingroom.errors import ReadingRoomError
from readingroom.store.models import AuditEntry, AuditHead, Loan, Work
from tests.core.cli_support import InProcess, audit_count, dump, run_program, tamper

# the same on a SQLite file and on a PostgreSQL server
pytestmark = pytest.mark.both_databases


@pytest.fixture
def history(db, supervisor, librarian, make_copy, make_borrower):
    """A catalogue with a dozen audited changes behind it."""
    make_copy("B1")
    make_copy("B2", "The Last Leaf", author="O. Henry")
    make_borrower("W1")
    make_borrower("W2")
    circulation.lend(librarian, "B1", "W1")
    holds.place_hold(librarian, "B1", "W2")
    circulation.return_copy(librarian, "B1", condition="worn")
    circulation.lend(librarian, "B1", "W2")
    assert audit.verify().ok and audit.verify().count >= 10
    return db


def _renew_a_loan_of_last_week(supervisor, librarian):
    """A renewal that extends the loan (one renewed on the day it was lent is TOO_SOON)."""
    day = clock.today() - timedelta(days=7)
    circulation.lend(supervisor, "B2", "W1", on=day, backdate_reason="from the paper register")
    return circulation.renew(librarian, "B2")


@pytest.fixture
def cli(history, capsys, monkeypatch) -> InProcess:
    return InProcess(history, capsys, monkeypatch)


# -- every change is audited, in the same transaction -------------------------------------

CHANGES: list[tuple[str, Callable]] = [
    (
        "work-add",
        lambda s, lib, tmp: catalogue.add_work(lib, title="Decameron", author="Boccaccio"),
    ),
    ("work-edit", lambda s, lib, tmp: catalogue.edit_work(lib, 1, notes="rebound 1998")),
    ("copy-add", lambda s, lib, tmp: catalogue.add_copy(lib, 1, "B9")),
    ("copy-edit", lambda s, lib, tmp: catalogue.edit_copy(lib, "B2", location="Safe C")),
    (
        "borrower-add",
        lambda s, lib, tmp: borrowers.add_borrower(lib, "W9", name="Ri", role="writer"),
    ),
    ("borrower-suspend", lambda s, lib, tmp: borrowers.suspend_borrower(lib, "W1", "kept a book")),
    ("lend", lambda s, lib, tmp: circulation.lend(lib, "B2", "W1")),
    ("return", lambda s, lib, tmp: circulation.return_copy(lib, "B1", condition="good")),
    ("renew", lambda s, lib, tmp: _renew_a_loan_of_last_week(s, lib)),
    ("hold-place", lambda s, lib, tmp: holds.place_hold(lib, "B1", "W1")),
    ("policy-set", lambda s, lib, tmp: policy.set_rule(s, "writer", "lendable", "loan", days=14)),
    ("staff-add", lambda s, lib, tmp: staff.add_staff(s, "clerk", "librarian", "clerk-pass-word")),
    ("staff-password", lambda s, lib, tmp: staff.set_password(s, "lib", "new-pass-word")),
    ("staff-disable", lambda s, lib, tmp: staff.set_active(s, "lib", False)),
    (
        "import-borrowers",
        lambda s, lib, tmp: imports.import_borrowers(
            lib, _csv(tmp, "member_no,name,role\nW7,Ri,writer\n")
        ),
    ),
    (
        "import-catalogue",
        lambda s, lib, tmp: imports.import_catalogue(
            lib, _csv(tmp, "barcode,title,author\nB7,Boule de Suif,Maupassant\n")
        ),
    ),
]


def _csv(tmp_path, text: str):
    path = tmp_path / "in.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("action", "change"), CHANGES, ids=[a for a, _ in CHANGES])
def test_every_change_appends_an_entry(history, supervisor, librarian, tmp_path, action, change):
    before = audit_count(history)
    change(supervisor, librarian, tmp_path)
    after = AuditEntry.select().order_by(AuditEntry.id).where(AuditEntry.id > before)
    assert action in [e.action for e in after]
    result = audit.verify()
    assert result.ok and result.count == audit_count(history)
    assert AuditHead.get_by_id(1).count == result.count


def test_the_change_and_its_entry_commit_together(history, librarian, monkeypatch):
    snapshot = dump(history)

    def broken_record(*args, **kwargs):
        raise RuntimeError("the disk filled up while writing the audit entry")

    monkeypatch.setattr(audit, "record", broken_record)
    with pytest.raises(RuntimeError):
        circulation.return_copy(librarian, "B1", condition="damaged")
    with pytest.raises(RuntimeError):
        catalogue.add_work(librarian, title="Wuthering Heights", author="Emily Brontë")
    assert dump(history) == snapshot  # neither the return nor the work was kept


@pytest.mark.parametrize(
    "attempt",
    [
        lambda s, lib, insp: circulation.lend(lib, "B2", "NOPE"),
        lambda s, lib, insp: circulation.lend(lib, "B1", "W1"),
        lambda s, lib, insp: circulation.lend(insp, "B2", "W1"),
        lambda s, lib, insp: circulation.renew(lib, "B2"),
        lambda s, lib, insp: circulation.return_copy(lib, "B1", condition="soaked"),
        lambda s, lib, insp: catalogue.add_work(lib, title="  ", author="Nobody"),
        lambda s, lib, insp: catalogue.add_copy(lib, 1, "B1"),
        lambda s, lib, insp: policy.set_rule(s, "civilian", "lendable", "loan"),
        lambda s, lib, insp: policy.set_rule(lib, "writer", "lendable", "never"),
        lambda s, lib, insp: holds.cancel_hold(lib, "B2", "W1"),
        lambda s, lib, insp: staff.add_staff(s, "lib", "librarian", "lib-pass-word"),
    ],
    ids=[
        "unknown-member",
        "on-loan",
        "inspector",
        "not-lent",
        "bad-grade",
        "empty-title",
        "used-barcode",
        "fixed-cell",
        "librarian-policy",
        "no-hold",
        "taken-name",
    ],
)
def test_a_failing_service_call_adds_no_entry(history, supervisor, librarian, inspector, attempt):
    snapshot = dump(history)
    with pytest.raises(ReadingRoomError):
        attempt(supervisor, librarian, inspector)
    assert dump(history) == snapshot


def test_an_entry_names_who_did_what_to_which_record(history, supervisor):
    loan = circulation.lend(
        supervisor, "B2", "W1", on=clock.today() - timedelta(days=2), backdate_reason="entered late"
    ).loan
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    assert (entry.staff, entry.action, entry.entity, entry.entity_id) == (
        "boss",
        "lend",
        "loan",
        str(loan.id),
    )
    assert entry.at[:10] == clock.today().isoformat()  # when it was written, not back-dated
    assert json.loads(entry.details)["backdated_to"] == loan.lent_on.isoformat()
    previous = AuditEntry.get_by_id(entry.id - 1)
    assert entry.prev_hash == previous.hash and len(entry.hash) == 64
    assert entry.hash == audit.entry_hash(
        entry.id,
        entry.at,
        entry.staff,
        entry.action,
        entry.entity,
        entry.entity_id,
        entry.details,
        entry.prev_hash,
    )


# -- tampering with any SQLite tool -------------------------------------------------------


def verify_names(cli: InProcess, entry_id: int) -> None:
    result = cli("audit", "verify")
    assert result.code == 4, result
    assert f"entry {entry_id}" in result.err
    assert "Traceback" not in result.err
    as_json = cli("audit", "verify", "--json")
    assert as_json.code == 4
    assert as_json.json()["ok"] is False and as_json.json()["bad_entry"] == entry_id


def test_an_intact_chain_verifies(cli):
    result = cli("audit", "verify")
    assert result.code == 0 and "intact" in result.out
    data = cli("audit", "verify", "--json").json()
    assert data["ok"] is True and data["count"] == AuditEntry.select().count()


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("details", '{"barcode":"B1","member_no":"W9"}'),
        ("staff", "someone-else"),
        ("at", "2001-01-01T00:00:00.000000"),
        ("action", "return"),
        ("entity_id", "999"),
        ("hash", "f" * 64),
    ],
)
def test_editing_an_entry_is_detected(cli, history, column, value):
    tamper(history, f"UPDATE audit_entry SET {column} = ? WHERE id = 5", (value,))
    verify_names(cli, 5)


def test_editing_an_entry_and_its_hash_is_detected_at_the_next(cli, history):
    row = AuditEntry.get_by_id(4)
    forged = audit.entry_hash(
        4,
        row.at,
        row.staff,
        row.action,
        row.entity,
        row.entity_id,
        '{"forged":true}',
        row.prev_hash,
    )
    tamper(
        history,
        "UPDATE audit_entry SET details = ?, hash = ? WHERE id = 4",
        ('{"forged":true}', forged),
    )
    verify_names(cli, 5)


def test_deleting_an_entry_is_detected(cli, history):
    tamper(history, "DELETE FROM audit_entry WHERE id = 3")
    verify_names(cli, 3)


def test_inserting_an_entry_is_detected(cli, history):
    count = audit_count(history)
    tamper(
        history,
        "INSERT INTO audit_entry (id, at, staff, action, entity, entity_id, "
        "details, prev_hash, hash) VALUES (?, '2020-01-01', 'boss', 'lend', "
        "'loan', '1', '{}', ?, ?)",
        (count + 1, AuditEntry.get_by_id(count).hash, "0" * 64),
    )
    verify_names(cli, count + 1)


def test_inserting_an_entry_between_others_is_detected(cli, history):
    count = audit_count(history)
    # make room at id 4 (ids shifted up by one), then slip a well-formed entry in
    tamper(history, "UPDATE audit_entry SET id = id + 1000 WHERE id >= 4")
    tamper(history, "UPDATE audit_entry SET id = id - 999 WHERE id >= 1000")
    third = AuditEntry.get_by_id(3)
    at = "2024-01-01T00:00:00.000000"
    forged = audit.entry_hash(4, at, "boss", "staff-add", "staff", "ghost", "{}", third.hash)
    tamper(
        history,
        "INSERT INTO audit_entry VALUES (4, ?, 'boss', 'staff-add', 'staff', 'ghost', '{}', ?, ?)",
        (at, third.hash, forged),
    )
    assert audit_count(history) == count + 1
    verify_names(cli, 5)  # the forged entry chains on; the one after it no longer does


def test_deleting_the_newest_entries_is_detected_by_the_head(cli, history):
    count = audit_count(history)
    tamper(history, "DELETE FROM audit_entry WHERE id > ?", (count - 2,))
    verify_names(cli, count - 1)
    assert "removed" in cli("audit", "verify").err


def test_a_changed_chain_head_is_detected(cli, history):
    count = audit_count(history)
    tamper(history, "UPDATE audit_head SET count = count + 1")
    verify_names(cli, count + 1)


def test_verify_in_a_real_process_exits_4(history, librarian):
    count = audit_count(history)
    tamper(history, "UPDATE audit_entry SET details = '{}' WHERE id = ?", (count - 1,))
    result = run_program(history, "audit", "verify")
    assert result.code == 4, result
    assert f"entry {count - 1}" in result.err and "Traceback" not in result.err


def test_audit_list_shows_the_entries(cli, history):
    result = cli("audit", "list", "--json", "--limit", "0")
    assert result.code == 0
    entries = result.json()["entries"]
    assert [e["id"] for e in entries] == list(range(1, audit_count(history) + 1))
    assert {"id", "at", "staff", "action", "entity", "entity_id", "details"} <= set(entries[0])
    newest = cli("audit", "list", "--json", "--limit", "2").json()["entries"]
    assert [e["id"] for e in newest] == [audit_count(history) - 1, audit_count(history)]
    lends = cli("audit", "list", "--json", "--action", "lend").json()["entries"]
    assert {e["action"] for e in lends} == {"lend"} and len(lends) == 2
    text = cli("audit", "list")
    assert text.code == 0 and "hold-ready" in text.out


def test_recent_entries_are_the_newest_oldest_first(history):
    """What ``audit list`` reads: plain entries, the newest ``limit`` (all for 0), oldest
    first, only one action's if asked."""
    count = audit_count(history)
    assert [e.id for e in trail.recent_entries(2)] == [count - 1, count]
    assert len(trail.recent_entries()) == len(trail.recent_entries(0)) == count
    lends = trail.recent_entries(action="lend")
    stored = AuditEntry.select().where(AuditEntry.action == "lend").order_by(AuditEntry.id)
    assert [(e.id, e.hash, e.details) for e in lends] == [(e.id, e.hash, e.details) for e in stored]
    assert [e.id for e in trail.recent_entries(1, "lend")] == [lends[-1].id]
    assert isinstance(lends[0], trail.TrailEntry)


def test_loans_agree_with_their_entries(history):
    lent = {e.entity_id for e in AuditEntry.select().where(AuditEntry.action == "lend")}
    assert lent == {str(loan.id) for loan in Loan.select()}
    assert Work.select().count() == len([e for e in AuditEntry.select() if e.action == "work-add"])
