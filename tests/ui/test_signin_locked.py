"""Signing in never freezes the window (issue 10): checking the password and recording the
sign-in (a supervisor's seals the audit trail) run in the calls thread, so while another
program holds the catalogue's write lock the dialog keeps painting, says it is working and
takes no second attempt; once the lock is let go the sign-in goes through."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from readingroom.store.models import AuditEntry
from tests.ui.shell_support import password_of
from tests.ui.test_desk_locked import MAX_GAP_S, Ticks, hold_the_lock
from tests.ui.test_signin import open_dialog
from ui import operations


def sign_ins() -> int:
    return AuditEntry.select().where(AuditEntry.action == "sign-in").count()


def test_a_supervisor_signs_in_while_another_program_holds_the_lock(
    qtbot, demo_catalogue, tmp_path, monkeypatch
):
    monkeypatch.setenv("READINGROOM_BUSY_TIMEOUT_MS", "10000")
    operations.release()  # the calls thread opens its connection afresh, with that wait
    dialog = open_dialog(qtbot, demo=False)
    form = dialog.form
    before = sign_ins()
    flag = tmp_path / "lock-flag"
    holder = hold_the_lock(qtbot, demo_catalogue, flag, 2.0)
    ticks = Ticks()
    ticks.start()
    qtbot.keyClicks(form.user_edit, "supervisor")
    qtbot.keyClicks(form.password_edit, password_of("supervisor"))
    qtbot.keyClick(form.password_edit, Qt.Key.Key_Return)
    assert form.busy and form.busy_label.isVisibleTo(dialog)
    assert not form.sign_in_button.isEnabled() and not form.password_edit.isEnabled()
    form.attempt()  # a second attempt meanwhile is not started
    assert operations.running() == 1
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # no cancelling a sign-in half made
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=20_000)
    finished = time.time()
    ticks.stop()
    assert holder.wait(10) == 0
    released = float(flag.read_text())

    assert ticks.times[-1] - ticks.times[0] >= 1.5  # the sign-in waited for the lock
    assert ticks.longest_gap() < MAX_GAP_S, ticks.longest_gap()
    assert finished >= released
    assert dialog.user is not None and dialog.user.username == "supervisor"
    assert sign_ins() == before + 1  # exactly once
    assert not form.busy and not form.busy_label.isVisibleTo(dialog)


def test_a_refusal_after_the_wait_is_shown_under_the_fields(qtbot, demo_catalogue):
    dialog = open_dialog(qtbot, demo=False, username="librarian")
    qtbot.keyClicks(dialog.form.password_edit, "not-it")
    qtbot.keyClick(dialog.form.password_edit, Qt.Key.Key_Return)
    assert dialog.form.busy
    qtbot.waitUntil(lambda: not dialog.form.busy, timeout=20_000)
    assert dialog.isVisible() and dialog.user is None
    assert dialog.form.message.isVisibleTo(dialog) and dialog.form.password_edit.isEnabled()
