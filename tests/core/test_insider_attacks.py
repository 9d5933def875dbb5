"""An insider's attacks on the merged work of issue 9: second paths to the same change.

Each test makes the attack the way a librarian under pressure (or a supervisor who wants a
quiet exception) would, through the service functions, the command line or sqlite3 on the
file, and expects it refused, or, where only write access to the file makes it possible,
named by ``doctor``.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from readingroom import borrowers, catalogue, circulation, clock
from readingroom.errors import BadInput, NotPermitted
from readingroom.store.db import close_database
from readingroom.store.inspection_models import StocktakeExpected
from readingroom.store.models import AuditEntry
from tests.core.cli_support import InProcess, dump

LIB = "lib"


@pytest.fixture
def desk(db, supervisor, librarian, make_copy, make_borrower):
    """B1-B3 of one lendable work; writers W1 (active) and S1 (suspended)."""
    for barcode in ("B1", "B2", "B3"):
        make_copy(barcode)
    make_borrower("W1")
    make_borrower("S1")
    borrowers.suspend_borrower(supervisor, "S1", "lost two books")
    return db


@pytest.fixture
def cli(desk, capsys, monkeypatch) -> InProcess:
    return InProcess(desk, capsys, monkeypatch)


# -- a suspension is lifted by a supervisor only ------------------------------------------


def test_a_librarian_cannot_lift_a_suspension_to_lend(cli, librarian):
    """Reinstate, lend, suspend again: BORROWER_SUSPENDED is never overridden, so lifting
    it is a supervisor's act (by either command and by the edit)."""
    before = dump(cli.db)
    result = cli("borrower", "reinstate", "S1", user=LIB)
    assert result.code == 5 and "supervisor" in result.err
    with pytest.raises(BadInput, match="reinstating"):  # an edit never changes the status
        borrowers.edit_borrower(librarian, "S1", status="active")
    assert dump(cli.db) == before
    assert cli("borrower", "reinstate", "S1").code == 0  # the supervisor may


# -- a lapsed membership is revived by a supervisor only ----------------------------------


def test_a_librarian_cannot_revive_a_lapsed_membership_to_lend(
    cli, supervisor, librarian, make_borrower
):
    """Edit the expiry away, lend, (put it back): BORROWER_EXPIRED wants a supervisor, so
    reviving a lapsed membership does too; renewing one that still runs does not."""
    make_borrower("X1", expires=clock.today() - timedelta(days=3))
    make_borrower("X2", expires=clock.today() + timedelta(days=3))
    before = dump(cli.db)
    for expires in ("none", (clock.today() + timedelta(days=365)).isoformat()):
        result = cli("borrower", "edit", "X1", "--expires", expires, user=LIB)
        assert result.code == 5 and "supervisor" in result.err, str(result)
    assert dump(cli.db) == before
    later = clock.today() + timedelta(days=400)
    assert borrowers.edit_borrower(librarian, "X2", expires=later).borrower.expires == later
    assert borrowers.edit_borrower(supervisor, "X1", expires=later).borrower.expires == later


# -- a renewal meets the borrower's standing, as a lend does ------------------------------


def test_a_librarian_cannot_renew_away_an_overdue_loan_or_a_lapsed_membership(
    cli, supervisor, make_borrower
):
    """Renew the overdue loan, then lend: HAS_OVERDUE dodged. Renew for a lapsed member:
    a loan kept by an expired membership. Both want a supervisor's override."""
    circulation.lend(
        supervisor,
        "B1",
        "W1",
        on=clock.today() - timedelta(days=30),
        backdate_reason="from the paper register",
    )
    make_borrower("X1")
    circulation.lend(supervisor, "B2", "X1")
    borrowers.edit_borrower(supervisor, "X1", expires=clock.today() - timedelta(days=1))
    before = dump(cli.db)
    overdue = cli("renew", "B1", user=LIB)
    assert overdue.code == 3 and "HAS_OVERDUE" in overdue.err, str(overdue)
    lapsed = cli("renew", "B2", user=LIB)
    assert lapsed.code == 3 and "BORROWER_EXPIRED" in lapsed.err, str(lapsed)
    assert dump(cli.db) == before
    assert cli("renew", "B1", "--override", "the writer was ill").code == 0


