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
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QShortcut
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

from readingroom import clock, desk, refusals, staff
from readingroom.decision import Decision
from readingroom.desk import LEND, MODES, RENEW, RETURN, Pending
from readingroom.errors import ReadingRoomError, Refused
from readingroom.messages import Code
from readingroom.vocabulary import CopyStatus, HoldStatus, Role
from ui import icons, pickup, reasons
from ui.models import labels
from ui.operations import CIRCULATION, Changes, CollectionOp, Operation, QueryOp
from ui.pages.base import Page
from ui.records_model import RIGHT, Column, RecordsModel
from ui.session import Session
from ui.signin import MessageLabel
from ui.slip_printing import offer_slip
from ui.theme import PRIMARY_STYLE, SEGMENTED_STYLE, on_highlight, status_tones
from ui.widgets.borrower_notes import DeskNotes

__all__ = ["LEND", "MODES", "RENEW", "RETURN", "DeskPage", "OverrideDialog", "Pending"]


def tr(text: str) -> str:
    return QCoreApplication.translate("DeskPage", text)


def reason_titles() -> dict[str, str]:
    """Each reason code's plain headline (the code itself is never translated)."""
    return {
        Code.ROLE_NOT_PERMITTED: tr("Never lent to this borrower's role"),
        Code.APPROVAL_REQUIRED: tr("Needs a supervisor's approval"),
        Code.BORROWER_SUSPENDED: tr("Membership suspended"),
        Code.BORROWER_EXPIRED: tr("Membership expired"),
        Code.HAS_OVERDUE: tr("An overdue loan is still out"),
        Code.LOAN_LIMIT: tr("At the loan limit"),
        Code.ON_LOAN: tr("Already on loan"),
        Code.HELD_FOR_OTHER: tr("Set aside for someone else"),
        Code.NOT_FOR_LOAN: tr("Not for take-home loan"),
        Code.NOT_AVAILABLE: tr("Not available"),
        Code.INSPECTION_FREEZE: tr("Lending frozen before the inspection"),
        Code.RENEWAL_LIMIT: tr("Renewed as often as allowed"),
        Code.WAITING_LIST: tr("Others are waiting for it"),
        Code.TOO_SOON: tr("Too soon to renew"),
        Code.ALREADY_ON_LOAN: tr("The borrower already has it"),
    }


def condition_labels() -> dict[str, str]:
    return {
        "good": tr("Good"),
        "worn": tr("Worn"),
        "ragged": tr("Ragged"),
        "damaged": tr("Damaged"),
    }


# -- asking a supervisor ----------------------------------------------------------------------


