"""The condition rows of the lending policy: what each condition grade allows.

One row per grade: ``loan`` (may go home), ``reading-room`` (read in the room only) or
``none`` (no use at all). Defaults: good and worn ``loan``, ragged ``reading-room``, damaged
``none`` (:data:`readingroom.restriction_rules.DEFAULT_ALLOWS`). A lend of a copy whose grade
allows less than a loan is refused with ``CONDITION_RESTRICTED`` (a supervisor may override
it). Changing a row is a supervisor's act, audited (``policy-condition``) with the row's
after-image (migration 0019); a loan already out keeps its due date.
"""

from __future__ import annotations

from dataclasses import dataclass

from readingroom import audit
from readingroom.catalogue import check_choice
from readingroom.restriction_rules import ALLOWANCES, ConditionRow, condition_allows
from readingroom.staff import Actor, require_supervisor
from readingroom.store.db import write_transaction
from readingroom.store.restriction_models import ConditionRule
from readingroom.vocabulary import CONDITIONS


@dataclass(frozen=True)
class ConditionSet:
    """What changing a condition row did: the row as it is now and what it allowed before."""

    row: ConditionRow
    old: str
    audit_seq: int


def set_condition_rule(actor: Actor | None, grade: str, allows: str) -> ConditionSet:
    """What copies in ``grade`` allow from now on (a supervisor's act, audited)."""
    actor = require_supervisor(actor)
    check_choice(grade, tuple(str(c) for c in CONDITIONS), "condition grade")
    check_choice(allows, ALLOWANCES, "use (loan, reading-room or none)")
    with write_transaction():
        old = condition_allows(grade)
        existing = ConditionRule.get_or_none(ConditionRule.grade == grade)
        if existing is None:
            ConditionRule.create(grade=grade, allows=allows)
        else:
            ConditionRule.update(allows=allows).where(ConditionRule.id == existing.id).execute()
        entry = audit.record(
            actor,
            "policy-condition",
            "condition_rule",
            grade,
            {"grade": grade, "old": old, "new": allows},
        )
    return ConditionSet(ConditionRow(grade, allows), old, entry.id)
