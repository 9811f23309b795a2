"""Draws the program icon (resources/icons/qmsdesk.svg, .png, .ico) from one set of shapes.

Run `python installer/make_icon.py` after changing the shapes; the files it writes are committed, so
building the program never needs Pillow. The icon is a clipboard with a check mark on a blue tile:
a quality checklist, readable at 16 px in a taskbar.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
GRID = 256  # all coordinates below are on a 256 x 256 grid

TILE = (8, 8, 248, 248, 48)  # x0, y0, x1, y1, corner radius
TILE_COLOUR = "#1f6fb2"
BOARD = (58, 44, 198, 224, 18)
BOARD_COLOUR = "#ffffff"
CLIP = (98, 28, 158, 62, 10)
CLIP_COLOUR = "#f2b134"
LINES = [(84, 176, 172, 176), (84, 202, 150, 202)]
LINE_COLOUR = "#9fb8cf"
CHECK = [(84, 118), (112, 146), (170, 86)]
CHECK_COLOUR = "#2e9e5b"


def svg() -> str:
    def rect(box: tuple[int, int, int, int, int], colour: str) -> str:
        x0, y0, x1, y1, r = box
        return f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" rx="{r}" fill="{colour}"/>'

    lines = "".join(
        f'<line x1="{a}" y1="{b}" x2="{c}" y2="{d}" stroke="{LINE_COLOUR}" stroke-width="12" stroke-linecap="round"/>'
        for a, b, c, d in LINES
    )
    check = " ".join(f"{x},{y}" for x, y in CHECK)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{GRID}" height="{GRID}" viewBox="0 0 {GRID} {GRID}">\n'
        f"  <title>科室质控工作台</title>\n"
        f"  {rect(TILE, TILE_COLOUR)}\n  {rect(BOARD, BOARD_COLOUR)}\n  {rect(CLIP, CLIP_COLOUR)}\n"
        f'  <polyline points="{check}" fill="none" stroke="{CHECK_COLOUR}" stroke-width="20" '
        f'stroke-linecap="round" stroke-linejoin="round"/>\n'
        f"  {lines}\n</svg>\n"
    )


def raster(size: int) -> Image.Image:
    """Draw at 4x and shrink, which gives smooth edges without an SVG renderer."""
    scale = size * 4 / GRID
    big = Image.new("RGBA", (size * 4, size * 4), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)

    def s(v: float) -> int:
        return round(v * scale)

    for (x0, y0, x1, y1, r), colour in ((TILE, TILE_COLOUR), (BOARD, BOARD_COLOUR), (CLIP, CLIP_COLOUR)):
        draw.rounded_rectangle((s(x0), s(y0), s(x1), s(y1)), radius=s(r), fill=colour)
    for a, b, c, d in LINES:
        width = s(12)
        draw.line((s(a), s(b), s(c), s(d)), fill=LINE_COLOUR, width=width)
        for x, y in ((a, b), (c, d)):
            draw.ellipse((s(x) - width // 2, s(y) - width // 2, s(x) + width // 2, s(y) + width // 2), fill=LINE_COLOUR)
    width = s(20)
    points = [(s(x), s(y)) for x, y in CHECK]
    draw.line(points, fill=CHECK_COLOUR, width=width, joint="curve")
    for x, y in points:
        draw.ellipse((x - width // 2, y - width // 2, x + width // 2, y + width // 2), fill=CHECK_COLOUR)
    return big.resize((size, size), Image.LANCZOS)


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "qmsdesk.svg").write_text(svg(), encoding="utf-8")
    raster(256).save(ICONS / "qmsdesk.png", optimize=True)
    raster(256).save(ICONS / "qmsdesk.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    for path in sorted(ICONS.glob("qmsdesk.*")):
        print(path.relative_to(ROOT), path.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
