"""One way for the window to call the services: off the GUI thread, with one error routing.

A :class:`QueryOp` reads and a :class:`CollectionOp` writes (the names are Anki's). Either
runs its service call in the window's calls thread (:class:`Lane`: one thread, calls in the
order started) and calls ``success(result)`` back in the GUI thread, so a database another
program holds locked never freezes the window: the write waits for the lock in that thread
while the window keeps painting. Long work runs in the global ``QThreadPool`` instead
(:meth:`Operation.on`), so it never holds up the desk: a page's reports and letters
(:class:`ui.widgets.job_bar.JobBar`), verifying the audit trail, and the welcome and
recovery dialogs' work before any window exists. A list page's searches
(:class:`ui.models.lazy_table.LazyTableModel`, whose stale reads SQLite interrupts) run in a
lane of the list's own, whose connection stays open while the user types. This is the one
way the window runs work in the background.

The models are bound to one peewee ``DatabaseProxy`` whose database is thread-safe: its
connection state is per thread, so a call in another thread gets a connection of its own
(opened on first use with the same pragmas and busy timeout) and never shares the window's
connection or transaction. A pool job closes its connection when it ends; a lane keeps
its own open while calls follow each other.

What comes back is routed in one place:

- the result to the ``success`` callback;
- a refusal, bad input or a missing permission (:data:`SHOWN_INLINE`) inline, on the page's
  message bar (or the callback given with :meth:`Operation.inline`);
- a locked, damaged or unreadable database, a full disk, and bugs to the dialogs of
  :mod:`ui.errors`.

After a successful write, the window's ``changes_made`` signal is emitted once with the
:class:`Changes` the write declared and the widget that started it; each page reloads only
when the change concerns what it watches (:func:`watched_by`).
"""

from __future__ import annotations

import itertools
import queue
import sys
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QDeadlineTimer,
    QEvent,
    QEventLoop,
    QObject,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QWidget

from readingroom.catalogue_file import close_catalogue
from readingroom.errors import BadInput, NotPermitted, ReadingRoomError, Refused
from ui import errors

T = TypeVar("T")
Progress = Callable[[str], None]
Job = Callable[[Progress], Any]
ExcInfo = tuple[type[BaseException], BaseException, Any]

#: what a page shows inline on its message bar instead of a dialog (NotFound is BadInput)
SHOWN_INLINE = (BadInput, NotPermitted, Refused)


# -- what a write changed ---------------------------------------------------------------------


@dataclass(frozen=True)
class Changes:
    """What a write changed, so each page reloads only when it shows some of it."""

    catalogue: bool = False  # works and copies (a copy's status too)
    borrowers: bool = False
    loans: bool = False
    holds: bool = False
    policy: bool = False
    audit: bool = False
    stocktake: bool = False
    staff: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in _FIELDS})

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in _FIELDS)

    def concerns(self, watched: Changes) -> bool:
        """Whether anything changed here is something ``watched`` shows."""
        return any(getattr(self, f.name) and getattr(watched, f.name) for f in _FIELDS)

    @classmethod
    def everything(cls) -> Changes:
        return cls(**{f.name: True for f in _FIELDS})

    @classmethod
    def named(cls, what: str) -> Changes:
        """The changes the pages' old one-word notes meant ("loan", "hold", ...); an
        unknown or empty word means anything may have changed."""
        return _NAMED.get(what, cls.everything())


_FIELDS = fields(Changes)
#: a lend, a return or a renewal: the loan, the copy's status, a hold it fulfils or sets
#: the copy aside for, the borrower's loans, and the audit trail
CIRCULATION = Changes(catalogue=True, borrowers=True, loans=True, holds=True, audit=True)
_NAMED = {
    "loan": CIRCULATION,
    "hold": Changes(catalogue=True, holds=True, audit=True),
    "work": Changes(catalogue=True, audit=True),
    "copy": Changes(catalogue=True, audit=True),
    "borrower": Changes(borrowers=True, audit=True),
    "policy": Changes(policy=True, audit=True),
    "stocktake": Changes(stocktake=True, catalogue=True, audit=True),
    "inspection": Changes(policy=True, catalogue=True, audit=True),  # the lending freeze
    "reminder": Changes(loans=True, audit=True),
    "staff": Changes(staff=True, audit=True),
}


