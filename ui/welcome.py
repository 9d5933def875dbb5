"""First run: open the demo collection, start a new catalogue, or open an existing file.

The demo collection lives in its own file (:func:`readingroom.paths.demo_db_path`), never
mixed with real records. A new catalogue gets its first supervisor here, and may import a
catalogue CSV at once. Building the demo, creating the catalogue and importing run in a
pool thread with progress (an :class:`ui.operations.Operation`); the dialog stays
responsive meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QThreadPool
from PySide6.QtWidgets import (
    QCheckBox,
    QCommandLinkButton,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from readingroom import demo, first_run, imports
from readingroom.catalogue_file import create_catalogue
from readingroom.errors import ImportFailed, ReadingRoomError
from readingroom.imports import ImportResult
from readingroom.paths import ServerUrl, demo_db_path
from readingroom.staff import Actor
from ui import errors, i18n, icons, operations
from ui.models import labels
from ui.operations import Operation
from ui.reasons import error_text
from ui.signin import MessageLabel
from ui.widgets import folder_ask


def tr(text: str) -> str:
    return QCoreApplication.translate("Welcome", text)


def ask_open_path(parent: QWidget) -> Path | None:
    """An existing catalogue file chosen by the user (tests patch this)."""
    return folder_ask.ask_open_file(
        parent,
        tr("Open a catalogue"),
        tr("Reading Room catalogues (*.db);;All files (*)"),
        folder_ask.CATALOGUES,
    )


def ask_save_path(parent: QWidget, name: str) -> Path | None:
    return folder_ask.ask_save_file(
        parent,
        tr("Where to keep the new catalogue"),
        name,
        tr("Reading Room catalogues (*.db)"),
        folder_ask.CATALOGUES,
    )


def ask_csv_path(parent: QWidget) -> Path | None:
    return folder_ask.ask_open_file(
        parent,
        tr("A catalogue CSV to import"),
        tr("CSV files (*.csv);;All files (*)"),
        folder_ask.IMPORTS,
    )


@dataclass(frozen=True)
class Created:
    """What the job creating a new catalogue hands back."""

    user: Actor
    imported: ImportResult | None
    problems: str = ""


def create_and_import(
    path: Path | ServerUrl,
    username: str,
    password: str,
    full_name: str,
    csv: Path | None,
    progress,
    key: str | None = None,
) -> Created:
    """The job: a new catalogue and its supervisor, then the CSV (all or nothing)."""
    user = create_catalogue(path, username, password, full_name, progress=progress, key=key)
    if csv is None:
        return Created(user, None)
    return import_into(user, csv, progress)


def import_into(user: Actor, csv: Path, progress) -> Created:
    progress("Importing the catalogue CSV")
    try:
        return Created(user, imports.import_catalogue(user, csv))
    except ImportFailed as failure:
        return Created(user, None, error_text(failure))  # each bad line in the language


def shown_path(path: Path) -> str:
    """``path`` as a person reads it: under the home folder written from ``~``."""
    try:
        return str(Path("~") / path.expanduser().relative_to(Path.home()))
    except ValueError:
        return str(path)


class WelcomeDialog(QDialog):
    """Three ways in; ``path`` (and ``user`` for a new catalogue) when accepted. On an
    empty database of a PostgreSQL server (``default_path`` its address) one way only: a
    new catalogue in that database, with no file to choose and no passphrase (the server
    keeps its own files and access), and no demo (the demo is a file of its own)."""

    def __init__(self, default_path: Path | ServerUrl, parent: QWidget | None = None):
        super().__init__(parent)
        self.default_path = default_path
        self.on_server = isinstance(default_path, ServerUrl)
        self.path: Path | ServerUrl | None = None
        self.user: Actor | None = None
        self.key: str | None = None  # the passphrase of a new encrypted catalogue
        self.setWindowTitle(tr("Welcome to Reading Room"))
        self.setWindowIcon(icons.app_icon())
        self.setMinimumSize(620, 520)
        self.stack = QStackedWidget()
        self.choice_page = self._choice_page()
        self.new_page = self._new_page()
        self.progress_page = self._progress_page()
        self.problems_page = self._problems_page()
        for page in (self.choice_page, self.new_page, self.progress_page, self.problems_page):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)

    # -- the pages --------------------------------------------------------------------------
    def _choice_page(self) -> QWidget:
        page = QWidget()
        logo = QLabel()
        logo.setPixmap(icons.app_icon().pixmap(64, 64))
        title = QLabel(tr("Welcome to Reading Room"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        title.setFont(font)
        self.intro = QLabel(self._intro())
        self.intro.setWordWrap(True)
        self.demo_button = QCommandLinkButton(tr("Open the demo collection"), self.demo_text())
        self.demo_button.setIcon(icons.icon("demo"))
        self.demo_button.clicked.connect(self.open_demo)
        self.new_button = QCommandLinkButton(
            tr("Start a new catalogue"),
            tr(
                "An empty catalogue and its first supervisor account; import a catalogue CSV "
                "now if you have one."
            ),
        )
        self.new_button.setIcon(icons.icon("new_catalogue"))
        self.new_button.clicked.connect(self._show_new_page)
        self.open_button = QCommandLinkButton(
            tr("Open an existing catalogue…"), tr("A catalogue file made earlier.")
        )
        self.open_button.setIcon(icons.icon("open_file"))
        self.open_button.clicked.connect(self.open_existing)
        self.choice_message = MessageLabel()
        top = QHBoxLayout()
        top.addWidget(logo)
        top.addWidget(title, 1)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.intro)
        layout.addSpacing(8)
        for widget in (self.demo_button, self.new_button, self.open_button, self.choice_message):
            layout.addWidget(widget)
        self.demo_button.setVisible(not self.on_server)
        self.open_button.setVisible(not self.on_server)
        layout.addStretch(1)
        quit_row = QHBoxLayout()
        quit_row.addStretch(1)
        quit_button = QPushButton(tr("&Quit"))
        quit_button.clicked.connect(self.reject)
        quit_row.addWidget(quit_button)
        layout.addLayout(quit_row)
        return page

    def _intro(self) -> str:
        if self.on_server:
            return tr(
                "A catalogue and lending desk for a restricted collection. The database "
                "{name} on the server holds no catalogue yet: start one there."
            ).format(name=self.default_path.name)
        return tr(
            "A catalogue and lending desk for a restricted collection. There "
            "is no catalogue here yet: how would you like to begin?"
        )

    def demo_text(self) -> str:
        """What the demo holds, counted from its files ("23 works (70 copies), 10 borrowers
        and demo staff accounts")."""
        held = demo.contents()
        return labels.fill(
            self.tr(
                "%1 (%2), %3 and demo staff accounts. It is kept in a file of its own, "
                "apart from any real records."
            ),
            self.tr("%n work(s)", "", held.works),
            self.tr("%n copy(ies)", "", held.copies),
            self.tr("%n borrower(s)", "", held.borrowers),
        )

    def _new_page(self) -> QWidget:
        page = QWidget()
        heading = QLabel(tr("<b>A new catalogue</b>"))
        self.path_edit = QLineEdit(self._shown_target())
        self.path_edit.setReadOnly(self.on_server)
        self.path_edit.setAccessibleName(tr("Catalogue file"))
        self.user_edit = QLineEdit()
        self.user_edit.setAccessibleName(tr("Supervisor's user name"))
        self.full_name_edit = QLineEdit()
        self.full_name_edit.setAccessibleName(tr("Supervisor's full name"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(tr("Password"))
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit.setAccessibleName(tr("Password again"))
        self.encrypt_box = QCheckBox(tr("&Encrypt the catalogue with a passphrase"))
        self.encrypt_box.setToolTip(
            tr(
                "Without the passphrase the file is noise. Keep the "
                "passphrase safe: nobody can recover it."
            )
        )
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName(tr("Passphrase"))
        self.passphrase_repeat = QLineEdit()
        self.passphrase_repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_repeat.setAccessibleName(tr("Passphrase again"))
        self.csv_edit = QLineEdit()
        self.csv_edit.setAccessibleName(tr("Catalogue CSV to import"))
        self.csv_edit.setPlaceholderText(tr("optional"))
        form = QFormLayout()
        if self.on_server:
            form.addRow(tr("Server database:"), self.path_edit)
        else:
            form.addRow(tr("Catalogue &file:"), self._with_browse(self.path_edit, self._browse_db))
        form.addRow(tr("Your &user name:"), self.user_edit)
        form.addRow(tr("Your full &name:"), self.full_name_edit)
        form.addRow(tr("&Password:"), self.password_edit)
        form.addRow(tr("Password &again:"), self.repeat_edit)
        form.addRow("", self.encrypt_box)
        form.addRow(tr("Passp&hrase:"), self.passphrase_edit)
        form.addRow(tr("Passphrase a&gain:"), self.passphrase_repeat)
        for edit in (self.passphrase_edit, self.passphrase_repeat):
            form.setRowVisible(edit, False)
            self.encrypt_box.toggled.connect(lambda on, e=edit: form.setRowVisible(e, on))
        form.setRowVisible(self.encrypt_box, not self.on_server)
        form.addRow(tr("Import a CS&V:"), self._with_browse(self.csv_edit, self._browse_csv))
        note = QLabel(
            tr(
                "You will be the catalogue's first supervisor: you add the other "
                "staff accounts. The CSV needs the columns barcode, title and author "
                "(and may have translator, volume, access, location and more); a "
                "file with a bad line is refused whole, naming every bad line."
            )
        )
        note.setWordWrap(True)
        self.new_message = MessageLabel()
        back = QPushButton(tr("&Back"))
        back.clicked.connect(lambda: self.stack.setCurrentWidget(self.choice_page))
        self.create_button = QPushButton(icons.icon("new_catalogue"), tr("&Create"))
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_catalogue)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        layout = QVBoxLayout(page)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.new_message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _show_new_page(self) -> None:
        self.stack.setCurrentWidget(self.new_page)
        if self.on_server:  # the address is given, not typed
            self.user_edit.setFocus()

    def _shown_target(self) -> str:
        """The new catalogue's file as a person reads it, or the server's address (never
        with a password)."""
        if isinstance(self.default_path, ServerUrl):
            return str(self.default_path)
        return shown_path(self.default_path)

    def _target(self) -> Path | ServerUrl:
        if isinstance(self.default_path, ServerUrl):
            return self.default_path
        return Path(self.path_edit.text().strip()).expanduser()

    def _with_browse(self, edit: QLineEdit, slot) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        button = QPushButton(tr("Browse…"))
        button.setAccessibleName(tr("Browse for {what}").format(what=edit.accessibleName()))
        button.clicked.connect(slot)
        row.addWidget(button)
        return box

    def _progress_page(self) -> QWidget:
        page = QWidget()
        self.stage = QLabel(tr("Working…"))
        self.stage.setTextFormat(Qt.TextFormat.PlainText)
        self.stage.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName(tr("Progress"))
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.stage)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        return page

    def _problems_page(self) -> QWidget:
        page = QWidget()
        heading = QLabel(tr("<b>The catalogue was created, but the CSV was not imported</b>"))
        explanation = QLabel(
            tr(
                "Nothing from the file was added. Fix the lines below and "
                "import it again, or go on without it (you can import "
                "later with 'readingroom import catalogue FILE')."
            )
        )
        explanation.setWordWrap(True)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setAccessibleName(tr("Problems in the CSV"))
        again = QPushButton(icons.icon("import"), tr("Import &another file…"))
        again.clicked.connect(self.import_again)
        go_on = QPushButton(tr("&Continue without importing"))
        go_on.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(again)
        buttons.addStretch(1)
        buttons.addWidget(go_on)
        layout = QVBoxLayout(page)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addWidget(self.problems, 1)
        layout.addLayout(buttons)
        return page

    # -- choices ----------------------------------------------------------------------------
    def open_demo(self) -> None:
        path = demo_db_path()
        self._run(
            lambda progress: first_run.open_or_create_demo(
                path, progress, i18n.domain_words().language
            ),
            lambda _: self._finish(path, None),
            self.choice_page,
            self.choice_message,
        )

    def open_existing(self) -> None:
        path = ask_open_path(self)
        if path is not None:
            self._finish(path, None)

    def _browse_db(self) -> None:
        path = ask_save_path(self, Path(self.path_edit.text().strip()).name or "catalogue.db")
        if path is not None:
            self.path_edit.setText(str(path))

    def _browse_csv(self) -> None:
        path = ask_csv_path(self)
        if path is not None:
            self.csv_edit.setText(str(path))

    def create_catalogue(self) -> None:
        if self.password_edit.text() != self.repeat_edit.text():
            self.new_message.show_message(tr("The two passwords differ."))
            self.repeat_edit.clear()
            self.repeat_edit.setFocus()
            return
        key = self._passphrase()
        if key == "":
            return
        path = self._target()
        csv = (
            Path(self.csv_edit.text().strip()).expanduser()
            if self.csv_edit.text().strip()
            else None
        )
        args = (
            path,
            self.user_edit.text().strip(),
            self.password_edit.text(),
            self.full_name_edit.text().strip(),
            csv,
        )
        self.key = key
        self._run(
            lambda progress: create_and_import(*args, progress, key),
            lambda created: self._created(path, created),
            self.new_page,
            self.new_message,
        )

    def _passphrase(self) -> str | None:
        """None for a plain catalogue, the passphrase, or "" when it is not acceptable."""
        if self.on_server or not self.encrypt_box.isChecked():
            return None
        key = self.passphrase_edit.text()
        if not key:
            self.new_message.show_message(tr("Type a passphrase, or do not encrypt."))
        elif key != self.passphrase_repeat.text():
            self.new_message.show_message(tr("The two passphrases differ."))
            self.passphrase_repeat.clear()
            key = ""
        return key

    def import_again(self) -> None:
        csv = ask_csv_path(self)
        if csv is None or self.user is None or self.path is None:
            return
        user, path = self.user, self.path
        self._run(
            lambda progress: import_into(user, csv, progress),
            lambda created: self._created(path, created),
            self.problems_page,
            None,
        )

    # -- running the work -------------------------------------------------------------------
    def _run(self, job, done, back_to: QWidget, message: MessageLabel | None) -> None:
        self.stage.setText(tr("Working…"))
        self.stack.setCurrentWidget(self.progress_page)

        def failed(error: BaseException) -> bool:
            self.stack.setCurrentWidget(back_to)
            if isinstance(error, ReadingRoomError) and message is not None:
                message.show_message(error_text(error))
            else:
                errors.report_bug((type(error), error, error.__traceback__), self)
            return True

        (
            Operation(self, job)
            .on(QThreadPool.globalInstance())  # before any window: no lane to share
            .progress(lambda text: self.stage.setText(tr(text)))
            .success(done)
            .failure(failed)
            .run()
        )

    def _created(self, path: Path | ServerUrl, created: Created) -> None:
        self.path, self.user = path, created.user
        if created.problems:
            self.problems.setPlainText(created.problems)
            self.stack.setCurrentWidget(self.problems_page)
            return
        self.accept()

    def _finish(self, path: Path, user: Actor | None) -> None:
        self.path, self.user = path, user
        self.accept()


def ask_welcome(
    default_path: Path | ServerUrl,
) -> tuple[Path | ServerUrl, Actor | None, str | None] | None:
    """The welcome, modal: the chosen catalogue, its new supervisor and passphrase, or None."""
    dialog = WelcomeDialog(default_path)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    operations.settle()
    if not accepted or dialog.path is None:
        return None
    return dialog.path, dialog.user, dialog.key if dialog.user else None
