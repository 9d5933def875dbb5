"""The window on a catalogue on a PostgreSQL server: the Catalogue page's lazy table reads
its works from the server, and a search typed into it finds what it finds in a file.

(The server: ``tests/pg_server.py``; skipped, saying what to install, without PostgreSQL.)
"""

from __future__ import annotations

import pytest

from readingroom import demo, staff
from readingroom.store.db import close_database, open_database
from readingroom.store.server import ServerUrl
from tests.ui.pages_support import actor, session_for, show_page, table_texts
from ui import operations
from ui.pages.catalogue import CataloguePage


@pytest.fixture
def server_demo(pg_server, monkeypatch):
    from tests.pg_server import PASSWORD

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
