"""The window's shell: header, navigation and shortcuts, settings, idle lock, errors, start."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QSettings, Qt, QThreadPool
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox, QWidget

from readingroom import backup, first_run, staff
from readingroom.errors import DatabaseLocked
from readingroom.paths import demo_db_path, log_dir
from readingroom.store.db import close_database, database, open_database
from readingroom.store.models import AuditEntry, Copy, StaffUser, Work
from tests.ui.shell_support import password_of
from ui import app as app_module
from ui import errors, i18n, operations, registry, welcome
from ui.lock import LOCKED, SIGNED_OUT
from ui.main_window import LOCKED_MODE, STAFF, MainWindow
from ui.operations import Operation
from ui.pages.base import Page
from ui.pages.desk import DeskPage
from ui.session import Session
from ui.settings import AppSettings
from ui.signin import SignInDialog


class NotesPage(Page):
    """A stand-in second page, so the shell is tested apart from the other pages."""

    page_id = "notes"
    icon_name = "catalogue"

    def __init__(self, session: Session, parent=None):
        super().__init__(session, parent)
        self.field = QLineEdit(self)

    @classmethod
    def title(cls) -> str:
        return "Notes"

    def focus_primary(self) -> None:
        self.field.setFocus()


class SupervisorsPage(NotesPage):
    page_id = "supervisors"
    roles = ("supervisor",)


class BrokenPage(NotesPage):
    page_id = "broken"

    def __init__(self, session: Session, parent=None):
        raise RuntimeError("this page has a bug")


PAGES = [DeskPage, NotesPage, SupervisorsPage]


def shortcut(qtbot, window, key, modifier=Qt.KeyboardModifier.ControlModifier) -> None:
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, modifier)


# -- the window -------------------------------------------------------------------------------


def test_the_header_shows_who_is_signed_in_and_demo(make_window):
    window = make_window("librarian", pages=PAGES)
    assert window.header.user.text() == "Kim Eun-ha · librarian"
    assert window.header.demo_badge.isVisible()
    assert "Kim Eun-ha" in window.windowTitle()
    assert window.statusBar().isVisible() and "demo.db" in window.db_label.text()


def test_navigation_lists_the_pages_for_the_role_with_icons(make_window):
    window = make_window("librarian", pages=PAGES)
    assert window.page_ids() == ["desk", "notes"]  # the supervisors' page is not listed
    assert all(not window.nav.item(r).icon().isNull() for r in range(window.nav.count()))
    boss = make_window("supervisor", pages=PAGES)
    assert boss.page_ids() == ["desk", "notes", "supervisors"]


def test_ctrl_numbers_open_pages_and_f2_focuses_the_scan_field(qtbot, make_window):
    window = make_window("librarian", pages=PAGES)
    shortcut(qtbot, window, Qt.Key.Key_2)
    assert isinstance(window.current_page(), NotesPage)
    assert window.current_page().field.hasFocus()
    shortcut(qtbot, window, Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier)
    desk = window.current_page()
    assert isinstance(desk, DeskPage) and desk.scan_edit.hasFocus()
    shortcut(qtbot, window, Qt.Key.Key_2)
    shortcut(qtbot, window, Qt.Key.Key_L)  # Ctrl+L does the same
    assert window.current_page() is desk and desk.scan_edit.hasFocus()


def test_pages_are_built_only_when_first_opened(make_window):
    window = make_window("librarian", pages=PAGES)
    assert set(window.pages) == {"desk"}
    window.show_page("notes")
    assert set(window.pages) == {"desk", "notes"}


def test_geometry_splitters_and_last_page_are_remembered(
    qtbot, make_window, private_settings_and_data
):
    window = make_window("librarian", pages=PAGES)
    window.resize(790, 690)  # within the offscreen platform's 800×800 screen
    window.splitter.setSizes([170, 620])  # the desk (four modes since the reading room) fits
    desk = window.page("desk")
    desk.splitter.setSizes([300, 700])
    saved_desk = desk.splitter.sizes()
    window.show_page("notes")
    window.close()
    ini = Path(AppSettings.open().qsettings.fileName())
    assert ini.is_relative_to(private_settings_and_data) and ini.exists()

    again = make_window("librarian", pages=PAGES)
    assert (again.width(), again.height()) == (790, 690)
    assert again.splitter.sizes()[0] == 170
    assert isinstance(again.current_page(), NotesPage)
    again.show_page("desk")
    assert again.page("desk").splitter.sizes() == saved_desk


def test_a_window_made_to_keep_no_settings_writes_none_when_closed(
    qtbot, demo_catalogue, app_settings, sign_in
):
    """The screenshots' window: it reads the settings but leaves nothing behind."""
    session = Session(demo_catalogue, sign_in("librarian"), demo=True)
    window = MainWindow(session, app_settings, page_classes=PAGES, keep_settings=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.resize(700, 600)
    window.close()
    assert app_settings.geometry.isEmpty()
    assert not app_settings.qsettings.contains("window/geometry")


def test_a_remembered_page_the_new_role_may_not_open_falls_back(make_window, app_settings):
    app_settings.last_page = "supervisors"
    window = make_window("librarian", pages=PAGES)
    assert isinstance(window.current_page(), DeskPage)


def test_settings_read_mangled_values_as_defaults(app_settings):
    app_settings.qsettings.setValue("security/idle_lock_minutes", "soon")
    assert app_settings.idle_lock_minutes == 10
    app_settings.idle_lock_minutes = 0
    assert app_settings.idle_lock_ms() == 60_000  # clamped to a minute
    app_settings.idle_lock_minutes = 3
    assert (
        AppSettings(
            QSettings(app_settings.qsettings.fileName(), QSettings.Format.IniFormat)
        ).idle_lock_minutes
        == 3
    )


# -- locking, signing out, switching ----------------------------------------------------------


def test_idle_lock_after_the_configured_time(qtbot, make_window, app_settings):
    app_settings.idle_lock_minutes = 7
    window = make_window("librarian", pages=PAGES)
    assert window.idle.timer.interval() == 7 * 60_000
    window.show_page("notes")
    window.idle.set_timeout(80)  # the same timer, made short for the test
    qtbot.waitUntil(lambda: window.mode == LOCKED_MODE, timeout=3000)
    panel = window.lock_panel
    assert window.modes.currentWidget() is panel and panel.purpose == LOCKED
    assert not window.menuBar().isVisible()
    assert not any(a.isEnabled() for a in window.page_actions)
    assert panel.form.user_edit.text() == ""  # no staff name on the lock screen
    qtbot.keyClicks(panel.form.user_edit, "librarian")
    qtbot.keyClicks(panel.form.password_edit, "wrong")
    qtbot.keyClick(panel.form.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(panel.form.message.isVisible)  # the check runs in the calls thread
    assert window.mode == LOCKED_MODE
    qtbot.keyClicks(panel.form.password_edit, password_of("librarian"))
    qtbot.keyClick(panel.form.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.mode == STAFF)
    assert isinstance(window.current_page(), NotesPage)


def test_input_keeps_the_window_unlocked(qtbot, make_window):
    window = make_window("librarian", pages=PAGES)
    window.idle.set_timeout(300)
    desk = window.current_page()
    for _ in range(6):
        qtbot.wait(100)
        qtbot.keyClick(desk.scan_edit, Qt.Key.Key_A)
    assert window.mode == STAFF


def test_sign_out_then_another_user_signs_in(qtbot, make_window):
    window = make_window("librarian", pages=PAGES)
    window.sign_out()
    assert window.lock_panel.purpose == SIGNED_OUT and window.session.actor is None
    assert window.page_ids() == [] and window.header.user.text() == "Nobody signed in"
    form = window.lock_panel.form
    assert form.demo_list is not None
    qtbot.keyClicks(form.user_edit, "supervisor")
    qtbot.keyClicks(form.password_edit, password_of("supervisor"))
    qtbot.mouseClick(form.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.mode == STAFF)  # the sign-in runs in the calls thread
    assert window.session.actor.username == "supervisor"
    assert "supervisors" in window.page_ids()
    assert "Park Sang-ho" in window.header.user.text()


def test_switch_user_from_the_menu(qtbot, make_window):
    window = make_window("librarian", pages=PAGES)
    window.switch_action.trigger()
    form = window.lock_panel.form
    assert not form.user_edit.isReadOnly() and form.user_edit.text() == ""
    qtbot.keyClicks(form.user_edit, "inspector")
    qtbot.keyClicks(form.password_edit, password_of("inspector"))
    qtbot.keyClick(form.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.role == "inspector")
    assert not window.writers_action.isEnabled()
    desk = window.show_page("desk")
    assert not desk.mode_buttons["return"].isEnabled()


# -- errors -------------------------------------------------------------------------------------


def test_a_page_that_fails_to_build_reports_a_bug_not_a_crash(make_window):
    window = make_window("librarian", pages=[DeskPage, BrokenPage])
    window.show_page("broken")
    placeholder = window.current_page()
    assert isinstance(placeholder, QLabel) and "could not be opened" in placeholder.text()
    dialog = next(d for d in errors._open_dialogs if isinstance(d, errors.CrashDialog))
    details = dialog.details.toPlainText()
    assert "RuntimeError: this page has a bug" in details and "Traceback" in details
    assert "this page has a bug" in errors.log_file().read_text(encoding="utf-8")
    assert errors.log_file().is_relative_to(log_dir())
    dialog.copy_details()
    assert QGuiApplication.clipboard().text() == details


def test_an_environment_problem_gets_a_plain_dialog_saying_what_to_do(qtbot):
    problem = DatabaseLocked(
        "The database is locked by another program. Close the other program and try again."
    )
    errors.handle_exception(DatabaseLocked, problem, None)
    box = next(d for d in errors._open_dialogs if isinstance(d, QMessageBox))
    assert box.text() == problem.message and "Nothing was changed" in box.informativeText()
    assert not any(isinstance(d, errors.CrashDialog) for d in errors._open_dialogs)


def test_a_bug_raised_anywhere_reaches_the_crash_dialog(qtbot):
    try:
        raise KeyError("surprise")
    except KeyError:
        errors.handle_exception(*sys.exc_info())
    dialog = next(d for d in errors._open_dialogs if isinstance(d, errors.CrashDialog))
    assert "KeyError: 'surprise'" in dialog.details.toPlainText()
    assert str(errors.log_file()) == dialog.log_label.text()


# -- the welcome and long work ----------------------------------------------------------------


def test_the_worker_uses_a_connection_of_its_own(qtbot, demo_catalogue):
    main_connection = database.connection()
    seen = {}

    def job(progress):
        progress("counting")
        seen["thread"] = threading.get_ident()
        seen["connection"] = database.connection()
        return Copy.select().count()

    results, stages = [], []
    owner = QObject()
    (
        Operation(owner, job)
        .on(QThreadPool.globalInstance())
        .progress(stages.append)
        .success(results.append)
        .failure(pytest.fail)
        .run()
    )
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results[0] == Copy.select().count() and stages == ["counting"]
    assert seen["thread"] != threading.get_ident()
    assert seen["connection"] is not main_connection
    assert database.connection() is main_connection  # the window's connection is untouched


def test_the_welcome_builds_the_demo_in_its_own_file(qtbot):
    dialog = welcome.WelcomeDialog(Path("unused.db"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=20_000)
    assert dialog.path == demo_db_path() and demo_db_path().exists()
    open_database(dialog.path)
    assert Copy.select().count() > 0
    close_database()


def new_catalogue(
    qtbot, dialog, path: Path, csv: Path | None, *, repeat: str = "secret-words"
) -> None:
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    dialog.path_edit.setText(str(path))
    qtbot.keyClicks(dialog.user_edit, "chief")
    qtbot.keyClicks(dialog.full_name_edit, "Chief Librarian")
    qtbot.keyClicks(dialog.password_edit, "secret-words")
    qtbot.keyClicks(dialog.repeat_edit, repeat)
    if csv is not None:
        dialog.csv_edit.setText(str(csv))
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)


def test_a_new_catalogue_with_its_supervisor_and_a_csv(qtbot, tmp_path):
    csv = tmp_path / "books.csv"
    csv.write_text(
        "barcode,title,author\nB-1,Points and Lines,Seichō Matsumoto\n"
        "B-2,The Necklace,Guy de Maupassant\n",
        encoding="utf-8",
    )
    dialog = welcome.WelcomeDialog(tmp_path / "lib" / "catalogue.db")
    qtbot.addWidget(dialog)
    dialog.show()
    new_catalogue(qtbot, dialog, tmp_path / "lib" / "catalogue.db", csv)
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
    assert dialog.user.username == "chief" and dialog.user.role == "supervisor"
    open_database(dialog.path)
    assert Copy.select().count() == 2 and Work.select().count() == 2
    assert staff.authenticate("chief", "secret-words").full_name == "Chief Librarian"
    close_database()


def test_a_bad_csv_is_refused_whole_and_the_catalogue_still_opens(qtbot, tmp_path):
    csv = tmp_path / "bad.csv"
    csv.write_text(
        "barcode,title,author\nB-1,Points and Lines,Seichō Matsumoto\nB-2,,Nobody\n",
        encoding="utf-8",
    )
    dialog = welcome.WelcomeDialog(tmp_path / "catalogue.db")
    qtbot.addWidget(dialog)
    dialog.show()
    new_catalogue(qtbot, dialog, tmp_path / "catalogue.db", csv)
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.problems_page, timeout=10_000)
    assert "line 3" in dialog.problems.toPlainText()
    dialog.accept()
    open_database(dialog.path)
    assert Copy.select().count() == 0 and StaffUser.select().count() == 1
    close_database()


def test_a_bad_csvs_lines_in_the_windows_korean(qtbot, qapp, tmp_path):
    """ImportFailed's lines each in the window's language (조선어), the barcodes as given."""
    csv = tmp_path / "bad.csv"
    csv.write_text(
        "barcode,title,author\nB-1,Points and Lines\nB-2,A,B\nB-2,C,D\n", encoding="utf-8"
    )
    i18n.install_translator(qapp, "ko_KP")
    try:
        dialog = welcome.WelcomeDialog(tmp_path / "catalogue.db")
        qtbot.addWidget(dialog)
        dialog.show()
        new_catalogue(qtbot, dialog, tmp_path / "catalogue.db", csv)
        qtbot.waitUntil(
            lambda: dialog.stack.currentWidget() is dialog.problems_page, timeout=10_000
        )
        assert dialog.problems.toPlainText().splitlines() == [
            "bad.csv: 잘못된 줄 2개. 아무것도 가져오지 않았습니다.",
            "2번째 줄: 마당 2개, 머리글에는 3개",
            "4번째 줄: 바코드 B-2가 3번째 줄과 겹칩니다",
        ]
    finally:
        i18n.remove_translators(qapp)


def test_the_welcome_says_what_is_wrong_inline(qtbot, tmp_path):
    dialog = welcome.WelcomeDialog(tmp_path / "catalogue.db")
    qtbot.addWidget(dialog)
    dialog.show()
    new_catalogue(qtbot, dialog, tmp_path / "catalogue.db", None, repeat="other")
    assert dialog.new_message.text() == "The two passwords differ."
    dialog.repeat_edit.setText("secret-words")
    dialog.user_edit.setText("two words")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialog.new_message.isVisible() and "one word" in dialog.new_message.text(),
        timeout=10_000,
    )
    assert dialog.stack.currentWidget() is dialog.new_page


