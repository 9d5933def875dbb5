"""What was left of issue 11 at the desk, without a window: the loan limit decided across
the basket (the copy that would go past it is refused with ``LOAN_LIMIT`` when scanned, not
allowed and then failing at Enter), and a renewal overridden past the inspection says so
and is recorded as such."""

from __future__ import annotations

import json
from datetime import date

import pytest

from readingroom import circulation, desk, inspection, policy
from readingroom.desk import DeskSession
from readingroom.messages import Wording
from readingroom.store.models import AuditEntry, Loan
from tests.core.inspection_support import Calendar


@pytest.fixture
def shelf(supervisor, make_copy, make_borrower):
    for n in range(1, 6):
        make_copy(f"RR-{n}", title=f"Work {n}")
    make_borrower("W-1")


def lent() -> list[str]:
    return sorted(loan.copy.barcode for loan in Loan.select().where(Loan.returned_at.is_null()))


def test_the_limit_is_decided_across_the_basket(shelf, librarian):
    """Limit 3, two loans held, two allowed copies scanned: the second is refused at once."""
    circulation.lend(librarian, "RR-1", "W-1")
    circulation.lend(librarian, "RR-2", "W-1")
    session = DeskSession()
    session.scan("W-1")
    session.scan("RR-3")
    session.scan("RR-4")
    first, second = session.basket
    assert not first.refused
    assert second.refused and second.decision.codes == ["LOAN_LIMIT"]
    assert second.decision.reasons[0].params == {"held": 3, "limit": 3}
    assert second.overridable
    session.scan("RR-3")  # the same copy again: decided again, not counted twice
    assert not session.item("RR-3").refused
    run = session.confirm(librarian)
    assert [d.barcode for d in run.done] == ["RR-3"] and run.refused == ()
    assert lent() == ["RR-1", "RR-2", "RR-3"]
    assert [i.barcode for i in session.basket] == ["RR-4"]


def test_removing_an_allowed_copy_frees_its_place_when_the_basket_is_read_again(shelf, librarian):
    circulation.lend(librarian, "RR-1", "W-1")
    circulation.lend(librarian, "RR-2", "W-1")
    session = DeskSession()
    session.scan("W-1")
    session.scan("RR-3")
    session.scan("RR-4")
    assert session.item("RR-4").refused
    session.remove("RR-3")
    session.refresh()
    assert not session.item("RR-4").refused


def test_a_limit_of_one_more_refuses_every_copy_after_the_first(shelf, supervisor, librarian):
    policy.set_rule(supervisor, "writer", "lendable", "loan", max_items=2)
    session = DeskSession()
    session.scan("W-1")
    for n in (1, 2, 3, 4):
        session.scan(f"RR-{n}")
    assert [i.refused for i in session.basket] == [False, False, True, True]
    reread = desk.reread("W-1", session.basket)
    assert [reread.decisions[f"RR-{n}"].allowed for n in (1, 2, 3, 4)] == [
        True,
        True,
        False,
        False,
    ]


LENT_ON, INSPECTION = date(2026, 12, 3), date(2026, 12, 18)


def test_a_renewal_overridden_past_the_inspection_says_so_and_is_recorded(
    monkeypatch, shelf, supervisor, librarian
):
    calendar = Calendar(monkeypatch, LENT_ON)
    circulation.lend(librarian, "RR-1", "W-1")  # due 12-24
    inspection.schedule(supervisor, INSPECTION)
    calendar.set(date(2026, 12, 8))
    refused = desk.renew_preview("RR-1")[1]
    assert refused.codes == ["INSPECTION_FREEZE"] and refused.notes == ()  # a refusal: none
    (note,) = refused.notes_if_overridden  # what the override would do, for its dialog
    assert note.wording == Wording.DUE_AFTER_INSPECTION
    renewal = circulation.renew(supervisor, "RR-1", override_reason="the reader is abroad")
    assert renewal.loan.due == date(2026, 12, 29)
    assert [n.message for n in renewal.decision.notes] == [
        "With this override the loan runs past the inspection on 2026-12-18 (due 2026-12-29): "
        "the copy will be out on the inspection day."
    ]
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    details = json.loads(entry.details)
    assert entry.action == "renew-override" and details["after_inspection"] == "2026-12-18"


def test_a_renewal_that_ends_before_the_inspection_records_nothing_more(
    monkeypatch, shelf, supervisor, librarian
):
    calendar = Calendar(monkeypatch, LENT_ON)
    circulation.lend(librarian, "RR-1", "W-1")
    inspection.schedule(supervisor, date(2027, 3, 1))
    calendar.set(date(2026, 12, 10))
    renewal = circulation.renew(librarian, "RR-1")
    assert renewal.decision.notes == ()
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert "after_inspection" not in json.loads(entry.details)


def test_the_register_of_exceptions_says_the_renewal_runs_past_the_inspection(
    monkeypatch, shelf, supervisor, librarian
):
    from readingroom import reports
    from readingroom.reports.base import Options

    calendar = Calendar(monkeypatch, LENT_ON)
    circulation.lend(librarian, "RR-1", "W-1")
    inspection.schedule(supervisor, INSPECTION)
    calendar.set(date(2026, 12, 8))
    circulation.renew(supervisor, "RR-1", override_reason="the reader is abroad")
    report = reports.build("exceptions", Options(today=date(2026, 12, 8)))
    texts = [" ".join(str(v) for v in row) for row in report.rows()]
    assert any(
        "renewal approved; due 2026-12-29, after the inspection on 2026-12-18" in t for t in texts
    )
