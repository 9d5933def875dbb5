"""Add a copy to a work, or change a copy's shelf, call number, condition or status.

The dialog shows a :class:`~readingroom.queries.forms.CopyForm` (plain values) and the
shelves in use, both read by the page that opens it, and saves through
:mod:`readingroom.catalogue`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from readingroom import catalogue, staff
from readingroom.catalogue import CONFIRMED_MARKS, SETTABLE_STATUSES
from readingroom.queries.forms import CopyForm, WorkForm
from readingroom.vocabulary import CONDITIONS
from ui.dialogs import second_person
from ui.dialogs.form_dialog import FormDialog
from ui.models import labels
from ui.operations import Changes
from ui.session import Session


class CopyDialog(FormDialog):
    """``saved`` carries the copy's barcode."""

    writes = Changes.named("copy")

    def __init__(
        self,
        session: Session,
        work: WorkForm,
        copy: CopyForm | None = None,
        parent: QWidget | None = None,
        *,
        shelves: Sequence[str] = (),
    ):
        super().__init__(session, "", parent)
        self.set_title(
            labels.fill(self.tr("Edit copy %1"), copy.barcode)
            if copy
            else labels.fill(self.tr("New copy of %1"), work.title)
        )
        self.work, self.copy = work, copy
        #: the second staff member who confirmed a copy marked lost or withdrawn
        self.confirmer: staff.Actor | None = None
        self.add_row(self.tr("Work:"), QLabel(work.title, self))
        self.barcode = QLineEdit(self)
        self.add_row(self.tr("&Barcode:"), self.barcode, names=("barcode",))
        self.volume = QSpinBox(self)
        self.volume.setRange(1, max(1, work.volumes))
        self.volume.setEnabled(work.volumes > 1)
        self.add_row(self.tr("&Volume:"), self.volume, names=("volume",))
        self.location = QComboBox(self)
        self.location.setEditable(True)
        self.location.addItems(list(shelves))
        self.location.setCurrentText("")
        self.add_row(self.tr("&Location:"), self.location, names=("location",))
        self.call_number = QLineEdit(self)
        self.add_row(self.tr("Call n&umber:"), self.call_number, names=("call_number",))
        self.condition = QComboBox(self)
        for value in CONDITIONS:
            self.condition.addItem(labels.condition(value), value)
        self.add_row(self.tr("&Condition:"), self.condition, names=("condition",))
        self.status: QComboBox | None = None
        if copy is None:
            self.barcode.setFocus()
        else:
            self._show(copy)

    def _show(self, copy: CopyForm) -> None:
        self.barcode.setText(copy.barcode)
        self.barcode.setReadOnly(True)
        self.volume.setValue(copy.volume)
        self.volume.setEnabled(False)
        self.location.setCurrentText(copy.location)
        self.call_number.setText(copy.call_number)
        self.condition.setCurrentIndex(self.condition.findData(copy.condition))
        self.status = QComboBox(self)
        for value in SETTABLE_STATUSES:
            self.status.addItem(labels.copy_status(value), value)
        self.add_row(self.tr("&Status:"), self.status, names=("status",))
        if copy.status in SETTABLE_STATUSES:
            self.status.setCurrentIndex(self.status.findData(copy.status))
        else:
            self.status.insertItem(0, labels.copy_status(copy.status), copy.status)
            self.status.setCurrentIndex(0)
            self.status.setEnabled(False)
            note = QLabel(
                labels.fill(
                    self.tr(
                        "The copy is %1: take it back or cancel the hold before changing "
                        "its status."
                    ),
                    labels.copy_status(copy.status).lower(),
                ),
                self,
            )
            note.setWordWrap(True)
            self.form.addRow("", note)
        self.location.setFocus()

    def submit(self) -> Callable[[], str]:
        actor, work_id = self.session.actor, self.work.id
        location, condition = self.location.currentText(), self.condition.currentData()
        call_number = self.call_number.text()
        if self.copy is None:
            barcode, volume = self.barcode.text(), self.volume.value()
            return lambda: (
                catalogue.add_copy(
                    actor,
                    work_id,
                    barcode,
                    volume=volume,
                    location=location,
                    condition=condition,
                    call_number=call_number,
                ).copy.barcode
            )
        status, confirmer, barcode = self._new_status(), self.confirmer, self.copy.barcode
        return lambda: (
            catalogue.edit_copy(
                actor,
                barcode,
                location=location,
                call_number=call_number,
                condition=condition,
                status=status,
                confirmed_by=confirmer,
            ).copy.barcode
        )

    def _new_status(self) -> str | None:
        """The status chosen, when it can be chosen (None: the copy keeps its own)."""
        if self.status is None or not self.status.isEnabled():
            return None
        return str(self.status.currentData())

    def save(self) -> None:
        """A copy marked lost or withdrawn leaves the collection: a second staff member
        confirms it first, signing in here on the spot (as **Mark copy as** asks)."""
        self.confirmer = None
        status = self._new_status()
        if self.copy is not None and status in CONFIRMED_MARKS and status != self.copy.status:
            what = labels.fill(
                self.tr("Marking %1 as %2 takes it out of the collection."),
                self.copy.barcode,
                labels.copy_status(status).lower(),
            )
            self.confirmer = second_person.ask_second_person(self, self.session, what)
            if self.confirmer is None:
                self.message.show_error(self.tr("Not saved: nobody confirmed it."))
                return
        super().save()
