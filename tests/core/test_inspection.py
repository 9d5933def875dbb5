"""Inspection readiness: the freeze and due-date capping around the inspection date, the
readiness view (service and ``inspection readiness --json``) and recall letters."""

from __future__ import annotations

from datetime import timedelta

import pytest

from readingroom import audit, catalogue, circulation, holds, inspection, settings, stocktake
from readingroom.errors import BadInput, NotPermitted, Refused
from readingroom.store.models import AuditEntry
from tests.core.cli_support import InProcess
from tests.core.inspection_support import (  # noqa: F401 - fixture
    TODAY,
    calendar_fixture,
    pdf_text,
    small_collection,
)

# the same on a SQLite file and on a PostgreSQL server
pytestmark = pytest.mark.both_databases

READINESS_KEYS = {"inspection_date", "days_left", "items"}
ITEM_KEYS = {"barcode", "title", "volume", "borrower", "due", "days_overdue", "reason"}
INSPECTION = TODAY + timedelta(days=20)
LOAN_DAYS = 21  # the default policy for writers


@pytest.fixture
def cli(db, capsys, monkeypatch) -> InProcess:
    return InProcess(db, capsys, monkeypatch)


@pytest.fixture
def desk(calendar, librarian, supervisor, make_borrower):
    small_collection(supervisor)
    make_borrower("W1", name="리명희")
    make_borrower("W2", name="Kim Chol-su")
    return calendar


# -- the freeze and the capped due date ---------------------------------------------------


def test_without_an_inspection_the_due_date_is_the_policys(desk, librarian):
    lent = circulation.lend(librarian, "A001", "W1")
    loan, decision = lent.loan, lent.decision
    assert loan.due == TODAY + timedelta(days=LOAN_DAYS)
    assert decision.notes == ()


def test_a_due_date_on_or_after_the_inspection_is_brought_forward_with_a_note(
    desk, librarian, supervisor
):
    inspection.schedule(supervisor, INSPECTION)
    lent = circulation.lend(librarian, "A001", "W1")
    loan, decision = lent.loan, lent.decision
    assert loan.due == INSPECTION - timedelta(days=1)
    assert decision.as_dict()["notes"] == [
        f"The due date is brought forward to {(INSPECTION - timedelta(days=1)).isoformat()}, "
        f"the day before the inspection on {INSPECTION.isoformat()}."
    ]


def test_a_due_date_before_the_inspection_is_left_alone(desk, librarian, supervisor):
    inspection.schedule(supervisor, TODAY + timedelta(days=LOAN_DAYS + 1))
    lent = circulation.lend(librarian, "A001", "W1")
    loan, decision = lent.loan, lent.decision
    assert loan.due == TODAY + timedelta(days=LOAN_DAYS)
    assert decision.notes == ()


@pytest.mark.parametrize("days_before", [7, 3, 1, 0])
def test_lending_is_frozen_from_n_days_before_up_to_the_inspection_day(
    desk, librarian, supervisor, days_before
):
    inspection.schedule(supervisor, INSPECTION)
    desk.set(INSPECTION - timedelta(days=days_before))
    with pytest.raises(Refused) as refused:
        circulation.lend(librarian, "A001", "W1")
    assert refused.value.decision.codes == ["INSPECTION_FREEZE"]
    assert refused.value.decision.overridable
    with pytest.raises(NotPermitted):
        circulation.lend(librarian, "A001", "W1", override_reason="urgent research")
    lent = circulation.lend(supervisor, "A001", "W1", override_reason="urgent research")
    loan, decision = lent.loan, lent.decision
    assert decision.overridden
    assert loan.due == max(desk.day, INSPECTION - timedelta(days=1))


def test_the_day_before_the_freeze_and_the_day_after_the_inspection_lend_normally(
    desk, librarian, supervisor
):
    inspection.schedule(supervisor, INSPECTION)
    desk.set(INSPECTION - timedelta(days=8))
    lent = circulation.lend(librarian, "A001", "W1")
    loan, decision = lent.loan, lent.decision
    assert decision.allowed and loan.due == INSPECTION - timedelta(days=1)
    desk.set(INSPECTION + timedelta(days=1))
    lent = circulation.lend(librarian, "A002", "W2")
    loan, decision = lent.loan, lent.decision
    assert loan.due == desk.day + timedelta(days=LOAN_DAYS) and decision.notes == ()


