"""The Stocktake page: open a stocktake, scan volume by volume, close and sign it.

The scan field takes what a keyboard-wedge scanner types followed by Enter; each scan is
recorded at once by ``readingroom.stocktake.scan`` (its own transaction), so closing the
app loses nothing and the page simply resumes the open stocktake next time. Progress
(found / expected) and the flags each scan raised (unknown barcode, scanned before, wrong
location, on loan in the records) are shown live. A supervisor closes and signs the
stocktake (reconciled in a worker thread); the outcome of every copy is then shown, and a
signed stocktake is read-only.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, QThreadPool
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from readingroom import staff, stocktake
from readingroom.browse.works import locations
from readingroom.inspection_views import ScanLine, recent_scan_lines
from readingroom.stocktake import (
    Closed,
    Opened,
    Outcome,
    Progress,
    ScanResult,
    Stocktake,
)
from readingroom.vocabulary import StocktakeOutcome, StocktakeStatus
from ui.models import inspection_labels as words
from ui.models import labels
from ui.models.inspection_tables import outcomes_model, scans_model
from ui.operations import Changes, CollectionOp, QueryOp, announce
from ui.pages.base import Page
from ui.session import Session
from ui.widgets import ask
from ui.widgets.filter_combo import FilterCombo
from ui.widgets.heading import heading
from ui.widgets.job_bar import JobBar
from ui.widgets.message_bar import MessageBar
from ui.widgets.steady_table import SteadyTable

#: how many of the newest scans the list shows
RECENT_SCANS = 200


@dataclass(frozen=True)
class Counted:
    """A stocktake's progress and newest scans (none without a stocktake)."""

    progress: Progress | None
    scans: list[ScanLine]


@dataclass(frozen=True)
class Shown:
    """Everything the page shows but the outcomes, read in one go off the GUI thread."""

    current: Stocktake | None
    places: list[str]  # the shelf locations in use
    counted: Counted


def read_counted(current: Stocktake | None) -> Counted:
    """Found / expected and the newest scans of ``current`` (a job: the calls thread)."""
    if current is None:
        return Counted(None, [])
    return Counted(stocktake.progress(current), recent_scan_lines(current.id, RECENT_SCANS))


def read_stocktake() -> Shown:
    """The newest stocktake, the shelf locations and what was counted (a job)."""
    current = stocktake.newest_stocktake()
    return Shown(current, locations(), read_counted(current))


def read_outcomes(current: Stocktake) -> list[Outcome]:
    """Every copy's outcome (a job: the pool, a large stocktake takes seconds)."""
    return list(stocktake.outcomes(current))


