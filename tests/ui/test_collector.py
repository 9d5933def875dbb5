"""The cycle collector runs in the window thread only: a lane's thread that allocates
never frees a cycle holding a Qt object (see ui.collector)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject

from ui.collector import WindowThreadCollector


class Holder(QObject):
    """A QObject in a reference cycle (as a page with a lambda on its own signal is)."""

    def __init__(self) -> None:
        super().__init__()
        self.me = self
        self.freed_in: list[str] = []
        self.destroyed.connect(lambda *_: None)


def test_a_cycle_with_a_qt_object_is_freed_in_the_window_thread(qtbot):
    before = gc.isenabled()
    collector = WindowThreadCollector(interval_ms=10)
    try:
        assert not gc.isenabled()
        freed_in: list[str] = []

        class Tracked(Holder):
            def __del__(self) -> None:
                freed_in.append(threading.current_thread().name)

        Tracked()  # unreachable at once, but a cycle: only a collection frees it

        def allocate() -> None:  # a lane's work: enough garbage to fill generation 0 often
            for _ in range(50_000):
                garbage = [[], {}]
                garbage.append(garbage)

        worker = threading.Thread(target=allocate, name="a-lane")
        worker.start()
        worker.join()
        assert freed_in == []  # the busy thread collected nothing
        qtbot.waitUntil(lambda: bool(freed_in), timeout=5000)
        assert freed_in == [threading.current_thread().name]
    finally:
        collector.stop()
    assert gc.isenabled() == before
