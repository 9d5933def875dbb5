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
from functools import partial
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
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from readingroom import clock, desk, refusals, room, staff
from readingroom.decision import Decision
from readingroom.desk import LEND, MODES, RENEW, RETURN, ROOM, ROOM_RETURN, Pending
from readingroom.errors import ReadingRoomError, Refused
from readingroom.messages import Code, Wording
from readingroom.vocabulary import CopyStatus, HoldStatus, Role
from ui import conservation_offer, icons, pickup, reasons
from ui.models import labels
from ui.operations import CIRCULATION, Changes, CollectionOp, Operation, QueryOp
from ui.pages.base import Page
from ui.records_model import RIGHT, Column, RecordsModel
from ui.session import Session
from ui.signin import MessageLabel
from ui.slip_printing import offer_slip
from ui.theme import PRIMARY_STYLE, SEGMENTED_STYLE, on_highlight, status_tones
from ui.widgets.borrower_notes import DeskNotes
from ui.widgets.small_table import small_table

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
        # restrictions, wear and sets (issue 14)
        Code.RESTRICTED: tr("Withheld by a restriction"),
        Code.CONDITION_RESTRICTED: tr("Its condition allows less"),
        Code.SET_TOGETHER: tr("The whole set goes out together"),
        Code.SET_INCOMPLETE: tr("The set is not whole"),
    }


class DeskCounts(QObject):
    """The desk's texts with a count said outside the page (the borrower panel's loans, the
    question before copies are put aside), in Qt's plural forms: ``self.tr(text, "", n)`` is
    the call lupdate files as a text with plural forms ("1 day overdue", "2 days overdue")."""

    def days_overdue(self, n: int) -> str:
        return self.tr("%n days overdue", "", n)

    def not_taken_back(self, n: int) -> str:
        return self.tr("%n copies not taken back", "", n)

    def not_renewed(self, n: int) -> str:
        return self.tr("%n copies not renewed", "", n)

    def not_lent(self, n: int) -> str:
        return self.tr("%n copies not lent", "", n)

    def not_done_in_room(self, n: int) -> str:
        return self.tr("%n copies in the basket not done yet", "", n)


def days_overdue(n: int) -> str:
    return DeskCounts().days_overdue(n)


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
        # a renewal overridden past the inspection says so before it is approved
        self.past_inspection = QLabel(
            " ".join(
                reasons.explain_note(note)
                for note in refusal.notes_if_overridden
                if note.wording == Wording.DUE_AFTER_INSPECTION
            )
        )
        self.past_inspection.setTextFormat(Qt.TextFormat.PlainText)
        self.past_inspection.setWordWrap(True)
        self.past_inspection.setAccessibleName(self.tr("What the override does"))
        self.past_inspection.setVisible(bool(self.past_inspection.text()))
        layout.addWidget(self.past_inspection)
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
        self.message.show_message(reasons.error_text(error))
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
                lambda r: days_overdue(r["days_overdue"]) if r["overdue"] else "",
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
            collect = self.tr("%n copy(ies) set aside to collect", "", ready)
            self.flags.show_text("notice", "holds", collect, [])
        else:
            self.flags.show_text("allowed", "allowed", tr("In good standing"), [])
        self.flags.show()


# -- the basket -------------------------------------------------------------------------------

#: what the librarian chose when copies not yet done would be put aside
ACT_FIRST, DISCARD, STAY = "act", "discard", "stay"


#: the icon of each desk action (the Reading room's borrow the desk's own)
ACTION_ICONS = {LEND: "lend", RETURN: "return", RENEW: "renew", ROOM: "room", ROOM_RETURN: "return"}
#: the actions that take a copy back (a condition grade per row)
TAKING_BACK = (RETURN, ROOM_RETURN)


def unconfirmed_text(mode: str, n: int) -> str:
    """ "3 copies not lent" (not taken back, not renewed), in the language's plural forms."""
    counts = DeskCounts()
    if mode == ROOM:
        return counts.not_done_in_room(n)
    if mode == RETURN:
        return counts.not_taken_back(n)
    if mode == RENEW:
        return counts.not_renewed(n)
    return counts.not_lent(n)


