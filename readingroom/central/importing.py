"""``central import-bundle``: check a branch's signed bundle, then load it whole.

The checks, in order: every check of ``verify_bundle.py`` (manifest, signatures, the trail
and its seals back to the root); a union bundle only (``export-bundle --union``: borrowers
named by the branch's pseudonyms; any other, such as one made before, is bad input, exit 1);
the branch's root fingerprint, recorded the first time the
branch is seen, must match (and a new branch name with a known branch's root is refused);
the bundle's audit trail must extend the chain head of the
branch's previous bundle (the same entry number still has the same hash). A bundle that
fails one is refused (:class:`BundleRefused`, exit 4) and kept as a :class:`Refusal` for the
inspectorate, written after the import's transaction has rolled back. An accepted bundle
replaces the branch's holdings, overrides and loan statistics and adds (or replaces) its
stocktake's results, in one transaction with its :class:`Bundle` row: nothing half-written.
The same bundle imported again changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peewee import fn

from readingroom import clock, union_bundle
from readingroom import verify_bundle as verifier
from readingroom.bundle import BundleCheck, check_bundle
from readingroom.central import content as bundle_content
from readingroom.central.db import central_db, write_transaction
from readingroom.central.models import (
    Branch,
    Bundle,
    Copy,
    LoanStat,
    Override,
    Refusal,
    Stocktake,
    Work,
)
from readingroom.errors import AuditBroken, BadInput
from readingroom.messages import said
from readingroom.vocabulary import StocktakeOutcome

#: the kinds of refusal (``kind`` in the exceptions report)
ALTERED, ROOT_CHANGED, NOT_EXTENDED = "altered", "root-changed", "chain-not-extended"
ROOT_REUSED = "root-reused"
BATCH = 500


class BundleRefused(AuditBroken):
    """The bundle fails a check: refused, exit 4, listed in the exceptions report."""

    def __init__(self, kind: str, problem: str):
        super().__init__(problem)
        self.kind = kind
        self.problem = problem


@dataclass(frozen=True)
class Imported:
    branch: str
    manifest_sha256: str
    chain_count: int
    chain_head: str
    copies: int
    #: the same bundle was imported before: nothing was changed
    already: bool = False
    #: the branch was seen for the first time (its root fingerprint recorded)
    new_branch: bool = False
    overrides: int | None = None
    stocktake: int | None = None
    loan_rows: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "branch": self.branch,
            "manifest_sha256": self.manifest_sha256,
            "chain_count": self.chain_count,
            "chain_head": self.chain_head,
            "copies": self.copies,
            "already_imported": self.already,
            "new_branch": self.new_branch,
            "overrides": self.overrides,
            "stocktake": self.stocktake,
            "loan_rows": self.loan_rows,
        }


def import_bundle(folder: str | Path) -> Imported:
    """Check the bundle in ``folder`` and load it into the open central database."""
    folder = Path(folder)
    check = check_bundle(folder)  # NotFound (exit 1) when the folder is no bundle
    info = _info(folder)
    claimed = str(info.get("branch") or "")
    try:
        with write_transaction():
            return _import(folder, check, info)
    except BundleRefused as refused:
        _record_refusal(claimed, folder, check.manifest_sha256, refused)
        raise


def _info(folder: Path) -> dict[str, Any]:
    try:
        info = json.loads((folder / verifier.INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def _union_files(folder: Path, info: dict[str, Any]) -> dict[str, str] | None:
    """The union catalogue's CSV of each kind in the bundle: a union bundle's own reports
    (None), or the pseudonymised CSVs an inspector's bundle carries beside its reports.
    A bundle with neither (made before the union catalogue took only pseudonyms) names
    borrowers by member number: BadInput, nothing imported."""
    if info.get(verifier.UNION_KEY) is True:
        return None
    names = info.get(union_bundle.FILES)
    if isinstance(names, dict) and all(isinstance(n, str) for n in names.values()):
        return {str(kind): name for kind, name in names.items()}
    raise BadInput(
        said(
            "The bundle in {folder} is not a union bundle: it names borrowers by their "
            "member numbers (an inspector's bundle, or one made before the union catalogue "
            "took only pseudonyms). Export the branch's union bundle with 'readingroom "
            "export-bundle --union --out DIR' and import that; nothing was imported.",
            folder=str(folder),
        )
    )


def _import(folder: Path, check: BundleCheck, info: dict[str, Any]) -> Imported:
    if not check.ok:
        problems = check.failures or ["the bundle is not signed"]
        raise BundleRefused(
            ALTERED, said("The bundle does not verify: {problems}.", problems="; ".join(problems))
        )
    names = _union_files(folder, info)
    name = info.get("branch")
    if not isinstance(name, str) or not name.strip():
        raise BadInput(
            said(
                "The bundle in {folder} names no branch; nothing was imported.",
                folder=str(folder),
            )
        )
    manifest = str(check.manifest_sha256)
    count, head = int(check.entries or 0), str(check.head)
    seen = Bundle.get_or_none(Bundle.manifest_sha256 == manifest)
    if seen is not None:
        copies = Copy.select().where(Copy.branch == seen.branch).count()
        return Imported(name, manifest, count, head, copies, already=True)
    branch, new = _branch(name, str(check.root_fingerprint))
    try:
        listed = bundle_content.Listed(folder, manifest)
        if not new:
            _check_extends(branch, listed, count)
        loaded = bundle_content.read(listed, names)
    except bundle_content.ChangedSinceChecked as changed:
        raise BundleRefused(
            ALTERED,
            said("{name} was changed while the bundle was being imported.", name=changed.name),
        ) from None
    _replace_holdings(branch, loaded.copies)
    if loaded.overrides is not None:
        _replace_overrides(branch, loaded.overrides)
    if loaded.loans is not None:
        _replace_loans(branch, loaded.loans)
    if loaded.stocktake is not None:
        _put_stocktake(branch, loaded.stocktake)
    Bundle.create(
        branch=branch,
        manifest_sha256=manifest,
        exported_at=str(info.get("exported_at", "")),
        exported_by=str(check.signer or info.get("exported_by") or ""),
        as_of=str(info.get("as_of", "")),
        chain_count=count,
        chain_head=head,
        imported_at=clock.now(),
    )
    return Imported(
        name,
        manifest,
        count,
        head,
        len(loaded.copies),
        new_branch=new,
        overrides=None if loaded.overrides is None else len(loaded.overrides),
        stocktake=None if loaded.stocktake is None else loaded.stocktake.number,
        loan_rows=None if loaded.loans is None else len(loaded.loans),
    )


def _branch(name: str, root: str) -> tuple[Branch, bool]:
    """The branch ``name`` (locked for this import where the database can), or a new one
    recorded with ``root``; a known branch whose root differs is refused."""
    query = Branch.select().where(Branch.name == name)
    if central_db.obj is not None and getattr(central_db.obj, "for_update", False):
        query = query.for_update()
    branch = query.first()
    if branch is None:
        _refuse_a_known_root(name, root)
        created = Branch.create(name=name, root_fingerprint=root, first_seen_at=clock.now())
        return created, True
    if branch.root_fingerprint != root:
        raise BundleRefused(
            ROOT_CHANGED,
            said(
                "The bundle's root key fingerprint ({fingerprint}) is not the one recorded "
                "for {branch} ({recorded}): another catalogue, or its seal keys replaced.",
                fingerprint=verifier.format_fingerprint(root),
                branch=name,
                recorded=verifier.format_fingerprint(branch.root_fingerprint),
            ),
        )
    return branch, False


def _refuse_a_known_root(name: str, root: str) -> None:
    """A new branch name with the root of a known branch: the branch renamed itself (which
    would start its chain afresh, past the check that it extends) or one catalogue reports
    as two branches; refused either way."""
    known = Branch.get_or_none(Branch.root_fingerprint == root)
    if known is not None:
        raise BundleRefused(
            ROOT_REUSED,
            said(
                "The bundle names the branch {branch}, but its root key is {known}'s: "
                "a branch's name changed, or one catalogue reports as two branches.",
                branch=name,
                known=known.name,
            ),
        )


def previous_bundle(branch: Branch) -> Bundle | None:
    """The branch's newest accepted bundle (its chain head)."""
    newest = Bundle.select(fn.MAX(Bundle.id)).where(Bundle.branch == branch).scalar()
    return None if newest is None else Bundle.get_by_id(newest)


