"""What the window shows when a staff session is not at the desk (issue 9, items 4 and 6).

An account disabled while its window is open is signed out at its next change, with the
change refused; the writers' screen and the lock screen show nothing of the staff session
(no name, no status bar, no last action), read from the widgets a person would see.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit

from readingroom import staff
from readingroom.errors import NotPermitted
from readingroom.store.models import Loan
from tests.ui.shell_support import borrower, desk_of, lendable_copy, wait_for_desk
from ui.lock import SIGNED_OUT
from ui.main_window import LOCKED_MODE, STAFF, WRITERS


def scan(qtbot, page, code: str) -> None:
    qtbot.keyClicks(page.scan_edit, code)
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)
    wait_for_desk(qtbot, page)


def visible_texts(window) -> str:
    """Every text a person in front of the window can read."""
    texts = [window.windowTitle()]
    for label in window.findChildren(QLabel):
        if label.isVisible():
            texts.append(label.text())
    for button in window.findChildren(QAbstractButton):
        if button.isVisible():
            texts.append(button.text())
    for edit in window.findChildren(QLineEdit):
        if edit.isVisible():
            texts += [edit.text(), edit.placeholderText()]
    if window.statusBar().isVisible():
        texts.append(window.statusBar().currentMessage())
    return "\n".join(texts)


def lend_at_the_desk(qtbot, window) -> tuple[str, str]:
    page = desk_of(window)
    writer, copy = borrower("writer"), lendable_copy()
    scan(qtbot, page, writer.member_no)
    scan(qtbot, page, copy.barcode)
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)
    wait_for_desk(qtbot, page)
    return writer.member_no, copy.barcode


def test_a_disabled_librarians_lend_at_the_desk_is_refused_and_signs_out(qtbot, window, sign_in):
    staff.set_active(sign_in("supervisor"), "librarian", False)
    loans = Loan.select().count()
    member_no, barcode = lend_at_the_desk(qtbot, window)
    assert Loan.select().count() == loans  # nothing was lent
    qtbot.waitUntil(lambda: window.mode == LOCKED_MODE, timeout=3000)
    panel = window.lock_panel
    assert panel.purpose == SIGNED_OUT and window.session.actor is None
    assert "signed out" in panel.form.message.text()
    assert "Kim Eun-ha" not in visible_texts(window)
    qtbot.keyClicks(panel.form.user_edit, "librarian")
    qtbot.keyClicks(panel.form.password_edit, "librarian")
    qtbot.keyClick(panel.form.password_edit, Qt.Key.Key_Return)
    assert window.mode == LOCKED_MODE  # still disabled: no way back in


def test_a_librarian_locked_out_elsewhere_is_signed_out_here_too(qtbot, window):
    for _ in range(staff.LOCK_AFTER_FAILURES):  # someone guessing at another desk
        with pytest.raises(NotPermitted):
            staff.authenticate("librarian", "a-wrong-guess")
    loans = Loan.select().count()
    lend_at_the_desk(qtbot, window)
    assert Loan.select().count() == loans
    qtbot.waitUntil(lambda: window.mode == LOCKED_MODE, timeout=3000)


def test_the_writers_screen_shows_nothing_of_the_staff_session(qtbot, window):
    member_no, barcode = lend_at_the_desk(qtbot, window)
    status = window.statusBar().currentMessage()
    assert barcode in status and "Kim Eun-ha" in visible_texts(window)  # the staff view
    qtbot.keyClick(
        window.centralWidget(),
        Qt.Key.Key_W,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.mode == WRITERS
    shown = visible_texts(window)
    for secret in ("Kim Eun-ha", "librarian", barcode, member_no, status, "demo.db"):
        assert secret not in shown, secret
    qtbot.mouseClick(window.writers.leave_button, Qt.MouseButton.LeftButton)  # its lock
    shown = visible_texts(window)
    for secret in ("Kim Eun-ha", "librarian", barcode, member_no, status):
        assert secret not in shown, secret


def test_the_lock_screen_shows_nothing_of_the_staff_session(qtbot, window):
    member_no, barcode = lend_at_the_desk(qtbot, window)
    status = window.statusBar().currentMessage()
    window.lock()
    assert window.mode == LOCKED_MODE
    shown = visible_texts(window)
    for secret in ("Kim Eun-ha", "librarian", barcode, member_no, status):
        assert secret not in shown, secret
    panel = window.lock_panel
    qtbot.keyClicks(panel.form.user_edit, "librarian")
    qtbot.keyClicks(panel.form.password_edit, "librarian")
    qtbot.keyClick(panel.form.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.mode == STAFF)  # signed in in the calls thread
    assert "Kim Eun-ha" in window.windowTitle()
    assert window.statusBar().isVisible()
