"""The lending policy's cells as the rules read them: a role × access class matrix.

Two cells of every row are fixed by the design and by CHECK constraints in the schema:
civilians are never lent anything, and staff-only works are never lent. This is the read
side, below :mod:`readingroom.decision`; changing a cell (:mod:`readingroom.policy`) sits
above it, since a change is refused with the decision's reasons.
"""

from __future__ import annotations

from dataclasses import dataclass

from readingroom.errors import BadInput
from readingroom.messages import Text, said
from readingroom.store.models import ACCESS_CLASSES, ROLES, RULES, PolicyRule
from readingroom.vocabulary import Role


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
    row = PolicyRule._meta.database.execute_sql(_RULE_SQL, (role, access)).fetchone()
    if row is None:
        return Rule(role, access, "never", 21, 0, 0)
    role, access, rule, days, max_items, renewals = row  # the columns of _RULE_SQL
    return Rule(role, access, rule, days, max_items, renewals)


#: :func:`rule_for` written out: the desk reads a cell at every lend
_RULE_SQL = (
    "SELECT role, access, rule, days, max_items, renewals FROM policy_rule "
    "WHERE role = ? AND access = ? LIMIT 1"
)


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
        raise BadInput(_unknown("role", role, ROLES))
    if access not in ACCESS_CLASSES:
        raise BadInput(_unknown("access class", access, ACCESS_CLASSES))
    if rule not in RULES:
        raise BadInput(_unknown("rule", rule, RULES))
    if is_fixed(role, access) and rule != "never":
        if role == Role.CIVILIAN:
            raise BadInput(
                said("The rule for civilians is fixed at 'never' and cannot be changed.")
            )
        raise BadInput(
            said("The rule for staff-only works is fixed at 'never' and cannot be changed.")
        )
    if days < 1 or days > 3650:
        raise BadInput(said("Loan days must be between 1 and 3650."))
    if max_items < 0 or max_items > 1000:
        raise BadInput(said("The item limit must be between 0 and 1000."))
    if renewals < 0 or renewals > 100:
        raise BadInput(said("Renewals must be between 0 and 100."))


def _unknown(what: str, value: str, choices: tuple[str, ...]) -> Text:
    return said(
        "Unknown {what} {value}: use one of {choices}.",
        what=what,
        value=repr(value),
        choices=", ".join(choices),
    )
