"""An open window does not outlive a disabled account (issue 9, item 4).

A staff object signed in earlier is no key: every change reads the account again, inside
the change's own write transaction, and refuses (exit 5, nothing changed) when the account
was disabled, locked, removed or given another role since.
"""

from __future__ import annotations

import pytest

from readingroom import audit, circulation, holds, staff, standing
from readingroom.errors import NotPermitted
from readingroom.standing import AccountWithdrawn
from readingroom.store.db import database, write_transaction
from readingroom.store.models import Copy, Loan, StaffUser
from tests.core.cli_support import snapshot as snapshot_of

# the same on a SQLite file and on a PostgreSQL server
pytestmark = pytest.mark.both_databases


def snapshot() -> str:
    return snapshot_of(database)


@pytest.fixture
def desk(supervisor, librarian, make_copy, make_borrower):
    make_copy("C1")
    make_borrower("W1")
    return librarian


def test_a_disabled_librarians_lend_is_refused_and_changes_nothing(supervisor, desk):
    signed_in = staff.authenticate("lib", "pass-word-1")  # the window's object, kept all day
    staff.set_active(supervisor, "lib", False)
    before = snapshot()
    with pytest.raises(AccountWithdrawn) as refused:
        circulation.lend(signed_in, "C1", "W1")
    assert refused.value.exit_code == 5 and "disabled" in refused.value.message
    assert snapshot() == before
    staff.set_active(supervisor, "lib", True)
    circulation.lend(signed_in, "C1", "W1")  # the same object works again once enabled
    assert Loan.select().count() == 1


def test_a_locked_account_is_refused_until_unlocked(supervisor, desk):
    signed_in = staff.authenticate("lib", "pass-word-1")
    for _ in range(staff.LOCK_AFTER_FAILURES):
        with pytest.raises(NotPermitted):
            staff.authenticate("lib", "a-wrong-guess")
    before = snapshot()
    with pytest.raises(AccountWithdrawn, match="locked"):
        holds.place_hold(signed_in, "C1", "W1")
    assert snapshot() == before
    staff.unlock(supervisor, "lib")
    holds.place_hold(signed_in, "C1", "W1")


def test_a_changed_role_is_refused_even_when_the_new_role_may_do_it(supervisor, desk):
    signed_in = staff.authenticate("lib", "pass-word-1")
    StaffUser.update(role="supervisor").where(StaffUser.username == "lib").execute()
    before = snapshot()
    with pytest.raises(AccountWithdrawn, match="role changed from librarian to supervisor"):
        circulation.lend(signed_in, "C1", "W1")
    assert snapshot() == before
    fresh = staff.get_staff("lib")  # signing in again picks the new role up
    circulation.lend(fresh, "C1", "W1")


def test_a_removed_account_is_refused(supervisor, desk):
    signed_in = staff.authenticate("lib", "pass-word-1")
    StaffUser.update(username="someone-else").where(StaffUser.username == "lib").execute()
    with pytest.raises(AccountWithdrawn, match="no longer exists"):
        circulation.lend(signed_in, "C1", "W1")


def test_the_check_inside_the_write_rolls_back_what_was_written_before_it(
    supervisor, desk, monkeypatch
):
    """The gate at the door (``require``) passed, the account is disabled a moment later:
    the loan and the copy's new status, written before the audit entry, are undone."""
    signed_in = staff.authenticate("lib", "pass-word-1")
    monkeypatch.setattr(staff, "check_actor", lambda actor: None)  # no check at the door
    staff.set_active(supervisor, "lib", False)
    before = snapshot()
    with pytest.raises(AccountWithdrawn):
        circulation.lend(signed_in, "C1", "W1")
    assert snapshot() == before
    assert Copy.get(Copy.barcode == "C1").status == "available"


def test_a_raw_write_and_its_audit_entry_roll_back_together(supervisor, desk):
    signed_in = staff.authenticate("lib", "pass-word-1")
    staff.set_active(supervisor, "lib", False)
    before = snapshot()
    with pytest.raises(AccountWithdrawn), write_transaction():
        Copy.update(status="missing").where(Copy.barcode == "C1").execute()
        audit.record(signed_in, "copy-edit", "copy", "C1")
    assert snapshot() == before


def test_changes_to_ones_own_account_still_work(supervisor, librarian):
    me = staff.authenticate("lib", "pass-word-1")
    staff.set_password(me, "lib", "a-new-pass-word", old_password="pass-word-1")
    assert staff.authenticate("lib", "a-new-pass-word").username == "lib"
    boss = staff.authenticate("boss", "pass-word-1")
    staff.set_password(boss, "boss", "boss-new-pass-word")
    staff.set_active(boss, "lib", False)  # the supervisor's object still stands
    staff.set_active(boss, "lib", True)


def test_system_and_failed_sign_in_entries_have_no_account_to_check(db):
    with write_transaction():
        audit.record("system", "migration", "database", "")
        audit.record("nobody-at-all", "sign-in-failed", "staff", "nobody-at-all")
    assert audit.verify().ok


def test_a_listener_hears_of_the_withdrawal(supervisor, desk):
    signed_in = staff.authenticate("lib", "pass-word-1")
    heard: list[str] = []
    listener = heard.append
    standing.add_listener(lambda problem: listener(problem.username))
    staff.set_active(supervisor, "lib", False)
    try:
        with pytest.raises(AccountWithdrawn):
            circulation.lend(signed_in, "C1", "W1")
    finally:
        standing._listeners.clear()
    assert heard == ["lib"]


def test_a_disabled_account_writes_no_backup_file_either(supervisor, desk, tmp_path):
    """The early check at the door (``require``) refuses before a file is written."""
    from readingroom import backup

    signed_in = staff.authenticate("lib", "pass-word-1")
    staff.set_active(supervisor, "lib", False)
    with pytest.raises(AccountWithdrawn):
        backup.make_backup(signed_in, tmp_path / "copy.db")
    assert not (tmp_path / "copy.db").exists()
