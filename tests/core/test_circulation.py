"""Lend, return, renew and overrides through the service functions, and the database's own
guards for the two rules that must hold whatever program writes the file."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest

from readingroom import audit, catalogue, circulation, clock, holds, staff
from readingroom.errors import BadInput, NotFound, NotPermitted, Refused
from readingroom.store.db import database
from readingroom.store.models import AuditEntry, Borrower, ConditionEntry, Copy, Hold, Loan
from readingroom.vocabulary import CopyStatus

# the service layer's rules hold the same on a SQLite file and on a PostgreSQL server (the
# database's own guards below are read with sqlite3, on the file only; tests/core/
# test_postgresql.py checks them on a server)
pytestmark = pytest.mark.both_databases


def last_entry() -> AuditEntry:
    return AuditEntry.select().order_by(AuditEntry.id.desc()).first()


def status(barcode: str) -> str:
    return Copy.get(Copy.barcode == barcode).status


@pytest.fixture
def shelf(make_copy, make_borrower):
    """Two copies of one work, a third work, three writers, a cadre and a civilian."""
    make_copy("B1")
    make_copy("B2")
    make_copy("B3", "The Last Leaf", author="O. Henry")
    for member_no in ("W1", "W2", "W3"):
        make_borrower(member_no)
    make_borrower("C1", "cadre")
    make_borrower("P1", "civilian")


# -- lend ---------------------------------------------------------------------------------


def test_a_lend_writes_the_loan_and_its_audit_entry(librarian, shelf):
    before = AuditEntry.select().count()
    lent = circulation.lend(librarian, "B1", "W1")
    loan, result = lent.loan, lent.decision
    assert result.allowed and not result.overridden
    assert (loan.copy.barcode, loan.borrower.member_no, loan.staff.username) == ("B1", "W1", "lib")
    assert loan.lent_on == clock.today() and not loan.backdated
    assert loan.override_by is None and loan.override_reason is None
    assert status("B1") == "on-loan"
    assert AuditEntry.select().count() == before + 1
    entry = last_entry()
    assert (entry.action, entry.entity, entry.entity_id, entry.staff) == (
        "lend",
        "loan",
        str(loan.id),
        "lib",
    )
    details = json.loads(entry.details)
    after = details.pop("after")  # the rows the lend wrote, as they now are
    assert details == {"barcode": "B1", "member_no": "W1", "due": loan.due.isoformat()}
    loan_image = json.loads(after["loan"][str(loan.id)])
    assert loan_image[:3] == [loan.copy_id, loan.borrower_id, loan.staff_id]
    assert json.loads(after["copy"][str(loan.copy_id)])[4] == "on-loan"


def test_a_back_dated_lend_is_recorded_and_audited_as_such(supervisor, shelf):
    day = clock.today() - timedelta(days=5)
    lent = circulation.lend(
        supervisor, "B1", "W1", on=day, backdate_reason="the desk was closed by a power cut"
    )
    loan, result = lent.loan, lent.decision
    assert loan.backdated and loan.lent_on == day
    assert loan.due == day + timedelta(days=21) == result.due
    assert loan.override_by.username == "boss"
    assert loan.override_reason == "back-dated: the desk was closed by a power cut"
    details = json.loads(last_entry().details)
    assert last_entry().action == "lend"
    assert details["backdated_to"] == day.isoformat()
    assert (details["approved_by"], details["reason"]) == (
        "boss",
        "the desk was closed by a power cut",
    )


def test_a_lend_cannot_be_dated_in_the_future(librarian, shelf):
    with pytest.raises(BadInput):
        circulation.lend(librarian, "B1", "W1", on=clock.today() + timedelta(days=1))
    assert Loan.select().count() == 0


def test_unknown_barcode_or_member_is_not_found(librarian, shelf):
    before = AuditEntry.select().count()
    for barcode, member_no in (("NOPE", "W1"), ("B1", "NOPE")):
        with pytest.raises(NotFound) as missing:
            circulation.lend(librarian, barcode, member_no)
        assert missing.value.exit_code == 1 and "NOPE" in missing.value.message
    assert AuditEntry.select().count() == before and Loan.select().count() == 0


def test_the_inspector_changes_nothing(inspector, librarian, shelf):
    circulation.lend(librarian, "B2", "W2")
    before = AuditEntry.select().count()
    attempts = [
        lambda: circulation.lend(inspector, "B1", "W1"),
        lambda: circulation.return_copy(inspector, "B2"),
        lambda: circulation.renew(inspector, "B2"),
        lambda: holds.place_hold(inspector, "B2", "W1"),
        lambda: catalogue.edit_copy(inspector, "B1", status="missing"),
    ]
    for attempt in attempts:
        with pytest.raises(NotPermitted) as refused:
            attempt()
        assert refused.value.exit_code == 5
    assert AuditEntry.select().count() == before
    assert status("B1") == "available" and status("B2") == "on-loan"


# -- overrides ----------------------------------------------------------------------------


def test_only_a_supervisor_may_override(librarian, shelf):
    with pytest.raises(NotPermitted):
        circulation.lend(librarian, "B1", "C1", override_reason="committee meeting")
    assert Loan.select().count() == 0 and status("B1") == "available"


@pytest.mark.parametrize("reason", ["", "   ", "\t\n"])
def test_an_override_needs_a_reason(supervisor, shelf, reason):
    with pytest.raises(BadInput):
        circulation.lend(supervisor, "B1", "C1", override_reason=reason)
    assert Loan.select().count() == 0


def test_without_override_even_a_supervisor_is_refused(supervisor, shelf):
    with pytest.raises(Refused) as refused:
        circulation.lend(supervisor, "B1", "C1")
    assert refused.value.decision.codes == ["APPROVAL_REQUIRED"]


def test_a_civilian_is_never_lent_anything_even_by_a_supervisor(supervisor, shelf):
    before = AuditEntry.select().count()
    for barcode in ("B1", "B3"):
        with pytest.raises(Refused) as refused:
            circulation.lend(supervisor, barcode, "P1", override_reason="the minister asked")
        assert refused.value.decision.codes == ["ROLE_NOT_PERMITTED"]
        assert not refused.value.decision.reasons[0].overridable
    # nothing changed; each attempt is kept in the trail (a lend-refused entry), nothing else
    assert Loan.select().count() == 0 and AuditEntry.select().count() == before + 2
    assert AuditEntry.select().where(AuditEntry.action == "lend-refused").count() == 2


def test_an_override_records_approver_and_reason_on_loan_and_audit(supervisor, shelf):
    lent = circulation.lend(
        supervisor, "B1", "C1", override_reason="Approved for the literary seminar"
    )
    loan, result = lent.loan, lent.decision
    assert result.allowed and result.overridden and result.codes == ["APPROVAL_REQUIRED"]
    stored = Loan.get_by_id(loan.id)
    assert stored.override_by.username == "boss"
    assert stored.override_reason == "Approved for the literary seminar"
    assert stored.overridden_codes == "APPROVAL_REQUIRED"
    entry = last_entry()
    assert entry.action == "lend-override" and entry.staff == "boss"
    details = json.loads(entry.details)
    assert details["override_by"] == "boss"
    assert details["override_reason"] == "Approved for the literary seminar"
    assert details["overridden"] == ["APPROVAL_REQUIRED"]


def hold_of(member_no: str) -> Hold:
    return (
        Hold.select()
        .join(Borrower)
        .where(Borrower.member_no == member_no)
        .order_by(Hold.id.desc())
        .get()
    )


def test_overriding_a_hold_returns_the_hold_to_the_head_of_the_queue(supervisor, librarian, shelf):
    circulation.lend(librarian, "B2", "W3")
    holds.place_hold(librarian, "B1", "W2")  # B1 is set aside for W2
    assert status("B1") == "held"
    circulation.lend(supervisor, "B1", "W1", override_reason="W2 agreed to wait")
    assert status("B1") == "on-loan"
    w2 = hold_of("W2")
    assert (w2.status, w2.copy, holds.queue_position(w2)) == ("waiting", None, 1)
    circulation.return_copy(librarian, "B2")
    assert status("B2") == "held" and hold_of("W2").copy.barcode == "B2"
    assert circulation.check("B2", "W1").codes == ["HELD_FOR_OTHER"]
    assert circulation.check("B2", "W2").allowed
    assert audit.verify().ok


def test_a_holder_taking_a_different_copy_frees_the_set_aside_one(librarian, shelf):
    holds.place_hold(librarian, "B1", "W1")  # B1 set aside for W1
    assert status("B1") == "held" and status("B2") == "available"
    circulation.lend(librarian, "B2", "W1")  # W1 takes the other copy instead
    assert hold_of("W1").status == "fulfilled"
    assert status("B1") == "available"
    assert circulation.check("B1", "W2").allowed
    assert audit.verify().ok


def test_both_set_aside_copies_end_with_the_right_people(supervisor, librarian, shelf):
    circulation.lend(librarian, "B2", "W3")
    holds.place_hold(librarian, "B1", "W1")  # B1 set aside for W1
    holds.place_hold(librarian, "B1", "W2")  # W2 waits behind
    circulation.return_copy(librarian, "B2")  # B2 comes back: set aside for W2
    assert (hold_of("W1").copy.barcode, hold_of("W2").copy.barcode) == ("B1", "B2")
    # W1 walks off with W2's copy on a supervisor's word: B1 then goes to W2
    circulation.lend(supervisor, "B2", "W1", override_reason="W1 has a reading tonight")
    assert status("B2") == "on-loan" and status("B1") == "held"
    assert hold_of("W2").status == "ready" and hold_of("W2").copy.barcode == "B1"
    assert hold_of("W1").status == "fulfilled"
    assert audit.verify().ok


# -- return -------------------------------------------------------------------------------


@pytest.mark.parametrize("grade", ["good", "worn", "ragged", "damaged"])
def test_return_with_each_condition_grade(librarian, shelf, grade):
    loan = circulation.lend(librarian, "B1", "W1").loan
    before = AuditEntry.select().count()
    returned = circulation.return_copy(librarian, "B1", condition=grade).loan
    assert returned.returned_on == clock.today() and returned.return_condition == grade
    copy = Copy.get(Copy.barcode == "B1")
    assert copy.condition == grade
    assert copy.status == ("damaged" if grade == "damaged" else "available")
    entry = ConditionEntry.get(ConditionEntry.loan == loan.id)
    assert (entry.grade, entry.staff.username) == (grade, "lib")
    assert AuditEntry.select().count() == before + 1
    assert json.loads(last_entry().details)["condition"] == grade


def test_a_damaged_copy_leaves_circulation(supervisor, librarian, shelf):
    circulation.lend(librarian, "B1", "W1")
    circulation.lend(librarian, "B2", "W3")
    holds.place_hold(librarian, "B1", "W2")
    circulation.return_copy(librarian, "B1", condition="damaged")
    assert status("B1") == "damaged"
    for member_no in ("W1", "W2"):
        assert circulation.check("B1", member_no).codes == ["NOT_AVAILABLE"]
    with pytest.raises(Refused):
        circulation.lend(supervisor, "B1", "W2", override_reason="it is only a little torn")
    waiting = Hold.select().where(Hold.status == "waiting").count()
    assert waiting == 1  # nobody was handed a damaged copy


def test_return_without_a_grade_keeps_the_condition(librarian, shelf):
    circulation.lend(librarian, "B1", "W1")
    returned = circulation.return_copy(librarian, "B1").loan
    assert returned.return_condition is None
    copy = Copy.get(Copy.barcode == "B1")
    assert (copy.status, copy.condition) == ("available", "good")
    assert ConditionEntry.select().count() == 0


@contextmanager
def statements() -> Iterator[list[str]]:
    """Every SQL statement the connection runs inside the block."""
    seen: list[str] = []
    connection = database.connection()
    connection.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        connection.set_trace_callback(None)


@pytest.mark.sqlite_only  # watches SQLite's own statement trace
def test_a_return_tells_whom_the_copy_was_set_aside_for(librarian, shelf):
    circulation.lend(librarian, "B1", "W1")
    circulation.lend(librarian, "B2", "W3")
    holds.place_hold(librarian, "B1", "W2")
    returned = circulation.return_copy(librarian, "B1", condition="worn")
    with statements() as seen:  # both front doors read the result, never the database
        facts = (
            returned.copy_status,
            returned.set_aside_for.member_no,
            returned.set_aside_for.name,
            returned.loan.copy.barcode,
            returned.loan.copy.status,
            returned.loan.copy.condition,
            returned.loan.return_condition,
            returned.loan.borrower.member_no,
        )
    assert seen == []
    assert facts == (
        CopyStatus.HELD,
        "W2",
        hold_of("W2").borrower.name,
        "B1",
        "held",
        "worn",
        "worn",
        "W1",
    )
    assert status("B1") == CopyStatus.HELD and hold_of("W2").copy.barcode == "B1"


@pytest.mark.parametrize(("grade", "shelf_status"), [(None, "available"), ("damaged", "damaged")])
def test_a_return_nobody_waits_for_says_where_the_copy_went(librarian, shelf, grade, shelf_status):
    circulation.lend(librarian, "B1", "W1")
    returned = circulation.return_copy(librarian, "B1", condition=grade)
    assert (returned.copy_status, returned.set_aside_for) == (shelf_status, None)
    assert returned.loan.copy.status == status("B1") == shelf_status


def test_return_refuses_what_is_not_on_loan_or_a_bad_grade(librarian, shelf):
    with pytest.raises(NotFound):
        circulation.return_copy(librarian, "B1")
    circulation.lend(librarian, "B1", "W1")
    with pytest.raises(BadInput):
        circulation.return_copy(librarian, "B1", condition="soggy")
    with pytest.raises(BadInput):
        circulation.return_copy(
            staff.get_staff("boss"),
            "B1",
            on=clock.today() - timedelta(days=3),
            backdate_reason="late",
        )
    assert status("B1") == "on-loan"


def test_a_back_dated_return_counts_overdue_days(supervisor, shelf):
    circulation.lend(
        supervisor,
        "B1",
        "W1",
        on=clock.today() - timedelta(days=40),
        backdate_reason="entered late",
    )
    circulation.return_copy(
        supervisor,
        "B1",
        on=clock.today() - timedelta(days=2),
        backdate_reason="found in the night box",
    )
    details = json.loads(last_entry().details)
    assert details["overdue_days"] == 40 - 21 - 2
    assert details["returned_on"] == (clock.today() - timedelta(days=2)).isoformat()


# -- renew --------------------------------------------------------------------------------


def test_renew_runs_from_today_and_is_audited(librarian, supervisor, shelf):
    circulation.lend(
        supervisor,
        "B1",
        "W1",
        on=clock.today() - timedelta(days=10),
        backdate_reason="entered late",
    )
    renewal = circulation.renew(librarian, "B1")
    renewed, result = renewal.loan, renewal.decision
    assert renewed.due == clock.today() + timedelta(days=21) == result.due
    assert renewed.renewals == 1
    details = json.loads(last_entry().details)
    assert last_entry().action == "renew" and details["renewals"] == 1


def test_renew_of_a_copy_not_on_loan_is_not_found(librarian, shelf):
    with pytest.raises(NotFound):
        circulation.renew(librarian, "B1")


def test_the_waiting_list_counts_only_others(librarian, supervisor, shelf):
    day = clock.today() - timedelta(days=5)  # renewing today extends the loans
    for barcode, member_no in (("B1", "W1"), ("B2", "W2")):
        circulation.lend(supervisor, barcode, member_no, on=day, backdate_reason="paper register")
    holds.place_hold(librarian, "B3", "W1")  # another work: no effect on B1
    circulation.renew(librarian, "B1")
    holds.place_hold(librarian, "B1", "W3")
    with pytest.raises(Refused) as refused:
        circulation.renew(librarian, "B2")
    assert refused.value.decision.codes == ["WAITING_LIST"]


# -- the database's own guards --------------------------------------------------------------


@pytest.mark.sqlite_only
def test_the_database_refuses_a_second_active_loan(db, librarian, shelf):
    circulation.lend(librarian, "B1", "W1")
    conn = sqlite3.connect(db)
    with pytest.raises(sqlite3.IntegrityError):
        with conn:
            conn.execute(
                "INSERT INTO loan (copy_id, borrower_id, lent_on, lent_at, due) "
                "SELECT c.id, b.id, '2024-01-01', '2024-01-01 12:00', '2024-01-22' "
                "FROM copy c, borrower b WHERE c.barcode = 'B1' AND b.member_no = 'W2'"
            )
    conn.close()
    assert Loan.select().count() == 1


@pytest.mark.sqlite_only
def test_the_database_refuses_a_loan_to_a_civilian(db, shelf):
    conn = sqlite3.connect(db)
    with pytest.raises(sqlite3.IntegrityError, match="ROLE_NOT_PERMITTED"):
        with conn:
            conn.execute(
                "INSERT INTO loan (copy_id, borrower_id, lent_on, lent_at, due) "
                "SELECT c.id, b.id, '2024-01-01', '2024-01-01 12:00', '2024-01-22' "
                "FROM copy c, borrower b WHERE c.barcode = 'B1' AND b.member_no = 'P1'"
            )
    conn.close()
    assert Loan.select().count() == 0


@pytest.mark.sqlite_only
def test_the_database_refuses_an_override_without_a_reason(db, supervisor, shelf):
    conn = sqlite3.connect(db)
    with pytest.raises(sqlite3.IntegrityError):
        with conn:
            conn.execute(
                "INSERT INTO loan (copy_id, borrower_id, lent_on, lent_at, due, "
                "override_by_id, override_reason) "
                "SELECT c.id, b.id, '2024-01-01', '2024-01-01 12:00', '2024-01-22', "
                "1, ' ' FROM copy c, borrower b "
                "WHERE c.barcode = 'B1' AND b.member_no = 'C1'"
            )
    conn.close()
