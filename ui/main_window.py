"""The librarian's window: navigation, the pages, who is signed in, and its three modes.

Staff mode shows the pages from :mod:`ui.registry` (built when first opened, so the first
page is up quickly); Ctrl+1..Ctrl+9 open the first nine and the page switcher (Ctrl+K,
:mod:`ui.page_switcher`) any of them by name. Writers' mode (Ctrl+Shift+W; Ctrl+W is
"close window" everywhere else) shows only the writers' catalogue: menus,
page shortcuts and the status bar are off and leaving needs a staff password. Locked mode
covers everything with a password panel: after the idle time, after signing out, when
leaving writers', and when the service layer finds the signed-in account withdrawn.
Geometry, splitter positions and the last page are remembered in :class:`AppSettings`.
"""

from __future__ import annotations

import contextlib
import html

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from readingroom import clock, staff, standing
from readingroom import settings as catalogue_settings
from readingroom.paths import log_dir
from ui import errors, i18n, icons, operations, pickup, registry, scheduled, signin
from ui.lock import LEAVE_WRITERS, LOCKED, SIGNED_OUT, IdleWatcher, LockPanel
from ui.models import labels
from ui.operations import Changes, QueryOp, watched_by
from ui.page_switcher import PageChoice, PageSwitcher
from ui.pages.base import Page
from ui.pages.desk import DeskPage
from ui.session import Session
from ui.settings import IDLE_LOCK_RANGE, AppSettings
from ui.writers import WritersCatalogue

STAFF, WRITERS, LOCKED_MODE = "staff", "writers", "locked"
NAV_SPLITTER = "main/navigation"
STATUS_TIMEOUT_MS = 8000
# Ctrl+W closes a window in every other program: the writers' catalogue takes Ctrl+Shift+W
WRITERS_KEY = "Ctrl+Shift+W"
SWITCHER_KEY = "Ctrl+K"
#: how often the window looks whether the date has changed (holds past their pickup date
#: then expire with the window open, as at a sign-in)
DAY_CHECK_MS = 60_000


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def ask_idle_minutes(parent: QWidget, current: int) -> int | None:
    """Minutes without use before the window locks, or None (tests patch this)."""
    low, high = IDLE_LOCK_RANGE
    minutes, ok = QInputDialog.getInt(
        parent,
        tr("Idle lock"),
        tr("Lock the window after this many minutes without use:"),
        current,
        low,
        high,
    )
    return minutes if ok else None


