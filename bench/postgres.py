"""PostgreSQL beside SQLite on the same national catalogue (issue 16).

The benchmark starts a server of its own (:mod:`bench.pg_server`; its folder is kept
beside the cached library) and loads the generated library into it once with the copy
``migrate-to`` makes (:func:`~readingroom.store.server_schema.copy_catalogue`; the chain's
verification after the copy is left to ``migrate-to`` itself). Each run measures a fresh
copy of that database (``CREATE DATABASE ... TEMPLATE``), so lends never pile up in it.

The figures, each beside SQLite's in the same run:
- search as you type and the sorted first screen: :func:`bench.core.measure_search` and
  :func:`bench.core.measure_sorts`, the very same queries, on the server;
- lend and return p95 with one desk, and with four desks at once (four processes, each
  lending and returning its own copies against the one server); the audit trail's order is
  read back to check that no copy was ever lent twice;
- ``central import-bundle`` of many branches' signed bundles (each branch a generated
  catalogue with its own root key, exported with ``export-bundle``; cached) into a central
  database on the server, beside the same bundles into a central SQLite file.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bench import core
from bench.data import PASSWORD, USER, Sizes, remove, working_copy
from bench.pg_server import NoServer, Server, start_server
from bench.results import Result, not_measurable
from bench.timing import median, percentile
from readingroom.store.db import MIGRATIONS_DIR, close_database, open_database
from readingroom.store.server import INSTALL_HINT, ServerUrl

NAME = "PostgreSQL beside SQLite"
#: the server's own settings for the benchmark (a small server's; fsync stays on)
SETTINGS = {"shared_buffers": "256MB", "maintenance_work_mem": "256MB", "max_wal_size": "4GB"}
#: targets of issue 16
SEARCH_RATIO, DESK_P95_MS, DESKS = 2.0, 20.0, 4


@dataclass(frozen=True)
class Branches:
    """How many branches send a bundle, and how many copies each holds."""

    count: int
    copies: int


FULL_BRANCHES, QUICK_BRANCHES = Branches(100, 1_000), Branches(4, 100)


def measure_postgres(
    folder: Path, library: Path, work: Path, sizes: Sizes, quick: bool = False
) -> list[Result]:
    """Every PostgreSQL figure, each beside SQLite's (``quick``: a few small branches'
    bundles); one row saying what to install when there is no PostgreSQL here."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return [not_measurable(NAME, "psycopg is missing: pip install 'psycopg[binary]'")]
    try:
        server = start_server(folder / f"postgres-{library.stem}", settings=SETTINGS)
    except NoServer:
        return [not_measurable(NAME, f"no PostgreSQL server programs found: {INSTALL_HINT}")]
    try:
        cached, loaded_s = loaded_catalogue(server, library, folder)
        copied_s, name = _timed(lambda: server.create_database("bench", template=cached))
        try:
            url = server.url(name, with_password=True)
            results = [_loading(loaded_s, copied_s)]
            parts: list[tuple[str, Callable[[], list[Result]]]] = [
                ("search", lambda: side_by_side(core.measure_search(work, sizes),
                                                core.measure_search(ServerUrl(url), sizes))),
                ("sort", lambda: side_by_side(core.measure_sorts(work),
                                              core.measure_sorts(ServerUrl(url)))),
                ("desks", lambda: measure_desks(url, work, sizes.lends)),
                ("bundles", lambda: measure_bundles(
                    server, folder, QUICK_BRANCHES if quick else FULL_BRANCHES)),
            ]  # fmt: skip
            for part, measure in parts:
                results.extend(_guarded(f"{NAME}: {part}", measure))
        finally:
            close_database()
            server.drop_database(name)
    finally:
        server.stop()
    return results


def _timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = action()
    return time.perf_counter() - started, value


def _guarded(name: str, measure: Callable[[], list[Result]]) -> list[Result]:
    """One part's rows, or one row saying why it could not be measured (the rest go on)."""
    try:
        return measure()
    except Exception as exc:  # noqa: BLE001 - one broken figure must not hide the rest
        close_database()
        return [not_measurable(name, f"{type(exc).__name__}: {exc}")]


# -- the national catalogue on the server ---------------------------------------------------


