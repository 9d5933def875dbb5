"""The branch's printing language in the window: the language reports, reminder and recall
letters, desk slips and the bundle's sign-off sheet print in (``settings print-language``
on the command line), apart from the window's own language. A combo box that the Reports
page puts under the branch's name; a supervisor changes it, everyone else sees it. It reads
the setting in the calls thread each time it is shown.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QWidget

from readingroom import language, settings, staff
from ui.operations import Changes, CollectionOp, QueryOp
from ui.session import Session


class PrintLanguageCombo(QComboBox):
    """ "조선어 / 한국어 / English", saved as soon as a supervisor chooses."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        for code in language.LANGUAGES:  # each named in itself, as in Session ▸ Language
            self.addItem(language.ENDONYMS[code], code)
        self.setAccessibleName(self.tr("Printing language"))
        self._shown = language.ENGLISH
        self.setCurrentIndex(self.findData(self._shown))
        self.activated.connect(lambda _index: self.save())
        self.session.actor_changed.connect(self._update)
        self._update()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        QueryOp(self, settings.print_language).success(self._show_language).run()

    def _show_language(self, code: str) -> None:
        self._shown = code
        self.setCurrentIndex(self.findData(code))

    def _update(self, *_args: object) -> None:
        supervisor = self.session.is_supervisor
        self.setEnabled(supervisor)
        what = self.tr(
            "The language of every report, reminder and recall letter, desk slip and "
            "sign-off sheet this branch prints, whatever language the window shows."
        )
        self.setToolTip(
            what if supervisor else what + " " + self.tr("Only a supervisor changes this.")
        )

    def save(self) -> None:
        code = self.currentData()
        if code == self._shown or not self.session.is_supervisor:
            return
        actor = self.session.actor
        CollectionOp(
            self,
            lambda: settings.set_print_language(staff.signed_in(actor), code),
            Changes(audit=True),
        ).success(lambda changed: self._show_language(changed.new)).failure(self._failed).disabling(
            self
        ).run()

    def _failed(self, _error: BaseException) -> bool:
        self._show_language(self._shown)
        return False
