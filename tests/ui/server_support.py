"""The demo catalogues of the window's tests on a PostgreSQL server.

A demo is built once per server and run in a template database; each test gets a copy of
it (``CREATE DATABASE … TEMPLATE``, as quick as copying the SQLite file), dropped after the
test once the window's lanes have let go of their connections.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from readingroom.store.db import close_database, open_database
from readingroom.store.server import ServerUrl
from tests.pg_server import PASSWORD, ServerForTests
from ui import operations

#: (server port, demo kind) -> the template database's name
_templates: dict[tuple[int, str], str] = {}


def server_demo(
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    build: Callable[[ServerUrl], None],
) -> Iterator[ServerUrl]:
    """A fresh copy of the demo ``kind`` (made by ``build`` on an empty server database,
    left closed) on the test server, open; dropped after the test."""
    server: ServerForTests = request.getfixturevalue("pg_server")
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    key = (server.port, kind)
    if key not in _templates:
        template = server.create_database(f"demo_{kind}")
        build(ServerUrl(server.url(template)))
        close_database()
        _templates[key] = template
    name = server.create_database(template=_templates[key])
    url = ServerUrl(server.url(name))
    open_database(url)
    yield url
    operations.release()  # the lanes' own connections (lazy tables, the calls thread) first
    close_database()
    server.drop_database(name)
