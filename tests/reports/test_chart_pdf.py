"""Charts in PDF: one page per chart, Chinese text extractable, an embedded TrueType font, month flowables."""

from __future__ import annotations

import pypdf
import pytest

from qmsdesk.analytics.charts import build_chart, indicator_chart, indicator_charts, nice_ticks
from qmsdesk.analytics.pareto import pareto
from qmsdesk.periods import Period, months_between
from qmsdesk.reports.chart_pdf import month_chart_flowables, write_chart_pdf
from qmsdesk.services.catalogue import install_catalogue
from qmsdesk.services.indicators import set_value


@pytest.fixture
def falls(session):
    install_catalogue(session, "inpatient_medical")
    figures = [0, 1, 0, 1, 0, 2, 0, 1, 0, 0, 1, 7]
    for period, n in zip(months_between(Period.parse("2025-11"), Period.parse("2026-10")), figures, strict=True):
        set_value(session, "NUR-FALL", period, n, 1200)
    return session


def text_of(path) -> tuple[int, str]:
    reader = pypdf.PdfReader(str(path))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_chart_and_pareto_pdf_has_one_page_each_with_chinese_text(falls, tmp_path):
    spec = indicator_chart(falls, "NUR-FALL", "2025-11", "2026-10", chart="u")
    assert spec.points[-1].signal == "above_ucl"
    problems = pareto({"手卫生": 9, "护理文书": 6, "交接班": 4}, title="问题类别排列图")
    path = write_chart_pdf(tmp_path / "charts.pdf", [spec, problems])
    pages, text = text_of(path)
    assert pages == 2
    assert "住院患者跌倒发生率" in text and "u控制图" in text
    assert "1 个月超出控制限（需关注）：2026-10" in text
    assert "问题类别排列图" in text and "手卫生" in text
    assert "累计约 80%" in text


def test_a_rare_events_page_has_its_g_chart_beside_the_run_chart_with_the_rolling_rate(falls, tmp_path):
    spec = indicator_chart(falls, "NUR-FALL", "2025-11", "2026-10")
    assert spec.chart == "g" and spec.companion is not None
    pages, text = text_of(write_chart_pdf(tmp_path / "rare.pdf", [spec]))
    assert pages == 1
    assert "g控制图" in text and "Benneyan" in text and "运行图与近 12 个月滚动率" in text
    assert "近 12 个月滚动率" in text and "2026-10 的例数远超此前 12 个月的水平" in text


def test_the_month_pdfs_charts_read_at_once_are_each_indicators_own_chart(falls):
    """indicator_charts (two statements for a month's PDF) draws exactly what indicator_chart draws code by code."""
    set_value(falls, "NUR-RESTRAINT", Period.parse("2026-09"), 2, 800)
    codes = ["NUR-FALL", "NUR-RESTRAINT", " NUR-FALL"]
    start, end = Period.parse("2025-11"), Period.parse("2026-10")
    at_once = indicator_charts(falls, codes, start, end)
    assert at_once == [indicator_chart(falls, code, start, end) for code in codes]
    assert [spec.chart for spec in at_once][:2] == ["g", indicator_chart(falls, "NUR-RESTRAINT", start, end).chart]


def test_pdf_embeds_a_truetype_chinese_font(falls, tmp_path):
    path = write_chart_pdf(tmp_path / "c.pdf", [indicator_chart(falls, "NUR-FALL", "2025-11", "2026-10")])
    reader = pypdf.PdfReader(str(path))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    descriptors = [f.get_object().get("/FontDescriptor") for f in fonts.values()]
    assert any(d is not None and "/FontFile2" in d.get_object() for d in descriptors)


def test_month_flowables_lay_charts_two_to_a_row(falls):
    set_value(falls, "NIT-VTE", Period(2026, 10), 45, 50)
    flowables = month_chart_flowables(falls, "2026-10", ["NUR-FALL", "NIT-VTE", "NUR-FALL"])
    table = flowables[-1]
    assert len(table._cellvalues) == 2 and len(table._cellvalues[0]) == 2
    assert month_chart_flowables(falls, "2026-10", []) == []


def test_empty_chart_still_draws(tmp_path):
    from dataclasses import dataclass

    @dataclass
    class Ind:
        code: str = "X"
        name_zh: str = "空指标"
        name_en: str = "Empty"
        kind: str = "rate"
        multiplier: float = 1000
        unit: str = "‰"
        direction: str = "lower"
        target: float | None = None

    spec = build_chart(Ind(), [])
    pages, text = text_of(write_chart_pdf(tmp_path / "e.pdf", [spec, pareto({})]))
    assert pages == 2 and "没有问题记录" in text


def test_nice_ticks_are_round_and_cover_the_range():
    assert nice_ticks(0, 8.2) == [0, 2, 4, 6, 8, 10]
    assert nice_ticks(80, 99.4) == [80, 85, 90, 95, 100]


def test_count_axes_use_whole_steps():
    assert nice_ticks(0, 11, integer=True) == [0, 5, 10, 15]
    assert nice_ticks(0, 3, integer=True) == [0, 1, 2, 3]


def _pixels(pdf, tmp_path, name: str) -> bytes:
    import shutil
    import subprocess

    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    subprocess.run(["pdftoppm", "-r", "100", "-gray", str(pdf), str(tmp_path / name)], check=True)
    return b"".join(p.read_bytes() for p in sorted(tmp_path.glob(f"{name}*.pgm")))


def test_charts_painted_straight_on_the_canvas_look_exactly_as_reportlab_graphics_drew_them(falls, tmp_path,
                                                                                            monkeypatch):
    """reports.sketch replaced reportlab.graphics for speed; the pages must not change by a pixel."""
    from reportlab.graphics import shapes

    from qmsdesk.reports import sketch

    specs = [indicator_chart(falls, "NUR-FALL", "2025-11", "2026-10", chart="u"),  # limits, signal, target ring
             indicator_chart(falls, "NUR-FALL", "2025-11", "2026-10"),  # g chart beside its rolling-rate run chart
             pareto({"手卫生依从性不足": 9, "护理文书书写不规范": 6, "交接班": 4, "用药": 1}, title="问题类别排列图")]
    ours = _pixels(write_chart_pdf(tmp_path / "sketch.pdf", specs), tmp_path, "sketch")
    for name in ("Drawing", "Line", "PolyLine", "Circle", "Rect", "String", "Group"):
        monkeypatch.setattr(sketch, name, getattr(shapes, name))
    theirs = _pixels(write_chart_pdf(tmp_path / "graphics.pdf", specs), tmp_path, "graphics")
    assert len(ours) > 100_000 and ours == theirs
