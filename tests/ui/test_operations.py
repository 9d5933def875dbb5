"""The one runner for the window's service calls (ui/operations): off the GUI thread, one
routing of what comes back, and typed changes that only the pages they concern hear."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout

from readingroom.errors import BadInput, DatabaseLocked, NotFound
from ui import errors, operations
from ui.operations import CIRCULATION, Changes, CollectionOp, QueryOp
from ui.pages.base import Page
from ui.widgets.job_bar import JobBar
from ui.widgets.message_bar import MessageBar


class PolicyProbe(Page):
    """A page that shows only the lending policy, counting how often it reads again."""

    page_id = "probe"
    watches = Changes(policy=True)

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self.refreshed = 0
        self.message = MessageBar(self)
        self.button = QPushButton("Go", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.button)

    def refresh(self) -> None:
        self.refreshed += 1


def probe_window(make_window) -> tuple[object, PolicyProbe]:
    window = make_window("librarian", pages=[PolicyProbe])
    page = window.show_page("probe")
    assert isinstance(page, PolicyProbe)
    page.refreshed = 0
    return window, page


def test_changes_combine_and_say_whom_they_concern():
    assert not Changes() and Changes(loans=True)
    assert (Changes(loans=True) | Changes(policy=True)) == Changes(loans=True, policy=True)
    assert CIRCULATION.concerns(Changes(loans=True))
    assert not CIRCULATION.concerns(Changes(policy=True, staff=True))
    assert Changes.named("policy") == Changes(policy=True, audit=True)
    assert Changes.named("") == Changes.everything() == Changes.named("something new")
    assert operations.watched_by(object()) == Changes.everything()  # a page that does not say


def test_a_page_reloads_only_for_changes_it_watches(qtbot, make_window):
    window, page = probe_window(make_window)
    window.changes_made.emit(CIRCULATION, None)
    assert page.refreshed == 0
    window.changes_made.emit(Changes(policy=True), None)
    assert page.refreshed == 1
    window.changes_made.emit(Changes.named("policy"), None)
    assert page.refreshed == 2
    window.changes_made.emit(Changes(policy=True), page.button)  # its own change: shown already
    assert page.refreshed == 2


def test_a_query_runs_in_a_pool_thread_and_answers_in_this_one(qtbot, make_window):
    _window, page = probe_window(make_window)
    seen: dict[str, int] = {}

    def read() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    def show(value: int) -> None:
        seen["value"], seen["shown"] = value, threading.get_ident()

    QueryOp(page, read).success(show).run()
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen["value"] == 42 and seen["shown"] == threading.get_ident() != seen["worker"]
    assert operations.settle(1000) and operations.running() == 0


def test_refusals_go_inline_and_environment_problems_to_the_dialog(qtbot, make_window, monkeypatch):
    window, page = probe_window(make_window)
    dialogs: list[BaseException] = []
    monkeypatch.setattr(errors, "show_environment_problem", lambda _p, e: dialogs.append(e))
    heard: list[Changes] = []
    window.changes_made.connect(lambda changes, _origin: heard.append(changes))

    def refuse() -> None:
        raise BadInput("Not today.")

    CollectionOp(page, refuse, CIRCULATION).run()
    qtbot.waitUntil(lambda: page.message.isVisibleTo(page))
    assert "Not today." in page.message.text() and dialogs == []

    def locked() -> None:
        raise DatabaseLocked("Another program is using the catalogue.")

    op = CollectionOp(page, locked, CIRCULATION).disabling(page.button)
    op.run()
    assert not page.button.isEnabled()  # no second click while it runs
    qtbot.waitUntil(lambda: bool(dialogs))
    assert isinstance(dialogs[0], DatabaseLocked) and page.button.isEnabled()
    assert heard == []  # nothing changed

    CollectionOp(page, lambda: "done", Changes(policy=True)).run()
    qtbot.waitUntil(lambda: bool(heard))
    assert operations.settle(1000)
    assert heard == [Changes(policy=True)]
    assert page.refreshed == 0  # the page that made the change is not read again


def test_the_job_bar_shows_while_a_job_runs_and_reports_inline(qtbot, make_window):
    _window, page = probe_window(make_window)
    bar = JobBar(page.message, page)
    results: list[object] = []

    def job(progress):
        progress("halfway")
        return "report"

    with qtbot.waitSignal(bar.finished, timeout=5000):
        bar.start("Working on it", job, results.append)
        assert bar.running and bar.isVisibleTo(page)
    assert results == ["report"] and bar.label.text() == "halfway"
    assert not bar.running and not bar.isVisibleTo(page)

    def missing(_progress):
        raise NotFound("No such report.")

    with qtbot.waitSignal(bar.finished, timeout=5000):
        bar.start("Looking", missing, results.append)
    assert "No such report." in page.message.text() and results == ["report"]


def test_the_lane_keeps_its_connection_between_calls_and_closes_it_when_released(
    qtbot, make_window
):
    from readingroom.store.db import database

    _window, page = probe_window(make_window)
    connections: list[object] = []

    def connection() -> object:
        return database.connection()

    for _ in range(2):
        QueryOp(page, connection).success(connections.append).run()
    assert operations.settle(5000) and len(connections) == 2
    assert connections[0] is connections[1]  # no key derived again for the next scan
    assert connections[0] is not database.connection()  # never the window's own
    operations.release()
    with pytest.raises(sqlite3.ProgrammingError):  # closed
        connections[0].execute("SELECT 1")
    QueryOp(page, connection).success(connections.append).run()
    assert operations.settle(5000) and connections[2] is not connections[0]
    operations.release()


def test_a_lane_closes_its_connection_and_ends_when_stopped_or_let_go(qtbot, make_window):
    import gc

    from readingroom.store.db import database

    _window, page = probe_window(make_window)
    lane = operations.Lane("readingroom-test", 60_000)
    connections: list[object] = []
    QueryOp(page, database.connection).on(lane).success(connections.append).run()
    assert operations.settle(5000) and connections
    lane.stop()  # its owner goes: the connection is closed in the lane's own thread
    lane.worker.join(5)
    assert not lane.worker.is_alive() and lane.release()  # a stopped lane waits for nothing
    with pytest.raises(sqlite3.ProgrammingError):
        connections[0].execute("SELECT 1")
    forgotten = operations.Lane("readingroom-test", 60_000)
    worker = forgotten.worker
    del forgotten  # let go without stop(): its thread ends all the same
    gc.collect()
    worker.join(5)
    assert not worker.is_alive()


# -- each page reloads only for what it shows ----------------------------------------------


def count_reloads(page) -> list[int]:
    """Every reload of ``page``'s table model from now on (one entry each)."""
    reloads: list[int] = []
    model_reload = page.model.reload
    page.model.reload = lambda: (reloads.append(1), model_reload())[1]
    return reloads


