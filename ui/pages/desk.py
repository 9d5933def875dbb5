"""The Desk: one scan field for lending, returns and renewals, keyboard first.

A keyboard-wedge barcode scanner types a code and ends with Enter. A member number shows
the borrower (role, status, loans with the overdue ones marked, holds); a copy barcode then
shows the decision at once (:func:`readingroom.circulation.check`): allowed in one tone,
refused in another with every reason in plain words. Enter on the empty scan field does the
pending action (lend, take back, renew). Refusals a supervisor may override offer
"Override…", which asks a signed-in supervisor for a reason, or asks for a supervisor's
sign-in on the spot. Returns ask the copy's condition grade.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from readingroom import borrowers, catalogue, circulation, clock, decision, desk, staff
from readingroom.decision import Decision
from readingroom.errors import ReadingRoomError, Refused
from readingroom.store.models import CONDITIONS, StaffUser
from readingroom.vocabulary import CopyStatus, HoldStatus, Role
from ui import icons, reasons
from ui.models import labels
from ui.pages.base import Page
from ui.records_model import RIGHT, Column, RecordsModel
from ui.session import Session
from ui.signin import MessageLabel
from ui.theme import PRIMARY_STYLE, SEGMENTED_STYLE, on_highlight, status_tones

LEND, RETURN, RENEW = "lend", "return", "renew"
MODES = (LEND, RETURN, RENEW)


def tr(text: str) -> str:
    return QCoreApplication.translate("DeskPage", text)


def reason_titles() -> dict[str, str]:
    """Each reason code's plain headline (the code itself is never translated)."""
    return {
        decision.ROLE_NOT_PERMITTED: tr("Never lent to this borrower's role"),
        decision.APPROVAL_REQUIRED: tr("Needs a supervisor's approval"),
        decision.BORROWER_SUSPENDED: tr("Membership suspended"),
        decision.BORROWER_EXPIRED: tr("Membership expired"),
        decision.HAS_OVERDUE: tr("An overdue loan is still out"),
        decision.LOAN_LIMIT: tr("At the loan limit"),
        decision.ON_LOAN: tr("Already on loan"),
        decision.HELD_FOR_OTHER: tr("Set aside for someone else"),
        decision.NOT_FOR_LOAN: tr("Not for take-home loan"),
        decision.NOT_AVAILABLE: tr("Not available"),
        decision.INSPECTION_FREEZE: tr("Lending frozen before the inspection"),
        decision.RENEWAL_LIMIT: tr("Renewed as often as allowed"),
        decision.WAITING_LIST: tr("Others are waiting for it"),
    }


def condition_labels() -> dict[str, str]:
    return {
        "good": tr("Good"),
        "worn": tr("Worn"),
        "ragged": tr("Ragged"),
        "damaged": tr("Damaged"),
    }


@dataclass
class Pending:
    """What Enter on the empty scan field will do."""

    action: str
    barcode: str
    member_no: str
    decision: Decision | None = None


# -- asking a supervisor ----------------------------------------------------------------------


