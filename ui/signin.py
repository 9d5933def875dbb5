"""Staff sign-in: a form (reused by the lock screen) and the dialog shown at start.

Signing in goes through :func:`readingroom.staff.authenticate` (failures are counted and
audited, repeated failures lock the account) and, once it succeeds,
:func:`readingroom.staff.record_sign_in` (the window's sign-ins are audited). A locked or
disabled account, or a wrong password, is a plain message under the fields. On the demo
catalogue the form lists the demo accounts, whose passwords are public.

Both calls run in the window's calls thread (:class:`ui.operations.CollectionOp`): checking
the password takes a noticeable moment (argon2), a supervisor's sign-in seals the audit
trail, and another program may hold the catalogue's write lock. Meanwhile the form keeps
painting, says it is signing in and takes no second attempt. Changing one's password runs
the same way.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from readingroom import staff
from readingroom.demo import DEMO_ACCOUNTS
from readingroom.errors import ReadingRoomError
from ui import icons
from ui.operations import Changes, CollectionOp
from ui.reasons import error_text
from ui.theme import status_tones

#: what a sign-in writes: the audit trail (and, for a supervisor, its seal)
SIGN_IN_WRITES = Changes(audit=True)
#: what changing one's password writes
PASSWORD_WRITES = Changes(staff=True, audit=True)


def _sign_in(username: str, password: str) -> staff.Actor:
    """Check the password and record the sign-in (the calls thread: no widget here)."""
    user = staff.authenticate(username, password)
    staff.record_sign_in(user)
    return user


class MessageLabel(QLabel):
    """A plain, word-wrapped message under a form: empty and hidden until there is one."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName(self.tr("Message"))
        self.hide()

    def show_message(self, text: str, tone: str = "refused") -> None:
        colours = getattr(status_tones(self.palette()), tone)
        self.setStyleSheet(f"QLabel {{ {colours.css()} padding: 6px 8px; border-radius: 4px; }}")
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.setText("")
        self.hide()