# -- starting ---------------------------------------------------------------------------------


def test_choosing_the_catalogue_at_start(tmp_path, app_settings, monkeypatch):
    asked = []
    monkeypatch.setattr(app_module, "ask_welcome", lambda path: asked.append(path) or None)
    monkeypatch.setattr(app_module, "default_db_path", lambda: tmp_path / "catalogue.db")
    assert app_module.choose_catalogue(None, app_settings) is None
    assert asked == [tmp_path / "catalogue.db"]  # nothing yet: the welcome
    remembered = tmp_path / "demo.db"
    remembered.touch()
    app_settings.last_database = str(remembered)
    assert app_module.choose_catalogue(None, app_settings) == (remembered, None, None)
    (tmp_path / "catalogue.db").touch()
    assert app_module.choose_catalogue(None, app_settings) == (
        tmp_path / "catalogue.db",
        None,
        None,
    )
    explicit = tmp_path / "other.db"
    app_module.choose_catalogue(explicit, app_settings)
    assert asked[-1] == explicit  # a --db that does not exist yet: the welcome offers it


def test_run_opens_the_window_after_sign_in(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "demo.db"
    first_run.open_or_create_demo(path)
    close_database()
    shown = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test

    def sign_in_dialog(parent, **kw):
        shown.append(kw)
        dialog = SignInDialog(parent=parent, **kw)  # the real dialog, driven without exec()
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.form.password_edit.setText(password_of("librarian"))
        qtbot.mouseClick(dialog.form.sign_in_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.user is not None)  # signed in in the calls thread
        return dialog.user

    monkeypatch.setattr(app_module, "ask_sign_in", sign_in_dialog)

    def exec_once(self=None) -> int:
        window = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        shown.append(window.current_page().page_id)
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_once)
    assert app_module.run(path, "librarian") == 0  # readingroom --user librarian
    assert shown[0] == {"catalogue_name": "demo.db", "demo": True, "username": "librarian"}
    assert shown[1] == "desk"
    assert AppSettings.open().last_user == "librarian"
    assert sys.excepthook is errors.handle_exception
    daily = [b.name for b in backup.list_backups(path)]
    assert len(daily) == 1 and "daily" in daily[0]  # the day's backup, made on closing
    assert AuditEntry.select().where(AuditEntry.action == "sign-in").exists()
    close_database()


