"""Long work off the GUI thread: a ``QThreadPool`` job with its own database connection.

The models are bound to one peewee ``DatabaseProxy`` whose database is thread-safe: its
connection state is per thread, so a job that calls the service functions in a pool thread
gets a connection of its own (opened on first use with the same pragmas) and never shares
the window's sqlite connection or transaction. Binding the models to a second
``make_database`` object instead would re-bind them for every thread at once, so we do not.
The job closes its thread's connection when it ends.

Jobs never touch widgets: they report through signals, which Qt delivers in the GUI thread.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from readingroom.catalogue_file import close_catalogue

Job = Callable[[Callable[[str], None]], Any]


class WorkerSignals(QObject):
    """What a job tells the window: progress text, its result, or the exception it met."""

    progress = Signal(str)
    finished = Signal(object)
    failed = Signal(object)  # (type, exception, traceback)


class DatabaseJob(QRunnable):
    """Runs ``job(progress)`` in a pool thread on a connection of that thread's own."""

    def __init__(self, job: Job):
        super().__init__()
        self.job = job
        self.signals = WorkerSignals()
        self.setAutoDelete(False)

    def run(self) -> None:  # runs in the pool thread
        try:  # the thread's own connection opens on its first query (peewee autoconnect)
            result = self.job(self.signals.progress.emit)
        except BaseException:  # noqa: BLE001 - every failure goes back to the window
            self.signals.failed.emit(sys.exc_info())
        else:
            self.signals.finished.emit(result)
        finally:
            close_catalogue()


class Jobs(QObject):
    """Starts jobs and keeps them alive until they report (one instance per window)."""

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None):
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self.running: set[DatabaseJob] = set()

    def start(
        self,
        job: Job,
        *,
        finished: Callable[[Any], None],
        failed: Callable[[tuple], None],
        progress: Callable[[str], None] | None = None,
    ) -> DatabaseJob:
        runnable = DatabaseJob(job)
        self.running.add(runnable)
        if progress is not None:
            runnable.signals.progress.connect(progress)
        runnable.signals.finished.connect(finished)
        runnable.signals.failed.connect(failed)
        runnable.signals.finished.connect(lambda _: self.running.discard(runnable))
        runnable.signals.failed.connect(lambda _: self.running.discard(runnable))
        self.pool.start(runnable)
        return runnable

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)
