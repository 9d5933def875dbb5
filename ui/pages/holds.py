"""The Waiting lists page: the works borrowers wait for, each queue in order, the copies set
aside and waiting to be collected, and cancelling a hold (the next in line moves up)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSplitter, QVBoxLayout, QWidget

from readingroom import holds
from readingroom.browse import waiting
from readingroom.browse.waiting import QueueLine, SetAsideLine, WaitingWork
from ui.dialogs.place_hold import PlaceHoldDialog, WorkChoice, placed_text
from ui.models import labels
from ui.models.holds_model import queue_model, set_aside_model, waiting_works_model
from ui.operations import Changes, CollectionOp, QueryOp
from ui.pages.base import Page
from ui.session import Session
from ui.widgets import ask
from ui.widgets.data_table import DataTable
from ui.widgets.heading import caption
from ui.widgets.message_bar import MessageBar


def _titled(title: QWidget, table: DataTable, *buttons: QPushButton) -> QWidget:
    """A caption with buttons on its right, over a table."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 4, 0, 0)
    bar = QHBoxLayout()
    # captions line up whether or not a button sits beside them
    title.setMinimumHeight(QPushButton("x").sizeHint().height())
    bar.addWidget(title)
    bar.addStretch(1)
    for button in buttons:
        bar.addWidget(button)
    layout.addLayout(bar)
    layout.addWidget(table, 1)
    return box


@dataclass(frozen=True)
class WaitingLists:
    """What the page shows: the works waited for, the queue of one of them, the copies set
    aside."""

    works: list[WaitingWork]
    work_id: int | None  # whose queue this is
    queue: list[QueueLine]
    set_aside: list[SetAsideLine]


def _read_lists(kept: int | None) -> WaitingLists:
    """The page's lists, with the queue of work ``kept`` if it still has one (else of the
    first work); runs in the calls thread."""
    works = waiting.works_with_waiting_lists()
    ids = [work.work_id for work in works]
    work_id = kept if kept in ids else (ids[0] if ids else None)
    lines = waiting.queue(work_id) if work_id is not None else []
    return WaitingLists(works, work_id, lines, waiting.set_aside())


