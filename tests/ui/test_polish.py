"""What a librarian notices on the pages at 1280×800: counts in their proper form, labels and
columns not cut short, the Overdue count in view, field rims on a dark palette, audit details
as words, times to the second, and screenshots that show what the demo really holds."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QApplication, QGraphicsTextItem, QTableView, QWidget

from readingroom import demo, stocktake
from readingroom.browse.waiting import works_with_waiting_lists
from readingroom.vocabulary import HoldStatus
from ui import i18n, operations, theme
from ui.main_window import MainWindow
from ui.models import inspection_labels as words
from ui.models.audit_model import details_summary

SIZE = (1280, 800)


@pytest.fixture
def korean(qapp) -> Iterator[str]:
    yield i18n.install_translator(qapp, "ko")
    i18n.remove_translators(qapp)


@pytest.fixture
def shown(make_window) -> Callable[[str], tuple[MainWindow, QWidget]]:
    """``shown("borrowers")``: the supervisor's window at 1280×800 on that page, read."""

    def show(page_id: str) -> tuple[MainWindow, QWidget]:
        window = make_window("supervisor")
        window.resize(*SIZE)
        page = window.show_page(page_id)
        settle()
        return window, page

    return show


def settle() -> None:
    operations.settle()
    for _ in range(3):
        QApplication.processEvents()


def plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def fits(widget: QWidget, text: str) -> bool:
    """Whether ``text`` is drawn whole in ``widget`` (its width on screen within the widget's)."""
    return QFontMetrics(widget.font()).horizontalAdvance(plain(text)) <= widget.width()


def no_sideways_scroll(table: QTableView) -> bool:
    return table.horizontalScrollBar().maximum() == 0


def column_shows(table: QTableView, column: int, texts: list[str]) -> bool:
    """Whether each text fits in the column (with the cell's margins, 3 px a side in Qt's
    styles) and the column ends inside the table's viewport."""
    metrics = QFontMetrics(table.font())
    width = table.columnWidth(column)
    right = table.columnViewportPosition(column) + width
    return right <= table.viewport().width() and all(
        metrics.horizontalAdvance(text) + 6 <= width for text in texts
    )


# -- plural forms ------------------------------------------------------------------------------


def test_counts_take_their_form_in_english_and_korean(qapp):
    def say(context: str, text: str, n: int) -> str:
        return QCoreApplication.translate(context, text, "", n)

    assert say("BorrowerPanel", "%n overdue loan(s)", 1) == "1 overdue loan"
    assert say("BorrowerPanel", "%n overdue loan(s)", 3) == "3 overdue loans"
    assert say("BorrowerPanel", "%n copy(ies) set aside to collect", 1) == (
        "1 copy set aside to collect"
    )
    assert say("ReportsPage", "%1 · %n row(s)", 1) == "%1 · 1 row"
    assert say("RemindersPage", "%n reminder(s)", 1) == "1 reminder"
    assert say("RemindersPage", "%n reminder(s)", 0) == "0 reminders"
    try:
        i18n.install_translator(qapp, "ko")
        assert say("RemindersPage", "%n reminder(s)", 1) == "독촉장 1건"
        assert say("RemindersPage", "%n reminder(s)", 5) == "독촉장 5건"
        i18n.install_translator(qapp, "ko_KP")
        assert say("CirculationPage", "%n reader(s)", 2) == "리용자 2명"
    finally:
        i18n.remove_translators(qapp)
    assert say("CirculationPage", "%n reader(s)", 1) == "1 reader"  # back to English


def test_the_desk_says_1_overdue_loan(qtbot, make_window):
    from readingroom import clock
    from readingroom.store.models import Borrower, Loan
    from tests.ui.shell_support import desk_of, wait_for_desk

    overdue: dict[int, int] = {}
    for loan in Loan.select().where(Loan.returned_on.is_null() & (Loan.due < clock.today())):
        overdue[loan.borrower_id] = overdue.get(loan.borrower_id, 0) + 1
    member = next(Borrower.get_by_id(b).member_no for b, n in overdue.items() if n == 1)
    window = make_window("librarian")
    desk = desk_of(window)
    desk.scan(member)
    wait_for_desk(qtbot, desk)
    headline = desk.borrower_panel.flags.headline.text()
    assert "1 overdue loan" in headline, headline
    assert "loan(s)" not in headline and "1 overdue loans" not in headline


