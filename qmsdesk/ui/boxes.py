"""The white rounded boxes the dashboard's cards and warnings panel sit in, and their text styles, without
style sheets.

A style sheet gives the same look but puts every widget inside the box under Qt's style-sheet style,
whose polishing and painting made building and showing the dashboard about three times slower: work the
GUI thread does while the user waits for the first figures.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import QFrame, QLabel, QWidget

BORDER, FILL, RADIUS = QColor("#d7dde5"), QColor("white"), 6
TITLE_COLOUR, DETAIL_COLOUR = "#33475b", "#555"


class Box(QFrame):
    """A frame painted as a white box with a 1 px grey border and rounded corners."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setContentsMargins(1, 1, 1, 1)  # inside the border, as the style sheet's border was

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(BORDER, 1))
        painter.setBrush(FILL)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), RADIUS, RADIUS)


def set_colour(label: QLabel, colour: str) -> None:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    label.setPalette(palette)


def style_text(label: QLabel, colour: str | None = None, *, bold: bool = False, pixel_size: int | None = None) -> QLabel:
    """Colour, weight and size of a label's text (what `color`, `font-weight` and `font-size` said)."""
    if bold or pixel_size:
        font = QFont(label.font())
        font.setBold(bold)
        if pixel_size:
            font.setPixelSize(pixel_size)
        label.setFont(font)
    if colour:
        set_colour(label, colour)
    return label
