"""The Readiness page: how many days to the inspection, and everything not on its shelf.

The countdown and the schedule (date and freeze window, changed by a supervisor) sit on
top; below, every copy that would spoil inspection day with its reason, borrower, due date
and days overdue (``readingroom.inspection.readiness``), filterable by reason. "Recall
letters…" writes one PDF per borrower for every loan that must come back before the day,
in a worker thread, into a folder the librarian chooses. Under the countdown, the
catalogue's root seal key fingerprint (``readingroom.seals``), selectable, for the inspector
to copy onto paper and compare at the next inspection.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from readingroom import clock, holds, inspection, restrictions, seals, staff
from readingroom.browse import waiting
from readingroom.browse.waiting import SetAsideLine
from readingroom.inspection import MAX_FREEZE_DAYS, Readiness, RecallResult, Schedule
from readingroom.restrictions import RestrictionView
from ui import theme
from ui.models import inspection_labels as words
from ui.models import labels
from ui.models.inspection_tables import readiness_model
from ui.operations import Changes, CollectionOp, QueryOp
from ui.pages.base import Page
from ui.pickup import expired_text
from ui.session import Session
from ui.widgets import folder_ask
from ui.widgets.dates import from_qdate, to_qdate
from ui.widgets.filter_combo import FilterCombo
from ui.widgets.heading import heading
from ui.widgets.job_bar import JobBar
from ui.widgets.message_bar import MessageBar
from ui.widgets.steady_table import SteadyTable

#: a new schedule proposes this many days ahead when none is set
DEFAULT_DAYS_AHEAD = 30
#: the countdown turns to a warning this many days before the freeze starts
WARNING_DAYS = 14
#: readiness reasons that recall letters are written for
RECALLED = (inspection.OVERDUE, inspection.DUE_AFTER)


@dataclass(frozen=True)
class Shown:
    """Everything the page shows, read in one go off the GUI thread."""

    schedule: Schedule
    fingerprint: str | None
    readiness: Readiness
    #: copies set aside and not collected by their pickup date
    past_pickup: list[SetAsideLine]
    #: the restrictions in force (the works and copies withheld: not lent, still counted)
    restricted: tuple[RestrictionView, ...] = ()


def read_readiness(today: date) -> Shown:
    """The schedule, the root key's fingerprint, what is off its shelf and the set-aside
    copies past their pickup date (a job: the calls thread)."""
    return Shown(
        inspection.current_schedule(today),
        seals.root_fingerprint(),
        inspection.readiness(today),
        waiting.past_pickup(today),
        tuple(
            found
            for found in restrictions.list_restrictions(today=today)
            if found.state(today) == "in force"
        ),
    )


#: set-aside copies past their pickup date named one by one on the Readiness page
PICKUP_NAMED = 6


class Countdown(QFrame):
    """The big number of days left, the date and the freeze window, in a tone of urgency."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("countdown")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.number = QLabel(self)
        self.number.setTextFormat(Qt.TextFormat.PlainText)
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 3.2)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number.setMinimumWidth(self.number.fontMetrics().horizontalAdvance("0000"))
        self.headline = heading("", self, scale=1.15)
        self.detail = QLabel(self)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        text = QVBoxLayout()
        text.addStretch(1)
        text.addWidget(self.headline)
        text.addWidget(self.detail)
        text.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(self.number)
        layout.addSpacing(8)
        layout.addLayout(text, 1)
        self.setAccessibleName(self.tr("Days to the inspection"))
        self.tone = "neutral"

    def show_schedule(self, schedule: Schedule) -> None:
        left = schedule.days_left
        if schedule.inspection_date is None or left is None:
            self._set(
                "—",
                self.tr("No inspection is scheduled"),
                self.tr(
                    "Set the date of the next inspection so lending stops in time "
                    "and loans are not due after it."
                ),
                "neutral",
            )
        elif left < 0:
            self._set(
                "—",
                labels.fill(
                    self.tr("The inspection of %1 has passed"), labels.day(schedule.inspection_date)
                ),
                self.tr("Schedule the next inspection."),
                "notice",
            )
        else:
            self._set(
                str(left),
                self._headline(left, schedule.inspection_date),
                self._freeze_text(schedule),
                self._tone(schedule),
            )
        self.setAccessibleDescription(f"{self.headline.text()}. {self.detail.text()}")

    def _headline(self, left: int, day: date) -> str:
        if left == 0:
            return labels.fill(self.tr("The inspection is today, %1"), labels.day(day))
        if left == 1:
            return labels.fill(self.tr("day to the inspection on %1"), labels.day(day))
        return labels.fill(self.tr("days to the inspection on %1"), labels.day(day))

    def _freeze_text(self, schedule: Schedule) -> str:
        starts = labels.day(schedule.freeze_starts)
        if schedule.frozen:
            return labels.fill(
                self.tr(
                    "Lending has been frozen since %1: a loan now needs "
                    "a supervisor's approval and is due back before "
                    "the inspection."
                ),
                starts,
            )
        return labels.fill(
            self.tr(
                "Lending freezes on %1 (%2 days before). Until then a "
                "due date is brought forward to the day before the "
                "inspection."
            ),
            starts,
            schedule.freeze_days,
        )

    @staticmethod
    def _tone(schedule: Schedule) -> str:
        if schedule.frozen:
            return "refused"
        if (
            schedule.days_left is not None
            and schedule.days_left <= schedule.freeze_days + WARNING_DAYS
        ):
            return "notice"
        return "neutral"

    def _set(self, number: str, headline: str, detail: str, tone: str) -> None:
        self.number.setText(number)
        self.headline.setText(headline)
        self.detail.setText(detail)
        self.tone = tone
        self._paint()

    def _paint(self) -> None:
        colours = getattr(theme.status_tones(), self.tone)
        self.setStyleSheet(
            f"#countdown {{ {colours.css()} border-radius: 6px; }}"
            f" #countdown QLabel {{ color: {colours.text.name()}; }}"
        )

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self._paint()


