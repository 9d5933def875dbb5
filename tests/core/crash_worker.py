"""The crash test's child: lends, returns, imports and stocktake scans until it is killed.

Before each operation it writes ``start`` to the log and after the commit ``done`` with
what it made, each with one unbuffered ``os.write`` on an append-only file, so after a
SIGKILL the parent knows every operation that reported success (and whether the kill
landed inside one). :func:`invariants` is what must hold after any kill.

Run by the test in a forked process (no import cost per trial), or by hand:
``python tests/core/crash_worker.py DB LOG SEED``.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from peewee import fn

from readingroom import audit, circulation, imports, staff
from readingroom.errors import BadInput, Refused
from readingroom.store.db import database, open_database
from readingroom.store.models import AuditEntry, Borrower, Copy, Loan

Operation = Callable[[Any, random.Random, int], dict[str, Any] | None]


def _random_copy(status: str) -> Copy | None:
    return Copy.select().where(Copy.status == status).order_by(fn.Random()).first()


def lend(actor, rng: random.Random, n: int) -> dict[str, Any] | None:
    copy = _random_copy("available")
    borrower = Borrower.select().where(Borrower.role == "writer").order_by(fn.Random()).first()
    if copy is None or borrower is None:
        return None
    loan = circulation.lend(actor, copy.barcode, borrower.member_no).loan
    return {"loan": loan.id, "barcode": copy.barcode}


def return_copy(actor, rng: random.Random, n: int) -> dict[str, Any] | None:
    copy = _random_copy("on-loan")
    if copy is None:
        return None
    loan = circulation.return_copy(actor, copy.barcode).loan
    return {"loan": loan.id, "barcode": copy.barcode}


def import_catalogue(actor, rng: random.Random, n: int) -> dict[str, Any]:
    barcodes = [f"IMP-{os.getpid()}-{n}-{i}" for i in range(rng.randint(1, 4))]
    rows = "".join(f"{b},Imported work {n},Crash Tester\n" for b in barcodes)
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8") as handle:
        handle.write("barcode,title,author\n" + rows)
    try:
        imports.import_catalogue(actor, handle.name)
    finally:
        os.unlink(handle.name)
    return {"barcodes": barcodes}


def scan(actor, rng: random.Random, n: int) -> dict[str, Any] | None:
    from readingroom import stocktake

    copy = Copy.select().order_by(fn.Random()).first()
    if copy is None or stocktake.open_stocktake() is None:
        return None
    stocktake.scan(actor, copy.barcode)
    return {"barcode": copy.barcode}


def operations() -> dict[str, Operation]:
    ops: dict[str, Operation] = {"lend": lend, "return": return_copy, "import": import_catalogue}
    try:
        import readingroom.stocktake  # noqa: F401 - scans only once stocktakes exist
    except ImportError:
        return ops
    ops["scan"] = scan
    return ops


def work(db_path: str | Path, log_path: str | Path, seed: int, username: str = "boss") -> None:
    """Run operations at random until killed."""
    open_database(db_path)
    actor = staff.get_staff(username)
    rng = random.Random(seed)
    ops = operations()
    weights = {"lend": 4, "return": 3, "import": 1, "scan": 3}
    names = list(ops)
    log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    for n in range(10**9):
        name = rng.choices(names, [weights[x] for x in names])[0]
        os.write(log, (json.dumps({"start": name}) + "\n").encode())
        try:
            made = ops[name](actor, rng, n)
        except (Refused, BadInput):
            made = None
        os.write(log, (json.dumps({"done": name, **(made or {"nothing": True})}) + "\n").encode())


# -- what must hold after any kill ----------------------------------------------------------


def _entries(*actions: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for (entity_id,) in (
        AuditEntry.select(AuditEntry.entity_id).where(AuditEntry.action.in_(actions)).tuples()
    ):
        counts[entity_id] = counts.get(entity_id, 0) + 1
    return counts


def invariants() -> list[str]:
    """Problems with the open database (empty when everything holds)."""
    problems = []
    integrity = database.execute_sql("PRAGMA integrity_check").fetchall()
    if integrity != [("ok",)]:
        problems.append(f"integrity_check: {integrity[:3]}")
    verification = audit.verify()
    if not verification.ok:
        problems.append(f"audit chain: {verification.problem}")
    lent, returned = _entries("lend", "lend-override"), _entries("return")
    for loan in Loan.select(Loan.id, Loan.returned_at).tuples():
        loan_id, returned_at = str(loan[0]), loan[1]
        if lent.get(loan_id) != 1:
            problems.append(f"loan {loan_id} has {lent.get(loan_id, 0)} lend entries")
        if (returned_at is not None) != (returned.get(loan_id) == 1):
            problems.append(
                f"loan {loan_id}: returned {returned_at}, {returned.get(loan_id, 0)} return entries"
            )
    if len(lent) != Loan.select().count():
        problems.append(f"{len(lent)} lend entries for {Loan.select().count()} loans")
    active = {c for (c,) in Loan.select(Loan.copy).where(Loan.returned_at.is_null()).tuples()}
    on_loan = {c for (c,) in Copy.select(Copy.id).where(Copy.status == "on-loan").tuples()}
    if active != on_loan:
        problems.append(f"copies on loan {sorted(on_loan ^ active)[:5]} disagree with loans")
    problems += _stocktake_problems()
    return problems


def _stocktake_problems() -> list[str]:
    try:
        from readingroom.store.inspection_models import StocktakeScan
    except ImportError:
        return []
    scans = StocktakeScan.select().count()
    entries = AuditEntry.select().where(AuditEntry.action == "stocktake-scan").count()
    return [] if scans == entries else [f"{scans} scans but {entries} scan entries"]


def missing_successes(log_path: str | Path) -> tuple[list[str], int, bool]:
    """Operations the log reports done but the database lacks; how many were done; whether
    the kill landed inside an operation."""
    log_path = Path(log_path)
    text = log_path.read_text() if log_path.exists() else ""  # killed before its first line
    lines = [json.loads(line) for line in text.splitlines() if line.endswith("}")]
    missing, done = [], 0
    scans: dict[str, int] = {}
    for line in lines:
        name = line.get("done")
        if name is None or line.get("nothing"):
            continue
        done += 1
        if name == "lend" and not Loan.get_or_none(Loan.id == line["loan"]):
            missing.append(f"lend {line}")
        elif (
            name == "return"
            and Loan.get_or_none((Loan.id == line["loan"]) & Loan.returned_at.is_null(False))
            is None
        ):
            missing.append(f"return {line}")
        elif name == "import" and Copy.select().where(
            Copy.barcode.in_(line["barcodes"])
        ).count() != len(line["barcodes"]):
            missing.append(f"import {line}")
        elif name == "scan":
            scans[line["barcode"]] = scans.get(line["barcode"], 0) + 1
    missing += _missing_scans(scans)
    interrupted = bool(lines) and "start" in lines[-1]
    return missing, done, interrupted


def _missing_scans(logged: dict[str, int]) -> list[str]:
    if not logged:
        return []
    from readingroom.store.inspection_models import StocktakeScan

    stored = dict(
        StocktakeScan.select(StocktakeScan.barcode, fn.COUNT(StocktakeScan.id))
        .group_by(StocktakeScan.barcode)
        .tuples()
    )
    return [
        f"scan {barcode} x{n} (stored {stored.get(barcode, 0)})"
        for barcode, n in logged.items()
        if stored.get(barcode, 0) < n
    ]


if __name__ == "__main__":
    work(sys.argv[1], sys.argv[2], int(sys.argv[3]))