def schema_tag() -> str:
    """The catalogue's schema version (its last numbered migration) and the server's form
    of it (:mod:`readingroom.store.server_schema`): a change to either makes the cached
    server database stale."""
    from readingroom.store import server_schema

    form = hashlib.sha256(Path(server_schema.__file__).read_bytes()).hexdigest()[:8]
    return max(p.stem for p in MIGRATIONS_DIR.glob("[0-9]*.py"))[:4] + "_" + form


def loaded_catalogue(server: Server, library: Path, folder: Path) -> tuple[str, float | None]:
    """The server's database holding ``library`` (loaded the first time; cached), and how
    long the loading took (None: cached)."""
    name = f"catalogue_{schema_tag()}"
    for stale in server.databases():  # an older schema's, or a run's copy left by a crash
        if stale.startswith(("catalogue_", "loading_", "bench_", "central_")) and stale != name:
            server.drop_database(stale)
    if name in server.databases():
        return name, None
    started = time.perf_counter()
    source = working_copy(library, folder / "pg-source.db")
    try:
        open_database(source)  # brought up to date by the migrations, as the SQLite steps' copy
        close_database()
        loading = f"loading_{name}"
        with server.admin() as conn:
            conn.execute(f'CREATE DATABASE "{loading}"')
        _copy_into(server, loading, source)
        with server.admin() as conn:
            conn.execute(f'ALTER DATABASE "{loading}" RENAME TO "{name}"')
    finally:
        remove(source)
    return name, time.perf_counter() - started


def _copy_into(server: Server, name: str, source: Path) -> None:
    """``migrate-to``'s copy of the SQLite file ``source`` into the empty database ``name``,
    then the planner's statistics."""
    import sqlite3

    from readingroom.store.server_schema import copy_catalogue

    reading = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        with server.admin(name) as conn:
            with conn.transaction():
                copy_catalogue(reading, conn)
            conn.execute("VACUUM (ANALYZE)")
    finally:
        reading.close()


def _loading(loaded_s: float | None, copied_s: float) -> Result:
    note = f"this run's copy of it (CREATE DATABASE ... TEMPLATE) {copied_s:.1f} s"
    if loaded_s is None:
        return Result(
            "load the library into PostgreSQL (migrate-to's copy)",
            None,
            "s",
            note=f"taken from the server's folder (loaded by an earlier run); {note}",
        )
    return Result(
        "load the library into PostgreSQL (migrate-to's copy)",
        loaded_s,
        "s",
        note=f"COPY of every table, indexes, guards and search index, then VACUUM ANALYZE; {note}",
    )


# -- search and sort: the SQLite steps' own figures, on both ---------------------------------


def side_by_side(sqlite: list[Result], server: list[Result]) -> list[Result]:
    """Each of the server's figures beside SQLite's same figure of the same run."""
    rows = []
    for lite, pg in zip(sqlite, server, strict=True):
        assert lite.name == pg.name
        measured = pg.value is not None and lite.value is not None
        rows.append(
            Result(
                f"{pg.name} (PostgreSQL)",
                pg.value,
                pg.unit,
                "SQLite, same figure, same run",
                lite.value,
                f"≤ {SEARCH_RATIO:g}× SQLite",
                met=measured and (pg.value or 0) <= SEARCH_RATIO * (lite.value or 0),
                details={"postgresql": pg.details, "sqlite": lite.details},
                note=f"PostgreSQL: {pg.note}" if pg.note else "",
            )
        )
    return rows


# -- the desks ------------------------------------------------------------------------------


def measure_desks(url: str, work: Path, count: int) -> list[Result]:
    """Lend and return p95 with one desk and with four desks at once on the server, beside
    one desk on the SQLite file."""
    open_database(ServerUrl(url))
    try:
        pairs = core._desk_pairs(count * DESKS)
    finally:
        close_database()
    if len(pairs) < count * DESKS:
        raise LookupError(f"only {len(pairs)} copies and writers free for {count * DESKS} lends")
    lite_lends, lite_returns, _ = core.lend_and_return(work, count, USER, PASSWORD)
    one = run_desks(url, [pairs[:count]])
    four = run_desks(url, [pairs[i::DESKS] for i in range(DESKS)])
    rows = []
    for kind, lite in (("lend", lite_lends), ("return", lite_returns)):
        alone = percentile(one.times[kind], 95)
        rows.append(
            _desk_row(f"{kind} p95, one desk (PostgreSQL)", kind, one, "SQLite, one desk",
                      percentile(lite, 95), met=None)
        )  # fmt: skip
        rows.append(
            _desk_row(f"{kind} p95, {DESKS} desks at once (PostgreSQL)", kind, four,
                      "PostgreSQL, one desk", alone, met=True)
        )  # fmt: skip
    return rows


