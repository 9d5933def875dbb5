"""Opening a catalogue for the window: its passphrase, the start-up check, the way back.

An encrypted file asks for its passphrase (unless ``READINGROOM_KEY`` holds it); a wrong one
is said plainly and asked again. Every start runs the quick integrity check
(:func:`readingroom.doctor.quick_check`); a file another program holds locked is said to be
busy; a damaged file (a garbled page anywhere in it included) leads to a dialog that names the
problem and offers the newest good backup, restored by a supervisor of this catalogue under
the same rules as ``readingroom restore`` (:func:`readingroom.backup.restore`, in a worker).
Never a traceback.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QThreadPool
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from readingroom import backup
from readingroom.catalogue_file import Cancelled, key_for, open_catalogue
from readingroom.errors import (
    DatabaseDamaged,
    DatabaseLocked,
    EnvironmentProblem,
    ReadingRoomError,
    WrongPassphrase,
)
from readingroom.paths import ServerUrl
from ui import errors, icons, operations
from ui.operations import Operation
from ui.reasons import error_text
from ui.signin import MessageLabel


def tr(text: str) -> str:
    return QCoreApplication.translate("Recovery", text)


def ask_passphrase(parent: QWidget | None, path: Path, problem: str = "") -> str | None:
    """The passphrase of an encrypted catalogue, or None if cancelled (tests patch this)."""
    label = tr("{name} is encrypted. Its passphrase:").format(name=path.name)
    if problem:
        label = f"{problem}\n\n{label}"
    text, ok = QInputDialog.getText(
        parent, tr("Encrypted catalogue"), label, QLineEdit.EchoMode.Password
    )
    return text if ok and text else None


def passphrase_for(
    path: Path, key: str | None = None, parent: QWidget | None = None
) -> tuple[bool, str | None]:
    """(go on?, key): the key known, the environment's, or one typed until it opens
    (:func:`readingroom.catalogue_file.key_for`, as the command line finds it)."""

    def ask(again: bool) -> str | None:
        problem = tr("That passphrase does not open the catalogue.") if again else ""
        return ask_passphrase(parent, path, problem)

    try:
        return True, key_for(path, key, ask)
    except (Cancelled, WrongPassphrase):
        return False, None


class DamagedDialog(QDialog):
    """The start-up check failed: what is wrong, and the newest good backup to restore."""

    def __init__(
        self,
        path: Path,
        problem: str,
        good_backup: Path | None,
        key: str | None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.path, self.good_backup, self.key = path, good_backup, key
        self.setWindowTitle(tr("The catalogue is damaged"))
        self.setWindowIcon(icons.icon("notice"))
        self.setMinimumWidth(560)
        heading = QLabel(tr("<b>The catalogue did not pass its start-up check.</b>"))
        found = QLabel(problem)
        found.setWordWrap(True)
        found.setTextFormat(Qt.TextFormat.PlainText)
        found.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(found)
        self.user_edit = QLineEdit()
        self.user_edit.setAccessibleName(tr("Supervisor's user name"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(tr("Supervisor's password"))
        self.message = MessageLabel()
        self.restore_button = QPushButton(icons.icon("renew"), tr("&Restore this backup"))
        self.restore_button.clicked.connect(self.restore)
        if good_backup is None:
            advice = QLabel(
                tr(
                    "No good backup was found next to it. Nothing was changed; run "
                    "'readingroom doctor' for the full check, or open another "
                    "catalogue."
                )
            )
            advice.setWordWrap(True)
            layout.addWidget(advice)
            self.restore_button.hide()
        else:
            offer = QLabel(
                tr(
                    "The newest good backup is {name}. Restoring it keeps the "
                    "damaged file aside and records the restore in the audit "
                    "trail. A supervisor signs in to restore."
                ).format(name=good_backup.name)
            )
            offer.setTextFormat(Qt.TextFormat.PlainText)
            offer.setWordWrap(True)
            layout.addWidget(offer)
            form = QFormLayout()
            form.addRow(tr("Supervisor's &user name:"), self.user_edit)
            form.addRow(tr("&Password:"), self.password_edit)
            layout.addLayout(form)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        quit_button = QPushButton(tr("&Quit"))
        quit_button.clicked.connect(self.reject)
        buttons.addWidget(quit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        layout.addLayout(buttons)

    def restore(self) -> None:
        if self.good_backup is None:
            return
        args = (
            self.path,
            self.good_backup,
            self.user_edit.text().strip(),
            self.password_edit.text(),
        )
        self.restore_button.setEnabled(False)
        self.message.show_message(tr("Restoring…"), "notice")
        key = self.key
        (
            Operation(self, lambda _progress: backup.restore(*args, key=key))
            .on(QThreadPool.globalInstance())  # before any window: no lane to share
            .success(lambda _result: self.accept())
            .failure(self._failed)
            .run()
        )

    def _failed(self, error: BaseException) -> bool:
        self.restore_button.setEnabled(True)
        self.password_edit.clear()
        if isinstance(error, ReadingRoomError):
            self.message.show_message(error_text(error))
        else:
            self.message.clear_message()
            errors.report_bug((type(error), error, error.__traceback__), self)
        return True


def ask_recovery(path: Path, problem: str, key: str | None) -> bool:
    """The damaged-catalogue dialog, modal; True once a backup was restored."""
    dialog = DamagedDialog(path, problem, backup.newest_good_backup(path, key), key)
    restored = dialog.exec() == QDialog.DialogCode.Accepted
    operations.settle()
    return restored


def open_for_window(path: Path | ServerUrl, key: str | None = None) -> bool:
    """Open ``path`` for the window (passphrase, check, recovery); False to stop.

    Busy (another program holds the lock) is said as such, never offered as damage; a
    damaged file, whether the check or the opening finds it, leads to the recovery dialog.
    """
    if isinstance(path, ServerUrl):  # no passphrase, file check or backups folder there
        return _open_restored(path, key)
    go_on, key = passphrase_for(path, key)
    if not go_on:
        return False
    try:
        open_catalogue(path, key=key, check=True)
    except DatabaseLocked as problem:
        errors.ask_environment_problem(None, problem)
        return False
    except WrongPassphrase as problem:
        errors.ask_environment_problem(None, problem)
        return False
    except DatabaseDamaged as problem:
        return ask_recovery(path, error_text(problem), key) and _open_restored(path, key)
    except EnvironmentProblem as problem:
        errors.ask_environment_problem(None, problem)
        return False
    return True


def _open_restored(path: Path | ServerUrl, key: str | None) -> bool:
    try:
        open_catalogue(path, key=key)
    except EnvironmentProblem as problem:
        errors.ask_environment_problem(None, problem)
        return False
    return True
