"""A print preview inside a page: the PDF's pages (Qt PDF), zoom, and printing.

:class:`PdfPreview` shows a PDF file already written (a report, a letter) page after page,
fitted to the width or the whole page, with the page count and a "Print…" button. Printing
renders each page at the printer's resolution (:func:`print_document`); the print dialog
is asked for through :func:`ask_printer`, which tests replace.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.models import labels

#: the resolution pages are rendered at for printing (the painter scales them to the paper)
PRINT_DPI = 300
POINTS_PER_INCH = 72


def ask_printer(parent: QWidget) -> QPrinter | None:
    """The printer and its settings chosen in the platform's print dialog; None if cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Print every page of ``document`` on ``printer``, each fitted to the paper; the count.

    The paper is turned the way the document's first page is (a wide report prints
    landscape). Pages are rendered at most at :data:`PRINT_DPI` and scaled to the paper
    by the painter, so a 1200 dpi printer does not need a page image of half a gigabyte.
    """
    if document.pageCount():
        first = document.pagePointSize(0)
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape
            if first.width() > first.height()
            else QPageLayout.Orientation.Portrait
        )
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        render_scale = min(printer.resolution(), PRINT_DPI) / POINTS_PER_INCH
        for index in range(document.pageCount()):
            if index:
                printer.newPage()
            points = document.pagePointSize(index)
            fit = min(area.width() / points.width(), area.height() / points.height())
            image = document.render(
                index,
                QSize(round(points.width() * render_scale), round(points.height() * render_scale)),
            )
            painter.drawImage(QRectF(0, 0, points.width() * fit, points.height() * fit), image)
        return document.pageCount()
    finally:
        painter.end()


class PdfPreview(QWidget):
    """A placeholder until a PDF is shown, then its pages with zoom and "Print…"."""

    def __init__(self, placeholder: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.path: Path | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        # fitted to the width, a page just as tall as the view would make the scroll bar
        # come and go for ever (each changes the width the other depends on)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.view.setAccessibleName(self.tr("Print preview"))
        self.placeholder = QLabel(placeholder, self)
        self.placeholder.setTextFormat(Qt.TextFormat.PlainText)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setEnabled(False)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._build_bar())
        layout.addWidget(self.stack, 1)
        self.view.pageNavigator().currentPageChanged.connect(lambda _page: self._show_page())
        self._show_page()

    def _build_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.page_label = QLabel(self)
        self.page_label.setTextFormat(Qt.TextFormat.PlainText)
        self.page_label.setAccessibleName(self.tr("Pages"))
        self.fit_width = QPushButton(self.tr("Fit &width"), self)
        self.fit_page = QPushButton(self.tr("Wh&ole page"), self)
        self.zoom_group = QButtonGroup(self)
        for button, mode in (
            (self.fit_width, QPdfView.ZoomMode.FitToWidth),
            (self.fit_page, QPdfView.ZoomMode.FitInView),
        ):
            button.setCheckable(True)
            button.setAccessibleName(button.text().replace("&", ""))
            self.zoom_group.addButton(button)
            button.clicked.connect(lambda _checked=False, m=mode: self.view.setZoomMode(m))
        self.fit_width.setChecked(True)
        self.print_button = QPushButton(self.tr("P&rint…"), self)
        self.print_button.setAccessibleName(self.tr("Print the previewed document"))
        self.print_button.clicked.connect(self.print_pdf)
        bar.addWidget(self.title, 1)
        bar.addWidget(self.page_label)
        bar.addWidget(self.fit_width)
        bar.addWidget(self.fit_page)
        bar.addWidget(self.print_button)
        return bar

    @property
    def page_count(self) -> int:
        return self.document.pageCount() if self.path else 0

    def show_pdf(self, path: Path, title: str = "") -> bool:
        """Show the PDF at ``path`` (False, and the placeholder, if it cannot be read)."""
        self.document.close()
        error = self.document.load(str(path))
        self.path = path if error == QPdfDocument.Error.None_ else None
        self.title.setText(title if self.path else "")
        self.stack.setCurrentWidget(self.view if self.path else self.placeholder)
        if self.path:
            self.view.pageNavigator().jump(0, QPointF(), self.view.pageNavigator().currentZoom())
        self._show_page()
        return self.path is not None

    def clear(self) -> None:
        self.document.close()
        self.path = None
        self.title.clear()
        self.stack.setCurrentWidget(self.placeholder)
        self._show_page()

    def _show_page(self) -> None:
        count = self.page_count
        current = self.view.pageNavigator().currentPage() + 1 if count else 0
        self.page_label.setText(
            labels.fill(self.tr("Page %1 of %2"), current, count) if count else ""
        )
        for button in (self.fit_width, self.fit_page, self.print_button):
            button.setEnabled(count > 0)

    def print_pdf(self) -> int:
        """Ask for a printer and print every page; the number of pages printed."""
        if not self.page_count:
            return 0
        printer = ask_printer(self)
        return print_document(self.document, printer) if printer is not None else 0
