"""The Restrictions page: the works and copies withheld (with the reason, the authority and
the dates of each), and the copies at conservation.

A supervisor adds a restriction (:class:`RestrictDialog`) and lifts one before its end day
with a reason (:class:`LiftDialog`); desk staff release a copy back from conservation with
the grade it came back in (:class:`ReleaseDialog`). Everything is read and written through
:mod:`readingroom.restrictions` and :mod:`readingroom.conservation`, in the calls thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from readingroom import clock, conservation, restrictions
from readingroom.clock import parse_date
from readingroom.conservation import AtConservation
from readingroom.restrictions import RestrictionView
from readingroom.vocabulary import CONDITIONS
from ui.dialogs.form_dialog import FormDialog
from ui.models import labels
from ui.models.columns import RIGHT, Column
from ui.models.row_list import RowListModel
from ui.operations import Changes, QueryOp
from ui.pages.base import Page
from ui.session import Session
from ui.widgets.data_table import DataTable
from ui.widgets.heading import caption
from ui.widgets.message_bar import MessageBar

#: a restriction or a conservation step changes what may be lent and writes the trail
WRITES = Changes(catalogue=True, loans=True, audit=True)


def _t(text: str) -> str:
    return QCoreApplication.translate("RestrictionsPage", text)


def _state(found: RestrictionView) -> str:
    words = {
        "in force": _t("In force"),
        "scheduled": _t("To come"),
        "ended": _t("Ended"),
        "lifted": _t("Lifted"),
    }
    state = found.state(clock.today())
    return words.get(state, state)


def _withholds(found: RestrictionView) -> str:
    if found.barcode:
        return labels.fill(_t("copy %1"), found.barcode)
    return _t("every copy")


def restrictions_model(parent: QWidget | None = None) -> RowListModel:
    return RowListModel(
        [
            Column(_t("No."), lambda r: str(r.id), align=RIGHT, width=4),
            Column(_t("Title"), lambda r: r.title, width=18, stretch=True),
            Column(_t("Withholds"), _withholds, width=12),
            Column(_t("Authority"), lambda r: r.authority, width=16),
            Column(_t("From"), lambda r: labels.day(r.starts), width=10),
            Column(_t("Until"), lambda r: labels.day(r.ends) if r.ends else "", width=10),
            Column(_t("State"), _state, width=8),
            Column(_t("Reason"), lambda r: r.reason, width=18),
        ],
        parent,
    )


def conservation_model(parent: QWidget | None = None) -> RowListModel:
    return RowListModel(
        [
            Column(_t("Barcode"), lambda c: c.barcode, width=8),
            Column(_t("Title"), lambda c: c.title, width=18, stretch=True),
            Column(_t("Vol."), lambda c: str(c.volume), align=RIGHT, width=4),
            Column(_t("Sent"), lambda c: labels.day(c.sent_at.date()), width=10),
            Column(_t("Condition"), lambda c: labels.condition(c.sent_condition), width=8),
            Column(_t("Note"), lambda c: c.note, width=16),
        ],
        parent,
    )


@dataclass(frozen=True)
class Withheld:
    """What the page shows, read in one call."""

    restrictions: list[RestrictionView]
    conservation: list[AtConservation]


def _read() -> Withheld:
    return Withheld(restrictions.list_restrictions(), conservation.at_conservation())


class RestrictDialog(FormDialog):
    """Add a restriction: a work's id or a copy's barcode, the reason, the authority and
    the dates (a supervisor's act)."""

    writes = WRITES

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(
            session, QCoreApplication.translate("RestrictDialog", "Add a restriction"), parent
        )
        self.target = self.add_row(
            self.tr("&Work id or barcode:"), QLineEdit(self), names=("work", "barcode", "copy")
        )
        self.reason = self.add_row(self.tr("&Reason:"), QLineEdit(self), names=("reason",))
        self.authority = self.add_row(self.tr("&Authority:"), QLineEdit(self), names=("authority",))
        self.starts = self.add_row(
            self.tr("&From (YYYY-MM-DD):"), QLineEdit(self), names=("first day",)
        )
        self.starts.setPlaceholderText(self.tr("today"))
        self.ends = self.add_row(
            self.tr("&Until (YYYY-MM-DD):"), QLineEdit(self), names=("end day",)
        )
        self.ends.setPlaceholderText(self.tr("until lifted"))

    def submit(self) -> Callable[[], Any]:
        actor = self.session.actor
        target, reason, authority = self.target.text(), self.reason.text(), self.authority.text()
        starts, ends = self.starts.text().strip(), self.ends.text().strip()

        def call() -> int:
            return restrictions.restrict(
                actor,
                target,
                reason=reason,
                authority=authority,
                starts=parse_date(starts, "first day") if starts else None,
                ends=parse_date(ends, "end day") if ends else None,
            ).restriction.id

        return call


class LiftDialog(FormDialog):
    """Lift a restriction before its end day, with a reason (a supervisor's act)."""

    writes = WRITES

    def __init__(self, session: Session, found: RestrictionView, parent: QWidget | None = None):
        title = labels.fill(
            QCoreApplication.translate("LiftDialog", "Lift restriction %1"), found.id
        )
        super().__init__(session, title, parent)
        self.restriction_id = found.id
        self.reason = self.add_row(self.tr("&Reason:"), QLineEdit(self), names=("reason",))

    def submit(self) -> Callable[[], Any]:
        actor, rid, reason = self.session.actor, self.restriction_id, self.reason.text()
        return lambda: restrictions.unrestrict(actor, rid, reason).restriction.id


class ReleaseDialog(FormDialog):
    """A copy back from conservation: its grade now and what was done."""

    writes = WRITES

    def __init__(self, session: Session, barcode: str, parent: QWidget | None = None):
        title = labels.fill(
            QCoreApplication.translate("ReleaseDialog", "%1 back from conservation"), barcode
        )
        super().__init__(session, title, parent)
        self.barcode = barcode
        self.condition = self.add_row(self.tr("&Condition:"), QComboBox(self), names=("condition",))
        for grade in CONDITIONS:
            self.condition.addItem(labels.condition(grade), str(grade))
        self.note = self.add_row(self.tr("&What was done:"), QLineEdit(self), names=("note",))

    def submit(self) -> Callable[[], Any]:
        actor, barcode = self.session.actor, self.barcode
        grade, note = str(self.condition.currentData()), self.note.text()
        return lambda: conservation.release(actor, barcode, condition=grade, note=note).copy_status


class RestrictionsPage(Page):
    page_id = "restrictions"
    watches = Changes(catalogue=True, loans=True, audit=True)
    icon_name = "restrictions"

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("RestrictionsPage", "Restrictions")

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self._asked = 0
        self.dialog: FormDialog | None = None
        layout = QVBoxLayout(self)
        self.message = MessageBar(self)
        layout.addWidget(self.message)
        self.restrictions = restrictions_model(self)
        self.restrictions_table = DataTable(self.tr("Restrictions"), self)
        self.restrictions_table.setModel(self.restrictions)
        self.conservation = conservation_model(self)
        self.conservation_table = DataTable(self.tr("Copies at conservation"), self)
        self.conservation_table.setModel(self.conservation)
        self.add_button = QPushButton(self.tr("&Add restriction…"), self)
        self.add_button.setAccessibleName(self.tr("Add a restriction"))
        self.lift_button = QPushButton(self.tr("&Lift…"), self)
        self.lift_button.setAccessibleName(self.tr("Lift the selected restriction"))
        self.release_button = QPushButton(self.tr("&Release…"), self)
        self.release_button.setAccessibleName(
            self.tr("Release the selected copy from conservation")
        )
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("restrictions.splitter")
        splitter.addWidget(
            self._titled(
                self.tr("Works and copies withheld"),
                self.restrictions_table,
                self.add_button,
                self.lift_button,
            )
        )
        splitter.addWidget(
            self._titled(self.tr("At conservation"), self.conservation_table, self.release_button)
        )
        splitter.setSizes([450, 250])
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)
        self.add_button.clicked.connect(self.add_restriction)
        self.lift_button.clicked.connect(self.lift_selected)
        self.release_button.clicked.connect(self.release_selected)
        self.restrictions_table.current_changed.connect(lambda _row: self._update_actions())
        self.conservation_table.current_changed.connect(lambda _row: self._update_actions())
        self.session.actor_changed.connect(self._update_actions)
        self._update_actions()

    def _titled(self, title: str, table: DataTable, *buttons: QPushButton) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(caption(title, box))
        bar.addStretch(1)
        for button in buttons:
            bar.addWidget(button)
        layout.addLayout(bar)
        layout.addWidget(table, 1)
        return box

    # -- reading --------------------------------------------------------------------------

    def refresh(self) -> None:
        self._asked += 1
        asked = self._asked
        QueryOp(self, _read).success(lambda found: self._show(asked, found)).run()

    def _show(self, asked: int, found: Withheld) -> None:
        if asked != self._asked:
            return
        self.restrictions.set_rows(found.restrictions)
        self.conservation.set_rows(found.conservation)
        for table, model in (
            (self.restrictions_table, self.restrictions),
            (self.conservation_table, self.conservation),
        ):
            if table.current_row() < 0 and model.rowCount():
                table.select_row(0)
        self._update_actions()

    def selected_restriction(self) -> RestrictionView | None:
        found: RestrictionView | None = self.restrictions.row_at(
            self.restrictions_table.current_row()
        )
        return found

    def selected_copy(self) -> AtConservation | None:
        found: AtConservation | None = self.conservation.row_at(
            self.conservation_table.current_row()
        )
        return found

    def _update_actions(self) -> None:
        supervisor = self.session.is_supervisor
        self.add_button.setEnabled(supervisor)
        self.lift_button.setEnabled(supervisor and self.selected_restriction() is not None)
        self.release_button.setEnabled(self.session.can_change and self.selected_copy() is not None)
        why = "" if supervisor else self.tr("Only a supervisor places or lifts a restriction.")
        self.add_button.setToolTip(why)
        self.lift_button.setToolTip(why)

    # -- acting ---------------------------------------------------------------------------

    def _open(self, dialog: FormDialog, done: str) -> None:
        self.dialog = dialog
        dialog.saved.connect(lambda _key: self._saved(done))
        dialog.open()

    def _saved(self, done: str) -> None:
        self.message.show_success(done)
        self.refresh()

    def add_restriction(self) -> None:
        self._open(RestrictDialog(self.session, self), self.tr("Restriction placed."))

    def lift_selected(self) -> None:
        found = self.selected_restriction()
        if found is not None:
            self._open(LiftDialog(self.session, found, self), self.tr("Restriction lifted."))

    def release_selected(self) -> None:
        found = self.selected_copy()
        if found is not None:
            self._open(
                ReleaseDialog(self.session, found.barcode, self),
                self.tr("Copy released from conservation."),
            )