def unconfirmed_box(parent: QWidget, mode: str, count: int, ready: int) -> QMessageBox:
    """ "3 copies not lent": Lend / Discard / Stay (Stay is the default and Esc)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("Copies in the basket"))
    box.setText(unconfirmed_text(mode, count))
    verb = {LEND: tr("&Lend"), RETURN: tr("&Take back"), RENEW: tr("&Renew"), ROOM: tr("&Do them")}[
        mode
    ]
    box.setInformativeText(
        tr(
            "Do every allowed copy now, discard the basket (nothing is recorded for its "
            "copies), or stay and go on."
        )
    )
    act_button = box.addButton(verb, QMessageBox.ButtonRole.AcceptRole)
    act_button.setObjectName(ACT_FIRST)
    act_button.setEnabled(ready > 0)
    discard = box.addButton(tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
    discard.setObjectName(DISCARD)
    stay = box.addButton(tr("&Stay"), QMessageBox.ButtonRole.RejectRole)
    stay.setObjectName(STAY)
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    return box


def ask_unconfirmed(parent: QWidget, mode: str, count: int, ready: int) -> str:
    """:data:`ACT_FIRST`, :data:`DISCARD` or :data:`STAY` (tests patch this)."""
    box = unconfirmed_box(parent, mode, count, ready)
    box.exec()
    clicked = box.clickedButton()
    return clicked.objectName() if clicked is not None else STAY


class BasketView(QTableView):
    """The basket's rows; Delete removes the selected one."""

    def __init__(self, remove: Callable[[], None], parent: QWidget | None = None):
        super().__init__(parent)
        self._remove = remove

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._remove()
            event.accept()
            return
        super().keyPressEvent(event)


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
        #: the basket's rows Enter confirmed, being done now (not asked about again)
        self._confirmed: set[str] = set()
        self._run_done: list[desk.Done] = []
        self._run_stopped = False  # a row of the run was refused or failed
        self._showing_basket = False
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
        """The current basket row's action (the last scanned, or the one selected)."""
        return self.desk.pending

    @property
    def basket(self) -> list[desk.BasketItem]:
        return self.desk.basket

    def is_idle(self) -> bool:
        """Nothing running and nothing waiting to be done."""
        return not self.busy and not self.queue

    def unconfirmed(self) -> list[desk.BasketItem]:
        """The basket's rows not yet done and not being done."""
        return [i for i in self.desk.basket if i.barcode not in self._confirmed]

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[str, QToolButton] = {}
        mode_row = QHBoxLayout()
        for mode, text in (
            (LEND, tr("&Lend")),
            (RETURN, tr("&Return")),
            (RENEW, tr("Re&new")),
            (ROOM, tr("Reading roo&m")),
        ):
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
        self.clear_button.clicked.connect(lambda: self.clear())
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
        shortcut.activated.connect(lambda: self.clear())
        self.setTabOrder(self.scan_edit, self.basket_view)
        self.setTabOrder(self.basket_view, self.action_button)
        self.setTabOrder(self.action_button, self.override_button)
        self.setTabOrder(self.override_button, self.hold_button)
        self.setTabOrder(self.hold_button, self.remove_button)

    def _basket_columns(self) -> list[Column]:
        grades = condition_labels()

        def due(item: desk.BasketItem) -> str:
            return item.due.isoformat() if item.due is not None and not item.refused else ""

        return [
            Column(tr("Barcode"), lambda i: i.barcode),
            Column(tr("Title"), lambda i: i.title),
            Column(tr("Vol."), lambda i: str(i.volume), RIGHT),
            Column(tr("Borrower"), lambda i: i.borrower_name),
            Column(tr("Due"), due),
            Column(tr("Condition"), lambda i: grades.get(i.condition or "", i.condition or "")),
            Column(tr("Decision"), self._row_decision),
        ]

    def _row_decision(self, item: desk.BasketItem) -> str:
        if item.barcode in self._confirmed:
            return tr("Being done…")
        if item.action == RETURN:
            return days_overdue(item.days_overdue) if item.days_overdue > 0 else tr("To take back")
        if item.action == ROOM_RETURN:
            return tr("Back from the reading room")
        decision = item.decision
        if decision is None or decision.allowed:
            return {
                LEND: tr("May be lent"),
                RENEW: tr("May be renewed"),
                ROOM: tr("May be read in the room"),
            }.get(item.action, "")
        # short: the row chosen shows every reason in the banner, and what may be done
        titles = reason_titles()
        why = ", ".join(titles.get(r.code, r.code) for r in decision.reasons)
        return tr("Refused: {why}").format(why=why)

    def _row_tone(self, item: desk.BasketItem) -> QColor | None:
        return status_tones(self.palette()).refused.text if item.refused else None

    def _row_icon(self, item: desk.BasketItem):
        if item.refused:
            return icons.icon("refused")
        return icons.icon("allowed" if item.action not in TAKING_BACK else "return")

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
        self.basket_heading = heading(tr("Basket"))
        self.basket_model = RecordsModel(
            self._basket_columns(), self, tone=self._row_tone, icon=self._row_icon
        )
        self.basket_view = BasketView(self.remove_current)
        self.basket_view.setModel(self.basket_model)
        self.basket_view.setAccessibleName(tr("Basket"))
        self.basket_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.basket_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.basket_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.basket_view.setAlternatingRowColors(True)
        self.basket_view.verticalHeader().hide()
        self.basket_view.setWordWrap(False)
        self.basket_view.setMinimumHeight(110)
        header = self.basket_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.basket_view.selectionModel().currentRowChanged.connect(self._row_chosen)
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
            button.clicked.connect(lambda _=False, g=grade: self.select_condition(g))
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
        self.hold_button = QPushButton(icons.icon("holds"), tr("&Place a hold"))
        self.hold_button.setAccessibleName(tr("Place a hold for this borrower"))
        self.hold_button.setMinimumHeight(34)
        self.hold_button.clicked.connect(self.place_hold)
        self.remove_button = QPushButton(tr("Remo&ve (Del)"))
        self.remove_button.setAccessibleName(tr("Remove the copy from the basket"))
        self.remove_button.setMinimumHeight(34)
        self.remove_button.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.action_button)
        buttons.addWidget(self.override_button)
        buttons.addWidget(self.hold_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        self.history = QListWidget()
        self.history.setAccessibleName(tr("Done at this desk"))
        self.history.setMinimumHeight(60)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.addWidget(self.copy_title)
        layout.addWidget(self.copy_details)
        layout.addWidget(self.banner)
        layout.addWidget(self.basket_heading)
        layout.addWidget(self.basket_view, 3)
        layout.addWidget(self.condition_box)
        layout.addLayout(buttons)
        layout.addWidget(heading(tr("Done at this desk")))
        layout.addWidget(self.history, 2)
        return panel

    def _apply_icons(self) -> None:
        for mode, button in self.mode_buttons.items():
            button.setIcon(icons.icon(ACTION_ICONS[mode], checked_highlight=True))
        self.override_button.setIcon(icons.icon("override"))
        self.hold_button.setIcon(icons.icon("holds"))
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
        """A new mode starts a new basket: with copies not yet done, ask first."""
        if mode == self.desk.mode and self.desk.basket:
            self.mode_buttons[mode].setChecked(True)  # the same mode: the basket stays
            self.focus_primary()
            return
        if mode != self.desk.mode and not self._may_put_aside(lambda: self._set_mode(mode)):
            self.mode_buttons[self.desk.mode].setChecked(True)
            return
        self._set_mode(mode)

    def _set_mode(self, mode: str) -> None:
        self.desk.set_mode(mode)
        self._generation += 1
        self.mode_buttons[mode].setChecked(True)
        self.message.clear_message()
        placeholders = {
            LEND: tr("Scan a member card, then a copy"),
            RETURN: tr("Scan a copy to take it back"),
            RENEW: tr("Scan a copy to renew its loan"),
            ROOM: tr("Scan a member card, then a copy for the room; a copy at a table comes back"),
        }
        self.scan_edit.setPlaceholderText(placeholders[mode])
        self.basket_view.setColumnHidden(3, mode == LEND)  # the borrower is at the desk
        self.basket_view.setColumnHidden(4, mode == ROOM)  # read in the room: no due date
        self.basket_view.setColumnHidden(5, mode not in (RETURN, ROOM))
        self._show_copy(None)
        self._show_basket()
        self.focus_primary()

    def _update_hint(self) -> None:
        item = self.desk.current_item
        ready = len([i for i in self.desk.ready() if i.barcode not in self._confirmed])
        if not self.session.can_change:
            text = tr(
                "Read-only: you may check what the rules decide, but not lend, take back or renew."
            )
        elif item is not None and item.refused and not ready:
            text = (
                tr("Refused. A supervisor may override (Alt+O).")
                if item.overridable
                else tr("Refused; this cannot be overridden. Scan another copy.")
            )
            if item.may_hold:
                text += " " + tr("The borrower may wait for it: Place a hold (Alt+P).")
            text += " " + tr("Delete takes it out of the basket.")
        elif ready:
            text = {
                LEND: tr("Scan the next copy, or press Enter to lend every allowed copy."),
                RETURN: tr("Scan the next copy, or press Enter to take back every copy."),
                RENEW: tr("Scan the next copy, or press Enter to renew every allowed copy."),
                ROOM: tr(
                    "Scan the next copy, or press Enter: each allowed copy goes to its reader's "
                    "seat, each copy back from a table returns to the shelf."
                ),
            }[self.mode]
            if item is not None and item.refused:
                text += " " + tr("Refused copies stay in the basket until removed or overridden.")
            if item is not None and item.may_hold:
                text += " " + tr("The borrower may wait for it: Place a hold (Alt+P).")
        else:
            text = {
                LEND: tr("Scan a member card, then each copy. Enter lends them all."),
                RETURN: tr("Scan each copy coming back; choose its condition, then Enter."),
                RENEW: tr("Scan each copy on loan; Enter renews them all."),
                ROOM: tr(
                    "Reading room: scan a member card, then each copy they read at a table; "
                    "scan a copy coming back from a table. Enter does them all."
                ),
            }[self.mode]
        self.hint.setText(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        item = self.desk.current_item
        ready = [i for i in self.desk.ready() if i.barcode not in self._confirmed]
        n = len(ready)
        if self.mode == ROOM:
            label = tr("Reading room: do them (Enter)")
        elif n > 1:
            label = {
                LEND: self.tr("Lend all %n (Enter)", "", n),
                RETURN: self.tr("Take back all %n (Enter)", "", n),
                RENEW: self.tr("Renew all %n (Enter)", "", n),
            }[self.mode]
        else:
            label = {
                LEND: tr("Lend (Enter)"),
                RETURN: tr("Take back (Enter)"),
                RENEW: tr("Renew (Enter)"),
            }[self.mode]
        self.action_button.setText(label)
        self.action_button.setIcon(icons.icon(ACTION_ICONS[self.mode], on_highlight()))
        self.action_button.setAccessibleName(label)
        self.action_button.setEnabled(bool(ready) and self.session.can_change and not self.busy)
        refused = item is not None and item.refused and item.barcode not in self._confirmed
        self.override_button.setVisible(
            refused and item is not None and item.overridable and self.session.can_change
        )
        self.override_button.setEnabled(not self.busy)
        self.hold_button.setVisible(
            refused and item is not None and item.may_hold and self.session.can_change
        )
        self.hold_button.setEnabled(not self.busy)
        self.remove_button.setVisible(bool(self.desk.basket))
        self.remove_button.setEnabled(item is not None and item.barcode not in self._confirmed)
        self.condition_box.setVisible(item is not None and item.action in TAKING_BACK)

    # -- the basket -------------------------------------------------------------------------
    def _show_basket(self) -> None:
        """The basket's rows, the current one selected, and what Enter would do."""
        self._showing_basket = True
        try:
            self.basket_model.set_records(list(self.desk.basket))
            current = self.desk.current
            row = next((r for r, i in enumerate(self.desk.basket) if i.barcode == current), None)
            if row is not None:
                self.basket_view.selectRow(row)
            else:
                self.basket_view.clearSelection()
        finally:
            self._showing_basket = False
        count = len(self.desk.basket)
        self.basket_heading.setText(self.tr("Basket: %n copies", "", count))
        item = self.desk.current_item
        if item is not None and item.action in TAKING_BACK and item.condition is not None:
            self._check_condition(item.condition)
        self._update_hint()

    def _row_chosen(self, current, _previous=None) -> None:
        """A row chosen in the basket: it becomes the one shown, overridden or removed."""
        if self._showing_basket or not current.isValid():
            return
        item = self.basket_model.record(current.row())
        self.desk.select(item.barcode)
        self._show_item(item)
        self._show_basket()

    def _show_item(self, item: desk.BasketItem) -> None:
        self._show_copy(item.copy or None)
        if item.action == ROOM_RETURN:
            self._show_back_from_room(item.borrower_name, item.pending.member_no)
        elif item.action == RETURN:
            self.banner.show_text(
                "notice" if item.days_overdue > 0 else "neutral",
                "return",
                tr("Taking back from {name} ({member_no})").format(
                    name=item.borrower_name, member_no=item.pending.member_no
                ),
                [],
            )
        elif item.decision is not None:
            self._show_decision(item.decision, item.action)

    def remove_current(self) -> None:
        """Take the current row out of the basket (Delete, or the Remove button)."""
        item = self.desk.current_item
        if item is None or item.barcode in self._confirmed:
            return
        self.desk.remove(item.barcode)
        self.note_done(
            "notice",
            tr("Removed {barcode} from the basket, not recorded").format(barcode=item.barcode),
        )
        current = self.desk.current_item
        if current is not None:
            self._show_item(current)
        else:
            self._show_copy(None)
        self._show_basket()
        self.focus_primary()
        if item.action == LEND and not item.refused and self.desk.basket:
            self.refresh()  # a copy refused at the loan limit may be lent now

    def _may_put_aside(self, then: Callable[[], None], *, front: bool = False) -> bool:
        """Whether the basket may be put aside now; with copies that could still be done
        (allowed, or a supervisor may override), ask: do them first (``then`` follows when
        every one was done), discard, or stay. Copies refused for good are put aside."""
        waiting = self.unconfirmed()
        if not any(not i.refused or i.overridable for i in waiting):
            return True
        ready = [i for i in waiting if not i.refused]
        choice = ask_unconfirmed(self, self.desk.mode, len(waiting), len(ready))
        if choice == DISCARD:
            for item in waiting:
                self.note_done(
                    "notice",
                    tr("Discarded {barcode} from the basket, not recorded").format(
                        barcode=item.barcode
                    ),
                )
            return True
        if choice == ACT_FIRST and ready:
            self._run(ready, then=then, front=front)
        else:
            self.hint.setText(tr("Still at the desk: nothing was put aside."))
        self.focus_primary()
        return False

    def may_leave(self, then: Callable[[], None]) -> bool:
        """Whether the window may sign out, lock or close now. Copies in the basket that
        could still be done ask first, as another member card does: do them (then ``then``),
        discard them (the desk is cleared: nothing recorded for them) or stay."""
        had = bool(self.unconfirmed())
        if not self._may_put_aside(then):
            return False
        if had:
            self._clear()
        return True

    # -- the scan field ---------------------------------------------------------------------
    def focus_primary(self) -> None:
        self.scan_edit.setFocus()
        self.scan_edit.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (
            watched is self.scan_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            item = self.desk.current_item
            if (
                item is not None
                and item.action in TAKING_BACK
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
            ):
                self.step_condition(-1 if event.key() == Qt.Key.Key_Up else 1)
                return True
            if event.key() == Qt.Key.Key_Delete and not self.scan_edit.text():
                self.remove_current()
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
        """Do every allowed copy in the basket (Enter on the empty scan field, or the button)."""
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
        mode, member_no, lending = self.desk.mode, self.desk.member_no, self.desk.lending()
        basket = self.desk.set_basket()  # a set is decided across the basket
        op = QueryOp(self, lambda: desk.look(mode, member_no, text, basket=basket, lending=lending))
        self._start(op.success(self._current(self._seen)).inline(self._current(self.show_error)))

    def _seen(self, seen: desk.Seen) -> None:
        if self.desk.asks_first(seen) and not self._may_put_aside(
            lambda: self._shown(seen), front=True
        ):
            return
        self._shown(seen)

    def _shown(self, seen: desk.Seen) -> None:
        self.desk.seen(seen)
        self._show_basket()
        if any(
            i.decision is not None and Code.SET_TOGETHER in i.decision.codes
            for i in self.desk.basket
            if i.barcode != (seen.item.barcode if seen.item else None)
        ):  # another volume of a set joined the basket: decide the others again
            self._enqueue("refresh", self._reread)
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
        elif seen.outcome == desk.TAKING_BACK and seen.loan is None:  # from a table
            assert seen.borrower is not None and seen.item is not None
            self.borrower_panel.show_borrower(seen.borrower)
            self._show_back_from_room(seen.item.borrower_name, seen.borrower["member_no"])
        elif seen.outcome == desk.TAKING_BACK:
            assert seen.borrower is not None and seen.loan is not None
            self.borrower_panel.show_borrower(seen.borrower)
            self._show_taking_back(seen.loan)
        else:
            if seen.borrower is not None:
                self.borrower_panel.show_borrower(seen.borrower)
            assert seen.pending is not None and seen.pending.decision is not None
            self._show_decision(seen.pending.decision, seen.pending.action)
            self._keep_refusal(seen.pending)

    def _keep_refusal(self, pending: Pending) -> None:
        """A lend refused for a reason the inspector asks about (a civilian, a copy not for
        loan) is kept in the audit trail: who tried it, for whom. Its own write, queued
        after the scan's read; the desk shows the refusal as it is."""
        actor, decision = self.session.actor, pending.decision
        if pending.action not in (LEND, ROOM) or decision is None:
            return
        if not refusals.matters(decision) or actor is None or not self.session.can_change:
            return
        in_room = pending.action == ROOM

        def record() -> None:
            op = CollectionOp(
                self,
                lambda: (
                    room.record_desk_refusal(actor, pending.barcode, pending.member_no)
                    if in_room
                    else refusals.record_desk_refusal(actor, pending.barcode, pending.member_no)
                ),
                Changes(audit=True),
            )
            self._start(op.inline(self.show_error))

        self._enqueue("refusal", record)

    def _show_back_from_room(self, name: str, member_no: str) -> None:
        self.banner.show_text(
            "neutral",
            "return",
            tr("Back from the reading room: {name} ({member_no})").format(
                name=name, member_no=member_no
            ),
            [html.escape(tr("Choose its condition, then Enter: it goes back to the shelf."))],
        )

    def _show_taking_back(self, loan: desk.LoanFacts) -> None:
        lines = [
            html.escape(
                tr("Lent on {lent}, due {due}.").format(
                    lent=loan.lent_on.isoformat(), due=loan.due.isoformat()
                )
            )
        ]
        if loan.days_overdue > 0:
            lines.append(html.escape(days_overdue(loan.days_overdue) + "."))
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

    def _show_decision(self, verdict: Decision, verb: str = LEND) -> None:
        if verdict.allowed:
            headline = {
                LEND: tr("May be lent: due {due}"),
                RENEW: tr("May be renewed: due {due}"),
                ROOM: tr("May be read in the reading room"),
            }[verb].format(due=verdict.due.isoformat() if verdict.due else "")
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
    def _check_condition(self, grade: str) -> None:
        for button in self.condition_group.buttons():
            button.setChecked(button.property("grade") == grade)

    def select_condition(self, grade: str) -> None:
        """The grade the current row (a copy coming back) is taken back in."""
        self._check_condition(grade)
        item = self.desk.current_item
        if item is not None and item.action in TAKING_BACK and item.condition != grade:
            self.desk.set_condition(item.barcode, grade)
            self._show_basket()

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
        self._run([i for i in self.desk.ready() if i.barcode not in self._confirmed])

    def _run(
        self,
        items: list[desk.BasketItem],
        *,
        then: Callable[[], None] | None = None,
        front: bool = True,
    ) -> None:
        """Do ``items`` one after another (each its own service call, audited), then show
        what was done; ``then`` follows only if every one was done. ``front``: before
        anything typed meanwhile (Enter's own run), else after it."""
        if not items:
            return
        actor = self.session.actor
        steps: list[tuple[str, Callable[[], None]]] = [("run", self._run_started)]
        together = [i.barcode for i in items]  # a set is lent or taken back whole
        steps += [
            (
                "act",
                partial(self._act, item, actor, None, [b for b in together if b != item.barcode]),
            )
            for item in items
        ]
        steps.append(("ran", self._ran))
        if then is not None:
            steps.append(("then", lambda: None if self._run_stopped else then()))
        self._confirmed.update(i.barcode for i in items)
        if front:
            self.queue.extendleft(reversed(steps))
        else:
            self.queue.extend(steps)
        self._show_basket()
        self._next()

    def _run_started(self) -> None:
        self._run_done, self._run_stopped = [], False

    def _ran(self) -> None:
        """The run is over: rows not done are in the basket again; two or more done are
        summed up in the banner."""
        self._confirmed.clear()
        done = self._run_done
        if len(done) > 1:
            self._show_run(done)
        self._show_basket()
        self._offer_slip(done)

    def _offer_slip(self, dones: list[desk.Done]) -> None:
        """One slip for what one step lent or took back, as the setting says (slipnotes)."""
        results = [d.result for d in dones if d.action in (LEND, RETURN) and d.result is not None]
        if results:
            offer_slip(self, results)
            conservation_offer.offer_conservation(self, self.session, results)  # worse back

    def override(self) -> None:
        """Ask a supervisor (signed in, or signing in now) for the override and its reason."""
        item = self.desk.current_item
        if self.busy or item is None or not item.overridable:
            return
        assert item.decision is not None
        approval = ask_override(self, self.session, item.decision)
        if approval is None:
            self.focus_primary()
            return
        approver, reason = approval
        self._enqueue("override", lambda: self._overridden(item, approver, reason))

    def _overridden(self, item: desk.BasketItem, approver: staff.Actor, reason: str) -> None:
        now = self.desk.item(item.barcode)
        if now is not None and now.overridable:  # still the refusal the supervisor approved
            self._run_started()
            self._act(now, approver, reason)

    def _act(
        self,
        item: desk.BasketItem,
        actor: staff.Actor | None,
        reason: str | None,
        together: list[str] | None = None,
    ) -> None:
        """One row as a write in the window's calls thread: the window keeps painting while
        it waits for another program's lock, and no second write starts. ``together``: the
        run's other rows (a set goes out and comes back whole; None: the basket's)."""
        now = self.desk.item(item.barcode)
        grade = now.condition if now is not None else item.condition  # chosen meanwhile
        pending = item.pending
        also = (
            together
            if together is not None
            else self.desk.basket_barcodes(item.action, but=item.barcode)
        )
        op = CollectionOp(
            self,
            lambda: desk.act(pending, actor, reason=reason, condition=grade, also=also),
            CIRCULATION,
        )
        generation = self._generation

        def failed(error: BaseException) -> bool:
            self._stop_run()
            if generation == self._generation:
                return self._act_failed(item, error)
            if isinstance(error, Refused):  # the last person's refusal: in the history
                self.note_done(
                    "refused", tr("Not done: {barcode} was refused").format(barcode=item.barcode)
                )
                return True
            return False  # failures still show

        op.success(lambda done: self._done(done, generation == self._generation))
        op.failure(failed).inline(self.show_error)
        self._start(op.finally_(self.focus_primary))

    def _stop_run(self) -> None:
        """A row refused or failed: what was to follow the run (a new member, Esc) waits."""
        self._run_stopped = True

    def _act_failed(self, item: desk.BasketItem, error: BaseException) -> bool:
        """A refusal shows its decision and marks the row; bad input and permissions are
        shown inline, and the rest of the run is not tried."""
        if isinstance(error, Refused) and error.decision is not None:
            self.desk.refused(error.decision, item.barcode)
            self.desk.select(item.barcode)
            self._show_item(self.desk.item(item.barcode) or item)
            self._show_basket()
            return True
        self.queue = deque(step for step in self.queue if step[0] not in ("act", "then"))
        return False

    def _done(self, done: desk.Done, current: bool = True) -> None:
        """Show what was done; after Esc or a new mode only its line in the history (the
        next person at the desk does not see the last one's loans)."""
        in_run = done.barcode in self._confirmed
        self._confirmed.discard(done.barcode)
        if current:
            self.desk.done(done)
            self._run_done.append(done)
            {
                LEND: self._lent,
                RETURN: self._took_back,
                RENEW: self._renewed,
                ROOM: self._seated,
                ROOM_RETURN: self._back_from_room,
            }[done.action](done)
            self.borrower_panel.show_borrower(done.borrower)
            self._show_basket()
            if not in_run:  # an override's own write: its slip now
                self._offer_slip([done])
        self.note_done(ACTION_ICONS[done.action], self._history_line(done))

    def _seated(self, done: desk.Done) -> None:
        seat = getattr(getattr(done.result, "item", None), "seat", "")
        self._show_copy(done.copy)
        self.banner.show_text(
            "allowed",
            "allowed",
            tr("In the reading room: {name}, seat {seat}").format(
                name=done.borrower_name, seat=seat
            ),
            self._approved(done),
        )

    def _back_from_room(self, done: desk.Done) -> None:
        self._show_copy(done.copy)
        lines = [html.escape(tr("Back on its shelf."))]
        if done.set_aside is not None:
            lines = [
                html.escape(
                    tr("Set aside for {name} ({member_no}).").format(
                        name=done.set_aside.name, member_no=done.set_aside.member_no
                    )
                )
            ]
        self.banner.show_text(
            "allowed",
            "return",
            tr("Back from the reading room: {name} ({member_no})").format(
                name=done.borrower_name, member_no=done.member_no
            ),
            lines,
        )

    @staticmethod
    def _history_line(done: desk.Done) -> str:
        if done.action == ROOM:
            seat = getattr(getattr(done.result, "item", None), "seat", "")
            return tr("{barcode} to {member_no} in the reading room, seat {seat}").format(
                barcode=done.barcode, member_no=done.member_no, seat=seat
            )
        if done.action == ROOM_RETURN:
            return tr("{barcode} back from the reading room ({member_no})").format(
                barcode=done.barcode, member_no=done.member_no
            )
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

    def _show_run(self, done: list[desk.Done]) -> None:
        """Two or more copies done by one Enter: each on a line, the refused ones named."""
        n = len(done)
        action = done[0].action
        if action == LEND:
            headline = tr("Lent to {name}: {copies}").format(
                name=done[0].borrower_name,
                copies=self.tr("%n copies", "", n),
            )
        elif action in (ROOM, ROOM_RETURN):
            headline = tr("Reading room: {n} copies done").format(n=n)
        elif action == RETURN:
            headline = self.tr("Took back %n copies", "", n)
        else:
            headline = self.tr("Renewed %n copies", "", n)
        lines = []
        tone = "allowed"
        for each in done:
            line = f"{each.barcode} · {each.copy.get('title', '')}"
            if action in (LEND, RENEW):
                line += " · " + tr("due {due}").format(due=each.due.isoformat())
            if each.set_aside is not None:
                tone = "notice"
                line += " · " + tr("set aside for {name} ({member_no})").format(
                    name=each.set_aside.name, member_no=each.set_aside.member_no
                )
            elif each.copy_status == CopyStatus.DAMAGED:
                tone = "notice"
                line += " · " + tr("out of circulation (damaged)")
            lines.append(html.escape(line))
        left = [i for i in self.desk.basket if i.refused]
        if left:
            lines.append(
                html.escape(
                    self.tr(
                        "%n refused copies stay in the basket.",
                        "",
                        len(left),
                    )
                )
            )
        self.banner.show_text(tone, ACTION_ICONS[action], headline, lines)

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
            lines.append(html.escape(self.tr("It came back %n days late.", "", done.days_late)))
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

    # -- a hold from the desk ---------------------------------------------------------------
    def place_hold(self) -> None:
        """The borrower joins the waiting list for a copy refused as on loan (Alt+P)."""
        item = self.desk.current_item
        if self.busy or item is None or not item.may_hold or item.barcode in self._confirmed:
            return
        self._enqueue("hold", lambda: self._place_hold(item))

    def _place_hold(self, item: desk.BasketItem) -> None:
        actor = self.session.actor
        op = CollectionOp(
            self, lambda: desk.place_hold(actor, item), Changes(holds=True, audit=True)
        )
        op.success(self._current(self._hold_placed)).inline(self.show_error)
        self._start(op.finally_(self.focus_primary))

    def _hold_placed(self, held: desk.HoldAtDesk) -> None:
        self.desk.remove(held.barcode)
        if held.set_aside is not None:
            text = tr(
                "Hold placed for {member_no}: {title}, vol. {volume}; {copy} set aside"
            ).format(
                member_no=held.member_no, title=held.title, volume=held.volume, copy=held.set_aside
            )
        else:
            text = tr(
                "Hold placed for {member_no}: {title}, vol. {volume}; number {n} in line"
            ).format(
                member_no=held.member_no, title=held.title, volume=held.volume, n=held.position
            )
        self.note_done("holds", text)
        self.banner.show_text("notice", "holds", tr("Hold placed"), [html.escape(text)])
        self._show_basket()
        self.refresh()

    # -- page protocol ----------------------------------------------------------------------
    def clear(self, *, ask: bool = True) -> None:
        """Esc: a new person at the desk (copies that could still be done: ask first;
        ``ask=False`` discards them, for the screenshots' scenes)."""
        if not ask or self._may_put_aside(self._clear):
            self._clear()

    def _clear(self) -> None:
        self.desk.clear()
        # rows Enter confirmed are still done (and written in the history), nothing else
        self.queue = deque(step for step in self.queue if step[0] in ("act", "ran"))
        self._generation += 1
        self.borrower_panel.clear()
        self.message.clear_message()
        self.scan_edit.clear()
        self._show_copy(None)
        self._show_basket()
        self.focus_primary()

    def refresh(self) -> None:
        """Re-read the borrower and re-decide the basket (others may have acted)."""
        self.pickup_note.refresh()  # and the set-aside copies past their pickup date
        if self.desk.member_no is None and not self.desk.basket:
            self._update_hint()
            return
        if all(what != "refresh" for what, _step in self.queue):
            self._enqueue("refresh", self._reread)

    def _reread(self) -> None:
        member_no = self.desk.member_no
        items = [i for i in self.desk.basket if i.barcode not in self._confirmed]
        if member_no is None and not items:
            return
        op = QueryOp(self, lambda: desk.reread(member_no, items))
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
        if reread.gone:
            self.message.show_message(
                " ".join(reasons.message_text(why) for why in reread.gone.values())
            )
        item = self.desk.current_item
        if item is not None and item.action in (LEND, RENEW) and item.decision is not None:
            self._show_decision(item.decision, item.action)
        self._show_basket()

    def _reread_failed(self, error: BaseException) -> bool:
        if not isinstance(error, ReadingRoomError):
            return False
        self.desk.reread_failed()
        self.show_error(error)
        return True
