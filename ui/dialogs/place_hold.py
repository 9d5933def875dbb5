"""Place a hold from the staff side: a borrower and a work's volume, chosen by typing (the
borrower page gives its borrower; the waiting-list page starts with its selected work).

Typing in a search field lists the matches (read in the calls thread), the first one
chosen, so a librarian types a member number, Tab, part of a title, and Enter. The hold is
placed by :func:`readingroom.holds.place_hold_on_work` with the page it came from as
``via``; a refusal (``ALREADY_ON_LOAN``, a role that may never borrow the work, a duplicate)
stays in the dialog above the form, each reason with its code, and nothing is placed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from readingroom import holds
from readingroom.browse.borrowers import BorrowerFilter, borrower_ids, borrower_rows
from readingroom.browse.works import WorkFilter, first_screen
from readingroom.errors import ReadingRoomError, Refused
from readingroom.holds import HoldPlaced
from ui import reasons
from ui.models import labels
from ui.operations import Changes, CollectionOp, QueryOp
from ui.session import Session
from ui.widgets.message_bar import MessageBar

#: matches listed under a search field
SHOWN = 12
SEARCH_DELAY_MS = 120
DATA = Qt.ItemDataRole.UserRole
#: what a picker looks for
BORROWERS, WORKS = "borrowers", "works"


def tr(text: str) -> str:
    return QCoreApplication.translate("PlaceHoldDialog", text)


@dataclass(frozen=True)
class Member:
    member_no: str
    name: str


@dataclass(frozen=True)
class WorkChoice:
    work_id: int
    title: str
    author: str
    volumes: int


def find_borrowers(text: str) -> list[Member]:
    """Borrowers matching ``text`` (name, member number, organisation), the calls thread."""
    ids = borrower_ids(BorrowerFilter(text))[:SHOWN]
    rows = borrower_rows(ids)
    return [Member(rows[i].member_no, rows[i].name) for i in ids if i in rows]


def find_works(text: str) -> list[WorkChoice]:
    """Works matching ``text`` (a title, an author, a copy's barcode), the calls thread."""
    screen = first_screen(WorkFilter(text), limit=SHOWN, with_rows=True)
    rows = screen.rows
    return [
        WorkChoice(i, rows[i].title, rows[i].author, rows[i].volumes)
        for i in screen.ids[:SHOWN]
        if i in rows
    ]


def placed_text(placed: HoldPlaced) -> str:
    """What placing did, for the page's message bar."""
    what = labels.fill(tr("%1, volume %2"), placed.hold.work.title, placed.hold.volume)
    member_no = placed.hold.borrower.member_no
    if placed.set_aside is not None:
        return labels.fill(
            tr("Copy %1 of %2 is set aside for %3: put it on the hold shelf."),
            placed.set_aside.barcode,
            what,
            member_no,
        )
    return labels.fill(
        tr("%1 is number %2 on the waiting list for %3."), member_no, placed.position, what
    )


def refusal_text(error: ReadingRoomError) -> str:
    """Each reason in the window's language with its code, as the desk shows them."""
    if isinstance(error, Refused) and error.decision.reasons:
        return "\n".join(
            f"{reasons.explain(reason)} ({reason.code})" for reason in error.decision.reasons
        )
    return reasons.error_text(error)


class Picker(QWidget):
    """A search field over a short list of ``kind`` (:data:`BORROWERS` or :data:`WORKS`),
    read in the calls thread; the first match is chosen."""

    chosen_changed = Signal()

    def __init__(
        self,
        hint: str,
        kind: str,
        show: Callable[[Any], str],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.kind, self.label_of = kind, show
        self.asked = 0
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(hint)
        self.edit.setClearButtonEnabled(True)
        self.matches = QListWidget(self)
        self.matches.setMaximumHeight(self.fontMetrics().height() * 6)
        self.matches.setAccessibleName(labels.fill(tr("Matches: %1"), hint))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.matches)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.search)
        self.edit.textChanged.connect(lambda _text: self.timer.start())
        self.matches.currentRowChanged.connect(lambda _row: self.chosen_changed.emit())
        self.setFocusProxy(self.edit)

    def search(self) -> None:
        self.timer.stop()
        self.asked += 1
        asked, text = self.asked, self.edit.text().strip()
        if not text:
            self._fill(asked, [])
            return
        query: QueryOp[list[Any]]
        if self.kind == BORROWERS:
            query = QueryOp(self, lambda: find_borrowers(text))
        else:
            query = QueryOp(self, lambda: find_works(text))
        query.success(lambda found: self._fill(asked, found)).run()

    def _fill(self, asked: int, found: list) -> None:
        if asked != self.asked:
            return  # typed again since
        self.matches.blockSignals(True)
        self.matches.clear()
        for match in found:
            item = QListWidgetItem(self.label_of(match))
            item.setData(DATA, match)
            self.matches.addItem(item)
        if not found and self.edit.text().strip():
            self.matches.addItem(QListWidgetItem(tr("Nothing matches.")))
        self.matches.setCurrentRow(0 if found else -1)
        self.matches.blockSignals(False)
        self.chosen_changed.emit()

    def preset(self, match: object) -> None:
        """Start with ``match`` typed and chosen (typing searches afresh)."""
        self.edit.blockSignals(True)
        self.edit.setText(self.label_of(match))
        self.edit.blockSignals(False)
        self.asked += 1
        self._fill(self.asked, [match])

    def chosen(self) -> object | None:
        item = self.matches.currentItem()
        return item.data(DATA) if item is not None else None


