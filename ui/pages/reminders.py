"""The Reminders page: which overdue reminders are due on a day, sending them, and history.

The reminders due (``readingroom.reminders.due_reminders``) are listed with their level and
days overdue; "Send…" records them and writes the printable letters into a chosen folder
in a worker thread (``reminders.send``: one PDF per borrower, plus the supervisor's copy
of final demands). Below, the overdue loans, and the reminders already sent for the loan
selected in either list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from readingroom import clock, reminders, staff
from readingroom.browse.loans import LoanFilter, LoanRow, loan_ids, loan_rows
from readingroom.reminders import DueReminder, Sent, SentReminder
from ui.models import labels
from ui.models.inspection_tables import (
    due_reminders_model,
    overdue_loans_model,
    sent_reminders_model,
)
from ui.operations import Changes, QueryOp, announce
from ui.pages.base import Page
from ui.session import Session
from ui.widgets import folder_ask
from ui.widgets.dates import from_qdate, to_qdate
from ui.widgets.heading import caption
from ui.widgets.job_bar import JobBar
from ui.widgets.message_bar import MessageBar
from ui.widgets.steady_table import SteadyTable


@dataclass(frozen=True)
class Shown:
    """Everything the page shows but a loan's history, read in one go off the GUI thread."""

    delays: tuple[int, int, int]
    day: date
    due: list[DueReminder]
    overdue: list[LoanRow]


def overdue_loans() -> list[LoanRow]:
    """The overdue loans, the longest overdue first."""
    ids = loan_ids(LoanFilter(overdue_only=True), sort="due")
    rows = loan_rows(ids)
    return [rows[loan_id] for loan_id in ids if loan_id in rows]


def read_reminders(day: date) -> Shown:
    """The reminder levels, the reminders due on ``day`` and the overdue loans (a job: the
    calls thread)."""
    return Shown(reminders.delays(), day, reminders.due_reminders(day), overdue_loans())