# -- the circulation page -------------------------------------------------------------------------


def chart_texts(chart_view) -> list[str]:
    """The texts the chart draws (axis labels, title), as drawn: cut ones end in "…"."""
    texts = []
    for item in chart_view.scene().items():
        shown = item.toGraphicsObject() if item.type() == TEXT_ITEM else None
        if isinstance(shown, QGraphicsTextItem):
            texts.append(shown.toPlainText())
    return texts


#: QGraphicsTextItem's item type (Qt Charts' labels are private subclasses of it)
TEXT_ITEM = 8


@pytest.mark.parametrize("language", ["en", "ko", "ko_KP"])
def test_month_labels_are_whole_at_1280x800(qapp, shown, language):
    try:
        i18n.install_translator(qapp, language)
        _, page = shown("circulation")
        texts = chart_texts(page.loans_chart)
        assert len([t for t in texts if t.strip()]) >= 12
        # cut, Qt Charts ends a label in "..." (never "…")
        assert not [t for t in texts if "…" in t or "..." in t], texts
        # the year is the locale's, never a hard-coded '26
        assert not [t for t in texts if "\u2019" in t]
        assert any(re.search(r"20\d\d", t) for t in texts)
    finally:
        i18n.remove_translators(qapp)


@pytest.mark.parametrize("language", ["en", "ko_KP"])
def test_month_labels_are_never_cut_at_any_width(qapp, shown, language):
    """Side by side where they fit, upright where they would not: at no width of the chart
    does Qt Charts cut a month ("M...", "12..." for 12월) or its year ("20..."), from the
    chart of a window 1280 pixels wide up."""
    try:
        i18n.install_translator(qapp, language)
        _, page = shown("circulation")
        card = page.loans_chart
        for width in range(450, 780, 10):  # the chart from a 1280-wide window up
            card.resize(width, card.height())
            card.fit_labels()
            QApplication.processEvents()
            texts = chart_texts(card)
            assert not [t for t in texts if "…" in t or "..." in t], (width, texts)
    finally:
        i18n.remove_translators(qapp)


def test_the_waiting_caption_says_what_its_table_shows(shown):
    _, page = shown("circulation")
    works = works_with_waiting_lists()
    waiting = sum(w.waiting for w in works)
    set_aside = sum(w.ready for w in works)
    assert set_aside, "the demo has a copy set aside"
    caption = page.waiting_caption.text()
    rows = page.waiting.rowCount()
    table_waiting = sum(
        int(page.waiting.index(r, 2).data() or 0) for r in range(rows)
    )  # the table's Waiting column
    table_set_aside = sum(int(page.waiting.index(r, 3).data() or 0) for r in range(rows))
    assert (table_waiting, table_set_aside) == (waiting, set_aside)
    waited_for = sum(1 for w in works if w.waiting)
    reader = "reader" if waiting == 1 else "readers"
    work = "work" if waited_for == 1 else "works"
    copy = "copy" if set_aside == 1 else "copies"
    assert f"{waiting} {reader} waiting for {waited_for} {work}" in caption
    assert f"{set_aside} {copy} set aside to collect" in caption
    assert "(s)" not in caption and "(ies)" not in caption


def test_a_set_aside_copy_is_not_counted_as_waiting_now(shown):
    _, page = shown("circulation")
    titles = page.demand_chart.chart().axes(Qt.Orientation.Vertical)[0].categories()
    ready = {w.title: w.ready for w in works_with_waiting_lists() if w.ready}
    waiting = {w.title: w.waiting for w in works_with_waiting_lists()}
    assert ready
    for title, count in ready.items():
        row = titles.index(title)
        assert page.demand_waiting.at(row) == waiting.get(title, 0)
        assert page.demand_set_aside.at(row) == count
    assert "(s)" not in page.summary.text()


