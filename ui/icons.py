"""SVG icons from ``readingroom/resources/icons``, drawn in the palette's text colour.

The icons are single-colour line drawings written with ``stroke="currentColor"``; each is
rendered in the palette's window-text colour (normal), disabled-text colour (disabled) and
highlighted-text colour (selected), so they read on light and dark palettes alike. The
app icon has fixed colours of its own.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from readingroom.paths import resource
from ui.theme import current_palette

SIZES = (16, 20, 24, 32, 48, 64)  #: the app icon's prepared sizes
CURRENT_COLOUR = "currentColor"


def names() -> list[str]:
    """Every icon shipped under readingroom/resources/icons (file names without ``.svg``)."""
    return sorted(p.stem for p in resource("icons").glob("*.svg"))


@cache
def svg_text(name: str) -> str:
    path = resource("icons", f"{name}.svg")
    if not path.exists():
        raise KeyError(f"no icon named {name!r} under readingroom/resources/icons")
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


class SvgIconEngine(QIconEngine):
    """Draws an icon on demand, at the size asked, in the colour of the mode asked."""

    def __init__(self, name: str, colours: dict[tuple[QIcon.Mode, QIcon.State], QColor]):
        super().__init__()
        self.name = name
        self.colours = colours

    def colour(self, mode: QIcon.Mode, state: QIcon.State) -> QColor:
        return self.colours.get((mode, state)) or self.colours[(QIcon.Mode.Normal, QIcon.State.Off)]

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return pixmap(self.name, max(1, min(size.width(), size.height())), self.colour(mode, state))

    def scaledPixmap(
        self,
        size: QSize,
        mode: QIcon.Mode,
        state: QIcon.State,  # noqa: N802
        scale: float,
    ) -> QPixmap:
        side = max(1, round(min(size.width(), size.height()) * scale))
        result = pixmap(self.name, side, self.colour(mode, state))
        result.setDevicePixelRatio(scale)
        return result

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        side = min(rect.width(), rect.height())
        painter.drawPixmap(
            rect.x() + (rect.width() - side) // 2,
            rect.y() + (rect.height() - side) // 2,
            pixmap(self.name, side, self.colour(mode, state)),
        )

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:  # noqa: N802
        side = min(size.width(), size.height())
        return QSize(side, side)

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self.name, dict(self.colours))


def icon(name: str, palette: QPalette | None = None, *, checked_highlight: bool = False) -> QIcon:
    """A QIcon for ``name`` in the colours of ``palette`` (the application's by default).

    ``checked_highlight``: a checked button is drawn on the highlight colour, so its icon
    takes the highlighted-text colour.
    """
    svg_text(name)  # an unknown name fails here, not later while painting
    palette = palette or current_palette()
    group, role = QPalette.ColorGroup, QPalette.ColorRole
    normal = palette.color(group.Active, role.WindowText)
    colours = {
        (QIcon.Mode.Normal, QIcon.State.Off): normal,
        (QIcon.Mode.Active, QIcon.State.Off): normal,
        (QIcon.Mode.Disabled, QIcon.State.Off): palette.color(group.Disabled, role.WindowText),
        (QIcon.Mode.Selected, QIcon.State.Off): palette.color(group.Active, role.HighlightedText),
    }
    for mode in (QIcon.Mode.Normal, QIcon.Mode.Active, QIcon.Mode.Disabled, QIcon.Mode.Selected):
        colours[(mode, QIcon.State.On)] = (
            palette.color(group.Active, role.HighlightedText)
            if checked_highlight and mode != QIcon.Mode.Disabled
            else colours[(mode, QIcon.State.Off)]
        )
    return QIcon(SvgIconEngine(name, colours))


def app_icon() -> QIcon:
    """The application's own icon (fixed colours)."""
    result = QIcon()
    for size in SIZES:
        result.addPixmap(pixmap("app", size, QColor("black")))
    return result
