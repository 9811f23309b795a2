"""The package baseline as a whole process: bare openpyxl and reportlab write a month's rows to two files.

    python benchmarks/bare_package.py ROWS.json OUT_DIR

ROWS.json (benchmarks/data.py month_rows) holds the tables of the month's report, exactly the rows
`qmsdesk submit` puts in report.xlsx and report.pdf, and the TrueType font qmsdesk embeds. This process
imports openpyxl and reportlab, registers that same font, writes one sheet per table and a PDF of plain
tables in that font (a row taller than a page splits), and saves both into OUT_DIR: what any exporter of
those rows must at least do. No qmsdesk import, no database, no styles, charts, checks, lock, keyring,
signature or encryption.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from xml.sax.saxutils import escape


def main(rows_file: str, out_dir: str) -> int:
    from openpyxl import Workbook
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    doc = json.loads(Path(rows_file).read_text(encoding="utf-8"))
    tables: dict[str, list[list[str]]] = doc["tables"]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in tables.items():
        ws = wb.create_sheet(name[:31])
        for row in rows:
            ws.append(row)
    wb.save(out / "report.xlsx")

    font = "Helvetica"
    if doc["font"]:
        pdfmetrics.registerFont(TTFont("BareCJK", doc["font"], subfontIndex=0))
        font = "BareCJK"
    style = ParagraphStyle("cell", fontName=font, fontSize=8, leading=10, wordWrap="CJK")
    width = landscape(A4)[0] - 72 * 2
    story: list = []
    for name, rows in tables.items():
        story.append(Paragraph(escape(name), style))
        columns = len(rows[0])
        story.append(Table([[Paragraph(escape(cell), style) for cell in row] for row in rows],
                           colWidths=[width / columns] * columns, repeatRows=1, splitInRow=1))
    SimpleDocTemplate(str(out / "report.pdf"), pagesize=landscape(A4)).build(story)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
