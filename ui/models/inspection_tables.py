"""The inspection pages' tables: short lists over the domain's own rows.

Each function returns a :class:`~ui.models.row_list.RowListModel` whose columns read the
dataclasses of ``readingroom.inspection``, ``readingroom.stocktake``,
``readingroom.reminders``, ``readingroom.browse`` and ``readingroom.bundle`` directly.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from readingroom.bundle import OK, FileCheck
from readingroom.reminders import DueReminder
from ui.models import inspection_labels as words
from ui.models import labels
from ui.models.columns import RIGHT, Column
from ui.models.row_list import RowListModel
from ui.reasons import phrases_text


def _t(text: str) -> str:
    return QCoreApplication.translate("InspectionTables", text)


def _volume(volume: int | None) -> str:
    return str(volume) if volume else ""


def _days(days: int | None) -> str:
    return str(days) if days else ""


def _copy_text(scan) -> str:
    """The scanned copy's title, with its volume when the work has several (translated)."""
    if scan.title and scan.volumes > 1:
        return labels.fill(_t("%1, vol. %2"), scan.title, scan.volume)
    return scan.title


def _days_text(days: int) -> str:
    return _t("1 day") if days == 1 else _t("%1 days").replace("%1", str(days))


def _person(member_no: str | None, name: str) -> str:
    return f"{member_no or ''} {name or ''}".strip()


# -- readiness ----------------------------------------------------------------------------


def readiness_model(parent: QObject | None = None) -> RowListModel:
    return RowListModel(
        [
            Column(
                _t("Reason"),
                lambda i: words.readiness_reason(i.reason),
                tone=lambda i: words.readiness_tone(i.reason),
                width=27,
            ),
            Column(_t("Barcode"), lambda i: i.barcode or _t("(no copy)"), width=9),
            Column(_t("Title"), lambda i: i.title, width=28),
            Column(_t("Vol."), lambda i: _volume(i.volume), align=RIGHT, width=4),
            Column(_t("Due"), lambda i: labels.day(i.due), width=10),
            Column(_t("Days overdue"), lambda i: _days(i.days_overdue), align=RIGHT, width=13),
            Column(_t("Borrower"), lambda i: _person(i.borrower, i.borrower_name), width=24),
        ],
        parent,
    )


# -- stocktake ----------------------------------------------------------------------------


def scans_model(parent: QObject | None = None) -> RowListModel:
    return RowListModel(
        [
            Column(_t("Scanned"), lambda s: labels.instant(s.scanned_at), width=17),
            Column(_t("Barcode"), lambda s: s.barcode, width=10),
            Column(_t("Copy"), _copy_text, width=24),
            Column(_t("Location"), lambda s: s.location, width=10),
            Column(
                _t("Flags"),
                lambda s: words.scan_flags(s.flags) or _t("found"),
                tone=lambda s: words.scan_tone(s.flags),
                width=24,
            ),
        ],
        parent,
    )


def outcomes_model(parent: QObject | None = None) -> RowListModel:
    return RowListModel(
        [
            Column(
                _t("Outcome"),
                lambda o: words.outcome(o.outcome),
                tone=lambda o: words.outcome_tone(o.outcome),
                width=11,
            ),
            Column(_t("Barcode"), lambda o: o.barcode, width=9),
            Column(_t("Title"), lambda o: o.title, width=22),
            Column(_t("Vol."), lambda o: _volume(o.volume), align=RIGHT, width=4),
            Column(_t("Shelf"), lambda o: o.location, width=9),
            Column(_t("Found at"), lambda o: o.found_location, width=9),
            Column(_t("Borrower"), lambda o: o.borrower or "", width=8),
            Column(_t("Due"), lambda o: labels.day(o.due), width=10),
            Column(_t("Note"), lambda o: phrases_text(o.remark), width=24),
        ],
        parent,
    )


# -- reminders ----------------------------------------------------------------------------


def due_reminders_model(parent: QObject | None = None) -> RowListModel:
    def level(r: DueReminder) -> str:
        text = words.reminder_level(r.level)
        return text + (_t(" (copy to the supervisor)") if r.tells_supervisor else "")

    return RowListModel(
        [
            Column(_t("Level"), level, tone=lambda r: words.reminder_tone(r.level), width=20),
            Column(_t("Days overdue"), lambda r: str(r.days_overdue), align=RIGHT, width=13),
            Column(_t("Borrower"), lambda r: _person(r.member_no, r.borrower_name), width=18),
            Column(_t("Barcode"), lambda r: r.barcode, width=9),
            Column(_t("Title"), lambda r: r.title, width=22),
            Column(_t("Vol."), lambda r: _volume(r.volume), align=RIGHT, width=4),
            Column(_t("Due"), lambda r: labels.day(r.due), width=10),
            Column(
                _t("Last sent"),
                lambda r: (
                    words.reminder_level(r.previous_level) if r.previous_level else _t("none")
                ),
                width=14,
            ),
        ],
        parent,
    )


def overdue_loans_model(parent: QObject | None = None) -> RowListModel:
    return RowListModel(
        [
            Column(_t("Barcode"), lambda r: r.barcode, width=9),
            # the title gives way (its whole text in the row above): the borrower stays whole
            Column(_t("Title"), lambda r: r.title, width=18, stretch=True),
            Column(_t("Vol."), lambda r: _volume(r.volume), align=RIGHT, width=4),
            Column(_t("Due"), lambda r: labels.day(r.due), width=10),
            Column(_t("Overdue"), lambda r: _days_text(r.days_overdue), align=RIGHT, width=8),
            Column(_t("Borrower"), lambda r: _person(r.member_no, r.borrower_name), width=20),
        ],
        parent,
    )


def sent_reminders_model(parent: QObject | None = None) -> RowListModel:
    return RowListModel(
        [
            Column(_t("Sent on"), lambda r: labels.day(r.sent_on), width=10),
            Column(
                _t("Level"),
                lambda r: words.reminder_level(r.level),
                tone=lambda r: words.reminder_tone(r.level),
                width=15,
            ),
            Column(_t("Overdue"), lambda r: _days_text(r.days_overdue), align=RIGHT, width=8),
            Column(_t("By"), lambda r: r.staff, width=10),
            Column(
                _t("Supervisor told"), lambda r: _t("yes") if r.supervisor_told else "", width=12
            ),
        ],
        parent,
    )


# -- circulation --------------------------------------------------------------------------


def waiting_lists_model(parent: QObject | None = None) -> RowListModel:
    return RowListModel(
        [
            Column(_t("Title"), lambda w: w.title, width=18),
            Column(_t("Author"), lambda w: w.author, width=14),
            Column(_t("Waiting"), lambda w: str(w.waiting), align=RIGHT, width=7),
            Column(
                _t("Set aside"), lambda w: str(w.ready) if w.ready else "", align=RIGHT, width=8
            ),
            Column(_t("Waiting since"), lambda w: labels.day(w.oldest.date()), width=10),
        ],
        parent,
    )


# -- reports ------------------------------------------------------------------------------


def bundle_files_model(parent: QObject | None = None) -> RowListModel:
    def status(check: FileCheck) -> str:
        return {
            OK: _t("matches the manifest"),
            "FAILED": _t("CHANGED since export"),
            "MISSING": _t("MISSING"),
        }.get(check.status, check.status)

    return RowListModel(
        [
            Column(_t("File"), lambda f: f.name, width=18),
            Column(
                _t("Manifest check"),
                status,
                tone=lambda f: "allowed" if f.status == OK else "refused",
                width=20,
            ),
        ],
        parent,
    )
