"""The catalogue's item models: the works table and, for one work, copies and histories."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QIcon

from readingroom import clock
from readingroom.browse import works
from readingroom.browse.works import CopyLine, CopyLoanLine, WorkFilter, WorkRow
from readingroom.vocabulary import CopyStatus
from ui.models import labels
from ui.models.columns import RIGHT, Column, tone_icon, tone_text
from ui.models.lazy_table import IdsQuery, Index, LazyTableModel, ScreenQuery
from ui.models.row_list import RowListModel
from ui.reasons import message_text


def _t(text: str) -> str:
    return QCoreApplication.translate("CatalogueModel", text)


def _available_tone(row: WorkRow) -> str | None:
    """Marked when every copy is out: on loan, set aside or out of circulation."""
    return "notice" if row.copies and not row.available else None


def _copies_tooltip(row: WorkRow) -> str:
    text = labels.fill(
        _t("%1 copies: %2 on the shelf, %3 on loan, %4 set aside, %5 out of circulation"),
        row.copies,
        row.available,
        row.on_loan,
        row.held,
        row.out_of_circulation,
    )
    if row.in_room:
        text += "\n" + labels.fill(_t("%1 with a reader at a reading-room table"), row.in_room)
    return text


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


_ROLE = Qt.ItemDataRole
_DISPLAY = _ROLE.DisplayRole
#: roles the catalogue never answers and the view asks for each cell it paints
_UNUSED = {
    int(role.value): None
    for role in (_ROLE.FontRole, _ROLE.BackgroundRole, _ROLE.CheckStateRole, _ROLE.SizeHintRole)
}
_TEXT, _SPOKEN, _ALIGN, _COLOUR, _ICON = (
    int(role.value)
    for role in (
        _DISPLAY,
        _ROLE.AccessibleTextRole,
        _ROLE.TextAlignmentRole,
        _ROLE.ForegroundRole,
        _ROLE.DecorationRole,
    )
)
#: rows whose answers are kept at most (a few screens; scrolling 250,000 rows keeps no more)
ANSWERS_KEPT = 512
#: a role whose answer is not kept: asked of :func:`ui.models.columns.cell_data`
_ASK = object()


class _Answers:
    """Each shown cell's answers to the roles a repaint asks for, worked out once per row
    (the same answers as :func:`ui.models.columns.cell_data`); tooltips are asked as
    needed. A tone's colour and icon are made once per palette."""

    def __init__(self, columns: list[Column]):
        self.columns = columns
        self.rows: dict[int, list[dict[int, Any]]] = {}
        self._tones: dict[str, tuple[QBrush, QIcon]] = {}

    def forget(self) -> None:
        self.rows.clear()
        self._tones.clear()

    def of(self, row: WorkRow) -> list[dict[int, Any]]:
        return [self._cell(column, row) for column in self.columns]

    def _cell(self, column: Column, row: WorkRow) -> dict[int, Any]:
        text = column.text(row)
        answers: dict[int, Any] = {**_UNUSED, _TEXT: text, _SPOKEN: text}
        answers[_ALIGN] = int(column.align.value)
        tone = column.tone(row) if column.tone is not None else None
        colour, icon = self._tone(tone) if tone is not None else (None, None)
        answers[_COLOUR] = colour
        answers[_ICON] = icon if column.tone_icon else None
        return answers

    def _tone(self, tone: str) -> tuple[QBrush, QIcon]:
        if tone not in self._tones:
            self._tones[tone] = (QBrush(tone_text(tone)), tone_icon(tone))
        return self._tones[tone]