class OverrideDialog(QDialog):
    """A reason for the override, and a supervisor's sign-in when one is not signed in."""

    def __init__(self, session: Session, refusal: Decision, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.approver: staff.Actor | None = None
        self.reason = ""
        self.busy = False  # a supervisor's sign-in is being checked
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
        if self.session.is_supervisor and self.session.actor is not None:
            self._approved(self.session.actor, reason)
            return
        if self.busy:
            return
        username, password = self.user_edit.text().strip(), self.password_edit.text()
        self.busy = True
        op = CollectionOp(
            self,
            lambda: staff.require_supervisor(staff.authenticate(username, password)),
            Changes(staff=True, audit=True),  # a sign-in is recorded, a failed one counted
        )
        op.success(lambda approver: self._approved(approver, reason)).inline(self._not_approved)
        op.disabling(self.approve_button).finally_(self._checked).run()

    def _approved(self, approver: staff.Actor, reason: str) -> None:
        self.approver, self.reason = approver, reason
        self.accept()

    def _not_approved(self, error: ReadingRoomError) -> None:
        self.message.show_message(error.message)
        self.password_edit.clear()

    def _checked(self) -> None:
        self.busy = False


def ask_override(
    parent: QWidget, session: Session, refusal: Decision
) -> tuple[staff.Actor, str] | None:
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
        self.notes = DeskNotes(self)  # the member's notes, under the flags (slipnotes)
        layout.insertWidget(3, self.notes)
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
        self.notes.show_member(None)
        self.loans.set_records([])
        self.holds.set_records([])
        for widget in (self.loans_heading, self.loans_view, self.holds_heading, self.holds_view):
            widget.hide()

    def show_borrower(self, info: dict[str, Any]) -> None:
        self.info = info
        self.notes.show_member(info["member_no"])
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
            problems.append(self.tr("%n overdue loan(s)", "", overdue))
        if info["role"] == Role.CIVILIAN:
            problems.append(tr("A civilian: nothing may be lent"))
        ready = sum(1 for hold in info["holds"] if hold["status"] == HoldStatus.READY)
        if problems:
            self.flags.show_text("refused", "notice", " · ".join(problems), [])
        elif ready:
            self.flags.show_text(
                "notice",
                "holds",
                self.tr("%n copy(ies) set aside to collect", "", ready),
                [],
            )
        else:
            self.flags.show_text("allowed", "allowed", tr("In good standing"), [])
        self.flags.show()


# -- the page ---------------------------------------------------------------------------------


class DeskPage(Page):
    """Lend, take back and renew at the desk, with a keyboard-wedge barcode scanner."""

    page_id = "desk"
    icon_name = "desk"
    #: what the desk shows: a borrower's loans and holds, a copy's status and decision
    watches = Changes(catalogue=True, borrowers=True, loans=True, holds=True, policy=True)

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.desk = desk.DeskSession()
        #: scans and Enters typed while a call runs, done in order afterwards
        self.queue: deque[tuple[str, Callable[[], None]]] = deque()
        self.busy = False
        self._generation = 0  # bumped by Esc and a new mode: older reads are not shown
        self._build()
        self._apply_icons()
        self.apply_role()
        self.set_mode(LEND)

    @classmethod
    def title(cls) -> str:
        return tr("Desk")

    # -- the desk session's state -----------------------------------------------------------
    @property
    def mode(self) -> str:
        return self.desk.mode

    @property
    def member_no(self) -> str | None:
        return self.desk.member_no

    @property
    def pending(self) -> Pending | None:
        return self.desk.pending

    def is_idle(self) -> bool:
        """Nothing running and nothing waiting to be done."""
        return not self.busy and not self.queue

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
        self.pickup_note = pickup.PastPickupNote(self)  # set-aside copies past their date
        layout.addWidget(self.pickup_note)
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
        for grade in desk.GRADES:
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
        self.desk.set_mode(mode)
        self._generation += 1
        self.mode_buttons[mode].setChecked(True)
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
        ready = pending is not None and not pending.refused
        self.action_button.setEnabled(ready and self.session.can_change and not self.busy)
        refused = pending is not None and pending.refused
        self.override_button.setVisible(
            pending is not None and refused and pending.overridable and self.session.can_change
        )
        self.override_button.setEnabled(not self.busy)
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
            and isinstance(event, QKeyEvent)
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

    # -- one call at a time, in the order typed ---------------------------------------------
    def scan(self, text: str) -> None:
        """What a scanner (or the keyboard) typed: a member number or a copy barcode."""
        self._enqueue("scan", lambda: self._look(text))

    def confirm(self) -> None:
        """Do the pending action (Enter on the empty scan field, or the action button)."""
        self._enqueue("confirm", self._confirm)

    def _enqueue(self, what: str, step: Callable[[], None]) -> None:
        self.queue.append((what, step))
        self._next()

    def _next(self) -> None:
        while not self.busy and self.queue:
            _what, step = self.queue.popleft()
            step()

    def _start(self, op: Operation[Any]) -> None:
        """Run ``op`` with the desk busy: its buttons are off and typing is queued."""
        self.busy = True
        self._update_buttons()
        op.finally_(self._finished).run()

    def _finished(self) -> None:
        self.busy = False
        self._update_hint()
        self._next()

    def _current(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        """``callback`` unless Esc or a new mode came after the read started."""
        generation = self._generation

        def show(value: Any) -> None:
            if generation == self._generation:
                callback(value)

        return show

    # -- scanning ---------------------------------------------------------------------------
    def _look(self, text: str) -> None:
        self.message.clear_message()
        mode, member_no = self.desk.mode, self.desk.member_no
        op = QueryOp(self, lambda: desk.look(mode, member_no, text))
        self._start(op.success(self._current(self._seen)).inline(self._current(self.show_error)))

    def _seen(self, seen: desk.Seen) -> None:
        self.desk.seen(seen)
        if seen.outcome == desk.BORROWER_SHOWN:
            assert seen.borrower is not None
            self.borrower_panel.show_borrower(seen.borrower)
            self._show_copy(None)
            return
        self._show_copy(seen.copy)
        if seen.outcome == desk.NEED_MEMBER:
            self.banner.show_text(
                "neutral",
                "info",
                tr("Scan a member card first"),
                [html.escape(tr("Then scan this copy again to see whether it may be lent."))],
            )
        elif seen.outcome == desk.NOT_ON_LOAN:
            self.banner.show_text(
                "neutral",
                "info",
                tr("This copy is not on loan"),
                [html.escape(tr("Nothing to take back."))],
            )
        elif seen.outcome == desk.TAKING_BACK:
            assert seen.borrower is not None and seen.loan is not None
            self.borrower_panel.show_borrower(seen.borrower)
            self._show_taking_back(seen.loan)
        else:
            if seen.borrower is not None:
                self.borrower_panel.show_borrower(seen.borrower)
            assert seen.pending is not None and seen.pending.decision is not None
            self._show_decision(seen.pending.decision)
            self._keep_refusal(seen.pending)

    def _keep_refusal(self, pending: Pending) -> None:
        """A lend refused for a reason the inspector asks about (a civilian, a copy not for
        loan) is kept in the audit trail: who tried it, for whom. Its own write, queued
        after the scan's read; the desk shows the refusal as it is."""
        actor, decision = self.session.actor, pending.decision
        if pending.action != LEND or decision is None or not refusals.matters(decision):
            return
        if actor is None or not self.session.can_change:
            return

        def record() -> None:
            op = CollectionOp(
                self,
                lambda: refusals.record_desk_refusal(actor, pending.barcode, pending.member_no),
                Changes(audit=True),
            )
            self._start(op.inline(self.show_error))

        self._enqueue("refusal", record)

    def _show_taking_back(self, loan: desk.LoanFacts) -> None:
        self.select_condition(loan.condition)
        lines = [
            html.escape(
                tr("Lent on {lent}, due {due}.").format(
                    lent=loan.lent_on.isoformat(), due=loan.due.isoformat()
                )
            )
        ]
        if loan.days_overdue > 0:
            lines.append(html.escape(tr("{n} days overdue.").format(n=loan.days_overdue)))
        self.banner.show_text(
            "notice" if loan.days_overdue > 0 else "neutral",
            "return",
            tr("Taking back from {name} ({member_no})").format(
                name=loan.borrower_name, member_no=loan.member_no
            ),
            lines,
        )

    # -- showing ----------------------------------------------------------------------------
    def _show_copy(self, info: dict[str, Any] | None) -> None:
        if info is None:
            self.copy_title.setText(tr("No copy"))
            self.copy_details.setText(tr("Scan a copy's barcode."))
            self.banner.show_text("neutral", "info", tr("Ready"), [])
            return
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
            ].format(due=verdict.due.isoformat() if verdict.due else "")
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
        # a refusal gives no due date, so no note about one (the decision carries none)
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
        current = self.selected_condition() or desk.GRADES[0]
        index = min(max(desk.GRADES.index(current) + step, 0), len(desk.GRADES) - 1)
        self.select_condition(desk.GRADES[index])

    # -- acting -----------------------------------------------------------------------------
    def _confirm(self) -> None:
        step = self.desk.next_step()
        if step == desk.NOTHING:
            self.hint.setText(tr("Nothing to do yet: scan a member card or a copy."))
            return
        if step == desk.REFUSED:
            self._update_hint()
            return
        self._act(self.session.actor, None)

    def override(self) -> None:
        """Ask a supervisor (signed in, or signing in now) for the override and its reason."""
        pending = self.desk.pending
        if self.busy or pending is None or not self.desk.may_override():
            return
        assert pending.decision is not None
        approval = ask_override(self, self.session, pending.decision)
        if approval is None:
            self.focus_primary()
            return
        approver, reason = approval
        self._enqueue("override", lambda: self._overridden(approver, reason))

    def _overridden(self, approver: staff.Actor, reason: str) -> None:
        if self.desk.may_override():  # still the refusal the supervisor approved
            self._act(approver, reason)

    def _act(self, actor: staff.Actor | None, reason: str | None) -> None:
        """The pending action as a write in the window's calls thread: the window keeps
        painting while it waits for another program's lock, and no second write starts."""
        pending = self.desk.pending
        assert pending is not None
        grade = self.selected_condition()
        op = CollectionOp(
            self,
            lambda: desk.act(pending, actor, reason=reason, condition=grade),
            CIRCULATION,
        )
        generation = self._generation

        def failed(error: BaseException) -> bool:
            if generation == self._generation:
                return self._act_failed(error)
            return isinstance(error, Refused)  # the last person's refusal; failures still show

        op.success(lambda done: self._done(done, generation == self._generation))
        op.failure(failed).inline(self.show_error)
        self._start(op.finally_(self.focus_primary))

    def _act_failed(self, error: BaseException) -> bool:
        """A refusal shows its decision; bad input and permissions are shown inline."""
        if isinstance(error, Refused) and error.decision is not None:
            self.desk.refused(error.decision)
            self._show_decision(error.decision)
            return True
        return False

    def _done(self, done: desk.Done, current: bool = True) -> None:
        """Show what was done; after Esc or a new mode only its line in the history (the
        next person at the desk does not see the last one's loans)."""
        if current:
            self.desk.done(done)
            {LEND: self._lent, RETURN: self._took_back, RENEW: self._renewed}[done.action](done)
            self.borrower_panel.show_borrower(done.borrower)
            if done.action in (LEND, RETURN):  # the slip, as the setting says (slipnotes)
                offer_slip(self, [done.result])
        self.note_done(done.action, self._history_line(done))

    @staticmethod
    def _history_line(done: desk.Done) -> str:
        if done.action == LEND:
            return tr("Lent {barcode} to {member_no}, due {due}").format(
                barcode=done.barcode, member_no=done.member_no, due=done.due.isoformat()
            )
        if done.action == RETURN:
            return tr("Took back {barcode} from {member_no}").format(
                barcode=done.barcode, member_no=done.member_no
            )
        return tr("Renewed {barcode} for {member_no}, due {due}").format(
            barcode=done.barcode, member_no=done.member_no, due=done.due.isoformat()
        )

    def _approved(self, done: desk.Done) -> list[str]:
        if done.decision is None or not done.decision.overridden:
            return []
        return [
            html.escape(
                tr("Approved by {who}: {reason}").format(who=done.approver, reason=done.reason)
            )
        ]

    def _lent(self, done: desk.Done) -> None:
        assert done.decision is not None
        lines = self._approved(done) + [
            html.escape(reasons.explain_note(note)) for note in done.decision.notes
        ]
        self._show_copy(done.copy)
        self.banner.show_text(
            "allowed",
            "lend",
            tr("Lent to {name}: due {due}").format(
                name=done.borrower_name, due=done.due.isoformat()
            ),
            lines,
        )

    def _took_back(self, done: desk.Done) -> None:
        grade = done.condition
        self._show_copy(done.copy)
        lines = [
            html.escape(
                tr("Condition: {grade}.").format(grade=condition_labels().get(grade or "", grade))
            )
        ]
        if done.days_late > 0:
            lines.append(html.escape(tr("It came back {n} days late.").format(n=done.days_late)))
        if done.set_aside is not None:
            self.banner.show_text(
                "notice",
                "holds",
                tr("Set aside for {name} ({member_no})").format(
                    name=done.set_aside.name, member_no=done.set_aside.member_no
                ),
                [html.escape(tr("Put it on the hold shelf: they are first on the waiting list."))]
                + lines,
            )
        elif done.copy_status == CopyStatus.DAMAGED:
            self.banner.show_text(
                "notice",
                "notice",
                tr("Taken back: out of circulation"),
                lines + [html.escape(tr("Damaged copies are not lent until repaired."))],
            )
        else:
            self.banner.show_text("allowed", "return", tr("Taken back"), lines)

    def _renewed(self, done: desk.Done) -> None:
        assert done.decision is not None
        self.banner.show_text(
            "allowed",
            "renew",
            tr("Renewed: now due {due}").format(due=done.due.isoformat()),
            self._approved(done)
            + [html.escape(reasons.explain_note(n)) for n in done.decision.notes],
        )

    # -- page protocol ----------------------------------------------------------------------
    def clear(self) -> None:
        """Esc: a new person at the desk."""
        self.desk.clear()
        self.queue.clear()
        self._generation += 1
        self.borrower_panel.clear()
        self.message.clear_message()
        self.scan_edit.clear()
        self._show_copy(None)
        self._update_hint()
        self.focus_primary()

    def refresh(self) -> None:
        """Re-read the borrower and re-decide the pending action (others may have acted)."""
        self.pickup_note.refresh()  # and the set-aside copies past their pickup date
        if self.desk.member_no is None and self.desk.pending is None:
            self._update_hint()
            return
        if all(what != "refresh" for what, _step in self.queue):
            self._enqueue("refresh", self._reread)

    def _reread(self) -> None:
        member_no, pending = self.desk.member_no, self.desk.pending
        if member_no is None and pending is None:
            return
        op = QueryOp(self, lambda: desk.reread(member_no, pending))
        self._start(
            op.success(self._current(self._reread_done)).failure(
                self._current_failure(self._reread_failed)
            )
        )

    def _current_failure(
        self, callback: Callable[[BaseException], bool]
    ) -> Callable[[BaseException], bool]:
        generation = self._generation

        def handle(error: BaseException) -> bool:
            return generation != self._generation or callback(error)

        return handle

    def _reread_done(self, reread: desk.Reread) -> None:
        self.desk.reread(reread)
        if reread.borrower is not None:
            self.borrower_panel.show_borrower(reread.borrower)
        pending = self.desk.pending
        if pending is not None and pending.action in (LEND, RENEW) and pending.decision:
            self._show_decision(pending.decision)

    def _reread_failed(self, error: BaseException) -> bool:
        if not isinstance(error, ReadingRoomError):
            return False
        self.desk.reread_failed()
        self.show_error(error)
        return True
