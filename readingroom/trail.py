"""The whole check of the audit trail, as every front door asks for it.

Three passes, one answer: the hash chain (:func:`readingroom.audit.verify`, with the
after-images folded on the way, from the replay checkpoint when there is one), the tables
replayed against the trail (:mod:`readingroom.replay`) and the supervisors' seals and keys
(:func:`readingroom.seals.verify_seals`). ``audit verify``, ``doctor`` and the window's Audit
log page report the same :class:`TrailCheck`. ``audit list`` reads the newest entries through
:func:`recent_entries`.
"""

from __future__ import annotations

from dataclasses import dataclass

from readingroom import audit, checkpoint, replay, seals
from readingroom.audit import Verification
from readingroom.messages import said
from readingroom.seals import SealReport
from readingroom.store.db import database
from readingroom.store.models import AuditEntry


@dataclass(frozen=True)
class TrailCheck:
    """The chain, the seals and the tables: ``ok`` only when all three hold."""

    chain: Verification
    seals: SealReport
    #: the table differences shown (record and field named), and how many there are in all
    differences: tuple[str, ...]
    different: int
    #: the replay checkpoint the check began from, ``(entry, sequence)``: its state is the
    #: fold of entries 1 to ``sequence`` (None: the whole trail was replayed)
    checkpoint: tuple[int, int] | None = None

    @property
    def ok(self) -> bool:
        return self.chain.ok and self.seals.ok and not self.different

    @property
    def problem(self) -> str:
        """The first thing that fails, in plain words ("" when all hold)."""
        if not self.chain.ok:
            return said(
                "Audit trail broken at entry {entry}: {problem}.",
                entry=str(self.chain.bad_entry),
                problem=self.chain.problem,
            )
        if not self.seals.ok:
            return said("Audit trail seals do not verify: {problem}.", problem=self.seals.problem)
        if self.different:
            return replay.describe(list(self.differences), self.different)
        return ""


def check_trail() -> TrailCheck:
    """Check the open catalogue's trail whole (read only), replaying from its checkpoint
    when it keeps one (:mod:`readingroom.checkpoint`)."""
    start = checkpoint.find(database)
    # the chain, then the tables
    chain, differences, different = audit.verify_and_compare(database, start)
    used = (start.entry, start.sequence) if start is not None and chain.ok else None
    return TrailCheck(chain, seals.verify_seals(), tuple(differences), different, used)


@dataclass(frozen=True)
class TrailEntry:
    """One entry of the audit trail, as stored (``details`` is its canonical JSON text)."""

    id: int
    at: str
    staff: str
    action: str
    entity: str
    entity_id: str
    details: str
    hash: str


def recent_entries(limit: int | None = None, action: str | None = None) -> list[TrailEntry]:
    """The newest ``limit`` entries (all for None or 0), only ``action``'s if given, oldest
    first."""
    query = AuditEntry.select().order_by(AuditEntry.id.desc())
    if action:
        query = query.where(AuditEntry.action == action)
    if limit:
        query = query.limit(limit)
    return [
        TrailEntry(e.id, e.at, e.staff, e.action, e.entity, e.entity_id, e.details, e.hash)
        for e in reversed(list(query))
    ]
