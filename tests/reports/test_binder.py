"""The 质控记录本 read back as an inspector reads it: cover, contents that point at the right pages, every
section in the notebook's order, 第 N 页 / 共 M 页, masked patient numbers, the embedded font, and numbers
that agree with the monthly reports of the same months."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from qmsdesk.db import models as m
from qmsdesk.db.engine import open_database
from qmsdesk.db.queries import live
from qmsdesk.periods import Period
from qmsdesk.reports.binder import build_binder
from qmsdesk.reports.binder_sections import SECTIONS
from qmsdesk.reports.month import collect_month

HEADINGS = [f"{n}、{s}" for n, s in zip(("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"), SECTIONS,
                                        strict=True)]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from qmsdesk.demo import generate

    db = open_database(tmp_path_factory.mktemp("binder") / "demo.db", actor="演示")
    with db.session() as s:
        generate(s, seed=1, until="2026-10")  # the year fixed, so the dates below do not move with the calendar
    yield db
    db.close()


@pytest.fixture(scope="module")
def year_binder(demo_db):
    with demo_db.session() as s:
        return build_binder(s, "2026")


def _pages(pdf: bytes) -> list[str]:
    """Each page's text, spaces removed (pdftotext keeps CJK order best; pypdf when it is missing)."""
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
        pages = out.decode("utf-8").split("\f")[:-1]
    else:
        pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
    return [re.sub(r"[ \t]+", " ", p) for p in pages]


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_page_is_numbered_and_the_count_is_the_real_one(year_binder):
    pages = _pages(year_binder.pdf)
    total = len(PdfReader(io.BytesIO(year_binder.pdf)).pages)
    assert len(pages) == total == year_binder.pages
    for n, text in enumerate(pages, start=1):
        assert f"第{n}页/共{total}页" in _compact(text), n


def _group_meeting(db, month: str) -> str:
    """The date of the demo's group meeting of `month`, as the binder prints it."""
    with db.session() as s:
        return next(str(x.date) for x in s.scalars(live(m.Meeting).where(m.Meeting.kind == "group_monthly"))
                    if str(x.date).startswith(month))


def test_contents_list_every_section_in_order_and_point_at_its_page(demo_db, year_binder):
    pages = _pages(year_binder.pdf)
    contents = pages[1]
    assert "目录" in _compact(contents)
    found = []
    for heading in ["月度工作一览", *HEADINGS]:
        match = re.search(re.escape(heading) + r"[ .]*?(\d+)\s*$", contents, re.M)
        assert match, heading
        page = int(match.group(1))
        assert _compact(pages[page - 1]).count(heading) >= 1, (heading, page)
        found.append(page)
    assert found == sorted(found)  # the notebook's order
    september = _group_meeting(demo_db, "2026-09")
    meeting = re.search(rf"({september} 质控小组例会)[ .]*?(\d+)\s*$", contents, re.M)
    assert meeting and f"{september}质控小组例会" in _compact(pages[int(meeting.group(2)) - 1])


def test_cover_a_hospital_would_print(year_binder):
    cover = _compact(_pages(year_binder.pdf)[0])
    for text in ("某县人民医院", "科室质量与安全管理记录本", "2026年度", "心血管内科", "科室负责人（组长）", "护士长",
                 "2026-01-01至2026-12-31"):
        assert text in cover, text


def test_names_duties_meetings_trainings_and_analyses_are_in_it(demo_db, year_binder):
    text = _compact("".join(_pages(year_binder.pdf)))
    with demo_db.session() as s:
        members = s.scalars(live(m.GroupMembership)).all()
        names = [g.staff.name for g in members]
        duty = members[0].duties
    assert all(n in text for n in names) and _compact(duty)[:8] in text  # a wrapped cell reads line by line
    assert "本人签名" in text and "参会人员签名" in text and "记录人（签字）" in text
    assert "2026年第一季度质量与安全分析" in text and "2026年第三季度质量与安全分析" in text
    assert "状态：已审定（组长陈志强" in text or "状态：已审定（组长" in text
    assert "原因分析" in text and "改进措施" in text and "2026年第四季度：本季度尚未结束" in text


def test_patient_numbers_are_masked_and_the_font_is_embedded(demo_db, year_binder):
    text = _compact("".join(_pages(year_binder.pdf)))
    with demo_db.session() as s:
        numbers = [e.medical_record_no for e in s.scalars(live(m.AdverseEvent)) if e.medical_record_no]
    assert numbers and not any(n in text for n in numbers)
    assert "病案号：****" in text
    embedded = set()
    for page in PdfReader(io.BytesIO(year_binder.pdf)).pages[:3]:
        for f in page["/Resources"]["/Font"].values():
            f = f.get_object()
            if f.get("/FontDescriptor") is not None and "/FontFile2" in f["/FontDescriptor"]:
                embedded.add(str(f["/BaseFont"]))
    assert embedded


def _overview_rows(pages: list[str]) -> dict[int, list[str]]:
    page = next(p for p in pages if "月度工作一览" in p and "月度上报" in p)
    rows = {}
    for line in page.splitlines():
        line = re.sub(r"\s*/\s*", "/", line.strip())
        if m_ := re.match(r"^(\d+)月 (.*)$", line):
            rows[int(m_.group(1))] = m_.group(2).split()
    return rows


