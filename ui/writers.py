"""The writers' catalogue: the window in a mode writers use on their own.

Only works a writer may see (never staff-only; :mod:`readingroom.writers_catalogue` decides),
with availability, the next due date and the waiting-list length per volume, and "join the
waiting list" by member number and PIN (one sentence for every refusal). No borrower names,
no loan records, no staff pages, nothing of the staff session: the window hides its
navigation, menus and status bar, and leaving asks for a staff name and password.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from readingroom import clock, staff, writers_catalogue
from readingroom.errors import ReadingRoomError
from readingroom.writers_catalogue import PlaceInLine, ReadyForMe, ReadyForYou, WriterWork
from ui import icons
from ui.operations import Changes, CollectionOp
from ui.records_model import RECORD_ROLE, RIGHT, Column, RecordsModel
from ui.session import Session
from ui.signin import MessageLabel

SEARCH_DELAY_MS = 150
#: what is ready for a writer stays on the screen this long (the next writer does not see it)
READY_SHOWN_MS = 30_000
LANGUAGES = {
    "ja": "Japanese",
    "en": "English",
    "fr": "French",
    "it": "Italian",
    "ru": "Russian",
    "de": "German",
    "es": "Spanish",
    "zh": "Chinese",
    "ko": "Korean",
}


def tr(text: str) -> str:
    return QCoreApplication.translate("WritersCatalogue", text)


def _both(romanised: str, vernacular: str) -> str:
    """A name as romanised, with its own script beside it when the record gives it."""
    return f"{romanised} ({vernacular})" if vernacular and romanised else romanised or vernacular


def language_name(code: str) -> str:
    return tr(LANGUAGES[code]) if code in LANGUAGES else code


def availability(work: WriterWork) -> str:
    """How a writer reads a work's availability, in a few words."""
    if work.in_circulation == 0:
        return tr("No copies in circulation")
    if work.rule == "reading-room":
        return tr("Reading room: {n} here").format(n=work.on_shelf)
    if work.on_shelf:
        return tr("{n} of {total} on the shelf").format(n=work.on_shelf, total=work.in_circulation)
    if work.next_due:
        return tr("All out; {when}").format(when=due_back(work.next_due))
    return tr("All set aside for the waiting list")


def due_back(day: date) -> str:
    """When a copy is expected back (a date already past reads as late, not as a promise)."""
    if day < clock.today():
        return tr("was due back {date}").format(date=day.isoformat())
    return tr("next due back {date}").format(date=day.isoformat())


def ready_text(ready: tuple[ReadyForYou, ...]) -> str:
    """Each copy set aside for the writer at the screen, on a line of its own."""
    return "\n".join(
        tr(
            "Ready for you since {since}: {title}, volume {n}; collect it at the desk by {by}."
        ).format(
            since=copy.since.isoformat(),
            title=copy.title,
            n=copy.volume,
            by=copy.collect_by.isoformat(),
        )
        for copy in ready
    )


def count_text(n: int) -> str:
    return tr("1 work") if n == 1 else tr("{n} works").format(n=n)


def waiting_text(count: int) -> str:
    return tr("{n} waiting").format(n=count) if count else ""


def work_columns() -> list[Column]:
    return [
        Column(tr("Title"), lambda w: w.title),
        Column(tr("Author"), lambda w: w.author),
        Column(tr("Translator"), lambda w: w.translator),
        Column(tr("Availability"), availability, sort_key=lambda w: (-w.on_shelf, w.title)),
        Column(
            tr("Waiting list"),
            lambda w: waiting_text(w.waiting),
            RIGHT,
            sort_key=lambda w: w.waiting,
        ),
    ]


