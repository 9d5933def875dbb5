"""Python's cycle collector, run by the window thread only.

CPython runs its cycle collector in whichever thread happens to allocate when a generation
fills up, and the window's lanes (:mod:`ui.operations`) allocate a great deal. A cycle that
holds a Qt object (a page's lambda connected to its own signal, a dialog and its slots) is
then freed in that thread, and a QObject deleted outside the thread it lives in corrupts Qt's
heap: the tests saw ``malloc_consolidate(): unaligned fastbin chunk detected`` and a crash in
the window thread seconds later. The known workaround (Kovid Goyal's on the PyQt list; Anki
and calibre run it): switch the automatic collector off and collect from a timer in the
window thread, generation by generation, as the automatic collector would have.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: how often the window thread looks at the collector's counts (ms)
INTERVAL_MS = 500


class WindowThreadCollector(QObject):
    """Collects cycles in the window thread only (the automatic collector is off while it
    lives; :meth:`stop` puts it back as it was)."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self.was_enabled = gc.isenabled()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> int:
        """Collect each generation whose count passed its threshold; how many objects were
        found unreachable."""
        counts = gc.get_count()
        found = 0
        for generation in range(3):
            if counts[generation] <= self.threshold[generation]:
                break
            found += gc.collect(generation)
        return found

    def stop(self) -> None:
        self.timer.stop()
        if self.was_enabled:
            gc.enable()


_collector: WindowThreadCollector | None = None


def collect_in_the_window_thread(app: QObject) -> WindowThreadCollector:
    """The collector for ``app`` (made once, a child of the application)."""
    global _collector
    if _collector is None:
        _collector = WindowThreadCollector(app)
    return _collector
