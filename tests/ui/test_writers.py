"""The writers' catalogue: what writers see on their own, joining a list, and leaving it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from readingroom import circulation, kiosk, staff
from readingroom.store.models import Borrower, Copy, Hold, Work
from readingroom.vocabulary import HoldStatus
from tests.ui.pages_support import settled
from tests.ui.shell_support import (
    available_copies,
    borrower,
    desk_of,
    lend_out,
    lendable_copy,
    password_of,
    wait_for_desk,
)
from ui.lock import LEAVE_WRITERS
from ui.main_window import STAFF, WRITERS
from ui.pages.desk import RETURN

PIN = "3141"


def open_writers(qtbot, window):
    qtbot.keyClick(
        window.centralWidget(),
        Qt.Key.Key_W,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.mode == WRITERS
    return window.writers


def search(qtbot, writers, text: str) -> None:
    writers.search_edit.clear()
    qtbot.keyClicks(writers.search_edit, text)
    qtbot.waitUntil(lambda: not writers.search_timer.isActive())


def choose(writers, title: str) -> None:
    model = writers.model
    row = next(r for r in range(model.rowCount()) if model.record(r).title == title)
    writers.table.selectRow(row)
    assert writers.detail.title.text() == title


def everything_shown(writers) -> str:
    """Every text the writers' screen shows: table cells and all labels and fields."""
    model = writers.model
    cells = [
        str(model.data(model.index(r, c)))
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    ]
    labels = [w.text() for w in writers.findChildren(QLabel)]
    fields = [w.text() for w in writers.findChildren(QLineEdit)]
    return "\n".join(cells + labels + fields)


def test_no_staff_only_work_and_no_borrower_name_is_ever_shown(qtbot, window, sign_in):
    circulation.lend(
        sign_in("librarian"), lendable_copy().barcode, borrower("writer").member_no
    )  # a loan whose borrower must not show
    writers = open_writers(qtbot, window)
    hidden = [w.title for w in Work.select().where(Work.access == "staff-only")]
    names = [b.name for b in Borrower.select()]
    assert hidden and names
    shown_titles = {writers.model.record(r).title for r in range(writers.model.rowCount())}
    assert shown_titles and not shown_titles & set(hidden)
    for row in range(writers.model.rowCount()):  # every work's detail too
        writers.table.selectRow(row)
        text = everything_shown(writers)
        assert not [n for n in names if n in text]
        assert not [t for t in hidden if t in text]
    for title in hidden:  # searching for one by name finds nothing
        search(qtbot, writers, title.split()[0])
        assert title not in everything_shown(writers)


def test_staff_pages_and_menus_are_out_of_reach(qtbot, window):
    open_writers(qtbot, window)
    assert not window.menuBar().isVisible()
    assert window.modes.currentWidget() is window.writers
    assert not any(action.isEnabled() for action in window.page_actions)
    qtbot.keyClick(window.writers.search_edit, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.writers.search_edit, Qt.Key.Key_F2)
    assert window.modes.currentWidget() is window.writers


def test_leaving_needs_a_staff_password(qtbot, window):
    writers = open_writers(qtbot, window)
    window.close()  # closing is leaving too
    assert window.isVisible() and window.lock_panel.purpose == LEAVE_WRITERS
    qtbot.mouseClick(window.lock_panel.back_button, Qt.MouseButton.LeftButton)
    assert window.mode == WRITERS
    qtbot.mouseClick(writers.leave_button, Qt.MouseButton.LeftButton)
    form = window.lock_panel.form
    assert form.demo_list is None  # no demo passwords for writers to read
    assert form.user_edit.text() == ""  # nor the staff user's name
    qtbot.keyClicks(form.user_edit, "librarian")
    qtbot.keyClicks(form.password_edit, "guess")
    qtbot.keyClick(form.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not form.busy)  # the check runs in the calls thread
    assert window.mode != STAFF and form.message.text() == staff.WRONG_NAME_OR_PASSWORD
    qtbot.keyClicks(form.password_edit, password_of("librarian"))
    qtbot.keyClick(form.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.mode == STAFF)
    assert window.menuBar().isVisible()