def test_the_freeze_window_is_configurable(desk, librarian, supervisor):
    inspection.schedule(supervisor, INSPECTION, freeze_days=3)
    desk.set(INSPECTION - timedelta(days=4))
    circulation.lend(librarian, "A001", "W1")
    desk.set(INSPECTION - timedelta(days=3))
    with pytest.raises(Refused):
        circulation.lend(librarian, "A002", "W1")


def test_a_renewal_is_capped_before_the_inspection_too(desk, librarian, supervisor):
    circulation.lend(librarian, "A001", "W1")  # due TODAY + 21
    later = TODAY + timedelta(days=LOAN_DAYS + 4)
    inspection.schedule(supervisor, later)
    desk.shift(10)  # the policy's days would run past the inspection
    renewal = circulation.renew(librarian, "A001")
    loan, decision = renewal.loan, renewal.decision
    assert loan.due == later - timedelta(days=1)  # later than it was, but before the inspection
    assert decision.notes


def test_schedule_is_audited_and_checked(desk, librarian, inspector, supervisor):
    schedule = inspection.schedule(supervisor, INSPECTION, freeze_days=5)
    assert (schedule.days_left, schedule.freeze_days, schedule.frozen) == (20, 5, False)
    assert settings.inspection_date() == INSPECTION and settings.freeze_days() == 5
    entry = AuditEntry.select().where(AuditEntry.action == "inspection-schedule").get()
    assert INSPECTION.isoformat() in entry.details and audit.verify().ok
    with pytest.raises(BadInput):
        inspection.schedule(supervisor, TODAY - timedelta(days=1))
    with pytest.raises(BadInput):
        inspection.schedule(supervisor, INSPECTION, freeze_days=-1)
    with pytest.raises(NotPermitted):
        inspection.schedule(inspector, INSPECTION)
    with pytest.raises(NotPermitted):  # moving the date would move the lending freeze
        inspection.schedule(librarian, INSPECTION + timedelta(days=30))


def test_schedule_and_the_capped_due_date_from_the_command_line(desk, cli, inspector):
    done = cli("inspection", "schedule", INSPECTION.isoformat(), "--freeze-days", "3")
    assert done.code == 0, done
    shown = cli("inspection", "schedule", "--json").json()
    assert shown["inspection_date"] == INSPECTION.isoformat() and shown["freeze_days"] == 3
    lent = cli("lend", "A001", "W1", "--json")
    assert lent.code == 0
    assert lent.json()["due"] == (INSPECTION - timedelta(days=1)).isoformat()
    assert "brought forward" in lent.json()["notes"][0]
    desk.set(INSPECTION - timedelta(days=2))
    refused = cli("lend", "A002", "W1", "--json")
    assert refused.code == 3
    assert [r["code"] for r in refused.json()["reasons"]] == ["INSPECTION_FREEZE"]
    assert cli("inspection", "schedule", "2020-01-01").code == 1
    assert cli("inspection", "schedule", "2030-13-01").code == 1
    assert cli("inspection", "schedule", INSPECTION.isoformat(), user="insp").code == 5


# -- readiness ----------------------------------------------------------------------------


@pytest.fixture
def unready(desk, librarian, supervisor, make_borrower):
    """One copy for every readiness reason (the date moves on 30 days after the first loan)."""
    circulation.lend(librarian, "A001", "W1")  # will be overdue
    desk.shift(20)
    circulation.lend(librarian, "A002", "W2")  # due after the inspection
    circulation.lend(librarian, "A003", "W2")  # returned before the check
    desk.shift(10)
    inspection.schedule(supervisor, desk.day + timedelta(days=9))
    make_borrower("W3")
    circulation.lend(librarian, "P1", "W3")  # due before the inspection
    holds.place_hold(librarian, "A004", "W2")  # set aside at once: held
    catalogue.edit_copy(librarian, "A005", status="missing")
    catalogue.edit_copy(librarian, "A006", status="damaged")
    catalogue.edit_copy(  # the set now lacks volume 2
        librarian, "P2", status="lost", confirmed_by=supervisor
    )
    return desk