def _check_extends(branch: Branch, listed: bundle_content.Listed, count: int) -> None:
    previous = previous_bundle(branch)
    if previous is None:
        return
    at = previous.chain_count
    if count < at:
        found: str | None = None
    else:
        found = _hash_at(listed, at)
    if found != previous.chain_head:
        raise BundleRefused(
            NOT_EXTENDED,
            said(
                "The bundle's audit trail ({count} entries) does not extend {branch}'s previous "
                "bundle (exported {exported}, chain head entry {at}: {head}…): the branch's "
                "record was rolled back or rewritten.",
                count=count,
                branch=branch.name,
                exported=previous.exported_at[:10],
                at=at,
                head=previous.chain_head[:16],
            ),
        )


def _hash_at(listed: bundle_content.Listed, sequence: int) -> str | None:
    """The hash of entry ``sequence`` in the bundle's trail (the check found entry N on line
    N); the genesis for 0. The whole trail is read, so it is hashed whole against the
    manifest."""
    found = verifier.GENESIS if sequence == 0 else None
    for number, line in enumerate(listed.lines(verifier.TRAIL), 1):
        if number == sequence:
            found = str(json.loads(line)["hash"])
    return found


def _replace_holdings(branch: Branch, copies: list[bundle_content.HeldCopy]) -> None:
    Copy.delete().where(Copy.branch == branch).execute()
    Work.delete().where(Work.branch == branch).execute()
    works = _insert_works(branch, copies)
    rows = [
        {
            "branch": branch,
            "work": works[(c.title, c.author, c.translator)],
            "barcode": c.barcode,
            "volume": c.volume,
            "status": c.status,
            "location": c.location,
            "condition": c.condition,
            "borrower": c.borrower,
            "due": c.due,
        }
        for c in copies
    ]
    _insert(Copy, rows)