class SignInForm(QWidget):
    """User name, password, a message line and (on the demo) the demo accounts."""

    signed_in = Signal(object)  # staff.Actor

    def __init__(
        self,
        *,
        demo: bool = False,
        username: str = "",
        username_fixed: bool = False,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.user_edit = QLineEdit(username)
        self.user_edit.setAccessibleName(self.tr("User name"))
        self.user_edit.setReadOnly(username_fixed)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.message = MessageLabel()
        self.busy_label = QLabel(self.tr("Signing in…"))
        self.busy_label.setAccessibleName(self.tr("Signing in"))
        self.busy_label.hide()
        self.busy = False
        self.sign_in_button = QPushButton(icons.icon("user"), self.tr("&Sign in"))
        self.sign_in_button.setAccessibleName(self.tr("Sign in"))
        self.sign_in_button.clicked.connect(self.attempt)
        self.user_edit.returnPressed.connect(self.password_edit.setFocus)
        self.password_edit.returnPressed.connect(self.attempt)
        form = QFormLayout()
        form.addRow(self.tr("&User name:"), self.user_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addWidget(self.busy_label)
        row.addStretch(1)
        row.addWidget(self.sign_in_button)
        layout.addLayout(row)
        self.demo_list = self._demo_accounts() if demo else None
        if self.demo_list is not None:
            layout.addWidget(QLabel(self.tr("Demo accounts (click one to fill in the form):")))
            layout.addWidget(self.demo_list)

    def _demo_accounts(self) -> QListWidget:
        accounts = QListWidget()
        accounts.setAccessibleName(self.tr("Demo accounts"))
        for username, password, role, full_name in DEMO_ACCOUNTS:
            item = QListWidgetItem(
                icons.icon("user"),
                self.tr("{name}: user {user}, password {password}").format(
                    name=full_name, user=username, password=password
                ),
            )
            item.setData(Qt.ItemDataRole.UserRole, (username, password))
            item.setToolTip(role)
            accounts.addItem(item)
        accounts.setMaximumHeight(accounts.sizeHintForRow(0) * (len(DEMO_ACCOUNTS) + 1))
        accounts.itemClicked.connect(self.use_demo_account)
        accounts.itemActivated.connect(self._sign_in_as_demo)
        return accounts

    def use_demo_account(self, item: QListWidgetItem) -> None:
        username, password = item.data(Qt.ItemDataRole.UserRole)
        self.user_edit.setText(username)
        self.password_edit.setText(password)

    def _sign_in_as_demo(self, item: QListWidgetItem) -> None:
        self.use_demo_account(item)
        self.attempt()

    def focus_first_empty(self) -> None:
        target = self.password_edit if self.user_edit.text() else self.user_edit
        target.setFocus()

    def attempt(self) -> None:
        """Sign in with what is typed, in the calls thread; ``signed_in`` says who once it
        succeeded, a refusal is shown under the fields."""
        if self.busy:
            return  # one attempt at a time
        username = self.user_edit.text().strip()
        if not username:
            self.message.show_message(self.tr("Type your user name."))
            self.user_edit.setFocus()
            return
        password = self.password_edit.text()
        if not password:  # never a valid password: Enter in the name field lands here too
            self.password_edit.setFocus()
            return
        self._set_busy(True)
        CollectionOp(self, lambda: _sign_in(username, password), SIGN_IN_WRITES).success(
            self._succeeded
        ).failure(self._refused).finally_(lambda: self._set_busy(False)).run()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_label.setVisible(busy)
        for widget in (self.sign_in_button, self.user_edit, self.password_edit):
            widget.setEnabled(not busy)
        if self.demo_list is not None:
            self.demo_list.setEnabled(not busy)

    def _succeeded(self, user: staff.Actor) -> None:
        self.message.clear_message()
        self.password_edit.clear()
        self.signed_in.emit(user)

    def _refused(self, error: BaseException) -> bool:
        """A refusal (or a catalogue that cannot be used now) under the fields, as before."""
        if not isinstance(error, ReadingRoomError):
            return False  # a bug: the crash dialog
        self.message.show_message(error_text(error))
        self.password_edit.clear()
        self.password_edit.setEnabled(True)  # before the busy state ends: focus goes there
        self.password_edit.setFocus()
        return True


class SignInDialog(QDialog):
    """The first thing after opening a catalogue: who is at the desk."""

    def __init__(
        self, *, catalogue_name: str, demo: bool, username: str = "", parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.user: staff.Actor | None = None
        self.setWindowTitle(self.tr("Sign in: Reading Room"))
        self.setWindowIcon(icons.app_icon())
        self.setMinimumWidth(460)
        logo = QLabel()
        logo.setPixmap(icons.app_icon().pixmap(48, 48))
        title = QLabel(self.tr("<b>Reading Room</b>"))
        title.setStyleSheet("font-size: 16pt;")
        where = self.tr("Demo collection ({name})") if demo else self.tr("Catalogue: {name}")
        subtitle = QLabel(where.format(name=catalogue_name))
        subtitle.setTextFormat(Qt.TextFormat.PlainText)
        heading = QVBoxLayout()
        heading.addWidget(title)
        heading.addWidget(subtitle)
        top = QHBoxLayout()
        top.addWidget(logo)
        top.addLayout(heading, 1)
        self.form = SignInForm(demo=demo, username=username)
        self.form.signed_in.connect(self._accept_user)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.form)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.form.focus_first_empty()

    def reject(self) -> None:
        """Cancel, Esc or closing: not while a sign-in runs (it would be recorded for a
        dialog no longer there); once it has answered, as usual."""
        if not self.form.busy:
            super().reject()

    def _accept_user(self, user: staff.Actor) -> None:
        self.user = user
        self.accept()


def ask_sign_in(
    parent: QWidget | None, *, catalogue_name: str, demo: bool, username: str = ""
) -> staff.Actor | None:
    """Show the sign-in dialog (modal); the signed-in user, or None if cancelled."""
    dialog = SignInDialog(
        catalogue_name=catalogue_name, demo=demo, username=username, parent=parent
    )
    return dialog.user if dialog.exec() == QDialog.DialogCode.Accepted else None


class PasswordDialog(QDialog):
    """Change one's own password: the current one, the new one twice."""

    def __init__(self, user: staff.Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.user = user
        self.setWindowTitle(self.tr("Change my password"))
        self.setWindowIcon(icons.icon("lock"))
        self.setMinimumWidth(420)
        self.current_edit, self.new_edit, self.repeat_edit = (QLineEdit() for _ in range(3))
        form = QFormLayout()
        for edit, label, name in (
            (self.current_edit, self.tr("&Current password:"), self.tr("Current password")),
            (self.new_edit, self.tr("&New password:"), self.tr("New password")),
            (self.repeat_edit, self.tr("New password &again:"), self.tr("New password again")),
        ):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setAccessibleName(name)
            form.addRow(label, edit)
        self.message = MessageLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.change_button = buttons.addButton(
            self.tr("C&hange"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.change)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Signed in as {name}.").format(name=user.display_name)))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def change(self) -> None:
        """Change the password in the calls thread; closed once changed, else the refusal."""
        if self.new_edit.text() != self.repeat_edit.text():
            self.message.show_message(self.tr("The two new passwords differ."))
            self.repeat_edit.clear()
            return
        user, new, old = self.user, self.new_edit.text(), self.current_edit.text()
        self.message.clear_message()
        CollectionOp(
            self,
            lambda: staff.set_password(user, user.username, new, old_password=old),
            PASSWORD_WRITES,
        ).success(lambda _none: self.accept()).failure(self._refused).disabling(
            self.change_button
        ).run()

    def _refused(self, error: BaseException) -> bool:
        if not isinstance(error, ReadingRoomError):
            return False
        self.message.show_message(error_text(error))
        return True


def ask_change_password(parent: QWidget | None, user: staff.Actor) -> bool:
    """The password dialog, modal; True once the password was changed (tests patch this)."""
    return PasswordDialog(user, parent).exec() == QDialog.DialogCode.Accepted
