"""Staff sign-in: the dialog, demo accounts, plain messages, lockout, and the lock panel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from readingroom import staff
from readingroom.store.models import AuditEntry
from tests.ui.shell_support import password_of
from ui import operations
from ui.lock import LOCKED, SIGNED_OUT, LockPanel
from ui.signin import SignInDialog


def open_dialog(qtbot, *, demo: bool, username: str = "") -> SignInDialog:
    dialog = SignInDialog(catalogue_name="demo.db", demo=demo, username=username)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def type_and_sign_in(qtbot, form, username: str, password: str) -> None:
    form.user_edit.clear()
    qtbot.keyClicks(form.user_edit, username)
    qtbot.keyClick(form.user_edit, Qt.Key.Key_Return)  # moves on to the password
    qtbot.keyClicks(form.password_edit, password)
    qtbot.keyClick(form.password_edit, Qt.Key.Key_Return)
    settle()


def settle() -> None:
    """The sign-in runs in the calls thread: wait until it has reported back."""
    assert operations.settle(20_000)


def audit_actions() -> list[str]:
    return [e.action for e in AuditEntry.select().order_by(AuditEntry.id)]


@pytest.mark.both_databases
def test_sign_in_with_a_demo_account_and_it_is_audited(qtbot, demo_catalogue):
    dialog = open_dialog(qtbot, demo=True)
    accounts = dialog.form.demo_list
    assert accounts.count() == 3
    librarian = next(
        accounts.item(i)
        for i in range(accounts.count())
        if "user librarian" in accounts.item(i).text()
    )
    rect = accounts.visualItemRect(librarian)
    qtbot.mouseClick(accounts.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.form.user_edit.text() == "librarian"
    qtbot.mouseClick(dialog.form.sign_in_button, Qt.MouseButton.LeftButton)
    settle()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.user.username == "librarian" and dialog.user.role == "librarian"
    last = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    assert (last.action, last.staff) == ("sign-in", "librarian")


def test_typing_the_name_and_password_signs_in(qtbot, demo_catalogue):
    dialog = open_dialog(qtbot, demo=False)
    type_and_sign_in(qtbot, dialog.form, "supervisor", password_of("supervisor"))
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.user.role == "supervisor"


def test_a_real_catalogue_lists_no_demo_accounts(qtbot, demo_catalogue):
    dialog = open_dialog(qtbot, demo=False)
    assert dialog.form.demo_list is None


@pytest.mark.both_databases
def test_a_wrong_password_is_a_plain_message_and_audited(qtbot, demo_catalogue):
    dialog = open_dialog(qtbot, demo=True, username="librarian")
    assert dialog.focusWidget() is dialog.form.password_edit  # straight to the password
    qtbot.keyClicks(dialog.form.password_edit, "not-it")
    qtbot.keyClick(dialog.form.password_edit, Qt.Key.Key_Return)
    settle()
    assert dialog.isVisible() and dialog.user is None
    assert dialog.focusWidget() is dialog.form.password_edit
    assert dialog.form.message.text() == staff.WRONG_NAME_OR_PASSWORD
    assert dialog.form.password_edit.text() == ""
    assert audit_actions()[-1] == "sign-in-failed"


@pytest.mark.both_databases
def test_a_locked_account_says_so_plainly_and_others_still_sign_in(qtbot, demo_catalogue):
    dialog = open_dialog(qtbot, demo=True)
    for _ in range(5):
        type_and_sign_in(qtbot, dialog.form, "librarian", "wrong")
    type_and_sign_in(qtbot, dialog.form, "librarian", password_of("librarian"))
    message = dialog.form.message.text()  # the lock answers as a wrong password does
    assert message == staff.WRONG_NAME_OR_PASSWORD and "lock an account" in message
    assert dialog.user is None
    type_and_sign_in(qtbot, dialog.form, "supervisor", password_of("supervisor"))
    assert dialog.user.username == "supervisor"


def test_an_empty_user_name_is_asked_for(qtbot, demo_catalogue):
    dialog = open_dialog(qtbot, demo=True)
    qtbot.mouseClick(dialog.form.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.form.message.text() == "Type your user name."


def test_the_lock_panel_shows_no_name_of_the_session(qtbot, demo_catalogue):
    panel = LockPanel()
    qtbot.addWidget(panel)
    panel.configure(LOCKED, username="librarian", full_name="Kim Eun-ha", demo=True)
    panel.show()
    assert not panel.form.user_edit.isReadOnly() and panel.form.demo_list is None
    assert panel.form.user_edit.text() == "" and not panel.other_user_button.isVisible()
    assert "Kim Eun-ha" not in panel.explanation.text()
    with qtbot.waitSignal(panel.signed_in) as signed:
        qtbot.keyClicks(panel.form.user_edit, "librarian")
        qtbot.keyClicks(panel.form.password_edit, password_of("librarian"))
        qtbot.keyClick(panel.form.password_edit, Qt.Key.Key_Return)
        settle()
    assert signed.args[0].username == "librarian"


def test_after_signing_out_the_panel_shows_the_demo_accounts(qtbot, demo_catalogue):
    panel = LockPanel()
    qtbot.addWidget(panel)
    panel.configure(SIGNED_OUT, demo=True)
    assert panel.form.demo_list is not None and not panel.form.user_edit.isReadOnly()


def test_staff_change_their_own_password(qtbot, demo_catalogue):
    from readingroom import staff
    from ui.signin import PasswordDialog

    user = staff.authenticate("librarian", password_of("librarian"))
    dialog = PasswordDialog(user)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.current_edit, "not-mine")
    qtbot.keyClicks(dialog.new_edit, "new-secret")
    qtbot.keyClicks(dialog.repeat_edit, "new-secret")
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    settle()
    assert dialog.message.text() == "The current password is wrong."
    dialog.current_edit.setText(password_of("librarian"))
    dialog.repeat_edit.setText("different")
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "The two new passwords differ."
    dialog.repeat_edit.setText("new-secret")
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    settle()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert staff.authenticate("librarian", "new-secret").username == "librarian"
    assert audit_actions()[-1] == "staff-password"
    assert "new-secret" not in " ".join(e.details for e in AuditEntry.select())
