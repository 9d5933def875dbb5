"""Add or edit a borrower: member number, name, role, organisation, status and expiry.

The dialog shows a :class:`~readingroom.queries.forms.BorrowerForm` (plain values) and
saves through :mod:`readingroom.borrowers`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLineEdit, QWidget

from readingroom import borrowers, clock
from readingroom.queries.forms import BorrowerForm
from readingroom.vocabulary import BORROWER_STATUSES, ROLES
from ui.dialogs.form_dialog import FormDialog
from ui.models import labels
from ui.operations import Changes
from ui.session import Session
from ui.widgets.borrower_notes import NotesPanel


class BorrowerDialog(FormDialog):
    """``saved`` carries the member number."""

    writes = Changes.named("borrower")

    def __init__(
        self, session: Session, borrower: BorrowerForm | None = None, parent: QWidget | None = None
    ):
        super().__init__(session, "", parent)
        self.set_title(self.tr("Edit borrower") if borrower else self.tr("New borrower"))
        self.borrower = borrower
        self.member_no = self.add_row(
            self.tr("&Member number:"), QLineEdit(self), names=("member number",)
        )
        self.name = self.add_row(self.tr("&Name:"), QLineEdit(self), names=("name",))
        self.role = QComboBox(self)
        for role in ROLES:
            self.role.addItem(labels.role(role), role)
        self.add_row(self.tr("&Role:"), self.role, names=("role",))
        self.organisation = self.add_row(
            self.tr("&Organisation:"), QLineEdit(self), names=("organisation",)
        )
        self.status = QComboBox(self)
        for status in BORROWER_STATUSES:
            self.status.addItem(labels.borrower_status(status), status)
        self.add_row(self.tr("&Status:"), self.status, names=("status",))
        self.expires_set = QCheckBox(self.tr("expires on"), self)
        self.expires = QDateEdit(self)
        self.expires.setCalendarPopup(True)
        self.expires.setDisplayFormat("yyyy-MM-dd")
        self.expires.setAccessibleName(self.tr("Membership expiry date"))
        self.expires_set.toggled.connect(self.expires.setEnabled)
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.expires_set)
        line.addWidget(self.expires, 1)
        self.add_row(self.tr("Membership:"), row, names=("expiry",))
        self.expires_set.setAccessibleName(self.tr("Membership expires"))
        # the notes of a borrower already registered (each added or resolved at once)
        self.notes: NotesPanel | None = None
        if borrower is not None:
            self.notes = self.add_row(
                self.tr("No&tes:"), NotesPanel(session, borrower.member_no, self)
            )
        self._show(borrower)

    def _show(self, borrower: BorrowerForm | None) -> None:
        expires = borrower.expires if borrower else clock.today() + timedelta(days=365)
        self.expires_set.setChecked(borrower is None or borrower.expires is not None)
        self.expires.setEnabled(self.expires_set.isChecked())
        self.expires.setDate(
            QDate(expires.year, expires.month, expires.day) if expires else QDate.currentDate()
        )
        if borrower is None:
            return
        self.member_no.setText(borrower.member_no)
        self.member_no.setReadOnly(True)
        self.name.setText(borrower.name)
        self.role.setCurrentIndex(self.role.findData(borrower.role))
        self.organisation.setText(borrower.organisation)
        self.status.setCurrentIndex(self.status.findData(borrower.status))
        # suspending needs a reason and is the page's own action, not an edit
        self.status.setEnabled(False)
        self.name.setFocus()

    def expiry(self) -> date | None:
        if not self.expires_set.isChecked():
            return None
        value = self.expires.date()
        return date(value.year(), value.month(), value.day())

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text(),
            "role": self.role.currentData(),
            "organisation": self.organisation.text(),
            "status": self.status.currentData(),
            "expires": self.expiry(),
        }

    def submit(self) -> Callable[[], str]:
        actor, values = self.session.actor, self.values()
        if self.borrower is None:
            member_no = self.member_no.text()
            return lambda: borrowers.add_borrower(actor, member_no, **values).borrower.member_no
        old = self.borrower
        changes = {name: value for name, value in values.items() if value != getattr(old, name)}

        def edit() -> str:
            if changes:
                borrowers.edit_borrower(actor, old.member_no, **changes)
            return old.member_no

        return edit
