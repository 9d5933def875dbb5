"""The loans table: active loans sorted in SQL, the overdue ones marked in words and colour."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from readingroom import clock
from readingroom.browse import loans
from readingroom.browse.loans import LoanFilter, LoanRow
from ui.models import labels
from ui.models.columns import RIGHT, Column
from ui.models.lazy_table import IdsQuery, LazyTableModel
from ui.reasons import message_text


def _t(text: str) -> str:
    return QCoreApplication.translate("LoansModel", text)


def lateness(row: LoanRow) -> str:
    """``12 days overdue``, ``due today``, ``due in 3 days``."""
    if row.days_overdue == 1:
        return _t("1 day overdue")
    if row.days_overdue:
        return labels.fill(_t("%1 days overdue"), row.days_overdue)
    days = (row.due - clock.today()).days
    if days == 0:
        return _t("due today")
    return _t("due tomorrow") if days == 1 else labels.fill(_t("due in %1 days"), days)


def _overdue_tone(row: LoanRow) -> str | None:
    return "refused" if row.overdue else None


def _title(row: LoanRow) -> str:
    if row.volumes > 1:
        return labels.fill(_t("%1 (vol. %2)"), row.title, row.volume)
    return row.title


def loan_columns() -> list[Column]:
    return [
        Column(
            _t("Due"),
            lambda r: labels.day(r.due),
            "due",
            width=10,
            tone=_overdue_tone,
            tone_icon=False,
        ),
        Column(_t("Overdue"), lateness, "overdue", width=15, tone=_overdue_tone),
        Column(_t("Title"), _title, "title", width=16, stretch=True),
        Column(_t("Barcode"), lambda r: r.barcode, "barcode", width=8),
        Column(_t("Member no."), lambda r: r.member_no, "member_no", width=8),
        Column(_t("Borrower"), lambda r: r.borrower_name, "borrower", width=12),
        Column(_t("Role"), lambda r: labels.role(r.role), "role", width=7),
        Column(_t("Lent"), lambda r: labels.day(r.lent_on), "lent_on", width=10),
        Column(
            _t("Renewed"),
            lambda r: str(r.renewals) if r.renewals else "",
            "renewals",
            RIGHT,
            width=6,
        ),
        Column(
            _t("Approved by"),
            lambda r: r.approved_by or "",
            "approved_by",
            width=10,
            tooltip=lambda r: message_text(r.override_reason or ""),
        ),
    ]


class LoansModel(LazyTableModel):
    def __init__(self, parent: QObject | None = None, *, threaded: bool = False):
        super().__init__(loan_columns(), parent, sort="due", threaded=threaded)
        self.filter = LoanFilter()

    def ids_query(self) -> IdsQuery:
        filters, key, descending = self.filter, self.sort_key, self.descending
        return lambda: loans.loan_ids(filters, key, descending, clock.today())

    def fetch_rows(self, ids: list[int]) -> dict[int, LoanRow]:
        return loans.loan_rows(ids, clock.today())