def test_availability_due_dates_and_waiting_list_length(qtbot, window, sign_in):
    copy = lendable_copy()
    work = copy.work
    lend_out(sign_in("supervisor"), available_copies(work.id, copy.volume))
    writers = open_writers(qtbot, window)
    search(qtbot, writers, work.title)
    choose(writers, work.title)
    text = writers.detail.volumes.text()
    assert "next due back" in text
    row = next(
        r for r in range(writers.model.rowCount()) if writers.model.record(r).title == work.title
    )
    availability = writers.model.data(writers.model.index(row, 3))
    assert availability.startswith("All out") or "on the shelf" in availability


def test_a_hold_from_the_writers_catalogue_is_set_aside_on_return(qtbot, window, sign_in):
    first = lendable_copy()
    work, volume = first.work, first.volume
    waiting = borrower("writer")
    out = available_copies(work.id, volume)
    lend_out(sign_in("supervisor"), out, keep_free=(waiting.id,))  # every copy goes out

    writers = open_writers(qtbot, window)
    search(qtbot, writers, work.title)
    choose(writers, work.title)
    if writers.detail.volume_combo.isVisible():
        writers.detail.volume_combo.setCurrentIndex(volume - 1)
    kiosk.set_pin(sign_in("librarian"), waiting.member_no, PIN)
    qtbot.keyClicks(writers.detail.member_edit, waiting.member_no)
    qtbot.keyClicks(writers.detail.pin_edit, PIN)
    qtbot.mouseClick(writers.detail.join_button, Qt.MouseButton.LeftButton)
    settled()  # joined in the calls thread
    message = writers.detail.message.text()
    assert message.startswith("You are number 1 on the waiting list for")
    assert waiting.name not in message
    assert writers.detail.member_edit.text() == ""  # the next writer does not see it
    hold = Hold.get((Hold.borrower == waiting) & (Hold.work == work))
    assert hold.status == "waiting"

    qtbot.mouseClick(writers.leave_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.lock_panel.form.password_edit, password_of("librarian"))
    qtbot.keyClick(window.lock_panel.form.password_edit, Qt.Key.Key_Return)
    page = desk_of(window)
    qtbot.mouseClick(page.mode_buttons[RETURN], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.scan_edit, out[0])
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)
    wait_for_desk(qtbot, page)
    assert page.banner.headline.text() == f"Set aside for {waiting.name} ({waiting.member_no})"
    hold = Hold.get_by_id(hold.id)
    assert hold.status == HoldStatus.READY and hold.copy.barcode == out[0]
    assert Copy.get(Copy.barcode == out[0]).status == "held"


def join_as(qtbot, writers, member_no: str, pin: str) -> str:
    """Type a member number and a PIN into the real fields, press Enter: the reply."""
    qtbot.keyClicks(writers.detail.member_edit, member_no)
    qtbot.keyClick(writers.detail.member_edit, Qt.Key.Key_Return)
    assert writers.detail.pin_edit.hasFocus()
    qtbot.keyClicks(writers.detail.pin_edit, pin)
    qtbot.keyClick(writers.detail.pin_edit, Qt.Key.Key_Return)
    assert writers.detail.member_edit.text() == writers.detail.pin_edit.text() == ""
    settled()  # the answer comes from the calls thread; the fields were cleared at once
    return writers.detail.message.text()


