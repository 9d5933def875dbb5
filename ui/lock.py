"""The idle lock and the panel that asks for a staff password.

:class:`IdleWatcher` watches the application's keyboard and mouse input and says ``idle``
after the configured time (default 10 minutes, ``AppSettings.idle_lock_minutes``). The
window then hides everything behind a :class:`LockPanel`, which asks for a staff name and
password (it shows no name of the staff session: anyone may stand in front of it). The
same panel serves after signing out and when leaving the writers' catalogue.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import icons
from ui.signin import SignInForm

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)

LOCKED, SIGNED_OUT, LEAVE_WRITERS = "locked", "signed-out", "leave-writers"


class IdleWatcher(QObject):
    """Emits ``idle`` once no input has arrived for ``timeout_ms`` while it runs."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None):
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(timeout_ms)
        self.timer.timeout.connect(self.idle)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    @property
    def running(self) -> bool:
        return self.timer.isActive()

    def set_timeout(self, timeout_ms: int) -> None:
        self.timer.setInterval(timeout_ms)
        if self.running:
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in INPUT_EVENTS and self.timer.isActive():
            self.timer.start()
        return False

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class LockPanel(QWidget):
    """Covers the window and asks for a staff password; says who may come back in."""

    signed_in = Signal(object)  # StaffUser
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.purpose = LOCKED
        self.form: SignInForm | None = None
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading.setStyleSheet("font-size: 18pt; font-weight: 600;")
        self.explanation = QLabel()
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation.setWordWrap(True)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.other_user_button = QPushButton(
            icons.icon("switch_user"), self.tr("Sign in as someone &else")
        )
        self.other_user_button.clicked.connect(self.sign_in_as_someone_else)
        self.back_button = QPushButton(
            icons.icon("writers"), self.tr("&Back to the writers' catalogue")
        )
        self.back_button.clicked.connect(self.cancelled)
        self.card = QFrame()
        self.card.setFrameShape(QFrame.Shape.StyledPanel)
        self.card.setMaximumWidth(520)
        self.card_layout = QVBoxLayout(self.card)
        self.card_layout.setContentsMargins(28, 24, 28, 24)
        self.card_layout.setSpacing(12)
        for widget in (self.icon, self.heading, self.explanation):
            self.card_layout.addWidget(widget)
        self.form_slot = QVBoxLayout()
        self.card_layout.addLayout(self.form_slot)
        buttons = QHBoxLayout()
        buttons.addWidget(self.other_user_button)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        self.card_layout.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.card, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.setAccessibleName(self.tr("Locked"))

    def configure(
        self, purpose: str, *, username: str = "", full_name: str = "", demo: bool = False
    ) -> None:
        """Set the panel up to unlock, to sign in after signing out, or to leave writers'.

        Nothing of the staff session shows here: no name, no user name in the form (the
        panel covers the window while anyone may stand at it). ``username`` and
        ``full_name`` are accepted and not shown.
        """
        del username, full_name  # never shown: whoever stands here learns no staff name
        self.purpose = purpose
        texts = {
            LOCKED: (self.tr("Locked"), self.tr("The window locked itself. Sign in to go on.")),
            SIGNED_OUT: (
                self.tr("Signed out"),
                self.tr("Nobody is signed in. Sign in to use the catalogue."),
            ),
            LEAVE_WRITERS: (
                self.tr("Staff only"),
                self.tr("Leaving the writers' catalogue needs a member of staff to sign in."),
            ),
        }
        heading, explanation = texts[purpose]
        self.heading.setText(heading)
        self.explanation.setText(explanation)
        self.icon.setPixmap(
            icons.icon("writers" if purpose == LEAVE_WRITERS else "lock").pixmap(48, 48)
        )
        self.setAccessibleName(heading)
        self._replace_form(SignInForm(demo=demo and purpose == SIGNED_OUT))
        self.other_user_button.hide()  # the form always asks for the name
        self.back_button.setVisible(purpose == LEAVE_WRITERS)

    def show_notice(self, text: str) -> None:
        """A line under the fields saying why the panel is up (an account withdrawn)."""
        if self.form is not None:
            self.form.message.show_message(text)

    def _replace_form(self, form: SignInForm) -> None:
        if self.form is not None:
            self.form_slot.removeWidget(self.form)
            self.form.hide()
            self.form.setParent(None)
            self.form.deleteLater()
        self.form = form
        self.form_slot.addWidget(form)
        form.signed_in.connect(self.signed_in)

    def sign_in_as_someone_else(self) -> None:
        if self.form is not None:
            self.form.user_edit.setReadOnly(False)
            self.form.user_edit.clear()
            self.form.password_edit.clear()
            self.form.user_edit.setFocus()
        self.other_user_button.hide()

    def focus_primary(self) -> None:
        if self.form is not None:
            self.form.focus_first_empty()
