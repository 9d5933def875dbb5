"""The barcode scanner's prefix and suffix in the window (``settings scanner-prefix`` and
``scanner-suffix`` on the command line): the characters a scanner is set to send before and
after each code, taken off every scan at the desk and in a stocktake. A supervisor changes
them; everyone else sees them. The box reads them in the calls thread each time it is shown.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from readingroom import settings, staff
from readingroom.errors import ReadingRoomError
from ui import reasons
from ui.operations import Changes, CollectionOp, QueryOp
from ui.session import Session


class ScannerSettingBox(QGroupBox):
    """ "Scanner: prefix [ ] suffix [ ] Save", saved when a supervisor presses Save."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(self.tr("Barcode scanner"), parent)
        self.session = session
        self._shown = ("", "")
        self.prefix_edit = QLineEdit(self)
        self.prefix_edit.setAccessibleName(self.tr("Scanner prefix"))
        self.suffix_edit = QLineEdit(self)
        self.suffix_edit.setAccessibleName(self.tr("Scanner suffix"))
        for edit in (self.prefix_edit, self.suffix_edit):
            edit.setMaxLength(settings.SCANNER_AFFIX_MAX + 4)  # longer is refused with why
            edit.setPlaceholderText(self.tr("none"))
            edit.setToolTip(
                self.tr(
                    "Characters the scanner is set to send around each code; they are taken "
                    "off every scan at the desk and in a stocktake."
                )
            )
            edit.returnPressed.connect(self.save)
            edit.textEdited.connect(lambda _text: self._update())
        self.save_button = QPushButton(self.tr("Save scann&er"), self)
        self.save_button.setAccessibleName(self.tr("Save the scanner's prefix and suffix"))
        self.save_button.clicked.connect(self.save)
        row = QHBoxLayout()
        prefix_label = QLabel(self.tr("&Prefix:"), self)
        prefix_label.setBuddy(self.prefix_edit)
        suffix_label = QLabel(self.tr("Su&ffix:"), self)
        suffix_label.setBuddy(self.suffix_edit)
        row.addWidget(prefix_label)
        row.addWidget(self.prefix_edit, 1)
        row.addWidget(suffix_label)
        row.addWidget(self.suffix_edit, 1)
        row.addWidget(self.save_button)
        self.note = QLabel(self.tr("Only a supervisor changes this."), self)
        self.note.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.hide()
        form = QFormLayout(self)
        form.addRow(row)
        form.addRow(self.note)
        form.addRow(self.message)
        self.session.actor_changed.connect(self._update)
        self._update()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        QueryOp(self, settings.scanner_affixes).success(self._show).run()

    def _show(self, affixes: tuple[str, str]) -> None:
        self._shown = affixes
        self.prefix_edit.setText(affixes[0])
        self.suffix_edit.setText(affixes[1])
        self._update()

    def entered(self) -> tuple[str, str]:
        return self.prefix_edit.text(), self.suffix_edit.text()

    def _update(self, *_args: object) -> None:
        supervisor = self.session.is_supervisor
        for edit in (self.prefix_edit, self.suffix_edit):
            edit.setReadOnly(not supervisor)
        self.save_button.setEnabled(supervisor and self.entered() != self._shown)
        self.note.setVisible(not supervisor)

    def save(self) -> None:
        """Store the prefix and the suffix (each its own audited change, only those that
        differ); a bad one is refused with why and changes nothing."""
        if not self.session.is_supervisor:
            return
        prefix, suffix = self.entered()
        old_prefix, old_suffix = self._shown
        actor = self.session.actor

        def store() -> tuple[str, str]:
            signed_in = staff.signed_in(actor)
            checked = (
                settings.check_scanner_affix(prefix, "prefix"),
                settings.check_scanner_affix(suffix, "suffix"),
            )  # both checked before either is stored
            if checked[0] != old_prefix:
                settings.set_scanner_affix(signed_in, settings.SCANNER_PREFIX, checked[0])
            if checked[1] != old_suffix:
                settings.set_scanner_affix(signed_in, settings.SCANNER_SUFFIX, checked[1])
            return settings.scanner_affixes()

        CollectionOp(self, store, Changes(audit=True)).success(self._saved).inline(
            self._refused
        ).disabling(self.save_button).run()

    def _saved(self, affixes: tuple[str, str]) -> None:
        self.message.hide()
        self._show(affixes)

    def _refused(self, error: ReadingRoomError) -> None:
        self.message.setText(reasons.error_text(error))
        self.message.show()
