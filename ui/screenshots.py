"""``readingroom screenshots DIR``: every page and mode on the demo catalogue, as PNG files.

Works with no display (the offscreen platform is chosen when none is set). The demo is
built in a temporary folder with temporary window settings, so nothing of the user's is
touched. Each screen is rendered in a light and a dark palette.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QMessageLogContext,
    QSettings,
    Qt,
    QtMsgType,
    qFormatLogMessage,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QWidget

from readingroom import first_run, paths, showcase, staff
from readingroom.catalogue_file import close_catalogue
from readingroom.language import Words
from readingroom.vocabulary import Role, WorkAccess

DEFAULT_SIZE = (1280, 800)

#: what the offscreen platform says whenever a window is shown (harmless: it has no window
#: manager to pass size hints to)
OFFSCREEN_NOTICE = "This plugin does not support propagateSizeHints()"


def ensure_platform() -> None:
    """Offscreen rendering when there is no display to draw on."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@contextmanager
def quiet_offscreen_notice() -> Iterator[None]:
    """Drop exactly :data:`OFFSCREEN_NOTICE` while rendering; every other Qt message goes on
    to the handler installed before (or is printed as Qt's own handler would)."""

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message == OFFSCREEN_NOTICE:
            return
        if previous is not None:
            previous(kind, context, message)
        else:
            sys.stderr.write(qFormatLogMessage(kind, context, message) + "\n")

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


def settle(app: QApplication, rounds: int = 3) -> None:
    for _ in range(rounds):
        app.processEvents()


def save(widget: QWidget, path: Path) -> Path:
    from ui import operations

    operations.settle()  # what the pages read off the GUI thread is shown first
    for _ in range(3):  # and laid out (a label hidden by an answer resizes its box)
        QApplication.processEvents()
    widget.grab().save(str(path))
    return path


# -- rendering --------------------------------------------------------------------------------


#: the note the desk's screenshot shows on a writer's card (in the demo's language)
BORROWER_NOTE = "Asked to return vol. 2 by phone on 12-01."


def _demo_word(text: str, say: Words | None = None) -> str:
    """One of the scenes' own words (a shelf, a name, a note) in the demo's language:
    ``say``'s, else the window's, which the demo was made in."""
    from ui import i18n

    return (say or i18n.domain_words())(text, context="demo")


