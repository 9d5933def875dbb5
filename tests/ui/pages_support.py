"""Helpers for the page tests: a demo catalogue, a signed-in session, waiting for tables.

Not fixtures (tests/ui/conftest.py belongs to the window's shell); each page test module
builds its small fixtures from these.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from readingroom import demo, staff
from readingroom.browse import works
from readingroom.browse.works import CopyLine, WorkFilter
from readingroom.store.db import close_database, open_database
from readingroom.store.models import StaffUser
from readingroom.store.server import ServerUrl
from tests.ui.server_support import server_demo
from ui import operations
from ui.dialogs.form_dialog import FormDialog
from ui.main_window import MainWindow
from ui.models.lazy_table import LazyTableModel
from ui.operations import Changes
from ui.pages.base import Page
from ui.session import Session

#: the window's page area at 1280×800 (navigation and header taken off)
PAGE_SIZE = (1080, 700)


_template: Path | None = None


def demo_database(folder: Path) -> Path:
    """A fresh copy of the demo catalogue in ``folder``, opened.

    The demo (first supervisor ``boss``, the demo staff, copies, borrowers, loans and a
    waiting list dated from today) is built once per test run and copied for each test.
    """
    global _template
    if _template is None:
        where = Path(tempfile.mkdtemp(prefix="readingroom-demo-"))
        atexit.register(shutil.rmtree, where, ignore_errors=True)
        open_database(where / "demo.db", create=True)
        demo.load_demo(staff.create_first_supervisor("boss", "pass-word-1", "Chief Supervisor"))
        close_database()
        _template = where / "demo.db"
    path = folder / "demo.db"
    shutil.copyfile(_template, path)
    open_database(path)
    return path


def _boss_and_demo(url: ServerUrl) -> None:
    open_database(url, create=True)
    demo.load_demo(staff.create_first_supervisor("boss", "pass-word-1", "Chief Supervisor"))


def demo_on(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, folder: Path
) -> Iterator[Path]:
    """:func:`demo_database` in ``folder``, or on the test's PostgreSQL server for a test
    marked ``both_databases`` run there (the body of a fixture that asks for ``db_backend``,
    so that the mark parametrises it: ``yield from``)."""
    if request.getfixturevalue("db_backend") == "postgresql":
        yield from server_demo(request, monkeypatch, "boss", _boss_and_demo)  # type: ignore[misc]
        return
    yield demo_database(folder)
    close_database()


def actor(username: str) -> StaffUser:
    """A demo account: ``librarian``, ``supervisor`` or ``inspector``."""
    return staff.get_staff(username)


def changed_elsewhere(page: Page, changes: Changes) -> None:
    """Another page's write reaches ``page``, shown on its own, by the window's own routing
    of ``changes_made`` (as in a window holding only ``page``)."""
    window = type("OnePageWindow", (), {"pages": {page.page_id: page}})()
    MainWindow.reload_concerned(window, changes, None)  # type: ignore[arg-type]


def session_for(db_path: Path, actor: StaffUser | None) -> Session:
    return Session(db_path, actor)


def show_page(qtbot, page: Page) -> Page:
    """Show ``page`` at the window's size and wait until its tables are loaded."""
    qtbot.addWidget(page)
    page.resize(*PAGE_SIZE)
    page.show()
    qtbot.waitExposed(page)
    for model in page.findChildren(LazyTableModel):
        wait_loaded(qtbot, model)
    settled()  # and what it reads besides (a selected row's detail)
    return page


def wait_loaded(qtbot, model: LazyTableModel) -> None:
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)


def work_id(title: str) -> int:
    """The id of the (first) work titled ``title``: tests never hard-code demo ids."""
    ids = works.work_ids(WorkFilter(text=title))
    rows = works.work_rows(ids)
    return next(i for i in ids if rows[i].title == title)


def copies(title: str) -> list[CopyLine]:
    return works.work_detail(work_id(title)).copies


def table_texts(model, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def settled() -> None:
    """Wait until every operation started has reported back (writes run in the calls
    thread)."""
    assert operations.settle(), "an operation did not report back"


def saved(dialog: FormDialog) -> bool:
    """Press Save and wait for the answer: True when saved (and the dialog closed)."""
    dialog.save()
    settled()
    return dialog.result() == QDialog.DialogCode.Accepted