# -- a copy leaves the collection by a supervisor's act -----------------------------------


def test_a_librarian_cannot_write_off_a_missing_volume_before_the_stocktake(
    cli, supervisor, librarian
):
    """Short of a volume before the inspection, mark it withdrawn: the stocktake no longer
    expects it and the inspection report never names it. Withdrawing is a supervisor's."""
    before = dump(cli.db)
    result = cli("copy", "mark", "B3", "withdrawn", "--reason", "worn out", user=LIB)
    assert result.code == 5 and "supervisor" in result.err, str(result)
    with pytest.raises(NotPermitted):
        catalogue.edit_copy(librarian, "B3", status="withdrawn")
    assert dump(cli.db) == before
    assert catalogue.mark_copy(librarian, "B3", "missing").status == "missing"  # may say so
    assert catalogue.mark_copy(supervisor, "B3", "withdrawn", "burnt", librarian).status == (
        "withdrawn"
    )
    assert cli("inspection", "start").code == 0
    assert {row.barcode for row in StocktakeExpected.select()} == {"B1", "B2"}


# -- staff accounts hold what the trail gave them -----------------------------------------


def _sql(path, *statements: str) -> None:
    close_database()
    with sqlite3.connect(path) as connection:
        for statement in statements:
            connection.execute(statement)


@pytest.mark.parametrize(
    "statements, named",
    [
        # an inspector (or the librarian) made a supervisor: overrides, and a key certified
        # quietly at the next real supervisor's sign-in
        (
            ["UPDATE staff_user SET role = 'supervisor' WHERE username = 'lib'"],
            "lib is supervisor but was added as librarian",
        ),
        # an account the trail never added
        (
            [
                "INSERT INTO staff_user (username, role, full_name, password_hash, active, "
                "failed_attempts, created_at) SELECT 'ghost', 'supervisor', '', password_hash, "
                "1, 0, created_at FROM staff_user WHERE username = 'lib'"
            ],
            "ghost is supervisor but the trail never added it",
        ),
        # a disabled account enabled again behind the supervisor's back
        (
            ["UPDATE staff_user SET active = 1 WHERE username = 'lib'"],
            "lib is enabled but the trail disabled it",
        ),
    ],
)
def test_doctor_names_a_staff_account_changed_behind_the_trail(cli, supervisor, statements, named):
    """Write access to the file can change staff_user; doctor must say so."""
    from readingroom import staff

    staff.set_active(supervisor, "lib", False)
    if "enabled" not in named:
        staff.set_active(supervisor, "lib", True)
    assert cli("doctor").code == 0
    _sql(cli.db, *statements)
    result = cli("doctor")
    assert result.code == 1 and "FAIL invariants" in result.out, str(result)
    assert named in result.out


def test_a_supervisor_made_with_sqlite3_gets_no_certified_seal_key(cli, supervisor):
    """The escalated account signs in (a key is made for it); the real supervisor's next
    command certifies waiting keys: never one of an account the trail did not make a
    supervisor."""
    from readingroom.seals import SealKey

    _sql(cli.db, "UPDATE staff_user SET role = 'supervisor' WHERE username = 'lib'")
    cli("lend", "B1", "W1", user=LIB)  # a writing command as the new 'supervisor'
    assert cli("audit", "seal").code == 0  # the real supervisor, who certifies waiting keys
    keys = {row.username: row.certificate for row in SealKey.select()}
    assert "boss" in keys and keys.get("lib") is None


# -- the writers' screen: a PIN guessed across many member numbers ------------------------


