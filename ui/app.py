"""Starting the desktop app: which catalogue, who signs in, then the main window.

``readingroom`` (or ``readingroom gui``) calls :func:`run`. With no catalogue yet, the
welcome opens the demo collection or creates a new catalogue; an unusable database is a
plain dialog saying what to do, a damaged one offers its newest good backup
(:mod:`ui.recovery`); every uncaught error goes to the crash dialog and the log. The day's
backup is made when the window closes. A central database (the union catalogue) opens in
its own read-only window instead (:mod:`ui.central_window`), with no sign-in.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from readingroom import backup, catalogue_file, staff
from readingroom import settings as catalogue_settings
from readingroom.central.views import close as close_central_database
from readingroom.central.views import is_central_database
from readingroom.errors import EnvironmentProblem, ReadingRoomError
from readingroom.files import set_private_umask
from readingroom.paths import ServerUrl, default_db_path
from ui import errors, i18n, icons, registry, theme
from ui.central_window import open_central_window
from ui.collector import collect_in_the_window_thread
from ui.main_window import MainWindow
from ui.operations import Changes, CollectionOp
from ui.pages.base import Page
from ui.recovery import open_for_window
from ui.session import Session
from ui.settings import APPLICATION, ORGANISATION, AppSettings
from ui.signin import ask_sign_in
from ui.welcome import ask_welcome

EXIT_NO_DISPLAY = 1


def has_display() -> bool:
    """Whether Qt can open a window here (Linux needs X11 or Wayland, or a set platform)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def application() -> QApplication:
    """The QApplication, created once, with the app's name, icon, bundled fonts and
    language (the window's setting, else the system's)."""
    running = QApplication.instance()
    if running is not None:
        if not isinstance(running, QApplication):  # a QCoreApplication shows no window
            raise RuntimeError("a QCoreApplication without widgets is running already")
        collect_in_the_window_thread(running)
        return running
    app = QApplication(sys.argv[:1])
    collect_in_the_window_thread(app)  # never in a lane's thread (see ui.collector)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Reading Room")
    app.setOrganizationName(ORGANISATION)
    app.setWindowIcon(icons.app_icon())
    theme.use_bundled_fonts(app)
    i18n.install_translator(app, AppSettings.open().language)
    return app


Chosen = tuple[Path | ServerUrl, staff.Actor | None, str | None]


def choose_catalogue(db_path: Path | ServerUrl | None, settings: AppSettings) -> Chosen | None:
    """The catalogue to open, or None; for one the welcome has just created, also its
    supervisor (signed in already) and its passphrase (if encrypted). A server's database
    is opened as named; an empty one gets the welcome's new catalogue there (no file, no
    passphrase, no demo: those are a file's)."""
    if isinstance(db_path, ServerUrl):
        if catalogue_file.awaits_a_catalogue(db_path):
            return ask_welcome(db_path)
        return db_path, None, None
    if db_path is not None and db_path.exists():
        return db_path, None, None
    if db_path is None:
        default = default_db_path()
        if default.exists():
            return default, None, None
        last = Path(settings.last_database) if settings.last_database else None
        if last is not None and last.exists():
            return last, None, None
        db_path = default
    return ask_welcome(db_path)


def open_window(
    path: Path | ServerUrl,
    actor: staff.Actor,
    settings: AppSettings,
    pages: list[type[Page]] | None = None,
) -> MainWindow:
    """The main window for ``actor`` on the open catalogue ``path``."""
    session = Session(path, actor, demo=catalogue_settings.is_demo())
    window = MainWindow(session, settings, pages)
    window.show()
    return window


def settle_for_work() -> None:
    """What the open window is made of lives as long as it: taken out of the cycle
    collector's generations, it is not rescanned at every keystroke (measured on the
    national catalogue: a repaint's p95 17 -> 10 ms)."""
    gc.freeze()


def run(db_path: Path | ServerUrl | None = None, user: str | None = None) -> int:
    """Run the desktop app until its window closes; returns the exit code."""
    if not has_display():
        print(
            "Reading Room needs a display for its window. Use the command line "
            "('readingroom --help') or 'readingroom screenshots DIR' without one.",
            file=sys.stderr,
        )
        return EXIT_NO_DISPLAY
    set_private_umask()  # the catalogue, its journals, backups and reports: 0600 / 0700
    app = application()
    errors.install_excepthook()
    try:
        errors.setup_logging()
    except OSError:
        pass  # no log folder: the crash dialog still shows the details
    settings = AppSettings.open()
    chosen = choose_catalogue(db_path, settings)
    if chosen is None:
        return 0
    path, actor, key = chosen
    if is_central_database(path):  # the union catalogue: read-only, no sign-in
        return run_central(app, path)
    if not open_for_window(path, key):
        return 1
    if not isinstance(path, ServerUrl):  # a server's address is given each time
        settings.last_database = str(path)
    pages = registry.page_classes()  # imported now, not while the librarian waits
    welcomed = actor is not None  # the supervisor the welcome has just created
    if actor is None:
        actor = ask_sign_in(
            None,
            catalogue_name=path.name,
            demo=catalogue_settings.is_demo(),
            username=user or settings.last_user,
        )
    if actor is None:
        return 0
    settings.last_user = actor.username
    window = open_window(path, actor, settings, pages)
    if welcomed:  # audited in the calls thread (the sign-in dialog audits its own)
        supervisor = actor
        CollectionOp(window, lambda: staff.record_sign_in(supervisor), Changes.named("staff")).run()
    settle_for_work()
    code = app.exec()
    del window
    backup_on_close(path)
    return code


def run_central(app: QApplication, path: Path | ServerUrl) -> int:
    """The central database's window until it closes (1 when it cannot be opened)."""
    window = open_central_window(path)
    if window is None:
        return 1
    code = app.exec()
    del window
    close_central_database()
    return code


def backup_on_close(path: Path | ServerUrl) -> None:
    """The day's backup when the window closes (the first close of the day makes it; a
    catalogue on a server is backed up by the server's own tools, as the window's header
    and About say)."""
    try:
        backup.daily_backup_on_close(path, catalogue_file.passphrase())
    except EnvironmentProblem as problem:
        errors.ask_environment_problem(None, problem)
    except ReadingRoomError as problem:
        errors.LOGGER.warning("no daily backup: %s", problem.message)