class HeaderBar(QWidget):
    """The strip at the top: the app, the branch, DEMO, who is signed in, and quick actions."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        logo = QLabel()
        logo.setPixmap(icons.app_icon().pixmap(28, 28))
        self.title = QLabel(tr("Reading Room"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.branch = QLabel()
        self.branch.setTextFormat(Qt.TextFormat.PlainText)
        self.demo_badge = QLabel(tr("DEMO"))
        self.demo_badge.setAccessibleName(tr("Demo catalogue"))
        self.demo_badge.setToolTip(
            tr("The demo collection: its own file, apart from real records.")
        )
        self.demo_badge.setStyleSheet(
            "QLabel { background: #c2410c; color: white; "
            "font-weight: bold; padding: 2px 8px; "
            "border-radius: 4px; }"
        )
        self.server_badge = QLabel(tr("SERVER"))
        self.server_badge.setAccessibleName(tr("Catalogue on a server"))
        self.server_badge.setStyleSheet(
            "QLabel { background: #1d4ed8; color: white; "
            "font-weight: bold; padding: 2px 8px; "
            "border-radius: 4px; }"
        )
        self.user_icon = QLabel()
        self.user = QLabel()
        self.user.setTextFormat(Qt.TextFormat.PlainText)
        self.user.setAccessibleName(tr("Signed in"))
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(4)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(logo)
        layout.addWidget(self.title)
        layout.addSpacing(8)
        layout.addWidget(self.branch)
        layout.addStretch(1)
        layout.addWidget(self.demo_badge)
        layout.addWidget(self.server_badge)
        layout.addSpacing(8)
        layout.addWidget(self.user_icon)
        layout.addWidget(self.user)
        layout.addSpacing(8)
        layout.addLayout(self.buttons)

    def add_action(self, action: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setAutoRaise(True)
        button.setAccessibleName(action.text().replace("&", ""))
        self.buttons.addWidget(button)
        return button

    def show_session(self, session: Session, branch: str) -> None:
        self.branch.setText(branch)
        self.demo_badge.setVisible(session.demo)
        self.server_badge.setVisible(session.on_server)
        self.server_badge.setToolTip(backups_text(session))
        self.user_icon.setPixmap(icons.icon("user").pixmap(20, 20))
        actor = session.actor
        self.user.setText(
            tr("{name} · {role}").format(
                name=actor.display_name, role=labels.staff_role(actor.role)
            )
            if actor
            else tr("Nobody signed in")
        )


def backups_text(session: Session) -> str:
    """Where the catalogue is, and who backs it up, in a sentence."""
    if session.on_server:
        return tr(
            "The catalogue is the database {name} on a PostgreSQL server. Its backups are "
            "the server's business: the window makes no daily copy; 'readingroom backup' "
            "runs pg_dump, or the server's administrator backs it up."
        ).format(name=session.db_path.name)
    return tr(
        "The catalogue is the file {name}. The first time the window closes each day it "
        "copies the file into its backups folder."
    ).format(name=session.db_path.name)


def _made_by(page: QWidget, origin: QWidget) -> bool:
    """Whether ``origin`` is ``page`` or inside it (a dialog of the page counts)."""
    widget: QWidget | None = origin
    while widget is not None and widget is not page:
        widget = widget.parentWidget()
    return widget is page


class MainWindow(QMainWindow):
    """The main window of the desktop app."""

    #: False: closing never asks about the desk's basket (the screenshots' window; the tests,
    #: whose windows pytest-qt closes after each test)
    ask_before_closing = True

    account_withdrawn = Signal(str)  # the user name whose account no longer stands
    #: emitted once after each successful write: (Changes, the widget that started it)
    changes_made = Signal(object, object)

    def __init__(
        self,
        session: Session,
        settings: AppSettings,
        page_classes: list[type[Page]] | None = None,
        *,
        keep_settings: bool = True,
    ):
        """``keep_settings=False``: the window's size, state and splitters are read from
        ``settings`` but not written back when it closes (the screenshots' window)."""
        super().__init__()
        self.session = session
        self.settings = settings
        self.keep_settings = keep_settings
        self.mode = STAFF
        self.page_classes = page_classes if page_classes is not None else registry.page_classes()
        self.pages: dict[str, QWidget] = {}
        self.writers: WritersCatalogue | None = None
        self.switcher: PageSwitcher | None = None
        self.setWindowIcon(icons.app_icon())
        self.setMinimumSize(QSize(780, 540))
        self._build()
        self._build_actions()
        self.idle = IdleWatcher(settings.idle_lock_ms(), self)
        self.idle.idle.connect(lambda: self.lock(ask=False))  # nobody there to answer
        self.day = clock.today()
        self.day_timer = QTimer(self)
        self.day_timer.setInterval(DAY_CHECK_MS)
        self.day_timer.timeout.connect(self.check_the_day)
        self.day_timer.start()
        session.status_message.connect(self.show_status)
        self.changes_made.connect(self.reload_concerned)
        # queued: the service layer tells us inside its transaction, before it refuses
        self.account_withdrawn.connect(
            self.account_was_withdrawn, Qt.ConnectionType.QueuedConnection
        )
        standing.add_listener(self._hear_withdrawal)
        self.destroyed.connect(lambda: standing.remove_listener(self._hear_withdrawal))
        self._restore_geometry()
        self.rebuild_for_actor()
        self.idle.start()
        pickup.expire_on_sign_in(self, session)  # set-aside copies not collected in time
        scheduled.lift_on_sign_in(self, session)  # restrictions whose end day has come

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.header = HeaderBar()
        self.nav = QListWidget()
        self.nav.setAccessibleName(tr("Pages"))
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setSpacing(2)
        self.nav.setMinimumWidth(170)
        self.nav.setMaximumWidth(320)
        self.nav.currentRowChanged.connect(self._open_row)
        self.page_stack = QStackedWidget()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName(NAV_SPLITTER)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.page_stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([200, 1080])
        staff_view = QWidget()
        layout = QVBoxLayout(staff_view)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.splitter, 1)
        self.staff_view = staff_view
        self.lock_panel = LockPanel()
        self.lock_panel.signed_in.connect(self._signed_in_on_panel)
        self.lock_panel.cancelled.connect(self.enter_writers_mode)
        self.modes = QStackedWidget()
        self.modes.addWidget(self.staff_view)
        self.modes.addWidget(self.lock_panel)
        self.setCentralWidget(self.modes)
        self.db_label = QLabel()
        self.db_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.db_label)

    def _action(
        self, text: str, slot, shortcuts: tuple[str, ...] = (), icon_name: str = ""
    ) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icons.icon(icon_name))
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(lambda _=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.writers_action = self._action(
            tr("&Writers' catalogue"), self.enter_writers_mode, (WRITERS_KEY,), "writers"
        )
        self.writers_action.setToolTip(tr("The writers' catalogue (Ctrl+Shift+W)"))
        self.lock_action = self._action(tr("Loc&k"), self.lock, ("Ctrl+Shift+L",), "lock")
        self.lock_action.setToolTip(tr("Lock the window now (Ctrl+Shift+L)"))
        self.switcher_action = self._action(
            tr("Go to &page…"), self.open_page_switcher, (SWITCHER_KEY,)
        )
        self.switch_action = self._action(tr("Switch &user…"), self.switch_user, (), "switch_user")
        self.sign_out_action = self._action(tr("S&ign out"), self.sign_out, (), "sign_out")
        self.password_action = self._action(tr("Change my &password…"), self.change_password)
        self.idle_action = self._action(tr("Lock after &idle time…"), self.set_idle_time)
        self.quit_action = self._action(tr("&Quit"), self.close, ("Ctrl+Q",))
        self.scan_action = self._action(
            tr("&Scan field"), self.focus_scan_field, ("F2", "Ctrl+L"), "desk"
        )
        self.about_action = self._action(tr("&About Reading Room"), self.about)
        self.log_action = self._action(
            tr("Open the &log folder"),
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir()))),
        )
        menu = self.menuBar().addMenu(tr("&Session"))
        for action in (self.switch_action, self.sign_out_action, self.lock_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.password_action)
        menu.addAction(self.idle_action)
        self.language_menu = i18n.add_language_menu(menu, self.settings, self.show_status)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        self.go_menu = self.menuBar().addMenu(tr("&Go"))
        help_menu = self.menuBar().addMenu(tr("&Help"))
        help_menu.addAction(self.about_action)
        help_menu.addAction(self.log_action)
        for action in (self.writers_action, self.lock_action, self.sign_out_action):
            self.header.add_action(action)
        self.page_actions: list[QAction] = []

    def _rebuild_go_menu(self) -> None:
        for action in self.page_actions:
            self.removeAction(action)
            action.deleteLater()
        self.go_menu.clear()
        self.page_actions = []
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            action = self._action(
                item.text(),
                lambda r=row: self.nav.setCurrentRow(r),
                (f"Ctrl+{row + 1}",) if row < 9 else (),
            )
            action.setIcon(item.icon())
            self.page_actions.append(action)
            self.go_menu.addAction(action)
        self.go_menu.addSeparator()
        self.go_menu.addAction(self.switcher_action)
        self.go_menu.addAction(self.scan_action)
        self.go_menu.addAction(self.writers_action)

    # -- who is signed in -------------------------------------------------------------------
    def rebuild_for_actor(self) -> None:
        """Navigation and pages for the signed-in role (pages are rebuilt when opened)."""
        for page in self.pages.values():
            self.page_stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        role = self.session.role
        self.nav.blockSignals(True)
        self.nav.clear()
        for page_class in self.page_classes:
            if role in page_class.roles:
                item = QListWidgetItem(
                    icons.icon(page_class.icon_name or "info"), page_class.title()
                )
                item.setData(Qt.ItemDataRole.UserRole, page_class.page_id)
                item.setSizeHint(QSize(0, 36))
                self.nav.addItem(item)
        self.nav.blockSignals(False)
        self._rebuild_go_menu()
        self.db_label.setText(
            self.session.db_path.name + (tr(" (demo)") if self.session.demo else "")
        )
        self.db_label.setToolTip(backups_text(self.session))
        self.writers_action.setEnabled(self.session.can_change)
        self.rebuild_title()
        self.show_page(self.settings.last_page)

    def set_actor(self, user: staff.Actor) -> None:
        same = self.session.actor is not None and self.session.actor.id == user.id
        desk = self.pages.get("desk")
        left = len(desk.unconfirmed()) if isinstance(desk, DeskPage) and not same else 0
        self.session.set_actor(user)
        if not same:
            self.rebuild_for_actor()
        if left:  # the window locked when idle with copies in the last person's basket
            self.show_status(
                self.tr(
                    "%n copies in the last basket were not recorded: scan them again.", "", left
                )
            )
        self.settings.last_user = user.username
        pickup.expire_on_sign_in(self, self.session)  # set-aside copies not collected in time
        scheduled.lift_on_sign_in(self, self.session)  # restrictions whose end day has come

    # -- pages ------------------------------------------------------------------------------
    def page_ids(self) -> list[str]:
        return [self.nav.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.nav.count())]

    def show_page(self, page_id: str) -> QWidget | None:
        """Open a page by id (the first page if it is not available to this role)."""
        ids = self.page_ids()
        if not ids:
            return None
        row = ids.index(page_id) if page_id in ids else 0
        if self.nav.currentRow() == row:
            self._open_row(row)
        else:
            self.nav.setCurrentRow(row)
        return self.current_page()

    def current_page(self) -> QWidget | None:
        return self.page_stack.currentWidget()

    def page(self, page_id: str) -> QWidget | None:
        return self.pages.get(page_id)

    def _open_row(self, row: int) -> None:
        if row < 0:
            return
        page_id = self.nav.item(row).data(Qt.ItemDataRole.UserRole)
        widget = self.pages.get(page_id) or self._make_page(page_id)
        self.page_stack.setCurrentWidget(widget)
        self.settings.last_page = page_id
        if isinstance(widget, Page):
            widget.focus_primary()

    def _make_page(self, page_id: str) -> QWidget:
        page_class = next(c for c in self.page_classes if c.page_id == page_id)
        try:
            widget: QWidget = page_class(self.session)
        except Exception as exc:  # a bug in one page must not take the window down
            errors.report_bug((type(exc), exc, exc.__traceback__), self)
            widget = QLabel(
                tr(
                    "This page could not be opened; the details are in the "
                    "error report and the log file."
                )
            )
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages[page_id] = widget
        self.page_stack.addWidget(widget)
        self._restore_splitters(widget)
        return widget

    def reload_concerned(self, changes: Changes, origin: QWidget | None = None) -> None:
        """After a write: the shown pages that show something it changed read again (the
        page that made the change has shown its result already; the others read again when
        they are next shown)."""
        for page in list(self.pages.values()):
            if not isinstance(page, Page) or not page.isVisible():
                continue
            if origin is not None and _made_by(page, origin):
                continue
            if changes.concerns(watched_by(page)):
                page.refresh()

    def open_page_switcher(self) -> PageSwitcher | None:
        """The page switcher over the window, offering the pages in the navigation (those
        the signed-in role may open), by their shown names; None when there are none."""
        if self.mode != STAFF or self.nav.count() == 0:
            return None
        choices = [
            PageChoice(
                self.nav.item(row).data(Qt.ItemDataRole.UserRole),
                self.nav.item(row).text(),
                self.nav.item(row).icon(),
            )
            for row in range(self.nav.count())
        ]
        if self.switcher is not None:  # the one opened before, closed by now
            self.switcher.deleteLater()
        switcher = PageSwitcher(choices, self)
        switcher.chosen.connect(self._switch_to)
        self.switcher = switcher
        switcher.open()  # window-modal, without a nested event loop
        switcher.activateWindow()
        switcher.filter_edit.setFocus()
        return switcher

    def _switch_to(self, page_id: str) -> None:
        self.activateWindow()  # the keys go back to the window, to the page's first field
        self.show_page(page_id)

    def focus_scan_field(self) -> None:
        page = self.show_page("desk")
        if isinstance(page, Page) and page.page_id == "desk":
            page.focus_primary()

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_TIMEOUT_MS)

    # -- modes ------------------------------------------------------------------------------
    def _set_mode(self, mode: str) -> None:
        self.mode = mode
        staff = mode == STAFF
        self.menuBar().setVisible(staff)
        if not staff:  # the last action and the file name are the staff session's
            self.statusBar().clearMessage()
        self.statusBar().setVisible(staff)
        for action in self.actions():
            action.setEnabled(staff)
        if staff:
            self.writers_action.setEnabled(self.session.can_change)
            self.idle.start()
        else:
            self.idle.stop()

    def enter_writers_mode(self) -> None:
        if not self.session.can_change:
            self.show_status(
                tr("Only a librarian or a supervisor can open the writers' catalogue.")
            )
            return
        if self.writers is None:
            self.writers = WritersCatalogue(self.session)
            self.writers.leave_requested.connect(self.ask_to_leave_writers)
            self.modes.addWidget(self.writers)
            self._restore_splitters(self.writers)
        self._set_mode(WRITERS)
        self.writers.reset()
        self.modes.setCurrentWidget(self.writers)
        self.setWindowTitle(tr("Writers' catalogue: Reading Room"))
        self.writers.focus_primary()

    def ask_to_leave_writers(self) -> None:
        self._show_lock_panel(LEAVE_WRITERS)

    def check_the_day(self) -> None:
        """The date changed with the window open (the window looks every minute): holds
        whose set-aside copy was not collected by its pickup date expire, as at a sign-in,
        and the desk reads its list of copies past their date again."""
        today = clock.today()
        if today == self.day:
            return
        self.day = today
        if self.mode != STAFF or self.session.actor is None:
            return  # the next sign-in expires them
        pickup.expire_on_sign_in(self, self.session)
        desk = self.pages.get("desk")
        if isinstance(desk, DeskPage):
            desk.pickup_note.refresh()

    def _desk_lets_go(self, then) -> bool:
        """Whether the window may sign out, lock or close now: with copies in the desk's
        basket not yet lent (taken back, renewed), the desk asks first (lend / discard /
        stay, as for another member card); ``then`` follows once the copies were done."""
        desk = self.pages.get("desk")
        return not isinstance(desk, DeskPage) or desk.may_leave(then)

    def lock(self, *, ask: bool = True) -> None:
        """Hide everything until the password is typed again (Ctrl+Shift+L, or idle: then
        nothing is asked, and the desk's basket waits for whoever signs in again)."""
        if self.mode != STAFF:
            return
        if ask and not self._desk_lets_go(self.lock):
            return
        self._show_lock_panel(LOCKED if self.session.actor else SIGNED_OUT)

    def sign_out(self, *, ask: bool = True) -> None:
        if ask and self.mode == STAFF and not self._desk_lets_go(self.sign_out):
            return
        self.session.set_actor(None)
        self.rebuild_for_actor()
        self._show_lock_panel(SIGNED_OUT)

    def _hear_withdrawal(self, problem: standing.AccountWithdrawn) -> None:
        """Called by the service layer (any thread), before it refuses: sign out later."""
        with contextlib.suppress(RuntimeError):  # a window already deleted hears nothing
            self.account_withdrawn.emit(problem.username)

    def account_was_withdrawn(self, username: str) -> None:
        """The signed-in account was disabled, locked or changed: sign out, say why."""
        actor = self.session.actor
        if actor is None or actor.username != username:
            return
        self.sign_out(ask=False)  # nothing more is done in that account's name
        self.lock_panel.show_notice(
            tr(
                "Your account was disabled, locked or changed, so nothing was changed and you "
                "were signed out. Sign in again, or ask a supervisor."
            )
        )

    def switch_user(self) -> None:
        if self.mode == STAFF and not self._desk_lets_go(self.switch_user):
            return
        self._show_lock_panel(LOCKED)
        self.lock_panel.sign_in_as_someone_else()

    def change_password(self) -> None:
        actor = self.session.actor
        if actor is not None and signin.ask_change_password(self, actor):
            QueryOp(self, lambda: staff.get_staff(actor.username)).success(
                self._password_changed
            ).run()

    def _password_changed(self, actor: staff.Actor) -> None:
        self.session.actor = actor  # the new hash
        self.show_status(tr("Your password was changed."))

    def set_idle_time(self) -> None:
        minutes = ask_idle_minutes(self, self.settings.idle_lock_minutes)
        if minutes is not None:
            self.settings.idle_lock_minutes = minutes
            self.idle.set_timeout(self.settings.idle_lock_ms())
            self.show_status(
                tr("The window now locks after {n} minutes without use.").format(
                    n=self.settings.idle_lock_ms() // 60_000
                )
            )

    def _show_lock_panel(self, purpose: str) -> None:
        actor = self.session.actor
        self.lock_panel.configure(
            purpose,
            username=actor.username if actor else "",
            full_name=actor.display_name if actor else "",
            demo=self.session.demo,
        )
        self._set_mode(LOCKED_MODE)
        self.modes.setCurrentWidget(self.lock_panel)
        self.setWindowTitle(tr("Reading Room"))  # no staff name on a locked window
        self.lock_panel.focus_primary()

    def _signed_in_on_panel(self, user: staff.Actor) -> None:
        self.set_actor(user)
        self.modes.setCurrentWidget(self.staff_view)
        self._set_mode(STAFF)
        self.rebuild_title()
        page = self.current_page()
        if isinstance(page, Page):
            page.refresh()
            page.focus_primary()

    def rebuild_title(self) -> None:
        self.header.show_session(self.session, catalogue_settings.branch())
        self.setWindowTitle(
            tr("Reading Room: {user}").format(user=self.session.actor.display_name)
            if self.session.actor
            else tr("Reading Room")
        )

    # -- settings ---------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        if not self.restoreGeometry(self.settings.geometry):
            self.resize(1280, 800)
        self.restoreState(self.settings.window_state)
        self._restore_splitters(self)

    def _restore_splitters(self, root: QWidget) -> None:
        splitters = root.findChildren(QSplitter)
        if isinstance(root, QSplitter):
            splitters.append(root)
        for splitter in splitters:
            if splitter.objectName():
                state = self.settings.splitter_state(splitter.objectName())
                if not state.isEmpty():
                    splitter.restoreState(state)

    def save_settings(self) -> None:
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        for splitter in self.findChildren(QSplitter):
            if splitter.objectName():
                self.settings.set_splitter_state(splitter.objectName(), splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if self.mode == WRITERS:
            event.ignore()  # writers cannot close the staff's window either
            self.ask_to_leave_writers()
            return
        if self.mode == STAFF and self.ask_before_closing and not self._desk_lets_go(self.close):
            event.ignore()  # the librarian stays at the desk, or the copies are lent first
            return
        if self.keep_settings:
            self.save_settings()
        self.day_timer.stop()
        self.idle.stop()
        self.idle.uninstall()
        standing.remove_listener(self._hear_withdrawal)
        operations.release()  # the connection of the calls' thread, before the catalogue's
        super().closeEvent(event)

    def about(self) -> None:
        QMessageBox.about(
            self,
            tr("About Reading Room"),
            tr(
                "<b>Reading Room</b> {version}<br>A catalogue and lending desk for a restricted "
                "collection: the rules refuse what they forbid, and every exception is "
                "recorded with a name and a reason."
            ).format(version=errors.app_version())
            + "<p>"
            + html.escape(backups_text(self.session))
            + "</p>",
        )
