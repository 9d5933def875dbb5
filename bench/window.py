"""The window's figures, each from child processes (see :mod:`bench.probe`)."""

from __future__ import annotations

import json
from pathlib import Path

from bench.core import keystrokes, typed_strings
from bench.data import DEMO_PASSWORD, DEMO_USER, PASSWORD, USER, Sizes
from bench.probe import run_probe
from bench.results import Result, not_measurable
from bench.timing import median, percentile
from readingroom.store.db import close_database, open_database

_OWN_JOIN = """
SELECT w.id, w.title, w.author, w.original_title, w.original_language, w.translator, w.year,
       w.access, w.volumes, COUNT(c.id),
       COALESCE(SUM(c.status = 'available'), 0), COALESCE(SUM(c.status = 'on-loan'), 0),
       COALESCE(SUM(c.status = 'held'), 0),
       COALESCE(SUM(c.status IN ('missing', 'withdrawn', 'lost', 'damaged')), 0),
       (SELECT COUNT(*) FROM hold h WHERE h.work_id = w.id AND h.status IN ('waiting', 'ready'))
FROM work w LEFT JOIN copy c ON c.work_id = w.id GROUP BY w.id"""
TITLE_ORDER = " ORDER BY w.title COLLATE NOCASE, w.id"


def catalogue_join() -> str:
    """The catalogue table's own join (all works), sorted by title, for QSqlQueryModel."""
    from readingroom.browse import works

    own = getattr(works, "_ROWS_ON_FILE_SQL", "")
    if "WHERE w.id IN ({})" in own:
        return own.replace("WHERE w.id IN ({})", "") + TITLE_ORDER
    return _OWN_JOIN + TITLE_ORDER


def measure_catalogue_page(path: Path, sizes: Sizes) -> list[Result]:
    open_database(path)
    try:
        typed = [
            k for text in typed_strings(max(2, sizes.typed // 3), seed=5) for k in keystrokes(text)
        ]
    finally:
        close_database()
    anchor = run_probe("qsqlquerymodel", str(path), catalogue_join())
    page = run_probe("catalogue", str(path), USER, PASSWORD, json.dumps(typed))
    if "error" in page:
        return [not_measurable("catalogue page (window)", page["error"])]
    anchor_ms = median(anchor["runs_ms"]) if "runs_ms" in anchor else None
    sorts = page["sorts_ms"]
    slowest = max(sorts, key=sorts.get)
    worst = sorts[slowest]
    typing = page["typing_ms"]
    cpu = page.get("typing_cpu_ms") or []
    results = [
        Result(
            "catalogue page: first screen after a sort (slowest column)",
            worst,
            "ms",
            "QSqlQueryModel, same join, by title",
            anchor_ms,
            "< 100 ms and ≥ 20× faster than anchor",
            met=(worst < 100 and anchor_ms is not None and anchor_ms / worst >= 20),
            details={
                "sorts_ms": sorts,
                "anchor_runs_ms": anchor.get("runs_ms"),
                "anchor_error": anchor.get("error"),
            },
            note=f"slowest: {slowest}; every sort: "
            + ", ".join(f"{k} {v:.0f}" for k, v in sorts.items()),
        ),
        Result(
            "catalogue page: search as you type p95 (window)",
            percentile(typing, 95),
            "ms",
            target="< 16 ms (one frame at 60 Hz)",
            met=percentile(typing, 95) < 16,
            details={
                "keystrokes": len(typing),
                "median_ms": median(typing),
                "cpu_median_ms": median(cpu) if cpu else None,
                "cpu_p95_ms": percentile(cpu, 95) if cpu else None,
                "painted_by_qt": page.get("typing_own_paints"),
            },
            note=f"median {median(typing):.1f} ms"
            + (
                f"; CPU a keystroke (all threads) median {median(cpu):.1f}, "
                f"p95 {percentile(cpu, 95):.1f} ms"
                if cpu
                else ""
            ),
        ),
        Result(
            "catalogue page: peak memory scrolling top to bottom",
            page["rss_peak_mb"],
            "MB",
            "memory before scrolling",
            page["rss_before_mb"],
            "< 400 MB",
            met=page["rss_peak_mb"] < 400,
            details={
                k: page[k]
                for k in ("rows", "scroll_steps", "scroll_stride_px", "scroll_s", "last_row_shown")
            },
            note=f"scroll bar over {page['rows']:,} rows (of {sizes.works:,} works); "
            f"last row shown {page['last_row_shown']:,}",
        ),
    ]
    return results


def measure_startup(path: Path, demo: Path, runs: int) -> list[Result]:
    results = []
    for last_page in ("desk", "catalogue"):
        big = [run_probe("startup", str(path), USER, PASSWORD, last_page) for _ in range(runs)]
        small = [
            run_probe("startup", str(demo), DEMO_USER, DEMO_PASSWORD, last_page)
            for _ in range(runs)
        ]
        failed = next((r["error"] for r in big + small if "error" in r), None)
        name = f"interactive after sign-in ({last_page} page first)"
        if failed:
            results.append(not_measurable(name, failed))
            continue
        value = median(r["interactive_s"] for r in big)
        anchor = median(r["interactive_s"] for r in small)
        results.append(
            Result(
                name,
                value,
                "s",
                "the same on the demo catalogue",
                anchor,
                "< 1.5 s and ≤ 1.5× anchor",
                met=value < 1.5 and value <= 1.5 * anchor,
                details={
                    "runs": [r["interactive_s"] for r in big],
                    "anchor_runs": [r["interactive_s"] for r in small],
                    "filled_s": median(r["filled_s"] for r in big),
                    "anchor_filled_s": median(r["filled_s"] for r in small),
                },
                note=f"page filled (background loads done) after "
                f"{median(r['filled_s'] for r in big):.2f} s "
                f"(demo {median(r['filled_s'] for r in small):.2f} s)",
            )
        )
    return results