def test_run_records_the_welcomed_supervisors_sign_in_in_the_calls_thread(
    qtbot, tmp_path, monkeypatch
):
    """The supervisor the welcome has just created is signed in: the sign-in is audited by
    the window's calls thread, not on the GUI thread before the window opens."""
    path = tmp_path / "demo.db"
    first_run.open_or_create_demo(path)
    boss = staff.get_staff("supervisor")
    before = AuditEntry.select().where(AuditEntry.action == "sign-in").count()
    close_database()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(app_module, "choose_catalogue", lambda *_args: (path, boss, None))
    threads = []
    record = staff.record_sign_in
    monkeypatch.setattr(
        staff,
        "record_sign_in",
        lambda user: threads.append(threading.current_thread()) or record(user),
    )

    def exec_once(self=None) -> int:
        assert operations.settle()
        window = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_once)
    assert app_module.run(path, None) == 0
    assert threads and threads[0] is not threading.main_thread()
    signed_in = AuditEntry.select().where(AuditEntry.action == "sign-in").order_by(AuditEntry.id)
    assert signed_in.count() == before + 1 and signed_in[-1].entity_id == "supervisor"
    close_database()


def test_run_without_a_display_says_so(monkeypatch, capsys):
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert app_module.run(None, None) == app_module.EXIT_NO_DISPLAY
    assert "needs a display" in capsys.readouterr().err