class ScheduleBox(QGroupBox):
    """The inspection date and the freeze window; saving is a supervisor's change."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Schedule"))
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setAccessibleName(self.tr("Inspection date"))
        self.freeze_days = QSpinBox(self)
        self.freeze_days.setRange(0, MAX_FREEZE_DAYS)
        self.freeze_days.setSuffix(self.tr(" days"))
        self.freeze_days.setAccessibleName(self.tr("Freeze window in days"))
        self.freeze_days.setToolTip(
            self.tr(
                "Lending is frozen from this many days before "
                "the inspection up to the inspection day."
            )
        )
        self.save_button = QPushButton(self.tr("S&ave schedule"), self)
        self.save_button.setAccessibleName(self.tr("Save the inspection schedule"))
        self.note = QLabel(self)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Inspection &date:"), self.date_edit)
        form.addRow(self.tr("&Freeze window:"), self.freeze_days)
        form.addRow(self.save_button)
        form.addRow(self.note)

    def show_schedule(self, schedule: Schedule) -> None:
        day = schedule.inspection_date
        if day is None or day < schedule.today:
            day = schedule.today + timedelta(days=DEFAULT_DAYS_AHEAD)
        self.date_edit.setMinimumDate(to_qdate(schedule.today))
        self.date_edit.setDate(to_qdate(day))
        self.freeze_days.setValue(schedule.freeze_days)

    def set_editable(self, editable: bool, signed_in: bool) -> None:
        for widget in (self.date_edit, self.freeze_days, self.save_button):
            widget.setEnabled(editable)
        self.note.setText(
            ""
            if editable or not signed_in
            else self.tr("Only a supervisor changes the inspection date.")
        )
        self.note.setVisible(bool(self.note.text()))

    def chosen(self) -> tuple[date, int]:
        return from_qdate(self.date_edit.date()), self.freeze_days.value()


class ReadinessPage(Page):
    page_id = "readiness"
    #: the schedule and every copy off its shelf, with its loan and borrower
    watches = Changes(policy=True, catalogue=True, loans=True, borrowers=True, audit=True)
    icon_name = "inspection"

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("ReadinessPage", "Readiness")

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.readiness: Readiness | None = None
        self.last_recall: RecallResult | None = None
        self.asked = 0  # refreshes asked for; an older answer is dropped
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.countdown = Countdown(self)
        self.schedule_box = ScheduleBox(self)
        top.addWidget(self.countdown, 1)
        top.addWidget(self.schedule_box)
        layout.addLayout(top)
        layout.addLayout(self._build_fingerprint_row())
        self.message = MessageBar(self)
        layout.addWidget(self.message)
        layout.addLayout(self._build_list_bar())
        layout.addWidget(self._build_pickup_row())
        self.restricted_label = QLabel(self)  # the works and copies withheld (issue 14)
        self.restricted_label.setTextFormat(Qt.TextFormat.PlainText)
        self.restricted_label.setWordWrap(True)
        self.restricted_label.setAccessibleName(self.tr("Works and copies withheld"))
        self.restricted_label.hide()
        layout.addWidget(self.restricted_label)
        self.job = JobBar(self.message, self)
        layout.addWidget(self.job)
        self.model = readiness_model(self)
        self.table = SteadyTable(self.tr("Copies not on their shelf"), self)
        self.table.setModel(self.model)
        layout.addWidget(self.table, 1)
        self.schedule_box.save_button.clicked.connect(self.save_schedule)
        self.reason_filter.value_changed.connect(lambda _value: self._show_items())
        self.recall_button.clicked.connect(self.recall_letters)
        self.expire_button.clicked.connect(self.expire_holds)
        self.job.finished.connect(self._update_actions)
        self.session.actor_changed.connect(self._update_actions)
        QShortcut(QKeySequence(self.tr("Ctrl+R")), self, self.recall_letters)
        self.setTabOrder(self.reason_filter, self.table)

    def _build_fingerprint_row(self) -> QHBoxLayout:
        """The root seal key's fingerprint, selectable, for the inspector's paper record."""
        caption = QLabel(self.tr("Root key fingerprint:"), self)
        self.fingerprint = QLabel(self)
        self.fingerprint.setTextFormat(Qt.TextFormat.PlainText)
        self.fingerprint.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.fingerprint.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.fingerprint.setAccessibleName(self.tr("Root key fingerprint"))
        note = self.tr(
            "The inspector keeps this fingerprint on paper and compares it at the "
            "next inspection: a catalogue whose seals lead to another root key "
            "is not the one inspected."
        )
        for label in (caption, self.fingerprint):
            label.setToolTip(note)
        self.fingerprint.setAccessibleDescription(note)
        caption.setBuddy(self.fingerprint)
        row = QHBoxLayout()
        row.addWidget(caption)
        row.addWidget(self.fingerprint, 1)
        return row

    def _build_list_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("What is not on its shelf"))
        self.reason_filter = FilterCombo(self.tr("Every reason"), self.tr("Reason filter"), self)
        self.recall_button = QPushButton(self.tr("&Recall letters…"), self)
        self.recall_button.setAccessibleName(self.tr("Write recall letters"))
        self.recall_button.setToolTip(
            self.tr(
                "One PDF letter per borrower for every loan "
                "overdue or due after the inspection "
                "(Ctrl+R)"
            )
        )
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.reason_filter)
        bar.addWidget(self.recall_button)
        return bar

    def _build_pickup_row(self) -> QFrame:
        """Set-aside copies past their pickup date (hidden when there are none): to move
        off the hold shelf; their holds expire at the next sign-in of desk staff."""
        self.pickup_row = QFrame(self)
        row = QHBoxLayout(self.pickup_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.pickup_label = QLabel(self.pickup_row)
        self.pickup_label.setTextFormat(Qt.TextFormat.PlainText)
        self.pickup_label.setWordWrap(True)
        self.pickup_label.setAccessibleName(self.tr("Set-aside copies past their pickup date"))
        self.expire_button = QPushButton(self.tr("E&xpire these holds"), self.pickup_row)
        self.expire_button.setAccessibleName(
            self.tr("Expire the holds of the set-aside copies past their pickup date")
        )
        row.addWidget(self.pickup_label, 1)
        row.addWidget(self.expire_button, 0, Qt.AlignmentFlag.AlignTop)
        self.pickup_row.hide()
        self.past_pickup: list[SetAsideLine] = []
        return self.pickup_row

    def _show_past_pickup(self, lines: list[SetAsideLine]) -> None:
        self.past_pickup = lines
        self.pickup_row.setVisible(bool(lines))
        if not lines:
            self.pickup_label.clear()
            return
        named = [
            labels.fill(
                self.tr("%1 (%2, vol. %3) for %4, collect by %5"),
                line.barcode,
                line.title,
                line.volume,
                line.member_no,
                labels.day(line.pickup_by) if line.pickup_by else "",
            )
            for line in lines[:PICKUP_NAMED]
        ]
        if len(lines) > PICKUP_NAMED:
            named.append(labels.fill(self.tr("and %1 more"), len(lines) - PICKUP_NAMED))
        head = (
            self.tr("1 set-aside copy is past its pickup date")
            if len(lines) == 1
            else labels.fill(self.tr("%1 set-aside copies are past their pickup date"), len(lines))
        )
        self.pickup_label.setText(f"{head}: {'; '.join(named)}.")

    def _show_restricted(self, found: tuple[RestrictionView, ...]) -> None:
        """The works and copies a restriction withholds now (on their shelf, never lent)."""
        self.restricted_label.setVisible(bool(found))
        named = [
            labels.fill(self.tr("%1 (copy %2)"), r.title, r.barcode)
            if r.barcode
            else labels.fill(self.tr("%1 (every copy)"), r.title)
            for r in found
        ]
        self.restricted_label.setText(
            labels.fill(self.tr("Withheld by a restriction: %1."), "; ".join(named))
            if found
            else ""
        )

    # -- showing --------------------------------------------------------------------------

    def refresh(self) -> None:
        self.asked += 1
        asked, today = self.asked, clock.today()
        QueryOp(self, lambda: read_readiness(today)).success(
            lambda shown: self._show(asked, shown)
        ).run()

    def _show(self, asked: int, shown: Shown) -> None:
        if asked != self.asked:
            return  # the page asked again meanwhile
        self.countdown.show_schedule(shown.schedule)
        self.schedule_box.show_schedule(shown.schedule)
        self.fingerprint.setText(self._fingerprint_text(shown.fingerprint))
        self._show_past_pickup(shown.past_pickup)
        self._show_restricted(shown.restricted)
        self.readiness = shown.readiness
        counts = self.readiness.counts()
        self.summary.setText(self._summary_text(counts))
        self.reason_filter.set_choices(
            (f"{words.readiness_reason(code)} ({count})", code)
            for code, count in counts.items()
            if count
        )
        self._show_items()
        self._update_actions()

    def _fingerprint_text(self, fingerprint: str | None) -> str:
        if fingerprint is None:
            return self.tr(
                "none yet (the first supervisor's seal key is made at their next sign-in)"
            )
        return seals.format_fingerprint(fingerprint)

    def _summary_text(self, counts: dict[str, int]) -> str:
        parts = [
            words.readiness_reason_plural(code, count) for code, count in counts.items() if count
        ]
        if not parts:
            return self.tr("Every copy is on its shelf: nothing to chase before the inspection.")
        return " · ".join(parts)

    def _show_items(self) -> None:
        items = self.readiness.items if self.readiness else ()
        wanted = self.reason_filter.value()
        self.model.set_rows([item for item in items if wanted in (None, item.reason)])

    def to_recall(self) -> int:
        counts = self.readiness.counts() if self.readiness else {}
        return sum(counts.get(reason, 0) for reason in RECALLED)

    def _update_actions(self) -> None:
        signed_in = self.session.actor is not None
        self.schedule_box.set_editable(
            self.session.is_supervisor and not self.job.running, signed_in
        )
        self.recall_button.setEnabled(
            self.session.can_change and self.to_recall() > 0 and not self.job.running
        )
        self.expire_button.setEnabled(self.session.can_change and bool(self.past_pickup))

    def focus_primary(self) -> None:
        self.table.setFocus()

    # -- actions --------------------------------------------------------------------------

    def save_schedule(self) -> None:
        day, freeze = self.schedule_box.chosen()
        actor = self.session.actor
        CollectionOp(
            self,
            lambda: inspection.schedule(staff.signed_in(actor), day, freeze),
            Changes.named("inspection"),
        ).success(self._scheduled).disabling(self.schedule_box.save_button).run()

    def _scheduled(self, schedule: Schedule) -> None:
        self.message.show_success(
            labels.fill(
                self.tr("The inspection is set for %1; lending freezes from %2."),
                labels.day(schedule.inspection_date),
                labels.day(schedule.freeze_starts),
            )
        )
        self.session.show_status(self.tr("Inspection schedule saved."))
        self.refresh()

    def expire_holds(self) -> None:
        """Expire the holds of the copies past their pickup date now (each copy passes to
        the next in line or goes back on the shelf)."""
        if not self.expire_button.isEnabled():
            return
        actor = self.session.actor
        CollectionOp(self, lambda: holds.expire_set_aside(actor), Changes.named("hold")).success(
            self._expired
        ).disabling(self.expire_button).run()

    def _expired(self, expired: holds.HoldsExpired) -> None:
        if expired:
            self.message.show_success(expired_text(expired))
        self.refresh()

    def recall_letters(self) -> None:
        if not self.recall_button.isEnabled():
            return
        folder = folder_ask.ask_folder(
            self, self.tr("Folder for the recall letters"), folder_ask.LETTERS
        )
        if folder is None:
            return
        actor, today = self.session.actor, clock.today()
        self.job.start(
            self.tr("Writing recall letters…"),
            lambda _progress: inspection.write_recall_letters(
                staff.signed_in(actor), folder, today
            ),
            lambda result: self._recalled(folder, result),
        )
        self._update_actions()

    def _recalled(self, folder: Path, result: RecallResult) -> None:
        self.last_recall = result
        if not result.files:
            self.message.show_info(self.tr("No loan needs recalling: no letters written."))
            return
        letters = (
            self.tr("Wrote 1 recall letter")
            if len(result.files) == 1
            else labels.fill(self.tr("Wrote %1 recall letters"), len(result.files))
        )
        text = labels.fill(
            self.tr("%1 (%2 loans to bring back) into %3."), letters, len(result.loans), folder
        )
        self.message.show_success(text)
        self.session.show_status(text)
