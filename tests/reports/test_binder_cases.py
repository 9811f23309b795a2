"""Sections 七 and 九 of the 质控记录本 read back from the PDF: each grade I–II event of the demo year with its RCA
(factors by bone, the whys, root cause, lessons, its items), a required analysis still missing said so, and
each PDCA project of the year as its case summary with the before/after of its indicator."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, timedelta

import pytest

from qmsdesk import clock
from qmsdesk.analytics.rca import event_rca
from qmsdesk.db import models as m
from qmsdesk.db.engine import open_database
from qmsdesk.db.queries import live
from qmsdesk.reports.binder import build_binder


def _text(pdf: bytes) -> str:
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
        text = out.decode("utf-8")
    else:
        import io

        from pypdf import PdfReader

        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    text = re.sub(r"第\d+页/共\d+页|某县人民医院心血管内科科室质量与安全管理记录本（2026年度）", "", re.sub(r"\s+", "", text))
    return text


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _section(text: str, start: str, end: str) -> str:
    body = text[text.rindex(start):]  # the heading, not its line in the contents
    return body[:body.index(end)]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from qmsdesk.demo import generate

    db = open_database(tmp_path_factory.mktemp("binder-cases") / "demo.db", actor="演示")
    with db.session() as s:
        generate(s, seed=1, until="2026-10")
    yield db
    db.close()


@pytest.fixture(scope="module")
def sections(demo_db):
    with demo_db.session() as s:
        text = _text(build_binder(s, "2026").pdf)
    return _section(text, "七、不良事件与分析", "八、整改台账"), _section(text, "九、持续改进（PDCA）案例", "十、季度分析")


def test_each_grade_two_event_is_printed_with_its_rca(demo_db, sections):
    events, _ = sections
    with demo_db.session() as s:
        serious = [x for x in s.scalars(live(m.AdverseEvent).where(m.AdverseEvent.grade.in_(("I", "II"))))
                   if x.occurred_at.year == 2026]
        views = [event_rca(s, x.id) for x in serious]
    assert views, "the demo year has grade II events"
    for view in views:
        when = clock.local_text(view.occurred_at, "%Y-%m-%d%H:%M")
        at = events.index(when)
        block = events[at:at + 1500]
        assert "原因因素（人·机·料·法·环·测）" in block
        for factor in view.factors:
            assert _squeeze(factor.label)[:8] in block, factor.label
        assert ("为什么1：" + _squeeze(view.whys[0]))[:20] in block
        assert _squeeze(view.root_cause)[:12] in block and _squeeze(view.lessons)[:10] in block
        assert "改进措施（整改事项）" in block and "（未制定）" not in block[:block.index("改进措施（整改事项）") + 20]
    assert "〔主要原因〕" in events


def test_a_grade_two_event_without_rca_is_printed_as_lacking_it(demo_db):
    from qmsdesk.services import events

    with demo_db.session() as s:
        when = clock.at_local(date(2026, 10, 10)) + timedelta(hours=9)  # the demo's last month, not yet submitted
        events.report_event(s, occurred_at=when, reported_at=when + timedelta(hours=1), category="fall", grade="II",
                            description="患者下床时滑倒致左腕骨折")
        text = _text(build_binder(s, "2026").pdf)
        s.rollback()
    block = _section(text, "七、不良事件与分析", "八、整改台账")
    at = block.index("患者下床时滑倒致左腕骨折")
    assert "根因分析：Ⅰ、Ⅱ级事件须完成根本原因分析，尚未分析" in block[at:at + 200]
    assert "根因分析未完成1例" in block


def test_each_project_of_the_year_is_printed_as_its_case(demo_db, sections):
    _, pdca = sections
    with demo_db.session() as s:
        projects = s.scalars(live(m.PdcaProject).order_by(m.PdcaProject.started_on)).all()
        titles = [p.title for p in projects]
        measures = [c.what for c in projects[0].countermeasures if not c.deleted]
    assert all(f"{t}（" in pdca for t in titles)
    falls = pdca[pdca.index(f"{titles[0]}（已结案）"):]
    for part in ("选题理由", "现状调查", "目标设定", "要因确认", "效果确认", "标准化", "检讨与下一轮"):
        assert f"{part}：" in falls, part
    assert all(w[:6] in falls for w in measures)
    assert "改进前后对比（运行图）" in falls and "改进措施实施" in falls
    assert "本年度尚无PDCA持续改进案例记录" not in pdca