def _desk_row(
    name: str, kind: str, run: DeskRun, anchor: str, anchor_value: float, met: bool | None
) -> Result:
    times = run.times[kind]
    p95 = percentile(times, 95)
    return Result(
        name,
        p95,
        "ms",
        anchor,
        anchor_value,
        f"< {DESK_P95_MS:g} ms" if met is not None else "",
        met=None if met is None else (p95 < DESK_P95_MS and not run.failures),
        details={
            "desks": run.desks,
            "operations": len(times),
            "lends": run.lends,
            "copies_lent_twice": run.lent_twice,
            "failures": run.failures[:5],
            "median_ms": median(times),
            "max_ms": max(times),
            "seconds": run.seconds,
        },
        note=f"{run.desks} desk(s), {len(times):,} {kind}s in {run.seconds:.1f} s; median "
        f"{median(times):.1f} ms, max {max(times):.0f} ms; no copy lent twice (audit trail "
        "order)" + (f"; {len(run.failures)} FAILED: {run.failures[0]}" if run.failures else ""),
    )


@dataclass
class DeskRun:
    desks: int
    times: dict[str, list[float]]
    failures: list[str]
    lends: int
    lent_twice: int
    seconds: float


def run_desks(url: str, shares: list[list[tuple[str, str]]]) -> DeskRun:
    """Each share lent and returned, pair by pair, by a desk of its own (a process each),
    the desks starting together; then the trail read back for any copy lent twice."""
    before = _last_entry(url)
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(len(shares) + 1)
    with ProcessPoolExecutor(
        len(shares), mp_context=context, initializer=_ready, initargs=(start,)
    ) as pool:
        running = [pool.submit(_desk, url, share) for share in shares]
        start.wait(timeout=START_TIMEOUT_S)  # every desk signed in and ready
        started = time.perf_counter()
        done = [future.result() for future in running]
        took = time.perf_counter() - started
    lends, lent_twice = lent_twice_in_trail(url, before)
    expected = sum(len(share) for share in shares) + len(shares)  # and each desk's first
    if lent_twice or lends != expected:
        raise AssertionError(
            f"{lent_twice} copies lent while on loan, {lends} lends of {expected} in the trail"
        )
    return DeskRun(
        desks=len(shares),
        times={kind: [t for desk in done for t in desk[kind]] for kind in ("lend", "return")},
        failures=[f for desk in done for f in desk["failures"]],
        lends=lends,
        lent_twice=lent_twice,
        seconds=took,
    )


#: how long the desks may take to sign in before the run is called off
START_TIMEOUT_S = 300
_start: Any = None


def _ready(start: Any) -> None:
    """A desk's process: the barrier every desk (and the benchmark) waits at."""
    global _start
    _start = start