def test_the_registry_lists_the_pages_in_order():
    ids = [cls.page_id for cls in registry.page_classes()]
    librarians = ["desk", "catalogue", "borrowers", "loans", "holds", "policy", "audit_log"]
    assert ids[:7] == librarians  # Ctrl+1..Ctrl+7; the inspection pages follow
    assert len(set(ids)) == len(ids)


def test_screenshots_render_every_page_without_a_display(qtbot, qtlog, tmp_path):
    from PySide6.QtGui import QImage

    from ui.screenshots import OFFSCREEN_NOTICE, render_all

    files = render_all(tmp_path / "shots", size=(1280, 800), palettes=(False,))
    names = {f.stem for f in files}
    pages = {f"page-{cls.page_id}" for cls in registry.page_classes() if cls.page_id != "desk"}
    assert pages <= names
    assert {
        "desk-allowed",
        "desk-refused-civilian",
        "desk-approval-cadre",
        "desk-return",
        "desk-basket",
        "desk-borrower-note",
        "slip-preview",
        "report-inspection",
        "writers-catalogue",
        "locked",
        "welcome",
        "sign-in",
    } <= names
    image = QImage(str(tmp_path / "shots" / "desk-allowed.png"))
    assert (image.width(), image.height()) == (1280, 800)
    assert OFFSCREEN_NOTICE not in [record.message for record in qtlog.records]


