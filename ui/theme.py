"""Colours that read in light and dark palettes, the bundled fonts, and palettes for screenshots.

Status colours (allowed, refused, a notice) are chosen by the palette's lightness, so the
desk's decision banner is legible whether the platform runs light or dark. Colour is never
the only signal: every banner also has an icon and a word.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from readingroom import fonts

#: fonts bundled under readingroom/resources/fonts (readingroom.fonts): Noto Sans draws Latin
#: (Seichō, Tiếng Việt), Greek and Cyrillic, NanumGothic Korean names and titles, Noto Sans
#: Hebrew a right-to-left script, Noto Sans CJK JP the kanji and hanzi NanumGothic
#: lacks (人間の証明, 雪国, 红楼梦)
BUNDLED_FONTS = tuple(path.name for path in fonts.files())


@dataclass(frozen=True)
class Tone:
    """A background and a text colour that go together."""

    background: QColor
    text: QColor

    def css(self) -> str:
        return f"background-color: {self.background.name()}; color: {self.text.name()};"


@dataclass(frozen=True)
class StatusTones:
    allowed: Tone
    refused: Tone
    notice: Tone
    neutral: Tone


def current_palette() -> QPalette:
    app = QGuiApplication.instance()
    return app.palette() if isinstance(app, QGuiApplication) else QPalette()


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or current_palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def status_tones(palette: QPalette | None = None) -> StatusTones:
    palette = palette or current_palette()
    neutral = Tone(
        palette.color(QPalette.ColorRole.AlternateBase), palette.color(QPalette.ColorRole.Text)
    )
    if is_dark(palette):
        return StatusTones(
            Tone(QColor("#1d3b27"), QColor("#b9f0c6")),
            Tone(QColor("#4b1f1c"), QColor("#ffcdc7")),
            Tone(QColor("#463810"), QColor("#ffe4a6")),
            neutral,
        )
    return StatusTones(
        Tone(QColor("#e2f3e5"), QColor("#14532d")),
        Tone(QColor("#fde8e6"), QColor("#8a1c12")),
        Tone(QColor("#fff3d4"), QColor("#6b4a00")),
        neutral,
    )


def load_fonts() -> list[str]:
    """Register the bundled fonts with Qt; returns the families added."""
    families: list[str] = []
    for path in fonts.files():
        if path.exists():
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                families += QFontDatabase.applicationFontFamilies(font_id)
    return families


def fallback_families(platform_family: str) -> list[str]:
    """The application font's families: the platform's own first (Latin looks native),
    then the bundled ones in the order of readingroom.fonts, so that Qt draws each
    character with the first that holds it and a title never shows a box."""
    bundled = fonts.families()
    return [platform_family, *bundled] if platform_family not in bundled else bundled


def use_bundled_fonts(app: QApplication) -> list[str]:
    """Register the bundled fonts and make them the application font's fallbacks; returns
    the families the application font now has."""
    load_fonts()
    font = app.font()
    font.setFamilies(fallback_families(font.family()))
    app.setFont(font)
    return list(app.font().families())


def dark_palette() -> QPalette:
    """A calm dark palette (Fusion), for platforms without one and for screenshots."""
    colours = {
        QPalette.ColorRole.Window: "#202124",
        QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#17181a",
        QPalette.ColorRole.AlternateBase: "#2a2b2e",
        QPalette.ColorRole.ToolTipBase: "#2a2b2e",
        QPalette.ColorRole.ToolTipText: "#e8eaed",
        QPalette.ColorRole.PlaceholderText: "#9aa0a6",
        QPalette.ColorRole.Text: "#e8eaed",
        QPalette.ColorRole.Button: "#2d2e31",
        QPalette.ColorRole.ButtonText: "#e8eaed",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Highlight: "#3d6fb6",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#8ab4f8",
        QPalette.ColorRole.Light: "#5f6368",
        QPalette.ColorRole.Midlight: "#4a4d52",
        QPalette.ColorRole.Mid: "#3c4043",
        QPalette.ColorRole.Dark: "#111214",
        QPalette.ColorRole.Shadow: "#000000",
    }
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6f7378"))
    return palette


#: exclusive choices drawn as a row of toggles (the desk's modes, condition grades)
SEGMENTED_STYLE = (
    "QToolButton { padding: 5px 12px; border: 1px solid palette(mid); border-radius: 4px; }"
    "QToolButton:checked { background: palette(highlight); color: palette(highlighted-text);"
    " border-color: palette(highlight); font-weight: bold; }"
    "QToolButton:disabled { color: palette(mid); }"
)


#: the one button that does the pending action
PRIMARY_STYLE = (
    "QPushButton { padding: 6px 16px; border: 1px solid palette(mid); border-radius: 4px; }"
    "QPushButton:enabled { background: palette(highlight); color: palette(highlighted-text);"
    " border-color: palette(highlight); font-weight: bold; }"
    "QPushButton:disabled { color: palette(mid); }"
)


def on_highlight(palette: QPalette | None = None) -> QPalette:
    """A palette whose text colour is the highlighted-text colour (icons on highlight)."""
    result = QPalette(palette or current_palette())
    result.setColor(
        QPalette.ColorGroup.Active,
        QPalette.ColorRole.WindowText,
        result.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText),
    )
    return result


def use_palette(app: QApplication, dark: bool) -> None:
    """Fusion with a light or dark palette (screenshots and the dark-palette check)."""
    app.setStyle("Fusion")
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
