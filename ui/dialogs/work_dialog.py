"""Add or edit a work: its bibliographic fields (the title, author and translator also in
their own script, as a library's 880 fields give them), access class, number of volumes and
whether they go out together (issued as a set).

The dialog shows a :class:`~readingroom.queries.forms.WorkForm` (plain values) and saves
through :mod:`readingroom.catalogue`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from readingroom import catalogue
from readingroom.queries.forms import WorkForm
from readingroom.vocabulary import ACCESS_CLASSES
from ui.dialogs.form_dialog import FormDialog
from ui.models import labels
from ui.operations import Changes
from ui.session import Session

TEXT_FIELDS = (
    "title",
    "title_vernacular",
    "subtitle",
    "author",
    "author_vernacular",
    "original_title",
    "original_language",
    "translator",
    "translator_vernacular",
    "publisher",
    "year",
    "isbn",
)


class WorkDialog(FormDialog):
    """``saved`` carries the :class:`~readingroom.catalogue.WorkSaved` result (the work as
    saved: its id and title)."""

    writes = Changes.named("work")

    def __init__(
        self, session: Session, work: WorkForm | None = None, parent: QWidget | None = None
    ):
        super().__init__(session, "", parent)
        self.set_title(self.tr("Edit work") if work else self.tr("New work"))
        self.work = work
        self.inputs: dict[str, QLineEdit] = {}
        captions = {
            "title": (self.tr("&Title:"), ("original title", "title")),
            "title_vernacular": (self.tr("Title in its o&wn script:"), ("title vernacular",)),
            "subtitle": (self.tr("S&ubtitle:"), ("subtitle",)),
            "author": (self.tr("&Author:"), ("author",)),
            "author_vernacular": (self.tr("Author in its own &script:"), ("author vernacular",)),
            "original_title": (self.tr("&Original title:"), ("original title",)),
            "original_language": (self.tr("Original &language:"), ("original language",)),
            "translator": (self.tr("T&ranslator:"), ("translator",)),
            "translator_vernacular": (
                self.tr("Translator in its own script:"),
                ("translator vernacular",),
            ),
            "publisher": (self.tr("&Publisher:"), ("publisher",)),
            "year": (self.tr("&Year:"), ("year",)),
            "isbn": (self.tr("&ISBN:"), ("isbn",)),
        }
        for name in TEXT_FIELDS:
            caption, names = captions[name]
            line = QLineEdit(self)
            self.inputs[name] = self.add_row(caption, line, names=names)
        self.inputs["year"].setPlaceholderText(self.tr("e.g. 1987"))
        self.inputs["original_language"].setPlaceholderText(self.tr("e.g. ja, fr, en"))
        self.access = QComboBox(self)
        for value in ACCESS_CLASSES:
            self.access.addItem(labels.access(value), value)
        self.add_row(self.tr("A&ccess:"), self.access, names=("access",))
        self.volumes = QSpinBox(self)
        self.volumes.setRange(1, 1000)
        self.add_row(self.tr("&Volumes:"), self.volumes, names=("volumes",))
        self.set_issue = QCheckBox(self.tr("Every volume goes out together"), self)
        self.add_row(self.tr("Issued as a s&et:"), self.set_issue, names=("set",))
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(self.fontMetrics().height() * 4)
        self.add_row(self.tr("&Notes:"), self.notes, names=("notes",))
        if work is not None:
            self._show(work)

    def _show(self, work: WorkForm) -> None:
        for name, line in self.inputs.items():
            value = getattr(work, name)
            line.setText("" if value is None else str(value))
        self.access.setCurrentIndex(self.access.findData(work.access))
        self.volumes.setValue(work.volumes)
        self.set_issue.setChecked(work.set_issue)
        self.notes.setPlainText(work.notes)

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {name: line.text() for name, line in self.inputs.items()}
        values.update(
            access=self.access.currentData(),
            volumes=self.volumes.value(),
            notes=self.notes.toPlainText(),
            set_issue=self.set_issue.isChecked(),
        )
        return values

    def changes(self) -> dict[str, Any]:
        """The values that differ from the work being edited."""
        current = {name: getattr(self.work, name) for name in self.values()}
        return {
            name: value
            for name, value in self.values().items()
            if str(value) != str("" if current[name] is None else current[name])
        }

    def submit(self) -> Callable[[], catalogue.WorkSaved]:
        actor = self.session.actor
        if self.work is None:
            values = self.values()
            return lambda: catalogue.add_work(actor, **values)
        work_id, changes = self.work.id, self.changes()
        return lambda: catalogue.edit_work(actor, work_id, **changes)  # none: writes nothing