# -- widths at 1280×800 -----------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_overdue_count_is_in_view_on_the_borrowers_page(qapp, shown, language):
    try:
        i18n.install_translator(qapp, language)
        _, page = shown("borrowers")
        table, model = page.table, page.model
        overdue = model.columnCount() - 1
        counts = [model.index(r, overdue).data() or "" for r in range(model.rowCount())]
        assert [c for c in counts if c], "the demo has borrowers with overdue loans"
        assert no_sideways_scroll(table)
        assert column_shows(table, overdue, [c for c in counts if c])
        header = model.headerData(overdue, Qt.Orientation.Horizontal)
        assert table.columnViewportPosition(overdue) + table.columnWidth(overdue) <= (
            table.viewport().width()
        ), header
    finally:
        i18n.remove_translators(qapp)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_copy_buttons_and_lent_to_are_whole_in_the_catalogue(qtbot, qapp, shown, language):
    try:
        i18n.install_translator(qapp, language)
        _, page = shown("catalogue")
        page.search.setText("Proof of the Man")  # copies on loan, one overdue
        page.search.flush()
        detail = page.detail

        def proof_shown() -> bool:
            settle()
            page.table.select_row(0)
            return detail.title.text() == "Proof of the Man" and detail.copies.rowCount() > 3

        qtbot.waitUntil(proof_shown, timeout=10_000)
        settle()
        for button in (detail.add_copy_button, detail.edit_copy_button, detail.mark_button):
            assert fits(button, button.text()), button.text()
        table, copies = detail.copies_table, detail.copies
        last = copies.columnCount() - 1
        header = copies.headerData(last, Qt.Orientation.Horizontal)
        assert QFontMetrics(table.font()).horizontalAdvance(header) < table.columnWidth(last)
        assert no_sideways_scroll(table)
        lent = [
            copies.index(r, last).data()
            for r in range(copies.rowCount())
            if copies.index(r, last).data()
        ]
        assert lent, "the demo lends copies of Proof of the Man"
        # a member number and a due date in the narrow pane; the name when pointed at
        metrics = QFontMetrics(table.font())
        for row in range(copies.rowCount()):
            index = copies.index(row, last)
            if not index.data():
                continue
            icon = 22 if index.data(Qt.ItemDataRole.DecorationRole) else 0  # overdue: an icon
            width = metrics.horizontalAdvance(index.data()) + 6 + icon
            assert width <= table.columnWidth(last), index.data()
        tips = [
            copies.index(r, last).data(Qt.ItemDataRole.ToolTipRole)
            for r in range(copies.rowCount())
            if copies.index(r, last).data()
        ]
        assert all(tip and "," in tip for tip in tips), tips
    finally:
        i18n.remove_translators(qapp)


