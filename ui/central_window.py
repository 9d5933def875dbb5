"""The window on a central database (the union catalogue): read-only, one Branches page.

``readingroom --db CENTRAL.db`` opens it when the file is a central database (made by
``central init``; :func:`ui.app.run` asks :func:`readingroom.central.views.is_central_database`
first). There is no sign-in: a central database holds no staff accounts, and the window
changes nothing (the file is opened read-only). The page reads in the window's calls thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton, QVBoxLayout, QWidget

from readingroom.central import views
from readingroom.errors import EnvironmentProblem, ReadingRoomError
from readingroom.paths import ServerUrl
from ui import errors
from ui.models.branches_model import branches_model, refused_model
from ui.models.labels import fill
from ui.operations import QueryOp
from ui.widgets.data_table import DataTable
from ui.widgets.message_bar import MessageBar


class BranchesPage(QWidget):
    """Each branch's newest bundle and holdings, then the bundles refused at import."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("branchesPage")
        layout = QVBoxLayout(self)
        self.heading = self._label(self.tr("Branches"))
        self.heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.heading)
        self.message = MessageBar(self)
        layout.addWidget(self.message)
        self.branches = branches_model(self)
        self.branches_table = DataTable(self.tr("Branches"), self)
        self.branches_table.setModel(self.branches)
        layout.addWidget(self.branches_table, 3)
        self.refused_heading = self._label("")
        layout.addWidget(self.refused_heading)
        self.refused = refused_model(self)
        self.refused_table = DataTable(self.tr("Bundles refused at import"), self)
        self.refused_table.setModel(self.refused)
        layout.addWidget(self.refused_table, 2)
        self.reload_button = QPushButton(self.tr("&Read again"), self)
        self.reload_button.clicked.connect(self.refresh)
        layout.addWidget(self.reload_button, 0, Qt.AlignmentFlag.AlignRight)

    def _label(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def refresh(self) -> None:
        QueryOp(self, views.overview).success(self.show_overview).disabling(
            self.reload_button
        ).run()

    def show_overview(self, overview: views.Overview) -> None:
        self.branches.set_rows(overview.branches)
        self.refused.set_rows(overview.refused)
        if not overview.branches:
            self.message.show_message(
                "info", self.tr("No bundle has been imported yet (central import-bundle DIR).")
            )
        else:
            self.message.clear()
        self.refused_heading.setText(
            self.tr("Bundles refused at import: %n", "", len(overview.refused))
        )
        if self.branches.rowCount():
            self.branches_table.selectRow(0)


class CentralWindow(QMainWindow):
    def __init__(self, path: Path | ServerUrl):
        super().__init__()
        self.setObjectName("centralWindow")
        self.page = BranchesPage(self)
        self.setCentralWidget(self.page)
        self.setWindowTitle(fill(self.tr("Union catalogue: %1 (read-only)"), path.name))
        self.path_label = QLabel(fill(self.tr("%1, read-only"), str(path)), self)
        self.statusBar().addWidget(self.path_label)
        self.resize(1100, 640)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.page.refresh()


def open_central_window(path: Path | ServerUrl) -> CentralWindow | None:
    """The central database at ``path`` opened read-only in its window (shown), or None
    after saying why it cannot be opened."""
    try:
        views.open_read_only(path)
    except EnvironmentProblem as problem:
        errors.ask_environment_problem(None, problem)
        return None
    except ReadingRoomError as error:
        errors.ask_environment_problem(None, EnvironmentProblem(error.message))
        return None
    window = CentralWindow(path)
    window.show()
    return window