def watched_by(page: QObject) -> Changes:
    """What ``page`` shows (its ``watches`` attribute); a page that does not say watches
    everything, so it reloads after any write as before."""
    watches = getattr(page, "watches", None)
    return watches if isinstance(watches, Changes) else Changes.everything()


# -- the pool thread ---------------------------------------------------------------------------


class WorkerSignals(QObject):
    """What a job tells the window: progress text, its result, or the exception it met."""

    progress = Signal(str)
    finished = Signal(object)
    failed = Signal(object)  # (type, exception, traceback)


class DatabaseJob:
    """Runs ``job(progress)`` in a worker thread on a connection of that thread's own, closed
    afterwards (unless ``close_after`` is False: the lane closes its own when idle)."""

    def __init__(self, job: Job, *, close_after: bool = True):
        self.job = job
        self.close_after = close_after
        self.signals = WorkerSignals()

    def run(self) -> None:  # runs in the worker thread
        try:  # the thread's own connection opens on its first query (peewee autoconnect)
            result = self.job(self.signals.progress.emit)
        except BaseException:  # noqa: BLE001 - every failure goes back to the window
            self.signals.failed.emit(sys.exc_info())
        else:
            self.signals.finished.emit(result)
        finally:
            if self.close_after:
                close_catalogue()


class _Keeper(QObject):
    """Holds every job started until its worker thread is done with it, and lets it go in
    the GUI thread: a job's signals are a QObject of the GUI thread, and a QObject freed by
    another thread while the GUI thread delivers its signals crashes the window. The worker
    drops its own reference first, then says so by number (never by the job itself)."""

    ran = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.held: dict[int, DatabaseJob] = {}
        self.numbers = itertools.count(1)
        self.ran.connect(self._let_go)  # queued: a slot of this GUI-thread object

    def hold(self, runnable: DatabaseJob) -> int:
        number = next(self.numbers)
        self.held[number] = runnable
        return number

    @Slot(int)
    def _let_go(self, number: int) -> None:
        self.held.pop(number, None)

    def retire(self, relay: QObject) -> None:
        """Delete a finished operation's relay (and the slots it parents) a moment later,
        held by the keeper meanwhile (so the page closing first changes nothing). Deleted
        at once, right after its last delivery, a relay crashed the window's tests with
        ``malloc_consolidate(): unaligned fastbin chunk detected`` or a segfault in
        ``QObject::~QObject`` in about one run in three of an operation that failed in a
        worker (docs/RELIABILITY.md); a moment later, in none of 28."""
        relay.setParent(self)
        QTimer.singleShot(RELAY_GRACE_MS, relay.deleteLater)

    def run(self, number: int) -> None:  # a worker thread
        job = self.held[number]
        try:
            job.run()
        finally:
            del job
            self.ran.emit(number)


_keeper: _Keeper | None = None
#: milliseconds a finished operation's relay lives on before it is deleted (see
#: :meth:`_Keeper.retire`)
RELAY_GRACE_MS = 1500


def keeper() -> _Keeper:
    """The jobs' keeper (made on first use, in the GUI thread, and kept for good)."""
    global _keeper
    if _keeper is None:
        _keeper = _Keeper()
    return _keeper


