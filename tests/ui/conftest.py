"""UI fixtures: private window settings and data folder, the demo catalogue, a signed-in window.

Every UI test writes its QSettings (INI) and its data folder (logs, the demo file) under
its own temporary folder, so no test ever touches the user's real settings or files.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings

from readingroom import demo, first_run, staff
from readingroom.catalogue_file import create_catalogue
from readingroom.store.db import close_database, open_database
from readingroom.store.models import StaffUser
from readingroom.store.server import ServerUrl
from tests.ui.server_support import server_demo
from tests.ui.shell_support import password_of
from ui import errors, i18n
from ui.collector import collect_in_the_window_thread
from ui.main_window import MainWindow
from ui.pages.desk import DeskPage
from ui.session import Session
from ui.settings import AppSettings

_template: Path | None = None


@pytest.fixture(autouse=True, scope="session")
def english_plural_forms(qapp) -> None:
    """English's plural forms ("1 row", "2 rows"), as the app installs them at start; and
    the cycle collector run by the window thread only, as the app runs it (ui.collector)."""
    i18n.install_english_plurals(qapp)
    collect_in_the_window_thread(qapp)


@pytest.fixture(autouse=True)
def deferred_deletes_before_closing(qtbot) -> Iterator[None]:
    """After each test, before pytest-qt closes its widgets: what was let go with
    ``deleteLater`` is deleted, as the app's event loop would have done meanwhile
    (``processEvents`` never does; left to pile up until a page was closed, deleting an
    operation's relay then crashed now and then)."""
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def private_settings_and_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """QSettings and the data folder (logs, demo.db) under the test's own folder."""
    settings_dir = tmp_path / "settings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings_dir))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("READINGROOM_DB", raising=False)
    yield settings_dir
    for dialog in list(errors._open_dialogs):
        dialog.close()
    errors._open_dialogs.clear()


@pytest.fixture(autouse=True)
def windows_close_unasked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows close without asking about a desk basket (pytest-qt closes them after each
    test, also a failed one: a question there would wait for an answer forever); a test of
    the question sets ``window.ask_before_closing`` itself."""
    monkeypatch.setattr(MainWindow, "ask_before_closing", False)


@pytest.fixture
def app_settings() -> AppSettings:
    return AppSettings.open()


@pytest.fixture
def demo_catalogue(
    tmp_path: Path,
    db_backend: str,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Path]:
    """A fresh copy of the demo collection, open (built once per run, copied per test); in
    a test marked ``both_databases`` also on the test's PostgreSQL server."""
    if db_backend == "postgresql":
        yield from server_demo(request, monkeypatch, "collection", _demo_collection)  # type: ignore[misc]
        return
    global _template
    if _template is None:
        folder = Path(tempfile.mkdtemp(prefix="readingroom-ui-demo-"))
        first_run.open_or_create_demo(folder / "demo.db")
        close_database()
        _template = folder / "demo.db"
    path = tmp_path / "demo.db"
    shutil.copyfile(_template, path)
    open_database(path)
    yield path
    close_database()


def _demo_collection(url: ServerUrl) -> None:
    """The demo collection as the welcome makes it (demo accounts, the demo mark)."""
    create_catalogue(url, *first_run.demo_supervisor(), demo=True, fill=demo.load_demo)


@pytest.fixture
def sign_in(demo_catalogue: Path) -> Callable[[str], StaffUser]:
    """``sign_in("librarian")``: a demo account, signed in with its real password."""
    return lambda username: staff.authenticate(username, password_of(username))


@pytest.fixture
def make_window(
    qtbot, demo_catalogue: Path, app_settings: AppSettings, sign_in
) -> Callable[..., MainWindow]:
    """``make_window("librarian", pages=[...])``: the main window, shown, for that account."""

    def build(username: str = "librarian", pages: list | None = None) -> MainWindow:
        session = Session(demo_catalogue, sign_in(username), demo=True)
        window = MainWindow(session, app_settings, page_classes=pages)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)  # shortcuts need the active window
        return window

    return build


@pytest.fixture
def window(make_window) -> MainWindow:
    """The librarian's window with only the desk (other pages are tested by their owners)."""
    return make_window("librarian", pages=[DeskPage])
