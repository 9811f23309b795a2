"""The few shapes the PDF's charts use, painted straight onto the reportlab canvas.

`reportlab.graphics` renders a Drawing node by node through a state tracker that copies and validates
every attribute; a month report's 18 indicator charts (about 1,500 lines, points and labels) spent a
tenth of `qmsdesk submit` there. These shapes take the same arguments as their namesakes in
`reportlab.graphics.shapes` — so `chart_pdf` reads the same — and are painted with the canvas calls
`reportlab.graphics.renderPDF` makes for them: the page shows the same lines, dashes, dots and labels.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import black
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.flowables import Flowable


class Drawing(Flowable):
    """A fixed-size flowable holding shapes, drawn in order (later shapes on top)."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.width, self.height = width, height
        self.contents: list[Any] = []

    def add(self, shape) -> None:
        self.contents.append(shape)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        for shape in self.contents:
            shape.paint(self.canv)


def _stroke(canvas, colour, width: float, dash) -> bool:
    if colour is None:
        return False
    canvas.setStrokeColor(colour)
    canvas.setLineWidth(width)
    canvas.setDash(dash or [])
    return True


class Line:
    def __init__(self, x1: float, y1: float, x2: float, y2: float, strokeColor=black, strokeWidth: float = 1,  # noqa: N803
                 strokeDashArray=None) -> None:  # noqa: N803 — reportlab's argument names
        self.points = (x1, y1, x2, y2)
        self.stroke = (strokeColor, strokeWidth, strokeDashArray)

    def paint(self, canvas) -> None:
        if _stroke(canvas, *self.stroke):
            canvas.line(*self.points)


class PolyLine:
    def __init__(self, points: list[float], strokeColor=black, strokeWidth: float = 1,  # noqa: N803
                 strokeDashArray=None) -> None:  # noqa: N803
        self.points = list(points)
        self.stroke = (strokeColor, strokeWidth, strokeDashArray)

    def paint(self, canvas) -> None:
        if len(self.points) < 4 or not _stroke(canvas, *self.stroke):
            return
        path = canvas.beginPath()
        path.moveTo(self.points[0], self.points[1])
        for i in range(2, len(self.points) - 1, 2):
            path.lineTo(self.points[i], self.points[i + 1])
        canvas.drawPath(path, stroke=1, fill=0)


class _Filled:
    """A closed shape: filled when it has a fill colour, outlined when it has a stroke colour."""

    def __init__(self, fillColor, strokeColor, strokeWidth: float) -> None:  # noqa: N803
        self.fill_colour, self.stroke = fillColor, (strokeColor, strokeWidth, None)

    def _prepare(self, canvas) -> tuple[int, int]:
        stroke = _stroke(canvas, *self.stroke)
        if self.fill_colour is not None:
            canvas.setFillColor(self.fill_colour)
        return int(stroke), int(self.fill_colour is not None)


class Circle(_Filled):
    def __init__(self, cx: float, cy: float, r: float, fillColor=black, strokeColor=black,  # noqa: N803
                 strokeWidth: float = 1) -> None:  # noqa: N803
        super().__init__(fillColor, strokeColor, strokeWidth)
        self.cx, self.cy, self.r = cx, cy, r

    def paint(self, canvas) -> None:
        stroke, fill = self._prepare(canvas)
        if stroke or fill:
            canvas.circle(self.cx, self.cy, self.r, stroke=stroke, fill=fill)


class Rect(_Filled):
    def __init__(self, x: float, y: float, width: float, height: float, fillColor=black, strokeColor=black,  # noqa: N803
                 strokeWidth: float = 1) -> None:  # noqa: N803
        super().__init__(fillColor, strokeColor, strokeWidth)
        self.box = (x, y, width, height)

    def paint(self, canvas) -> None:
        stroke, fill = self._prepare(canvas)
        if stroke or fill:
            canvas.rect(*self.box, stroke=stroke, fill=fill)


class String:
    """Text at (x, y): its start, middle or end there (textAnchor), as reportlab.graphics places it."""

    def __init__(self, x: float, y: float, text: str, fontName: str = "Helvetica", fontSize: float = 10,  # noqa: N803
                 textAnchor: str = "start", fillColor=black) -> None:  # noqa: N803
        self.x, self.y, self.text = x, y, text
        self.font, self.size, self.anchor, self.colour = fontName, fontSize, textAnchor, fillColor

    def paint(self, canvas) -> None:
        if self.colour is None:
            return
        x = self.x
        if self.anchor in ("end", "middle"):
            width = stringWidth(self.text, self.font, self.size)
            x -= width if self.anchor == "end" else width / 2
        canvas.setFont(self.font, self.size)
        canvas.setFillColor(self.colour)
        canvas.drawString(x, self.y, self.text)


class Group:
    """Shapes moved and turned together (translate, then rotate about the moved origin)."""

    def __init__(self, *shapes) -> None:
        self.contents = list(shapes)
        self.moves: list[tuple[str, tuple[float, ...]]] = []

    def translate(self, dx: float, dy: float) -> None:
        self.moves.append(("translate", (dx, dy)))

    def rotate(self, degrees: float) -> None:
        self.moves.append(("rotate", (degrees,)))

    def add(self, shape) -> None:
        self.contents.append(shape)

    def paint(self, canvas) -> None:
        canvas.saveState()
        for name, args in self.moves:
            getattr(canvas, name)(*args)
        for shape in self.contents:
            shape.paint(canvas)
        canvas.restoreState()
