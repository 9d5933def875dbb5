"""What a proposed policy change would allow or refuse for the current borrowers.

The preview asks :func:`readingroom.decision.decide_lend` twice for every borrower of the
cell's role, about an available copy of the cell's access class: once under the policy as
it is and once with the proposed cell swapped in (``rule_lookup``). Nothing is written; the
window shows the differences before the supervisor saves the change.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from readingroom import clock, policy
from readingroom.decision import Decision, RuleLookup, decide_lend
from readingroom.store.db import read_transaction
from readingroom.store.models import Borrower, Copy, Loan, Work
from readingroom.vocabulary import CopyStatus

ALLOWED, APPROVAL, REFUSED = "allowed", "approval", "refused"
#: a copy id no row has, so the hypothetical copy is never on loan nor set aside
NO_COPY_ID = -1


@dataclass(frozen=True)
class BorrowerOutcome:
    """One borrower's answer under the current and the proposed rule."""

    member_no: str
    name: str
    status: str
    before: str
    after: str
    before_codes: tuple[str, ...]
    after_codes: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return self.before != self.after or self.before_codes != self.after_codes


@dataclass(frozen=True)
class PolicyPreview:
    current: policy.Rule
    proposed: policy.Rule
    outcomes: tuple[BorrowerOutcome, ...]
    #: active loans of this role and access class that could renew now but not under the change
    renewals_used_up: int

    @property
    def is_change(self) -> bool:
        return self.current != self.proposed

    @property
    def changed(self) -> list[BorrowerOutcome]:
        return [outcome for outcome in self.outcomes if outcome.changed]

    def transitions(self) -> Counter[tuple[str, str]]:
        """How many borrowers move from one outcome to another (unchanged ones left out)."""
        return Counter((o.before, o.after) for o in self.outcomes if o.before != o.after)

    def as_dict(self) -> dict[str, object]:
        return {
            "current": self.current.as_dict(),
            "proposed": self.proposed.as_dict(),
            "borrowers": len(self.outcomes),
            "transitions": [
                {"from": a, "to": b, "count": n} for (a, b), n in sorted(self.transitions().items())
            ],
            "renewals_used_up": self.renewals_used_up,
        }


def outcome(decision: Decision) -> str:
    """``allowed``; ``approval`` when a supervisor may override every reason; ``refused``."""
    if decision.allowed:
        return ALLOWED
    return APPROVAL if decision.overridable else REFUSED


def _lookup_with(proposed: policy.Rule) -> RuleLookup:
    def lookup(role: str, access: str) -> policy.Rule:
        if (role, access) == (proposed.role, proposed.access):
            return proposed
        return policy.rule_for(role, access)

    return lookup


def _hypothetical_copy(access: str) -> Copy:
    """An available copy of a work of ``access`` class, never saved."""
    return Copy(
        id=NO_COPY_ID,
        barcode="",
        volume=1,
        status=CopyStatus.AVAILABLE,
        work=Work(id=NO_COPY_ID, title="", author="", access=access, volumes=1),
    )


def _renewals_used_up(current: policy.Rule, proposed: policy.Rule) -> int:
    if proposed.renewals >= current.renewals:
        return 0
    return (
        Loan.select()
        .join(Borrower)
        .switch(Loan)
        .join(Copy)
        .join(Work)
        .where(
            Loan.returned_at.is_null()
            & (Borrower.role == proposed.role)
            & (Work.access == proposed.access)
            & (Loan.renewals >= proposed.renewals)
            & (Loan.renewals < current.renewals)
        )
        .count()
    )


def preview(
    role: str,
    access: str,
    rule: str,
    *,
    days: int,
    max_items: int,
    renewals: int,
    today: date | None = None,
) -> PolicyPreview:
    """The effect of setting the ``role`` × ``access`` cell, computed without writing.

    Raises :class:`~readingroom.errors.BadInput` for a change :func:`policy.set_rule`
    would refuse (a fixed cell, numbers out of range).
    """
    policy.validate(role, access, rule, days, max_items, renewals)
    today = today or clock.today()
    proposed = policy.Rule(role, access, rule, days, max_items, renewals)
    with read_transaction():
        current = policy.rule_for(role, access)
        copy = _hypothetical_copy(access)
        lookup = _lookup_with(proposed)
        outcomes = []
        for borrower in Borrower.select().where(Borrower.role == role).order_by(Borrower.member_no):
            before = decide_lend(copy, borrower, today)
            after = decide_lend(copy, borrower, today, rule_lookup=lookup)
            outcomes.append(
                BorrowerOutcome(
                    borrower.member_no,
                    borrower.name,
                    borrower.status,
                    outcome(before),
                    outcome(after),
                    tuple(before.codes),
                    tuple(after.codes),
                )
            )
        used_up = _renewals_used_up(current, proposed)
    return PolicyPreview(current, proposed, tuple(outcomes), used_up)