def _scenes(window) -> list[tuple[str, Callable[[], QWidget]]]:
    """(file stem, set-up returning the widget to grab), in the order they are rendered."""
    from ui import operations
    from ui.pages.desk import RETURN

    def page(page_id: str) -> Callable[[], QWidget]:
        def show() -> QWidget:
            window.show_page(page_id)
            return window

        return show

    def desk_scene(member: str | None, *barcodes: str | None, mode: str = "lend"):
        def show() -> QWidget:
            page_widget = window.show_page("desk")
            page_widget.clear(ask=False)  # the last scene's basket, put aside unasked
            page_widget.set_mode(mode)
            if member:
                page_widget.scan(member)
            for barcode in barcodes:
                if barcode:
                    page_widget.scan(barcode)
            operations.settle()  # the desk reads in a pool thread
            return window

        return show

    # what to show at the desk: found in the demo data, never hard-coded
    writer, civilian, cadre = (
        showcase.borrower_of(Role.WRITER, with_loans=True),
        showcase.borrower_of(Role.CIVILIAN),
        showcase.borrower_of(Role.CADRE),
    )
    copy = showcase.lendable_copy()

    def borrower_note() -> QWidget:  # a note on the writer's card, once (both palettes)
        from readingroom import borrower_notes

        if not borrower_notes.notes_of(writer):
            borrower_notes.add_note(window.session.actor, writer, _demo_word(BORROWER_NOTE))
        return desk_scene(writer, None)()

    def slip_preview() -> QWidget:  # the slip of a loan, printed again, in its preview
        from readingroom import slip
        from ui.dialogs.slip_dialog import SlipDialog
        from ui.slip_printing import scratch_folder

        path = scratch_folder() / "screenshot-slip.pdf"
        slips = slip.reprint(showcase.copy_on_loan())
        slip.write_slips(path, slips)
        dialog = SlipDialog(path, slips, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        dialog.show()
        QApplication.processEvents()
        return dialog

    scenes = [
        ("desk-borrower-note", borrower_note),
        ("desk-allowed", desk_scene(writer, copy)),
        ("desk-refused-civilian", desk_scene(civilian, copy)),
        ("desk-approval-cadre", desk_scene(cadre, copy)),
        ("desk-return", desk_scene(None, showcase.copy_on_loan(), mode=RETURN)),
    ]
    # the basket: two copies that may be lent, and one refused, shown (on loan: a hold is
    # offered)
    first, second = showcase.lendable_copies(2)
    reader = showcase.borrower_of(Role.WRITER, room=2)  # both within the loan limit
    scenes.append(
        (
            "desk-basket",
            desk_scene(reader, first, second, showcase.copy_on_loan(holdable_by=reader)),
        )
    )
    scenes += [
        (f"page-{page_id}", page(page_id))
        for page_id in window.page_ids()
        if page_id not in ("desk", "room")  # the room's morning comes after the stocktake
    ]

    def writers() -> QWidget:
        window.enter_writers_mode()
        window.writers.search_edit.setText("Proof")
        window.writers.refresh()
        window.writers.table.selectRow(0)
        return window

    def locked() -> QWidget:
        window.ask_to_leave_writers()
        window.lock_panel.configure(
            "locked",
            username=window.session.actor.username,
            full_name=window.session.actor.display_name,
        )
        return window

    def policy_preview() -> QWidget:
        page_widget = window.show_page("policy")
        page_widget.select_cell(Role.WRITER, WorkAccess.LENDABLE)
        page_widget.max_items.setValue(1)  # previewed, never saved
        return window

    def report_preview(kind: str = "inventory") -> QWidget:
        page_widget = window.show_page("reports")
        page_widget.select_kind(kind)
        page_widget.preview_report()
        deadline = time.monotonic() + 60
        while page_widget.job.running and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.02)
        return window

    return scenes + [
        ("policy-preview", policy_preview),
        ("report-preview", report_preview),
        ("report-exceptions", lambda: report_preview("exceptions")),
        ("slip-preview", slip_preview),
        ("stocktake-in-progress", stocktake_under_way(window)),
        *reading_room_scenes(window, desk_scene, writer),
        ("report-inspection", stocktake_signed(window, report_preview)),
        ("writers-catalogue", writers),
        ("locked", locked),
    ]


def reading_room_scenes(
    window, desk_scene: Callable[..., Callable[[], QWidget]], writer: str
) -> list[tuple[str, Callable[[], QWidget]]]:
    """A morning in the reading room (three readers at their tables, ``demo``), its page, the
    desk in Reading room mode (a writer's card, a reference work for the room, a copy coming
    back from a table) and a copy's custody timeline in the catalogue. After the stocktake's
    scene: a copy at a table refuses a stocktake."""
    from readingroom import demo, room
    from readingroom.desk import ROOM
    from ui import operations

    def morning() -> None:
        if not room.in_room():
            demo.reading_room_morning(window.session.actor)

    def room_page() -> QWidget:
        morning()
        window.show_page("room")
        operations.settle()
        return window

    def desk_room() -> QWidget:
        morning()
        back = demo.ROOM_MORNING[-1][0]  # a copy coming back from its table
        # the copy coming back first, then the writer's card and a work read in the room
        return desk_scene(back, writer, "RR00064", mode=ROOM)()

    def custody_timeline() -> QWidget:
        morning()
        from readingroom import catalogue

        barcode = demo.ROOM_MORNING[-1][0]
        page_widget = window.show_page("catalogue")
        work_id = catalogue.get_copy(barcode).work_id
        page_widget.detail.show_work(work_id, copy=barcode)
        operations.settle()
        page_widget.detail.history_tabs.setCurrentWidget(page_widget.detail.timeline)
        return window

    return [
        ("page-room", room_page),
        ("desk-room", desk_room),
        ("custody-timeline", custody_timeline),
    ]