class RemindersPage(Page):
    page_id = "reminders"
    #: the overdue loans, their borrowers and the reminders sent
    watches = Changes(loans=True, borrowers=True, policy=True)
    icon_name = "reminders"

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("RemindersPage", "Reminders")

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.last_sent: Sent | None = None
        self.history_loan: tuple[int, str] | None = None
        self.asked = 0  # refreshes asked for; an older answer is dropped
        self.due_asked = 0  # the reminders due, for a day: asked by a refresh or a new day
        self.history_asked = 0  # loans' histories asked for; an older answer is dropped
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_day_bar())
        self.message = MessageBar(self)
        layout.addWidget(self.message)
        self.job = JobBar(self.message, self)
        layout.addWidget(self.job)
        self.due_caption = caption("", self)
        layout.addWidget(self.due_caption)
        self.due = due_reminders_model(self)
        self.due_table = SteadyTable(self.tr("Reminders due"), self)
        self.due_table.setModel(self.due)
        layout.addWidget(self.due_table, 3)
        layout.addWidget(self._build_lower(), 4)
        self._connect()

    def _build_day_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.day_edit = QDateEdit(self)
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        self.day_edit.setDate(to_qdate(clock.today()))
        self.day_edit.setAccessibleName(self.tr("Day the reminders are for"))
        day_label = QLabel(self.tr("Reminders due &on:"), self)
        day_label.setBuddy(self.day_edit)
        self.delays_label = QLabel(self)
        self.delays_label.setTextFormat(Qt.TextFormat.PlainText)
        self.delays_label.setWordWrap(True)
        self.delays_label.setAccessibleName(self.tr("Reminder levels"))
        self.send_button = QPushButton(self.tr("S&end…"), self)
        self.send_button.setAccessibleName(self.tr("Send the reminders due"))
        self.send_button.setToolTip(
            self.tr("Record the reminders due and write their letters into a folder (Ctrl+Shift+S)")
        )
        bar.addWidget(day_label)
        bar.addWidget(self.day_edit)
        bar.addSpacing(12)
        bar.addWidget(self.delays_label, 1)
        bar.addWidget(self.send_button)
        return bar

    def _build_lower(self) -> QSplitter:
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("reminders.splitter")
        self.splitter.setChildrenCollapsible(False)
        left, right = QWidget(self.splitter), QWidget(self.splitter)
        left_box, right_box = QVBoxLayout(left), QVBoxLayout(right)
        left_box.setContentsMargins(0, 0, 4, 0)
        right_box.setContentsMargins(4, 0, 0, 0)
        self.overdue_caption = caption("", left)
        self.overdue = overdue_loans_model(self)
        self.overdue_table = SteadyTable(self.tr("Overdue loans"), left)
        self.overdue_table.setModel(self.overdue)
        left_box.addWidget(self.overdue_caption)
        left_box.addWidget(self.overdue_table)
        self.history_caption = caption("", right)
        self.history = sent_reminders_model(self)
        self.history_table = SteadyTable(self.tr("Reminders sent for the selected loan"), right)
        self.history_table.setModel(self.history)
        right_box.addWidget(self.history_caption)
        right_box.addWidget(self.history_table)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        return self.splitter

    def _connect(self) -> None:
        self.day_edit.dateChanged.connect(lambda _day: self._show_due())
        self.send_button.clicked.connect(self.send_reminders)
        self.due_table.current_changed.connect(self._due_selected)
        self.overdue_table.current_changed.connect(self._overdue_selected)
        self.job.finished.connect(self._update_actions)
        self.session.actor_changed.connect(self._update_actions)
        QShortcut(QKeySequence(self.tr("Ctrl+Shift+S")), self, self.send_reminders)

    # -- showing --------------------------------------------------------------------------

    def day(self) -> date:
        return from_qdate(self.day_edit.date())

    def refresh(self) -> None:
        self.asked += 1
        self.due_asked += 1
        asked, due_asked, day = self.asked, self.due_asked, self.day()
        QueryOp(self, lambda: read_reminders(day)).success(
            lambda shown: self._show(asked, due_asked, shown)
        ).run()

    def _show(self, asked: int, due_asked: int, shown: Shown) -> None:
        if asked != self.asked:
            return  # the page asked again meanwhile
        first, second, final = shown.delays
        self.delays_label.setText(
            labels.fill(
                self.tr(
                    "Levels follow the days overdue: a reminder after %1, a second notice "
                    "after %2, a final demand (copied to the supervisor) after %3. One "
                    "letter a day at most."
                ),
                first,
                second,
                final,
            )
        )
        if due_asked == self.due_asked:  # else another day was chosen meanwhile
            self._fill_due(shown.day, shown.due)
        self.overdue.set_rows(shown.overdue)
        self.overdue_caption.setText(
            labels.fill(self.tr("Overdue loans today (%1)"), self.overdue.rowCount())
        )
        if self.history_loan is None and self.overdue.rowCount():
            self.overdue_table.select_row(0)
        else:
            self._show_history(*(self.history_loan or (None, "")))

    def _show_due(self) -> None:
        self.due_asked += 1  # an answer for the day chosen before is dropped
        asked, day = self.due_asked, self.day()
        QueryOp(self, lambda: reminders.due_reminders(day)).success(
            lambda due: self._fill_due(day, due) if asked == self.due_asked else None
        ).run()

    def _fill_due(self, day: date, due: list[DueReminder]) -> None:
        self.due.set_rows(due)
        self.due_caption.setText(
            labels.fill(self.tr("Due on %1 (%2)"), labels.day(day), self.due.rowCount())
        )
        self._update_actions()

    def _due_selected(self, row: int) -> None:
        reminder = self.due.row_at(row)
        if reminder is not None:
            self._show_history(
                reminder.loan_id, self._loan_name(reminder.barcode, reminder.member_no)
            )

    def _overdue_selected(self, row: int) -> None:
        loan = self.overdue.row_at(row)
        if loan is not None:
            self._show_history(loan.id, self._loan_name(loan.barcode, loan.member_no))

    def _loan_name(self, barcode: str, member_no: str) -> str:
        return labels.fill(self.tr("%1, lent to %2"), barcode, member_no)

    def _show_history(self, loan_id: int | None, name: str = "") -> None:
        self.history_loan = (loan_id, name) if loan_id else None
        self.history_asked += 1
        asked = self.history_asked
        if loan_id is None:
            self._fill_history(None, name, [])
            return
        QueryOp(self, lambda: reminders.loan_reminders(loan_id)).success(
            lambda sent: (
                self._fill_history(loan_id, name, sent) if asked == self.history_asked else None
            )
        ).run()

    def _fill_history(self, loan_id: int | None, name: str, sent: list[SentReminder]) -> None:
        self.history.set_rows(sent)
        self.history_caption.setText(
            labels.fill(self.tr("%n reminder(s) sent for %1", "", self.history.rowCount()), name)
            if loan_id
            else self.tr("Select a loan to see the reminders sent for it")
        )

    def _update_actions(self) -> None:
        self.send_button.setEnabled(
            self.session.can_change and self.due.rowCount() > 0 and not self.job.running
        )

    def focus_primary(self) -> None:
        self.due_table.setFocus()

    # -- sending --------------------------------------------------------------------------

    def send_reminders(self) -> None:
        """Ask for a folder, then record the reminders due and write the letters there."""
        if self.job.running:
            return
        folder = folder_ask.ask_folder(
            self, self.tr("Folder for the reminder letters"), folder_ask.LETTERS
        )
        if folder is None:
            return
        actor, day = self.session.actor, self.day()
        self.job.start(
            self.tr("Recording reminders and writing letters…"),
            lambda _progress: reminders.send(staff.signed_in(actor), folder, day),
            lambda sent: self._sent(folder, sent),
        )
        self._update_actions()

    def _sent(self, folder: Path, sent: Sent) -> None:
        self.last_sent = sent
        announce(self, Changes.named("reminder"))
        self.refresh()
        if not sent.reminders:
            self.message.show_info(
                labels.fill(
                    self.tr("No reminders are due on %1: no letters written."), labels.day(sent.day)
                )
            )
            return
        text = labels.fill(
            self.tr("Recorded %1 and wrote %2 into %3."),
            self.tr("%n reminder(s)", "", len(sent.reminders)),
            self.tr("%n letter file(s)", "", len(sent.files)),
            folder,
        )
        if sent.supervisor_told:
            text += " " + self.tr(
                "%n final demand(s): the supervisor's copies are in the same folder.",
                "",
                len(sent.supervisor_told),
            )
        self.message.show_success(text)
        self.session.show_status(text)
