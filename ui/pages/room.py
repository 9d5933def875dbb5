"""The Reading room page: the tables, who sits where, what each has and since when, and
**Close the room** (disabled, with the reason, while anything is out).

Copies go to the tables and come back at the Desk (its Reading room mode) or with
``room issue``/``room return``; this page shows the room as it is now
(``readingroom.room.in_room``), under it the day's visits already over (**Earlier today**:
reader, seat, copy, from–to, as a reading room's visit log keeps them,
``readingroom.room.visits_on``), and closes it for the day (``readingroom.room.close``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from readingroom import room
from readingroom.room import InRoom, RoomClosed, Visit
from ui.dialogs import second_person
from ui.models import labels
from ui.operations import CIRCULATION, Changes, CollectionOp, QueryOp
from ui.pages.base import Page
from ui.records_model import RIGHT, Column, RecordsModel
from ui.session import Session
from ui.widgets.heading import heading
from ui.widgets.message_bar import MessageBar
from ui.widgets.small_table import small_table

#: seats shown on a row of the room's plan
SEATS_PER_ROW = 6
#: the column of both tables that takes the spare width (see :func:`_seat_columns`)
TITLE = 3


def _t(text: str) -> str:
    return QCoreApplication.translate("RoomPage", text)


def _seat_columns() -> list[Column]:
    """Seat, reader, barcode and title: the columns of a copy at a table and of a visit."""
    return [
        Column(_t("Seat"), lambda r: str(r.seat), RIGHT, sort_key=lambda r: r.seat),
        Column(_t("Reader"), lambda r: f"{r.name} ({r.member_no})"),
        Column(_t("Barcode"), lambda r: r.barcode),
        Column(
            _t("Title"),
            lambda r: (
                labels.fill(_t("%1, vol. %2"), r.title, r.volume) if r.volumes > 1 else r.title
            ),
        ),
    ]


def room_columns() -> list[Column]:
    return [
        *_seat_columns(),
        Column(_t("Since"), lambda i: i.since.strftime("%H:%M")),
        Column(
            _t("For"),
            lambda i: labels.fill(_t("%1 min"), i.minutes),
            RIGHT,
            sort_key=lambda i: i.minutes,
        ),
    ]


def _back(visit: Visit) -> str:
    if visit.outcome == "not-returned":
        return _t("not returned at closing")
    return labels.condition(visit.condition) if visit.condition else _t("returned")


def visit_columns() -> list[Column]:
    return [
        *_seat_columns(),
        Column(
            _t("From–to"),
            lambda v: labels.fill(
                _t("%1–%2"), v.since.strftime("%H:%M"), v.until.strftime("%H:%M")
            ),
        ),
        Column(_t("Back"), _back),
    ]


class RoomPage(Page):
    page_id = "room"
    icon_name = "room"
    watches = CIRCULATION

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("RoomPage", "Reading room")

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.items: list[InRoom] = []
        self.seat_count = room.DEFAULT_SEATS
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.heading = heading(self.tr("Reading room"), self)
        top.addWidget(self.heading)
        top.addStretch(1)
        self.close_button = QPushButton(self.tr("&Close the room"), self)
        self.close_button.setAccessibleName(self.tr("Close the room"))
        self.close_button.clicked.connect(self.close_room)
        top.addWidget(self.close_button)
        self.force_button = QPushButton(self.tr("Close &anyway…"), self)
        self.force_button.setAccessibleName(
            self.tr("Close the room with copies out (a supervisor, with a second person)")
        )
        self.force_button.clicked.connect(self.close_anyway)
        self.force_button.hide()
        top.addWidget(self.force_button)
        layout.addLayout(top)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Reading room summary"))
        layout.addWidget(self.summary)
        self.close_reason = QLabel(self)
        self.close_reason.setTextFormat(Qt.TextFormat.PlainText)
        self.close_reason.setWordWrap(True)
        self.close_reason.setAccessibleName(self.tr("Why the room cannot close"))
        layout.addWidget(self.close_reason)
        self.message = MessageBar(self)
        self.message.hide()
        layout.addWidget(self.message)
        self.plan = QFrame(self)
        self.plan.setAccessibleName(self.tr("The tables"))
        self.plan_layout = QGridLayout(self.plan)
        self.plan_layout.setContentsMargins(0, 4, 0, 4)
        layout.addWidget(self.plan)
        self.model = RecordsModel(room_columns(), self)
        self.table = small_table(
            self.model, self.tr("Copies at the tables"), stretch=TITLE, parent=self
        )
        layout.addWidget(self.table, 2)
        self.visits_heading = heading(self.tr("Earlier today"), self, scale=1.1)
        layout.addWidget(self.visits_heading)
        self.visits_model = RecordsModel(visit_columns(), self)
        self.visits_table = small_table(
            self.visits_model,
            self.tr("Copies read at the tables earlier today"),
            stretch=TITLE,
            parent=self,
        )
        layout.addWidget(self.visits_table, 1)
        self.seat_labels: list[QLabel] = []

    def refresh(self) -> None:
        QueryOp(self, lambda: (room.in_room(), room.seats(), room.visits_on())).success(
            lambda found: self.show_room(*found)
        ).run()

    def focus_primary(self) -> None:
        self.table.setFocus()

    # -- showing -----------------------------------------------------------------------------
    def show_room(self, items: list[InRoom], seats: int, visits: list[Visit]) -> None:
        self.items, self.seat_count = list(items), seats
        self.model.set_records(self.items)
        self.visits_model.set_records(list(visits))
        self.visits_heading.setText(
            labels.fill(self.tr("Earlier today · back from the tables: %1"), len(visits))
            if visits
            else self.tr("Earlier today: no copy has come back from the tables yet")
        )
        readers = {i.member_no for i in self.items}
        self.summary.setText(
            labels.fill(
                self.tr("Copies at the tables: %1 · readers: %2 · seats: %3"),
                len(self.items),
                len(readers),
                seats,
            )
        )
        self._show_plan()
        can_change = self.session.can_change
        if self.items:
            self.close_button.setEnabled(False)
            named = ", ".join(
                labels.fill(self.tr("%1 (seat %2)"), i.barcode, i.seat) for i in self.items
            )
            self.close_reason.setText(
                labels.fill(self.tr("The room cannot close while copies are out: %1."), named)
            )
            self.close_reason.show()
            self.force_button.setVisible(self.session.is_supervisor)
        else:
            self.force_button.hide()
            self.close_button.setEnabled(can_change)
            self.close_reason.setText("" if can_change else self.tr("Read only."))
            self.close_reason.setVisible(not can_change)

    def _show_plan(self) -> None:
        for label in self.seat_labels:
            self.plan_layout.removeWidget(label)
            label.deleteLater()
        self.seat_labels = []
        by_seat: dict[int, list[InRoom]] = {}
        for item in self.items:
            by_seat.setdefault(item.seat, []).append(item)
        for seat in range(1, self.seat_count + 1):
            here = by_seat.get(seat, [])
            if here:
                first = here[0]
                text = labels.fill(
                    self.tr("Seat %1\n%2\ncopies: %3, since %4"),
                    seat,
                    first.name,
                    len(here),
                    min(i.since for i in here).strftime("%H:%M"),
                )
            else:
                text = labels.fill(self.tr("Seat %1\nfree"), seat)
            label = QLabel(text, self.plan)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setFrameShape(QFrame.Shape.StyledPanel)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setMinimumHeight(58)
            label.setEnabled(bool(here))
            label.setAccessibleName(text.replace("\n", ", "))
            self.seat_labels.append(label)
            index = seat - 1
            self.plan_layout.addWidget(label, index // SEATS_PER_ROW, index % SEATS_PER_ROW)

    # -- closing -----------------------------------------------------------------------------
    def close_room(self) -> None:
        if self.items or not self.session.can_change:
            return
        actor = self.session.actor
        CollectionOp(self, lambda: room.close(actor), Changes(audit=True)).success(
            self._closed
        ).inline(self.message.show_error).disabling(self.close_button).run()

    def close_anyway(self) -> None:
        """A supervisor closes the room with copies out: a reason, then a second person signs
        in on the spot; each copy still out is recorded as not returned and turns missing."""
        if not self.items or not self.session.is_supervisor:
            return
        reason = ask_close_reason(self, len(self.items))
        if not reason or not reason.strip():
            return
        what = labels.fill(
            self.tr("Closing the reading room marks %1 copies still out as missing."),
            len(self.items),
        )
        confirmer = second_person.ask_second_person(self, self.session, what)
        if confirmer is None:
            self.message.show_info(self.tr("The room stays open: nobody confirmed it."))
            return
        actor = self.session.actor
        CollectionOp(
            self,
            lambda: room.close(actor, force=True, reason=reason, confirmed_by=confirmer),
            CIRCULATION,
        ).success(self._closed).inline(self.message.show_error).disabling(self.force_button).run()

    def _closed(self, closed: RoomClosed) -> None:
        self.message.show_success(
            labels.fill(
                self.tr("The reading room is closed (%1)."), closed.closed_at.strftime("%H:%M")
            )
        )
        self.refresh()


def ask_close_reason(parent: QWidget, count: int) -> str | None:
    """Why the room closes with ``count`` copies out (recorded; tests patch this); None when
    cancelled."""
    reason, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("RoomPage", "Close the room anyway"),
        labels.fill(
            QCoreApplication.translate(
                "RoomPage", "%1 copies are still out. Why does the room close now? (recorded)"
            ),
            count,
        ),
    )
    return reason if ok else None