def test_spraying_one_pin_over_many_member_numbers_locks_the_writers_screen(
    supervisor, librarian, make_copy, make_borrower
):
    """Five wrong PINs lock one member; four tries on each of many members never did, so
    a common PIN could be tried on every member number (unknown ones too). Too many wrong
    tries on the screen within the lock time lock the screen for everyone."""
    from readingroom import kiosk
    from readingroom import writers_catalogue as wc

    make_copy("PL-1", "Writers' Copy")
    for n in range(25):
        make_borrower(f"V{n}")
        kiosk.set_pin(librarian, f"V{n}", "1111")
    kiosk.set_pin(librarian, "V24", "0000")
    work_id = wc.search("Writers")[0].work_id
    for n in range(kiosk.SCREEN_LOCK_AFTER):
        member_no = f"V{n}" if n % 2 else f"NOBODY-{n}"
        with pytest.raises(wc.NotPossibleHere):
            wc.join_waiting_list(librarian, work_id, 1, member_no, "0000")
    with pytest.raises(wc.NotPossibleHere):  # the sprayed PIN is right for V24: too late
        wc.join_waiting_list(librarian, work_id, 1, "V24", "0000")
    assert (
        "writers' screen locked" in AuditEntry.select().order_by(AuditEntry.id.desc()).get().details
    )


# -- rule 1 held by the database on UPDATE too --------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        # hand a current loan over to a civilian
        "UPDATE loan SET borrower_id = (SELECT id FROM borrower WHERE member_no = 'P1') "
        "WHERE returned_at IS NULL",
        # bring back an old loan of the civilian (lent before they were made civilian)
        "UPDATE loan SET returned_at = NULL, returned_on = NULL "
        "WHERE borrower_id = (SELECT id FROM borrower WHERE member_no = 'P1')",
        # move the lent copy to a staff-only work
        "UPDATE copy SET work_id = (SELECT id FROM work WHERE access = 'staff-only') "
        "WHERE barcode = 'B1'",
    ],
)
def test_sqlite3_cannot_turn_a_loan_into_a_forbidden_one(
    desk, supervisor, make_borrower, make_copy, statement
):
    """Without dropping a guard, no UPDATE makes a current loan one the rules forbid."""
    make_copy("S1", "Staff Manual", access="staff-only")
    make_borrower("P1")
    circulation.lend(supervisor, "B2", "P1")
    circulation.return_copy(supervisor, "B2")
    borrowers.edit_borrower(supervisor, "P1", role="civilian")
    circulation.lend(supervisor, "B1", "W1")
    close_database()
    with sqlite3.connect(desk) as connection:
        before = list(connection.iterdump())
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute(statement)
        assert list(connection.iterdump()) == before


# -- the computer's clock set back --------------------------------------------------------


def test_a_clock_set_back_to_lend_before_the_freeze_shows_in_doctor(cli, librarian):
    """Lending is frozen before the inspection; the librarian sets the PC's clock three
    days back, lends, and sets it right. The program cannot know the true time, but the
    trail then runs backwards, and doctor says where."""
    from datetime import date, datetime

    from readingroom import settings

    inspection = clock.today() + timedelta(days=5)
    assert cli("inspection", "schedule", inspection.isoformat(), "--freeze-days", "7").code == 0
    assert cli("lend", "B1", "W1", user=LIB).code == 3  # INSPECTION_FREEZE
    assert settings.inspection_date() == inspection and cli("doctor").code == 0
    back = timedelta(days=3)

    with pytest.MonkeyPatch.context() as pc_clock:
        pc_clock.setattr(clock, "instant", lambda: datetime.now() - back)  # the trail's time
        pc_clock.setattr(clock, "now", lambda: datetime.now().replace(microsecond=0) - back)
        pc_clock.setattr(clock, "today", lambda: date.today() - back)
        circulation.lend(librarian, "B1", "W1")  # not frozen three days ago
    result = cli("doctor")
    assert result.code == 1 and "FAIL invariants" in result.out, str(result)
    assert "is dated before entry" in result.out


# -- a renewal beyond the limit by a return and a lend ------------------------------------