class WorksModel(LazyTableModel):
    """Every work matching the search and filters, sorted by SQLite.

    Typing reloads it at every search: the first screen's ids and their table lines are
    read together in the pool thread, so the window thread reads nothing before it paints
    the new results, and each shown cell's text, alignment, colour and icon are worked out
    once (a repaint asks ~1,500 times, 7 roles a cell)."""

    #: rows in a first screen and in each block read while scrolling (a screenful or two)
    BLOCK = 64

    def __init__(self, parent: QObject | None = None, *, threaded: bool = True):
        super().__init__(work_columns(), parent, sort="title", threaded=threaded)
        self.filter = WorkFilter()
        #: table lines that came with the latest first screen, by work id
        self._prefetched: dict[int, WorkRow] = {}
        #: the copy whose barcode the latest search was, ``(work id, barcode)``, until the
        #: page takes it (:meth:`take_matched_copy`)
        self._matched_copy: tuple[int, str] | None = None
        #: the painted roles' answers of each row shown, by row; forgotten when rows change
        self._answers = _Answers(self.columns)
        self.modelReset.connect(self._answers.rows.clear)
        self.dataChanged.connect(lambda *_: self._answers.rows.clear())

    def ids_query(self) -> IdsQuery:
        filters, key, descending = self.filter, self.sort_key, self.descending
        return lambda: works.work_ids(filters, key, descending)

    def screen_query(self) -> ScreenQuery:
        filters, key, descending, limit = (self.filter, self.sort_key, self.descending, self.BLOCK)
        return lambda: works.first_screen(filters, key, descending, limit, with_rows=True)

    def reload(self, *, typing: bool = False) -> None:
        self._prefetched = {}  # the data may have changed: lines are read again
        self._matched_copy = None
        super().reload(typing=typing)

    def _show_screen(self, generation: int, screen: Any) -> None:
        self._prefetched = dict(getattr(screen, "rows", {}))
        self._matched_copy = getattr(screen, "copy", None)
        super()._show_screen(generation, screen)

    def take_matched_copy(self) -> tuple[int, str] | None:
        """The copy whose barcode the search text was (its work and barcode), once."""
        matched, self._matched_copy = self._matched_copy, None
        return matched

    def invalidate_rows(self) -> None:
        self._prefetched = {}
        super().invalidate_rows()

    def fetch_rows(self, ids: list[int]) -> dict[int, WorkRow]:
        found = {i: self._prefetched[i] for i in ids if i in self._prefetched}
        missing = [i for i in ids if i not in found]
        if missing:
            found.update(works.work_rows(missing))
        return found

    def forget_answers(self) -> None:
        """Work the shown cells out again (their colours follow a light or dark palette)."""
        self._answers.forget()

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        answers = self._answers.rows.get(index.row())  # the kept answers: ~1,500 a repaint
        if answers is not None:
            answer = answers[index.column()].get(role, _ASK)
            if answer is not _ASK:
                return answer
        return self._work_out(index, role)

    def _work_out(self, index: Index, role: int) -> Any:
        """A role not kept (a tooltip), or the first ask of a row shown: its answers are kept."""
        if index.isValid() and index.row() not in self._answers.rows:
            work = self.row_at(index.row())
            if work is not None:
                if len(self._answers.rows) >= ANSWERS_KEPT:  # scrolling: keep a few screens
                    self._answers.rows.clear()
                answers = self._answers.rows[index.row()] = self._answers.of(work)
                answer = answers[index.column()].get(role, _ASK)
                if answer is not _ASK:
                    return answer
        return super().data(index, role)


def _volume(line: CopyLine) -> str:
    """The volume's number, and its name when the work's contents gives one."""
    return f"{line.volume} · {line.volume_name}" if line.volume_name else str(line.volume)


def _shelf(line: CopyLine) -> str:
    """The shelving location, and the call number after it (kept apart in the data)."""
    if line.call_number:
        return f"{line.location} · {line.call_number}" if line.location else line.call_number
    return line.location


def _shelf_tip(line: CopyLine) -> str:
    return "\n".join(
        labels.fill(caption, value)
        for caption, value in (
            (_t("Location: %1"), line.location),
            (_t("Call number: %1"), line.call_number),
        )
        if value
    )


def _copy_status(line: CopyLine) -> str:
    """The copy's status, or where it is when a reader has it at a table."""
    return _t("In the reading room") if line.seat is not None else labels.copy_status(line.status)


def _copy_tone(line: CopyLine) -> str | None:
    """On the shelf is good news, out of circulation is bad; lent, set aside or at a table in
    the reading room is normal."""
    if line.seat is not None:
        return None
    if line.status == CopyStatus.AVAILABLE:
        return "allowed"
    return None if line.status in (CopyStatus.ON_LOAN, CopyStatus.HELD) else "refused"


def _who_short(line: CopyLine) -> str:
    """Who has the copy and until when, in the narrow pane: ``W-1002 · 2026-12-18``, or
    ``C-2001 · overdue`` (the name, the due date and the days overdue in the tooltip,
    :func:`_who`)."""
    if line.seat is not None:
        return labels.fill(_t("%1 · seat %2"), line.member_no or "", line.seat)
    if line.member_no:
        if line.due and line.due < clock.today():
            return labels.fill(_t("%1 · overdue"), line.member_no)
        return labels.fill(_t("%1 · %2"), line.member_no, labels.day(line.due))
    return _who(line)


def _who(line: CopyLine) -> str:
    """Who has the copy and until when, or whom it is set aside for."""
    if line.seat is not None:
        return labels.fill(
            _t("%1 %2, at seat %3 in the reading room"),
            line.member_no or "",
            line.borrower_name or "",
            line.seat,
        )
    if line.member_no:
        text = labels.fill(
            _t("%1 %2, due %3"), line.member_no, line.borrower_name or "", labels.day(line.due)
        )
        days = (clock.today() - line.due).days if line.due else 0
        if days <= 0:
            return text
        return text + (
            _t(" (1 day overdue)") if days == 1 else labels.fill(_t(" (%1 days overdue)"), days)
        )
    if line.held_for:
        return labels.fill(_t("set aside for %1"), line.held_for)
    return ""


def _who_tone(line: CopyLine) -> str | None:
    return "refused" if line.due and line.due < clock.today() else None


def copies_model(parent: QObject | None = None) -> RowListModel:
    return RowListModel(
        [
            Column(_t("Barcode"), lambda c: c.barcode, width=9),
            Column(_t("Vol."), _volume, align=RIGHT, width=4, tooltip=lambda c: c.volume_name),
            Column(_t("Status"), _copy_status, tone=_copy_tone, width=11),
            Column(_t("Condition"), lambda c: labels.condition(c.condition), width=8),
            Column(_t("Location"), _shelf, width=9, tooltip=_shelf_tip),
            Column(_t("Lent to / held for"), _who_short, tone=_who_tone, width=24, tooltip=_who),
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
            Column(_t("Approval"), lambda loan: message_text(loan.override_reason or ""), width=20),
        ],
        parent,
    )
