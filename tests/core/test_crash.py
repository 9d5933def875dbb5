"""Crashes: a child lending, returning, importing and scanning is killed with SIGKILL at
random moments; after each kill the database is intact and nothing reported done is lost.

CI runs 20 kills; ``READINGROOM_FULL=1`` runs 200.
"""

from __future__ import annotations

import multiprocessing
import random
import time

import crash_worker
import pytest
from reliability_support import record_figures, size

from readingroom import policy, stocktake
from readingroom.store.db import close_database, open_database

pytestmark = pytest.mark.slow


@pytest.fixture
def stocked(db, supervisor, make_copy, make_borrower):
    """40 copies, 10 writers allowed 100 loans each, and an open stocktake to scan into."""
    for n in range(40):
        make_copy(f"C{n:03d}", f"Work {n % 13}")
    for n in range(10):
        make_borrower(f"W{n}")
    policy.set_rule(supervisor, "writer", "lendable", "loan", max_items=100)
    stocktake.start(supervisor)
    close_database()
    return db


def test_killed_at_random_moments_nothing_reported_done_is_lost(stocked, tmp_path):
    trials = size(20, 200)
    rng = random.Random(20261130)
    context = multiprocessing.get_context("fork")
    done_total, interrupted, by_op = 0, 0, {}
    for trial in range(trials):
        log = tmp_path / f"trial-{trial}.log"
        child = context.Process(target=crash_worker.work, args=(stocked, log, trial))
        child.start()
        time.sleep(rng.uniform(0.02, 0.2))
        child.kill()
        child.join()
        assert child.exitcode == -9, f"trial {trial}: the child ended by itself"
        open_database(stocked)
        try:
            problems = crash_worker.invariants()
            missing, done, cut = crash_worker.missing_successes(log)
        finally:
            close_database()
        assert not problems, f"trial {trial}: {problems}"
        assert not missing, f"trial {trial}: reported done but lost: {missing}"
        done_total += done
        interrupted += cut
        for line in (log.read_text() if log.exists() else "").splitlines():
            if '"done"' in line and '"nothing"' not in line:
                name = line.split('"done": "', 1)[1].split('"', 1)[0]
                by_op[name] = by_op.get(name, 0) + 1
    assert done_total > trials  # the children did real work between the kills
    assert interrupted > 0  # and some kills landed inside an operation
    assert set(by_op) >= {"lend", "return", "import", "scan"}
    record_figures(
        "test_crash",
        kills=trials,
        operations_done=done_total,
        killed_inside_an_operation=interrupted,
        by_operation=by_op,
    )


def test_the_checks_would_see_a_half_written_loan(stocked):
    open_database(stocked)
    try:
        assert crash_worker.invariants() == []
        from readingroom.store.db import database

        database.execute_sql(
            "INSERT INTO loan (copy_id, borrower_id, lent_on, lent_at, due) "
            "VALUES (1, 1, '2026-01-01', '2026-01-01 10:00', '2026-01-22')"
        )
        problems = crash_worker.invariants()
    finally:
        close_database()
    assert any("lend entries" in p for p in problems)
    assert any("disagree" in p for p in problems)
