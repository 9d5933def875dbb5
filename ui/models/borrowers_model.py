"""The borrowers' item models: the borrowers table and one borrower's loans and holds."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from readingroom import clock
from readingroom.browse import borrowers as browse
from readingroom.browse.borrowers import BorrowerFilter, BorrowerRow, HoldLine, LoanLine
from readingroom.vocabulary import HoldStatus
from ui.models import labels
from ui.models.columns import RIGHT, Column
from ui.models.lazy_table import IdsQuery, LazyTableModel
from ui.models.row_list import RowListModel
from ui.reasons import message_text


def _t(text: str) -> str:
    return QCoreApplication.translate("BorrowersModel", text)


def _expiry(row: BorrowerRow) -> str:
    if row.expires is None:
        return _t("no expiry")
    text = labels.day(row.expires)
    return labels.fill(_t("%1 (expired)"), text) if row.expired(clock.today()) else text


def borrower_columns() -> list[Column]:
    return [
        Column(_t("Member no."), lambda r: r.member_no, "member_no", width=8),
        Column(
            _t("Name"),
            lambda r: r.name,
            "name",
            width=12,
            stretch=True,
            tooltip=lambda r: f"{r.name}\n{r.organisation}".strip(),
        ),
        Column(_t("Role"), lambda r: labels.role(r.role), "role", width=7),
        Column(
            _t("Status"),
            lambda r: labels.borrower_status(r.status),
            "status",
            width=11,
            tone=lambda r: "refused" if r.status == "suspended" else None,
        ),
        Column(
            _t("Expires"),
            _expiry,
            "expires",
            width=16,
            tone=lambda r: "notice" if r.expired(clock.today()) else None,
        ),
        Column(_t("Loans"), lambda r: str(r.loans), "loans", RIGHT, width=5),
        Column(
            _t("Overdue"),
            lambda r: str(r.overdue) if r.overdue else "",
            "overdue",
            RIGHT,
            width=6,
            tone=lambda r: "refused" if r.overdue else None,
        ),
    ]


class BorrowersModel(LazyTableModel):
    def __init__(self, parent: QObject | None = None, *, threaded: bool = False):
        super().__init__(borrower_columns(), parent, sort="name", threaded=threaded)
        self.filter = BorrowerFilter()

    def ids_query(self) -> IdsQuery:
        filters, key, descending = self.filter, self.sort_key, self.descending
        return lambda: browse.borrower_ids(filters, key, descending)

    def fetch_rows(self, ids: list[int]) -> dict[int, BorrowerRow]:
        return browse.borrower_rows(ids)


def _loan_state(line: LoanLine) -> str:
    days = line.days_overdue(clock.today())
    if line.active:
        text = (
            (_t("1 day overdue") if days == 1 else labels.fill(_t("%1 days overdue"), days))
            if days
            else _t("on loan")
        )
    else:
        text = labels.fill(_t("returned %1"), labels.day(line.returned_on))
        if days:
            text += _t(", 1 day late") if days == 1 else labels.fill(_t(", %1 days late"), days)
    return text + (_t(" · approved") if line.override_by else "")


def _approval(line: LoanLine) -> str:
    if not line.override_by:
        return _loan_state(line)
    reason = message_text(line.override_reason or "")
    return labels.fill(_t("Approved by %1: %2"), line.override_by, reason)


def _loan_tone(line: LoanLine) -> str | None:
    return "refused" if line.active and line.days_overdue(clock.today()) else None


def history_loans_model(parent: QObject | None = None) -> RowListModel:
    return RowListModel(
        [
            Column(
                _t("Title"),
                lambda loan: labels.fill(_t("%1 (vol. %2)"), loan.title, loan.volume),
                width=24,
                stretch=True,
                tooltip=lambda loan: labels.fill(
                    _t("%1, volume %2, copy %3"), loan.title, loan.volume, loan.barcode
                ),
            ),
            Column(_t("Lent"), lambda loan: labels.day(loan.lent_on), width=10),
            Column(_t("Due"), lambda loan: labels.day(loan.due), width=10),
            Column(_t("State"), _loan_state, tone=_loan_tone, width=16, tooltip=_approval),
        ],
        parent,
    )


def history_holds_model(parent: QObject | None = None) -> RowListModel:
    def state(hold: HoldLine) -> str:
        text = labels.hold_status(hold.status)
        return labels.fill(_t("%1: %2"), text, hold.barcode) if hold.barcode else text

    return RowListModel(
        [
            Column(
                _t("Title"),
                lambda hold: labels.fill(_t("%1 (vol. %2)"), hold.title, hold.volume),
                width=24,
                stretch=True,
            ),
            Column(_t("Placed"), lambda hold: labels.moment(hold.placed_at), width=15),
            Column(
                _t("State"),
                state,
                width=14,
                tone=lambda hold: "allowed" if hold.status == HoldStatus.READY else None,
            ),
            Column(_t("Closed"), lambda hold: labels.moment(hold.closed_at), width=15),
        ],
        parent,
    )
