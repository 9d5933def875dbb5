"""The Borrowers page: search and filter members, add and edit them, suspend or reinstate,
set or clear their PIN for the writers' screen, and see a borrower's history (loans past
and present, holds)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from readingroom import borrowers, clock, holds, kiosk
from readingroom.browse.borrowers import BorrowerFilter, BorrowerHistory, borrower_history
from readingroom.queries import forms
from readingroom.vocabulary import BORROWER_STATUSES, ROLES
from ui.dialogs.borrower_dialog import BorrowerDialog
from ui.dialogs.place_hold import Member, PlaceHoldDialog, placed_text
from ui.models import labels
from ui.models.borrowers_model import (
    BorrowersModel,
    history_holds_model,
    history_loans_model,
)
from ui.operations import Changes, CollectionOp, QueryOp
from ui.pages.list_page import ListPage
from ui.session import Session
from ui.widgets.data_table import DataTable
from ui.widgets.field_grid import FieldGrid
from ui.widgets.filter_combo import FilterCombo
from ui.widgets.heading import heading


def read_borrower(member_no: str) -> tuple[BorrowerHistory, bool]:
    """The borrower's history and whether they have a writers' screen PIN (a job: run in
    the calls thread)."""
    return borrower_history(member_no), kiosk.has_pin(member_no)


class BorrowerDetailPane(QWidget):
    """One borrower: details, and the history of loans and holds (read in the calls thread;
    ``shown`` once it is on screen)."""

    shown = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.history: BorrowerHistory | None = None
        self.has_pin = False
        self.member_no: str | None = None  # the borrower asked for last
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        self.name = heading(self.tr("No borrower selected"), self)
        self.name.setAccessibleName(self.tr("Borrower's name"))
        self.fields = FieldGrid(self)
        layout.addWidget(self.name)
        layout.addWidget(self.fields)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Borrower's history"))
        self.loans = history_loans_model(self)
        self.loans_table = DataTable(self.tr("Loans, past and present"), self)
        self.loans_table.setModel(self.loans)
        self.holds = history_holds_model(self)
        self.holds_table = DataTable(self.tr("Holds"), self)
        self.holds_table.setModel(self.holds)
        self.tabs.addTab(self.loans_table, self.tr("Loans"))
        self.tabs.addTab(self.holds_table, self.tr("Holds"))
        layout.addWidget(self.tabs, 1)

    def show_borrower(self, member_no: str | None) -> None:
        """Read ``member_no``'s history in the calls thread and show it (None: nobody)."""
        self.member_no = member_no
        if member_no is None:
            self._show(None, False)
            return
        QueryOp(self, lambda: read_borrower(member_no)).success(
            lambda found: self._arrived(member_no, found)
        ).run()

    def _arrived(self, member_no: str, found: tuple[BorrowerHistory, bool]) -> None:
        if member_no == self.member_no:  # not someone selected since
            self._show(*found)

    def _show(self, history: BorrowerHistory | None, has_pin: bool) -> None:
        self.history, self.has_pin = history, has_pin
        self._fill()
        self.shown.emit()

    def _fill(self) -> None:
        if self.history is None:
            self.name.setText(self.tr("No borrower selected"))
            self.fields.set_fields([])
            self.loans.set_rows([])
            self.holds.set_rows([])
            return
        borrower = self.history.borrower
        self.name.setText(borrower.name)
        expires = labels.day(borrower.expires) if borrower.expires else self.tr("no expiry")
        if borrower.expires and borrower.expires < clock.today():
            expires = labels.fill(self.tr("%1 — expired"), expires)
        active = [loan for loan in self.history.loans if loan.active]
        overdue = [loan for loan in active if loan.days_overdue(clock.today())]
        self.fields.set_fields(
            [
                (self.tr("Member no."), borrower.member_no),
                (self.tr("Role"), labels.role(borrower.role)),
                (self.tr("Organisation"), borrower.organisation),
                (self.tr("Status"), labels.borrower_status(borrower.status)),
                (self.tr("Membership"), expires),
                (
                    self.tr("On loan"),
                    labels.fill(self.tr("%1 (%2 overdue)"), len(active), len(overdue))
                    if overdue
                    else str(len(active)),
                ),
            ]
        )
        self.loans.set_rows(self.history.loans)
        self.holds.set_rows(self.history.holds)
        self.tabs.setTabText(0, labels.fill(self.tr("Loans (%1)"), len(self.history.loans)))
        self.tabs.setTabText(1, labels.fill(self.tr("Holds (%1)"), len(self.history.holds)))


