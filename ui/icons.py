"""SVG icons from ``resources/icons``, drawn in the palette's text colour.

The icons are single-colour line drawings written with ``stroke="currentColor"``; each is
rendered in the palette's window-text colour (normal), disabled-text colour (disabled) and
highlighted-text colour (selected), so they read on light and dark palettes alike. The
app icon has fixed colours of its own.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from readingroom.paths import resource
from ui.theme import current_palette

SIZES = (16, 20, 24, 32, 48, 64)
CURRENT_COLOUR = "currentColor"


def names() -> list[str]:
    """Every icon shipped under resources/icons (file names without ``.svg``)."""
    return sorted(p.stem for p in resource("icons").glob("*.svg"))


@cache
def svg_text(name: str) -> str:
    path = resource("icons", f"{name}.svg")
    if not path.exists():
        raise KeyError(f"no icon named {name!r} under resources/icons")
    return path.read_text(encoding="utf-8")


def pixmap(name: str, size: int, colour: QColor) -> QPixmap:
    """The icon ``name`` drawn ``size`` pixels square in ``colour``."""
    return QPixmap.fromImage(_image(name, size, colour.name()))


@cache
def _image(name: str, size: int, colour: str) -> QImage:
    text = svg_text(name).replace(CURRENT_COLOUR, colour)
    renderer = QSvgRenderer(QByteArray(text.encode("utf-8")))
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def icon(name: str, palette: QPalette | None = None, *, checked_highlight: bool = False) -> QIcon:
    """A QIcon for ``name`` in the colours of ``palette`` (the application's by default).

    ``checked_highlight``: a checked button is drawn on the highlight colour, so its icon
    takes the highlighted-text colour.
    """
    palette = palette or current_palette()
    group, role = QPalette.ColorGroup, QPalette.ColorRole
    modes = (
        (QIcon.Mode.Normal, palette.color(group.Active, role.WindowText)),
        (QIcon.Mode.Active, palette.color(group.Active, role.WindowText)),
        (QIcon.Mode.Disabled, palette.color(group.Disabled, role.WindowText)),
        (QIcon.Mode.Selected, palette.color(group.Active, role.HighlightedText)),
    )
    result = QIcon()
    for mode, colour in modes:
        for size in SIZES:
            result.addPixmap(pixmap(name, size, colour), mode)
            if checked_highlight:
                result.addPixmap(pixmap(name, size, palette.color(
                    group.Active, role.HighlightedText)), mode, QIcon.State.On)
    return result


def app_icon() -> QIcon:
    """The application's own icon (fixed colours)."""
    result = QIcon()
    for size in SIZES:
        result.addPixmap(pixmap("app", size, QColor("black")))
    return result
