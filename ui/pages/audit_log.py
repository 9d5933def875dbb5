"""The Audit log page: entries newest first, filtered by action, staff, text and dates, the
selected entry in full, and "Verify chain" showing whether the hash chain is intact (with
its length and latest hash) or the first bad entry and why; for a supervisor, "Keep a
checkpoint" (the replay checkpoint, :mod:`readingroom.checkpoint`)."""

from __future__ import annotations

import json
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt, QThreadPool
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLayout,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from readingroom import checkpoint, seals
from readingroom.audit import Verification
from readingroom.browse.audit_log import AuditFilter, audit_actions, audit_staff
from readingroom.errors import AuditBroken
from readingroom.trail import TrailCheck, check_trail
from ui.models import labels
from ui.models.audit_model import AuditModel, action_label, record_label
from ui.operations import Changes, CollectionOp, QueryOp
from ui.pages.list_page import ListPage
from ui.reasons import message_text
from ui.session import Session
from ui.widgets.filter_combo import FilterCombo
from ui.widgets.message_bar import MessageBar


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class AuditPage(ListPage):
    page_id = "audit_log"
    #: the trail, and the staff names it is filtered by
    watches = Changes(audit=True, staff=True)
    icon_name = "audit_log"
    orientation = Qt.Orientation.Vertical
    sizes = (520, 180)

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("AuditPage", "Audit log")

    def __init__(self, session: Session, parent: QWidget | None = None, *, threaded: bool = True):
        super().__init__(session, parent)
        self.verification: Verification | None = None  # the chain part of the last check
        self._verifying = False
        self._choices_asked = 0  # refreshes asked for the filters' choices
        self.build(AuditModel(self, threaded=threaded))
        self._connect()

    def search_hint(self) -> str:
        return self.tr("Search records and details (Ctrl+F)")

    def table_name(self) -> str:
        return self.tr("Audit entries, newest first")

    def build_filters(self) -> list[QWidget]:
        self.action_filter = FilterCombo(self.tr("All actions"), self.tr("Action filter"), self)
        self.staff_filter = FilterCombo(self.tr("All staff"), self.tr("Staff filter"), self)
        self.verify_button = QPushButton(self.tr("&Verify chain"), self)
        self.verify_button.setAccessibleName(self.tr("Verify the audit chain"))
        self.verify_button.setToolTip(
            self.tr("Recompute every entry's hash: an edited, deleted or inserted entry is found.")
        )
        self.checkpoint_button = QPushButton(self.tr("&Keep a checkpoint"), self)
        self.checkpoint_button.setAccessibleName(self.tr("Keep a replay checkpoint"))
        self.checkpoint_button.setToolTip(
            self.tr(
                "Check the whole trail and the tables, then keep the state they agree on, "
                "signed with your seal key: later checks replay only what comes after it."
            )
        )
        self.checkpoint_button.setVisible(self.session.is_supervisor)
        return [self.action_filter, self.staff_filter, self.verify_button, self.checkpoint_button]

    def build_rows(self) -> list[QLayout]:
        return [self._build_dates()]

    def build_bars(self) -> list[QWidget]:
        self.result = MessageBar(self)
        self.result.setAccessibleName(self.tr("Result of verifying the audit chain"))
        return [self.result]

    def build_detail(self, parent: QWidget) -> QWidget:
        self.entry = QPlainTextEdit(parent)
        self.entry.setReadOnly(True)
        self.entry.setAccessibleName(self.tr("The selected audit entry in full"))
        self.entry.setPlaceholderText(self.tr("Select an entry to see it in full."))
        return self.entry

    def _build_dates(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.since_check = QCheckBox(self.tr("&From"), self)
        self.since = QDateEdit(self)
        self.until_check = QCheckBox(self.tr("&To"), self)
        self.until = QDateEdit(self)
        for check, edit, name in (
            (self.since_check, self.since, self.tr("First day")),
            (self.until_check, self.until, self.tr("Last day")),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate.currentDate())
            edit.setEnabled(False)
            edit.setAccessibleName(name)
            check.setAccessibleName(labels.fill(self.tr("Filter by %1"), name.lower()))
            check.toggled.connect(edit.setEnabled)
            bar.addWidget(check)
            bar.addWidget(edit)
        self.count_label = self.make_count_label(self.tr("Number of entries shown"))
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        return bar

    def _connect(self) -> None:
        for check, edit in ((self.since_check, self.since), (self.until_check, self.until)):
            check.toggled.connect(self.apply_filter)
            edit.dateChanged.connect(self.apply_filter)
        self.model.load_failed.connect(self.message.show_error)
        self.table.open_requested.connect(lambda _row: self.entry.setFocus())
        self.verify_button.clicked.connect(self.verify)
        self.checkpoint_button.clicked.connect(self.keep_checkpoint)

    # -- showing --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the entries, and read the filters' choices in the calls thread (the
        newest answer fills the drop-downs; an older one arriving late is dropped)."""
        self._choices_asked += 1
        asked = self._choices_asked
        QueryOp(self, lambda: (audit_actions(), audit_staff())).success(
            lambda found: self._show_choices(asked, *found)
        ).run()
        super().refresh()

    def _show_choices(self, asked: int, actions: list[str], names: list[str]) -> None:
        if asked != self._choices_asked:
            return  # asked again since
        self.action_filter.set_choices((action_label(action), action) for action in actions)
        self.staff_filter.set_choices((name, name) for name in names)

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            action=self.action_filter.value(),
            staff=self.staff_filter.value(),
            text=self.search.text(),
            since=_pydate(self.since.date()) if self.since_check.isChecked() else None,
            until=_pydate(self.until.date()) if self.until_check.isChecked() else None,
        )

    def set_dates(self, since: date | None, until: date | None) -> None:
        for check, edit, day in (
            (self.since_check, self.since, since),
            (self.until_check, self.until, until),
        ):
            if day is not None:
                edit.setDate(_qdate(day))
            check.setChecked(day is not None)

    def apply_filter(self, *_args: object) -> None:
        self.message.clear()
        super().apply_filter()

    def show_count(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText(
            self.tr("1 entry") if count == 1 else labels.fill(self.tr("%1 entries"), f"{count:,}")
        )

    def show_row(self, row: int) -> None:
        entry = self.model.row_at(row)
        if entry is None:
            self.entry.clear()
            return
        try:
            details = json.dumps(json.loads(entry.details), indent=2, ensure_ascii=False)
        except ValueError:
            details = entry.details
        self.entry.setPlainText(
            "\n".join(
                [
                    labels.fill(
                        self.tr("Entry %1 at %2 by %3"),
                        entry.id,
                        labels.instant(entry.at),
                        entry.staff,
                    ),
                    labels.fill(
                        self.tr("Action: %1 on %2 %3"),
                        _both(action_label(entry.action), entry.action),
                        _both(record_label(entry.entity, ""), entry.entity),
                        entry.entity_id,
                    ),
                    labels.fill(self.tr("Hash: %1"), entry.hash),
                    labels.fill(self.tr("Previous: %1"), entry.prev_hash),
                    details,
                ]
            )
        )

    # -- verifying ------------------------------------------------------------------------

    @property
    def verifying(self) -> bool:
        return self._verifying

    def verify(self) -> None:
        """Check the whole trail (chain, tables, seals) in a pool thread (long work: the
        desk's calls go on meanwhile); show the answer."""
        if self._verifying:
            return
        self._verifying = True
        self.result.show_info(self.tr("Verifying the audit chain…"))
        (
            QueryOp(self, check_trail)
            .on(QThreadPool.globalInstance())
            .success(self._verified)
            .failure(self._verify_failed)
            .disabling(self.verify_button)
            .finally_(self._verify_ended)
            .run()
        )

    def keep_checkpoint(self) -> None:
        """Make the replay checkpoint in a pool thread (it checks the whole trail first)."""
        if self._verifying or self.session.actor is None:
            return
        self._verifying = True
        actor = self.session.actor
        self.result.show_info(self.tr("Checking the trail, then keeping a checkpoint…"))
        (
            CollectionOp(self, lambda: checkpoint.make(actor), Changes(audit=True))
            .on(QThreadPool.globalInstance())
            .success(self._checkpoint_kept)
            .failure(self._checkpoint_refused)
            .inline(self.result.show_error)
            .disabling(self.verify_button, self.checkpoint_button)
            .finally_(self._verify_ended)
            .run()
        )

    def _checkpoint_refused(self, error: BaseException) -> bool:
        """A check that failed first is said on the page (nothing was kept)."""
        if isinstance(error, AuditBroken):
            self.result.show_error(error)
            return True
        return False

    def _checkpoint_kept(self, made: checkpoint.Made) -> None:
        self.result.show_success(
            labels.fill(
                self.tr(
                    "Checkpoint kept: the state of entries 1-%1 (%2 rows), signed by %3 in "
                    "entry %4. Later checks replay only the entries after it."
                ),
                f"{made.sequence:,}",
                f"{made.rows:,}",
                made.signer,
                str(made.entry),
            )
        )

    def _verify_ended(self) -> None:
        self._verifying = False

    def _verified(self, checked: TrailCheck) -> None:
        self.verification = verification = checked.chain
        if checked.ok:
            root = checked.seals.root_fingerprint
            self.result.show_success(
                labels.fill(
                    self.tr(
                        "The audit trail is intact: %1 entries, latest hash %2; the tables "
                        "agree with it; %3 seals verify, %4 entries after the last seal. Root "
                        "key fingerprint: %5."
                    ),
                    f"{verification.count:,}",
                    verification.last_hash,
                    str(checked.seals.count),
                    str(checked.seals.unsealed_tail),
                    seals.format_fingerprint(root) if root else self.tr("none yet"),
                )
            )
            return
        if not verification.ok:
            self.result.show_error(
                labels.fill(
                    self.tr(
                        "The audit chain is broken at entry %1: %2. The %3 entries before it "
                        "verify."
                    ),
                    verification.bad_entry,
                    message_text(verification.problem),
                    f"{verification.count:,}",
                )
            )
            if verification.bad_entry is not None and not self.table.select_id(
                verification.bad_entry
            ):
                self.table.select_id(verification.bad_entry - 1)
        elif not checked.seals.ok:
            self.result.show_error(
                labels.fill(
                    self.tr("The audit trail's seals do not verify: %1"),
                    message_text(checked.seals.problem),
                )
            )
        else:
            self.result.show_error(
                labels.fill(
                    self.tr("The tables do not agree with the audit trail (%1 differences): %2"),
                    str(checked.different),
                    "; ".join(message_text(line) for line in checked.differences[:3]),
                )
            )

    def _verify_failed(self, _error: BaseException) -> bool:
        self.result.clear()
        return False  # to the window's dialogs


def _both(label: str, stored: str) -> str:
    """A label with the stored word after it when they differ: ``대출 (lend)``."""
    return label if label == stored else f"{label} ({stored})"