def test_only_the_right_pin_joins_and_every_refusal_reads_the_same(qtbot, window, sign_in):
    librarian = sign_in("librarian")
    writer, cadre = borrower("writer"), borrower("cadre", clean=False)
    civilian = borrower("civilian", clean=False)
    for member in (writer, cadre, civilian):
        kiosk.set_pin(librarian, member.member_no, PIN)
    writers = open_writers(qtbot, window)
    copy = lendable_copy()
    search(qtbot, writers, copy.work.title)
    choose(writers, copy.work.title)
    holds_before = Hold.select().count()
    replies = {
        who: join_as(qtbot, writers, member_no, pin)
        for who, member_no, pin in (
            ("unknown", "NOBODY-99", PIN),
            ("wrong PIN", writer.member_no, "0000"),
            ("cadre", cadre.member_no, PIN),
            ("civilian", civilian.member_no, PIN),
        )
    }
    assert set(replies.values()) == {"Not possible here: ask at the desk."}, replies
    assert Hold.select().count() == holds_before
    joined = join_as(qtbot, writers, writer.member_no, PIN)
    assert joined.startswith(("A copy of", "You are number")) and writer.name not in joined
    assert Hold.select().count() == holds_before + 1
    assert Hold.select().order_by(Hold.id.desc()).first().borrower_id == writer.id


def test_five_wrong_pins_lock_the_writer_out_of_the_screen(qtbot, window, sign_in):
    writer = borrower("writer")
    kiosk.set_pin(sign_in("librarian"), writer.member_no, PIN)
    writers = open_writers(qtbot, window)
    copy = lendable_copy()
    search(qtbot, writers, copy.work.title)
    choose(writers, copy.work.title)
    holds_before = Hold.select().count()
    for _ in range(5):
        assert join_as(qtbot, writers, writer.member_no, "9999") == kiosk.NOT_HERE
    assert join_as(qtbot, writers, writer.member_no, PIN) == kiosk.NOT_HERE  # locked
    assert Hold.select().count() == holds_before


def test_a_member_number_without_a_pin_is_asked_for_the_pin(qtbot, window):
    writers = open_writers(qtbot, window)
    copy = lendable_copy()
    search(qtbot, writers, copy.work.title)
    choose(writers, copy.work.title)
    holds_before = Hold.select().count()
    qtbot.keyClicks(writers.detail.member_edit, borrower("writer").member_no)
    qtbot.mouseClick(writers.detail.join_button, Qt.MouseButton.LeftButton)
    assert writers.detail.message.text() == "Type your member number and your PIN."
    assert Hold.select().count() == holds_before


def test_reading_room_works_cannot_be_joined(qtbot, window):
    writers = open_writers(qtbot, window)
    title = Work.select().where(Work.access == "reading-room").first().title
    search(qtbot, writers, title)
    choose(writers, title)
    assert not writers.detail.join_box.isVisible()
    assert "reading room only" in writers.detail.about.text()


def test_the_inspector_cannot_open_it(qtbot, make_window):
    from ui.pages.desk import DeskPage

    window = make_window("inspector", pages=[DeskPage])
    assert not window.writers_action.isEnabled()
    window.enter_writers_mode()
    assert window.mode == STAFF and window.writers is None


def test_the_writers_model_passes_the_model_tester(qtbot, qtmodeltester, window):
    writers = open_writers(qtbot, window)
    assert writers.model.rowCount() > 0
    qtmodeltester.check(writers.model)
    writers.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(writers.model)


def test_a_work_shows_its_own_script_and_is_found_by_it(qtbot, window):
    """MARC::Charset's cjk4: 四分律 in its 880, found by the Hanja and shown beside the
    romanised Sabunyul."""
    from readingroom import marc
    from tests.core.test_marc_real import DATA

    marc.import_marc(staff.get_staff("librarian"), DATA / "marcperl_cjk4.mrc")
    writers = open_writers(qtbot, window)
    writers.search_edit.setText("四分律")  # QTest types ASCII only
    qtbot.waitUntil(lambda: not writers.search_timer.isActive())
    settled()
    qtbot.waitUntil(lambda: writers.model.rowCount() == 1)
    choose(writers, "Sabunyul")
    assert writers.detail.about.text().splitlines()[0] == "四分律"