def stocktake_under_way(window) -> Callable[[], QWidget]:
    """A stocktake half done: copies found on their shelves, one scanned twice, one found
    on the wrong shelf, a barcode the catalogue does not know."""
    from readingroom import stocktake

    def show() -> QWidget:
        actor = window.session.actor
        if stocktake.open_stocktake() is None:
            stocktake.start(actor)
            shelved = showcase.shelved_copies(24)
            for barcode, location in shelved:
                stocktake.scan(actor, barcode, location)
            stocktake.scan(actor, *shelved[0])  # scanned twice
            stocktake.scan(actor, shelved[-1][0], _demo_word("Safe D/9"))  # the wrong shelf
            stocktake.scan(actor, "RR99999", _demo_word("Safe A/1"))
        window.show_page("stocktake")
        return window

    return show


#: the inspector named at the close of the screenshots' stocktake
SCENE_INSPECTOR = "Ri Myong-hui"


def stocktake_signed(window, report_preview: Callable[[str], QWidget]) -> Callable[[], QWidget]:
    """The stocktake under way finished and signed: every other copy on its shelf scanned
    but the last two (missing), the inspector named; the inspection report's first page
    (branch, period, who opened, scanned, closed and signed, the chain head) previewed."""
    from readingroom import stocktake

    def show() -> QWidget:
        actor = window.session.actor
        if stocktake.open_stocktake() is not None:
            shelved = showcase.shelved_copies(10_000)
            for barcode, location in shelved[24:-2]:
                stocktake.scan(actor, barcode, location)
            stocktake.close(actor, actor.display_name, inspector=SCENE_INSPECTOR)
        return report_preview("inspection")

    return show


def render_window(
    out_dir: Path, size: tuple[int, int], suffix: str, db_path: Path, settings
) -> list[Path]:
    from ui.main_window import MainWindow
    from ui.session import Session

    username, password, _ = first_run.demo_supervisor()
    actor = staff.authenticate(username, password)
    # the screenshots leave no settings behind
    window = MainWindow(Session(db_path, actor, demo=True), settings, keep_settings=False)
    window.ask_before_closing = False  # a scene's basket is put aside unasked
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    window.resize(*size)
    window.show()
    files = []
    for stem, show in _scenes(window):
        files.append(save(show(), out_dir / f"{stem}{suffix}.png"))
    window.idle.stop()
    window.close()
    window.deleteLater()
    # delete it now, with its timers (a debounced search), before the demo folder goes
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return files


def render_dialogs(out_dir: Path, suffix: str, db_path: Path) -> list[Path]:
    from ui.signin import SignInDialog
    from ui.welcome import WelcomeDialog

    files = []
    # the file the app suggests for a new catalogue (the platform's data folder)
    welcome = WelcomeDialog(paths.data_dir() / "catalogue.db")
    welcome.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    welcome.show()
    files.append(save(welcome, out_dir / f"welcome{suffix}.png"))
    welcome.stack.setCurrentWidget(welcome.new_page)
    files.append(save(welcome, out_dir / f"welcome-new-catalogue{suffix}.png"))
    welcome.done(0)
    signin = SignInDialog(catalogue_name=db_path.name, demo=True)
    signin.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    signin.show()
    files.append(save(signin, out_dir / f"sign-in{suffix}.png"))
    signin.done(0)
    return files


