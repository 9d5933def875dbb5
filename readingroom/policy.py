"""The lending policy: changing a cell of the role × access class matrix.

The cells as the rules read them are :mod:`readingroom.lending_rules` (offered here too);
a change that would leave current loans the new rule forbids is refused with the
decision's ``HAS_ACTIVE_LOANS``.
"""

from __future__ import annotations

from dataclasses import dataclass

from peewee import IntegrityError

from readingroom import audit, decision
from readingroom.decision import ActiveLoan
from readingroom.lending_rules import Rule as Rule
from readingroom.lending_rules import is_fixed as is_fixed
from readingroom.lending_rules import matrix as matrix
from readingroom.lending_rules import rule_cell as rule_cell
from readingroom.lending_rules import rule_for as rule_for
from readingroom.lending_rules import validate as validate
from readingroom.staff import require_supervisor
from readingroom.store.db import write_transaction
from readingroom.store.models import Borrower, PolicyRule, StaffUser, Work


@dataclass(frozen=True)
class RuleSet:
    """What changing a cell of the policy did: ``rule`` is the cell as it is now and
    ``previous`` the cell as it was (the audit entry's new and old values)."""

    rule: Rule
    previous: Rule


def set_rule(
    actor: StaffUser,
    role: str,
    access: str,
    rule: str,
    *,
    days: int | None = None,
    max_items: int | None = None,
    renewals: int | None = None,
) -> RuleSet:
    """Change one cell (supervisor only); unspecified numbers keep their current values.

    Refused (HAS_ACTIVE_LOANS) when the new rule is ``never`` for a role and access class
    with loans out; the database's trigger holds the same."""
    require_supervisor(actor)
    with write_transaction():
        old = rule_for(role, access)
        new = Rule(
            role,
            access,
            rule,
            old.days if days is None else days,
            old.max_items if max_items is None else max_items,
            old.renewals if renewals is None else renewals,
        )
        validate(role, access, rule, new.days, new.max_items, new.renewals)
        if rule != old.rule:
            _refuse_forbidden_loans(role, access, rule)
        try:
            _upsert(new)
        except IntegrityError as exc:
            if not decision.is_has_active_loans_error(exc):
                raise
            raise decision.has_active_loans_refusal(_loans_of_cell(role, access, rule)) from None
        audit.record(
            actor,
            "policy-set",
            "policy",
            f"{role}/{access}",
            {"old": old.as_dict(), "new": new.as_dict()},
        )
    return RuleSet(new, old)


def _loans_of_cell(role: str, access: str, rule: str) -> list[ActiveLoan]:
    """The current loans of ``role`` × ``access`` that ``rule`` would forbid."""
    loans = decision.active_loans_where((Borrower.role == role) & (Work.access == access))
    return decision.forbidden_loans(loans, lambda _role, _access: rule)


def _refuse_forbidden_loans(role: str, access: str, rule: str) -> None:
    """HAS_ACTIVE_LOANS when the cell's new rule would forbid a current loan."""
    forbidden = _loans_of_cell(role, access, rule)
    if forbidden:
        raise decision.has_active_loans_refusal(forbidden)


def _upsert(new: Rule) -> None:
    (
        PolicyRule.insert(
            role=new.role,
            access=new.access,
            rule=new.rule,
            days=new.days,
            max_items=new.max_items,
            renewals=new.renewals,
        )
        .on_conflict(
            conflict_target=[PolicyRule.role, PolicyRule.access],
            update={
                PolicyRule.rule: new.rule,
                PolicyRule.days: new.days,
                PolicyRule.max_items: new.max_items,
                PolicyRule.renewals: new.renewals,
            },
        )
        .execute()
    )
