"""The desk's slip after a lend or a return, as the catalogue's slip setting says.

The desk calls :func:`offer_slip` with the results of one step (the frozen results the
circulation services return: :class:`~readingroom.circulation.Lent`,
:class:`~readingroom.circulation.ReturnResult`, :class:`~readingroom.circulation.Renewed`).
In the window's calls thread it reads the setting (``settings slip``); the slip is written
there too (:func:`readingroom.slip.write_slip`, to a private scratch folder removed when
the program ends). Then, in the GUI thread:

- ``always``: the slip goes to the default printer at once; with no printer installed, its
  print preview opens instead (:class:`~ui.dialogs.slip_dialog.SlipDialog`, the Reports
  page's :class:`~ui.widgets.pdf_preview.PdfPreview` in a dialog);
- ``ask``: :func:`ask_slip` asks "Print a slip for …?" without blocking the desk or taking
  the scanner's focus; "Print…" writes the slip and opens its print preview;
- ``never``: nothing.

:func:`ask_slip`, :func:`default_printer` and :func:`show_preview` are looked up through
this module at call time, so tests replace them (no modal dialog, no real printer).
"""

from __future__ import annotations

import atexit
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QApplication, QMessageBox, QStackedWidget, QWidget

from readingroom import settings
from readingroom.circulation import Lent, Renewed, ReturnResult
from ui.operations import Operation, QueryOp
from ui.widgets.ask import question_box
from ui.widgets.pdf_preview import print_document

if TYPE_CHECKING:  # fpdf2 loads only when a slip is written
    from readingroom.slip import Slip

#: what became of a slip (for tests and the desk's status line)
PRINTED, PREVIEWED, DECLINED, NONE = "printed", "previewed", "declined", "none"

_scratch: tempfile.TemporaryDirectory[str] | None = None
_numbers = count(1)
#: the question each window has open (a new step's question replaces the last one's)
_asking: dict[int, QMessageBox] = {}


def tr(text: str) -> str:
    return QCoreApplication.translate("SlipPrinting", text)


def scratch_folder() -> Path:
    """A private folder for the slips of this run, removed when the program ends."""
    global _scratch
    if _scratch is None:
        _scratch = tempfile.TemporaryDirectory(prefix="readingroom-slips-")
        atexit.register(_scratch.cleanup)
    return Path(_scratch.name)


Results = list[Lent | ReturnResult | Renewed]


@dataclass(frozen=True)
class Written:
    """A slip written to ``path`` for ``slips``."""

    path: Path
    slips: tuple[Slip, ...]


def write(results: Results) -> Written:
    """In the calls thread: the slip written to a private scratch file."""
    from readingroom import slip  # fpdf2 loads only to write a slip

    path = scratch_folder() / f"slip-{next(_numbers)}.pdf"
    return Written(path, tuple(slip.write_slip(path, results)))


def _prepare(results: Results) -> tuple[str, Written | None]:
    """In the calls thread: the setting, and for ``always`` the slip already written."""
    mode = settings.slip_mode()
    return mode, write(results) if mode == settings.SLIP_ALWAYS else None


def ask_slip(parent: QWidget, members: str, answer: Callable[[bool], None]) -> QMessageBox:
    """Ask whether to print a slip, without blocking the desk: the question is shown
    without taking the focus (the scanner keeps typing into the scan field), and
    ``answer(True)`` comes when "Print…" is pressed, ``answer(False)`` for "No" or when the
    next step's question replaces it."""
    window = parent.window()
    previous = _asking.pop(id(window), None)
    if previous is not None and shiboken6.isValid(previous):
        previous.reject()
    box = question_box(window, tr("Slip"), tr("Print a slip for {member}?").format(member=members))
    yes = box.button(QMessageBox.StandardButton.Yes)
    yes.setText(tr("&Print…"))
    box.button(QMessageBox.StandardButton.No).setText(tr("&No slip"))
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.finished.connect(lambda _result: answer(box.clickedButton() is yes))
    box.finished.connect(lambda _result: _asking.pop(id(window), None))
    _asking[id(window)] = box
    close_when_staff_view_leaves(window, box.reject)
    focused = QApplication.focusWidget()
    box.show()
    if focused is not None and focused.window() is window:  # the scanner's field keeps it
        window.activateWindow()
        focused.setFocus()
    return box


def close_when_staff_view_leaves(window: QWidget, close: Callable[[], object]) -> None:
    """``close()`` once the window leaves its staff view (locked, signed out, the writers'
    screen): a slip's question or preview names the member and must not stay in view.
    (``close`` is a bound method of the question or the dialog: the connection goes with it.)
    """
    modes = getattr(window, "modes", None)  # the main window's stack: staff view, lock...
    if isinstance(modes, QStackedWidget):
        modes.currentChanged.connect(close)


def default_printer() -> QPrinter | None:
    """The system's default printer, or None when none is installed."""
    info = QPrinterInfo.defaultPrinter()
    if info.isNull():
        return None
    return QPrinter(info, QPrinter.PrinterMode.HighResolution)


def print_now(path: Path, printer: QPrinter) -> int:
    """Print the slip at ``path`` on ``printer``; the number of pages printed."""
    document = QPdfDocument()
    try:
        if document.load(str(path)) != QPdfDocument.Error.None_:
            return 0
        return print_document(document, printer)
    finally:
        document.close()


def show_preview(parent: QWidget, written: Written) -> QWidget:
    """The slip's print preview, shown (not ``exec()``-ed): it removes its file on close."""
    from ui.dialogs.slip_dialog import SlipDialog

    dialog = SlipDialog(written.path, list(written.slips), parent.window())
    close_when_staff_view_leaves(parent.window(), dialog.close)
    dialog.show()
    return dialog


def members_of(results: Results) -> str:
    """ "name (member number)" of each borrower of ``results``, in order, each once."""
    seen = dict.fromkeys(f"{r.loan.borrower.name} ({r.loan.borrower.member_no})" for r in results)
    return ", ".join(seen)


def offer_slip(
    parent: QWidget, results: Iterable[object], done: Callable[[str], None] | None = None
) -> Operation[tuple[str, Written | None]] | None:
    """After one desk step: a slip for its lends, returns and renewals as the setting says
    (see the module docstring). Anything else in ``results`` is left out; None when nothing
    is left. ``done(outcome)``, if given, hears what became of the slip (:data:`PRINTED`,
    :data:`PREVIEWED`, :data:`DECLINED` or :data:`NONE`).
    """
    chosen: Results = [r for r in results if isinstance(r, Lent | ReturnResult | Renewed)]
    if not chosen:
        return None
    import ui.slip_printing as this  # the patchable names, looked up at call time

    def report(outcome: str) -> None:
        if done is not None:
            done(outcome)

    def preview(written: Written) -> None:
        this.show_preview(parent, written)
        report(PREVIEWED)

    def answered(yes: bool) -> None:
        if not yes:
            report(DECLINED)
            return
        QueryOp(parent, lambda: this.write(chosen)).success(preview).run()

    def prepared(value: tuple[str, Written | None]) -> None:
        mode, written = value
        if mode == settings.SLIP_NEVER:
            report(NONE)
        elif written is not None:  # always
            printer = this.default_printer()
            if printer is not None and this.print_now(written.path, printer):
                written.path.unlink(missing_ok=True)
                report(PRINTED)
            else:
                preview(written)
        else:
            this.ask_slip(parent, members_of(chosen), answered)

    op = QueryOp(parent, lambda: _prepare(chosen))
    op.success(prepared).run()
    return op
