"""Fixtures for the inspection pages' tests: the demo collection, a session, shown pages.

The database is the demo collection of ``tests/ui/conftest.py`` (``demo_catalogue``:
``readingroom.demo.load_demo`` after the first supervisor on a fresh file, built once per
run and copied for each test); tests find their copies and loans through the domain, never
by hard-coded barcodes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from readingroom import staff
from readingroom.store.models import StaffUser
from ui import operations
from ui.pages.base import Page
from ui.session import Session
from ui.widgets import ask, folder_ask

JOB_TIMEOUT_MS = 20_000


@pytest.fixture(name="boss")
def boss_fixture(demo_catalogue: Path) -> StaffUser:
    """The demo collection's supervisor."""
    return staff.get_staff("supervisor")


@pytest.fixture(name="session_as")
def session_as_fixture(demo_catalogue: Path) -> Callable[[str], Session]:
    """``session_as("librarian")``: a session signed in as that demo account."""

    def build(username: str) -> Session:
        return Session(demo_catalogue, staff.get_staff(username), demo=True)

    return build


@pytest.fixture(name="open_page")
def open_page_fixture(qtbot, session_as):
    """``open_page(PageClass, "librarian")``: the page, shown at a desk-sized window."""

    def build(page_class: type[Page], username: str = "librarian") -> Page:
        page = page_class(session_as(username))
        qtbot.addWidget(page)
        page.resize(1070, 710)
        with qtbot.waitExposed(page):
            page.show()
        page.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
        operations.settle()  # what the page reads in the calls thread has been shown
        return page

    return build


@pytest.fixture(name="chosen_folder")
def chosen_folder_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder the "ask for a folder" dialog answers with (made empty, on demand)."""
    folder = tmp_path / "chosen"
    monkeypatch.setattr(folder_ask, "ask_folder", lambda _parent, _title, *_kind, **_new: folder)
    return folder


@pytest.fixture(name="confirm_yes")
def confirm_yes_fixture(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every confirmation is answered "yes"; the questions asked are collected."""
    asked: list[str] = []

    def answer(_parent, _title: str, text: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(ask, "confirm", answer)
    return asked


def wait_for_job(qtbot, page: Page) -> None:
    """Wait until the page's worker has finished and its result is shown."""
    qtbot.waitUntil(lambda: not page.job.running, timeout=JOB_TIMEOUT_MS)
    operations.settle()  # and what the page reads again after it


def column_texts(model, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def column_of(model, header: str) -> int:
    headers = [
        model.headerData(section, Qt.Orientation.Horizontal)
        for section in range(model.columnCount())
    ]
    return headers.index(header)


def cell(model, row: int, header: str) -> str:
    return model.index(row, column_of(model, header)).data()