class WorkDetail(QFrame):
    """One work: who wrote and translated it, each volume's availability, the waiting list."""

    join_requested = Signal(int, int, str, str)  # work id, volume, member number, PIN

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.work: WriterWork | None = None
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setTextFormat(Qt.TextFormat.PlainText)
        self.volumes = QLabel()
        self.volumes.setWordWrap(True)
        self.volumes.setTextFormat(Qt.TextFormat.PlainText)
        self.volumes.setAccessibleName(tr("Volumes"))
        self.join_box = self._build_join_box()
        self.message = MessageLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        for widget in (self.title, self.about, self.volumes, self.join_box, self.message):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.show_work(None)

    def _build_join_box(self) -> QFrame:
        box = QFrame()
        self.volume_combo = QComboBox()
        self.volume_combo.setAccessibleName(tr("Volume"))
        self.member_edit = QLineEdit()
        self.member_edit.setPlaceholderText(tr("Your member number"))
        self.member_edit.setAccessibleName(tr("Member number"))
        self.pin_edit = QLineEdit()
        self.member_edit.returnPressed.connect(lambda: self.pin_edit.setFocus())
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(8)
        self.pin_edit.setPlaceholderText(tr("Your PIN"))
        self.pin_edit.setAccessibleName(tr("PIN"))
        self.pin_edit.returnPressed.connect(self._join)
        self.join_button = QPushButton(icons.icon("holds"), tr("&Join the waiting list"))
        self.join_button.setAccessibleName(tr("Join the waiting list"))
        self.join_button.clicked.connect(self._join)
        self.join_heading = QLabel(tr("<b>Join the waiting list</b>"))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.volume_combo)
        row.addWidget(self.member_edit, 1)
        row.addWidget(self.pin_edit)
        row.addWidget(self.join_button)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.join_heading)
        layout.addWidget(
            QLabel(
                tr(
                    "Type your member number and your PIN: the desk sets the "
                    "next free copy aside for you, in turn."
                )
            )
        )
        layout.addLayout(row)
        return box

    def show_work(self, work: WriterWork | None) -> None:
        changed = work is None or self.work is None or work.work_id != self.work.work_id
        self.work = work
        if changed:
            self.message.clear_message()
        if work is None:
            self.title.setText(tr("Choose a work"))
            self.about.setText(
                tr("Search above, then pick a work to see its volumes and the waiting list.")
            )
            self.volumes.setText("")
            self.join_box.hide()
            return
        self.title.setText(work.title)
        self.about.setText(self._about(work))
        self.volumes.setText("\n".join(self._volume_line(work, v.volume) for v in work.volumes))
        self.join_box.setVisible(work.rule in ("loan", "approval"))
        current = self.volume_combo.currentIndex() if not changed else 0
        self.volume_combo.clear()
        for volume in work.volumes:
            self.volume_combo.addItem(tr("Volume {n}").format(n=volume.volume), volume.volume)
        self.volume_combo.setCurrentIndex(max(0, current))
        self.volume_combo.setVisible(len(work.volumes) > 1)

    @staticmethod
    def _about(work: WriterWork) -> str:
        lines = [work.title_vernacular] if work.title_vernacular else []
        author = _both(work.author, work.author_vernacular)
        if author:
            lines.append(tr("by {author}").format(author=author))
        if work.translator:
            translator = _both(work.translator, work.translator_vernacular)
            lines.append(tr("translated by {t}").format(t=translator))
        if work.original_title:
            lines.append(
                tr("Original: {title} ({language})").format(
                    title=work.original_title, language=language_name(work.original_language)
                )
            )
        published = ", ".join(str(p) for p in (work.publisher, work.year) if p)
        if published:
            lines.append(published)
        if work.rule == "reading-room":
            lines.append(tr("Read in the reading room only; not lent."))
        return "\n".join(lines)

    @staticmethod
    def _volume_line(work: WriterWork, number: int) -> str:
        volume = work.volumes[number - 1]
        name = tr("Volume {n}").format(n=number) if len(work.volumes) > 1 else tr("Copies")
        if volume.on_shelf:
            state = tr("{n} of {total} on the shelf").format(
                n=volume.on_shelf, total=volume.in_circulation
            )
        elif volume.next_due:
            state = tr("all out; {when}").format(when=due_back(volume.next_due))
        elif volume.in_circulation:
            state = tr("all set aside for the waiting list")
        else:
            state = tr("none in circulation")
        queue = tr("; {n} on the waiting list").format(n=volume.waiting) if volume.waiting else ""
        return f"{name}: {state}{queue}"

    def _join(self) -> None:
        if self.work is None:
            return
        member_no, pin = self.member_edit.text().strip(), self.pin_edit.text()
        if not member_no or not pin:
            self.message.show_message(tr("Type your member number and your PIN."))
            (self.pin_edit if member_no else self.member_edit).setFocus()
            return
        self.join_requested.emit(
            self.work.work_id, self.volume_combo.currentData() or 1, member_no, pin
        )

    def show_result(self, text: str, tone: str) -> None:
        self.member_edit.clear()  # the next writer at the screen sees neither
        self.pin_edit.clear()
        self.message.show_message(text, tone)


