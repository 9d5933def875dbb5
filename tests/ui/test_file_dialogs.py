"""File dialogs open in the user's documents folder, then where that kind of file was last
put (reports, bundles, letters, catalogues, imported CSVs each apart), never in the folder
the app was started from; the folders are the window's settings, not the catalogue's.

The real dialogs are shown (Qt's own, as offscreen has no native ones) and answered
with a path and Enter, as a user would."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from readingroom.store.models import Setting
from tests.ui.inspection_support import (  # noqa: F401 - fixtures
    boss_fixture,
    open_page_fixture,
    session_as_fixture,
    wait_for_job,
)
from ui import welcome
from ui.pages.reminders import RemindersPage
from ui.pages.reports import ReportsPage
from ui.widgets import folder_ask

#: Qt's own file dialog asks the offscreen platform for what it cannot do (raise, grab keys)
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing"
)


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home with a Documents folder, and the app started from another folder."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no user-dirs.dirs
    started = tmp_path / "started-here"
    started.mkdir()
    monkeypatch.chdir(started)
    return home / "Documents"


class DialogAnswer:
    """Answers the next file dialog: records the folder it opened in, then puts ``typed``
    (a path) into its name field and presses Enter, or presses Esc. Until the
    dialog is gone it answers again every :data:`RETRY_MS`: the dialog reads its folder in
    the background, and on a busy machine that reading may reset the name field, or its
    completer's popup take the Enter, after the first answer."""

    RETRY_MS = 400

    def __init__(self, qtbot, typed: Path | None):
        self.qtbot, self.typed = qtbot, typed
        self.opened_in: Path | None = None
        self._answered_at: float | None = None
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._look)
        self.timer.start()

    def _look(self) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog) or not dialog.isVisible():
            return
        if self.opened_in is None:
            self.opened_in = Path(dialog.directory().absolutePath())
        now = time.monotonic()
        if self._answered_at is not None and now - self._answered_at < self.RETRY_MS / 1000:
            return
        self._answered_at = now
        if self.typed is None:
            self.qtbot.keyClick(dialog, Qt.Key.Key_Escape)
            return
        name_field = dialog.findChild(QLineEdit, "fileNameEdit")
        # the path pasted whole, then Enter: typed a key at a time, the dialog follows each
        # prefix ("/" first) while it reads folders in the background, and on a busy
        # machine it answered "/"; the field's completer popup, when up, takes the Enter
        name_field.setCompleter(None)
        name_field.setText(str(self.typed))
        self.qtbot.keyClick(name_field, Qt.Key.Key_Return)


def answered(qtbot, typed: Path | None, ask: Callable[[], object]) -> tuple[Path | None, object]:
    """Run ``ask`` (which shows a file dialog); the folder it opened in and its answer."""
    answer = DialogAnswer(qtbot, typed)
    result = ask()
    answer.timer.stop()
    return answer.opened_in, result


def test_a_report_export_opens_in_documents_then_where_the_last_report_went(
    qtbot, open_page, documents, tmp_path
):
    page = open_page(ReportsPage, "inspector")
    page.select_kind("overdue")
    opened, _ = answered(qtbot, documents / "overdue.csv", page.csv_button.click)
    assert opened == documents  # not the folder the app was started from
    wait_for_job(qtbot, page)
    assert (documents / "overdue.csv").is_file()
    elsewhere = tmp_path / "for-the-inspector"
    elsewhere.mkdir()
    opened, _ = answered(qtbot, elsewhere / "overdue-2.csv", page.csv_button.click)
    assert opened == documents
    wait_for_job(qtbot, page)
    assert (elsewhere / "overdue-2.csv").is_file()
    opened, _ = answered(qtbot, None, page.pdf_button.click)  # the next report: Esc
    assert opened == elsewhere
    reminders = open_page(RemindersPage, "supervisor")  # letters: a kind of their own
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    opened, _ = answered(qtbot, None, lambda: qtbot.keyClick(reminders, Qt.Key.Key_S, ctrl_shift))
    assert opened == documents


def test_each_kind_is_remembered_apart_in_the_window_settings_not_the_catalogue(
    qtbot, open_page, documents, tmp_path, private_settings_and_data
):
    page = open_page(ReportsPage, "supervisor")
    letters = tmp_path / "letters"
    letters.mkdir()
    opened, folder = answered(
        qtbot, letters, lambda: folder_ask.ask_folder(page, "Letters", folder_ask.LETTERS)
    )
    assert opened == documents and folder == letters
    opened, _ = answered(
        qtbot, None, lambda: folder_ask.ask_folder(page, "Letters", folder_ask.LETTERS)
    )
    assert opened == letters
    for kind in (folder_ask.REPORTS, folder_ask.BUNDLES, folder_ask.IMPORTS):
        opened, _ = answered(qtbot, None, lambda k=kind: folder_ask.ask_folder(page, "x", k))
        assert opened == documents, kind
    written = QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, "ReadingRoom", "ReadingRoom"
    )
    assert written.value("folders/letters") == str(letters)
    assert not [s.key for s in Setting.select() if "folder" in s.key]
    assert private_settings_and_data.exists()


def test_a_new_bundle_folder_is_remembered_beside_not_inside(qtbot, open_page, documents):
    page = open_page(ReportsPage, "supervisor")
    bundle = documents / "bundle-1"
    bundle.mkdir()
    ask = lambda: folder_ask.ask_folder(page, "Bundle", folder_ask.BUNDLES, new=True)  # noqa: E731
    opened, folder = answered(qtbot, bundle, ask)
    assert folder == bundle
    opened, _ = answered(qtbot, None, ask)
    assert opened == documents  # beside the last bundle, ready for a new folder


def test_a_remembered_folder_since_removed_falls_back_to_documents(
    qtbot, open_page, documents, tmp_path
):
    page = open_page(ReportsPage, "supervisor")
    gone = tmp_path / "gone"
    folder_ask.remember(folder_ask.REPORTS, gone)
    opened, _ = answered(qtbot, None, lambda: folder_ask.ask_folder(page, "x", folder_ask.REPORTS))
    assert opened == documents


def test_the_welcome_browses_from_documents(qtbot, documents, tmp_path):
    dialog = welcome.WelcomeDialog(tmp_path / "data" / "catalogue.db")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    browse_buttons = [
        b for b in dialog.new_page.findChildren(type(dialog.create_button)) if "Browse" in b.text()
    ]
    db_browse, csv_browse = browse_buttons
    opened, _ = answered(qtbot, documents / "library.db", db_browse.click)
    assert opened == documents
    assert dialog.path_edit.text() == str(documents / "library.db")
    csvs = tmp_path / "csvs"
    csvs.mkdir()
    (csvs / "books.csv").write_text("barcode,title,author\n", encoding="utf-8")
    opened, _ = answered(qtbot, csvs / "books.csv", csv_browse.click)
    assert opened == documents  # imports are a kind of their own
    assert dialog.csv_edit.text() == str(csvs / "books.csv")
    opened, _ = answered(qtbot, None, csv_browse.click)
    assert opened == csvs
