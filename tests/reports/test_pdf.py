"""The month's PDF: Chinese headings and page numbers extract as text, the font is embedded, numbers masked."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from month_records import FULL_RECORD_NO, PERIOD, seed_month
from pypdf import PdfReader

from qmsdesk.reports.fonts import cjk_font, outline_kind
from qmsdesk.reports.month import collect_month
from qmsdesk.reports.pdf import build_pdf
from qmsdesk.services.submission import validate_month


@pytest.fixture
def pdf_bytes(session):
    seed_month(session)
    report = validate_month(session, PERIOD)
    return build_pdf(collect_month(session, PERIOD, version=1, warnings=report.warnings, acceptance=report.acceptance("已核实", by="王护士长")))


def _text(pdf: bytes, tmp_path) -> str:
    if shutil.which("pdftotext"):
        path = tmp_path / "r.pdf"
        path.write_bytes(pdf)
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_pdf_is_a4_and_text_holds_the_chinese_headings(pdf_bytes, tmp_path):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    first = reader.pages[0].mediabox
    assert (round(float(first.width)), round(float(first.height))) == (595, 842)
    text = _text(pdf_bytes, tmp_path)
    for heading in ("质控小组月度质量与安全报告", "示例县人民医院", "心血管内科", "2026年10月", "第 1 版",
                    "一、质量指标", "二、质控会议", "三、培训与考核", "四、检查督查", "五、不良事件", "六、整改台账"):
        assert heading.replace(" ", "") in text.replace(" ", ""), heading


def test_cover_has_signature_lines_for_director_and_head_nurse(pdf_bytes, tmp_path):
    cover = PdfReader(io.BytesIO(pdf_bytes)).pages[0].extract_text()
    assert "科主任（签字）" in cover and "护士长（签字）" in cover


def test_every_page_is_numbered_n_of_m(pdf_bytes, tmp_path):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    total = len(reader.pages)
    assert total >= 2
    for n, page in enumerate(reader.pages, start=1):
        compact = page.extract_text().replace(" ", "")
        assert f"第{n}页/共{total}页" in compact


def test_indicator_table_shows_targets_status_and_warnings(pdf_bytes, tmp_path):
    text = _text(pdf_bytes, tmp_path).replace(" ", "")
    assert "住院患者跌倒发生率" in text and "≤0.5" in text and "未达标" in text and "无暴露" in text
    assert "远超出本科室" in text and "说明：“已核实”" in text and "由王护士长于" in text


def test_no_full_medical_record_number_in_the_pdf(pdf_bytes, tmp_path):
    text = _text(pdf_bytes, tmp_path)
    assert FULL_RECORD_NO not in text.replace(" ", "")
    assert "****1234" in text


def test_characters_outside_the_font_are_noted_not_dropped(pdf_bytes, tmp_path):
    text = _text(pdf_bytes, tmp_path)
    assert "U+20BB7" in text and "张□" in text.replace(" ", "")


def test_chinese_font_is_embedded_truetype(pdf_bytes):
    font = cjk_font()
    assert font.embedded and outline_kind(font.path) == "glyf"
    fonts = set()
    for page in PdfReader(io.BytesIO(pdf_bytes)).pages:
        for f in page["/Resources"]["/Font"].values():
            f = f.get_object()
            if f.get("/FontDescriptor") is not None and "/FontFile2" in f["/FontDescriptor"]:
                fonts.add(f["/BaseFont"])
    assert any(re.search("WenQuanYi|msyh|SimSun|UMing", str(name)) for name in fonts), fonts


def test_cff_fonts_are_recognised_and_skipped(tmp_path):
    cff = tmp_path / "fake.otf"
    cff.write_bytes(b"OTTO" + (1).to_bytes(2, "big") + b"\0" * 6 + b"CFF " + b"\0" * 12)
    assert outline_kind(cff) == "CFF"
    assert outline_kind(tmp_path / "missing.ttf") is None


def test_without_a_truetype_chinese_font_the_cid_fallback_is_used_and_logged(monkeypatch, tmp_path, caplog):
    from qmsdesk.reports import fonts

    monkeypatch.setattr(fonts, "_registered", None)
    monkeypatch.setattr(fonts, "_LINUX_PATHS", ())
    monkeypatch.setattr(fonts, "_WINDOWS_NAMES", ())
    monkeypatch.setenv("HOME", str(tmp_path))
    cff = tmp_path / "NotoSansCJK.otf"
    cff.write_bytes(b"OTTO" + (1).to_bytes(2, "big") + b"\0" * 6 + b"CFF " + b"\0" * 12)
    monkeypatch.setenv(fonts.FONT_ENV, str(cff))
    with caplog.at_level("WARNING", logger="qmsdesk.reports.fonts"):
        font = fonts.cjk_font()
    assert font.name == "STSong-Light" and not font.embedded
    assert "STSong-Light" in caplog.text and "not" in caplog.text and "embedded" in caplog.text
