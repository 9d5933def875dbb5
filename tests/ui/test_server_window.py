"""The window on a catalogue on a PostgreSQL server: the Catalogue page's lazy table reads
its works from the server, and a search typed into it finds what it finds in a file; an
empty server database gets the welcome's new catalogue without a file or a passphrase; the
window says its backups are the server's and makes no daily copy.

(The server: ``tests/pg_server.py``; skipped, saying what to install, without PostgreSQL.
The desk, sign-in, borrowers, loans, audit log, readiness, stocktake and reports pages run
there too: their tests marked ``both_databases``.)
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from readingroom import backup, demo, staff
from readingroom.backup_names import backups_folder
from readingroom.catalogue_file import close_catalogue, open_catalogue
from readingroom.store.db import close_database, open_database
from readingroom.store.server import ServerUrl
from tests.pg_server import PASSWORD
from tests.ui.pages_support import actor, session_for, show_page, table_texts
from ui import app as app_module
from ui import operations, welcome
from ui.pages.catalogue import CataloguePage
from ui.pages.desk import DeskPage


@pytest.fixture
def server_demo(pg_server, monkeypatch):
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    name = pg_server.create_database()
    url = ServerUrl(pg_server.url(name))
    open_database(url, create=True)
    demo.load_demo(staff.create_first_supervisor("boss", "pass-word-1", "Chief Supervisor"))
    yield url
    operations.release()  # the lanes' own connections (the lazy table's searches) first
    close_database()
    pg_server.drop_database(name)


def test_the_catalogue_page_reads_and_searches_a_server_catalogue(qtbot, server_demo):
    page = show_page(qtbot, CataloguePage(session_for(server_demo, actor("librarian"))))
    titles = table_texts(page.model, 0)
    assert "For Whom the Bell Tolls" in titles and titles == sorted(titles, key=str.casefold)

    qtbot.keyClicks(page.search, "les mis")
    qtbot.waitUntil(lambda: not page.search.pending and not page.model.loading, timeout=5000)
    qtbot.waitUntil(lambda: not page.detail_pending, timeout=5000)
    assert set(table_texts(page.model, 0)) == {"Les Misérables"}


@pytest.fixture
def empty_server_database(pg_server, monkeypatch):
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    name = pg_server.create_database()
    yield ServerUrl(pg_server.url(name))
    operations.release()
    close_catalogue()
    pg_server.drop_database(name)


def test_an_empty_server_database_gets_a_new_catalogue_without_file_or_passphrase(
    qtbot, empty_server_database, app_settings, monkeypatch
):
    url = empty_server_database
    asked = []
    monkeypatch.setattr(app_module, "ask_welcome", lambda target: asked.append(target) or None)
    assert app_module.choose_catalogue(url, app_settings) is None
    assert asked == [url]  # no catalogue there yet: the welcome, for that database

    dialog = welcome.WelcomeDialog(url)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.new_button.isVisible()
    assert not dialog.demo_button.isVisible() and not dialog.open_button.isVisible()
    assert url.name in dialog.intro.text() and "file" not in dialog.intro.text()
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    assert dialog.path_edit.isReadOnly() and dialog.path_edit.text() == str(url)
    assert PASSWORD not in dialog.path_edit.text()
    assert not dialog.encrypt_box.isVisible() and not dialog.passphrase_edit.isVisible()
    for edit, text in (
        (dialog.user_edit, "chief"),
        (dialog.full_name_edit, "Chief Librarian"),
        (dialog.password_edit, "secret-words"),
        (dialog.repeat_edit, "secret-words"),
    ):
        qtbot.keyClicks(edit, text)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=20_000)
    assert operations.settle()
    assert dialog.path == url and dialog.user.username == "chief" and dialog.key is None

    close_catalogue()
    assert app_module.choose_catalogue(url, app_settings) == (url, None, None)  # no welcome
    assert asked == [url]
    open_catalogue(url)
    assert staff.authenticate("chief", "secret-words").full_name == "Chief Librarian"


@pytest.mark.both_databases
def test_the_window_says_who_backs_the_catalogue_up(make_window, db_backend):
    window = make_window("librarian", pages=[DeskPage])
    where = window.session.db_path
    badge = window.header.server_badge
    if db_backend == "postgresql":
        assert badge.isVisible() and "pg_dump" in badge.toolTip()
        assert "no daily copy" in badge.toolTip()
    else:
        assert not badge.isVisible()
    assert window.db_label.toolTip() == badge.toolTip()  # where it is, who backs it up
    window.close()
    if db_backend == "sqlite":
        app_module.backup_on_close(where)
        assert len(list(backups_folder(where).iterdir())) == 1  # the day's copy of the file
    else:  # no file to copy: nothing is tried, nothing said is wrong
        assert backup.daily_backup_on_close(where) is None
        app_module.backup_on_close(where)
