"""The Loans page: every active loan (or only the overdue ones), sortable by due date, with
days overdue marked in words, colour and an icon; the selected loan in detail below, with
the reminders sent for it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from readingroom import clock, reminders
from readingroom.browse.loans import LoanFilter, LoanRow, loan_counts
from readingroom.queries import forms
from readingroom.queries.forms import BorrowerForm
from readingroom.reminders import SentReminder
from ui.models import inspection_labels as words
from ui.models import labels
from ui.models.loans_model import LoansModel, lateness
from ui.operations import Changes, QueryOp
from ui.pages.list_page import ListPage
from ui.reasons import message_text
from ui.session import Session
from ui.widgets.field_grid import FieldGrid
from ui.widgets.filter_combo import FilterCombo
from ui.widgets.heading import heading

ACTIVE, OVERDUE = "active", "overdue"


class LoansPage(ListPage):
    page_id = "loans"
    #: the active loans, their borrowers and their copies
    watches = Changes(loans=True, borrowers=True, catalogue=True)
    icon_name = "loans"
    orientation = Qt.Orientation.Vertical
    sizes = (500, 200)

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("LoansPage", "Loans")

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.build(LoansModel(self))
        self.setTabOrder(self.search, self.show_filter)
        self.setTabOrder(self.show_filter, self.table)
        self.table.open_requested.connect(lambda _row: self.fields.setFocus())

    def search_hint(self) -> str:
        return self.tr("Search title, barcode, member number or name (Ctrl+F)")

    def table_name(self) -> str:
        return self.tr("Active loans")

    def build_filters(self) -> list[QWidget]:
        self.show_filter = FilterCombo(self.tr("All active loans"), self.tr("Which loans"), self)
        self.show_filter.set_choices([(self.tr("Overdue only"), OVERDUE)])
        self.summary = self.make_count_label(self.tr("Loans summary"))
        return [self.show_filter, self.summary]

    def build_detail(self, parent: QWidget) -> QWidget:
        self.detail = QWidget(parent)
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(0, 8, 0, 0)
        self.detail_title = heading("", self.detail, scale=1.15)
        self.detail_title.setAccessibleName(self.tr("Selected loan"))
        self.fields = FieldGrid(self.detail)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.fields)
        detail_layout.addStretch(1)
        return self.detail

    def current_filter(self) -> LoanFilter:
        return LoanFilter(self.search.text(), self.show_filter.value() == OVERDUE)

    def show_count(self) -> None:
        today = clock.today()
        QueryOp(self, lambda: loan_counts(today)).success(self._show_counts).run()

    def _show_counts(self, counts: tuple[int, int]) -> None:
        active, overdue = counts
        self.summary.setText(labels.fill(self.tr("%1 active, %2 overdue"), active, overdue))

    def current_loan(self) -> LoanRow | None:
        return self.model.row_at(self.table.current_row())

    def show_row(self, row: int) -> None:
        loan = self.model.row_at(row)
        if loan is None:
            self.detail_title.setText(self.tr("No loan selected"))
            self.fields.set_fields([])
            return
        QueryOp(self, lambda: read_loan_detail(loan)).success(
            lambda found: self._show_loan(loan, *found)
        ).run()  # the detail fills once the borrower and the reminders are read

    def _show_loan(self, loan: LoanRow, borrower: BorrowerForm, sent: list[SentReminder]) -> None:
        current = self.current_loan()
        if current is None or current.id != loan.id:
            return  # another loan was selected meanwhile
        self.detail_title.setText(labels.fill(self.tr("%1 — %2"), loan.barcode, loan.title))
        reason = message_text(loan.override_reason or "")
        approval = ""
        if loan.approved_by:
            approval = labels.fill(self.tr("%1: %2"), loan.approved_by, reason)
        self.fields.set_fields(
            [
                (
                    self.tr("Borrower"),
                    labels.fill(
                        self.tr("%1 %2 (%3, %4)"),
                        loan.member_no,
                        borrower.name,
                        labels.role(borrower.role),
                        labels.borrower_status(borrower.status),
                    ),
                ),
                (self.tr("Organisation"), borrower.organisation),
                (self.tr("Lent"), labels.day(loan.lent_on)),
                (
                    self.tr("Due"),
                    labels.fill(self.tr("%1 (%2)"), labels.day(loan.due), lateness(loan)),
                ),
                (self.tr("Renewed"), str(loan.renewals) if loan.renewals else ""),
                (self.tr("Approved by"), approval),
                (self.tr("Reminders"), self._reminders_text(loan, sent)),
            ]
        )

    def _reminders_text(self, loan: LoanRow, sent: list[SentReminder]) -> str:
        """A line for each reminder sent for the loan, oldest first (blank: none, and not
        overdue)."""
        if not sent:
            return self.tr("none sent yet") if loan.overdue else ""
        return "\n".join(self._reminder_line(reminder) for reminder in sent)

    def _reminder_line(self, reminder: SentReminder) -> str:
        """``2 · Second notice — sent 2026-11-30, 17 days overdue``."""
        text = (
            self.tr("%1 — sent %2, 1 day overdue")
            if reminder.days_overdue == 1
            else self.tr("%1 — sent %2, %3 days overdue")
        )
        return labels.fill(
            text,
            words.reminder_level(reminder.level),
            labels.day(reminder.sent_on),
            reminder.days_overdue,
        )


def read_loan_detail(loan: LoanRow) -> tuple[BorrowerForm, list[SentReminder]]:
    """The loan's borrower and the reminders sent for it (a job: the calls thread)."""
    return forms.borrower_form(loan.member_no), reminders.loan_reminders(loan.id)