def test_readiness_lists_every_reason_with_borrower_due_and_days_overdue(unready):
    ready = inspection.readiness()
    today = unready.day
    assert ready.inspection_date == today + timedelta(days=9) and ready.days_left == 9
    found = {(item.reason, item.barcode): item for item in ready.items}
    assert set(found) == {
        ("overdue", "A001"),
        ("due-after-inspection", "A002"),
        ("due-after-inspection", "A003"),
        ("on-loan", "P1"),
        ("held", "A004"),
        ("missing", "A005"),
        ("damaged", "A006"),
        ("lost", "P2"),
        ("incomplete-set", None),
    }
    overdue = found[("overdue", "A001")]
    assert overdue.borrower == "W1" and overdue.due == TODAY + timedelta(days=LOAN_DAYS)
    assert overdue.days_overdue == (today - overdue.due).days == 9
    assert found[("held", "A004")].borrower == "W2"
    lacking = found[("incomplete-set", None)]
    assert (lacking.title, lacking.volume) == ("인간의 증명 (Proof of the Man)", 2)
    assert [item.reason for item in ready.items] == sorted(
        (item.reason for item in ready.items), key=inspection.REASONS.index
    )


def test_a_returned_loan_leaves_the_readiness_view(unready, librarian):
    circulation.return_copy(librarian, "A003")
    barcodes = [item.barcode for item in inspection.readiness().items]
    assert "A003" not in barcodes


def test_readiness_json_has_exactly_the_contract_keys(unready, cli):
    done = cli("inspection", "readiness", "--json")
    assert done.code == 0, done
    data = done.json()
    assert set(data) == READINESS_KEYS
    assert data["inspection_date"] == (unready.day + timedelta(days=9)).isoformat()
    assert data["days_left"] == 9
    assert all(set(item) == ITEM_KEYS for item in data["items"])
    assert {item["reason"] for item in data["items"]} <= set(inspection.REASONS)
    overdue = next(item for item in data["items"] if item["reason"] == "overdue")
    assert overdue == {
        "barcode": "A001",
        "title": "Work 1",
        "volume": 1,
        "borrower": "W1",
        "due": (TODAY + timedelta(days=LOAN_DAYS)).isoformat(),
        "days_overdue": 9,
        "reason": "overdue",
    }
    text = cli("inspection", "readiness").out
    assert "9 days left" in text and "A001" in text and "리명희" in text


def test_readiness_with_nothing_out_and_no_inspection(desk, cli):
    data = cli("inspection", "readiness", "--json").json()
    assert data["inspection_date"] is None and data["days_left"] is None
    assert data["items"] == []


# -- recall letters -----------------------------------------------------------------------


def test_recall_letters_one_pdf_per_borrower_for_what_must_come_back(unready, librarian, tmp_path):
    result = inspection.write_recall_letters(librarian, tmp_path / "recall")
    assert sorted(path.name for path in result.files) == ["recall-W1.pdf", "recall-W2.pdf"]
    assert {(loan.barcode, loan.reason) for loan in result.loans} == {
        ("A001", "overdue"),
        ("A002", "due-after-inspection"),
        ("A003", "due-after-inspection"),
    }
    day_before = (unready.day + timedelta(days=8)).isoformat()
    w1 = pdf_text(tmp_path / "recall" / "recall-W1.pdf")
    assert "리명희" in w1 and "Work 1" in w1 and day_before in w1 and "9 days overdue" in w1
    assert not (tmp_path / "recall" / "recall-W3.pdf").exists()  # P1 comes back in time
    w2 = pdf_text(tmp_path / "recall" / "recall-W2.pdf")
    assert "Work 2" in w2 and "Work 3" in w2 and "Recall before the inspection" in w2


def test_recall_from_the_command_line(unready, cli, tmp_path, inspector):
    done = cli("inspection", "recall", "--out", str(tmp_path / "letters"), "--json")
    assert done.code == 0, done
    assert len(done.json()["files"]) == 2
    assert cli("inspection", "recall", "--out", str(tmp_path / "x"), user="insp").code == 5


def test_a_stocktake_not_yet_signed_has_no_chain_head(db, supervisor) -> None:
    opened = stocktake.start(supervisor)
    with pytest.raises(ValueError, match="not signed"):
        inspection.signed_head(opened.stocktake)


def test_a_signed_stocktake_records_its_chain_head(db, supervisor) -> None:
    stocktake.start(supervisor)
    closed = stocktake.close(supervisor, "Kim Su-yong")
    head = inspection.signed_head(closed.stocktake)
    assert head.stocktake_id == closed.stocktake.id
    assert head.signed_on == closed.stocktake.signed_on
    assert head.count == closed.stocktake.audit_count
    assert head.check().ok
