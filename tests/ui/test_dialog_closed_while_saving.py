"""A dialog closed while its save runs (issue 10): Cancel or Esc closes it at once, the save
goes on in the calls thread, and the page that opened it still hears of the write (the
runner announces the Changes whatever becomes of the dialog), so the list shows it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from readingroom import borrowers
from tests.ui.test_desk_locked import hold_the_lock
from ui import operations
from ui.pages.borrowers import BorrowersPage


def test_a_borrower_saved_after_the_dialog_was_closed_reaches_the_list(
    qtbot, make_window, tmp_path, monkeypatch
):
    monkeypatch.setenv("READINGROOM_BUSY_TIMEOUT_MS", "10000")
    operations.release()  # the calls thread opens its connection afresh, with that wait
    window = make_window("librarian", pages=[BorrowersPage])
    page = window.show_page("borrowers")
    assert operations.settle()
    refreshed: list[int] = []
    original = page.refresh
    monkeypatch.setattr(page, "refresh", lambda: (refreshed.append(1), original()))
    page.new_button.click()
    dialog = page.dialog
    dialog.member_no.setText("W-2101")
    dialog.name.setText("Ri Chol-su")
    saved: list[object] = []
    dialog.saved.connect(saved.append)
    holder = hold_the_lock(qtbot, window.session.db_path, tmp_path / "lock-flag", 1.0)
    dialog.save_button.click()  # into the lock
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # the librarian gives up waiting
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert operations.settle(20_000)
    assert holder.wait(10) == 0

    assert borrowers.get_borrower("W-2101").name == "Ri Chol-su"  # the save went through
    assert not saved  # the dialog was gone: its own success never ran
    assert refreshed  # but the page heard of the write and read its list again
    qtbot.waitUntil(lambda: "Ri Chol-su" in texts_of(page), timeout=10_000)


def texts_of(page: BorrowersPage) -> list[str]:
    model = page.model
    return [str(model.index(row, 1).data()) for row in range(model.rowCount())]
