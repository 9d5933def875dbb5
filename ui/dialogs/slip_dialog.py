"""A slip's print preview: the Reports page's preview (pages, zoom, "Print…") in a dialog,
with "Save as PDF…" for a slip kept on file instead of paper.

The dialog owns the scratch file it shows (:func:`ui.slip_printing.scratch_folder`) and
removes it when it closes; it is shown
without ``exec()`` (the desk keeps working behind it).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from readingroom.errors import os_problem
from ui.models import labels
from ui.reasons import message_text
from ui.widgets import folder_ask
from ui.widgets.message_bar import MessageBar
from ui.widgets.pdf_preview import PdfPreview

if TYPE_CHECKING:
    from readingroom.slip import Slip


class SlipDialog(QDialog):
    """The slip at ``path`` (written for ``slips``), to print or save."""

    def __init__(self, path: Path, slips: list[Slip], parent: QWidget | None = None):
        super().__init__(parent)
        self.path = path
        self.slips = slips
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setWindowTitle(self.tr("Slip"))
        self.resize(560, 720)
        self.message = MessageBar(self)
        self.preview = PdfPreview(self.tr("The slip could not be read."), self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.save_button = QPushButton(self.tr("&Save as PDF…"), self)
        self.save_button.setAccessibleName(self.tr("Save the slip as a PDF file"))
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.save_as)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)
        member = ", ".join(f"{s.member_name} ({s.member_no})" for s in slips)
        self.preview.show_pdf(path, labels.fill(self.tr("Slip for %1"), member))
        self.finished.connect(self._remove_scratch)
        self.preview.print_button.setFocus()

    def suggested_name(self) -> str:
        first = self.slips[0] if self.slips else None
        stamp = first.printed_at.strftime("%Y%m%d-%H%M") if first else ""
        return f"slip-{first.member_no if first else ''}-{stamp}.pdf"

    def save_as(self) -> Path | None:
        target = folder_ask.ask_save_file(
            self,
            self.tr("Save the slip"),
            self.suggested_name(),
            self.tr("PDF files (*.pdf)"),
            folder_ask.REPORTS,
        )
        if target is None:
            return None
        try:
            shutil.copyfile(self.path, target)
        except OSError as error:
            self.message.show_error(
                labels.fill(self.tr("The slip was not saved: %1"), message_text(os_problem(error)))
            )
            return None
        self.message.show_success(labels.fill(self.tr("Slip saved to %1."), str(target)))
        return target

    def _remove_scratch(self) -> None:
        self.preview.clear()
        self.path.unlink(missing_ok=True)
