"""Failures the window meets: environment problems in a plain dialog, bugs in a crash dialog.

Refusals and bad input are shown inline by the page that asked (they are not here). What
reaches :func:`handle_exception` is either an :class:`~readingroom.errors.EnvironmentProblem`
(a locked, damaged or unreadable database, a full disk: a dialog that says what to do),
another known :class:`~readingroom.errors.ReadingRoomError` (a plain message), or a bug:
a crash dialog with copyable details, also written to a log file under
:func:`readingroom.paths.log_dir`. Never a raw traceback only.
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from importlib import metadata
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from readingroom.errors import EnvironmentProblem, ReadingRoomError
from readingroom.paths import log_dir
from ui import icons

LOG_NAME = "readingroom.log"
LOGGER = logging.getLogger("readingroom.ui")
ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]

_open_dialogs: list[QDialog] = []


def tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


# -- the log file -------------------------------------------------------------------------


def log_file() -> Path:
    return log_dir() / LOG_NAME


def setup_logging() -> Path:
    """Log warnings and bugs to a rotating file in the user's log folder."""
    path = log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not any(
        isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == path for h in LOGGER.handlers
    ):
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        LOGGER.addHandler(handler)
        LOGGER.setLevel(logging.INFO)
    return path


def app_version() -> str:
    try:
        return metadata.version("readingroom")
    except metadata.PackageNotFoundError:
        return "(not installed)"


def crash_details(exc_info: ExcInfo) -> str:
    """What a bug report needs: versions, platform, time and the traceback (no data)."""
    lines = [
        f"Reading Room {app_version()} on Python {platform.python_version()}, "
        f"PySide6 {pyside_version}, Qt {qVersion()}",
        f"Platform: {platform.platform()}",
        f"Time: {datetime.now().isoformat(timespec='seconds')}",
        "",
        *traceback.format_exception(*exc_info),
    ]
    return "\n".join(line.rstrip("\n") for line in lines)


def log_bug(exc_info: ExcInfo) -> str:
    details = crash_details(exc_info)
    try:
        setup_logging()
        LOGGER.error("unexpected error\n%s", details)
    except OSError:
        pass  # a full or read-only disk must not turn one failure into two
    return details


# -- the dialogs ----------------------------------------------------------------------------


class CrashDialog(QDialog):
    """Something unexpected: an apology, what is safe, the details to copy, the log file."""

    def __init__(self, details: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reading Room: unexpected error"))
        self.setWindowIcon(icons.icon("crash"))
        self.setMinimumSize(640, 420)
        heading = QLabel(self.tr("<b>Something went wrong that should not have.</b>"))
        explanation = QLabel(
            self.tr(
                "Nothing half-done was saved: every change is written whole or not at all. "
                "Please copy the details below and pass them to whoever looks after this "
                "computer. They are also in the log file:"
            )
        )
        explanation.setWordWrap(True)
        self.log_label = QLabel(str(log_file()))
        self.log_label.setTextFormat(Qt.TextFormat.PlainText)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setAccessibleName(self.tr("Error details"))
        self.copy_button = QPushButton(icons.icon("copy_text"), self.tr("&Copy details"))
        self.copy_button.clicked.connect(self.copy_details)
        folder = QPushButton(self.tr("Open the &log folder"))
        folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir()))))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addWidget(folder)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        for widget in (heading, explanation, self.log_label, self.details):
            layout.addWidget(widget)
        layout.addLayout(row)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())
        self.copy_button.setText(self.tr("Copied"))


def environment_dialog(parent: QWidget | None, error: EnvironmentProblem) -> QMessageBox:
    """A plain dialog: what is wrong with the database or the disk, and what to do."""
    from ui.reasons import error_text  # in the window's language

    box = QMessageBox(
        QMessageBox.Icon.Warning,
        tr("The catalogue cannot be used"),
        error_text(error),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # the message may quote a file name or data
    box.setInformativeText(
        tr(
            "Nothing was changed. Once the problem is fixed, start "
            "Reading Room again (or try the action again)."
        )
    )
    return box


def show_environment_problem(parent: QWidget | None, error: EnvironmentProblem) -> None:
    """The environment dialog, without blocking the window."""
    _show(environment_dialog(parent, error))


def ask_environment_problem(parent: QWidget | None, error: EnvironmentProblem) -> None:
    """The environment dialog, waiting until it is read (at start, before any window)."""
    environment_dialog(parent, error).exec()


def show_known_error(parent: QWidget | None, error: ReadingRoomError) -> None:
    from ui.reasons import error_text  # in the window's language

    box = QMessageBox(
        QMessageBox.Icon.Information,
        tr("Reading Room"),
        error_text(error),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    _show(box)


def report_bug(exc_info: ExcInfo, parent: QWidget | None = None) -> CrashDialog:
    """Log the bug and show the crash dialog (not modal: the window stays usable)."""
    dialog = CrashDialog(log_bug(exc_info), parent)
    _show(dialog)
    return dialog


def _show(dialog: QDialog) -> None:
    """Show without blocking, and keep a reference until it is closed."""
    _open_dialogs.append(dialog)
    dialog.finished.connect(
        lambda _=0: _open_dialogs.remove(dialog) if dialog in _open_dialogs else None
    )
    dialog.show()


def handle_exception(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    parent: QWidget | None = None,
) -> None:
    """Route an exception nobody caught to the right kind of dialog."""
    if issubclass(exc_type, KeyboardInterrupt):
        app = QCoreApplication.instance()
        if app is not None:
            app.quit()
        return
    try:
        if isinstance(exc, ReadingRoomError):
            dialog_for(exc)(parent, exc)
        else:
            report_bug((exc_type, exc, tb), parent)
    except Exception:  # the dialog itself failed: the terminal is the last resort
        sys.__excepthook__(exc_type, exc, tb)


def _show_environment(parent: QWidget | None, error: ReadingRoomError) -> None:
    assert isinstance(error, EnvironmentProblem)
    show_environment_problem(parent, error)


ShowError = Callable[[QWidget | None, ReadingRoomError], None]

#: which dialog shows which kind of error, the first whose type the error is: a locked,
#: damaged or unreadable catalogue (and a wrong passphrase) in the environment dialog,
#: another known error as a plain message; anything else is a bug
DIALOGS: tuple[tuple[type[ReadingRoomError], ShowError], ...] = (
    (EnvironmentProblem, _show_environment),
    (ReadingRoomError, show_known_error),
)


def dialog_for(error: ReadingRoomError) -> ShowError:
    """The dialog for a known error, chosen by its type (anything else is a bug: the crash
    dialog)."""
    return next(show for kind, show in DIALOGS if isinstance(error, kind))


def install_excepthook() -> None:
    """Send every uncaught exception (including ones raised in Qt slots) to the dialogs."""
    sys.excepthook = handle_exception