class WritersCatalogue(QWidget):
    """The whole writers' mode: a search, the visible works and one work's detail."""

    leave_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setAccessibleName(tr("Writers' catalogue"))
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.refresh)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(tr("Search by title, author or translator"))
        self.search_edit.setAccessibleName(tr("Search the catalogue"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_edit.textChanged.connect(lambda _: self.search_timer.start())
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.model = RecordsModel(work_columns(), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Works"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self.detail = WorkDetail()
        self.detail.join_requested.connect(self.join)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("writers/splitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([780, 480])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(self._header())
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.count)
        layout.addLayout(search_row)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self._ready_box())
        self.setTabOrder(self.search_edit, self.table)

    def _ready_box(self) -> QFrame:
        """Collecting a book: a writer types their member number and PIN and sees what is
        set aside for them ("ready for you since …"), nothing about anyone else."""
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        self.ready_member_edit = QLineEdit()
        self.ready_member_edit.setPlaceholderText(tr("Your member number"))
        self.ready_member_edit.setAccessibleName(tr("Member number, to see what is ready"))
        self.ready_pin_edit = QLineEdit()
        self.ready_pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.ready_pin_edit.setMaxLength(8)
        self.ready_pin_edit.setPlaceholderText(tr("Your PIN"))
        self.ready_pin_edit.setAccessibleName(tr("PIN, to see what is ready"))
        self.ready_member_edit.returnPressed.connect(lambda: self.ready_pin_edit.setFocus())
        self.ready_pin_edit.returnPressed.connect(self.show_ready)
        self.ready_button = QPushButton(icons.icon("holds"), tr("See what is &ready for me"))
        self.ready_button.setAccessibleName(tr("See what is ready for me"))
        self.ready_button.clicked.connect(self.show_ready)
        self.ready_message = MessageLabel()
        self.ready_timer = QTimer(self)
        self.ready_timer.setSingleShot(True)
        self.ready_timer.setInterval(READY_SHOWN_MS)
        self.ready_timer.timeout.connect(self.ready_message.clear_message)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(tr("<b>Collecting a book?</b>")))
        row.addWidget(self.ready_member_edit, 1)
        row.addWidget(self.ready_pin_edit)
        row.addWidget(self.ready_button)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(row)
        layout.addWidget(self.ready_message)
        return box

    def show_ready(self) -> None:
        """What is set aside for the writer whose member number and PIN were typed (the
        fields are cleared at once; the call runs in the calls thread)."""
        member_no, pin = self.ready_member_edit.text().strip(), self.ready_pin_edit.text()
        if not member_no or not pin:
            self.ready_message.show_message(tr("Type your member number and your PIN."))
            (self.ready_pin_edit if member_no else self.ready_member_edit).setFocus()
            return
        self.ready_member_edit.clear()  # the next writer at the screen sees neither
        self.ready_pin_edit.clear()
        self.ready_message.clear_message()
        actor = self.session.actor
        CollectionOp(
            self,
            lambda: writers_catalogue.ready_for_me(staff.signed_in(actor), member_no, pin),
            Changes(audit=True),
        ).success(self._ready_shown).failure(self._ready_refused).disabling(self.ready_button).run()

    def _ready_shown(self, answer: ReadyForMe) -> None:
        self.ready_timer.start()  # then gone, before the next writer comes
        if answer.ready:
            self.ready_message.show_message(ready_text(answer.ready), "allowed")
        else:
            self.ready_message.show_message(
                tr("Nothing is set aside for you yet: the desk sets a copy aside in turn."),
                "allowed",
            )

    def _ready_refused(self, error: BaseException) -> bool:
        if not isinstance(error, ReadingRoomError):
            return False  # a bug: the crash dialog
        self.ready_message.show_message(tr("Not possible here: ask at the desk."), "refused")
        return True

    def _header(self) -> QHBoxLayout:
        logo = QLabel()
        logo.setPixmap(icons.icon("writers").pixmap(36, 36))
        title = QLabel(tr("Writers' catalogue"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel(
            tr("Find a book, see whether it is on the shelf, and join its waiting list.")
        )
        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(subtitle)
        self.leave_button = QPushButton(icons.icon("lock"), tr("Staff: &leave…"))
        self.leave_button.setAccessibleName(tr("Leave the writers' catalogue (staff only)"))
        self.leave_button.clicked.connect(self.leave_requested)
        row = QHBoxLayout()
        row.addWidget(logo)
        row.addLayout(text, 1)
        row.addWidget(self.leave_button, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def refresh(self) -> None:
        """Search again and keep the chosen work chosen."""
        chosen = self.detail.work.work_id if self.detail.work else None
        works = writers_catalogue.search(self.search_edit.text())
        self.model.set_records(works)
        self.count.setText(count_text(len(works)))
        rows = [i for i, w in enumerate(works) if w.work_id == chosen]
        if rows:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(rows[0], 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        else:
            self.detail.show_work(None)

    def _show_current(self, current, _previous=None) -> None:
        work = self.model.data(current, RECORD_ROLE) if current.isValid() else None
        self.detail.show_work(work)

    def join(self, work_id: int, volume: int, member_no: str, pin: str) -> None:
        """Join as the writer whose member number and PIN were typed (the fields are
        cleared at once, the call runs in the calls thread); any refusal, whatever its
        reason (the audit trail keeps it for staff), reads the same one sentence."""
        self.detail.show_result("", "allowed")
        actor = self.session.actor
        CollectionOp(
            self,
            lambda: writers_catalogue.join_waiting_list(
                staff.signed_in(actor), work_id, volume, member_no, pin
            ),
            Changes.named("hold"),
        ).success(self._joined).failure(self._not_joined).disabling(self.detail.join_button).run()

    def _not_joined(self, error: BaseException) -> bool:
        if not isinstance(error, ReadingRoomError):
            return False  # a bug: the crash dialog
        self.detail.show_result(tr("Not possible here: ask at the desk."), "refused")
        return True

    def _joined(self, placed: PlaceInLine) -> None:
        what = tr("{title}, volume {n}").format(title=placed.title, n=placed.volume)
        if placed.set_aside:
            text = tr("A copy of {what} is set aside for you: ask at the desk.")
        else:
            text = tr("You are number {position} on the waiting list for {what}.")
        text = text.format(what=what, position=placed.position)
        if placed.ready:
            text += "\n" + ready_text(placed.ready)
        self.detail.show_result(text, "allowed")
        self.refresh()

    def reset(self) -> None:
        """A fresh screen for the next writer."""
        self.search_edit.clear()
        self.detail.show_result("", "allowed")
        self.ready_member_edit.clear()
        self.ready_pin_edit.clear()
        self.ready_message.clear_message()
        self.refresh()
        self.search_edit.setFocus()

    def focus_primary(self) -> None:
        self.search_edit.setFocus()
