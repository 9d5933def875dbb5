"""The window on a central database: ``readingroom --db CENTRAL.db`` opens it read-only,
with no sign-in, on the Branches page: each branch's newest bundle, chain head, copies,
missing copies and overrides, and the bundles refused at import."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from readingroom.central.db import close_central, create_central, open_central
from readingroom.central.importing import BundleRefused, import_bundle
from tests.core.central_support import NORTH, SOUTH, make_bundles
from ui import app as app_module
from ui import operations
from ui.central_window import CentralWindow, open_central_window


@pytest.fixture(scope="module")
def central_file(tmp_path_factory) -> Path:
    """North and South imported, and an altered bundle of South refused."""
    work = tmp_path_factory.mktemp("union")
    bundles = make_bundles(work)
    path = work / "central.db"
    create_central(path)
    open_central(path)
    try:
        import_bundle(bundles.north)
        import_bundle(bundles.south)
        altered = work / "altered"
        shutil.copytree(bundles.south, altered)
        (altered / "inventory.csv").write_text("barcode\n", "utf-8")
        with pytest.raises(BundleRefused):
            import_bundle(altered)
    finally:
        close_central()
    return path


@pytest.fixture
def central(central_file, tmp_path) -> Path:
    path = tmp_path / "central.db"
    shutil.copyfile(central_file, path)
    return path


def cells(model) -> list[list[str]]:
    return [
        [
            model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
            for column in range(model.columnCount())
        ]
        for row in range(model.rowCount())
    ]


def test_the_window_opens_a_central_database_without_signing_in(central, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test

    def no_sign_in(*_args, **_kw):
        raise AssertionError("a central database asks no one to sign in")

    monkeypatch.setattr(app_module, "ask_sign_in", no_sign_in)
    seen = []

    def exec_once(self=None) -> int:
        assert operations.settle()
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, CentralWindow))
        seen.append(cells(window.page.branches))
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_once)
    before = central.read_bytes()
    assert app_module.run(central) == 0
    assert [row[0] for row in seen[0]] == [NORTH, SOUTH]
    assert central.read_bytes() == before  # opened read-only: nothing written


def test_the_branches_page_shows_each_branch_and_the_refused_bundles(
    qtbot, qtmodeltester, central, tmp_path
):
    window = open_central_window(central)
    assert window is not None
    qtbot.addWidget(window)
    page = window.page
    qtbot.waitUntil(lambda: page.branches.rowCount() == 2)
    north, south = cells(page.branches)
    assert north[0] == NORTH and south[0] == SOUTH
    # copies, missing, overrides: 9 copies each, A005 missing since the stocktake
    assert north[5:] == ["9", "1", "1"] and south[5:] == ["9", "1", "1"]
    assert north[4].startswith("entry ") and north[2] != ""
    (refused,) = cells(page.refused)
    assert refused[1] == SOUTH and refused[2] == "altered" and "inventory.csv" in refused[3]
    assert page.refused_heading.text() == "Bundles refused at import: 1"
    assert "read-only" in window.windowTitle()
    qtmodeltester.check(page.branches)
    qtmodeltester.check(page.refused)
    window.grab().save(str(tmp_path / "branches.png"))
    window.close()
    close_central()


def test_a_central_database_with_no_bundle_says_so(qtbot, tmp_path):
    path = tmp_path / "empty-central.db"
    create_central(path)
    window = open_central_window(path)
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.page.message.isVisible())
    assert "No bundle has been imported yet" in window.page.message.text()
    assert window.page.branches.rowCount() == 0
    window.close()
    close_central()


def test_a_central_database_on_a_server_opens_read_only(qtbot, pg_server, tmp_path, monkeypatch):
    """``--db postgresql://…`` naming a central database (or a read replica of one) opens
    the same read-only Branches page."""
    from readingroom.paths import ServerUrl
    from tests.pg_server import PASSWORD

    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    name = pg_server.create_database("central")
    url = ServerUrl(pg_server.url(name))
    try:
        bundles = make_bundles(tmp_path)
        create_central(url)
        open_central(url)
        import_bundle(bundles.north)
        close_central()
        assert app_module.is_central_database(url)
        window = open_central_window(url)
        assert window is not None
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: window.page.branches.rowCount() == 1)
        assert cells(window.page.branches)[0][0] == NORTH
        assert name in window.windowTitle() and PASSWORD not in window.windowTitle()
        window.close()
    finally:
        close_central()
        pg_server.drop_database(name)
