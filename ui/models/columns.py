"""What a table column shows for a row, in each item-data role."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtGui import Qt as GuiQt

from ui import icons, theme

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter

#: a tone names a colour of ``ui.theme.status_tones``; each has an icon, so it is never
#: shown by colour alone
TONE_ICONS = {"refused": "refused", "notice": "notice", "allowed": "allowed"}

#: cells with more characters than this show their whole text as a tooltip (it may be elided)
LONG_TEXT = 16

#: on a dark base the banners' pale text colours read as white: stronger ones for tables
DARK_TABLE_TEXT = {"refused": "#ff8a80", "notice": "#ffd27a", "allowed": "#8fd19e"}

ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: the parent of every row of a table model
NO_PARENT = QModelIndex()


@dataclass(frozen=True)
class Column:
    """``text(row)`` is shown; ``sort`` names the ``readingroom.browse`` sort key (None: the
    column cannot be sorted); ``tone(row)`` colours the cell and adds its icon."""

    header: str
    text: Callable[[Any], str]
    sort: str | None = None
    align: Qt.AlignmentFlag = LEFT
    tone: Callable[[Any], str | None] | None = None
    tooltip: Callable[[Any], str] | None = None
    #: default width in average characters
    width: int = 12
    #: the column takes the table's spare width
    stretch: bool = False
    #: the tone's icon is shown too (False: colour only, for a column next to one that
    #: carries the icon and the words)
    tone_icon: bool = True


def cell_data(column: Column, row: Any, role: int) -> Any:
    """The value for ``role`` of ``column`` in ``row`` (None when the role is not used)."""
    if row is None:
        return None
    if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
        return column.text(row)
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return int(column.align.value)
    if role == Qt.ItemDataRole.ToolTipRole:
        if column.tooltip:
            return plain_tooltip(column.tooltip(row))
        text = column.text(row)
        return plain_tooltip(text) if len(text) > LONG_TEXT else None
    if column.tone is None or role not in (
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.DecorationRole,
    ):
        return None
    tone = column.tone(row)
    if tone is None:
        return None
    if role == Qt.ItemDataRole.ForegroundRole:
        return QBrush(tone_text(tone))
    return tone_icon(tone) if column.tone_icon else None


def plain_tooltip(text: str | None) -> str | None:
    """``text`` as a tooltip that shows it as typed: a tooltip renders anything that looks
    like HTML (a title ``<h1>RECALLED</h1>``), so such text is escaped into a paragraph."""
    if not text or not GuiQt.mightBeRichText(text):
        return text
    return GuiQt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpacePre)


def tone_text(tone: str) -> QColor:
    """A tone's text colour on the table's own background (light or dark)."""
    if theme.is_dark():
        return QColor(DARK_TABLE_TEXT[tone])
    return getattr(theme.status_tones(), tone).text


def tone_icon(tone: str) -> QIcon:
    return icons.icon(TONE_ICONS[tone])


def header_data(
    columns: list[Column],
    section: int,
    orientation: Qt.Orientation,
    role: int,
    sortable: bool = False,
) -> Any:
    if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(columns):
        return None
    column = columns[section]
    if role == Qt.ItemDataRole.DisplayRole:
        return column.header
    if role == Qt.ItemDataRole.ToolTipRole and sortable and column.sort is None:
        return QCoreApplication.translate("Columns", "This column cannot be sorted.")
    return None
