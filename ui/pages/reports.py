"""The Reports page: the inspector's reports as CSV or PDF with a print preview, and the
export bundle with its manifest check.

Choose a kind (``readingroom.reports.KINDS``), a period where the kind has one, and for the
inspection report a stocktake; "Preview" writes the PDF to a temporary file and shows its
pages, "Export CSV…"/"Export PDF…" write the report where the user says. The bundle writes
the chosen kinds (CSV and PDF each), ``bundle.json`` and ``MANIFEST.sha256`` into a new
folder (``readingroom.bundle.export_bundle``) and then checks every file against the
manifest; "Check a bundle…" checks one received earlier, and whether today's audit trail
still extends the chain head it recorded. All of it runs in worker threads.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import timedelta
from itertools import count
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from readingroom import bundle, clock, reports, settings, staff
from readingroom.bundle import BundleCheck, Exported
from readingroom.errors import NotFound
from readingroom.inspection import ChainCheck
from readingroom.inspection_views import StocktakeLine, stocktakes
from readingroom.reports import CSV, PDF, Options, Written
from ui.models import inspection_labels as words
from ui.models import labels
from ui.models.inspection_tables import bundle_files_model
from ui.operations import Changes, CollectionOp, QueryOp
from ui.pages.base import Page
from ui.reasons import message_text
from ui.session import Session
from ui.widgets import folder_ask
from ui.widgets.dates import from_qdate, to_qdate
from ui.widgets.job_bar import JobBar
from ui.widgets.message_bar import MessageBar
from ui.widgets.pdf_preview import PdfPreview
from ui.widgets.print_language import PrintLanguageCombo
from ui.widgets.slip_setting import SlipSettingBox
from ui.widgets.steady_table import SteadyTable

#: the kinds whose report covers a period (the others are as of today)
PERIOD_KINDS = ("circulation", "overrides", "exceptions", "custody")
#: a period, when asked for, proposes the year up to today
DEFAULT_PERIOD_DAYS = 365
FILE_FILTERS = {CSV: "CSV (*.csv)", PDF: "PDF (*.pdf)"}


@dataclass(frozen=True)
class BundleResult:
    exported: Exported
    check: BundleCheck


@dataclass(frozen=True)
class CheckedBundle:
    folder: Path
    check: BundleCheck
    chain: ChainCheck | None
    chain_where: str
    chain_problem: str = ""


def export_and_check(
    actor: staff.Actor | None,
    folder: Path,
    kinds: list[str],
    options: Options,
    union: bool = False,
) -> BundleResult:
    """Write the bundle (signed with the supervisor's seal key; ``union``: the union
    catalogue's), then check it as the inspector will (runs in a worker)."""
    exported = bundle.export_bundle(staff.signed_in(actor), folder, kinds, options, union=union)
    return BundleResult(exported, bundle.check_bundle(exported.folder))


def check_received(folder: Path) -> CheckedBundle:
    """A received bundle against its manifest, and the audit trail against its signed head."""
    check = bundle.check_bundle(folder)
    try:
        chain, where = bundle.check_chain_against_bundle(folder)
    except NotFound as missing:
        return CheckedBundle(folder, check, None, "", missing.message)
    return CheckedBundle(folder, check, chain, where)


class ReportsPage(Page):
    page_id = "reports"
    #: the stocktakes a report may be about
    watches = Changes(stocktake=True)
    icon_name = "reports"

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("ReportsPage", "Reports")

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.last_written: Written | None = None
        self.last_bundle: BundleResult | None = None
        self.last_check: CheckedBundle | None = None
        self._scratch = tempfile.TemporaryDirectory(prefix="readingroom-preview-")
        self._previews = count(1)
        self._stocktakes_asked = 0  # refreshes that asked for the stocktakes
        self._branch_asked = 0  # refreshes that asked for the branch name
        layout = QVBoxLayout(self)
        self.message = MessageBar(self)
        layout.addWidget(self.message)
        self.job = JobBar(self.message, self)
        layout.addWidget(self.job)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("reports.splitter")
        self.splitter.setChildrenCollapsible(False)
        # the controls scroll rather than squeeze into each other on a short window (Korean
        # labels and the bundle's kinds take more lines than English)
        controls = QScrollArea(self.splitter)
        controls.setObjectName("reports.controls")
        panel = self._build_controls()
        controls.setWidget(panel)
        controls.setWidgetResizable(True)
        controls.setFrameShape(QFrame.Shape.NoFrame)
        controls.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        controls.setMinimumWidth(panel.minimumWidth() + 16)
        controls.setMaximumWidth(panel.maximumWidth() + 16)
        self.splitter.addWidget(controls)
        self.preview = PdfPreview(
            self.tr("Choose a report and press Preview to see its pages as they will print."),
            self.splitter,
        )
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        layout.addWidget(self.splitter, 1)
        self.job.finished.connect(self._update_actions)
        self.session.actor_changed.connect(self._update_actions)
        self.destroyed.connect(self._scratch.cleanup)
        self._kind_changed()

    # -- building -------------------------------------------------------------------------

    def _build_controls(self) -> QWidget:
        panel = QWidget(self)
        box = QVBoxLayout(panel)
        box.setContentsMargins(0, 0, 6, 0)
        box.addWidget(self._build_branch_box())
        box.addWidget(SlipSettingBox(self.session, panel))  # the desk's slips (ui.slip_printing)
        box.addWidget(self._build_report_box())
        box.addWidget(self._build_bundle_box(), 1)
        panel.setMinimumWidth(360)
        panel.setMaximumWidth(520)
        return panel

    def _build_branch_box(self) -> QGroupBox:
        """The branch name every report and letter carries; a supervisor changes it."""
        group = QGroupBox(self.tr("Branch"), self)
        form = QFormLayout(group)
        row = QHBoxLayout()
        self.branch_edit = QLineEdit(group)
        self.branch_edit.setMaxLength(settings.BRANCH_MAX + 20)  # longer is refused with why
        self.branch_edit.setAccessibleName(self.tr("Branch name"))
        self.branch_edit.setToolTip(
            self.tr("Printed at the top of every report, letter and sign-off sheet.")
        )
        self.branch_button = QPushButton(self.tr("Save na&me"), group)
        self.branch_button.setAccessibleName(self.tr("Save the branch name"))
        self.branch_button.clicked.connect(self.save_branch)
        self.branch_edit.returnPressed.connect(self.save_branch)
        row.addWidget(self.branch_edit, 1)
        row.addWidget(self.branch_button)
        form.addRow(self.tr("&Name:"), row)
        label = form.labelForField(row)
        if isinstance(label, QLabel):
            label.setBuddy(self.branch_edit)
        # the language every printout of the branch is in (apart from the window's)
        self.print_language = PrintLanguageCombo(self.session, group)
        form.addRow(self.tr("Prin&t in:"), self.print_language)
        self.branch_note = QLabel(self.tr("Only a supervisor changes the branch name."), group)
        self.branch_note.setWordWrap(True)
        form.addRow(self.branch_note)
        return group

    def _build_report_box(self) -> QGroupBox:
        group = QGroupBox(self.tr("Report"), self)
        box = QVBoxLayout(group)
        self.kinds = QListWidget(group)
        self.kinds.setAccessibleName(self.tr("Report kind"))
        for kind in reports.KINDS:
            item = QListWidgetItem(words.report_kind(kind))
            item.setData(Qt.ItemDataRole.UserRole, kind)
            item.setToolTip(words.report_description(kind))
            self.kinds.addItem(item)
        self.kinds.setCurrentRow(0)
        rows = self.kinds.sizeHintForRow(0) * len(reports.KINDS)
        self.kinds.setFixedHeight(rows + 2 * self.kinds.frameWidth() + 4)
        self.kinds.currentRowChanged.connect(lambda _row: self._kind_changed())
        self.description = QLabel(group)
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setWordWrap(True)
        self.description.setAccessibleName(self.tr("What the report holds"))
        box.addWidget(self.kinds)
        box.addWidget(self.description)
        box.addLayout(self._build_options())
        buttons = QHBoxLayout()
        self.preview_button = QPushButton(self.tr("Pre&view"), group)
        self.csv_button = QPushButton(self.tr("Export &CSV…"), group)
        self.pdf_button = QPushButton(self.tr("Export &PDF…"), group)
        for button, name in (
            (self.preview_button, self.tr("Preview the report")),
            (self.csv_button, self.tr("Export the report as CSV")),
            (self.pdf_button, self.tr("Export the report as PDF")),
        ):
            button.setAccessibleName(name)
            buttons.addWidget(button)
        self.preview_button.clicked.connect(self.preview_report)
        self.csv_button.clicked.connect(lambda: self.export_report(CSV))
        self.pdf_button.clicked.connect(lambda: self.export_report(PDF))
        box.addLayout(buttons)
        return group

    def _build_options(self) -> QFormLayout:
        form = QFormLayout()
        self.limit_period = QCheckBox(self.tr("Only this period:"), self)
        self.limit_period.setAccessibleName(self.tr("Limit the report to a period"))
        today = clock.today()
        self.start_edit = QDateEdit(to_qdate(today - timedelta(days=DEFAULT_PERIOD_DAYS - 1)), self)
        self.end_edit = QDateEdit(to_qdate(today), self)
        period = QHBoxLayout()
        for edit, name in (
            (self.start_edit, self.tr("Period starts")),
            (self.end_edit, self.tr("Period ends")),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
            period.addWidget(edit)
        self.period_row = QWidget(self)
        self.period_row.setLayout(period)
        period.setContentsMargins(0, 0, 0, 0)
        self.limit_period.toggled.connect(lambda _on: self._update_options())
        self.stocktake = QComboBox(self)
        self.stocktake.setAccessibleName(self.tr("Stocktake reported"))
        form.addRow(self.limit_period, self.period_row)
        form.addRow(self.tr("Stoc&ktake:"), self.stocktake)
        return form

    def _build_bundle_box(self) -> QGroupBox:
        group = QGroupBox(self.tr("Bundle for the inspector"), self)
        box = QVBoxLayout(group)
        note = QLabel(
            self.tr(
                "The chosen reports as CSV and PDF, the whole audit trail and a "
                "standalone verifier, with a SHA-256 manifest signed by your "
                "seal key and a sign-off sheet: any change to a file, and who "
                "made the bundle, can be checked without Reading Room."
            ),
            group,
        )
        note.setWordWrap(True)
        box.addWidget(note)
        grid = QGridLayout()
        self.bundle_kinds: dict[str, QCheckBox] = {}
        for index, kind in enumerate(reports.KINDS):
            check = QCheckBox(words.report_kind(kind), group)
            check.setChecked(True)
            check.setAccessibleName(
                labels.fill(self.tr("Include %1 in the bundle"), words.report_kind(kind))
            )
            check.toggled.connect(lambda _on: self._update_actions())
            grid.addWidget(check, index // 2, index % 2)
            self.bundle_kinds[kind] = check
        box.addLayout(grid)
        self.union_box = QCheckBox(self.tr("For the &union catalogue"), group)
        self.union_box.setToolTip(
            self.tr(
                "Only what the union catalogue reads, as CSV: borrowers named by this "
                "branch's pseudonyms, no names, and of the audit trail only its hashes, "
                "seal keys and seals. No member number leaves the branch."
            )
        )
        box.addWidget(self.union_box)
        buttons = QHBoxLayout()
        self.bundle_button = QPushButton(self.tr("Export &bundle…"), group)
        self.bundle_button.setAccessibleName(self.tr("Export the bundle for the inspector"))
        self.check_button = QPushButton(self.tr("Check &a bundle…"), group)
        self.check_button.setAccessibleName(self.tr("Check a bundle against its manifest"))
        self.bundle_button.clicked.connect(self.export_bundle)
        self.check_button.clicked.connect(self.check_bundle)
        buttons.addWidget(self.bundle_button)
        buttons.addWidget(self.check_button)
        box.addLayout(buttons)
        self.bundle_summary = QLabel(group)
        self.bundle_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.bundle_summary.setWordWrap(True)
        self.bundle_summary.setAccessibleName(self.tr("Manifest check"))
        box.addWidget(self.bundle_summary)
        self.bundle_files = bundle_files_model(self)
        self.bundle_table = SteadyTable(self.tr("Files of the bundle"), group)
        self.bundle_table.setModel(self.bundle_files)
        box.addWidget(self.bundle_table, 1)
        return group

    # -- showing --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the stocktakes a report may be about in the calls thread; the newest answer
        fills the choice (an older one arriving late is dropped)."""
        self._stocktakes_asked += 1
        asked = self._stocktakes_asked
        QueryOp(self, stocktakes).success(lambda lines: self._show_stocktakes(asked, lines)).run()
        self._branch_asked += 1
        branch_asked = self._branch_asked
        QueryOp(self, settings.branch).success(
            lambda name: self._show_branch(branch_asked, name)
        ).run()

    def _show_branch(self, asked: int, name: str) -> None:
        if asked != self._branch_asked:
            return  # asked again since
        self.branch_edit.setText(name)
        self.branch_edit.setCursorPosition(0)

    def _show_stocktakes(self, asked: int, lines: list[StocktakeLine]) -> None:
        if asked != self._stocktakes_asked:
            return  # asked again since
        chosen = self.stocktake.currentData()
        self.stocktake.clear()
        for line in lines:
            state = (
                labels.fill(self.tr("signed %1"), labels.day(line.signed_on))
                if line.is_signed
                else self.tr("open, not signed")
            )
            self.stocktake.addItem(labels.fill(self.tr("No. %1 · %2"), line.id, state), line.id)
        if not self.stocktake.count():
            self.stocktake.addItem(self.tr("No stocktake yet"), None)
        index = self.stocktake.findData(chosen)
        self.stocktake.setCurrentIndex(max(index, 0))
        self._update_options()

    def kind(self) -> str:
        item = self.kinds.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else reports.KINDS[0]

    def select_kind(self, kind: str) -> None:
        self.kinds.setCurrentRow(reports.KINDS.index(kind))

    def options(self) -> Options:
        kind, start, end = self.kind(), None, None
        if kind in PERIOD_KINDS and self.limit_period.isChecked():
            start, end = from_qdate(self.start_edit.date()), from_qdate(self.end_edit.date())
        stocktake_id = self.stocktake.currentData() if kind == "inspection" else None
        options = Options(today=clock.today(), start=start, end=end, stocktake_id=stocktake_id)
        actor = self.session.actor  # the preview prints who prepares it, as the export does
        return reports.prepared_by(actor, options) if actor is not None else options

    def _kind_changed(self) -> None:
        self.description.setText(words.report_description(self.kind()))
        self._update_options()

    def _update_options(self) -> None:
        period = self.kind() in PERIOD_KINDS
        self.limit_period.setEnabled(period)
        self.period_row.setEnabled(period and self.limit_period.isChecked())
        self.stocktake.setEnabled(
            self.kind() == "inspection" and self.stocktake.currentData() is not None
        )
        self._update_actions()

    def _update_actions(self) -> None:
        idle = not self.job.running
        supervisor = self.session.is_supervisor
        self.branch_edit.setReadOnly(not supervisor)
        self.branch_button.setEnabled(supervisor)
        self.branch_note.setVisible(not supervisor)
        for button in (self.preview_button, self.csv_button, self.pdf_button, self.check_button):
            button.setEnabled(idle)
        self.bundle_button.setEnabled(idle and bool(self.chosen_bundle_kinds()))

    def chosen_bundle_kinds(self) -> list[str]:
        return [kind for kind, check in self.bundle_kinds.items() if check.isChecked()]

    def focus_primary(self) -> None:
        self.kinds.setFocus()

    # -- the branch -----------------------------------------------------------------------

    def save_branch(self) -> None:
        if not self.branch_button.isEnabled():
            return
        name, actor = self.branch_edit.text(), self.session.actor
        CollectionOp(
            self,
            lambda: settings.set_branch(staff.signed_in(actor), name),
            Changes(audit=True),
        ).success(lambda saved: self._branch_saved(saved.new)).disabling(self.branch_button).run()

    def _branch_saved(self, name: str) -> None:
        self.branch_edit.setText(name)
        self.branch_edit.setCursorPosition(0)
        text = labels.fill(self.tr("Branch name saved: %1."), name)
        self.message.show_success(text)
        self.session.show_status(text)

    # -- reports --------------------------------------------------------------------------

    def _start(self, what: str, job, done) -> None:
        self.job.start(what, job, done)
        self._update_actions()

    def preview_report(self) -> None:
        kind, options = self.kind(), self.options()
        path = Path(self._scratch.name) / f"{kind}-{next(self._previews)}.pdf"
        self._start(
            labels.fill(self.tr("Preparing the %1 report…"), words.report_kind(kind).lower()),
            lambda _progress: reports.write(kind, PDF, path, options),
            self._show_preview,
        )

    def _show_preview(self, written: Written) -> None:
        title = labels.fill(
            self.tr("%1 · %n row(s)", "", written.rows), words.report_kind(written.kind)
        )
        if not self.preview.show_pdf(written.path, title):
            self.message.show_error(self.tr("The report was written but cannot be shown."))

    def export_report(self, fmt: str) -> None:
        kind, options = self.kind(), self.options()
        suggested = f"{kind}-{options.today.isoformat()}.{fmt}"
        path = folder_ask.ask_save_file(
            self,
            labels.fill(self.tr("Export the %1 report"), words.report_kind(kind)),
            suggested,
            FILE_FILTERS[fmt],
            folder_ask.REPORTS,
        )
        if path is None:
            return
        actor = self.session.actor
        # the file dialog has asked before replacing a file: the export may replace it
        self._start(
            labels.fill(self.tr("Writing %1…"), path.name),
            lambda _progress: reports.export(
                staff.signed_in(actor), kind, fmt, path, options, force=True
            ),
            self._exported,
        )

    def _exported(self, written: Written) -> None:
        self.last_written = written
        text = labels.fill(
            self.tr("Wrote the %1 report (%n row(s)) to %2.", "", written.rows),
            words.report_kind(written.kind).lower(),
            written.path,
        )
        self.message.show_success(text)
        self.session.show_status(text)
        if written.format == PDF:
            self._show_preview(written)

    # -- the bundle -----------------------------------------------------------------------

    def export_bundle(self) -> None:
        kinds = self.chosen_bundle_kinds()
        if not kinds:
            return
        folder = folder_ask.ask_folder(
            self, self.tr("A new, empty folder for the bundle"), folder_ask.BUNDLES, new=True
        )
        if folder is None:
            return
        options, actor = Options(today=clock.today()), self.session.actor
        union = self.union_box.isChecked()
        self._start(
            self.tr("Writing the bundle and its manifest…"),
            lambda _progress: export_and_check(actor, folder, kinds, options, union),
            self._bundle_written,
        )

    def _bundle_written(self, result: BundleResult) -> None:
        self.last_bundle = result
        self._show_check(result.check)
        files = len(result.exported.files)
        text = labels.fill(
            self.tr("Bundle written to %1: %2 files and %3."),
            result.exported.folder,
            files,
            bundle.MANIFEST,
        )
        for kind, why in result.exported.skipped.items():
            text += "\n" + labels.fill(self.tr("Left out: %1 — %2"), words.report_kind(kind), why)
        if result.check.ok:
            self.message.show_success(text)
        else:
            self.message.show_error(text)
        self.session.show_status(self.tr("Bundle exported."))

    def check_bundle(self) -> None:
        folder = folder_ask.ask_folder(
            self, self.tr("The bundle folder to check"), folder_ask.BUNDLES
        )
        if folder is None:
            return
        self._start(
            self.tr("Checking the bundle…"),
            lambda _progress: check_received(folder),
            self._bundle_checked,
        )

    def _bundle_checked(self, checked: CheckedBundle) -> None:
        self.last_check = checked
        self._show_check(checked.check)
        lines = [self.bundle_summary.text()]
        if checked.chain is None:
            lines.append(message_text(checked.chain_problem))
        elif checked.chain.ok:
            lines.append(
                labels.fill(
                    self.tr("The audit trail still extends the head recorded with %1."),
                    checked.chain_where,
                )
            )
        else:
            lines.append(
                labels.fill(
                    self.tr("The audit trail does NOT extend the head recorded with %1: %2."),
                    checked.chain_where,
                    message_text(checked.chain.problem),
                )
            )
        good = checked.check.ok and (checked.chain is None or checked.chain.ok)
        self.message.show_message("success" if good else "error", "\n".join(lines))

    def _show_check(self, check: BundleCheck) -> None:
        self.bundle_files.set_rows(check.files)
        if check.ok:
            summary = labels.fill(self.tr("Manifest check: all %1 files match."), len(check.files))
        else:
            bad = [f"{f.name} ({f.status})" for f in check.failed] + check.problems
            bad = bad or ([] if check.extra else check.notes)  # e.g. an unsigned bundle
            summary = (
                labels.fill(self.tr("Manifest check FAILED: %1."), "; ".join(bad)) if bad else ""
            )
        if check.extra:
            summary = (
                summary
                + " "
                + labels.fill(self.tr("Not in the manifest: %1."), ", ".join(check.extra))
            ).strip()
        self.bundle_summary.setText(summary)
