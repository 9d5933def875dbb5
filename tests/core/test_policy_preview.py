"""The policy preview: what a proposed cell would allow or refuse, computed before saving."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from readingroom import audit, circulation, policy
from readingroom.errors import BadInput
from readingroom.policy_preview import ALLOWED, APPROVAL, REFUSED, preview
from readingroom.store.models import AuditEntry, Loan

TODAY = date.today()


@pytest.fixture
def cadres(make_borrower):
    for member_no in ("C-1", "C-2", "C-3"):
        make_borrower(member_no, role="cadre")
    make_borrower("C-4", role="cadre", status="suspended")
    make_borrower("W-1")


def test_cadres_without_approval_are_counted_and_nothing_is_written(cadres):
    entries = AuditEntry.select().count()
    result = preview("cadre", "lendable", "loan", days=21, max_items=3, renewals=1)
    assert result.current.rule == "approval"
    assert result.transitions() == {(APPROVAL, ALLOWED): 3}
    suspended = next(o for o in result.outcomes if o.member_no == "C-4")
    assert (suspended.before, suspended.after) == (REFUSED, REFUSED)
    assert "APPROVAL_REQUIRED" not in suspended.after_codes
    assert {o.member_no for o in result.outcomes} == {"C-1", "C-2", "C-3", "C-4"}
    assert policy.rule_for("cadre", "lendable").rule == "approval"
    assert AuditEntry.select().count() == entries and audit.verify().ok


def test_reading_room_only_refuses_writers_who_could_borrow(cadres):
    result = preview("writer", "lendable", "reading-room", days=21, max_items=3, renewals=1)
    assert result.transitions() == {(ALLOWED, REFUSED): 1}
    assert result.changed[0].after_codes == ("NOT_FOR_LOAN",)


def test_a_lower_item_limit_shows_who_would_be_at_it(supervisor, make_borrower, make_copy):
    make_borrower("W-1")
    make_borrower("W-2")
    make_copy("A1")
    circulation.lend(supervisor, "A1", "W-1")
    result = preview("writer", "lendable", "loan", days=21, max_items=1, renewals=1)
    by_member = {o.member_no: o for o in result.outcomes}
    assert (by_member["W-1"].before, by_member["W-1"].after) == (ALLOWED, APPROVAL)
    assert by_member["W-1"].after_codes == ("LOAN_LIMIT",)
    assert not by_member["W-2"].changed


def test_fewer_renewals_counts_active_loans_that_could_renew_no_more(
    supervisor, make_borrower, make_copy
):
    make_borrower("W-1")
    make_copy("A1")
    make_copy("A2")
    circulation.lend(
        supervisor, "A1", "W-1", on=TODAY - timedelta(days=2), backdate_reason="entered late"
    )
    circulation.lend(supervisor, "A2", "W-1")
    circulation.renew(supervisor, "A1")
    assert Loan.select().where(Loan.renewals == 1).count() == 1
    result = preview("writer", "lendable", "loan", days=21, max_items=3, renewals=0)
    assert result.renewals_used_up == 1  # A2 could renew once; A1 already has
    assert (
        preview("writer", "lendable", "loan", days=21, max_items=3, renewals=1).renewals_used_up
        == 0
    )


def test_same_rule_changes_nothing(cadres):
    result = preview("cadre", "lendable", "approval", days=21, max_items=3, renewals=1)
    assert not result.is_change and result.changed == [] and not result.transitions()


def test_a_fixed_cell_cannot_be_previewed_as_lendable(cadres):
    with pytest.raises(BadInput, match="fixed"):
        preview("civilian", "lendable", "loan", days=21, max_items=3, renewals=1)
    with pytest.raises(BadInput):
        preview("writer", "lendable", "loan", days=0, max_items=3, renewals=1)