def render_all(
    out_dir: Path,
    size: tuple[int, int] = DEFAULT_SIZE,
    palettes: tuple[bool, ...] = (False, True),
    language: str | None = None,
) -> list[Path]:
    """Render every page, the desk's states, the writers' catalogue and the dialogs.

    ``palettes``: False for the light palette, True for the dark one (``-dark`` files).
    ``language``: e.g. "ko" or "en"; None keeps the app's own (its setting or the system's).
    """
    ensure_platform()
    from ui import i18n, theme
    from ui.app import application
    from ui.settings import AppSettings

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    app = application()
    if language is not None:
        i18n.install_translator(app, language)
    files: list[Path] = []
    style, palette = app.style().name(), app.palette()  # put back afterwards
    with quiet_offscreen_notice(), tempfile.TemporaryDirectory(prefix="readingroom-shots-") as tmp:
        try:
            for dark in palettes:
                # each palette on a demo of its own: the light set's scenes (a stocktake
                # opened) never show in the dark set, so the two sets show the same things
                suffix = "-dark" if dark else ""
                folder = Path(tmp) / (suffix.strip("-") or "light")
                folder.mkdir()
                close_catalogue()
                db_path = folder / "demo.db"
                first_run.open_or_create_demo(db_path, language=i18n.domain_words().language)
                settings = AppSettings(
                    QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
                )
                theme.use_palette(app, dark)
                files += render_window(out_dir, size, suffix, db_path, settings)
                files += render_dialogs(out_dir, suffix, db_path)
                settle(app)
        finally:
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            close_catalogue()
            app.setStyle(style)
            app.setPalette(palette)
    return files


# -- printouts: what the branch prints, page by page -------------------------------------------

#: the printed pages' width in pixels (A4 at about 150 dots an inch)
PRINT_WIDTH = 1240


def render_pdf_page(pdf: Path, png: Path, page: int = 0, width: int = PRINT_WIDTH) -> Path:
    """One page of ``pdf`` as a PNG ``width`` pixels wide, on white (Qt's QPdfDocument)."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(pdf))
    points = document.pagePointSize(page)
    size = QSize(width, round(width * points.height() / points.width()))
    image = document.render(page, size)
    paper = QImage(size, QImage.Format.Format_RGB32)
    paper.fill(QColor("white"))
    painter = QPainter(paper)
    painter.drawImage(0, 0, image)
    painter.end()
    document.close()
    paper.save(str(png))
    return png


def render_printouts(out_dir: Path, language: str | None = None) -> list[Path]:
    """The inspection report (a signed stocktake, its first page and its table) and a
    reminder letter, as the demo branch prints them, in ``language`` (``ko_KP``, ``ko``,
    ``en``; None: the branch's printing language) to ``print-*.png`` files (with
    ``-LANG`` when a language is given)."""
    from readingroom import clock, reminders, reports, settings, stocktake
    from readingroom.language import words
    from readingroom.pdf import write_letter
    from readingroom.reports import Options

    ensure_platform()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    suffix = f"-{language}" if language else ""
    files: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="readingroom-print-") as tmp:
        folder = Path(tmp)
        try:
            close_catalogue()
            first_run.open_or_create_demo(folder / "demo.db", language=language or "en")
            username, password, _ = first_run.demo_supervisor()
            actor = staff.authenticate(username, password)
            chosen = language or settings.print_language()
            # a stocktake signed: every shelved copy found but two, one on the wrong shelf
            stocktake.start(actor)
            shelved = showcase.shelved_copies(10_000)
            for barcode, location in shelved[2:-1]:
                stocktake.scan(actor, barcode, location)
            made_in = words(language or "en")  # the demo's own language
            stocktake.scan(actor, shelved[-1][0], _demo_word("Safe D/9", made_in))
            stocktake.scan(actor, "RR99999", _demo_word("Safe A/1", made_in))
            inspector = _demo_word("Pak Song-chol", made_in)
            stocktake.close(actor, actor.username, inspector=inspector)
            report = folder / "inspection.pdf"
            reports.write("inspection", "pdf", report, Options(language=chosen))
            files.append(render_pdf_page(report, out_dir / f"print-inspection{suffix}.png"))
            files.append(
                render_pdf_page(report, out_dir / f"print-inspection-table{suffix}.png", 1)
            )
            due = sorted(reminders.due_reminders(), key=lambda r: -r.level)
            if due:
                letter = folder / "reminder.pdf"
                say = words(chosen)
                write_letter(letter, [reminders.reminder_letter(actor, due[0], clock.today(), say)])
                files.append(render_pdf_page(letter, out_dir / f"print-reminder{suffix}.png"))
        finally:
            close_catalogue()
    return files
