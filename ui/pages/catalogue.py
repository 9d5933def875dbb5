"""The Catalogue page: search as you type, filters, sortable columns and a work's detail.

The works table is a :class:`~ui.models.catalogue_model.WorksModel` (ids sorted and
filtered by SQLite, rows fetched as shown), so it scales to a catalogue of 250,000 works.
The detail pane shows the selected work's fields, its copies with their status, and the
selected copy's loan and condition history. Works and copies are added and edited in
dialogs; every change goes through ``readingroom.catalogue`` with the signed-in actor.

After a sort or a search the table's first screen comes first (the rest of the ordered ids
follow from the pool thread); the selected work stays selected once its place is known,
and its detail is read once per reload, after the table has painted and the list has been
still for a moment (typing reloads the list at every key).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from readingroom import call_numbers, catalogue, confirm, custody, staff
from readingroom.browse import works
from readingroom.browse.works import (
    ConditionLine,
    CopyLine,
    CopyLoanLine,
    WorkDetail,
    WorkFilter,
)
from readingroom.call_numbers import CallNumberChange
from readingroom.catalogue import SETTABLE_STATUSES
from readingroom.custody import Move
from readingroom.queries import forms
from readingroom.vocabulary import ACCESS_CLASSES, COPY_STATUSES, CopyStatus
from ui.dialogs import second_person
from ui.dialogs.copy_dialog import CopyDialog
from ui.dialogs.work_dialog import WorkDialog
from ui.models import labels
from ui.models.audit_model import action_label
from ui.models.catalogue_model import (
    WorksModel,
    conditions_model,
    copies_model,
    copy_loans_model,
)
from ui.operations import Changes, CollectionOp, QueryOp
from ui.pages.list_page import ListPage
from ui.session import Session
from ui.widgets.data_table import DataTable
from ui.widgets.field_grid import FieldGrid
from ui.widgets.filter_combo import FilterCombo
from ui.widgets.heading import caption, heading

T = TypeVar("T")


def place_word(place: str) -> str:
    """Where a copy is, as the custody timeline says it (the ledger's word otherwise)."""
    words = {
        custody.SHELF: QCoreApplication.translate("CustodyPlaces", "shelf"),
        custody.DESK: QCoreApplication.translate("CustodyPlaces", "desk"),
        custody.READER: QCoreApplication.translate("CustodyPlaces", "reader"),
        custody.ROOM: QCoreApplication.translate("CustodyPlaces", "reading room"),
        custody.HOLD_SHELF: QCoreApplication.translate("CustodyPlaces", "hold shelf"),
        custody.CONSERVATION: QCoreApplication.translate("CustodyPlaces", "conservation"),
    }
    if place in (custody.MISSING, custody.LOST, custody.WITHDRAWN, custody.DAMAGED):
        return labels.copy_status(place).lower()  # out of circulation: the status's word
    return words.get(place, place)


def move_word(kind: str) -> str:
    """What a move of the custody ledger was, in the window's language (the stored kind,
    ``room-issue``, where the ledger holds one this window does not know)."""
    words = {
        custody.LEND: QCoreApplication.translate("CustodyMoves", "lent"),
        custody.RETURN: QCoreApplication.translate("CustodyMoves", "returned"),
        custody.ROOM_ISSUE: QCoreApplication.translate("CustodyMoves", "read in the room"),
        custody.ROOM_RETURN: QCoreApplication.translate("CustodyMoves", "back from the room"),
        custody.NOT_RETURNED: QCoreApplication.translate("CustodyMoves", "not returned at closing"),
        custody.TO_CONSERVATION: QCoreApplication.translate("CustodyMoves", "to conservation"),
        custody.FROM_CONSERVATION: QCoreApplication.translate(
            "CustodyMoves", "back from conservation"
        ),
        custody.STOCKTAKE_FOUND: QCoreApplication.translate("CustodyMoves", "found at a stocktake"),
        custody.STOCKTAKE_MISSED: QCoreApplication.translate(
            "CustodyMoves", "missed at a stocktake"
        ),
        custody.MARKED: QCoreApplication.translate("CustodyMoves", "marked by hand"),
    }
    return words.get(kind, kind)


class WorkDetailPane(QWidget):
    """One work: its fields, copies (with status) and the selected copy's histories."""

    #: a work (or none) has been filled in
    shown = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.detail: WorkDetail | None = None
        # reads asked for (a work; a copy's history): an answer is shown if none was since
        self._work_asked = 0
        self._copy_asked = 0
        self._reads = 0  # reads not yet reported back
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        self.title = heading(self.tr("No work selected"), self)
        self.title.setAccessibleName(self.tr("Work title"))
        self.byline = QLabel(self)
        self.byline.setTextFormat(Qt.TextFormat.PlainText)
        self.byline.setWordWrap(True)
        self.fields = FieldGrid(self)
        layout.addWidget(self.title)
        layout.addWidget(self.byline)
        layout.addWidget(self.fields)
        # the caption on a line of its own, the buttons under it: side by side the three
        # buttons are cut short in a narrow pane (and in Korean)
        self.copies_caption = caption(self.tr("Copies"), self)
        layout.addWidget(self.copies_caption)
        copies_bar = QHBoxLayout()
        self.add_copy_button = QPushButton(self.tr("Add cop&y…"), self)
        self.edit_copy_button = QPushButton(self.tr("Edit co&py…"), self)
        # a push button with a menu, as its neighbours: its arrow has room of its own (a tool
        # button's arrow is drawn over the end of the words)
        self.mark_button = QPushButton(self.tr("&Mark copy as"), self)
        self.mark_menu = QMenu(self.mark_button)
        self.mark_actions = {}
        for status in SETTABLE_STATUSES:
            self.mark_actions[status] = self.mark_menu.addAction(labels.copy_status(status))
        self.mark_button.setMenu(self.mark_menu)
        for button, name in (
            (self.add_copy_button, self.tr("Add a copy")),
            (self.edit_copy_button, self.tr("Edit the selected copy")),
            (self.mark_button, self.tr("Mark the selected copy as")),
        ):
            button.setAccessibleName(name)
            copies_bar.addWidget(button)
        copies_bar.addStretch(1)
        layout.addLayout(copies_bar)
        self.copies = copies_model(self)
        self.copies_table = DataTable(self.tr("Copies of the work"), self)
        self.copies_table.setModel(self.copies)
        layout.addWidget(self.copies_table, 3)
        self.history_tabs = QTabWidget(self)
        self.history_tabs.setAccessibleName(self.tr("History of the selected copy"))
        self.loans = copy_loans_model(self)
        self.loans_table = DataTable(self.tr("Loan history of the selected copy"), self)
        self.loans_table.setModel(self.loans)
        self.conditions = conditions_model(self)
        self.conditions_table = DataTable(self.tr("Condition history of the selected copy"), self)
        self.conditions_table.setModel(self.conditions)
        self.timeline = QListWidget(self)
        self.timeline.setAccessibleName(self.tr("Custody timeline of the selected copy"))
        self.timeline.setWordWrap(True)
        self.history_tabs.addTab(self.loans_table, self.tr("Loan history"))
        self.history_tabs.addTab(self.conditions_table, self.tr("Condition history"))
        self.call_numbers = QListWidget(self)
        self.call_numbers.setAccessibleName(self.tr("Call numbers of the selected copy"))
        self.call_numbers.setWordWrap(True)
        self.history_tabs.addTab(self.timeline, self.tr("Custody"))
        self.history_tabs.addTab(self.call_numbers, self.tr("Call numbers"))
        layout.addWidget(self.history_tabs, 2)
        self.copies_table.current_changed.connect(self._show_copy_history)

    @property
    def reading(self) -> bool:
        """A work or a copy's history asked for is still being read."""
        return self._reads > 0

    def show_work(self, work_id: int | None, copy: str | None = None) -> None:
        """Show ``work_id`` (None clears the pane) once read in the calls thread, selecting
        copy ``copy`` if given, else keeping the selected copy if still there; an answer
        for a work asked before another is dropped."""
        self._work_asked += 1
        asked = self._work_asked
        if work_id is None:
            self._fill(None, None)
            return
        self._read(
            lambda: works.work_detail(work_id),
            lambda detail: self._work_arrived(asked, detail, copy),
        )

    def _read(self, read: Callable[[], T], arrived: Callable[[T], None]) -> None:
        self._reads += 1
        QueryOp(self, read).success(arrived).finally_(self._read_ended).run()

    def _read_ended(self) -> None:
        self._reads -= 1

    def _work_arrived(self, asked: int, detail: WorkDetail, copy: str | None) -> None:
        if asked == self._work_asked:  # no other work asked for since
            kept = self.selected_copy()
            self._fill(detail, copy or (kept.barcode if kept else None))

    def _fill(self, detail: WorkDetail | None, keep: str | None) -> None:
        self.detail = detail
        if self.detail is None:
            self.title.setText(self.tr("No work selected"))
            self.byline.setText(self.tr("Select a work to see its copies and their history."))
            self.fields.set_fields([])
            self.copies.set_rows([])
            self._show_copy_history(-1)
            self.shown.emit()
            return
        work = self.detail.work
        self.title.setText(work.title + (f" — {work.subtitle}" if work.subtitle else ""))
        byline = _both(work.author, work.author_vernacular)
        if work.translator:
            byline += "  ·  " + labels.fill(
                self.tr("translated by %1"), _both(work.translator, work.translator_vernacular)
            )
        self.byline.setText(byline)
        self.fields.set_fields(
            [
                (self.tr("Title in its own script"), work.title_vernacular),
                (self.tr("Variant titles"), work.variant_titles),
                (self.tr("Responsibility"), work.responsibility),
                (self.tr("Other names"), work.contributors),
                (self.tr("Original title"), work.original_title),
                (self.tr("Language"), labels.language(work.original_language)),
                (self.tr("Edition"), work.edition),
                (self.tr("Place"), work.place),
                (self.tr("Publisher"), work.publisher),
                (self.tr("Year"), str(work.year or "")),
                (self.tr("Physical description"), work.physical),
                (self.tr("Series"), work.series),
                (self.tr("Contents"), work.contents),
                (self.tr("Subjects"), work.subjects),
                (self.tr("Call number"), work.call_number),
                (self.tr("ISBN"), work.isbn),
                (
                    self.tr("Record"),
                    " ".join(p for p in (work.control_source, work.control_number) if p),
                ),
                (self.tr("Access"), labels.access(work.access)),
                (self.tr("Volumes"), self._volumes(work.volumes)),
                (
                    self.tr("Waiting list"),
                    labels.fill(self.tr("%1 waiting"), self.detail.waiting)
                    if self.detail.waiting
                    else "",
                ),
                (self.tr("Notes"), work.notes),
            ]
        )
        self.copies_caption.setText(labels.fill(self.tr("Copies (%1)"), len(self.detail.copies)))
        self.copies.set_rows(self.detail.copies)
        barcodes = [line.barcode for line in self.detail.copies]
        if keep in barcodes:
            self.copies_table.select_row(barcodes.index(keep))
        else:
            self._show_copy_history(-1)
        self.shown.emit()

    def _volumes(self, volumes: int) -> str:
        """``3 — on the shelf: vol. 1 none of 4, vol. 2 3 of 4…`` (a set is complete only
        when every volume is)."""
        if volumes == 1:
            return "1"
        assert self.detail is not None  # a work's volumes are shown with the work
        shelf = []
        for volume in range(1, volumes + 1):
            lines = [line for line in self.detail.copies if line.volume == volume]
            available = sum(line.status == CopyStatus.AVAILABLE for line in lines)
            shelf.append(labels.fill(self.tr("vol. %1: %2 of %3"), volume, available, len(lines)))
        return labels.fill(self.tr("%1 — on the shelf: %2"), volumes, ", ".join(shelf))

    def selected_copy(self) -> CopyLine | None:
        return self.copies.row_at(self.copies_table.current_row())

    def _show_copy_history(self, row: int) -> None:
        """Read the chosen copy's loans and conditions in the calls thread and show them."""
        self._copy_asked += 1
        asked = self._copy_asked
        line = self.copies.row_at(row)
        if line is None:
            self._fill_history("", [], [])
            return
        barcode = line.barcode
        self._read(
            lambda: (
                works.copy_loan_history(barcode),
                works.condition_history(barcode),
                catalogue.copy_history(barcode),
                call_numbers.call_number_changes(barcode),
            ),
            lambda found: self._history_arrived(asked, barcode, *found),
        )

    def _history_arrived(
        self,
        asked: int,
        barcode: str,
        loans: list[CopyLoanLine],
        conditions: list[ConditionLine],
        moves: list[Move] | None = None,
        numbers: list[CallNumberChange] | None = None,
    ) -> None:
        if asked == self._copy_asked:  # no other copy chosen since
            self._fill_history(barcode, loans, conditions, moves or [], numbers or [])

    def _fill_history(
        self,
        what: str,
        loans: list[CopyLoanLine],
        conditions: list[ConditionLine],
        moves: list[Move] | None = None,
        numbers: list[CallNumberChange] | None = None,
    ) -> None:
        self.loans.set_rows(loans)
        self.conditions.set_rows(conditions)
        self._fill_timeline(moves or [])
        self._fill_call_numbers(numbers or [])
        self.history_tabs.setTabText(0, labels.fill(self.tr("Loan history %1"), what).strip())
        self.history_tabs.setTabText(1, labels.fill(self.tr("Condition history %1"), what).strip())

    def _fill_timeline(self, moves: list[Move]) -> None:
        """The custody ledger as a timeline, newest first: one line per change (its moves
        joined: shelf → desk → reader), with who, when, the reader and seat, and the entry."""
        self.timeline.clear()
        steps: list[list[Move]] = []
        for move in moves:
            if steps and steps[-1][-1].audit_seq == move.audit_seq:
                steps[-1].append(move)
            else:
                steps.append([move])
        for step in reversed(steps):
            first = step[0]
            path = " → ".join(
                [place_word(first.from_place)] + [place_word(m.to_place) for m in step]
            )
            who = first.staff + (f" + {first.confirmed_by}" if first.confirmed_by else "")
            reader = first.member_no or ""
            if first.seat:
                reader = labels.fill(self.tr("%1, seat %2"), reader, first.seat)
            text = labels.fill(
                self.tr("%1  %2  (%3)  %4  %5  #%6"),
                first.at.strftime("%Y-%m-%d %H:%M"),
                path,
                move_word(first.kind),
                reader,
                who,
                first.audit_seq,
            )
            self.timeline.addItem(QListWidgetItem(" ".join(text.split())))
        if not steps:
            self.timeline.addItem(self.tr("No moves recorded yet."))

    def _fill_call_numbers(self, changes: list[CallNumberChange]) -> None:
        """The copy's call numbers from the audit trail, newest first: the old and the new,
        the change that made it, who and when, and the entry."""
        self.call_numbers.clear()
        for change in reversed(changes):
            text = labels.fill(
                self.tr("%1  %2 → %3  (%4)  %5  #%6"),
                change.at.strftime("%Y-%m-%d %H:%M"),
                change.old or "—",
                change.new or "—",
                action_label(change.action),
                change.staff,
                change.audit_seq,
            )
            self.call_numbers.addItem(QListWidgetItem(text))
        if not changes:
            self.call_numbers.addItem(self.tr("No call number recorded yet."))


#: the widest count the catalogue's count label makes room for (a national catalogue's)
WIDEST_COUNT = "888,888"
#: pixels beside the count's widest text (rounding of the font's advances)
COUNT_SLACK_PX = 4

# a reload's selected work is read into the detail pane once the list has been still this
# long (typing a title reloads the list at every key; the pane follows when typing pauses)
DETAIL_DELAY_MS = 150


class CataloguePage(ListPage):
    page_id = "catalogue"
    icon_name = "catalogue"
    #: works and copies, and the loans and holds that set a copy's status
    watches = Changes(catalogue=True, loans=True, holds=True)
    sizes = (550, 450)
    stretch = (3, 2)

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("CataloguePage", "Catalogue")

    def __init__(self, session: Session, parent: QWidget | None = None, *, threaded: bool = True):
        super().__init__(session, parent)
        self.dialog: WorkDialog | CopyDialog | None = None
        self._select_after_load: int | None = None
        # a copy found by its barcode in the search: its work, then it, selected once shown
        self._copy_to_select: tuple[int, str] | None = None
        # the work selected before a reload, until the reloaded ids show where it is
        self._kept_work: int | None = None
        # the work in the detail pane, and whether its data may have changed since
        self._shown_work: int | None = None
        self._detail_stale = True
        self._reloading = False
        self._languages_asked = 0  # refreshes that asked for the language filter's choices
        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(DETAIL_DELAY_MS)
        self.catalogue_model = WorksModel(self, threaded=threaded)  # the model, as itself
        self.build(self.catalogue_model)
        self._connect()
        self._update_actions()
        self.setTabOrder(self.search, self.access_filter)
        self.setTabOrder(self.access_filter, self.status_filter)
        self.setTabOrder(self.status_filter, self.language_filter)
        self.setTabOrder(self.language_filter, self.table)

    # -- building -------------------------------------------------------------------------

    def search_hint(self) -> str:
        return self.tr(
            "Search title, original title, author, translator or a copy's barcode (Ctrl+F)"
        )

    def table_name(self) -> str:
        return self.tr("Works")

    def build_filters(self) -> list[QWidget]:
        self.access_filter = FilterCombo(
            self.tr("All access classes"), self.tr("Access class filter"), self
        )
        self.access_filter.set_choices((labels.access(a), a) for a in ACCESS_CLASSES)
        self.status_filter = FilterCombo(
            self.tr("Any copy status"), self.tr("Copy status filter"), self
        )
        self.status_filter.set_choices(
            (labels.fill(self.tr("Has a copy: %1"), labels.copy_status(s).lower()), s)
            for s in COPY_STATUSES
        )
        self.language_filter = FilterCombo(
            self.tr("All languages"), self.tr("Original language filter"), self
        )
        self.count_label = self.make_count_label(self.tr("Number of works shown"))
        self._fit_count_label()
        return [self.access_filter, self.status_filter, self.language_filter, self.count_label]

    def _fit_count_label(self) -> None:
        """The count as wide as its widest text: a count whose width changed as the user
        typed ("64+ works, counting…", then "3 works") laid the filter row out again and
        repainted all of it at that key, on top of the table."""
        metrics = self.count_label.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(labels.fill(text, WIDEST_COUNT))
            for text in (self.tr("%1+ works, counting…"), self.tr("%1 works"), self.tr("1 work"))
        )
        self.count_label.setFixedWidth(widest + COUNT_SLACK_PX)

    def build_rows(self) -> list[QLayout]:
        return [self._build_actions()]

    def build_detail(self, parent: QWidget) -> QWidget:
        self.detail = WorkDetailPane(parent)
        return self.detail

    def _build_actions(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.new_button = QPushButton(self.tr("&New work…"), self)
        self.new_button.setToolTip(self.tr("Add a work to the catalogue (Ctrl+N)"))
        self.edit_button = QPushButton(self.tr("&Edit work…"), self)
        self.edit_button.setToolTip(self.tr("Edit the selected work (Enter)"))
        for button in (self.new_button, self.edit_button):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
            bar.addWidget(button)
        self.read_only_note = QLabel(self)
        self.read_only_note.setTextFormat(Qt.TextFormat.PlainText)
        bar.addWidget(self.read_only_note)
        bar.addStretch(1)
        return bar

    def _connect(self) -> None:
        self.model.modelAboutToBeReset.connect(self._reload_starting)
        self._detail_timer.timeout.connect(self._show_selected_work)
        self.model.unsortable.connect(self._unsortable)
        self.table.open_requested.connect(self._open_work)
        self.detail.copies_table.current_changed.connect(lambda _row: self._update_actions())
        self.detail.shown.connect(self._update_actions)
        self.detail.copies_table.open_requested.connect(lambda _row: self.edit_copy())
        self.new_button.clicked.connect(self.new_work)
        self.edit_button.clicked.connect(self.edit_work)
        self.detail.add_copy_button.clicked.connect(self.add_copy)
        self.detail.edit_copy_button.clicked.connect(self.edit_copy)
        for status, action in self.detail.mark_actions.items():
            action.triggered.connect(lambda _checked=False, s=status: self.mark_copy(s))
        self.session.actor_changed.connect(self._update_actions)
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self, self.new_work)

    # -- showing --------------------------------------------------------------------------

    def refresh(self) -> None:
        self._languages_asked += 1
        asked = self._languages_asked
        QueryOp(self, catalogue.languages).success(
            lambda codes: self._show_languages(asked, codes)
        ).run()
        self._detail_stale = True
        self.model.reload()

    def _show_languages(self, asked: int, codes: list[str]) -> None:
        """The language filter's choices, read in the calls thread (the newest answer)."""
        if asked == self._languages_asked:
            self.language_filter.set_choices((labels.language(code), code) for code in codes)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange):
            self.catalogue_model.forget_answers()  # the tones follow a light or dark palette
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._fit_count_label()

    def current_filter(self) -> WorkFilter:
        return WorkFilter(
            text=self.search.text(),
            access=self.access_filter.value(),
            status=self.status_filter.value(),
            language=self.language_filter.value(),
        )

    def _reload_starting(self) -> None:
        kept = self.table.current_id()
        if kept is not None:
            self._kept_work = kept
        self._reloading = True

    def loaded(self) -> None:
        """The catalogue keeps the selected work across a reload (see ``_loaded``)."""
        self._loaded()

    def _loaded(self) -> None:
        self._reloading = True  # the rest of a first screen's ids arrive without a reset
        self._show_count()
        matched = self.catalogue_model.take_matched_copy()
        if matched is not None:  # the search was a copy's barcode: its work and the copy
            self._copy_to_select = matched
            self._select_after_load = matched[0]
        if self._select_after_load is not None:
            self._kept_work, self._select_after_load = self._select_after_load, None
        if self._kept_work is not None:
            found = self.table.select_id(self._kept_work)
            if found or self.model.complete:
                self._kept_work = None
        if self.table.current_row() < 0 and self.model.rowCount() and self._kept_work is None:
            self.table.select_row(0)
        self._reloading = False
        if self.model.answering_at_once:  # the caller waits: nothing was painted meanwhile
            self._detail_timer.stop()
            self._show_selected_work()
        else:  # once, after the table has painted and the list has stopped changing
            self._detail_timer.start()

    @property
    def detail_pending(self) -> bool:
        """The selected work's detail is still to be read (a reload shows it once, after
        the table has painted, or once the selected work's place is known), or is being
        read in the calls thread."""
        return (
            self._detail_timer.isActive()
            or (self._kept_work is not None and not self.model.complete)
            or self.detail.reading
        )

    def _show_count(self) -> None:
        count = self.model.rowCount()
        if not self.model.counted:
            text = labels.fill(self.tr("%1+ works, counting…"), f"{count:,}")
        else:
            text = (
                self.tr("1 work") if count == 1 else labels.fill(self.tr("%1 works"), f"{count:,}")
            )
        self.count_label.setText(text)

    def _show_selected_work(self) -> None:
        work_id = self.table.current_id()
        if work_id is None and self._kept_work is not None:
            return  # the selected work's place is not known yet: it stays in the pane
        self._show_work(work_id)

    def _unsortable(self, column: int) -> None:
        self.message.show_info(
            labels.fill(
                self.tr("The catalogue cannot be sorted by %1."),
                self.model.columns[column].header.lower(),
            )
        )

    def show_row(self, row: int) -> None:
        """A work chosen in the table: shown unless a reload is choosing (``_work_changed``)."""
        self._work_changed(row)

    def _work_changed(self, row: int) -> None:
        if not self._reloading:  # a reload shows its selected work once, when loaded
            self._kept_work = None
            self._detail_timer.stop()  # the user chose: no reload takes the selection back
            self._show_work(self.model.id_at(row))

    def _show_work(self, work_id: int | None) -> None:
        """Read the work into the detail pane unless it is there already, unchanged (with
        the copy a barcode search found selected, when it is that copy's work)."""
        copy = None
        if self._copy_to_select is not None:
            matched_work, barcode = self._copy_to_select
            self._copy_to_select = None
            copy = barcode if matched_work == work_id else None
        if work_id != self._shown_work or self._detail_stale or copy:
            self._shown_work, self._detail_stale = work_id, False
            self.detail.show_work(work_id, copy=copy)
        self._update_actions()

    def current_work_id(self) -> int | None:
        return self.table.current_id()

    def _update_actions(self) -> None:
        can_change = self.session.can_change
        work = self.detail.detail is not None
        copy = self.detail.selected_copy() is not None
        self.new_button.setEnabled(can_change)
        self.edit_button.setEnabled(can_change and work)
        self.detail.add_copy_button.setEnabled(can_change and work)
        self.detail.edit_copy_button.setEnabled(can_change and copy)
        self.detail.mark_button.setEnabled(can_change and copy)
        self.read_only_note.setText(
            ""
            if can_change or self.session.actor is None
            else self.tr("Read-only: an inspector may look, not change.")
        )

    # -- actions --------------------------------------------------------------------------

    def _open_work(self, _row: int) -> None:
        if self.session.can_change:
            self.edit_work()
        else:
            self.detail.copies_table.setFocus()

    def _show_dialog(self, dialog: WorkDialog | CopyDialog, done) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(done)
        self.dialog = dialog
        dialog.open()

    def new_work(self) -> None:
        if self.session.can_change:
            self._show_dialog(WorkDialog(self.session, parent=self), self._work_saved)

    def edit_work(self) -> None:
        if self.detail.detail is None:
            return
        work_id = self.detail.detail.work.id
        QueryOp(self, lambda: forms.work_form(work_id)).success(
            lambda work: self._show_dialog(
                WorkDialog(self.session, work, parent=self), self._work_saved
            )
        ).run()  # the dialog opens once its form is read

    def _work_saved(self, saved: catalogue.WorkSaved) -> None:
        self.message.show_success(labels.fill(self.tr("Saved “%1”."), saved.work.title))
        self._select_after_load = saved.work.id
        self.refresh()

    def add_copy(self) -> None:
        if self.detail.detail is None:
            return
        work_id = self.detail.detail.work.id
        QueryOp(self, lambda: (forms.work_form(work_id), works.locations())).success(
            lambda found: self._show_dialog(
                CopyDialog(self.session, found[0], parent=self, shelves=found[1]),
                self._copy_saved,
            )
        ).run()

    def edit_copy(self) -> None:
        line = self.detail.selected_copy()
        if line is None or not self.session.can_change:
            return
        barcode = line.barcode
        QueryOp(self, lambda: (forms.copy_form(barcode), works.locations())).success(
            lambda found: self._show_dialog(
                CopyDialog(self.session, found[0].work, found[0], parent=self, shelves=found[1]),
                self._copy_saved,
            )
        ).run()

    def _copy_saved(self, barcode: str) -> None:
        self.message.show_success(labels.fill(self.tr("Saved copy %1."), barcode))
        self.refresh()
        self._select_copy(barcode)

    def mark_copy(self, status: str) -> None:
        """Set the selected copy's status (available, missing, withdrawn, lost, damaged)."""
        line = self.detail.selected_copy()
        if line is None:
            return
        self._mark(line.barcode, status, None)

    def _mark(self, barcode: str, status: str, confirmer: staff.Actor | None) -> None:
        """Mark ``barcode``; lost and withdrawn need a second person, asked for on the spot
        when the service says so (and only then: a refusal for another reason comes first)."""
        actor = self.session.actor
        CollectionOp(
            self,
            lambda: catalogue.edit_copy(actor, barcode, status=status, confirmed_by=confirmer),
            Changes.named("copy"),
        ).success(lambda saved: self._marked(barcode, saved.status)).failure(
            lambda error: self._second_person(error, barcode, status)
        ).run()  # set aside?

    def _second_person(self, error: BaseException, barcode: str, status: str) -> bool:
        if not isinstance(error, confirm.ConfirmationNeeded):
            return False
        what = labels.fill(
            self.tr("Marking %1 as %2 takes it out of the collection."),
            barcode,
            labels.copy_status(status).lower(),
        )
        confirmer = second_person.ask_second_person(self, self.session, what)
        if confirmer is None:
            self.message.show_info(self.tr("Not marked: nobody confirmed it."))
            return True
        self._mark(barcode, status, confirmer)
        return True

    def _marked(self, barcode: str, status: str) -> None:
        self.message.show_success(
            labels.fill(self.tr("%1 is now %2."), barcode, labels.copy_status(status).lower())
        )
        self.refresh()
        self._select_copy(barcode)

    def _select_copy(self, barcode: str) -> None:
        """Read the work again into the pane, with copy ``barcode`` selected."""
        self.detail.show_work(
            self.current_work_id() or (self.detail.detail.work.id if self.detail.detail else None),
            copy=barcode,
        )


def _both(romanised: str, vernacular: str) -> str:
    """A name as romanised, with its own script beside it when the record gives it."""
    return f"{romanised} ({vernacular})" if vernacular and romanised else romanised or vernacular