def test_every_page_says_what_it_watches():
    from ui import registry

    for page_class in registry.page_classes():
        assert isinstance(page_class.__dict__.get("watches"), Changes), page_class.page_id


def test_a_borrower_edit_leaves_the_catalogue_alone_and_a_lend_reloads_the_loans(
    qtbot, make_window
):
    from readingroom import circulation
    from readingroom.queries import forms
    from tests.ui.shell_support import borrower, lendable_copy
    from ui.dialogs.borrower_dialog import BorrowerDialog
    from ui.pages.catalogue import CataloguePage
    from ui.pages.loans import LoansPage

    window = make_window("librarian", pages=[CataloguePage, LoansPage])
    catalogue = window.show_page("catalogue")
    assert operations.settle()
    reloads = count_reloads(catalogue)
    writer = borrower("writer")
    dialog = BorrowerDialog(window.session, forms.borrower_form(writer.member_no), window)
    dialog.organisation.setText("Writers' Union, Verse Section")
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    assert operations.settle() and catalogue.isVisible()
    assert reloads == []  # a borrower's details are nothing the catalogue shows

    loans = window.show_page("loans")
    assert operations.settle()
    reloads = count_reloads(loans)
    actor, barcode = window.session.actor, lendable_copy().barcode
    CollectionOp(
        window.statusBar(), lambda: circulation.lend(actor, barcode, writer.member_no), CIRCULATION
    ).run()
    assert operations.settle() and loans.isVisible()
    assert reloads == [1]
    assert operations.settle()
    assert barcode in {loans.model.row_at(row).barcode for row in range(loans.model.rowCount())}


@pytest.mark.parametrize("pool", ["lane", "thread pool"])
def test_operations_that_fail_in_a_worker_let_their_relays_go_safely(qtbot, pool):
    """Each relay is retired to the keeper when its operation ends, and deleted a moment
    later (deleted at once, relays crashed test_recovery's restore about one run in three:
    docs/RELIABILITY.md): every failure is delivered, and no relay is left behind."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    ended: list[object] = []

    def job(_progress) -> None:
        raise ValueError("a bug in a worker")

    for _ in range(20):
        op = operations.Operation(dialog, job).success(ended.append)
        op = op.failure(lambda e: ended.append(e) or True)
        (op if pool == "lane" else op.on(QThreadPool.globalInstance())).run()
    qtbot.waitUntil(lambda: len(ended) == 20, timeout=20_000)
    assert all(str(e) == "a bug in a worker" for e in ended)

    def relays_left() -> int:
        return len(operations.keeper().findChildren(operations._Relay)) + len(
            dialog.findChildren(operations._Relay)
        )

    qtbot.waitUntil(lambda: relays_left() == 0, timeout=operations.RELAY_GRACE_MS + 5_000)
