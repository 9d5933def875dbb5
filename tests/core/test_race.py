"""Rule 2 under a race: two processes lend the same copy at the same moment to two writers;
exactly one succeeds, the other is refused ``ON_LOAN`` (never "database is locked", never
two loans), whether the rules in Python or only the database's own index decide."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from readingroom import policy
from readingroom.store.db import close_database
from tests.core import race_worker
from tests.core.cli_support import BOSS, PASSWORD, REPO, Run

pytestmark = pytest.mark.slow
ROUNDS = int(
    os.environ.get("READINGROOM_RACE_ROUNDS", "40" if os.environ.get("READINGROOM_FULL") else "10")
)


@pytest.fixture
def contested(db, supervisor, librarian, make_copy, make_borrower):
    """ROUNDS copies and two writers with room for all of them."""
    for n in range(ROUNDS):
        make_copy(f"R{n:03}")
    make_borrower("WA")
    make_borrower("WB")
    policy.set_rule(supervisor, "writer", "lendable", "loan", max_items=1000)
    close_database()
    return db


def active_loans(db) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT c.barcode, b.member_no FROM loan l JOIN copy c ON c.id = "
            "l.copy_id JOIN borrower b ON b.id = l.borrower_id "
            "WHERE l.returned_at IS NULL"
        ).fetchall()
    conn.close()
    return rows


def race(db, trust_database_only: bool) -> list[tuple[str, str, str]]:
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    barcodes = [f"R{n:03}" for n in range(ROUNDS)]
    workers = [
        context.Process(
            target=race_worker.lend_on_signal,
            args=(str(db), [(b, member) for b in barcodes], barrier, results, trust_database_only),
        )
        for member in ("WA", "WB")
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    return [entry for outcome in outcomes for entry in outcome]


@pytest.mark.parametrize(
    "trust_database_only", [False, True], ids=["rules-and-database", "database-alone"]
)
def test_exactly_one_of_two_racing_processes_lends_the_copy(contested, trust_database_only):
    outcomes = race(contested, trust_database_only)
    assert len(outcomes) == 2 * ROUNDS
    for n in range(ROUNDS):
        barcode = f"R{n:03}"
        results = sorted(result for b, _, result in outcomes if b == barcode)
        assert len(results) == 2 and results[1] == "lent", (barcode, outcomes)
        code, message = results[0].split(": ", 1)
        assert code == "ON_LOAN" and "constraint" not in message, results[0]
    loans = active_loans(contested)
    assert len(loans) == ROUNDS and len({barcode for barcode, _ in loans}) == ROUNDS
    winners = {(b, m) for b, m, result in outcomes if result == "lent"}
    assert winners == set(loans)


RACER = textwrap.dedent("""
    import os, sys, time
    from readingroom.cli import main
    ready, go = sys.argv[1], sys.argv[2]
    open(ready, "w").close()
    while not os.path.exists(go):
        time.sleep(0.001)
    sys.exit(main(sys.argv[3:]))
""")


def wait_for(paths, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not all(path.exists() for path in paths):
        assert time.monotonic() < deadline, "the racers never got ready"
        time.sleep(0.01)


def test_racing_command_lines_exit_0_and_3(contested, tmp_path):
    go = tmp_path / "go"
    env = {**os.environ, "READINGROOM_USER": BOSS, "READINGROOM_PASSWORD": PASSWORD}
    pairs = [(f"R{n:03}", member) for n in range(2) for member in ("WA", "WB")]
    ready = [tmp_path / f"ready-{n}" for n in range(len(pairs))]
    racers = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                RACER,
                str(flag),
                str(go),
                "--db",
                str(contested),
                "lend",
                barcode,
                member,
                "--json",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=REPO,
        )
        for flag, (barcode, member) in zip(ready, pairs, strict=True)
    ]
    wait_for(ready)  # every racer has imported the program and waits for the signal
    go.touch()
    runs = []
    for racer in racers:
        out, err = racer.communicate(timeout=120)
        runs.append(Run(racer.returncode, out, err))
    for n in range(2):
        pair = runs[2 * n : 2 * n + 2]
        assert sorted(run.code for run in pair) == [0, 3], [str(r) for r in pair]
        refused = next(run for run in pair if run.code == 3)
        assert refused.json()["reasons"][0]["code"] == "ON_LOAN"
        assert "locked" not in refused.err.lower()
    assert len(active_loans(contested)) == 2
