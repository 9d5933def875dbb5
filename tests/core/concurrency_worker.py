"""Workers for the concurrency test: desk processes racing on the same few copies.

Each appends one JSON line per operation to its own log: ``ok`` with what it did, ``refused``
(the lending rules said no: expected when two desks want the same copy), or ``error`` for
anything that would reach the user as a failure of the program or the database ("database
is locked" included). ``window`` additionally reads inside a snapshot between its writes,
as the desktop app's pages do.
"""

from __future__ import annotations

import json
import random
import time
import traceback
from pathlib import Path
from typing import Any

from readingroom import borrowers, catalogue, circulation, holds, staff
from readingroom.errors import BadInput, EnvironmentProblem, Refused
from readingroom.store.db import open_database, read_transaction

BARCODES = [f"R{n:02d}" for n in range(12)]
MEMBERS = [f"W{n}" for n in range(6)]


def _lend(actor, rng: random.Random) -> dict[str, Any]:
    loan = circulation.lend(actor, rng.choice(BARCODES), rng.choice(MEMBERS)).loan
    return {"loan": loan.id, "barcode": loan.copy.barcode}


def _return(actor, rng: random.Random) -> dict[str, Any]:
    loan = circulation.return_copy(actor, rng.choice(BARCODES)).loan
    return {"loan": loan.id}


def _renew(actor, rng: random.Random) -> dict[str, Any]:
    # every loan of the race is lent today, so a renewal moves no due date (TOO_SOON): the
    # supervisor behind the desk approves it, and the renewal is still counted once
    loan = circulation.renew(actor, rng.choice(BARCODES), override_reason="asked again").loan
    return {"loan": loan.id}


def _hold(actor, rng: random.Random) -> dict[str, Any]:
    barcode, member_no = rng.choice(BARCODES), rng.choice(MEMBERS)
    try:
        hold = holds.place_hold(actor, barcode, member_no).hold
    except BadInput:  # already waiting: leave the list instead
        hold = holds.cancel_hold(actor, barcode, member_no).hold
    return {"hold": hold.id}


OPERATIONS = {"lend": (_lend, 5), "return": (_return, 4), "renew": (_renew, 3), "hold": (_hold, 2)}


def _browse(rng: random.Random) -> None:
    """What a page does between writes: several reads from one snapshot."""
    with read_transaction():
        catalogue.search(rng.choice(["Points", "Proof", ""]))
        catalogue.copy_info(rng.choice(BARCODES))
        borrowers.borrower_info(rng.choice(MEMBERS))


def work(
    db_path: str | Path,
    log_path: str | Path,
    seed: int,
    count: int,
    *,
    window: bool = False,
    username: str = "boss",
) -> None:
    open_database(db_path)
    actor = staff.get_staff(username)
    rng = random.Random(seed)
    names = list(OPERATIONS)
    weights = [OPERATIONS[n][1] for n in names]
    with open(log_path, "a", encoding="utf-8") as log:
        for _ in range(count):
            name = rng.choices(names, weights)[0]
            entry: dict[str, Any] = {"op": name}
            started = time.monotonic()
            try:
                if window:
                    _browse(rng)
                entry.update(ok=True, **OPERATIONS[name][0](actor, rng))
            except (Refused, BadInput) as exc:
                entry.update(refused=type(exc).__name__)
            except EnvironmentProblem as exc:
                entry.update(
                    error=exc.message,
                    cause=repr(exc.__cause__),
                    seconds=round(time.monotonic() - started, 3),
                    where=traceback.format_exc(limit=-6),
                )
            except Exception:  # noqa: BLE001 - every failure is reported to the test
                entry.update(error=traceback.format_exc(limit=3))
            log.write(json.dumps(entry) + "\n")
            log.flush()
