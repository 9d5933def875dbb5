"""The whole check of the audit trail, as every front door asks for it.

Three passes, one answer: the hash chain (:func:`readingroom.audit.verify`, with the
after-images folded on the way), the tables replayed against the trail
(:mod:`readingroom.replay`) and the supervisors' seals and keys
(:func:`readingroom.seals.verify_seals`). ``audit verify``, ``doctor`` and the window's Audit
log page report the same :class:`TrailCheck`.
"""

from __future__ import annotations

from dataclasses import dataclass

from readingroom import audit, replay, seals
from readingroom.audit import Verification
from readingroom.seals import SealReport


@dataclass(frozen=True)
class TrailCheck:
    """The chain, the seals and the tables: ``ok`` only when all three hold."""

    chain: Verification
    seals: SealReport
    #: the table differences shown (record and field named), and how many there are in all
    differences: tuple[str, ...]
    different: int

    @property
    def ok(self) -> bool:
        return self.chain.ok and self.seals.ok and not self.different

    @property
    def problem(self) -> str:
        """The first thing that fails, in plain words ("" when all hold)."""
        if not self.chain.ok:
            return f"Audit trail broken at entry {self.chain.bad_entry}: {self.chain.problem}."
        if not self.seals.ok:
            return f"Audit trail seals do not verify: {self.seals.problem}."
        if self.different:
            return replay.describe(list(self.differences), self.different)
        return ""


def check_trail() -> TrailCheck:
    """Check the open catalogue's trail whole (read only)."""
    chain, differences, different = audit.verify_and_compare()  # the chain, then the tables
    return TrailCheck(chain, seals.verify_seals(), tuple(differences), different)
