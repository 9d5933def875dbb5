"""The benchmark, reduced: every measurement runs and reports beside its anchor.

The timings themselves are not asserted (they belong to ``python -m bench`` on a quiet
machine, see docs/PERFORMANCE.md); this keeps the benchmark from rotting.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bench.__main__ import STEPS

ROOT = Path(__file__).resolve().parent.parent
ANCHORED = (
    "search as you type",
    "catalogue page: first screen after a sort",
    "interactive after sign-in",
    "lend p95",
    "return p95",
    "import marc",
    "inventory CSV",
    "audit verify",
    "stocktake reconciliation",
)


def test_quick_benchmark_measures_everything_beside_its_anchor(tmp_path):
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "--quick",
            "--dir",
            str(tmp_path / "data"),
            "--json",
            str(out),
            "--only",  # every step but PostgreSQL's (tests/core/test_bench_postgres.py)
            ",".join(step for step in STEPS if step != "postgres"),
        ],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "measurement" in done.stdout and "anchor" in done.stdout
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["sizes"]["works"] == 2000 and report["machine"]["cores"]
    results = {r["name"]: r for r in report["results"]}
    unmeasured = [f"{name}: {r['note']}" for name, r in results.items() if r["value"] is None]
    assert not unmeasured
    for prefix in ANCHORED:
        matching = [r for name, r in results.items() if name.startswith(prefix)]
        assert matching, f"no figure for {prefix}"
        for r in matching:
            assert r["value"] > 0 and r["anchor_value"] > 0 and r["ratio"] > 0, r
            assert r["met"] in (True, False), r
    audit = next(r for name, r in results.items() if name.startswith("audit verify"))
    assert audit["details"]["differences"] == 0, audit["note"]  # the trail's tables agree
    assert audit["details"]["replay_s"] > 0 and audit["details"]["chain_walk_s"] > 0
    scroll = results["catalogue page: peak memory scrolling top to bottom"]
    assert scroll["details"]["rows"] == 2000  # the scroll bar spans every work
