"""A page's long work in a pool thread, with a busy bar while it runs.

:class:`JobBar` runs a job as a :class:`ui.operations.Operation` (its own database
connection in the pool thread) and shows what it is doing with an indeterminate progress
bar. What comes back is routed as every operation's is: the result to the page's callback;
a refusal, bad input or a missing permission inline on the page's
:class:`~ui.widgets.message_bar.MessageBar`; a locked or damaged database and bugs to the
window's dialogs (:mod:`ui.errors`). The job never touches a widget: it returns a value, and
the callbacks run in the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from ui.operations import Job, Operation
from ui.widgets.message_bar import MessageBar


class JobBar(QWidget):
    """Hidden when idle; ``finished`` is emitted after each job's callback has run."""

    finished = Signal()

    def __init__(self, message: MessageBar, parent: QWidget | None = None):
        super().__init__(parent)
        self.message = message
        self._running = 0
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(220)
        self.bar.setAccessibleName(self.tr("Working"))
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addStretch(1)
        self.hide()

    @property
    def running(self) -> bool:
        return self._running > 0

    def start(self, what: str, job: Job, done: Callable[[Any], None]) -> None:
        """Run ``job(progress)`` in a pool thread; ``done(result)`` afterwards in this one."""
        self._running += 1
        self.label.setText(what)
        self.message.clear()
        self.show()
        (
            Operation(self, job)
            .on(QThreadPool.globalInstance())  # long work: the desk's calls go on meanwhile
            .progress(self.label.setText)
            .success(done)
            .inline(self.message.show_error)
            .finally_(self._stop)
            .run()
        )

    def _stop(self) -> None:
        self._running -= 1
        if not self._running:
            self.hide()
        self.finished.emit()