class Lane(QObject):
    """One thread for the window's service calls, run in the order they were started (as
    Anki runs its collection operations). Its connection stays open while calls follow each
    other (opening an encrypted catalogue derives the key: a tenth of a second or more per
    scan) and is closed once the lane has been idle for ``idle_ms``, or by :meth:`release`
    when the window closes.

    A Python thread, not a ``QThreadPool`` one: Python gives a pool thread a new thread
    state (so new thread-local data, so a new peewee connection) for every job it runs.

    The window's calls share one lane (:func:`lane`); each list model's searches have a lane
    of their own (:class:`ui.models.lazy_table.LazyTableModel`), so a search never waits
    behind the desk's calls and finds SQLite's page cache warm from the key before.
    """

    def __init__(self, name: str = "readingroom-calls", idle_ms: int | None = None) -> None:
        super().__init__()
        self.jobs: queue.SimpleQueue[int | threading.Event | None] = queue.SimpleQueue()
        self.queued = 0
        self.stopped = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(IDLE_CLOSE_MS if idle_ms is None else idle_ms)
        self.timer.timeout.connect(self._close_when_idle)
        # the thread holds the queue, not the lane: the lane is let go in the GUI thread
        self.worker = threading.Thread(target=_work, args=(self.jobs,), name=name, daemon=True)
        self.worker.start()
        _lanes.add(self)
        # a lane let go without stop() still ends its thread, closing its connection
        weakref.finalize(self, self.jobs.put, None)

    def start(self, runnable: DatabaseJob) -> None:
        self.timer.stop()
        self.queued += 1
        runnable.close_after = False
        runnable.signals.finished.connect(self._one_done)
        runnable.signals.failed.connect(self._one_done)
        self.jobs.put(keeper().hold(runnable))

    @Slot(object)
    def _one_done(self, _value: object = None) -> None:
        self.queued -= 1
        if not self.queued and not self.stopped:
            self.timer.start()

    def _close_when_idle(self) -> None:
        if not self.queued and not self.stopped:
            self.jobs.put(threading.Event())

    def release(self, seconds: float = 30.0) -> bool:
        """Wait for the calls started, then close the lane's connection."""
        self.timer.stop()
        if self.stopped:
            return True
        closed = threading.Event()
        self.jobs.put(closed)
        return closed.wait(seconds)

    @Slot()
    def stop(self) -> None:
        """After the calls started: close the lane's connection and end its thread (its
        owner is going; nothing waits for it)."""
        self.timer.stop()
        if not self.stopped:
            self.stopped = True
            self.jobs.put(None)


def _work(jobs: queue.SimpleQueue[int | threading.Event | None]) -> None:  # a lane's thread
    while True:
        item = jobs.get()
        if item is None or isinstance(item, threading.Event):
            close_catalogue()  # this thread's connection
            if item is None:
                return
            item.set()
        else:
            keeper().run(item)


#: milliseconds the lane keeps its connection open after its last call
IDLE_CLOSE_MS = 2000
_lane: Lane | None = None
#: every lane not yet stopped (the window's and the list models'), for :func:`release`
_lanes: weakref.WeakSet[Lane] = weakref.WeakSet()


def lane() -> Lane:
    """The window's lane (made on first use, in the GUI thread)."""
    global _lane
    if _lane is None:
        _lane = Lane()
    return _lane


def release() -> None:
    """Close the lanes' connections (the window is closing, or the catalogue with it)."""
    for each in list(_lanes):
        each.release()


# -- operations --------------------------------------------------------------------------------

_running: set[Operation[Any]] = set()
#: writes whose end the main window still waits to hear (:meth:`CollectionOp._watch`)
_listening: set[_Listener] = set()


def running() -> int:
    """How many operations have started and not yet reported back."""
    return len(_running)


def settle(timeout_ms: int = 30_000) -> bool:
    """Turn the event loop until every operation has reported back (screenshots, tests);
    False if some are still running after ``timeout_ms``."""
    deadline = QDeadlineTimer(timeout_ms)
    while (_running or _still_listening()) and not deadline.hasExpired():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    # and the relays of the operations that reported are deleted now, as the event loop
    # deletes them when control returns to it: processEvents never does, so in a test they
    # piled up until the page was closed and deleted, and deleting them then crashed now
    # and then (a deferred delete delivered to a relay already gone with its page)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return not (_running or _still_listening())


def _still_listening() -> bool:
    """Whether a main window still waits to hear of a write (one closed meanwhile does not)."""
    _listening.difference_update([each for each in _listening if not shiboken6.isValid(each)])
    return bool(_listening)


class _Relay(QObject):
    """Receives the job's signals in the GUI thread; a child of the widget that started the
    operation, so nothing is delivered to a page that was closed meanwhile."""