def _desk(url: str, pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """One desk (in its own process): signed in, then, once every desk is ready, each
    copy lent and returned; every operation timed, any failure kept."""
    actor = core.signed_in(ServerUrl(url))
    times: dict[str, list[float]] = {"lend": [], "return": []}
    failures: list[str] = []
    try:
        warm: dict[str, list[float]] = {"lend": [], "return": []}
        _lend_and_return(actor, pairs[0], warm, failures)  # a desk in use: not its first lend
        _start.wait(timeout=START_TIMEOUT_S)
        for pair in pairs:
            _lend_and_return(actor, pair, times, failures)
    finally:
        close_database()
    return {**times, "failures": failures}


def _lend_and_return(
    actor: Any, pair: tuple[str, str], times: dict[str, list[float]], failures: list[str]
) -> None:
    from readingroom import circulation

    barcode, member = pair
    _timed_operation(times["lend"], failures, circulation.lend, actor, barcode, member)
    _timed_operation(times["return"], failures, circulation.return_copy, actor, barcode)


def _timed_operation(
    times: list[float], failures: list[str], action: Callable[..., Any], *args: Any
) -> None:
    began = time.perf_counter()
    try:
        action(*args)
    except Exception as exc:  # noqa: BLE001 - counted and shown, not hidden
        failures.append(f"{action.__name__} {args[1]}: {type(exc).__name__}: {exc}")
    times.append((time.perf_counter() - began) * 1000)


def _last_entry(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT coalesce(max(id), 0) FROM audit_entry").fetchone()
    return int(row[0]) if row else 0


def lent_twice_in_trail(url: str, after: int) -> tuple[int, int]:
    """The lends after entry ``after``, and how many found their copy still on loan, in
    the order the audit trail (one writer at a time) recorded them."""
    import psycopg

    out: set[str] = set()
    lends = twice = 0
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT action, details FROM audit_entry WHERE id > %s "
            "AND action IN ('lend', 'lend-override', 'return') ORDER BY id",
            (after,),
        )
        for action, details in rows:
            barcode = json.loads(details)["barcode"]
            if action == "return":
                out.discard(barcode)
                continue
            lends += 1
            twice += barcode in out
            out.add(barcode)
    return lends, twice


# -- the union catalogue -----------------------------------------------------------------


def measure_bundles(server: Server, folder: Path, branches: Branches) -> list[Result]:
    """``central import-bundle`` of every branch's bundle into a central database on the
    server, beside the same into a central SQLite file."""
    bundles = branch_bundles(folder, branches)
    central = server.create_database("central")
    try:
        pg_s, pg_each, pg_copies = import_all(
            ServerUrl(server.url(central, with_password=True)), bundles
        )
    finally:
        server.drop_database(central)
    lite = folder / "central-bench.db"
    remove(lite)
    try:
        lite_s, _, lite_copies = import_all(lite, bundles)
    finally:
        remove(lite)
    expected = branches.count * branches.copies
    if pg_copies != expected or lite_copies != expected:
        raise AssertionError(f"{pg_copies} / {lite_copies} copies imported of {expected}")
    return [
        Result(
            f"central import-bundle of {branches.count} branches × {branches.copies:,} copies "
            "(PostgreSQL)",
            pg_s,
            "s",
            "the same bundles into a central SQLite file",
            lite_s,
            note=f"each bundle checked (manifest, signature, trail and seals) and loaded: "
            f"median {median(pg_each):.2f} s, slowest {max(pg_each):.2f} s; "
            f"{pg_copies:,} copies in the union catalogue",
            details={"per_bundle_median_s": median(pg_each), "copies": pg_copies},
        )
    ]


def import_all(target: Path | ServerUrl, bundles: list[Path]) -> tuple[float, list[float], int]:
    """A new central database at ``target`` and every bundle imported into it: the total
    time, each bundle's, and the copies the union catalogue then holds."""
    from readingroom.central.db import close_central, create_central, open_central
    from readingroom.central.importing import import_bundle
    from readingroom.central.models import Copy

    create_central(target)
    open_central(target)
    try:
        each = [_timed(lambda b=b: import_bundle(b))[0] for b in bundles]
        copies = Copy.select().count()
    finally:
        close_central()
    return sum(each), each, copies


def branch_bundles(folder: Path, branches: Branches) -> list[Path]:
    """A signed union bundle of each branch (cached): a generated catalogue of its own (its own
    root key), exported as ``export-bundle`` does, two branches at a time."""
    home = folder / f"union-bundles-{branches.count}x{branches.copies}"
    made = [home / f"branch-{n:03d}" for n in range(1, branches.count + 1)]
    if (home / "done").exists():
        return made
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(2, mp_context=context) as pool:
        list(pool.map(_branch_bundle, made, [branches.copies] * len(made)))
    (home / "done").write_text("every bundle exported\n", encoding="utf-8")
    return made


#: what a branch sends (its inventory, overrides, stocktake outcomes, loan statistics)
BUNDLE_KINDS = "inventory,overrides,inspection,circulation"


def _branch_bundle(out: Path, copies: int) -> Path:
    """One branch (in a process of its own): its catalogue generated, named, and its
    bundle exported into ``out`` by its supervisor."""
    from readingroom import bundle, generate, settings, staff

    db = out.with_suffix(".db")
    number = int(out.name.rsplit("-", 1)[1])
    remove(db)
    open_database(db, create=True)
    try:
        boss = staff.create_first_supervisor(USER, PASSWORD)
        spec = generate.LibrarySpec(
            copies // 4, copies, copies // 10, copies // 2, seed=number, as_of=date(2026, 1, 15)
        )
        generate.generate_library(boss, spec)
        settings.set_branch(boss, f"Branch {number:03d}")
        signed = staff.authenticate(USER, PASSWORD)
        bundle.export_bundle(signed, out, bundle.parse_kinds(BUNDLE_KINDS), union=True)
    finally:
        close_database()
        remove(db)
    return out