class PlaceHoldDialog(QDialog):
    """Place a hold for a borrower (given, or typed) on a work's volume (typed; ``work``
    is chosen at first when given)."""

    placed = Signal(object)  # HoldPlaced

    def __init__(
        self,
        session: Session,
        *,
        via: str,
        member: Member | None = None,
        work: WorkChoice | None = None,
        volume: int = 1,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.session, self.via = session, via
        self.fixed_member = member
        title = tr("Place a hold")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.message = MessageBar(self)
        layout.addWidget(self.message)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(form)
        self.member_picker: Picker | None = None
        if member is not None:
            shown = QLabel(f"{member.name} ({member.member_no})", self)
            shown.setTextFormat(Qt.TextFormat.PlainText)
            form.addRow(tr("Borrower:"), shown)
        else:
            self.member_picker = Picker(
                tr("Member number or name"),
                BORROWERS,
                lambda m: f"{m.member_no}  {m.name}",
                self,
            )
            self.member_picker.edit.setAccessibleName(tr("Borrower"))
            borrower_label = QLabel(tr("&Borrower:"), self)
            borrower_label.setBuddy(self.member_picker.edit)
            form.addRow(borrower_label, self.member_picker)
            self.member_picker.chosen_changed.connect(self._update)
        work_label = QLabel(tr("&Work:"), self)
        self.work_picker = Picker(
            tr("Title, author or a copy's barcode"),
            WORKS,
            lambda w: labels.fill(tr("%1 by %2"), w.title, w.author),
            self,
        )
        self.work_picker.edit.setAccessibleName(tr("Work"))
        work_label.setBuddy(self.work_picker.edit)
        form.addRow(work_label, self.work_picker)
        self.work_picker.chosen_changed.connect(self._update)
        self.volume = QSpinBox(self)
        self.volume.setAccessibleName(tr("Volume"))
        volume_label = QLabel(tr("&Volume:"), self)
        volume_label.setBuddy(self.volume)
        form.addRow(volume_label, self.volume)
        self.buttons = QDialogButtonBox(self)
        self.place_button = self.buttons.addButton(
            tr("&Place hold"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.place_button.setAccessibleName(tr("Place the hold"))
        self.place_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.place)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if work is not None:
            self.work_picker.preset(work)
        self._update()
        self.volume.setValue(volume)

    def member(self) -> Member | None:
        if self.fixed_member is not None:
            return self.fixed_member
        chosen = self.member_picker.chosen() if self.member_picker else None
        return chosen if isinstance(chosen, Member) else None

    def work(self) -> WorkChoice | None:
        chosen = self.work_picker.chosen()
        return chosen if isinstance(chosen, WorkChoice) else None

    def _update(self) -> None:
        work = self.work()
        self.volume.setRange(1, work.volumes if work else 1)
        self.volume.setEnabled(work is not None and work.volumes > 1)
        self.place_button.setEnabled(
            self.session.can_change and work is not None and self.member() is not None
        )

    def place(self) -> None:
        """Place the hold in the calls thread: closed once placed, a refusal shown here."""
        for picker in (self.member_picker, self.work_picker):
            if picker is not None and picker.timer.isActive():
                picker.search()  # typed just now: the matches first, then Enter again
                return
        member, work = self.member(), self.work()
        if member is None or work is None or not self.place_button.isEnabled():
            return
        self.message.clear()
        actor, volume, via = self.session.actor, self.volume.value(), self.via
        CollectionOp(
            self,
            lambda: holds.place_hold_on_work(
                actor, work.work_id, volume, member.member_no, via=via
            ),
            Changes.named("hold"),
        ).success(self._placed).inline(self._refused).disabling(self.place_button).run()

    def _placed(self, placed: HoldPlaced) -> None:
        self.placed.emit(placed)
        self.accept()

    def _refused(self, error: ReadingRoomError) -> None:
        self.message.show_message("error", refusal_text(error))
