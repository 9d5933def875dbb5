"""The waiting lists' item models: works waited for, one work's queue, copies set aside."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from readingroom import clock
from readingroom.browse.waiting import QueueLine, SetAsideLine, WaitingWork
from ui.models import labels
from ui.models.columns import RIGHT, Column
from ui.models.row_list import RowListModel


def _t(text: str) -> str:
    return QCoreApplication.translate("HoldsModel", text)


def waiting_works_model(parent: QObject | None = None) -> RowListModel:
    def title(work: WaitingWork) -> str:
        return work.title

    return RowListModel(
        [
            Column(
                _t("Title"),
                title,
                width=20,
                stretch=True,
                tooltip=lambda w: f"{w.title}\n{w.author}",
            ),
            Column(_t("Waiting"), lambda w: str(w.waiting), align=RIGHT, width=6),
            Column(
                _t("Set aside"),
                lambda w: str(w.ready) if w.ready else "",
                align=RIGHT,
                width=8,
                tone=lambda w: "allowed" if w.ready else None,
            ),
            Column(_t("Since"), lambda w: labels.day(w.oldest.date()), width=10),
        ],
        parent,
    )


def _place(line: QueueLine) -> str:
    return _t("to collect") if line.position == 0 else str(line.position)


def queue_model(parent: QObject | None = None) -> RowListModel:
    def state(line: QueueLine) -> str:
        if line.barcode:
            return labels.fill(_t("set aside: %1"), line.barcode)
        return labels.hold_status(line.status)

    return RowListModel(
        [
            Column(_t("Place"), _place, align=RIGHT, width=8),
            Column(_t("Vol."), lambda q: str(q.volume), align=RIGHT, width=4),
            Column(_t("Member no."), lambda q: q.member_no, width=8),
            Column(_t("Name"), lambda q: q.name, width=12, stretch=True),
            Column(_t("Role"), lambda q: labels.role(q.role), width=7),
            Column(_t("Placed"), lambda q: labels.moment(q.placed_at), width=15),
            Column(_t("State"), state, width=14, tone=lambda q: "allowed" if q.barcode else None),
        ],
        parent,
    )


def set_aside_model(parent: QObject | None = None) -> RowListModel:
    def waited(line: SetAsideLine) -> str:
        if line.days_waiting == 0:
            return _t("since today")
        return labels.fill(_t("%1 days"), line.days_waiting)

    return RowListModel(
        [
            Column(_t("Barcode"), lambda s: s.barcode, width=8),
            Column(
                _t("Title"),
                lambda s: labels.fill(_t("%1 (vol. %2)"), s.title, s.volume),
                width=20,
                stretch=True,
            ),
            Column(_t("For"), lambda s: f"{s.member_no} {s.name}", width=16),
            Column(_t("Set aside on"), lambda s: labels.day(s.ready_on), width=10),
            Column(
                _t("Waiting"),
                waited,
                width=8,
                tone=lambda s: "notice" if s.past_pickup(clock.today()) else None,
            ),
            Column(
                _t("Collect by"),
                lambda s: labels.day(s.pickup_by) if s.pickup_by else "",
                width=10,
                tone=lambda s: "notice" if s.past_pickup(clock.today()) else None,
            ),
        ],
        parent,
    )
