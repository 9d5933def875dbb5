"""The read side of the central database: each branch's standing and the refused bundles
(the window's Branches page and ``central branches``), and how the window opens it
(read-only)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from peewee import fn

from readingroom.central.db import (
    central_db,
    close_central,
    is_central,
    open_central,
    read_transaction,
)
from readingroom.central.models import Branch, Bundle, Copy, Override, Refusal
from readingroom.paths import ServerUrl
from readingroom.vocabulary import Condition, CopyStatus

#: a copy counted as missing across branches
MISSING = (CopyStatus.MISSING, CopyStatus.LOST)


@dataclass(frozen=True)
class BranchStanding:
    name: str
    root_fingerprint: str
    last_bundle: str  # the manifest's SHA-256 of the newest bundle imported
    exported_at: str
    imported_at: str
    chain_count: int
    chain_head: str
    copies: int
    missing: int
    damaged: int
    overrides: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class RefusedBundle:
    refused_at: str
    branch: str
    kind: str
    problem: str
    folder: str
    manifest_sha256: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _counts(model: Any, condition: Any = None) -> dict[int, int]:
    """Rows of ``model`` per branch (those meeting ``condition`` when given)."""
    query = model.select(model.branch, fn.COUNT(model.id))
    if condition is not None:
        query = query.where(condition)
    return {branch: count for branch, count in query.group_by(model.branch).tuples()}


def damaged_copy() -> Any:
    """A copy damaged by status or by condition."""
    return (Copy.status == CopyStatus.DAMAGED) | (Copy.condition == Condition.DAMAGED)


def branches() -> list[BranchStanding]:
    """Every branch, by name, with its newest bundle and what it holds."""
    with read_transaction():
        newest = Bundle.select(fn.MAX(Bundle.id)).group_by(Bundle.branch).scalars()
        bundles = {b.branch_id: b for b in Bundle.select().where(Bundle.id.in_(list(newest)))}
        copies = _counts(Copy)
        missing = _counts(Copy, Copy.status.in_(MISSING))
        damaged = _counts(Copy, damaged_copy())
        overrides = _counts(Override)
        return [
            _standing(branch, bundles.get(branch.id), copies, missing, damaged, overrides)
            for branch in Branch.select().order_by(Branch.name)
        ]


def _standing(branch: Branch, bundle: Bundle | None, *counts: dict[int, int]) -> BranchStanding:
    copies, missing, damaged, overrides = (c.get(branch.id, 0) for c in counts)
    return BranchStanding(
        name=branch.name,
        root_fingerprint=branch.root_fingerprint,
        last_bundle=bundle.manifest_sha256 if bundle else "",
        exported_at=bundle.exported_at if bundle else "",
        imported_at=_when(bundle.imported_at) if bundle else "",
        chain_count=bundle.chain_count if bundle else 0,
        chain_head=bundle.chain_head if bundle else "",
        copies=copies,
        missing=missing,
        damaged=damaged,
        overrides=overrides,
    )


def _when(value: Any) -> str:
    text = value.isoformat(sep=" ") if hasattr(value, "isoformat") else str(value)
    return text[:16]


def refused_bundles() -> list[RefusedBundle]:
    """Every refused bundle, oldest first."""
    with read_transaction():
        return [
            RefusedBundle(
                refused_at=_when(r.refused_at),
                branch=r.branch_name,
                kind=r.kind,
                problem=r.problem,
                folder=r.folder,
                manifest_sha256=r.manifest_sha256 or "",
            )
            for r in Refusal.select().order_by(Refusal.id)
        ]


@dataclass(frozen=True)
class Overview:
    """What the window's Branches page shows."""

    branches: tuple[BranchStanding, ...]
    refused: tuple[RefusedBundle, ...]


def overview() -> Overview:
    """Every branch and every refused bundle, read on a connection of this thread's own that
    is closed afterwards (the window reads it in a worker thread)."""
    fresh = central_db.is_closed()
    try:
        return Overview(tuple(branches()), tuple(refused_bundles()))
    finally:
        if fresh:
            close_central()


def is_central_database(path: str | Path | ServerUrl) -> bool:
    """Whether the file at ``path`` is a central database (and not a branch catalogue)."""
    return is_central(path)


def open_read_only(path: str | Path | ServerUrl) -> None:
    """Open the central database at ``path`` for reading only (the window's)."""
    open_central(path, readonly=True)


def close() -> None:
    close_central()
