"""Figures taken in a child process of their own: the window, its memory, its start.

``python -m bench.probe NAME ARGS...`` runs one probe and prints one JSON object. Each
runs offscreen with its own settings folder, so the user's window settings are never
read or changed, and its memory and start-up time are its own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

PROBE_TIMEOUT = 1800


def run_probe(name: str, *args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run a probe in a child process; its JSON answer, or ``{"error": ...}``."""
    with tempfile.TemporaryDirectory(prefix="rr-bench-") as home:
        child_env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": home,
            "XDG_DATA_HOME": home,
            "HOME": home,
            **(env or {}),
        }
        root = Path(__file__).resolve().parent.parent
        try:
            done = subprocess.run(
                [sys.executable, "-m", "bench.probe", name, *args],
                cwd=root,
                env=child_env,
                capture_output=True,
                text=True,
                timeout=PROBE_TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            return {"error": f"the {name} probe took longer than {PROBE_TIMEOUT} s"}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        return {"error": f"the {name} probe failed: " + " | ".join(tail)}
    return json.loads(lines[-1])


# -- the probes (each runs in the child) ----------------------------------------------------


def inventory(db: str, out: str) -> dict[str, Any]:
    import resource

    from readingroom import reports
    from readingroom.reports import inventory as inventory_report
    from readingroom.store.db import database, open_database

    open_database(db)
    before = _peak_mb(resource)
    started = time.perf_counter()
    written = reports.write("inventory", "csv", out)
    took = time.perf_counter() - started
    growth = _peak_mb(resource) - before
    started = time.perf_counter()
    rows = sum(1 for _ in database.execute_sql(inventory_report._ROWS))
    anchor = time.perf_counter() - started
    return {
        "seconds": took,
        "anchor_seconds": anchor,
        "rows": rows,
        "growth_mb": growth,
        "megabytes": Path(out).stat().st_size / 1e6,
        "rows_written": written.rows,
    }


def _peak_mb(resource) -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def qsqlquerymodel(db: str, sql: str) -> dict[str, Any]:
    """The anchor: Qt's own QSqlQueryModel over the catalogue's join, sorted by title."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtSql import QSqlDatabase, QSqlQuery, QSqlQueryModel

    app = QCoreApplication.instance() or QCoreApplication([])
    connection = QSqlDatabase.addDatabase("QSQLITE", "bench")
    connection.setDatabaseName(db)
    connection.setConnectOptions("QSQLITE_OPEN_READONLY")
    if not connection.open():
        return {"error": connection.lastError().text()}
    runs = []
    for _ in range(3):
        model = QSqlQueryModel()
        started = time.perf_counter()
        model.setQuery(QSqlQuery(sql, connection))
        first = [model.data(model.index(row, 1)) for row in range(min(model.rowCount(), 50))]
        runs.append((time.perf_counter() - started) * 1000)
        error = model.lastError().text()
        model.clear()
        del model
    connection.close()
    del connection
    QSqlDatabase.removeDatabase("bench")
    app.processEvents()
    return (
        {"runs_ms": runs, "first_title": first[0] if first else None, "error": error}
        if error
        else {"runs_ms": runs, "first_title": first[0] if first else None}
    )


def _window(db: str, user: str, password: str, last_page: str = "desk"):
    """Sign in as the app does and open the main window; returns (app, window, started):
    the clock starts when Sign in is pressed (the password check is part of it)."""
    from readingroom import staff
    from readingroom.store.db import open_database
    from ui.app import application, open_window, settle_for_work
    from ui.settings import AppSettings

    app = application()
    settings = AppSettings.open()
    settings.last_page = last_page
    open_database(db)
    started = time.perf_counter()
    actor = staff.authenticate(user, password)
    staff.record_sign_in(actor)
    window = open_window(Path(db), actor, settings)
    settle_for_work()  # as the app does once its window is open
    _idle(app)
    return app, window, started


def _idle(app) -> None:
    """Return once the event loop has handled everything pending (the window responds)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(0, loop.quit)
    loop.exec()
    app.processEvents()


def _wait_for(signal, app, timeout_ms: int = 120_000) -> bool:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    waiter = _waiter_class()(loop)
    # a declared slot of a QObject: connecting a plain Python function took ~0.5 ms on the
    # window thread (PySide makes a receiver for it), charged to the keystroke measured
    signal.connect(waiter.heard)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(timeout_ms)
    loop.exec()
    # the probe's own listener goes with the wait: left connected, every later emission
    # called every earlier wait's listener, charged to the keystrokes measured
    signal.disconnect(waiter.heard)
    timer.stop()
    return waiter.fired


@cache
def _waiter_class() -> type:
    """A QObject whose slot ends a wait (made once: Qt is imported only in the probes)."""
    from PySide6.QtCore import QEventLoop, QObject, Slot

    class Waiter(QObject):
        def __init__(self, loop: QEventLoop) -> None:
            super().__init__()
            self.loop = loop
            self.fired = False

        @Slot()
        def heard(self) -> None:
            self.fired = True
            self.loop.quit()

    return Waiter


def startup(db: str, user: str, password: str, last_page: str) -> dict[str, Any]:
    """From pressing Sign in to a window that answers; then until its first page is filled."""
    from PySide6.QtCore import QThreadPool

    app, window, started = _window(db, user, password, last_page)
    to_idle = time.perf_counter() - started
    QThreadPool.globalInstance().waitForDone(120_000)
    _idle(app)
    window.grab()
    loaded = time.perf_counter() - started
    page = window.current_page()
    page_name = type(page).__name__ if page is not None else None
    return {"interactive_s": to_idle, "filled_s": loaded, "page": page_name}


def catalogue(db: str, user: str, password: str, typed_json: str) -> dict[str, Any]:
    """The catalogue page: first screen after each sort, typing in search, scrolling."""
    import psutil

    from readingroom.browse.works import WorkFilter

    app, window, _ = _window(db, user, password, "catalogue")
    window.resize(1280, 800)
    page = window.show_page("catalogue")
    model, view = page.model, page.table
    if model.loading:
        _wait_for(model.loaded, app)
    _idle(app)
    view.viewport().repaint()
    frames = _Frames(view.viewport(), model)
    sorts = _sort_timings(app, model, view, frames)
    typed = json.loads(typed_json)
    typing, typing_cpu = _typing_timings(app, model, view, frames, typed, WorkFilter)
    model.set_filter(WorkFilter())
    if model.loading:
        _wait_for(model.loaded, app)
    process = psutil.Process()
    scroll = _scroll(app, view, process)
    return {
        "rows": model.rowCount(),
        "sorts_ms": sorts,
        "typing_ms": typing,
        "typing_cpu_ms": typing_cpu,
        "typing_own_paints": frames.own,
        **scroll,
    }


class _Frames:
    """Whether the table's viewport has painted since the model last said ``loaded``: Qt
    often paints the new rows itself in the same turn of the event loop that delivers the
    answer (the update the reset asked for), before the wait for ``loaded`` returns."""

    def __init__(self, viewport, model) -> None:
        from PySide6.QtCore import QEvent, QObject

        frames = self

        class Watch(QObject):
            def eventFilter(self, _watched, event) -> bool:  # noqa: N802 - Qt API
                if event.type() == QEvent.Type.Paint:
                    frames.painted = True
                return False

        self.painted = False
        #: changes whose new rows Qt painted itself (the rest were painted by the probe)
        self.own = 0
        self._watch = Watch()
        viewport.installEventFilter(self._watch)
        model.loaded.connect(self._loaded)

    def _loaded(self) -> None:
        self.painted = False


def _timed_reload(app, model, view, change: Callable[[], None], frames: _Frames) -> float:
    """From ``change`` until the table has painted its new rows once: Qt's own paint when
    it came while the probe waited for the answer, else the probe's ``repaint()`` (until
    2026-12-07 the probe repainted every time, so about a third of the keystrokes were
    charged two paints of the same rows)."""
    started = time.perf_counter()
    change()
    frames.painted = False
    if model.loading:
        _wait_for(model.loaded, app)
    if frames.painted:
        frames.own += 1
    else:
        view.viewport().repaint()
    return (time.perf_counter() - started) * 1000


def _sort_timings(app, model, view, frames: _Frames) -> dict[str, float]:
    from PySide6.QtCore import Qt

    timings: dict[str, float] = {}
    order = [(c, d) for c, column in enumerate(model.columns) if column.sort for d in (False, True)]
    # the page starts sorted by its first column A-Z: begin with Z-A, end back at A-Z
    for column, descending in order[1:] + order[:1]:
        qt_order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        name = model.columns[column].sort + (" desc" if descending else "")
        timings[name] = _timed_reload(
            app, model, view, lambda c=column, o=qt_order: view.sortByColumn(c, o), frames
        )
    return timings


def _typing_timings(
    app, model, view, frames: _Frames, typed: list[str], work_filter
) -> tuple[list[float], list[float]]:
    """Each keystroke's wall time and the process's CPU time over it (all threads), in ms."""
    walls, cpus = [], []
    for text in typed:
        cpu = time.process_time()
        walls.append(
            _timed_reload(
                app, model, view, lambda t=text: model.set_filter(work_filter(text=t)), frames
            )
        )
        cpus.append((time.process_time() - cpu) * 1000)
    return walls, cpus


def _scroll(app, view, process) -> dict[str, Any]:
    """Scroll the table from top to bottom a screen at a time, sampling the memory."""
    bar = view.verticalScrollBar()
    before = process.memory_info().rss / 2**20
    peak, steps = before, 0
    page = max(1, bar.pageStep())
    stride = max(page, (bar.maximum() - bar.minimum()) // 4000)
    started = time.perf_counter()
    value = bar.minimum()
    while True:
        bar.setValue(value)
        view.viewport().repaint()
        steps += 1
        if steps % 25 == 0:
            app.processEvents()
            peak = max(peak, process.memory_info().rss / 2**20)
        if value >= bar.maximum():
            break
        value = min(bar.maximum(), value + stride)
    peak = max(peak, process.memory_info().rss / 2**20)
    return {
        "rss_before_mb": before,
        "rss_peak_mb": peak,
        "scroll_steps": steps,
        "scroll_stride_px": stride,
        "scroll_s": time.perf_counter() - started,
        "last_row_shown": view.rowAt(view.viewport().height() - 2),
    }


PROBES: dict[str, Callable[..., dict[str, Any]]] = {
    "inventory": inventory,
    "qsqlquerymodel": qsqlquerymodel,
    "startup": startup,
    "catalogue": catalogue,
}


def main(argv: list[str]) -> int:
    name, *args = argv
    try:
        answer = PROBES[name](*args)
    except Exception as exc:  # noqa: BLE001 - the parent reports it as not measurable
        answer = {"error": f"{type(exc).__name__}: {exc}"}
    print(json.dumps(answer, ensure_ascii=False, default=str), flush=True)
    sys.stdout.flush()
    os._exit(0)  # skip Qt's teardown: a measurement is over, not an application


if __name__ == "__main__":
    main(sys.argv[1:])
