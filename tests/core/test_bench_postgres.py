"""The benchmark's PostgreSQL step, reduced (``python -m bench --quick --only postgres``, as
CI runs it): a server of its own, the quick library loaded into it, and every figure
measured beside SQLite's; four desks at once lend no copy twice. The timings themselves
are not asserted (docs/PERFORMANCE.md has them). Skipped without PostgreSQL's programs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from readingroom.store.server import INSTALL_HINT, postgres_program

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def report() -> dict:
    if postgres_program("initdb") is None or postgres_program("pg_ctl") is None:
        pytest.skip(f"PostgreSQL tests skipped: no initdb/pg_ctl found; {INSTALL_HINT}")
    # not under pytest's own folder: the server runs as the postgres user when the tests
    # run as root, and must be able to enter the benchmark's folder
    folder = Path(tempfile.mkdtemp(prefix="readingroom-bench-"))
    folder.chmod(0o755)
    out = folder / "bench.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--only", "postgres", "--dir", str(folder),
         "--json", str(out)],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=600,
    )  # fmt: skip
    try:
        assert done.returncode == 0, done.stderr[-2000:]
        assert not list(folder.glob("*/data/postmaster.pid")), "the server was left running"
        return json.loads(out.read_text(encoding="utf-8"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_every_postgresql_figure_is_measured_beside_sqlites(report):
    unmeasured = [
        f"{r['name']}: {r['note']}" for r in report["results"] if r["note"].startswith("not meas")
    ]
    assert not unmeasured
    rows = {r["name"]: r for r in report["results"] if "PostgreSQL" in r["name"]}
    for prefix in (
        "search as you type: first screen p95",
        "catalogue sort, services only",
        "lend p95, one desk",
        "return p95, one desk",
        "lend p95, 4 desks at once",
        "return p95, 4 desks at once",
        "central import-bundle of 4 branches",
    ):
        [row] = [r for name, r in rows.items() if name.startswith(prefix)]
        assert row["value"] > 0 and row["anchor_value"] > 0, row
    searched = rows["search as you type: first screen p95 (PostgreSQL)"]
    assert searched["anchor"].startswith("SQLite")  # the same figure, on the file
    assert searched["met"] in (True, False)


def test_four_desks_at_once_lend_no_copy_twice(report):
    four = {r["name"]: r for r in report["results"] if "4 desks at once" in r["name"]}
    assert set(four) == {"lend p95, 4 desks at once (PostgreSQL)",
                         "return p95, 4 desks at once (PostgreSQL)"}  # fmt: skip
    for row in four.values():
        details = row["details"]
        assert details["desks"] == 4 and details["copies_lent_twice"] == 0
        assert details["failures"] == []  # every lend and return done, none refused
        assert details["operations"] == 4 * 30  # the quick run's 30 a desk
        assert details["lends"] == 4 * 30 + 4  # and each desk's first, before the clock


def test_without_postgresql_the_step_says_what_to_install(tmp_path, monkeypatch):
    import bench.pg_server
    from bench import data, postgres

    monkeypatch.setattr(bench.pg_server, "postgres_program", lambda name: None)
    library = tmp_path / "library.db"
    [row] = postgres.measure_postgres(tmp_path, library, tmp_path / "work.db", data.QUICK, True)
    assert row.value is None and "apt-get install postgresql" in row.note
    assert not library.exists() and not list(tmp_path.iterdir())  # nothing made
