"""Text shown back must not act: a title, an author or a borrower's name holding HTML
(``<h1>RECALLED</h1>``, an ``<img>``) is shown as the characters typed, on every page, in
every label, message box and tooltip of the window."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import Qt as GuiQt  # Qt.mightBeRichText lives in QtGui
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QMessageBox, QWidget

from readingroom import borrowers, catalogue, circulation, holds
from readingroom.store.models import AuditEntry, Borrower, Copy
from tests.ui.shell_support import borrower, lendable_copy, process
from ui.main_window import WRITERS

MARK = "RECALLED"
TITLE = f'<h1>{MARK}</h1><img src="file:///etc/passwd"> Points and Lines'
AUTHOR = f"<b>{MARK}</b> Seichō Matsumoto"
NAME = f'<h1>{MARK}</h1><img src="x"> Kim'


@pytest.fixture
def hostile(demo_catalogue, sign_in, monkeypatch):
    """A lendable work and a writer whose texts are HTML; the writer holds the work, lent
    long enough ago to be overdue, and waits for another work."""
    from readingroom import clock

    boss = sign_in("supervisor")
    copy = lendable_copy()
    catalogue.edit_work(boss, copy.work_id, title=TITLE, author=AUTHOR, translator=AUTHOR)
    writer = borrower("writer")
    borrowers.edit_borrower(boss, writer.member_no, name=NAME, organisation=NAME)
    circulation.lend(boss, copy.barcode, writer.member_no)
    twins = tuple(c.barcode for c in Copy.select().where(Copy.work == copy.work_id))
    other = lendable_copy(exclude=twins)  # another work: nobody waits for a volume at home
    holds.place_hold(boss, other.barcode, writer.member_no)
    later = clock.today() + timedelta(days=90)
    monkeypatch.setattr(clock, "today", lambda: later)
    return Copy.get_by_id(copy.id), Borrower.get_by_id(writer.id)


def acting(root: QWidget) -> list[str]:
    """Every place under ``root`` (and every open dialog) where data would render as HTML:
    a label or message box not set to plain text, or a tooltip, holding the raw tags."""
    found = []
    widgets = [root, *root.findChildren(QWidget)]
    for top in QApplication.topLevelWidgets():
        if top is not root and top.isVisible():
            widgets += [top, *top.findChildren(QWidget)]
    for widget in widgets:
        if isinstance(widget, QLabel | QMessageBox):
            text = widget.text()
            if f"{MARK}</" in text and widget.textFormat() != Qt.TextFormat.PlainText:
                found.append(f"{_where(widget)}: {text[:40]!r}")
        if f"{MARK}</" in widget.toolTip() and GuiQt.mightBeRichText(widget.toolTip()):
            found.append(f"tooltip of {type(widget).__name__}: {widget.toolTip()[:60]!r}")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            root_index = QModelIndex()
            try:
                columns = model.columnCount(root_index)
            except TypeError:  # a list model's column count is not public
                columns = 1
            for row in range(min(model.rowCount(root_index), 200)):
                for column in range(columns):
                    tip = model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole)
                    if isinstance(tip, str) and f"{MARK}</" in tip and GuiQt.mightBeRichText(tip):
                        found.append(f"cell tooltip in {type(model).__name__}: {tip[:60]!r}")
    return found


def _where(widget: QWidget) -> str:
    """The widget and the classes of its parents (page, panel), to find it in the code."""
    chain, parent = [type(widget).__name__], widget.parentWidget()
    while parent is not None and len(chain) < 4:
        if type(parent).__module__.startswith("ui."):
            chain.append(type(parent).__name__)
        parent = parent.parentWidget()
    return " in ".join(chain)


def select_every_row(qtbot, page: QWidget) -> list[str]:
    """Select each row of each table of the page in turn (each shows its detail panel),
    collecting what acts on the way."""
    found = []
    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        if model is None or not view.isVisible():
            continue
        for row in range(min(model.rowCount(QModelIndex()), 60)):
            view.setCurrentIndex(model.index(row, 0))
            process()
            found += acting(page.window())
    return found


def test_no_label_of_any_page_renders_a_titles_html(qtbot, hostile, make_window):
    copy, writer = hostile
    window = make_window("supervisor")
    seen, found = set(), []
    for page_id in window.page_ids():
        page = window.show_page(page_id)
        qtbot.wait(50)
        process(5)
        found += acting(window)
        found += select_every_row(qtbot, page)
        seen.add(page_id)
    desk = window.show_page("desk")
    for code in (writer.member_no, copy.barcode):
        qtbot.keyClicks(desk.scan_edit, code)
        qtbot.keyClick(desk.scan_edit, Qt.Key.Key_Return)
        process(5)
        found += acting(window)
    assert any(MARK in label.text() for label in window.findChildren(QLabel)), (
        "the desk shows none of the hostile data: the test would prove nothing"
    )
    assert {"desk", "catalogue", "borrowers", "loans", "readiness"} <= seen
    assert sorted(set(found)) == []


def test_the_writers_screen_shows_a_titles_html_as_text(qtbot, hostile, make_window):
    window = make_window("librarian")
    window.enter_writers_mode()
    assert window.mode == WRITERS
    writers = window.writers
    qtbot.keyClicks(writers.search_edit, "Points")
    qtbot.waitUntil(lambda: not writers.search_timer.isActive())
    process(5)
    model = writers.model
    rows = [r for r in range(model.rowCount()) if MARK in model.record(r).title]
    assert rows
    writers.table.selectRow(rows[0])
    process(5)
    assert MARK in writers.detail.title.text()
    assert acting(window) == []


def test_message_boxes_show_data_as_text(qtbot):
    from readingroom.errors import BadInput
    from ui import errors
    from ui.widgets import ask

    boxes = [
        errors.environment_dialog(None, BadInput(f"No copy {TITLE}")),  # type: ignore
        ask.question_box(None, "Cancel hold", f"Cancel the hold on {TITLE}?"),
    ]
    for box in boxes:
        qtbot.addWidget(box)
        assert box.textFormat() == Qt.TextFormat.PlainText


def test_a_report_exported_from_the_window_is_audited(
    qtbot, demo_catalogue, sign_in, tmp_path, monkeypatch
):
    from tests.ui.pages_support import session_for, show_page
    from ui.pages.reports import ReportsPage
    from ui.widgets import folder_ask

    target = tmp_path / "loans.csv"
    monkeypatch.setattr(folder_ask, "ask_save_file", lambda *_: target)
    page = ReportsPage(session_for(demo_catalogue, sign_in("librarian")))
    show_page(qtbot, page)
    page.select_kind("loans")
    page.csv_button.click()
    qtbot.waitUntil(lambda: page.last_written is not None, timeout=20000)
    entry = AuditEntry.select().where(AuditEntry.action == "report-export").get()
    assert entry.staff == "librarian" and json.loads(entry.details)["file"] == str(target)
