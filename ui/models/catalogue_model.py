"""The catalogue's item models: the works table and, for one work, copies and histories."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from readingroom import clock
from readingroom.browse import works
from readingroom.browse.works import CopyLine, CopyLoanLine, WorkFilter, WorkRow
from readingroom.vocabulary import CopyStatus
from ui.models import labels
from ui.models.columns import RIGHT, Column
from ui.models.lazy_table import IdsQuery, LazyTableModel, ScreenQuery
from ui.models.row_list import RowListModel


def _t(text: str) -> str:
    return QCoreApplication.translate("CatalogueModel", text)


def _available_tone(row: WorkRow) -> str | None:
    """Marked when every copy is out: on loan, set aside or out of circulation."""
    return "notice" if row.copies and not row.available else None


def _copies_tooltip(row: WorkRow) -> str:
    return labels.fill(
        _t("%1 copies: %2 on the shelf, %3 on loan, %4 set aside, %5 out of circulation"),
        row.copies,
        row.available,
        row.on_loan,
        row.held,
        row.out_of_circulation,
    )


def work_columns() -> list[Column]:
    return [
        Column(
            _t("Title"),
            lambda r: r.title,
            "title",
            width=16,
            stretch=True,
            tooltip=lambda r: "\n".join(
                filter(None, (r.title, r.original_title, labels.language(r.language)))
            ),
        ),
        Column(_t("Author"), lambda r: r.author, "author", width=12),
        Column(_t("Translator"), lambda r: r.translator, "translator", width=7),
        Column(_t("Year"), lambda r: str(r.year or ""), "year", RIGHT, width=4),
        Column(
            _t("Access"),
            lambda r: labels.access_short(r.access),
            "access",
            width=9,
            tooltip=lambda r: labels.access(r.access),
        ),
        Column(
            _t("On shelf"),
            lambda r: f"{r.available} / {r.copies}",
            None,
            RIGHT,
            width=6,
            tone=_available_tone,
            tooltip=_copies_tooltip,
        ),
        Column(_t("Waiting"), lambda r: str(r.waiting) if r.waiting else "", None, RIGHT, width=5),
    ]


class WorksModel(LazyTableModel):
    """Every work matching the search and filters, sorted by SQLite."""

    def __init__(self, parent: QObject | None = None, *, threaded: bool = True):
        super().__init__(work_columns(), parent, sort="title", threaded=threaded)
        self.filter = WorkFilter()

    def set_filter(self, filters: WorkFilter) -> None:
        if filters != self.filter:
            self.filter = filters
            self.reload()

    def ids_query(self) -> IdsQuery:
        filters, key, descending = self.filter, self.sort_key, self.descending
        return lambda: works.work_ids(filters, key, descending)

    def screen_query(self) -> ScreenQuery:
        filters, key, descending, limit = (self.filter, self.sort_key, self.descending, self.BLOCK)
        return lambda: works.first_screen(filters, key, descending, limit)

    def fetch_rows(self, ids: list[int]) -> dict[int, WorkRow]:
        return works.work_rows(ids)


def _copy_tone(line: CopyLine) -> str | None:
    """On the shelf is good news, out of circulation is bad; lent or set aside is normal."""
    if line.status == CopyStatus.AVAILABLE:
        return "allowed"
    return None if line.status in (CopyStatus.ON_LOAN, CopyStatus.HELD) else "refused"


def _who(line: CopyLine) -> str:
    """Who has the copy and until when, or whom it is set aside for."""
    if line.member_no:
        text = labels.fill(
            _t("%1 %2, due %3"), line.member_no, line.borrower_name or "", labels.day(line.due)
        )
        days = (clock.today() - line.due).days if line.due else 0
        return text + (labels.fill(_t(" (%1 days overdue)"), days) if days > 0 else "")
    if line.held_for:
        return labels.fill(_t("set aside for %1"), line.held_for)
    return ""


def _who_tone(line: CopyLine) -> str | None:
    return "refused" if line.due and line.due < clock.today() else None


def copies_model(parent: QObject | None = None) -> RowListModel:
    return RowListModel(
        [
            Column(_t("Barcode"), lambda c: c.barcode, width=9),
            Column(_t("Vol."), lambda c: str(c.volume), align=RIGHT, width=4),
            Column(_t("Status"), lambda c: labels.copy_status(c.status), tone=_copy_tone, width=11),
            Column(_t("Condition"), lambda c: labels.condition(c.condition), width=8),
            Column(_t("Location"), lambda c: c.location, width=9),
            Column(_t("Lent to / set aside for"), _who, tone=_who_tone, width=24),
        ],
        parent,
    )


def conditions_model(parent: QObject | None = None) -> RowListModel:
    return RowListModel(
        [
            Column(_t("Recorded"), lambda c: labels.moment(c.recorded_at), width=15),
            Column(_t("Grade"), lambda c: labels.condition(c.grade), width=8),
            Column(_t("Staff"), lambda c: c.staff, width=10),
            Column(_t("Note"), lambda c: c.note, width=20),
        ],
        parent,
    )


def copy_loans_model(parent: QObject | None = None) -> RowListModel:
    def returned(line: CopyLoanLine) -> str:
        return labels.day(line.returned_on) if line.returned_on else _t("on loan")

    return RowListModel(
        [
            Column(_t("Lent"), lambda loan: labels.day(loan.lent_on), width=10),
            Column(_t("Due"), lambda loan: labels.day(loan.due), width=10),
            Column(_t("Returned"), returned, width=10),
            Column(_t("Borrower"), lambda loan: f"{loan.member_no} {loan.borrower_name}", width=18),
            Column(
                _t("Returned as"), lambda loan: labels.condition(loan.return_condition), width=9
            ),
            Column(_t("Approval"), lambda loan: loan.override_reason or "", width=20),
        ],
        parent,
    )