class ProgressPanel(QFrame):
    """Found / expected as a bar and in words, and how many scans raised each flag."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName(self.tr("Copies found"))
        self.bar.setFormat(self.tr("%v of %m found"))
        self.bar.setMinimumHeight(self.fontMetrics().height() + 14)
        self.counts = QLabel(self)
        self.counts.setTextFormat(Qt.TextFormat.PlainText)
        self.counts.setWordWrap(True)
        self.counts.setAccessibleName(self.tr("Scan flags"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.counts)

    def show_progress(self, progress: Progress | None) -> None:
        self.setVisible(progress is not None)  # no stocktake yet: nothing to count
        if progress is None:
            self.counts.setText("")
            return
        self.bar.setRange(0, max(progress.expected, 1))
        self.bar.setValue(progress.found)
        left = (
            self.tr("%1 left to find")
            if progress.status == StocktakeStatus.OPEN
            else self.tr("%1 not found")
        )
        parts = [labels.fill(left, progress.left), labels.fill(self.tr("%1 scans"), progress.scans)]
        parts += [
            f"{words.scan_flag(flag)}: {count}" for flag, count in progress.flagged.items() if count
        ]
        self.counts.setText(" · ".join(parts))
        self.bar.setAccessibleDescription(
            labels.fill(self.tr("%1 of %2 found"), progress.found, progress.expected)
        )


class StocktakePage(Page):
    page_id = "stocktake"
    icon_name = "stocktake"
    #: the stocktake, and the copies it expects (their shelves and statuses)
    watches = Changes(stocktake=True, catalogue=True)

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("StocktakePage", "Stocktake")

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.current: Stocktake | None = None
        self.progress: Progress | None = None
        self.last_scan: ScanResult | None = None
        self.closed: Closed | None = None
        self.all_outcomes: list[Outcome] = []
        self.asked = 0  # refreshes asked for; an older answer is dropped
        self.counted_asked = 0  # progress and scans, asked by a refresh or a scan
        self.outcomes_asked = 0  # outcomes, asked by a refresh, a scan or the tab
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_header())
        self.progress_panel = ProgressPanel(self)
        layout.addWidget(self.progress_panel)
        layout.addWidget(self._build_scan_row())
        self.message = MessageBar(self)
        layout.addWidget(self.message)
        self.job = JobBar(self.message, self)
        layout.addWidget(self.job)
        layout.addWidget(self._build_tabs(), 1)
        layout.addWidget(self._build_close_row())
        self._connect()

    # -- building -------------------------------------------------------------------------

    def _build_header(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        text = QVBoxLayout()
        self.headline = heading("", self)
        self.headline.setAccessibleName(self.tr("Stocktake"))
        self.detail = QLabel(self)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        text.addWidget(self.headline)
        text.addWidget(self.detail)
        self.start_button = QPushButton(self.tr("&Open a stocktake"), self)
        self.start_button.setAccessibleName(self.tr("Open a stocktake"))
        self.start_button.setToolTip(
            self.tr("Freeze the list of copies expected and start scanning")
        )
        bar.addLayout(text, 1)
        bar.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignTop)
        return bar

    def _build_scan_row(self) -> QWidget:
        self.scan_row = QWidget(self)
        bar = QHBoxLayout(self.scan_row)
        bar.setContentsMargins(0, 0, 0, 0)
        self.location = QComboBox(self)
        self.location.setEditable(True)
        self.location.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        edit = self.location.lineEdit()
        assert edit is not None  # an editable combo box has its line edit
        edit.setPlaceholderText(self.tr("where the copies are (optional)"))
        self.location.setAccessibleName(self.tr("Location found"))
        self.location.setMinimumContentsLength(26)
        self.scan_field = QLineEdit(self)
        self.scan_field.setPlaceholderText(self.tr("Scan or type a barcode, then Enter (Alt+B)"))
        self.scan_field.setAccessibleName(self.tr("Barcode scan"))
        font = self.scan_field.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.scan_field.setFont(font)
        location_label = QLabel(self.tr("&Location:"), self)
        location_label.setBuddy(self.location)
        scan_label = QLabel(self.tr("&Barcode:"), self)
        scan_label.setBuddy(self.scan_field)
        bar.addWidget(location_label)
        bar.addWidget(self.location)
        bar.addSpacing(8)
        bar.addWidget(scan_label)
        bar.addWidget(self.scan_field, 1)
        return self.scan_row

    def _build_tabs(self) -> QTabWidget:
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Scans and outcomes"))
        self.scans = scans_model(self)
        self.scans_table = SteadyTable(self.tr("Scans, newest first"), self)
        self.scans_table.setModel(self.scans)
        outcomes_tab = QWidget(self)
        box = QVBoxLayout(outcomes_tab)
        row = QHBoxLayout()
        self.outcome_note = QLabel(outcomes_tab)
        self.outcome_note.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome_note.setWordWrap(True)
        self.outcome_filter = FilterCombo(
            self.tr("Every outcome"), self.tr("Outcome filter"), outcomes_tab
        )
        self.tick_button = QPushButton(self.tr("&Tick as found"), outcomes_tab)
        self.tick_button.setAccessibleName(self.tr("Tick the selected copy as found"))
        self.tick_button.setToolTip(
            self.tr(
                "Record the selected copy as found at the location above, as if it had been scanned"
            )
        )
        row.addWidget(self.outcome_note, 1)
        row.addWidget(self.outcome_filter)
        row.addWidget(self.tick_button)
        box.addLayout(row)
        self.outcomes = outcomes_model(self)
        self.outcomes_table = SteadyTable(self.tr("Outcome of every copy"), outcomes_tab)
        self.outcomes_table.setModel(self.outcomes)
        box.addWidget(self.outcomes_table, 1)
        self.tabs.addTab(self.scans_table, self.tr("Scans"))
        self.tabs.addTab(outcomes_tab, self.tr("Outcomes"))
        return self.tabs

    def _build_close_row(self) -> QWidget:
        self.close_row = QWidget(self)
        bar = QHBoxLayout(self.close_row)
        bar.setContentsMargins(0, 0, 0, 0)
        self.signed_by = QLineEdit(self)
        self.signed_by.setPlaceholderText(self.tr("name of who signs, e.g. the inspector"))
        self.signed_by.setAccessibleName(self.tr("Signed by"))
        signed_label = QLabel(self.tr("Signed b&y:"), self)
        signed_label.setBuddy(self.signed_by)
        self.inspector_name = QLineEdit(self)
        self.inspector_name.setPlaceholderText(
            self.tr("the inspector's name, printed on the report")
        )
        self.inspector_name.setAccessibleName(self.tr("Inspector's name"))
        inspector_label = QLabel(self.tr("I&nspector:"), self)
        inspector_label.setBuddy(self.inspector_name)
        self.close_button = QPushButton(self.tr("&Close and sign…"), self)
        self.close_button.setAccessibleName(self.tr("Close and sign the stocktake"))
        self.close_button.setToolTip(
            self.tr(
                "Reconcile every copy, mark those not found "
                "missing, and sign the stocktake off "
                "(supervisor)"
            )
        )
        self.close_note = QLabel(self)
        self.close_note.setTextFormat(Qt.TextFormat.PlainText)
        bar.addWidget(signed_label)
        bar.addWidget(self.signed_by, 1)
        bar.addWidget(inspector_label)
        bar.addWidget(self.inspector_name, 1)
        bar.addWidget(self.close_button)
        bar.addWidget(self.close_note)
        return self.close_row

    def _connect(self) -> None:
        self.start_button.clicked.connect(self.start)
        self.scan_field.returnPressed.connect(self._scan_entered)
        self.tabs.currentChanged.connect(lambda _index: self._show_outcomes())
        self.outcome_filter.value_changed.connect(lambda _value: self._filter_outcomes())
        self.outcomes_table.current_changed.connect(lambda _row: self._update_actions())
        self.outcomes_table.open_requested.connect(lambda _row: self.tick_selected())
        self.tick_button.clicked.connect(self.tick_selected)
        self.signed_by.textChanged.connect(lambda _text: self._update_actions())
        self.close_button.clicked.connect(self.close_stocktake)
        self.job.finished.connect(self._update_actions)
        self.session.actor_changed.connect(self._update_actions)

    # -- showing --------------------------------------------------------------------------

    def refresh(self) -> None:
        self.asked += 1
        self.counted_asked += 1
        asked, counted = self.asked, self.counted_asked
        QueryOp(self, read_stocktake).success(lambda shown: self._show(asked, counted, shown)).run()

    def _show(self, asked: int, counted: int, shown: Shown) -> None:
        if asked != self.asked:
            return  # the page asked again meanwhile
        self.current = shown.current
        self._fill_locations(shown.places)
        self._show_header()
        if counted == self.counted_asked:  # else a scan since asks for newer counts
            self._show_counted(shown.counted)
        self._show_outcomes()
        self._update_actions()

    @property
    def is_open(self) -> bool:
        return self.current is not None and not self.current.is_signed

    def _fill_locations(self, places: list[str]) -> None:
        typed = self.location.currentText()
        self.location.blockSignals(True)
        self.location.clear()
        self.location.addItems(["", *places])
        self.location.setEditText(typed)
        self.location.blockSignals(False)

    def _show_header(self) -> None:
        st = self.current
        if st is None:
            self.headline.setText(self.tr("No stocktake yet"))
            self.detail.setText(
                self.tr(
                    "Opening a stocktake freezes the list of copies "
                    "expected; then scan every copy in the safe."
                )
            )
        elif st.is_signed:
            self.headline.setText(
                labels.fill(self.tr("Stocktake %1 is signed and read-only"), st.id)
            )
            self.detail.setText(
                labels.fill(
                    self.tr(
                        "Signed on %1 by %2 and the supervisor %3. Open a new stocktake "
                        "for the next count."
                    ),
                    labels.day(st.signed_on),
                    st.signed_by,
                    st.closed_by_name or st.closed_by,
                )
            )
        else:
            self.headline.setText(labels.fill(self.tr("Stocktake %1 is open"), st.id))
            self.detail.setText(
                labels.fill(
                    self.tr(
                        "Opened %1 by %2 with %3 copies expected. Every scan is saved as "
                        "it is made: you can stop and carry on later."
                    ),
                    labels.moment(st.opened_at),
                    st.opened_by,
                    st.expected_count,
                )
            )

    def _read_counted(self) -> None:
        """Read the progress and the newest scans again (after a scan)."""
        self.counted_asked += 1
        asked, current = self.counted_asked, self.current
        QueryOp(self, lambda: read_counted(current)).success(
            lambda counted: self._show_counted(counted) if asked == self.counted_asked else None
        ).run()

    def _show_counted(self, counted: Counted) -> None:
        self.progress = counted.progress
        self.progress_panel.show_progress(self.progress)
        self.scans.set_rows(counted.scans)
        self.tabs.setTabText(
            0, labels.fill(self.tr("Scans (%1)"), self.progress.scans if self.progress else 0)
        )

    def _show_outcomes(self) -> None:
        """Reconcile (live while open, as stored once signed) when the tab is looked at, in
        the pool: the calls thread is not held up by a large stocktake."""
        self.outcomes_asked += 1
        current = self.current
        if self.tabs.currentIndex() != 1 or current is None:
            if current is None:
                self.all_outcomes = []
                self.outcomes.set_rows([])
            return
        asked = self.outcomes_asked
        QueryOp(self, lambda: read_outcomes(current)).success(
            lambda lines: (
                self._fill_outcomes(current, lines) if asked == self.outcomes_asked else None
            )
        ).on(QThreadPool.globalInstance()).run()

    def _fill_outcomes(self, current: Stocktake, lines: list[Outcome]) -> None:
        self.all_outcomes = lines
        counts: dict[str, int] = dict.fromkeys(StocktakeOutcome, 0)
        for line in self.all_outcomes:
            counts[line.outcome] += 1
        self.outcome_filter.set_choices(
            (f"{words.outcome(code)} ({count})", code) for code, count in counts.items() if count
        )
        self.outcome_note.setText(
            self.tr("Provisional: what closing now would record.")
            if not current.is_signed
            else labels.fill(self.tr("As recorded when stocktake %1 was signed."), current.id)
        )
        self._filter_outcomes()

    def _filter_outcomes(self) -> None:
        wanted = self.outcome_filter.value()
        self.outcomes.set_rows(
            [line for line in self.all_outcomes if wanted in (None, line.outcome)]
        )
        self._update_actions()

    def selected_outcome(self) -> Outcome | None:
        return self.outcomes.row_at(self.outcomes_table.current_row())

    def _update_actions(self) -> None:
        can_change, idle = self.session.can_change, not self.job.running
        scanning = self.is_open and can_change and idle
        self.start_button.setEnabled(can_change and idle and not self.is_open)
        self.start_button.setVisible(not self.is_open)
        for widget in (self.scan_field, self.location):
            widget.setEnabled(scanning)
        line = self.selected_outcome()
        self.tick_button.setEnabled(
            scanning and line is not None and line.outcome == StocktakeOutcome.MISSING
        )
        supervisor = self.session.is_supervisor
        self.scan_row.setVisible(self.is_open)
        self.close_row.setVisible(self.is_open)
        self.signed_by.setEnabled(supervisor and idle)
        self.inspector_name.setEnabled(supervisor and idle)
        self.close_button.setEnabled(supervisor and idle and bool(self.signed_by.text().strip()))
        self.close_note.setText(
            self.tr("Only a supervisor closes and signs.")
            if self.is_open and not supervisor
            else ""
        )
        self.close_note.setVisible(bool(self.close_note.text()))

    def focus_primary(self) -> None:
        if self.scan_field.isEnabled():
            self.scan_field.setFocus()
        else:
            self.start_button.setFocus()

    # -- actions --------------------------------------------------------------------------

    def start(self) -> None:
        actor = self.session.actor
        CollectionOp(
            self, lambda: stocktake.start(staff.signed_in(actor)), Changes.named("stocktake")
        ).success(self._started).disabling(self.start_button).run()

    def _started(self, opened: Opened) -> None:
        self.current = opened.stocktake  # open now: scanning may start before the reread
        self._update_actions()
        self.refresh()
        self._opened(opened)
        self.focus_primary()

    def _opened(self, opened: Opened) -> None:
        text = labels.fill(
            self.tr("Stocktake %1 opened: %2 copies expected. Scan them."),
            opened.stocktake.id,
            opened.stocktake.expected_count,
        )
        chain = opened.chain
        if chain is not None and not chain.ok:
            self.message.show_message(
                "warning",
                text
                + "\n"
                + labels.fill(
                    self.tr(
                        "The audit trail no longer extends the head signed at the last "
                        "stocktake: %1."
                    ),
                    chain.problem,
                ),
            )
        else:
            self.message.show_success(text)

    def _scan_entered(self) -> None:
        barcode = self.scan_field.text().strip()
        self.scan_field.clear()
        if barcode:
            self.record_scan(barcode)

    def record_scan(self, barcode: str) -> None:
        """Record one scan at the chosen location in the calls thread (scans follow each
        other in the order made) and show what it found."""
        actor, location = self.session.actor, self.location.currentText()
        CollectionOp(
            self,
            lambda: stocktake.scan(staff.signed_in(actor), barcode, location),
            Changes(stocktake=True),
        ).success(self._scanned).run()

    def _scanned(self, result: ScanResult) -> None:
        self.last_scan = result
        self._read_counted()
        self._show_outcomes()
        self._show_scan(result)

    def _show_scan(self, result: ScanResult) -> None:
        what = result.title + (
            labels.fill(self.tr(", vol. %1"), result.volume)
            if result.volume and result.volume > 1
            else ""
        )
        head = f"{result.barcode} — {what}" if what else result.barcode
        tail = labels.fill(self.tr("(%1 of %2 found)"), result.found, result.expected)
        flags = list(result.flags)
        if not flags:
            self.message.show_success(f"{head}: {self.tr('found.')} {tail}")
            return
        notes = [words.scan_flag(flag) for flag in flags]
        if stocktake.WRONG_LOCATION in flags:
            notes[flags.index(stocktake.WRONG_LOCATION)] = labels.fill(
                self.tr("wrong location: belongs at %1"), result.expected_location or "?"
            )
        kind = "error" if words.scan_tone(flags) == "refused" else "warning"
        self.message.show_message(
            kind, f"{head}: {', '.join(notes)}. {self.tr('Recorded.')} {tail}"
        )

    def tick_selected(self) -> None:
        line = self.selected_outcome()
        if line is not None and self.tick_button.isEnabled():
            self.record_scan(line.barcode)

    def close_stocktake(self) -> None:
        """Reconcile and sign (a supervisor) in a worker; refusals are shown inline."""
        if self.current is None or not self.is_open:
            return
        signer = self.signed_by.text().strip()
        inspector = self.inspector_name.text().strip() or None
        if not ask.confirm(
            self,
            self.tr("Close and sign the stocktake"),
            labels.fill(
                self.tr(
                    "Close stocktake %1, signed by %2? Copies not found and not on loan "
                    "will be marked missing, and the stocktake becomes read-only."
                ),
                self.current.id,
                signer or "?",
            ),
        ):
            return
        actor = self.session.actor
        self.job.start(
            self.tr("Reconciling and signing the stocktake…"),
            lambda _progress: stocktake.close(staff.signed_in(actor), signer, inspector),
            self._closed,
        )
        self._update_actions()

    def _closed(self, closed: Closed) -> None:
        self.closed = closed
        self.signed_by.clear()
        self.inspector_name.clear()
        announce(self, Changes.named("stocktake"))
        self.tabs.setCurrentIndex(1)
        self.refresh()
        counts = ", ".join(
            f"{words.outcome(code).lower()} {count}" for code, count in closed.counts.items()
        )
        text = labels.fill(self.tr("Stocktake %1 is signed: %2."), closed.stocktake.id, counts)
        if closed.marked_missing:
            text += "\n" + labels.fill(
                self.tr("Now marked missing: %1."), ", ".join(closed.marked_missing)
            )
        if not closed.verification.ok:
            self.message.show_error(
                text
                + "\n"
                + labels.fill(
                    self.tr("The audit trail did not verify: %1."), closed.verification.problem
                )
            )
        else:
            self.message.show_success(text)
        self.session.show_status(labels.fill(self.tr("Stocktake %1 signed."), closed.stocktake.id))
