"""Long work off the GUI thread, for the dialogs that run before a window has pages.

The pool thread, its own database connection and the error routing live in
:mod:`ui.operations`; :class:`Jobs` is the bare form of it for a caller that routes the
result and the failure itself (the welcome and recovery dialogs). Pages use
:class:`ui.operations.QueryOp` and :class:`~ui.operations.CollectionOp`, or
:class:`ui.widgets.job_bar.JobBar` for long work with a busy bar.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool

from ui.operations import DatabaseJob, Job, WorkerSignals

__all__ = ["DatabaseJob", "Job", "Jobs", "WorkerSignals"]


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