class OverrideDialog(QDialog):
    """A reason for the override, and a supervisor's sign-in when one is not signed in."""

    def __init__(self, session: Session, refusal: Decision, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.approver: StaffUser | None = None
        self.reason = ""
        self.setWindowTitle(self.tr("Override a refusal"))
        self.setWindowIcon(icons.icon("override"))
        self.setMinimumWidth(480)
        titles = reason_titles()
        overriding = QLabel(
            self.tr("Overriding: {reasons}").format(
                reasons=", ".join(titles.get(r.code, r.code) for r in refusal.reasons)
            )
        )
        overriding.setTextFormat(Qt.TextFormat.PlainText)
        overriding.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(overriding)
        form = QFormLayout()
        self.user_edit = QLineEdit()
        self.user_edit.setAccessibleName(self.tr("Supervisor's user name"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Supervisor's password"))
        if not session.is_supervisor:
            note = QLabel(
                self.tr(
                    "Only a supervisor may override. A supervisor signs in "
                    "here to approve this one loan."
                )
            )
            note.setWordWrap(True)
            layout.addWidget(note)
            form.addRow(self.tr("Supervisor's &user name:"), self.user_edit)
            form.addRow(self.tr("&Password:"), self.password_edit)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setAccessibleName(self.tr("Reason for the override"))
        self.reason_edit.setPlaceholderText(
            self.tr("Why is this loan approved? (recorded with the loan and in the audit log)")
        )
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setMaximumHeight(90)
        form.addRow(self.tr("&Reason:"), self.reason_edit)
        layout.addLayout(form)
        self.message = MessageLabel()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.approve_button = buttons.addButton(
            self.tr("&Approve"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.approve_button.setIcon(icons.icon("override"))
        buttons.accepted.connect(self.approve)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def approve(self) -> None:
        reason = self.reason_edit.toPlainText().strip()
        if not reason:
            self.message.show_message(self.tr("An override needs a reason."))
            self.reason_edit.setFocus()
            return
        try:
            approver = self._approver()
        except ReadingRoomError as error:
            self.message.show_message(error.message)
            self.password_edit.clear()
            return
        self.approver, self.reason = approver, reason
        self.accept()

    def _approver(self) -> StaffUser:
        if self.session.is_supervisor:
            return self.session.actor
        user = staff.authenticate(self.user_edit.text().strip(), self.password_edit.text())
        return staff.require_supervisor(user)


def ask_override(
    parent: QWidget, session: Session, refusal: Decision
) -> tuple[StaffUser, str] | None:
    """The approving supervisor and the reason, or None if cancelled (tests patch this)."""
    dialog = OverrideDialog(session, refusal, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.approver is None:
        return None
    return dialog.approver, dialog.reason


# -- small parts ----------------------------------------------------------------------------


class Banner(QFrame):
    """The decision, in a tone with an icon and a headline: never colour alone."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.tone = "neutral"
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.headline.setFont(font)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text = QVBoxLayout()
        text.addWidget(self.headline)
        text.addWidget(self.body)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.addWidget(self.icon)
        layout.addLayout(text, 1)
        self.setAccessibleName(tr("Decision"))
        self.show_text("neutral", "info", "", [])

    def show_text(self, tone: str, icon_name: str, headline: str, lines: list[str]) -> None:
        self.tone, self.icon_name = tone, icon_name
        self.headline.setText(headline)
        self.body.setText("<br>".join(lines))
        self.body.setVisible(bool(lines))
        self.setAccessibleDescription(headline)
        self._paint()

    def _paint(self) -> None:
        colours = getattr(status_tones(), self.tone)
        self.setStyleSheet(
            f"Banner {{ {colours.css()} border-radius: 6px; }} "
            f"QLabel {{ color: {colours.text.name()}; background: transparent; }}"
        )
        self.icon.setPixmap(icons.pixmap(self.icon_name, 32, colours.text))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self._paint()


def segment(text: str) -> QToolButton:
    """One toggle of a row of exclusive choices."""
    button = QToolButton()
    button.setText(text)
    button.setCheckable(True)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setAccessibleName(text.replace("&", ""))
    button.setMinimumHeight(32)
    button.setStyleSheet(SEGMENTED_STYLE)
    return button


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def small_table(model: RecordsModel, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return view


# -- the borrower -----------------------------------------------------------------------------


class BorrowerPanel(QFrame):
    """Who is at the desk: role, status, loans (overdue marked) and waiting-list places."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.info: dict[str, Any] | None = None
        self.name = QLabel()
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name.setFont(font)
        self.name.setAccessibleName(tr("Borrower"))
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.flags = Banner()
        self.loans = RecordsModel(
            self._loan_columns(), self, tone=self._loan_tone, icon=self._loan_icon
        )
        self.holds = RecordsModel(self._hold_columns(), self)
        self.loans_heading = heading(tr("Loans"))
        self.holds_heading = heading(tr("Waiting lists"))
        self.loans_view = small_table(self.loans, tr("Loans"))
        self.holds_view = small_table(self.holds, tr("Waiting lists"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        for widget in (
            self.name,
            self.details,
            self.flags,
            self.loans_heading,
            self.loans_view,
            self.holds_heading,
            self.holds_view,
        ):
            layout.addWidget(widget)
        layout.setStretch(4, 3)
        layout.setStretch(6, 2)
        self.clear()

    @staticmethod
    def _loan_columns() -> list[Column]:
        return [
            Column(tr("Title"), lambda r: r["title"]),
            Column(tr("Vol."), lambda r: str(r["volume"]), RIGHT),
            Column(tr("Barcode"), lambda r: r["barcode"]),
            Column(tr("Due"), lambda r: r["due"]),
            Column(
                tr("Overdue"),
                lambda r: (
                    tr("{n} days overdue").format(n=r["days_overdue"]) if r["overdue"] else ""
                ),
            ),
        ]

    @staticmethod
    def _hold_columns() -> list[Column]:
        def status(r: dict) -> str:
            if r["status"] == HoldStatus.READY:
                return tr("Set aside: {barcode}").format(barcode=r["barcode"])
            return tr("Waiting, number {n}").format(n=r["position"])

        return [
            Column(tr("Title"), lambda r: r["title"]),
            Column(tr("Vol."), lambda r: str(r["volume"]), RIGHT),
            Column(tr("Place"), status),
            Column(tr("Since"), lambda r: r["placed"][:10]),
        ]

    def _loan_tone(self, record: dict) -> QColor | None:
        return status_tones(self.palette()).refused.text if record["overdue"] else None

    def _loan_icon(self, record: dict):
        return icons.icon("notice") if record["overdue"] else None

    def clear(self) -> None:
        self.info = None
        self.name.setText(tr("No borrower"))
        self.details.setText(tr("Scan a member card to see who is borrowing."))
        self.flags.hide()
        self.loans.set_records([])
        self.holds.set_records([])
        for widget in (self.loans_heading, self.loans_view, self.holds_heading, self.holds_view):
            widget.hide()

    def show_borrower(self, info: dict[str, Any]) -> None:
        self.info = info
        self.name.setText(info["name"])
        expires = info["expires"] or tr("no expiry")
        self.details.setText(
            tr("{member_no} · {role} · {status} · member until {expires}\n{organisation}").format(
                member_no=info["member_no"],
                role=labels.role(info["role"]).lower(),
                status=labels.borrower_status(info["status"]).lower(),
                expires=expires,
                organisation=info["organisation"],
            )
        )
        self._show_flags(info)
        self.loans.set_records(info["loans"])
        self.holds.set_records(info["holds"])
        self.loans_heading.setText(tr("Loans ({n})").format(n=len(info["loans"])))
        self.holds_heading.setText(tr("Waiting lists ({n})").format(n=len(info["holds"])))
        for widget in (self.loans_heading, self.loans_view, self.holds_heading, self.holds_view):
            widget.show()

    def _show_flags(self, info: dict[str, Any]) -> None:
        problems = []
        if info["status"] == "suspended":
            problems.append(tr("Membership suspended"))
        if info["expires"] and info["expires"] < clock.today().isoformat():
            problems.append(tr("Membership expired on {date}").format(date=info["expires"]))
        overdue = sum(1 for loan in info["loans"] if loan["overdue"])
        if overdue:
            problems.append(tr("{n} overdue loan(s)").format(n=overdue))
        if info["role"] == Role.CIVILIAN:
            problems.append(tr("A civilian: nothing may be lent"))
        ready = sum(1 for hold in info["holds"] if hold["status"] == HoldStatus.READY)
        if problems:
            self.flags.show_text("refused", "notice", " · ".join(problems), [])
        elif ready:
            self.flags.show_text(
                "notice", "holds", tr("{n} copy(ies) set aside to collect").format(n=ready), []
            )
        else:
            self.flags.show_text("allowed", "allowed", tr("In good standing"), [])
        self.flags.show()


# -- the page ---------------------------------------------------------------------------------


class DeskPage(Page):
    """Lend, take back and renew at the desk, with a keyboard-wedge barcode scanner."""

    page_id = "desk"
    icon_name = "desk"

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.mode = LEND
        self.member_no: str | None = None
        self.pending: Pending | None = None
        self._build()
        self._apply_icons()
        self.apply_role()
        self.set_mode(LEND)

    @classmethod
    def title(cls) -> str:
        return tr("Desk")

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[str, QToolButton] = {}
        mode_row = QHBoxLayout()
        for mode, text in ((LEND, tr("&Lend")), (RETURN, tr("&Return")), (RENEW, tr("Re&new"))):
            button = segment(text)
            self.mode_group.addButton(button)
            self.mode_buttons[mode] = button
            button.clicked.connect(lambda _=False, m=mode: self.set_mode(m))
            mode_row.addWidget(button)
        mode_row.addSpacing(12)
        self.scan_edit = QLineEdit()
        self.scan_edit.setAccessibleName(tr("Scan field"))
        self.scan_edit.setClearButtonEnabled(True)
        font = self.scan_edit.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.scan_edit.setFont(font)
        self.scan_edit.setMinimumHeight(40)
        self.scan_edit.returnPressed.connect(self.handle_enter)
        self.scan_edit.installEventFilter(self)
        mode_row.addWidget(self.scan_edit, 1)
        self.clear_button = QPushButton(tr("Clear (Esc)"))
        self.clear_button.setAccessibleName(tr("Clear the desk"))
        self.clear_button.clicked.connect(self.clear)
        mode_row.addWidget(self.clear_button)
        self.hint = QLabel()
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName(tr("What to do next"))
        self.message = MessageLabel()

        self.borrower_panel = BorrowerPanel()
        self.copy_panel = self._build_copy_panel()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("desk/splitter")
        self.splitter.addWidget(self.borrower_panel)
        self.splitter.addWidget(self.copy_panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(mode_row)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.clear)
        self.setTabOrder(self.scan_edit, self.action_button)
        self.setTabOrder(self.action_button, self.override_button)

    def _build_copy_panel(self) -> QFrame:
        panel = QFrame()
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        self.copy_title = QLabel()
        self.copy_title.setWordWrap(True)
        self.copy_title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.copy_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.copy_title.setFont(font)
        self.copy_title.setAccessibleName(tr("Copy"))
        self.copy_details = QLabel()
        self.copy_details.setWordWrap(True)
        self.copy_details.setTextFormat(Qt.TextFormat.PlainText)
        self.banner = Banner()
        self.condition_box = QFrame()
        self.condition_group = QButtonGroup(self)
        row = QHBoxLayout(self.condition_box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(tr("Condition on return (↑/↓):")))
        for grade in CONDITIONS:
            button = segment(condition_labels()[grade])
            button.setProperty("grade", grade)
            button.setAccessibleName(
                tr("Condition: {grade}").format(grade=condition_labels()[grade])
            )
            self.condition_group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        self.action_button = QPushButton()
        self.action_button.setMinimumHeight(34)
        self.action_button.setStyleSheet(PRIMARY_STYLE)
        self.action_button.clicked.connect(self.confirm)
        self.override_button = QPushButton(icons.icon("override"), tr("&Override…"))
        self.override_button.setAccessibleName(tr("Override the refusal"))
        self.override_button.setMinimumHeight(34)
        self.override_button.clicked.connect(self.override)
        buttons = QHBoxLayout()
        buttons.addWidget(self.action_button)
        buttons.addWidget(self.override_button)
        buttons.addStretch(1)
        self.history = QListWidget()
        self.history.setAccessibleName(tr("Done at this desk"))
        self.history.setMaximumHeight(240)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.addWidget(self.copy_title)
        layout.addWidget(self.copy_details)
        layout.addWidget(self.banner)
        layout.addWidget(self.condition_box)
        layout.addLayout(buttons)
        layout.addWidget(heading(tr("Done at this desk")))
        layout.addWidget(self.history)
        layout.addStretch(1)
        return panel

    def _apply_icons(self) -> None:
        for mode, button in self.mode_buttons.items():
            button.setIcon(icons.icon(mode, checked_highlight=True))
        self.override_button.setIcon(icons.icon("override"))
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self._apply_icons()

    # -- role and mode ----------------------------------------------------------------------
    def apply_role(self) -> None:
        """The inspector may scan and see decisions; the buttons that change things are off."""
        for mode in (RETURN, RENEW):
            self.mode_buttons[mode].setEnabled(self.session.can_change)

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.mode_buttons[mode].setChecked(True)
        self.pending = None
        self.message.clear_message()
        placeholders = {
            LEND: tr("Scan a member card, then a copy"),
            RETURN: tr("Scan a copy to take it back"),
            RENEW: tr("Scan a copy to renew its loan"),
        }
        self.scan_edit.setPlaceholderText(placeholders[mode])
        self._show_copy(None)
        self._update_hint()
        self.focus_primary()

    def _update_hint(self) -> None:
        if not self.session.can_change:
            text = tr(
                "Read-only: you may check what the rules decide, but not lend, take back or renew."
            )
        elif self.pending is None:
            text = {
                LEND: tr("Scan a member card, then each copy. Enter lends."),
                RETURN: tr("Scan each copy coming back; choose its condition, then Enter."),
                RENEW: tr("Scan a copy on loan; Enter renews it."),
            }[self.mode]
        elif self.pending.decision is not None and not self.pending.decision.allowed:
            text = (
                tr("Refused. A supervisor may override (Alt+O).")
                if self.pending.decision.overridable
                else tr("Refused; this cannot be overridden. Scan another copy.")
            )
        else:
            text = {
                LEND: tr("Press Enter to lend."),
                RETURN: tr("Press Enter to take it back."),
                RENEW: tr("Press Enter to renew."),
            }[self.pending.action]
        self.hint.setText(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        pending = self.pending
        labels = {
            LEND: tr("Lend (Enter)"),
            RETURN: tr("Take back (Enter)"),
            RENEW: tr("Renew (Enter)"),
        }
        self.action_button.setText(labels[pending.action if pending else self.mode])
        self.action_button.setIcon(
            icons.icon(pending.action if pending else self.mode, on_highlight())
        )
        self.action_button.setAccessibleName(self.action_button.text())
        ready = pending is not None and (pending.decision is None or pending.decision.allowed)
        self.action_button.setEnabled(ready and self.session.can_change)
        refused = (
            pending is not None and pending.decision is not None and not pending.decision.allowed
        )
        self.override_button.setVisible(
            refused and pending.decision.overridable and self.session.can_change
        )
        self.condition_box.setVisible(pending is not None and pending.action == RETURN)

    # -- the scan field ---------------------------------------------------------------------
    def focus_primary(self) -> None:
        self.scan_edit.setFocus()
        self.scan_edit.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (
            watched is self.scan_edit
            and event.type() == QEvent.Type.KeyPress
            and self.pending is not None
            and self.pending.action == RETURN
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            self.step_condition(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(watched, event)

    def handle_enter(self) -> None:
        """Enter in the scan field: a code is a scan, an empty field confirms."""
        text = self.scan_edit.text()
        self.scan_edit.clear()
        if text.strip():
            self.scan(text)
        else:
            self.confirm()

    def scan(self, text: str) -> None:
        """What a scanner (or the keyboard) typed: a member number or a copy barcode."""
        self.message.clear_message()
        try:
            found = desk.identify(text)
            if found.kind == desk.BORROWER:
                self.show_borrower(found.code)
                self.pending = None
                self._show_copy(None)
            else:
                {
                    LEND: self._scan_to_lend,
                    RETURN: self._scan_to_return,
                    RENEW: self._scan_to_renew,
                }[self.mode](found.code)
        except ReadingRoomError as error:
            self.show_error(error)
        self._update_hint()

    def show_borrower(self, member_no: str) -> None:
        self.member_no = member_no
        self.borrower_panel.show_borrower(borrowers.borrower_info(member_no))

    def _scan_to_lend(self, barcode: str) -> None:
        self._show_copy(barcode)
        if self.member_no is None:
            self.pending = None
            self.banner.show_text(
                "neutral",
                "info",
                tr("Scan a member card first"),
                [html.escape(tr("Then scan this copy again to see whether it may be lent."))],
            )
            return
        self.pending = Pending(
            LEND, barcode, self.member_no, circulation.check(barcode, self.member_no)
        )
        self._show_decision(self.pending.decision)

    def _scan_to_return(self, barcode: str) -> None:
        loan = desk.active_loan_of(barcode)
        self._show_copy(barcode)
        if loan is None:
            self.pending = None
            self.banner.show_text(
                "neutral",
                "info",
                tr("This copy is not on loan"),
                [html.escape(tr("Nothing to take back."))],
            )
            return
        self.show_borrower(loan.borrower.member_no)
        self.pending = Pending(RETURN, barcode, loan.borrower.member_no)
        self.select_condition(loan.copy.condition)
        overdue = (clock.today() - loan.due).days
        lines = [
            html.escape(
                tr("Lent on {lent}, due {due}.").format(
                    lent=loan.lent_on.isoformat(), due=loan.due.isoformat()
                )
            )
        ]
        if overdue > 0:
            lines.append(html.escape(tr("{n} days overdue.").format(n=overdue)))
        self.banner.show_text(
            "notice" if overdue > 0 else "neutral",
            "return",
            tr("Taking back from {name} ({member_no})").format(
                name=loan.borrower.name, member_no=loan.borrower.member_no
            ),
            lines,
        )

    def _scan_to_renew(self, barcode: str) -> None:
        loan, verdict = desk.renew_preview(barcode)
        self._show_copy(barcode)
        self.show_borrower(loan.borrower.member_no)
        self.pending = Pending(RENEW, barcode, loan.borrower.member_no, verdict)
        self._show_decision(verdict)

    # -- showing ----------------------------------------------------------------------------
    def _show_copy(self, barcode: str | None) -> None:
        if barcode is None:
            self.copy_title.setText(tr("No copy"))
            self.copy_details.setText(tr("Scan a copy's barcode."))
            self.banner.show_text("neutral", "info", tr("Ready"), [])
            return
        info = catalogue.copy_info(barcode)
        self.copy_title.setText(info["title"])
        by = info["author"] + (
            tr(", translated by {t}").format(t=info["translator"]) if info["translator"] else ""
        )
        self.copy_details.setText(
            tr(
                "{by}\nVolume {volume} of {volumes} · {barcode} · {location} · {access} · "
                "condition {condition} · {status}"
            ).format(
                by=by,
                volume=info["volume"],
                volumes=info["volumes"],
                barcode=info["barcode"],
                location=info["location"] or tr("no shelf"),
                access=labels.access(info["access"]).lower(),
                condition=labels.condition(info["condition"]).lower(),
                status=labels.copy_status(info["status"]).lower(),
            )
        )

    def _show_decision(self, verdict: Decision) -> None:
        verb = self.pending.action if self.pending else LEND
        if verdict.allowed:
            headline = {LEND: tr("May be lent: due {due}"), RENEW: tr("May be renewed: due {due}")}[
                verb
            ].format(due=verdict.due.isoformat())
            lines = [html.escape(reasons.explain_note(note)) for note in verdict.notes]
            self.banner.show_text("allowed", "allowed", headline, lines)
            return
        titles = reason_titles()
        lines = []
        for reason in verdict.reasons:
            who = tr("a supervisor may override") if reason.overridable else tr("no override")
            lines.append(
                f"<b>{html.escape(titles.get(reason.code, reason.code))}</b>: "
                f"{html.escape(reasons.explain(reason))} <small>({reason.code}; "
                f"{html.escape(who)})</small>"
            )
        lines += [html.escape(reasons.explain_note(note)) for note in verdict.notes]
        self.banner.show_text("refused", "refused", tr("Refused"), lines)

    def show_error(self, error: ReadingRoomError) -> None:
        self.message.show_message(reasons.error_text(error))

    def note_done(self, icon_name: str, text: str) -> None:
        item = QListWidgetItem(icons.icon(icon_name), text)
        self.history.insertItem(0, item)
        while self.history.count() > 50:
            self.history.takeItem(self.history.count() - 1)
        self.session.show_status(text)

    # -- the condition grade ----------------------------------------------------------------
    def select_condition(self, grade: str) -> None:
        for button in self.condition_group.buttons():
            button.setChecked(button.property("grade") == grade)

    def selected_condition(self) -> str | None:
        checked = self.condition_group.checkedButton()
        return checked.property("grade") if checked else None

    def step_condition(self, step: int) -> None:
        current = self.selected_condition() or CONDITIONS[0]
        index = min(max(CONDITIONS.index(current) + step, 0), len(CONDITIONS) - 1)
        self.select_condition(CONDITIONS[index])

    # -- acting -----------------------------------------------------------------------------
    def confirm(self) -> None:
        """Do the pending action (Enter on the empty scan field, or the action button)."""
        pending = self.pending
        if pending is None:
            self.hint.setText(tr("Nothing to do yet: scan a member card or a copy."))
            return
        if pending.decision is not None and not pending.decision.allowed:
            self._update_hint()
            return
        self._act(self.session.actor, None)

    def override(self) -> None:
        """Ask a supervisor (signed in, or signing in now) for the override and its reason."""
        pending = self.pending
        if pending is None or pending.decision is None or not pending.decision.overridable:
            return
        approval = ask_override(self, self.session, pending.decision)
        if approval is None:
            self.focus_primary()
            return
        approver, reason = approval
        self._act(approver, reason)

    def _act(self, actor: StaffUser | None, reason: str | None) -> None:
        pending = self.pending
        assert pending is not None
        try:
            if pending.action == LEND:
                self._lend(actor, pending, reason)
            elif pending.action == RETURN:
                self._take_back(actor, pending)
            else:
                self._renew(actor, pending, reason)
        except Refused as refusal:
            pending.decision = refusal.decision
            self._show_decision(refusal.decision)
        except ReadingRoomError as error:
            self.show_error(error)
        self._update_hint()
        self.focus_primary()

    def _lend(self, actor: StaffUser | None, pending: Pending, reason: str | None) -> None:
        loan, verdict = circulation.lend(
            actor, pending.barcode, pending.member_no, override_reason=reason
        )
        self.pending = None
        lines = [html.escape(reasons.explain_note(note)) for note in verdict.notes]
        if verdict.overridden:
            lines.insert(
                0,
                html.escape(
                    tr("Approved by {who}: {reason}").format(who=actor.display_name, reason=reason)
                ),
            )
        self._show_copy(pending.barcode)
        self.banner.show_text(
            "allowed",
            "lend",
            tr("Lent to {name}: due {due}").format(
                name=loan.borrower.name, due=loan.due.isoformat()
            ),
            lines,
        )
        self.note_done(
            "lend",
            tr("Lent {barcode} to {member_no}, due {due}").format(
                barcode=pending.barcode, member_no=pending.member_no, due=loan.due.isoformat()
            ),
        )
        self.show_borrower(pending.member_no)
        self.session.notify_changed("loan")

    def _take_back(self, actor: StaffUser | None, pending: Pending) -> None:
        grade = self.selected_condition()
        returned = circulation.return_copy(actor, pending.barcode, condition=grade)
        loan, set_aside_for = returned.loan, returned.set_aside_for
        self.pending = None
        self._show_copy(pending.barcode)
        lines = [
            html.escape(
                tr("Condition: {grade}.").format(grade=condition_labels().get(grade or "", grade))
            )
        ]
        overdue = (loan.returned_on - loan.due).days
        if overdue > 0:
            lines.append(html.escape(tr("It came back {n} days late.").format(n=overdue)))
        if set_aside_for is not None:
            self.banner.show_text(
                "notice",
                "holds",
                tr("Set aside for {name} ({member_no})").format(
                    name=set_aside_for.name, member_no=set_aside_for.member_no
                ),
                [html.escape(tr("Put it on the hold shelf: they are first on the waiting list."))]
                + lines,
            )
        elif returned.copy_status == CopyStatus.DAMAGED:
            self.banner.show_text(
                "notice",
                "notice",
                tr("Taken back: out of circulation"),
                lines + [html.escape(tr("Damaged copies are not lent until repaired."))],
            )
        else:
            self.banner.show_text("allowed", "return", tr("Taken back"), lines)
        self.note_done(
            "return",
            tr("Took back {barcode} from {member_no}").format(
                barcode=pending.barcode, member_no=pending.member_no
            ),
        )
        self.show_borrower(pending.member_no)
        self.session.notify_changed("loan")

    def _renew(self, actor: StaffUser | None, pending: Pending, reason: str | None) -> None:
        loan, verdict = circulation.renew(actor, pending.barcode, override_reason=reason)
        self.pending = None
        lines = []
        if verdict.overridden:
            lines.append(
                html.escape(
                    tr("Approved by {who}: {reason}").format(who=actor.display_name, reason=reason)
                )
            )
        self.banner.show_text(
            "allowed",
            "renew",
            tr("Renewed: now due {due}").format(due=loan.due.isoformat()),
            lines + [html.escape(n) for n in verdict.notes],
        )
        self.note_done(
            "renew",
            tr("Renewed {barcode} for {member_no}, due {due}").format(
                barcode=pending.barcode, member_no=pending.member_no, due=loan.due.isoformat()
            ),
        )
        self.show_borrower(pending.member_no)
        self.session.notify_changed("loan")

    # -- page protocol ----------------------------------------------------------------------
    def clear(self) -> None:
        """Esc: a new person at the desk."""
        self.member_no = None
        self.pending = None
        self.borrower_panel.clear()
        self.message.clear_message()
        self.scan_edit.clear()
        self._show_copy(None)
        self._update_hint()
        self.focus_primary()

    def refresh(self) -> None:
        """Re-read the borrower and re-decide the pending action (others may have acted)."""
        try:
            if self.member_no is not None:
                self.show_borrower(self.member_no)
            if self.pending is not None and self.pending.action == LEND:
                self.pending.decision = circulation.check(
                    self.pending.barcode, self.pending.member_no
                )
                self._show_decision(self.pending.decision)
            elif self.pending is not None and self.pending.action == RENEW:
                _, self.pending.decision = desk.renew_preview(self.pending.barcode)
                self._show_decision(self.pending.decision)
        except ReadingRoomError as error:
            self.pending = None
            self.show_error(error)
        self._update_hint()
