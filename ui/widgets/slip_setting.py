"""The catalogue's slip setting in the window: print a slip after every lend or return,
ask each time, or never (``settings slip`` on the command line). A supervisor changes it;
everyone else sees it. The box reads the setting in the calls thread each time it is shown.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QWidget

from readingroom import settings, staff
from ui.operations import Changes, CollectionOp, QueryOp
from ui.session import Session


class SlipSettingBox(QGroupBox):
    """ "Desk slips: always / ask / never", saved as soon as a supervisor chooses."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(self.tr("Desk slips"), parent)
        self.session = session
        self.combo = QComboBox(self)
        for mode, text in (
            (settings.SLIP_ALWAYS, self.tr("Print always")),
            (settings.SLIP_ASK, self.tr("Ask after each lend or return")),
            (settings.SLIP_NEVER, self.tr("Never print")),
        ):
            self.combo.addItem(text, mode)
        self.combo.setAccessibleName(self.tr("Desk slips"))
        self.combo.setToolTip(
            self.tr(
                "A slip lists the member, each copy with its due date or return, and the "
                "audit entry of each, for the borrower to keep."
            )
        )
        self._shown = settings.SLIP_ASK
        self.combo.setCurrentIndex(self.combo.findData(self._shown))
        self.combo.activated.connect(lambda _index: self.save())
        self.note = QLabel(self.tr("Only a supervisor changes this."), self)
        self.note.setWordWrap(True)
        form = QFormLayout(self)
        caption = QLabel(self.tr("Sl&ips:"), self)
        caption.setBuddy(self.combo)
        form.addRow(caption, self.combo)
        form.addRow(self.note)
        self.session.actor_changed.connect(self._update)
        self._update()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        QueryOp(self, settings.slip_mode).success(self._show_mode).run()

    def _show_mode(self, mode: str) -> None:
        self._shown = mode
        self.combo.setCurrentIndex(self.combo.findData(mode))

    def _update(self, *_args: object) -> None:
        supervisor = self.session.is_supervisor
        self.combo.setEnabled(supervisor)
        self.note.setVisible(not supervisor)

    def save(self) -> None:
        mode = self.combo.currentData()
        if mode == self._shown or not self.session.is_supervisor:
            return
        actor = self.session.actor
        CollectionOp(
            self,
            lambda: settings.set_slip_mode(staff.signed_in(actor), mode),
            Changes(audit=True),
        ).success(lambda changed: self._show_mode(changed.new)).failure(self._failed).disabling(
            self.combo
        ).run()

    def _failed(self, _error: BaseException) -> bool:
        self._show_mode(self._shown)
        return False