def test_the_idle_time_is_set_from_the_menu(make_window, monkeypatch):
    from ui import main_window

    window = make_window("librarian", pages=PAGES)
    monkeypatch.setattr(main_window, "ask_idle_minutes", lambda parent, current: 3)
    window.idle_action.trigger()
    assert window.settings.idle_lock_minutes == 3
    assert window.idle.timer.interval() == 3 * 60_000 and window.idle.running
    assert "3 minutes" in window.statusBar().currentMessage()


def test_a_changed_password_is_used_at_the_next_lock(qtbot, make_window, monkeypatch):
    from ui import signin

    window = make_window("librarian", pages=PAGES)

    def change(parent, user):
        staff.set_password(user, user.username, "fresh-pass", old_password=password_of("librarian"))
        return True

    monkeypatch.setattr(signin, "ask_change_password", change)
    window.password_action.trigger()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Your password was changed.")
    window.lock()
    qtbot.keyClicks(window.lock_panel.form.user_edit, "librarian")
    qtbot.keyClicks(window.lock_panel.form.password_edit, "fresh-pass")
    qtbot.keyClick(window.lock_panel.form.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.mode == STAFF)


def test_every_shell_text_goes_through_translation(qtbot, make_window):
    from PySide6.QtCore import QCoreApplication, QTranslator

    from tests.ui.shell_support import interface_words as interface_texts

    class Marking(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002
            return f"«{source}»" if source else source

        def isEmpty(self) -> bool:  # noqa: N802 - Qt API
            return False

    marking = Marking()
    QCoreApplication.installTranslator(marking)
    try:
        window = make_window("supervisor", pages=[DeskPage])
        texts = interface_texts(window.page("desk")) + interface_texts(window.header)
        texts += [window.nav.item(r).text() for r in range(window.nav.count())]
        texts += [a.text() for a in window.actions() if a.text()]
        texts += [a.text() for a in window.menuBar().actions()]
        window.enter_writers_mode()
        texts += interface_texts(window.writers)
        window.ask_to_leave_writers()
        texts += interface_texts(window.lock_panel)
        dialog = welcome.WelcomeDialog(Path("x.db"))
        qtbot.addWidget(dialog)
        texts += interface_texts(dialog)
        assert len(texts) > 30
        assert [text for text in texts if "«" not in text] == []
    finally:
        QCoreApplication.removeTranslator(marking)


def test_every_shell_control_has_an_accessible_name(make_window):
    from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QPlainTextEdit

    window = make_window("librarian", pages=[DeskPage])
    window.enter_writers_mode()
    roots = [window.page("desk"), window.writers, window.header, window.nav]
    window.ask_to_leave_writers()
    roots.append(window.lock_panel)
    kinds = (QLineEdit, QAbstractItemView, QComboBox, QPlainTextEdit)
    controls = [
        w
        for root in roots
        for w in [root, *root.findChildren(QWidget)]
        if isinstance(w, kinds) and not isinstance(w, QHeaderView)
    ]
    assert len(controls) > 8
    assert [type(w).__name__ for w in controls if not w.accessibleName()] == []