def area(widget: QWidget, page: QWidget) -> QRect:
    """Where ``widget`` is drawn, in ``page``'s coordinates."""
    return QRect(widget.mapTo(page, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("language", ["en", "ko", "ko_KP"])
def test_the_report_description_never_covers_the_list_of_kinds(qapp, qtbot, shown, language):
    """At 1280×800 and at 1920×1080, whichever kind is chosen (down the list by keyboard),
    its description stands whole between the list of kinds (every kind in view) and the
    period below it, never drawn over either."""
    try:
        i18n.install_translator(qapp, language)
        window, page = shown("reports")
        kinds, description = page.kinds, page.description
        for size in (SIZE, (1920, 1080)):
            window.resize(*size)
            settle()
            assert (window.width(), window.height()) == size  # the page fits, not the window
            kinds.setFocus()
            qtbot.keyClick(kinds, Qt.Key.Key_Home)
            for row in range(kinds.count()):
                if row:
                    qtbot.keyClick(kinds, Qt.Key.Key_Down)
                settle()
                assert kinds.currentRow() == row
                assert description.text() == words.report_description(page.kind())
                text, listed = area(description, page), area(kinds, page)
                period = area(page.limit_period, page)
                assert listed.bottom() < text.top() and text.bottom() < period.top(), (size, row)
                assert description.height() >= description.heightForWidth(description.width())
                last = kinds.visualItemRect(kinds.item(kinds.count() - 1))
                assert last.bottom() <= kinds.viewport().height()  # every kind in view
    finally:
        i18n.remove_translators(qapp)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_reminders_borrower_is_whole_and_the_title_has_no_doubled_brackets(
    qapp, shown, language
):
    try:
        i18n.install_translator(qapp, language)
        _, page = shown("reminders")
        table, model = page.overdue_table, page.overdue
        borrower = model.columnCount() - 1
        names = [model.index(r, borrower).data() for r in range(model.rowCount())]
        assert names, "the demo has overdue loans"
        assert column_shows(table, borrower, names), names
        caption = page.history_caption.text()
        assert not re.search(r"\)\s*\(", caption), caption
        assert "(s)" not in caption
    finally:
        i18n.remove_translators(qapp)


# -- the dark palette -------------------------------------------------------------------------


def contrast(a: QColor, b: QColor) -> int:
    return abs(a.lightness() - b.lightness())


@pytest.fixture
def dark(qapp) -> Iterator[None]:
    style, palette = qapp.style().name(), qapp.palette()
    theme.use_palette(qapp, True)
    yield
    qapp.setStyle(style)
    qapp.setPalette(palette)


def rim_contrast(widget: QWidget) -> int:
    """How far the widget's outermost pixels (halfway down its left edge) stand from the
    window colour behind it."""
    image = widget.grab().toImage()
    window = widget.palette().color(widget.palette().ColorRole.Window)
    middle = image.height() // 2
    return max(contrast(image.pixelColor(x, middle), window) for x in range(0, 3))


def test_dark_fields_and_the_encrypt_box_have_a_visible_rim(qtbot, dark):
    from ui.signin import SignInDialog
    from ui.welcome import WelcomeDialog

    welcome = WelcomeDialog(Path("catalogue.db"))
    qtbot.addWidget(welcome)
    welcome.stack.setCurrentWidget(welcome.new_page)
    welcome.show()
    for field in (welcome.path_edit, welcome.user_edit, welcome.password_edit):
        assert rim_contrast(field) >= 60, field.accessibleName()
    box = welcome.encrypt_box
    image = box.grab().toImage()
    window = box.palette().color(box.palette().ColorRole.Window)
    # the indicator's rim: the brightest pixel of its square against the window
    side = min(image.height(), 18)
    assert (
        max(contrast(image.pixelColor(x, y), window) for x in range(side) for y in range(side))
        >= 60
    )
    signin = SignInDialog(catalogue_name="demo.db", demo=True)
    qtbot.addWidget(signin)
    signin.show()
    from PySide6.QtWidgets import QLineEdit

    for field in signin.findChildren(QLineEdit):
        if field.isVisible():
            assert rim_contrast(field) >= 60


def test_the_lock_screens_fields_have_a_rim_on_the_dark_palette(make_window, dark):
    from PySide6.QtWidgets import QLineEdit

    window = make_window("librarian")
    window.lock_panel.configure("locked", username="librarian", full_name="Kim Eun-ha")
    window.lock_panel.show()
    fields = [f for f in window.lock_panel.findChildren(QLineEdit) if f.isVisible()]
    assert fields
    for field in fields:
        assert rim_contrast(field) >= 60


# -- audit details and times ----------------------------------------------------------------------


def test_audit_details_read_as_words():
    assert details_summary(json.dumps({"flags": ["unknown"], "barcode": "RR99999"})) == (
        "flags: unknown, barcode: RR99999"
    )
    assert details_summary(json.dumps({"flags": ["scanned before", "wrong location"]})) == (
        "flags: scanned before, wrong location"
    )
    assert details_summary(json.dumps({"flags": []})) == "flags: —"
    assert "[" not in details_summary(json.dumps({"new": {"a": [1, 2]}, "old": {"a": []}}))


def test_stocktake_scan_times_and_the_audit_entry_are_to_the_second(shown):
    window, _ = shown("stocktake")
    actor = window.session.actor
    stocktake.start(actor)
    stocktake.scan(actor, "RR99999", "Safe A/1")  # unknown: flags ["unknown"]
    page = window.show_page("stocktake")
    page.refresh()
    settle()
    text = page.scans.index(0, 0).data()
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", text), text
    audit = window.show_page("audit_log")
    audit.refresh()
    settle()
    audit.table.select_row(0)
    settle()
    shown_text = audit.entry.toPlainText()
    first = shown_text.splitlines()[0]
    assert re.search(r" at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d by ", first), first
    assert not re.search(r"\d\d:\d\d:\d\d\.\d", shown_text.splitlines()[0])
    summary = audit.model.index(0, 5).data()
    assert "['" not in summary and "flags: unknown" in summary, summary


# -- the welcome and the screenshots -------------------------------------------------------------


def test_the_welcome_says_what_the_demo_holds(qtbot):
    from ui.welcome import WelcomeDialog, shown_path

    held = demo.contents()
    assert (held.works, held.copies, held.borrowers) == (23, 70, 11)  # the demo's files
    welcome = WelcomeDialog(Path.home() / ".local" / "share" / "ReadingRoom" / "catalogue.db")
    qtbot.addWidget(welcome)
    text = welcome.demo_button.description()
    assert text.startswith("23 works (70 copies), 11 borrowers and demo staff accounts.")
    assert "seventy" not in text
    assert welcome.path_edit.text() == str(Path("~/.local/share/ReadingRoom/catalogue.db"))
    assert shown_path(Path("/srv/library/catalogue.db")) == "/srv/library/catalogue.db"


def test_the_dark_set_is_rendered_on_a_demo_of_its_own(monkeypatch, tmp_path):
    """The light set opens a stocktake (its stocktake scene); the dark set must not start
    from there, or its pages differ from the light ones."""
    from ui import screenshots

    seen: list[tuple[str, bool]] = []

    def fake_window(out_dir, size, suffix, db_path, settings):
        seen.append((suffix, stocktake.open_stocktake() is None))
        from readingroom import first_run, staff

        username, password, _ = first_run.demo_supervisor()
        stocktake.start(staff.authenticate(username, password))
        return []

    monkeypatch.setattr(screenshots, "render_window", fake_window)
    monkeypatch.setattr(screenshots, "render_dialogs", lambda *args: [])
    screenshots.render_all(tmp_path, palettes=(False, True))
    assert seen == [("", True), ("-dark", True)]
    assert not theme.is_dark()  # the palette it found is put back


def test_the_demo_counts_are_not_written_down_anywhere():
    welcome = Path(__file__).resolve().parents[2] / "ui" / "welcome.py"
    assert "seventy" not in welcome.read_text(encoding="utf-8")
    assert HoldStatus.READY  # the set-aside status the circulation page keeps apart


def test_one_day_is_said_in_the_singular(qapp):
    from datetime import timedelta
    from types import SimpleNamespace

    from readingroom import clock
    from readingroom.browse.waiting import SetAsideLine
    from ui.models import borrowers_model, catalogue_model, holds_model

    today = clock.today()
    lent = SimpleNamespace(
        active=True, override_by=None, returned_on=None, days_overdue=lambda _day: 1
    )
    assert borrowers_model._loan_state(lent) == "1 day overdue"
    back = SimpleNamespace(
        active=False, override_by=None, returned_on=today, days_overdue=lambda _day: 1
    )
    assert borrowers_model._loan_state(back).endswith(", 1 day late")
    copy = SimpleNamespace(
        member_no="W-1",
        borrower_name="Kim",
        due=today - timedelta(days=1),
        held_for=None,
        seat=None,
    )
    assert catalogue_model._who(copy).endswith(" (1 day overdue)")
    model = holds_model.set_aside_model()
    line = SetAsideLine(1, "RR1", "Title", 1, "W-1", "Kim", today - timedelta(days=1), 1)
    model.set_rows([line])
    texts = [model.index(0, c).data() for c in range(model.columnCount())]
    assert "1 day" in texts and "1 days" not in texts


def test_the_overdue_table_fills_its_width_on_a_large_screen(make_window):
    """Its title gives way or takes the spare width; after a reload too (1920×1080)."""
    window = make_window("supervisor")
    window.resize(1920, 1080)
    page = window.show_page("reminders")
    settle()
    page.refresh()
    settle()
    table, model = page.overdue_table, page.overdue
    used = sum(table.columnWidth(c) for c in range(model.columnCount()))
    assert abs(used - table.viewport().width()) <= 1
    assert no_sideways_scroll(table)
