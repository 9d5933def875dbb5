"""A desk in another process for the race tests: lends when the barrier releases it.

Kept apart from the test module so ``multiprocessing``'s spawn start method imports only
this (no pytest fixtures) in the child.
"""

from __future__ import annotations

from typing import Any

from readingroom import circulation, decision, staff
from readingroom.errors import ReadingRoomError, Refused
from readingroom.store.db import close_database, open_database


def _always_allowed(copy, borrower, today, *args: Any, **kwargs: Any) -> decision.Decision:
    return decision.Decision(True, today, ())


def lend_on_signal(
    db_path: str,
    rounds: list[tuple[str, str]],
    barrier: Any,
    results: Any,
    trust_database_only: bool = False,
) -> None:
    """For each (barcode, member_no): wait at the barrier, lend, report what happened.

    With ``trust_database_only`` the rules in Python are switched off in this process, so
    only the database's own guard (one active loan per copy) stands between two loans.
    """
    if trust_database_only:
        circulation.decide_lend = _always_allowed
    open_database(db_path)
    actor = staff.get_staff("lib")
    outcome: list[tuple[str, str, str]] = []
    for barcode, member_no in rounds:
        barrier.wait(timeout=60)
        try:
            circulation.lend(actor, barcode, member_no)
            outcome.append((barcode, member_no, "lent"))
        except Refused as refused:
            outcome.append(
                (
                    barcode,
                    member_no,
                    ",".join(f"{r.code}: {r.message}" for r in refused.decision.reasons),
                )
            )
        except ReadingRoomError as error:
            outcome.append((barcode, member_no, f"{type(error).__name__}: {error.message}"))
    close_database()
    results.put(outcome)
