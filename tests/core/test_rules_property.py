"""Random desk days (hypothesis' stateful testing): lend, return, renew, hold, cancel,
override, repair, inspection dates and policy changes by a librarian and a supervisor, on a
small collection with writers, a cadre and a civilian. Each call's outcome is predicted from
the decision made just before it, and after every step the rules of DESIGN.md must hold:
no civilian holds a loan, no copy is on two active loans, every active loan was allowed or
carries a supervisor's override with a reason, copy statuses agree with loans and holds,
and the audit chain verifies.

CI runs 30 examples; ``READINGROOM_FULL=1`` runs 300.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from readingroom import (
    audit,
    borrowers,
    catalogue,
    circulation,
    clock,
    decision,
    holds,
    policy,
    refusals,
    staff,
)
from readingroom import settings as desk_settings
from readingroom.errors import BadInput, NotFound, NotPermitted, ReadingRoomError, Refused
from readingroom.store.db import close_database, database, open_database
from readingroom.store.models import AuditEntry, Copy, StaffUser

pytestmark = pytest.mark.slow
FULL = bool(os.environ.get("READINGROOM_FULL"))
BARCODES = ("A1", "A2", "B1", "B2", "R1", "S1")
MEMBERS = ("W1", "W2", "W3", "W9", "C1", "V1")
#: the everyday desk: two copies of one volume, two writers and a cadre, where loans, holds
#: and overrides meet most often (the rules above also draw the odd cases)
EVERYDAY_BARCODES = ("A1", "A2")
EVERYDAY_MEMBERS = ("W1", "W2", "C1")
ACTORS = ("lib", "boss")
REASONS = (None, None, "Seminar approved by the branch secretary", "   ")
GRADES = (None, "good", "worn", "ragged", "damaged")
POLICY_RULES = ("loan", "loan", "loan", "approval", "reading-room", "never")


def query(sql: str, params: tuple = ()) -> list[tuple]:
    return database.execute_sql(sql, params).fetchall()


class DeskDays(RuleBasedStateMachine):
    """One fresh catalogue per example, driven through the service functions only."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="readingroom-property-"))
        open_database(self.folder / "catalogue.db", create=True)
        # rules, not durability, are under test here: skip the fsync of every commit
        database.execute_sql("PRAGMA synchronous = OFF")
        boss = staff.create_first_supervisor("boss", "pass-word-1")
        staff.add_staff(boss, "lib", "librarian", "pass-word-1")
        self._build_collection(boss)
        #: loans lent without an override, each checked allowed the moment it was made
        self.allowed_loans: set[int] = set()

    @staticmethod
    def _build_collection(boss: StaffUser) -> None:
        a = catalogue.add_work(boss, title="Proof of the Man", author="Seiichi Morimura").work
        b = catalogue.add_work(boss, title="Divine Comedy", author="Dante", volumes=2).work
        r = catalogue.add_work(
            boss, title="Dictionary of Synonyms", author="Editors", access="reading-room"
        ).work
        s = catalogue.add_work(boss, title="Register", author="Union", access="staff-only").work
        for work, barcode, volume in (
            (a, "A1", 1),
            (a, "A2", 1),
            (b, "B1", 1),
            (b, "B2", 2),
            (r, "R1", 1),
            (s, "S1", 1),
        ):
            catalogue.add_copy(boss, work.id, barcode, volume=volume)
        yesterday = clock.today() - timedelta(days=1)
        for member_no, role, status, expires in (
            ("W1", "writer", "active", None),
            ("W2", "writer", "active", None),
            ("W3", "writer", "active", yesterday),
            ("W9", "writer", "suspended", None),
            ("C1", "cadre", "active", None),
            ("V1", "civilian", "active", None),
        ):
            borrowers.add_borrower(
                boss, member_no, name=member_no, role=role, status=status, expires=expires
            )

    def teardown(self) -> None:
        close_database()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- helpers --------------------------------------------------------------------------

    @staticmethod
    def actor(name: str) -> StaffUser:
        return staff.get_staff(name)

    def expected_backdated(
        self, pre: decision.Decision, actor: StaffUser, reason: str | None, barcode: str, day
    ) -> type | None:
        """The error a back-dated lend must raise (its reason doubles as the override's)."""
        if actor.role != "supervisor":
            return NotPermitted
        if reason is None or not reason.strip():
            return BadInput
        overlapping = query(
            "SELECT 1 FROM loan l JOIN copy c ON c.id = l.copy_id "
            "WHERE c.barcode = ? AND (l.returned_on IS NULL "
            "OR l.returned_on >= ?)",
            (barcode, day.isoformat()),
        )
        if overlapping:
            return BadInput
        return self.expected(pre, actor, reason)

    @staticmethod
    def expected(pre: decision.Decision, actor: StaffUser, reason: str | None) -> type | None:
        """The error a lend or renewal must raise, given the decision made just before."""
        if pre.allowed:
            return None
        if reason is None or not pre.overridable:
            return Refused
        if actor.role != "supervisor":
            return NotPermitted
        if not reason.strip():
            return BadInput
        return None

    def attempt(self, call, expected: type | None):
        """Run one service call; its outcome must be the predicted one, and the audit trail
        grows exactly when something changed (or by the one entry of a refused attempt the
        inspector asks about, which changes nothing else)."""
        entries = AuditEntry.select().count()
        try:
            result = call()
        except ReadingRoomError as error:
            assert expected is not None and isinstance(error, expected), (expected, error)
            kept = AuditEntry.select().where(AuditEntry.id > entries).count()
            if kept:  # a lend-refused entry and nothing else, for a refusal that matters
                (entry,) = AuditEntry.select().where(AuditEntry.id > entries)
                assert entry.action == "lend-refused", entry.action
                assert isinstance(error, Refused) and refusals.matters(error.decision)
            return None
        assert expected is None, f"expected {expected.__name__}, the call succeeded"
        assert AuditEntry.select().count() > entries
        return result

    # -- rules ----------------------------------------------------------------------------

    @rule(
        who=st.sampled_from(ACTORS),
        barcode=st.sampled_from(BARCODES),
        member_no=st.sampled_from(MEMBERS),
        reason=st.sampled_from(REASONS),
        days_ago=st.sampled_from((0, 0, 0, 30)),
    )
    def lend(self, who, barcode, member_no, reason, days_ago):
        actor, day = self.actor(who), clock.today() - timedelta(days=days_ago)
        copy, borrower = catalogue.get_copy(barcode), borrowers.get_borrower(member_no)
        if days_ago:  # a back-dated lend: a supervisor's, with a reason, overlapping nothing
            pre = decision.decide_backdated_lend(copy, borrower, day, clock.today())
            expected = self.expected_backdated(pre, actor, reason, barcode, day)
        else:
            pre = decision.decide_lend(copy, borrower, day)
            expected = self.expected(pre, actor, reason)
        outcome = self.attempt(
            lambda: circulation.lend(
                actor,
                barcode,
                member_no,
                override_reason=reason,
                on=day if days_ago else None,
                backdate_reason=reason if days_ago else None,
            ),
            expected,
        )
        if outcome is not None:
            loan, made = outcome.loan, outcome.decision
            assert made.codes == pre.codes and made.due is not None
            if pre.allowed:
                self.allowed_loans.add(loan.id)

    @rule(
        who=st.sampled_from(ACTORS),
        barcode=st.sampled_from(EVERYDAY_BARCODES),
        member_no=st.sampled_from(EVERYDAY_MEMBERS),
        reason=st.sampled_from(REASONS),
    )
    def lend_everyday(self, who, barcode, member_no, reason):
        self.lend(who, barcode, member_no, reason, 0)

    @rule(
        who=st.sampled_from(ACTORS),
        barcode=st.sampled_from(EVERYDAY_BARCODES),
        member_no=st.sampled_from(EVERYDAY_MEMBERS),
    )
    def hold_everyday(self, who, barcode, member_no):
        self.hold(who, barcode, member_no)

    @precondition(lambda self: self.lent())
    @rule(who=st.sampled_from(ACTORS), grade=st.sampled_from(GRADES), data=st.data())
    def give_back_a_lent_copy(self, who, grade, data):
        self.give_back(who, data.draw(st.sampled_from(self.lent())), grade)

    @precondition(lambda self: self.lent())
    @rule(who=st.sampled_from(ACTORS), reason=st.sampled_from(REASONS), data=st.data())
    def renew_a_lent_copy(self, who, reason, data):
        self.renew(who, data.draw(st.sampled_from(self.lent())), reason)

    @precondition(lambda self: self.waiting())
    @rule(who=st.sampled_from(ACTORS), data=st.data())
    def cancel_a_hold(self, who, data):
        barcode, member_no = data.draw(st.sampled_from(self.waiting()))
        holds.cancel_hold(self.actor(who), barcode, member_no)

    @staticmethod
    def lent() -> list[str]:
        return [
            b
            for (b,) in query(
                "SELECT c.barcode FROM loan l JOIN copy c ON c.id = "
                "l.copy_id WHERE l.returned_at IS NULL ORDER BY 1"
            )
        ]

    @staticmethod
    def waiting() -> list[tuple[str, str]]:
        """(a barcode of the held volume, member number) for every active hold."""
        return query(
            "SELECT (SELECT min(c.barcode) FROM copy c WHERE c.work_id = h.work_id "
            "AND c.volume = h.volume), b.member_no FROM hold h JOIN borrower b "
            "ON b.id = h.borrower_id WHERE h.status IN ('waiting', 'ready') "
            "ORDER BY h.id"
        )

    @rule(
        who=st.sampled_from(ACTORS),
        barcode=st.sampled_from(BARCODES),
        grade=st.sampled_from(GRADES),
    )
    def give_back(self, who, barcode, grade):
        on_loan = decision.active_loan(catalogue.get_copy(barcode)) is not None
        self.attempt(
            lambda: circulation.return_copy(self.actor(who), barcode, condition=grade),
            None if on_loan else NotFound,
        )
        if on_loan:
            assert Copy.get(Copy.barcode == barcode).status != "on-loan"

    @rule(
        who=st.sampled_from(ACTORS),
        barcode=st.sampled_from(BARCODES),
        reason=st.sampled_from(REASONS),
    )
    def renew(self, who, barcode, reason):
        actor = self.actor(who)
        loan = decision.active_loan(catalogue.get_copy(barcode))
        if loan is None:
            self.attempt(lambda: circulation.renew(actor, barcode), NotFound)
            return
        pre = decision.decide_renew(loan, clock.today())
        self.attempt(
            lambda: circulation.renew(actor, barcode, override_reason=reason),
            self.expected(pre, actor, reason),
        )

    @rule(
        who=st.sampled_from(ACTORS),
        barcode=st.sampled_from(BARCODES),
        member_no=st.sampled_from(MEMBERS),
    )
    def hold(self, who, barcode, member_no):
        entries = AuditEntry.select().count()
        try:
            holds.place_hold(self.actor(who), barcode, member_no)
        except (Refused, BadInput):
            assert AuditEntry.select().count() == entries
            return
        assert member_no != "V1", "a civilian joined a waiting list"

    @rule(
        who=st.sampled_from(ACTORS),
        barcode=st.sampled_from(BARCODES),
        member_no=st.sampled_from(MEMBERS),
    )
    def cancel_hold(self, who, barcode, member_no):
        try:
            holds.cancel_hold(self.actor(who), barcode, member_no)
        except NotFound:
            pass

    @rule(
        barcode=st.sampled_from(BARCODES),
        status=st.sampled_from(("available", "available", "missing", "damaged")),
    )
    def shelf_check(self, barcode, status):
        """The librarian finds a copy missing or damaged, or back in order."""
        try:
            catalogue.edit_copy(self.actor("lib"), barcode, status=status)
        except BadInput:
            assert Copy.get(Copy.barcode == barcode).status in ("on-loan", "held")

    @rule(
        who=st.sampled_from(ACTORS),
        role=st.sampled_from(("writer", "cadre", "civilian")),
        access=st.sampled_from(("lendable", "reading-room", "staff-only")),
        cell=st.sampled_from(POLICY_RULES),
        max_items=st.integers(0, 3),
        renewals=st.integers(0, 2),
    )
    def change_policy(self, who, role, access, cell, max_items, renewals):
        actor = self.actor(who)
        fixed = policy.is_fixed(role, access) and cell != "never"
        expected = NotPermitted if who != "boss" else BadInput if fixed else None
        if (
            expected is None
            and cell == "never"
            and policy.rule_cell(role, access) != "never"
            and query(
                "SELECT 1 FROM loan l JOIN copy c ON c.id = l.copy_id "
                "JOIN work w ON w.id = c.work_id JOIN borrower b "
                "ON b.id = l.borrower_id WHERE l.returned_at IS NULL "
                "AND b.role = ? AND w.access = ?",
                (role, access),
            )
        ):
            expected = Refused  # HAS_ACTIVE_LOANS: a loan of that cell is out
        self.attempt(
            lambda: policy.set_rule(
                actor, role, access, cell, max_items=max_items, renewals=renewals
            ),
            expected,
        )

    @rule(days_ahead=st.sampled_from((None, None, 3, 12)))
    def plan_inspection(self, days_ahead):
        day = "" if days_ahead is None else (clock.today() + timedelta(days=days_ahead)).isoformat()
        desk_settings.change(self.actor("boss"), "inspection_date", day)

    # -- the rules of the design, after every step ---------------------------------------------

    @invariant()
    def no_civilian_holds_a_loan(self):
        assert query(
            "SELECT count(*) FROM loan l JOIN borrower b ON b.id = l.borrower_id "
            "WHERE b.role = 'civilian'"
        ) == [(0,)]

    @invariant()
    def no_active_loan_is_one_the_policy_forbids(self):
        assert (
            query(
                "SELECT l.id FROM loan l JOIN copy c ON c.id = l.copy_id "
                "JOIN work w ON w.id = c.work_id JOIN borrower b ON b.id = l.borrower_id "
                "LEFT JOIN policy_rule p ON p.role = b.role AND p.access = w.access "
                "WHERE l.returned_at IS NULL AND (w.access = 'staff-only' "
                "OR COALESCE(p.rule, 'never') = 'never')"
            )
            == []
        )

    @invariant()
    def no_copy_is_on_two_active_loans(self):
        assert (
            query(
                "SELECT copy_id FROM loan WHERE returned_at IS NULL GROUP BY copy_id "
                "HAVING count(*) > 1"
            )
            == []
        )

    @invariant()
    def every_active_loan_was_allowed_or_overridden_by_a_supervisor(self):
        for loan_id, role, reason in query(
            "SELECT l.id, s.role, l.override_reason FROM loan l "
            "LEFT JOIN staff_user s ON s.id = l.override_by_id "
            "WHERE l.returned_at IS NULL"
        ):
            if role is None:
                assert loan_id in self.allowed_loans, f"loan {loan_id} was never allowed"
            else:
                assert role == "supervisor" and reason and reason.strip()

    @invariant()
    def copy_statuses_agree_with_loans_and_holds(self):
        rows = query(
            "SELECT c.barcode, c.status, c.work_id, c.volume, "
            "(SELECT count(*) FROM loan l WHERE l.copy_id = c.id AND l.returned_at IS NULL), "
            "(SELECT count(*) FROM hold h WHERE h.copy_id = c.id AND h.status = 'ready') "
            "FROM copy c"
        )
        for barcode, status, work_id, volume, loans, ready in rows:
            assert (status == "on-loan") == (loans == 1), (barcode, status, loans)
            assert (status == "held") == (ready == 1), (barcode, status, ready)
            if status == "available":
                assert holds.first_waiting(work_id, volume) is None, (
                    f"{barcode} is on the shelf while someone waits for it"
                )

    @invariant()
    def the_audit_chain_verifies(self):
        result = audit.verify()
        assert result.ok, result.problem
        assert result.count == AuditEntry.select().count()


def test_random_desk_days_keep_the_rules():
    run_state_machine_as_test(
        DeskDays,
        settings=settings(
            max_examples=300 if FULL else 30,
            stateful_step_count=40 if FULL else 20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