class Operation(Generic[T]):
    """A service call for ``parent``: configure with the chained methods, then :meth:`run`.

    ``job`` takes a progress callback (a text for the page's busy bar) and returns the
    result for ``success``; it runs in the lane (or a pool thread) and must never touch a
    widget.
    """

    changes: Changes | None = None

    def __init__(self, parent: QObject, job: Callable[[Progress], T]):
        self.parent = parent
        self.job = job
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[BaseException], bool] | None = None
        self._inline: Callable[[ReadingRoomError], None] | None = None
        self._progress: Progress | None = None
        self._finally: list[Callable[[], None]] = []
        self._disabled: list[QObject] = []
        self._relay: _Relay | None = None
        self._runnable: DatabaseJob | None = None  # kept alive until it reports
        self.pool: QThreadPool | Lane | None = None  # None: the window's lane

    # -- configuring ----------------------------------------------------------------------
    def success(self, callback: Callable[[T], None]) -> Operation[T]:
        """``callback(result)`` in the GUI thread after the call succeeded."""
        self._success = callback
        return self

    def failure(self, callback: Callable[[BaseException], bool]) -> Operation[T]:
        """``callback(error)`` first when the call failed; True means it was handled there."""
        self._failure = callback
        return self

    def inline(self, callback: Callable[[ReadingRoomError], None]) -> Operation[T]:
        """Where refusals and bad input are shown (default: the page's ``message`` bar)."""
        self._inline = callback
        return self

    def progress(self, callback: Progress) -> Operation[T]:
        self._progress = callback
        return self

    def finally_(self, callback: Callable[[], None]) -> Operation[T]:
        """``callback()`` after the success or failure handling, whatever happened (each
        callback given, in the order given)."""
        self._finally.append(callback)
        return self

    def disabling(self, *widgets: QObject) -> Operation[T]:
        """Widgets or actions that are off while the call runs (no second click starts a
        second write); each is turned on again afterwards."""
        self._disabled = [w for w in widgets if w.isEnabled()]  # type: ignore[attr-defined]
        return self

    def on(self, pool: QThreadPool | Lane) -> Operation[T]:
        """Run in ``pool`` instead of the window's lane (long work that must not hold up the
        desk), or in another lane (a list model's searches)."""
        self.pool = pool
        return self

    # -- running --------------------------------------------------------------------------
    def run(self) -> DatabaseJob:
        """Start the call in the lane (or the pool given); the callbacks come later, in this
        thread."""
        for widget in self._disabled:
            widget.setEnabled(False)  # type: ignore[attr-defined]
        runnable = self._runnable = DatabaseJob(self.job)
        relay = self._relay = _Relay(self.parent)
        relay.destroyed.connect(lambda _=None: _running.discard(self))
        if self._progress is not None:
            runnable.signals.progress.connect(self._progress_in(relay))
        runnable.signals.finished.connect(self._slot(relay, self._succeeded))
        runnable.signals.failed.connect(self._slot(relay, self._failed))
        _running.add(self)
        self._watch(runnable)
        if self.pool is None or isinstance(self.pool, Lane):
            (self.pool or lane()).start(runnable)
        else:
            number = keeper().hold(runnable)
            self.pool.start(lambda: keeper().run(number))
        return runnable

    def _slot(self, relay: _Relay, method: Callable[[Any], None]) -> Callable[[Any], None]:
        """A slot of ``relay`` (so it runs in the GUI thread and dies with the page)."""

        def deliver(value: Any) -> None:
            self._enable_again()  # before the callbacks, which may decide otherwise
            try:
                method(value)
            finally:
                self._end()

        return _bound(relay, deliver)

    def _watch(self, runnable: DatabaseJob) -> None:
        """Before the job starts: anything else that must hear of its end."""

    def _progress_in(self, relay: _Relay) -> Callable[[str], None]:
        assert self._progress is not None
        return _bound(relay, self._progress)

    def _succeeded(self, result: T) -> None:
        if self._success is not None:
            self._success(result)
        self._announce()

    def _announce(self) -> None:
        """After a write, tell the window once what changed."""

    def _failed(self, info: ExcInfo) -> None:
        error = info[1]
        if self._failure is not None and self._failure(error):
            return
        widget = _widget_of(self.parent)
        if isinstance(error, SHOWN_INLINE):
            show = self._inline or (_message_bar_of(widget) if widget is not None else None)
            if show is not None:
                show(error)
                return
        errors.handle_exception(*info, parent=widget.window() if widget is not None else None)

    def _enable_again(self) -> None:
        for widget in self._disabled:
            try:
                widget.setEnabled(True)  # type: ignore[attr-defined]
            except RuntimeError:  # deleted meanwhile
                pass

    def _end(self) -> None:
        try:
            for callback in self._finally:
                callback()
        finally:
            _running.discard(self)
            self._runnable = None
            if self._relay is not None:
                keeper().retire(self._relay)
                self._relay = None