class BorrowersPage(ListPage):
    page_id = "borrowers"
    icon_name = "borrowers"
    sizes = (620, 380)
    #: the borrowers, and their loans and holds in the history
    watches = Changes(borrowers=True, loans=True, holds=True)

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("BorrowersPage", "Borrowers")

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.dialog: BorrowerDialog | None = None
        self.hold_dialog: PlaceHoldDialog | None = None
        self._select_after_load: str | None = None
        self.build(BorrowersModel(self))
        self._connect()
        self._update_actions()
        self.setTabOrder(self.search, self.role_filter)
        self.setTabOrder(self.role_filter, self.status_filter)
        self.setTabOrder(self.status_filter, self.table)

    def search_hint(self) -> str:
        return self.tr("Search name, member number or organisation (Ctrl+F)")

    def table_name(self) -> str:
        return self.tr("Borrowers")

    def build_filters(self) -> list[QWidget]:
        self.role_filter = FilterCombo(self.tr("All roles"), self.tr("Role filter"), self)
        self.role_filter.set_choices((labels.role(r), r) for r in ROLES)
        self.status_filter = FilterCombo(self.tr("Any status"), self.tr("Status filter"), self)
        self.status_filter.set_choices((labels.borrower_status(s), s) for s in BORROWER_STATUSES)
        self.count_label = self.make_count_label(self.tr("Number of borrowers shown"))
        return [self.role_filter, self.status_filter, self.count_label]

    def build_rows(self) -> list[QLayout]:
        return [self._build_actions()]

    def build_detail(self, parent: QWidget) -> QWidget:
        self.detail = BorrowerDetailPane(parent)
        return self.detail

    def _build_actions(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.new_button = QPushButton(self.tr("&New borrower…"), self)
        self.new_button.setToolTip(self.tr("Add a borrower (Ctrl+N)"))
        self.edit_button = QPushButton(self.tr("&Edit borrower…"), self)
        self.edit_button.setToolTip(self.tr("Edit the selected borrower (Enter)"))
        self.suspend_button = QPushButton(self.tr("S&uspend"), self)
        self.pin_button = QPushButton(self.tr("Writers' screen P&IN…"), self)
        self.pin_button.setToolTip(self.tr("Set the PIN the borrower types on the writers' screen"))
        self.clear_pin_button = QPushButton(self.tr("Clear PIN"), self)
        self.hold_button = QPushButton(self.tr("&Place a hold…"), self)
        self.hold_button.setToolTip(
            self.tr("Put the selected borrower on the waiting list for a work's volume")
        )
        for button in (
            self.new_button,
            self.edit_button,
            self.suspend_button,
            self.hold_button,
            self.pin_button,
            self.clear_pin_button,
        ):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
            bar.addWidget(button)
        self.read_only_note = QLabel(self)
        self.read_only_note.setTextFormat(Qt.TextFormat.PlainText)
        bar.addWidget(self.read_only_note)
        bar.addStretch(1)
        return bar

    def _connect(self) -> None:
        self.table.open_requested.connect(lambda _row: self.edit_borrower())
        self.new_button.clicked.connect(self.new_borrower)
        self.edit_button.clicked.connect(self.edit_borrower)
        self.suspend_button.clicked.connect(self.toggle_suspension)
        self.pin_button.clicked.connect(self.set_pin)
        self.clear_pin_button.clicked.connect(self.clear_pin)
        self.hold_button.clicked.connect(self.place_hold)
        self.session.actor_changed.connect(self._update_actions)
        self.detail.shown.connect(self._update_actions)
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self, self.new_borrower)

    def current_filter(self) -> BorrowerFilter:
        return BorrowerFilter(
            self.search.text(), self.role_filter.value(), self.status_filter.value()
        )

    def show_count(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText(
            self.tr("1 borrower")
            if count == 1
            else labels.fill(self.tr("%1 borrowers"), f"{count:,}")
        )

    def select_wanted(self) -> None:
        if self._select_after_load is not None:
            member_no, self._select_after_load = self._select_after_load, None
            QueryOp(self, lambda: forms.borrower_form(member_no).id).success(
                lambda row_id: self._select(row_id)
            ).run()

    def _select(self, row_id: int) -> None:
        self.table.select_id(row_id)

    def current_member_no(self) -> str | None:
        row = self.model.row_at(self.table.current_row())
        return row.member_no if row else None

    def show_row(self, _row: int) -> None:
        self.detail.show_borrower(self.current_member_no())  # actions follow once it is read

    def _update_actions(self) -> None:
        can_change = self.session.can_change
        selected = self.detail.history is not None
        self.new_button.setEnabled(can_change)
        self.edit_button.setEnabled(can_change and selected)
        self.suspend_button.setEnabled(can_change and selected)
        self.pin_button.setEnabled(can_change and selected)
        self.clear_pin_button.setEnabled(can_change and selected and self.detail.has_pin)
        history = self.detail.history
        suspended = history is not None and history.borrower.status == "suspended"
        self.hold_button.setEnabled(can_change and selected and not suspended)
        self.suspend_button.setText(self.tr("&Reinstate") if suspended else self.tr("S&uspend"))
        self.suspend_button.setAccessibleName(self.suspend_button.text().replace("&", ""))
        self.read_only_note.setText(
            ""
            if can_change or self.session.actor is None
            else self.tr("Read-only: an inspector may look, not change.")
        )

    # -- actions --------------------------------------------------------------------------

    def _show_dialog(self, dialog: BorrowerDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._saved)
        self.dialog = dialog
        dialog.open()

    def new_borrower(self) -> None:
        if self.session.can_change:
            self._show_dialog(BorrowerDialog(self.session, parent=self))

    def edit_borrower(self) -> None:
        if self.detail.history is None or not self.session.can_change:
            return
        member_no = self.detail.history.borrower.member_no
        QueryOp(self, lambda: forms.borrower_form(member_no)).success(
            lambda borrower: self._show_dialog(BorrowerDialog(self.session, borrower, parent=self))
        ).run()  # the dialog opens once its form is read

    def _saved(self, member_no: str) -> None:
        self.message.show_success(labels.fill(self.tr("Saved borrower %1."), member_no))
        self._reload_selecting(member_no)

    def _reload_selecting(self, member_no: str) -> None:
        """Read the list again (this page's own write) and keep ``member_no`` selected."""
        self._select_after_load = member_no
        self.refresh()

    def toggle_suspension(self) -> None:
        """Suspend the selected borrower, or reinstate a suspended one (audited)."""
        if self.detail.history is None:
            return
        member_no, actor = self.detail.history.borrower.member_no, self.session.actor
        if self.detail.history.borrower.status == "suspended":
            self._change(
                lambda: borrowers.reinstate_borrower(actor, member_no),
                self.tr("%1 is reinstated."),
                member_no,
            )
            return
        # only someone who may suspend is asked why (the service refuses anyone else)
        reason = ask_suspension_reason(self, member_no) if self.session.can_change else ""
        if reason is None:
            return
        self._change(
            lambda: borrowers.suspend_borrower(actor, member_no, reason),
            self.tr("%1 is suspended: no loans or holds until reinstated."),
            member_no,
        )

    def set_pin(self) -> None:
        """Give the selected borrower a new PIN for the writers' screen (never shown)."""
        if self.detail.history is None or not self.session.can_change:
            return
        member_no, actor = self.detail.history.borrower.member_no, self.session.actor
        if actor is None:
            return
        pin = ask_pin(self, member_no)
        if pin is None:
            return
        self._change(
            lambda: kiosk.set_pin(actor, member_no, pin),
            self.tr("%1 has a new PIN for the writers' screen."),
            member_no,
            reload=False,
        )

    def clear_pin(self) -> None:
        """Take the selected borrower's PIN away: the writers' screen refuses them."""
        if self.detail.history is None or not self.session.can_change:
            return
        member_no, actor = self.detail.history.borrower.member_no, self.session.actor
        if actor is None:
            return
        self._change(
            lambda: kiosk.clear_pin(actor, member_no),
            self.tr("%1 has no PIN now: the writers' screen refuses them."),
            member_no,
            reload=False,
        )

    def place_hold(self) -> None:
        """Put the selected borrower on a work's waiting list (a dialog: the work typed)."""
        if self.detail.history is None or not self.session.can_change:
            return
        borrower = self.detail.history.borrower
        dialog = PlaceHoldDialog(
            self.session,
            via=holds.VIA_BORROWER_PAGE,
            member=Member(borrower.member_no, borrower.name),
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.placed.connect(self._hold_placed)
        self.hold_dialog = dialog
        dialog.open()

    def _hold_placed(self, placed: holds.HoldPlaced) -> None:
        self.message.show_success(placed_text(placed))
        self.detail.show_borrower(placed.hold.borrower.member_no)  # its holds, read again

    def _change(
        self, work: Callable[[], object], done: str, member_no: str, *, reload: bool = True
    ) -> None:
        """Run a change of the borrower in the calls thread (the action buttons off
        meanwhile); say ``done`` and read the page again once it is made."""

        def made(_result: object) -> None:
            self.message.show_success(labels.fill(done, member_no))
            if reload:
                self._reload_selecting(member_no)
            else:
                self.detail.show_borrower(member_no)  # its PIN, read again

        CollectionOp(self, work, Changes.named("borrower")).success(made).disabling(
            self.suspend_button, self.pin_button, self.clear_pin_button
        ).run()


def ask_suspension_reason(parent: QWidget, member_no: str) -> str | None:
    """Why the member is suspended (recorded in the audit trail; tests patch this); None
    when cancelled."""
    reason, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("BorrowersPage", "Suspend"),
        labels.fill(
            QCoreApplication.translate(
                "BorrowersPage", "Why is %1 suspended? (recorded with the suspension)"
            ),
            member_no,
        ),
    )
    return reason if ok else None


def ask_pin(parent: QWidget, member_no: str) -> str | None:
    """The new PIN, typed hidden (tests patch this); None when cancelled."""
    pin, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("BorrowersPage", "Writers' screen PIN"),
        labels.fill(
            QCoreApplication.translate("BorrowersPage", "New PIN for %1 (4 to 8 digits):"),
            member_no,
        ),
        QLineEdit.EchoMode.Password,
    )
    return pin if ok else None
