"""The decision: every reason code of the design, its override flag, and the default policy.

Each code is produced by a scenario built through the service functions, then checked three
ways: ``check`` (changes nothing), a librarian's lend or renew (refused, nothing written)
and a supervisor's override (allowed only for the codes the design marks overridable).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest

from readingroom import (
    audit,
    catalogue,
    circulation,
    clock,
    decision,
    holds,
    messages,
    policy,
    refusals,
    restrictions,
    room,
    settings,
)
from readingroom.errors import BadInput, NotPermitted, Refused
from readingroom.store.models import AuditEntry, Loan, StaffUser

# the same on a SQLite file and on a PostgreSQL server
pytestmark = pytest.mark.both_databases

#: the reason-code table of DESIGN.md: code -> may a supervisor override it?
DESIGN_CODES = {
    "ROLE_NOT_PERMITTED": False,
    "APPROVAL_REQUIRED": True,
    "BORROWER_SUSPENDED": False,
    "BORROWER_EXPIRED": True,
    "HAS_OVERDUE": True,
    "LOAN_LIMIT": True,
    "ON_LOAN": False,
    "HELD_FOR_OTHER": True,
    "NOT_FOR_LOAN": False,
    "NOT_AVAILABLE": False,
    "INSPECTION_FREEZE": True,
    "RENEWAL_LIMIT": True,
    "WAITING_LIST": True,
    "TOO_SOON": True,
    "IN_READING_ROOM": False,
    "RESTRICTED": False,
    "CONDITION_RESTRICTED": True,
    "SET_TOGETHER": True,
    "SET_INCOMPLETE": True,
}
#: codes of the design that are not a lend's or a renewal's (closing the room)
OTHER_CODES = {"ITEMS_IN_ROOM": True}


@dataclass
class Desk:
    supervisor: StaffUser
    librarian: StaffUser
    make_copy: Callable
    make_borrower: Callable

    def lend_back(self, barcode: str, member_no: str, days_ago: int) -> Loan:
        day = clock.today() - timedelta(days=days_ago)
        return circulation.lend(
            self.supervisor,
            barcode,
            member_no,
            on=day,
            backdate_reason="entered from the paper register",
        ).loan


@pytest.fixture
def desk(supervisor, librarian, make_copy, make_borrower) -> Desk:
    return Desk(supervisor, librarian, make_copy, make_borrower)


# -- lend scenarios: each returns (barcode, member_no) refused for exactly one code -------


def role_not_permitted(d: Desk) -> tuple[str, str]:
    d.make_copy("B1")
    d.make_borrower("P1", "civilian")
    return "B1", "P1"


def approval_required(d: Desk) -> tuple[str, str]:
    d.make_copy("B1")
    d.make_borrower("C1", "cadre")
    return "B1", "C1"


def borrower_suspended(d: Desk) -> tuple[str, str]:
    d.make_copy("B1")
    d.make_borrower("W1", status="suspended")
    return "B1", "W1"


def borrower_expired(d: Desk) -> tuple[str, str]:
    d.make_copy("B1")
    d.make_borrower("W1", expires=clock.today() - timedelta(days=1))
    return "B1", "W1"


def has_overdue(d: Desk) -> tuple[str, str]:
    d.make_copy("B1")
    d.make_copy("B2", "The Last Leaf", author="O. Henry")
    d.make_borrower("W1")
    d.lend_back("B2", "W1", days_ago=30)
    return "B1", "W1"


def loan_limit(d: Desk) -> tuple[str, str]:
    for n in range(4):
        d.make_copy(f"B{n}")
    d.make_borrower("W1")
    for n in range(1, 4):
        circulation.lend(d.librarian, f"B{n}", "W1")
    return "B0", "W1"


def on_loan(d: Desk) -> tuple[str, str]:
    d.make_copy("B1")
    d.make_borrower("W1")
    d.make_borrower("W2")
    circulation.lend(d.librarian, "B1", "W2")
    return "B1", "W1"


def held_for_other(d: Desk) -> tuple[str, str]:
    d.make_copy("B1")
    d.make_borrower("W1")
    d.make_borrower("W2")
    holds.place_hold(d.librarian, "B1", "W2")
    return "B1", "W1"


def not_for_loan_reading_room(d: Desk) -> tuple[str, str]:
    d.make_copy("B1", "Dictionary of Synonyms", author="Editors", access="reading-room")
    d.make_borrower("W1")
    return "B1", "W1"


def not_for_loan_staff_only(d: Desk) -> tuple[str, str]:
    d.make_copy(
        "B1", "Register of Restricted Foreign Literature", author="Union", access="staff-only"
    )
    d.make_borrower("W1")
    return "B1", "W1"


def not_available(status: str) -> Callable[[Desk], tuple[str, str]]:
    def scenario(d: Desk) -> tuple[str, str]:
        d.make_copy("B1")
        d.make_borrower("W1")
        # withdrawing: a supervisor; lost and withdrawn: with a second person
        catalogue.edit_copy(d.supervisor, "B1", status=status, confirmed_by=d.librarian)
        return "B1", "W1"

    scenario.__name__ = f"not_available_{status}"
    return scenario


def in_reading_room(d: Desk) -> tuple[str, str]:
    d.make_copy("B1")
    d.make_borrower("W1")
    d.make_borrower("W2")
    room.issue(d.librarian, "B1", "W2")
    return "B1", "W1"


def inspection_freeze(d: Desk) -> tuple[str, str]:
    d.make_copy("B1")
    d.make_borrower("W1")
    settings.change(
        d.supervisor, "inspection_date", (clock.today() + timedelta(days=3)).isoformat()
    )
    return "B1", "W1"


def restricted(d: Desk) -> tuple[str, str]:
    copy = d.make_copy("B1")
    d.make_borrower("W1")
    restrictions.restrict(
        d.supervisor, str(copy.work_id), reason="Under review", authority="Committee"
    )
    return "B1", "W1"


def condition_restricted(d: Desk) -> tuple[str, str]:
    d.make_copy("B1")
    d.make_borrower("W1")
    catalogue.edit_copy(d.librarian, "B1", condition="ragged")  # read in the room only
    return "B1", "W1"


def _set_of_two(d: Desk) -> int:
    work_id = d.make_copy("B1", "Proof of the Man", volume=1, volumes=2).work_id
    d.make_copy("B2", "Proof of the Man", volume=2, volumes=2)
    d.make_borrower("W1")
    catalogue.edit_work(d.librarian, work_id, set_issue=True)
    return work_id


def set_together(d: Desk) -> tuple[str, str]:
    _set_of_two(d)
    return "B1", "W1"


def set_incomplete(d: Desk) -> tuple[str, str]:
    work_id = _set_of_two(d)
    d.make_borrower("W2")
    circulation.lend_together(d.librarian, ["B1", "B2"], "W2")
    circulation.return_copy(d.librarian, "B1")  # volume 2 stays out
    catalogue.edit_work(d.librarian, work_id, set_issue=False)  # the set is still short
    return "B1", "W1"


LEND_CASES = [
    ("ROLE_NOT_PERMITTED", role_not_permitted),
    ("APPROVAL_REQUIRED", approval_required),
    ("BORROWER_SUSPENDED", borrower_suspended),
    ("BORROWER_EXPIRED", borrower_expired),
    ("HAS_OVERDUE", has_overdue),
    ("LOAN_LIMIT", loan_limit),
    ("ON_LOAN", on_loan),
    ("HELD_FOR_OTHER", held_for_other),
    ("NOT_FOR_LOAN", not_for_loan_reading_room),
    ("NOT_FOR_LOAN", not_for_loan_staff_only),
    *(("NOT_AVAILABLE", not_available(s)) for s in ("missing", "withdrawn", "lost", "damaged")),
    ("INSPECTION_FREEZE", inspection_freeze),
    ("IN_READING_ROOM", in_reading_room),
    ("RESTRICTED", restricted),
    ("CONDITION_RESTRICTED", condition_restricted),
    ("SET_TOGETHER", set_together),
    ("SET_INCOMPLETE", set_incomplete),
]


# -- renewal scenarios: each returns the barcode of a loan whose renewal is refused --------


def renewal_limit(d: Desk) -> str:
    d.make_copy("B1")
    d.make_borrower("W1")
    d.lend_back("B1", "W1", days_ago=5)  # a renewal today would extend it
    policy.set_rule(d.supervisor, "writer", "lendable", "loan", renewals=0)
    return "B1"


def waiting_list(d: Desk) -> str:
    d.make_copy("B1")
    d.make_borrower("W1")
    d.make_borrower("W2")
    d.lend_back("B1", "W1", days_ago=5)
    holds.place_hold(d.librarian, "B1", "W2")
    return "B1"


def too_soon(d: Desk) -> str:
    d.make_copy("B1")
    d.make_borrower("W1")
    circulation.lend(d.librarian, "B1", "W1")  # due in 21 days: renewing today moves nothing
    return "B1"


RENEW_CASES = [
    ("RENEWAL_LIMIT", renewal_limit),
    ("WAITING_LIST", waiting_list),
    ("TOO_SOON", too_soon),
]


def _ids(cases) -> list[str]:
    return [scenario.__name__ for _, scenario in cases]


def test_the_tables_cover_every_code_of_the_design():
    covered = {code for code, _ in LEND_CASES + RENEW_CASES}
    assert covered == set(DESIGN_CODES) == set(decision.ALL_CODES)
    assert messages.OVERRIDABLE == {c for c, may in (DESIGN_CODES | OTHER_CODES).items() if may}


@pytest.mark.parametrize(("code", "scenario"), LEND_CASES, ids=_ids(LEND_CASES))
def test_check_gives_the_code_with_its_override_flag(desk, code, scenario):
    barcode, member_no = scenario(desk)
    entries = AuditEntry.select().count()
    result = circulation.check(barcode, member_no)
    assert not result.allowed and result.due is None
    assert result.codes == [code]
    (reason,) = result.reasons
    assert reason.overridable is DESIGN_CODES[code]
    assert reason.as_dict() == {
        "code": code,
        "overridable": DESIGN_CODES[code],
        "message": reason.message,
    }
    assert reason.message.strip()
    assert AuditEntry.select().count() == entries


@pytest.mark.parametrize(("code", "scenario"), LEND_CASES, ids=_ids(LEND_CASES))
def test_a_refused_lend_writes_nothing(desk, code, scenario):
    barcode, member_no = scenario(desk)
    loans, entries = Loan.select().count(), AuditEntry.select().count()
    with pytest.raises(Refused) as refused:
        circulation.lend(desk.librarian, barcode, member_no)
    assert refused.value.decision.codes == [code]
    assert refused.value.exit_code == 3
    # nothing is written but, for a refusal the inspector asks about, the attempt itself
    kept = 1 if code in refusals.RECORDED_CODES else 0
    assert (Loan.select().count(), AuditEntry.select().count()) == (loans, entries + kept)
    assert AuditEntry.select().where(AuditEntry.action == "lend-refused").count() == kept


@pytest.mark.parametrize(("code", "scenario"), LEND_CASES, ids=_ids(LEND_CASES))
def test_a_supervisor_overrides_exactly_the_overridable_codes(desk, code, scenario):
    barcode, member_no = scenario(desk)
    loans = Loan.select().count()
    if not DESIGN_CODES[code]:
        with pytest.raises(Refused) as refused:
            circulation.lend(desk.supervisor, barcode, member_no, override_reason="I say so")
        assert refused.value.decision.codes == [code]
        assert Loan.select().count() == loans
        return
    lent = circulation.lend(
        desk.supervisor, barcode, member_no, override_reason="Seminar on the detective novel"
    )
    loan, result = lent.loan, lent.decision
    assert result.allowed and result.overridden and result.codes == [code]
    assert result.due is not None and loan.due == result.due
    assert loan.override_by.username == desk.supervisor.username
    assert loan.override_reason == "Seminar on the detective novel"
    assert loan.overridden_codes == code
    entry = AuditEntry.get((AuditEntry.entity == "loan") & (AuditEntry.entity_id == str(loan.id)))
    assert entry.action == "lend-override" and entry.staff == desk.supervisor.username
    assert f'"override_by":"{desk.supervisor.username}"' in entry.details
    assert "Seminar on the detective novel" in entry.details and code in entry.details


@pytest.mark.parametrize(("code", "scenario"), RENEW_CASES, ids=_ids(RENEW_CASES))
def test_renewal_refusals_and_their_override(desk, code, scenario):
    barcode = scenario(desk)
    loan = circulation.current_loan(catalogue.get_copy(barcode))
    result = decision.decide_renew(loan, clock.today())
    assert result.codes == [code] and result.due is None
    assert result.reasons[0].overridable is DESIGN_CODES[code]
    entries = AuditEntry.select().count()
    with pytest.raises(Refused) as refused:
        circulation.renew(desk.librarian, barcode)
    assert refused.value.decision.codes == [code]
    assert AuditEntry.select().count() == entries
    assert Loan.get_by_id(loan.id).due == loan.due
    with pytest.raises(NotPermitted):
        circulation.renew(desk.librarian, barcode, override_reason="please")
    renewal = circulation.renew(desk.supervisor, barcode, override_reason="Deadline")
    renewed, result = renewal.loan, renewal.decision
    assert result.overridden and renewed.override_by.username == "boss"
    assert renewed.override_reason == "Deadline" and code in renewed.overridden_codes
    assert renewed.due == clock.today() + timedelta(days=21)
    assert renewed.renewals == loan.renewals + 1


def test_every_reason_that_applies_is_listed_not_only_the_first(desk):
    desk.make_copy(
        "B1", "Register of Restricted Foreign Literature", author="Union", access="staff-only"
    )
    desk.make_borrower(
        "P1", "civilian", status="suspended", expires=clock.today() - timedelta(days=10)
    )
    catalogue.edit_copy(desk.librarian, "B1", status="missing")
    settings.change(
        desk.supervisor, "inspection_date", (clock.today() + timedelta(days=2)).isoformat()
    )
    result = circulation.check("B1", "P1")
    assert set(result.codes) == {
        "ROLE_NOT_PERMITTED",
        "NOT_FOR_LOAN",
        "BORROWER_SUSPENDED",
        "BORROWER_EXPIRED",
        "NOT_AVAILABLE",
        "INSPECTION_FREEZE",
    }
    assert not result.overridable
    with pytest.raises(Refused):
        circulation.lend(desk.supervisor, "B1", "P1", override_reason="never for a civilian")


def test_a_cadre_at_the_limit_needs_one_override_for_both_reasons(desk):
    for n in range(4):
        desk.make_copy(f"B{n}")
    desk.make_borrower("C1", "cadre")
    for n in range(1, 4):
        circulation.lend(desk.supervisor, f"B{n}", "C1", override_reason="committee")
    result = circulation.check("B0", "C1")
    assert result.codes == ["APPROVAL_REQUIRED", "LOAN_LIMIT"] and result.overridable
    lent = circulation.lend(desk.supervisor, "B0", "C1", override_reason="committee")
    loan, result = lent.loan, lent.decision
    assert set(loan.overridden_codes.split(",")) == {"APPROVAL_REQUIRED", "LOAN_LIMIT"}


def test_overdue_and_limit_and_held_together(desk):
    for n in range(5):
        desk.make_copy(f"B{n}")
    desk.make_borrower("W1")
    desk.make_borrower("W2")
    desk.lend_back("B2", "W1", days_ago=1)
    desk.lend_back("B3", "W1", days_ago=1)
    desk.lend_back("B1", "W1", days_ago=40)
    holds.place_hold(desk.librarian, "B0", "W2")
    result = circulation.check(holds.set_aside_copies()[0].copy.barcode, "W1")
    assert result.codes == ["HAS_OVERDUE", "LOAN_LIMIT", "HELD_FOR_OTHER"]
    assert result.overridable


# -- the default policy ---------------------------------------------------------------------


def test_default_matrix_is_the_designs(db):
    cells = {
        (r.role, r.access): (r.rule, r.days, r.max_items, r.renewals, r.fixed)
        for r in policy.matrix()
    }
    assert cells[("writer", "lendable")] == ("loan", 21, 3, 1, False)
    assert cells[("writer", "reading-room")][0] == "reading-room"
    assert cells[("cadre", "lendable")][0] == "approval"
    assert cells[("cadre", "reading-room")][0] == "reading-room"
    for access in ("lendable", "reading-room", "staff-only"):
        assert cells[("civilian", access)][0] == "never" and cells[("civilian", access)][4]
    for role in ("writer", "cadre", "civilian"):
        assert cells[(role, "staff-only")][0] == "never" and cells[(role, "staff-only")][4]
    assert len(cells) == 9


def test_a_writer_borrows_for_21_days_3_items_1_renewal(desk, monkeypatch):
    for n in range(4):
        desk.make_copy(f"B{n}")
    desk.make_borrower("W1")
    for n in range(3):
        lent = circulation.lend(desk.librarian, f"B{n}", "W1")
        loan, result = lent.loan, lent.decision
        assert result.allowed and loan.due == clock.today() + timedelta(days=21)
    assert circulation.check("B3", "W1").codes == ["LOAN_LIMIT"]
    # days apart: a renewal on the day of the lend or of the last renewal is TOO_SOON
    lent_on = clock.today()
    monkeypatch.setattr(clock, "today", lambda: lent_on + timedelta(days=5))
    renewed = circulation.renew(desk.librarian, "B0").loan
    assert renewed.renewals == 1
    monkeypatch.setattr(clock, "today", lambda: lent_on + timedelta(days=10))
    with pytest.raises(Refused) as refused:
        circulation.renew(desk.librarian, "B0")
    assert refused.value.decision.codes == ["RENEWAL_LIMIT"]


@pytest.mark.parametrize(
    ("role", "access", "expected"),
    [
        ("writer", "lendable", []),
        ("writer", "reading-room", ["NOT_FOR_LOAN"]),
        ("writer", "staff-only", ["NOT_FOR_LOAN"]),
        ("cadre", "lendable", ["APPROVAL_REQUIRED"]),
        ("cadre", "reading-room", ["NOT_FOR_LOAN"]),
        ("cadre", "staff-only", ["NOT_FOR_LOAN"]),
        ("civilian", "lendable", ["ROLE_NOT_PERMITTED"]),
        # the civilian cell is the fixed ``never``: the policy, not the access class, decides
        ("civilian", "reading-room", ["ROLE_NOT_PERMITTED"]),
        ("civilian", "staff-only", ["ROLE_NOT_PERMITTED", "NOT_FOR_LOAN"]),
    ],
)
def test_each_cell_of_the_default_policy(desk, role, access, expected):
    desk.make_copy("B1", f"A {access} work", author="Anon", access=access)
    desk.make_borrower("M1", role)
    assert circulation.check("B1", "M1").codes == expected


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("never", ["ROLE_NOT_PERMITTED"]),
        ("reading-room", ["NOT_FOR_LOAN"]),
        ("approval", ["APPROVAL_REQUIRED"]),
        ("loan", []),
    ],
)
def test_a_changed_policy_rule_decides(desk, rule, expected):
    desk.make_copy("B1")
    desk.make_borrower("W1")
    desk.make_borrower("C1", "cadre")
    for role in ("writer", "cadre"):
        policy.set_rule(desk.supervisor, role, "lendable", rule)
        member = "W1" if role == "writer" else "C1"
        assert circulation.check("B1", member).codes == expected


def test_policy_days_and_limit_take_effect(desk):
    for n in range(3):
        desk.make_copy(f"B{n}")
    desk.make_borrower("W1")
    policy.set_rule(desk.supervisor, "writer", "lendable", "loan", days=7, max_items=1, renewals=0)
    loan = desk.lend_back("B0", "W1", days_ago=2)  # a renewal today would extend it
    assert loan.due == clock.today() + timedelta(days=5)
    assert circulation.check("B1", "W1").codes == ["LOAN_LIMIT"]
    with pytest.raises(Refused) as refused:
        circulation.renew(desk.librarian, "B0")
    assert refused.value.decision.codes == ["RENEWAL_LIMIT"]


@pytest.mark.parametrize(
    ("role", "access"),
    [
        ("civilian", "lendable"),
        ("civilian", "reading-room"),
        ("writer", "staff-only"),
        ("cadre", "staff-only"),
        ("civilian", "staff-only"),
    ],
)
@pytest.mark.parametrize("rule", ["loan", "approval", "reading-room"])
def test_fixed_cells_cannot_be_changed(supervisor, role, access, rule):
    entries = AuditEntry.select().count()
    with pytest.raises(BadInput):
        policy.set_rule(supervisor, role, access, rule)
    assert policy.rule_for(role, access).rule == "never"
    assert AuditEntry.select().count() == entries


def test_only_a_supervisor_sets_policy(librarian, inspector):
    for actor in (librarian, inspector):
        with pytest.raises(NotPermitted):
            policy.set_rule(actor, "writer", "lendable", "never")
    assert policy.rule_for("writer", "lendable").rule == "loan"


def test_a_policy_change_is_audited_with_old_and_new(supervisor):
    policy.set_rule(supervisor, "cadre", "lendable", "loan", days=14)
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    assert (entry.action, entry.entity_id, entry.staff) == ("policy-set", "cadre/lendable", "boss")
    assert '"rule":"approval"' in entry.details and '"days":14' in entry.details
    assert audit.verify().ok


# -- due dates ----------------------------------------------------------------------------


def test_the_due_date_is_brought_forward_before_an_inspection(desk):
    desk.make_copy("B1")
    desk.make_borrower("W1")
    inspection = clock.today() + timedelta(days=10)
    settings.change(desk.supervisor, "inspection_date", inspection.isoformat())
    result = circulation.check("B1", "W1")
    assert result.allowed and result.due == inspection - timedelta(days=1)
    assert result.notes


def test_a_refused_decision_has_no_due_date_but_an_override_does(desk):
    barcode, member_no = approval_required(desk)
    result = circulation.check(barcode, member_no)
    assert result.due is None and result.as_dict()["due"] is None
    assert result.as_overridden().due == clock.today() + timedelta(days=21)


def test_an_edits_refusal_names_the_first_ten_loans_and_counts_the_rest():
    loans = [decision.ActiveLoan(f"B{n}", f"W{n}", "writer", "lendable") for n in range(1, 13)]
    named = ", ".join(f"B{n} lent to W{n}" for n in range(1, 11))
    reason = decision.has_active_loans_reason(loans)
    assert reason.code == "HAS_ACTIVE_LOANS" and not reason.overridable
    assert reason.message == (
        f"This change would leave current loans the rules forbid: {named} and 2 more. "
        "Take them back first."
    )
    assert reason.params["loans"] == messages.LoanList(
        tuple((f"B{n}", f"W{n}") for n in range(1, 11)), more=2
    )
    one = decision.has_active_loans_reason(loans[:1]).message
    assert one == (
        "This change would leave current loans the rules forbid: B1 lent to W1. "
        "Take them back first."
    )
    assert decision.has_active_loans_reason([]).message == (
        "This change would leave a current loan the rules forbid. Take it back first."
    )