def _insert_works(
    branch: Branch, copies: list[bundle_content.HeldCopy]
) -> dict[tuple[str, str, str], int]:
    """The branch's works (a work per title, author and translator; its volumes the
    highest volume held), inserted in batches, by key: their ids read back in one query,
    not one insert a work (on a server, a round trip each)."""
    volumes: dict[tuple[str, str, str], int] = {}
    access: dict[tuple[str, str, str], str] = {}
    for held in copies:
        key = (held.title, held.author, held.translator)
        volumes[key] = max(volumes.get(key, 1), held.volume)
        access.setdefault(key, held.access)
    _insert(
        Work,
        [
            {"branch": branch, "title": t, "author": a, "translator": tr,
             "access": access[(t, a, tr)], "volumes": n}
            for (t, a, tr), n in volumes.items()
        ],
    )  # fmt: skip
    made = Work.select(Work.id, Work.title, Work.author, Work.translator).where(
        Work.branch == branch
    )
    return {(w.title, w.author, w.translator): w.id for w in made}


def _replace_overrides(branch: Branch, overrides: list[bundle_content.OverrideRow]) -> None:
    Override.delete().where(Override.branch == branch).execute()
    _insert(
        Override,
        [
            {
                "branch": branch,
                "at": o.at,
                "action": o.action,
                "barcode": o.barcode,
                "title": o.title,
                "member": o.member,
                "role": o.role,
                "approved_by": o.approved_by,
                "codes": o.codes,
                "reason": o.reason,
                "recorded_at": o.recorded_at,
            }
            for o in overrides
        ],
    )


def _replace_loans(branch: Branch, loans: list[bundle_content.WorkLoans]) -> None:
    LoanStat.delete().where(LoanStat.branch == branch).execute()
    _insert(
        LoanStat,
        [
            {
                "branch": branch,
                "title": w.title,
                "author": w.author,
                "translator": w.translator,
                "copies": w.copies,
                "loans": w.loans,
                "borrowers": w.borrowers,
                "waiting": w.waiting,
                "requests": w.requests,
            }
            for w in loans
        ],
    )


def _put_stocktake(branch: Branch, result: bundle_content.StocktakeResult) -> None:
    """A stocktake's counts, replacing what an earlier bundle said of the same stocktake."""
    Stocktake.delete().where(
        (Stocktake.branch == branch) & (Stocktake.number == result.number)
    ).execute()
    outcomes, outcome = result.outcomes, StocktakeOutcome
    Stocktake.create(
        branch=branch,
        number=result.number,
        status=result.status,
        signed_on=result.signed_on,
        expected=sum(outcomes.values()) - outcomes[outcome.UNEXPECTED],
        present=outcomes[outcome.PRESENT],
        on_loan=outcomes[outcome.ON_LOAN],
        missing=outcomes[outcome.MISSING],
        misplaced=outcomes[outcome.MISPLACED],
        present_on_loan=outcomes[outcome.PRESENT_ON_LOAN],
        unexpected=outcomes[outcome.UNEXPECTED],
    )


def _insert(model: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), BATCH):
        model.insert_many(rows[start : start + BATCH]).execute()


def _record_refusal(
    claimed: str, folder: Path, manifest: str | None, refused: BundleRefused
) -> None:
    """Keep the refusal for the inspectorate (once per bundle and problem)."""
    with write_transaction():
        same_bundle = (
            Refusal.manifest_sha256.is_null()
            if manifest is None
            else Refusal.manifest_sha256 == manifest
        )
        known = Refusal.select().where(
            same_bundle & (Refusal.kind == refused.kind) & (Refusal.problem == refused.problem)
        )
        if not known.exists():
            Refusal.create(
                branch_name=claimed,
                folder=str(folder.absolute()),
                manifest_sha256=manifest,
                kind=refused.kind,
                problem=refused.problem,
                refused_at=clock.now(),
            )
