"""The second person: another staff member signs in on the spot to confirm an act that
removes a copy (marking it lost or withdrawn, closing the room with copies out).

The sign-in is checked by :func:`readingroom.confirm.second_person` in the calls thread
(counted and audited like any sign-in); the same person twice, a wrong password or the
inspector are refused inline and the dialog stays open.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from readingroom import confirm, staff
from readingroom.errors import ReadingRoomError
from ui import icons
from ui.operations import Changes, CollectionOp
from ui.reasons import error_text
from ui.session import Session
from ui.signin import MessageLabel


class SecondPersonDialog(QDialog):
    """A second staff member's user name and password, for ``what`` (a sentence)."""

    def __init__(self, session: Session, what: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.confirmer: staff.Actor | None = None
        self.busy = False
        self.setWindowTitle(self.tr("A second person confirms"))
        self.setWindowIcon(icons.icon("lock"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "{what} A second staff member, not you, signs in here to confirm it; "
                "both names are recorded."
            ).format(what=what)
        )
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self.user_edit = QLineEdit()
        self.user_edit.setAccessibleName(self.tr("Second person's user name"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Second person's password"))
        form.addRow(self.tr("Second person's &user name:"), self.user_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)
        layout.addLayout(form)
        self.message = MessageLabel()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.confirm_button = buttons.addButton(
            self.tr("&Confirm"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def check(self) -> None:
        """Sign the second person in (calls thread); accepted once they confirm."""
        if self.busy:
            return
        actor = self.session.actor
        username, password = self.user_edit.text().strip(), self.password_edit.text()
        self.busy = True
        self.message.clear_message()
        op = CollectionOp(
            self,
            lambda: confirm.second_person(actor, username, password),
            Changes(staff=True, audit=True),  # a sign-in is recorded, a failed one counted
        )
        op.success(self._confirmed).inline(self._refused)
        op.disabling(self.confirm_button).finally_(self._checked).run()

    def _confirmed(self, confirmer: staff.Actor) -> None:
        self.confirmer = confirmer
        self.accept()

    def _refused(self, error: ReadingRoomError) -> None:
        self.message.show_message(error_text(error))
        self.password_edit.clear()
        self.password_edit.setFocus()

    def _checked(self) -> None:
        self.busy = False


def ask_second_person(parent: QWidget, session: Session, what: str) -> staff.Actor | None:
    """The confirming staff member, or None if cancelled (tests patch this)."""
    dialog = SecondPersonDialog(session, what, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.confirmer