def test_monthly_numbers_agree_with_each_months_report(demo_db, year_binder):
    rows = _overview_rows(_pages(year_binder.pdf))
    with demo_db.session() as s:
        for month in range(1, 11):
            counts = dict(collect_month(s, Period(2026, month)).counts)
            meetings, training, exams, indicators, inspections, events, ledger = rows[month][:7]
            assert int(meetings) == counts["质控会议（次）"], month
            sessions, hours = training.split("/")
            assert (int(sessions), float(hours)) == (counts["培训（次）"], counts["培训学时合计"]), month
            assert exams == f"{counts['考核（人次）']}/{counts['考核合格（人次）']}", month
            assert indicators == f"{counts['质量指标已填报'].split(' / ')[0]}/{counts['质量指标未达标']}", month
            assert inspections == f"{counts['检查督查（次）']}/{counts['检查发现问题（项）']}", month
            assert int(events) == counts["不良事件（例）"], month
            assert int(ledger.split("/")[1]) == counts["　其中本月销号"], month


def test_indicator_values_agree_with_the_monthly_reports(demo_db, year_binder):
    pages = _pages(year_binder.pdf)
    table = next(p for p in pages if "2026年第三季度（7月、8月、9月）" in p)
    table = table[table.index("2026年第三季度（7月、8月、9月）"):]
    with demo_db.session() as s:
        for code in ("NUR-CAUTI", "NUR-FALL"):
            lines = {p: next(x for x in collect_month(s, Period(2026, p)).indicators if x.code == code) for p in (7, 8, 9)}
            name = lines[7].name
            row = next(x for x in table.splitlines() if x.strip().startswith(name))
            printed = row.split()[2:5]
            expected = [f"{lines[p].value:.2f}".rstrip("0").rstrip(".") for p in (7, 8, 9)]
            assert printed == expected, (code, printed, expected)


def test_a_quarter_prints_alone(demo_db):
    with demo_db.session() as s:
        built = build_binder(s, "2026Q3")
    pages = _pages(built.pdf)
    text = _compact("".join(pages))
    assert "2026年第三季度" in _compact(pages[0]) and all(h in text for h in HEADINGS)
    assert f"{_group_meeting(demo_db, '2026-07')}质控小组例会" in text
    assert f"{_group_meeting(demo_db, '2026-06')}质控小组例会" not in text
    assert "2026年第一季度质量与安全分析" not in text and "2026年第三季度质量与安全分析" in text
    assert "本册为2026年第三季度记录，年度质控总结见2026年全年记录本" in text
    assert built.pages < 40


def test_a_year_with_nothing_recorded_says_so_in_every_section(db):
    from qmsdesk.services.unit import set_unit

    with db.session() as s:
        set_unit(s, hospital_code="H1", hospital_name="示例乡卫生院", department_code="D1", department_name="全院",
                 department_type="township")
    with db.session() as s:
        built = build_binder(s, "2026")
    pages = _pages(built.pdf)
    text = _compact("".join(pages))
    assert all(h in text for h in HEADINGS)
    for said in ("未登记质控小组成员", "2026年未制定年度质控计划", "本年度无会议记录", "本年度无培训记录", "未设置适用的质量指标",
                 "本年度无检查督查记录", "本年度无不良事件报告", "本年度无整改事项", "本年度尚无PDCA持续改进案例记录",
                 "2026年第一季度：尚未形成季度分析", "2026年度质控总结尚未形成"):
        assert said in text, said
    for page in pages[1:]:  # no page holds only its header and page number
        body = re.sub(r"第\d+页/共\d+页", "", _compact(page).replace("示例乡卫生院全院科室质量与安全管理记录本（2026年度）", ""))
        assert body, page


def test_a_span_not_yet_begun_is_refused(db):
    from qmsdesk.errors import ValidationError

    with db.session() as s, pytest.raises(ValidationError) as err:
        build_binder(s, "2099Q1")
    assert "尚未开始" in str(err.value)


def _section(pages: list[str], index: int) -> str:
    """The compacted text of section `index` (from its heading to the next section's), contents page left out."""
    text = _compact("".join(pages[2:]))
    start = text.index(HEADINGS[index], text.index(HEADINGS[-1]) + 1) if text.count(HEADINGS[index]) > 1 else \
        text.index(HEADINGS[index])
    return text[start:text.index(HEADINGS[index + 1], start)]


def test_inspections_section_shows_each_checklist_score_its_deductions_and_the_pareto(demo_db, year_binder):
    from qmsdesk.analytics.inspections import deduction_pareto, inspection_rows

    section = _section(_pages(year_binder.pdf), 5)
    with demo_db.session() as s:
        rows = [r for r in inspection_rows(s, year=2026) if r.scored is not None]
        pareto = deduction_pareto(s, "2026-01", "2026-12", top=12)  # the records end in October
    assert rows and pareto.total
    scored = rows[-1].scored
    assert _compact(f"{scored.template_name}（{scored.template_version}版）：{scored.display_zh()}") in section
    deducted = next(r.scored for r in reversed(rows) if r.scored.deducted_items)
    first = deducted.deducted_items[0]
    # table cells wrap, and the text layout interleaves wrapped lines of neighbouring cells: read their first line
    assert f"{first.code}{_compact(first.text)[:8]}" in section and _compact(first.reason)[:8] in section
    assert "本年度扣分最多的项目" in section and "检查扣分项目排列图（柏拉图）" in section and "累计占比" in section
    top = pareto.bars[0]
    assert _compact(top.category) in section and f"{top.cumulative_percent:.1f}%" in section
    assert pareto.bars[-1].category == "其他" and "其他" in section  # the tail is one bar, drawn last