def test_a_return_and_a_lend_again_are_no_renewal_beyond_the_limit(cli, librarian, supervisor):
    """The writer has used the renewal; the librarian takes the book back and lends it (or
    its twin) again at once: RENEWAL_LIMIT, a supervisor's override, as the renewal was."""
    circulation.lend(
        supervisor, "B1", "W1", on=clock.today() - timedelta(days=5), backdate_reason="paper"
    )
    circulation.renew(librarian, "B1")
    assert cli("renew", "B1", user=LIB).code == 3
    assert cli("return", "B1", user=LIB).code == 0
    before = dump(cli.db)
    for barcode in ("B1", "B2"):
        result = cli("lend", barcode, "W1", user=LIB)
        assert result.code == 3 and "RENEWAL_LIMIT" in result.err, str(result)
    assert dump(cli.db) == before
    assert cli("lend", "B2", "W1", "--override", "finishing a translation").code == 0


# -- a supervisor's quiet exception -------------------------------------------------------


def test_a_policy_opened_for_one_loan_shows_in_the_overrides_report(
    cli, supervisor, librarian, make_borrower, tmp_path
):
    """Cadres need approval; the supervisor opens the cell, the cadre borrows with no
    override, the cell is closed again. The overrides report (what the inspector reads)
    names the opening and closing, and the other acts that set a rule aside."""
    from readingroom import policy

    make_borrower("K1", "cadre")
    policy.set_rule(supervisor, "cadre", "lendable", "loan")
    circulation.lend(librarian, "B1", "K1")
    policy.set_rule(supervisor, "cadre", "lendable", "approval")
    borrowers.reinstate_borrower(supervisor, "S1")
    catalogue.mark_copy(supervisor, "B3", "withdrawn", "burnt", librarian)
    out = tmp_path / "overrides.csv"
    assert cli("report", "overrides", "--format", "csv", "--out", str(out)).code == 0
    text = out.read_text(encoding="utf-8-sig")
    assert "policy cadre/lendable: approval to loan" in text
    assert "policy cadre/lendable: loan to approval" in text
    assert "suspension lifted" in text and ",S1," in text
    assert "copy withdrawn" in text and "burnt" in text


# -- a supervisor's password hash swapped with sqlite3 ------------------------------------


def test_a_swapped_password_hash_does_not_let_an_impostor_override(cli, supervisor, make_borrower):
    """The insider puts a hash they know on a supervisor's account, overrides as them and
    puts the real hash back: every act would read as the supervisor's own. The seal key,
    encrypted under the real password, does not open: the sign-in is refused and audited."""
    from readingroom import staff

    staff.add_staff(supervisor, "deputy", "supervisor", "deputy-pass-1")
    make_borrower("K1", "cadre")
    known = staff.hash_password("insiders-password")
    _sql(cli.db, f"UPDATE staff_user SET password_hash = '{known}' WHERE username = 'deputy'")
    before = dump(cli.db)
    result = cli(
        "lend",
        "B1",
        "K1",
        "--override",
        "the minister's nephew",
        user="deputy",
        password="insiders-password",
    )
    assert result.code == 5 and "seal key" in result.err, str(result)
    assert dump(cli.db)["loan"] == before["loan"]
    failed = AuditEntry.select().order_by(AuditEntry.id.desc()).get()  # audited
    assert (failed.action, failed.entity_id) == ("sign-in-failed", "deputy")
    assert "seal key does not open" in failed.details


# -- the demo's public passwords on a real catalogue --------------------------------------


@pytest.mark.parametrize(
    "username, role, password",
    [
        ("librarian", "librarian", "librarian"),  # short, let through as the demo's
        ("supervisor", "supervisor", "supervisor"),  # ten characters, printed in the README
        ("deputy", "supervisor", "supervisor"),
    ],
)
def test_no_account_with_a_demo_password_on_a_real_catalogue(
    desk, supervisor, username, role, password
):
    """A supervisor adds 'supervisor'/'supervisor' to a real catalogue: a second supervisor
    anyone at the desk can sign in as, to approve their own exceptions."""
    from readingroom import staff
    from readingroom.errors import BadInput

    with pytest.raises(BadInput):
        staff.add_staff(supervisor, username, role, password)
    with pytest.raises(BadInput):
        staff.set_password(supervisor, "lib", password)
    assert staff.authenticate("lib", "pass-word-1").username == "lib"
