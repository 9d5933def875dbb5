"""The inline message under a page's toolbar: what was done, or why it was not."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from readingroom.errors import ReadingRoomError, Refused
from ui import icons, theme

KINDS = {
    "error": ("refused", "refused"),
    "success": ("allowed", "allowed"),
    "info": ("notice", "info"),
    "warning": ("notice", "notice"),
}


def describe(error: ReadingRoomError) -> str:
    """The plain words of a domain error (a refusal lists every reason)."""
    if isinstance(error, Refused):
        from ui import reasons  # in the window's language

        if error.decision.reasons:
            return "\n".join(reasons.explain(reason) for reason in error.decision.reasons)
    from ui.reasons import message_text  # in the window's language

    return message_text(*error.lines)


class MessageBar(QWidget):
    """A coloured line with an icon and words (never colour alone); hidden when empty."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setObjectName("messageBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self._icon = QLabel(self)
        self._text = QLabel(self)
        self._text.setTextFormat(Qt.TextFormat.PlainText)
        self._text.setWordWrap(True)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self._text, 1)
        self.kind = ""
        self.setAccessibleName(self.tr("Message"))
        self.hide()

    def text(self) -> str:
        return self._text.text() if self.kind else ""

    def show_message(self, kind: str, text: str) -> None:
        tone_name, icon_name = KINDS[kind]
        tone = getattr(theme.status_tones(self.palette()), tone_name)
        self.setStyleSheet(
            f"#messageBar {{ {tone.css()} border-radius: 4px; }}"
            f" #messageBar QLabel {{ color: {tone.text.name()}; }}"
        )
        size = self.fontMetrics().height()
        self._icon.setPixmap(icons.pixmap(icon_name, size, tone.text))
        self._text.setText(text)
        self.kind = kind
        self.setAccessibleDescription(text)
        self.show()

    def show_error(self, error: ReadingRoomError | str) -> None:
        self.show_message("error", error if isinstance(error, str) else describe(error))

    def show_success(self, text: str) -> None:
        self.show_message("success", text)

    def show_info(self, text: str) -> None:
        self.show_message("info", text)

    def clear(self) -> None:
        self.kind = ""
        self._text.clear()
        self.hide()