class HoldsPage(Page):
    page_id = "holds"
    #: the waiting lists, the copies set aside and the borrowers waiting
    watches = Changes(holds=True, catalogue=True, borrowers=True)
    icon_name = "holds"

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("HoldsPage", "Waiting lists")

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        # reads asked for (the lists; a queue): an answer is shown if nothing was asked since
        self._asked = 0
        self._queue_asked = 0
        self._filling = False  # the lists are being filled from one answer
        layout = QVBoxLayout(self)
        self.message = MessageBar(self)
        layout.addWidget(self.message)
        self.works = waiting_works_model(self)
        self.works_table = DataTable(self.tr("Works with a waiting list"), self)
        self.works_table.setModel(self.works)
        self.queue = queue_model(self)
        self.queue_table = DataTable(self.tr("Waiting list in order"), self)
        self.queue_table.setModel(self.queue)
        self.set_aside = set_aside_model(self)
        self.set_aside_table = DataTable(self.tr("Copies set aside to be collected"), self)
        self.set_aside_table.setModel(self.set_aside)
        self.place_button = QPushButton(self.tr("&Place a hold…"), self)
        self.place_button.setAccessibleName(self.tr("Place a hold"))
        self.place_button.setToolTip(
            self.tr("Put a borrower on the waiting list for a work (the selected one at first)")
        )
        self.hold_dialog: PlaceHoldDialog | None = None
        self.cancel_button = QPushButton(self.tr("&Cancel hold…"), self)
        self.cancel_button.setAccessibleName(self.tr("Cancel the selected hold"))
        self.cancel_aside_button = QPushButton(self.tr("Cancel set-&aside hold…"), self)
        self.cancel_aside_button.setAccessibleName(
            self.tr("Cancel the hold of the selected set-aside copy")
        )
        self.works_caption = caption(self.tr("Works with a waiting list"), self)
        self.queue_caption = caption(self.tr("Waiting list"), self)
        self.set_aside_caption = caption(self.tr("Set aside, waiting to be collected"), self)
        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.setObjectName("holds.splitter")
        top.addWidget(_titled(self.works_caption, self.works_table, self.place_button))
        top.addWidget(_titled(self.queue_caption, self.queue_table, self.cancel_button))
        top.setSizes([400, 600])
        top.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("holds.vertical_splitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(
            _titled(self.set_aside_caption, self.set_aside_table, self.cancel_aside_button)
        )
        self.splitter.setSizes([450, 250])
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)
        self.works_table.current_changed.connect(self._show_queue)
        self.works_table.open_requested.connect(lambda _row: self.queue_table.setFocus())
        self.queue_table.current_changed.connect(lambda _row: self._update_actions())
        self.set_aside_table.current_changed.connect(lambda _row: self._update_actions())
        self.place_button.clicked.connect(self.place_hold)
        self.cancel_button.clicked.connect(self.cancel_selected_hold)
        self.cancel_aside_button.clicked.connect(self.cancel_selected_set_aside)
        self.session.actor_changed.connect(self._update_actions)
        self.setTabOrder(self.works_table, self.queue_table)
        self.setTabOrder(self.queue_table, self.set_aside_table)
        self._update_actions()

    def refresh(self) -> None:
        """Read the waiting lists, the queue of the work kept selected (else the first)
        and the copies set aside in the calls thread; the newest answer is shown."""
        self._asked += 1
        self._queue_asked += 1  # the answer brings the queue too
        asked = self._asked
        kept = self.current_work_id()
        QueryOp(self, lambda: _read_lists(kept)).success(
            lambda lists: self._show_lists(asked, lists)
        ).run()

    def _show_lists(self, asked: int, lists: WaitingLists) -> None:
        if asked != self._asked:
            return  # asked again since
        ids = [work.work_id for work in lists.works]
        chosen = self.current_work_id()  # another work may have been chosen meanwhile
        if chosen not in ids:
            chosen = lists.work_id
        self._filling = True  # the selection moves below: its queue comes after
        try:
            self.works.set_rows(lists.works)
            self.works_table.select_row(ids.index(chosen) if chosen in ids else 0)
        finally:
            self._filling = False
        self.works_caption.setText(
            labels.fill(self.tr("Works with a waiting list (%1)"), len(lists.works))
        )
        if chosen == lists.work_id:
            self._fill_queue(self.works.row_at(self.works_table.current_row()), lists.queue)
        else:
            self._show_queue(self.works_table.current_row())
        self.set_aside.set_rows(lists.set_aside)
        self.set_aside_caption.setText(
            labels.fill(self.tr("Set aside, waiting to be collected (%1)"), len(lists.set_aside))
        )
        self._update_actions()

    def focus_primary(self) -> None:
        self.works_table.setFocus()

    def current_work_id(self) -> int | None:
        work = self.works.row_at(self.works_table.current_row())
        return work.work_id if work else None

    def _show_queue(self, row: int) -> None:
        """Another work chosen: read its queue in the calls thread."""
        if self._filling:
            return
        self._queue_asked += 1
        asked = self._queue_asked
        work = self.works.row_at(row)
        if work is None:
            self._fill_queue(None, [])
            return
        QueryOp(self, lambda: waiting.queue(work.work_id)).success(
            lambda lines: self._queue_arrived(asked, work, lines)
        ).run()

    def _queue_arrived(self, asked: int, work: WaitingWork, lines: list[QueueLine]) -> None:
        if asked == self._queue_asked:  # nothing asked since
            self._fill_queue(work, lines)

    def _fill_queue(self, work: WaitingWork | None, lines: list[QueueLine]) -> None:
        self.queue.set_rows(lines)
        self.queue_caption.setText(
            labels.fill(self.tr("Waiting list: %1"), work.title)
            if work
            else self.tr("Waiting list")
        )
        self._update_actions()

    def _update_actions(self) -> None:
        can_change = self.session.can_change
        self.place_button.setEnabled(can_change)
        self.cancel_button.setEnabled(
            can_change and self.queue.row_at(self.queue_table.current_row()) is not None
        )
        self.cancel_aside_button.setEnabled(
            can_change and self.set_aside.row_at(self.set_aside_table.current_row()) is not None
        )

    def place_hold(self) -> None:
        """Put a borrower on a waiting list: both typed in a dialog, which starts with the
        selected work (and the selected place's volume) chosen."""
        if not self.session.can_change:
            return
        chosen = self.works.row_at(self.works_table.current_row())
        work = (
            WorkChoice(chosen.work_id, chosen.title, chosen.author, chosen.volumes)
            if chosen is not None
            else None
        )
        line = self.queue.row_at(self.queue_table.current_row())
        dialog = PlaceHoldDialog(
            self.session,
            via=holds.VIA_WAITING_LIST,
            work=work,
            volume=line.volume if line is not None and work is not None else 1,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.placed.connect(self._hold_placed)
        self.hold_dialog = dialog
        dialog.open()

    def _hold_placed(self, placed: holds.HoldPlaced) -> None:
        self.message.show_success(placed_text(placed))
        self.refresh()

    def cancel_selected_hold(self) -> None:
        line = self.queue.row_at(self.queue_table.current_row())
        if line is not None:
            self._cancel(line.hold_id, line.member_no, self.queue_caption.text())

    def cancel_selected_set_aside(self) -> None:
        line = self.set_aside.row_at(self.set_aside_table.current_row())
        if line is not None:
            self._cancel(line.hold_id, line.member_no, line.title)

    def _cancel(self, hold_id: int, member_no: str, what: str) -> None:
        question = labels.fill(
            self.tr(
                "Take %1 off the waiting list (%2)? A copy set aside "
                "for them passes to the next in line."
            ),
            member_no,
            what,
        )
        if not ask.confirm(self, self.tr("Cancel hold"), question):
            return
        actor = self.session.actor
        CollectionOp(
            self, lambda: holds.cancel_hold_by_id(actor, hold_id), Changes.named("hold")
        ).success(lambda _hold: self._cancelled(member_no)).disabling(
            self.cancel_button, self.cancel_aside_button
        ).run()

    def _cancelled(self, member_no: str) -> None:
        self.message.show_success(labels.fill(self.tr("%1's hold is cancelled."), member_no))
        self.refresh()
