"""Borrower notes in the window: what the desk shows at a member's scan, and the panel of
the borrower dialog that lists, adds and resolves them.

:class:`DeskNotes` is the desk's box: ``show_member(member_no)`` reads the member's open
notes in the calls thread and shows each with its author and date, in the notice colour;
it hides itself when there are none (or for ``None``, a cleared desk). An answer that
arrives after the desk moved on to another member is dropped.

:class:`NotesPanel` lists a member's open notes, adds one (Enter in its field adds, and
never presses the dialog's default button) and resolves the one selected; each change is
one audited write through :mod:`readingroom.borrower_notes`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from readingroom import borrower_notes, staff
from readingroom.borrower_notes import Note
from ui import icons, theme
from ui.models import labels
from ui.operations import Changes, CollectionOp, QueryOp
from ui.session import Session
from ui.widgets.message_bar import MessageBar

#: what adding or resolving a note changes: the borrower's card and the audit trail
NOTE_CHANGES = Changes(borrowers=True, audit=True)


def note_line(widget: QWidget, note: Note) -> str:
    """ "text — author, date" in the window's language."""
    return labels.fill(
        widget.tr("%1 — %2, %3"), note.text, note.author, note.written_at.strftime("%Y-%m-%d")
    )


class DeskNotes(QFrame):
    """The member's open notes at the desk, hidden when there are none."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("deskNotes")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.member_no: str | None = None
        self.notes: list[Note] = []
        self._asked = 0
        self.icon = QLabel(self)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName(self.tr("Notes on this member"))
        top = QHBoxLayout()
        top.addWidget(self.icon)
        top.addWidget(self.heading, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addLayout(top)
        layout.addWidget(self.text)
        self.hide()

    def show_member(self, member_no: str | None) -> None:
        """Read and show ``member_no``'s open notes (None: a cleared desk, nothing shown)."""
        self._asked += 1
        asked = self._asked
        self.member_no = member_no
        if member_no is None:
            self._show([])
            return
        QueryOp(self, lambda: borrower_notes.notes_of(member_no)).success(
            lambda notes: self._answered(asked, notes)
        ).failure(lambda _error: asked != self._asked).run()

    def _answered(self, asked: int, notes: list[Note]) -> None:
        if asked == self._asked:
            self._show(notes)

    def _show(self, notes: list[Note]) -> None:
        self.notes = notes
        if not notes:
            self.text.clear()
            self.hide()
            return
        tone = theme.status_tones(self.palette()).notice
        self.setStyleSheet(
            f"#deskNotes {{ {tone.css()} border-radius: 4px; }}"
            f" #deskNotes QLabel {{ color: {tone.text.name()}; }}"
        )
        size = self.fontMetrics().height()
        self.icon.setPixmap(icons.pixmap("notice", size, tone.text))
        self.heading.setText(labels.fill(self.tr("Notes on this member (%1)"), len(notes)))
        self.text.setText("\n".join(f"• {note_line(self, note)}" for note in notes))
        self.setAccessibleDescription(self.text.text())
        self.show()


class NoteEdit(QLineEdit):
    """A one-line field whose Enter adds the note and goes no further (not to the
    dialog's default button)."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class NotesPanel(QWidget):
    """A member's open notes: add one, resolve the one selected."""

    def __init__(self, session: Session, member_no: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.member_no = member_no
        self.notes: list[Note] = []
        self.message = MessageBar(self)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Notes on this member"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)  # one note from the next, when they wrap
        self.list.setMinimumHeight(70)
        self.list.setMaximumHeight(160)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.edit = NoteEdit(self)
        self.edit.setMaxLength(borrower_notes.NOTE_MAX + 20)  # longer is refused with why
        self.edit.setPlaceholderText(self.tr("Shown at every scan of this card"))
        self.edit.setAccessibleName(self.tr("New note"))
        self.edit.submitted.connect(self.add_note)
        self.edit.textChanged.connect(lambda _text: self._update_buttons())
        self.add_button = QPushButton(self.tr("&Add note"), self)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_note)
        self.resolve_button = QPushButton(self.tr("Reso&lve"), self)
        self.resolve_button.setAutoDefault(False)
        self.resolve_button.setAccessibleName(self.tr("Resolve the selected note"))
        self.resolve_button.clicked.connect(self.resolve_note)
        resolve_row = QHBoxLayout()
        resolve_row.setContentsMargins(0, 0, 0, 0)
        resolve_row.addStretch(1)
        resolve_row.addWidget(self.resolve_button)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message)
        layout.addWidget(self.list, 1)
        layout.addLayout(resolve_row)
        layout.addLayout(row)
        self._update_buttons()
        self.reload()

    def reload(self) -> None:
        member_no = self.member_no
        QueryOp(self, lambda: borrower_notes.notes_of(member_no)).success(self._show).run()

    def _show(self, notes: list[Note]) -> None:
        self.notes = notes
        self.list.clear()
        for note in notes:
            item = QListWidgetItem(note_line(self, note))
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            self.list.addItem(item)
        if not notes:
            placeholder = QListWidgetItem(self.tr("No notes."))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(placeholder)
        self._update_buttons()

    def _update_buttons(self) -> None:
        may = self.session.can_change
        self.edit.setEnabled(may)
        self.add_button.setEnabled(may and bool(self.edit.text().strip()))
        self.resolve_button.setEnabled(may and self.selected_note() is not None)

    def selected_note(self) -> int | None:
        item = self.list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return int(value) if value is not None else None

    def add_note(self) -> None:
        text = self.edit.text()
        if not self.add_button.isEnabled():
            return
        actor, member_no = self.session.actor, self.member_no
        CollectionOp(
            self,
            lambda: borrower_notes.add_note(staff.signed_in(actor), member_no, text),
            NOTE_CHANGES,
        ).success(self._added).inline(self.message.show_error).disabling(self.add_button).run()

    def _added(self, added: borrower_notes.NoteAdded) -> None:
        self.edit.clear()
        self.message.show_success(self.tr("Note added."))
        self.reload()

    def resolve_note(self) -> None:
        note_id = self.selected_note()
        if note_id is None or not self.resolve_button.isEnabled():
            return
        actor = self.session.actor
        CollectionOp(
            self,
            lambda: borrower_notes.resolve_note(staff.signed_in(actor), note_id),
            NOTE_CHANGES,
        ).success(self._resolved).inline(self.message.show_error).disabling(
            self.resolve_button
        ).run()

    def _resolved(self, resolved: borrower_notes.NoteResolved) -> None:
        self.message.show_success(self.tr("Note resolved: it stays in the history."))
        self.reload()
