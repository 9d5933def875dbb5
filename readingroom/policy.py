"""The lending policy: a role × access class matrix of rules.

Two cells of every row are fixed by the design and by CHECK constraints in the schema:
civilians are never lent anything, and staff-only works are never lent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from peewee import IntegrityError

from readingroom import audit
from readingroom.errors import BadInput
from readingroom.staff import require_supervisor
from readingroom.store.db import write_transaction
from readingroom.store.models import ACCESS_CLASSES, ROLES, RULES, PolicyRule, StaffUser
from readingroom.vocabulary import Role

if TYPE_CHECKING:  # decision reads the rules from here: imported for the type alone
    from readingroom.decision import ActiveLoan


@dataclass(frozen=True)
class Rule:
    role: str
    access: str
    rule: str
    days: int
    max_items: int
    renewals: int

    @property
    def fixed(self) -> bool:
        return is_fixed(self.role, self.access)

    def as_dict(self) -> dict[str, object]:
        return {
            "role": self.role,
            "access": self.access,
            "rule": self.rule,
            "days": self.days,
            "max_items": self.max_items,
            "renewals": self.renewals,
            "fixed": self.fixed,
        }


def is_fixed(role: str, access: str) -> bool:
    return role == Role.CIVILIAN or access == "staff-only"


def _as_rule(row: PolicyRule) -> Rule:
    return Rule(row.role, row.access, row.rule, row.days, row.max_items, row.renewals)


def rule_for(role: str, access: str) -> Rule:
    row = PolicyRule.get_or_none((PolicyRule.role == role) & (PolicyRule.access == access))
    if row is None:
        return Rule(role, access, "never", 21, 0, 0)
    return _as_rule(row)


def rule_cell(role: str, access: str) -> str:
    """The rule alone (``loan``, ``reading-room``, ``approval`` or ``never``)."""
    return rule_for(role, access).rule


def matrix() -> list[Rule]:
    """Every cell, roles and access classes in the design's order."""
    rows = {(r.role, r.access): _as_rule(r) for r in PolicyRule.select()}
    return [
        rows.get((role, access)) or Rule(role, access, "never", 21, 0, 0)
        for role in ROLES
        for access in ACCESS_CLASSES
    ]


def validate(role: str, access: str, rule: str, days: int, max_items: int, renewals: int) -> None:
    if role not in ROLES:
        raise BadInput(f"Unknown role {role!r}: use one of {', '.join(ROLES)}.")
    if access not in ACCESS_CLASSES:
        raise BadInput(f"Unknown access class {access!r}: use one of {', '.join(ACCESS_CLASSES)}.")
    if rule not in RULES:
        raise BadInput(f"Unknown rule {rule!r}: use one of {', '.join(RULES)}.")
    if is_fixed(role, access) and rule != "never":
        what = "civilians" if role == Role.CIVILIAN else "staff-only works"
        raise BadInput(f"The rule for {what} is fixed at 'never' and cannot be changed.")
    if days < 1 or days > 3650:
        raise BadInput("Loan days must be between 1 and 3650.")
    if max_items < 0 or max_items > 1000:
        raise BadInput("The item limit must be between 0 and 1000.")
    if renewals < 0 or renewals > 100:
        raise BadInput("Renewals must be between 0 and 100.")


def set_rule(
    actor: StaffUser,
    role: str,
    access: str,
    rule: str,
    *,
    days: int | None = None,
    max_items: int | None = None,
    renewals: int | None = None,
) -> Rule:
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
            from readingroom import decision

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
    return new


def _loans_of_cell(role: str, access: str, rule: str) -> list[ActiveLoan]:
    """The current loans of ``role`` × ``access`` that ``rule`` would forbid."""
    from readingroom import decision
    from readingroom.store.models import Borrower, Work

    loans = decision.active_loans_where((Borrower.role == role) & (Work.access == access))
    return decision.forbidden_loans(loans, lambda _role, _access: rule)


def _refuse_forbidden_loans(role: str, access: str, rule: str) -> None:
    """HAS_ACTIVE_LOANS when the cell's new rule would forbid a current loan."""
    from readingroom import decision

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