class QueryOp(Operation[T]):
    """A read: ``QueryOp(page, lambda: service.read(...)).success(show).run()``."""

    def __init__(self, parent: QObject, work: Callable[[], T]):
        super().__init__(parent, lambda _progress: work())


class CollectionOp(Operation[T]):
    """A write that declares what it changes; the window hears of it after ``success``.

    The window hears of it whatever becomes of the widget that started it: a dialog closed
    (Cancel, Esc) while its save runs gets no ``success``, but the write happened, so the
    window is told all the same, with no origin (so the page that opened the dialog, which
    never heard ``saved``, reads again too)."""

    def __init__(self, parent: QWidget, work: Callable[[], T], changes: Changes):
        super().__init__(parent, lambda _progress: work())
        self.changes = changes
        self._announced = False

    def _announce(self) -> None:
        self._announced = True
        widget = _widget_of(self.parent)
        if widget is not None:
            announce(widget, self.changes or Changes())

    def _watch(self, runnable: DatabaseJob) -> None:
        widget = _widget_of(self.parent)
        window = _main_window_of(widget) if widget is not None else None
        if window is None or not self.changes:
            return
        changes = self.changes

        def heard(_result: object) -> None:  # after the relay's slot, if it is still there
            if not self._announced:
                self._announced = True
                window.changes_made.emit(changes, None)  # type: ignore[attr-defined]

        listener = _Listener(window, heard)
        runnable.signals.finished.connect(listener.heard)
        runnable.signals.failed.connect(listener.dropped)


class _Listener(QObject):
    """Hears the end of a write in the GUI thread, in the main window (so whatever becomes
    of the dialog that started it), once, then lets itself go."""

    def __init__(self, parent: QObject, callback: Callable[[Any], None]):
        super().__init__(parent)
        self.callback = callback
        _listening.add(self)

    @Slot(object)
    def heard(self, value: Any) -> None:
        try:
            self.callback(value)
        finally:
            self.dropped(None)

    @Slot(object)
    def dropped(self, _info: Any) -> None:
        _listening.discard(self)
        self.deleteLater()


def announce(origin: QWidget, changes: Changes) -> None:
    """Emit the window's ``changes_made(changes, origin)`` (nothing outside a main window);
    from a dialog, the window it belongs to."""
    window = _main_window_of(origin)
    if window is not None and changes:
        window.changes_made.emit(changes, origin)  # type: ignore[attr-defined]


def _main_window_of(origin: QWidget) -> QWidget | None:
    """The window with a ``changes_made`` signal that ``origin`` (or its dialog) is in."""
    window: QWidget | None = origin.window()
    while window is not None and not hasattr(window, "changes_made"):
        parent = window.parentWidget()
        window = parent.window() if parent is not None else None
    return window


def _widget_of(start: QObject) -> QWidget | None:
    """``start`` if it is a widget, else its nearest widget ancestor (a model's page)."""
    item: QObject | None = start
    while item is not None and not isinstance(item, QWidget):
        item = item.parent()
    return item


def _message_bar_of(start: QWidget) -> Callable[[ReadingRoomError], None] | None:
    """The ``message`` bar of ``start`` or of the first ancestor that has one."""
    widget: QWidget | None = start
    while widget is not None:
        bar = getattr(widget, "message", None)
        show = getattr(bar, "show_error", None)
        if callable(show):
            return show
        widget = widget.parentWidget()
    return None


class _Slot(QObject):
    """One callback as a slot of a QObject living in the GUI thread."""

    def __init__(self, parent: QObject, callback: Callable[[Any], None]):
        super().__init__(parent)
        self.callback = callback

    # a declared slot: PySide6 delivers a signal emitted in another thread safely only to
    # one (PYSIDE-3124, intermittent heap corruption otherwise)
    @Slot(object)
    def call(self, value: Any) -> None:
        self.callback(value)


def _bound(relay: QObject, callback: Callable[[Any], None]) -> Callable[[Any], None]:
    """``callback`` as a bound slot of a child of ``relay``: Qt queues the call into the GUI
    thread and drops it if ``relay`` is gone."""
    return _Slot(relay, callback).call
