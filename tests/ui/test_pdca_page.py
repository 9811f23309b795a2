"""持续改进 page on a real ward database: a project made through the form starts in P and says what D needs; a
countermeasure made on the page is an item on the ledger page; moving to A without the C evidence shows the
service's refusal; the before/after is drawn with its change month; the printed case reads back."""

from __future__ import annotations

import io
import re
from datetime import timedelta

from pypdf import PdfReader
from uihelpers import fill, open_form, table_texts

from qmsdesk.clock import today
from qmsdesk.periods import Period
from qmsdesk.services import indicators, pdca
from qmsdesk.services.staff import people
from qmsdesk.ui.pages.ledger import LedgerPage
from qmsdesk.ui.pages.pdca import PdcaPage

THEME = "降低住院患者跌倒发生率"


def _project_in_check(session, leader_id):
    """A falls project walked to C through the services, its change this month: no after-months yet."""
    now = Period.of(today())
    p = now
    months = []
    for _ in range(6):
        p = p.previous()
        months.append(p)
    months.reverse()  # six months before this one
    for n, month in enumerate(months):
        indicators.enter_value(session, code="NUR-FALL", period=month, numerator=2 if n % 2 else 1, denominator=3000)
    project = pdca.create_project(session, title=THEME, reason="近半年跌倒多发", started_on=today() - timedelta(days=60),
                                  leader_id=leader_id, current_state="专项自查防范措施落实率75%",
                                  baseline_start=str(months[0]), baseline_end=str(months[3]))
    pdca.add_indicator(session, project.id, code="NUR-FALL", target=0.1)
    cause = pdca.add_cause(session, project.id, category="man", description="用药后未复评跌倒风险", key_cause=True,
                           verification="3例跌倒中2例发生于用药后")
    pdca.add_countermeasure(session, project.id, what="用药后复评跌倒风险", why="流程未规定复评", where="病区",
                            how="用药后2小时内复评并记录", responsible_id=leader_id, deadline=today() + timedelta(days=30),
                            cause_id=cause.id)
    pdca.move(session, project.id, "do")
    pdca.update_project(session, project.id, change_period=str(now))
    pdca.add_log(session, project.id, on=today(), note="全科培训并开始用药后复评")
    pdca.move(session, project.id, "check")
    pdca.update_project(session, project.id, check_summary="跌倒减少")
    return project.id


def _page(qtbot, ctx) -> PdcaPage:
    page = PdcaPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()  # a page on screen reloads at once when a write touches what it shows
    return page


def test_a_project_made_through_the_form_starts_in_plan_and_says_what_doing_needs(qtbot, ctx):
    page = _page(qtbot, ctx)
    dialog = open_form(qtbot, page)
    fill(qtbot, dialog, title=THEME, reason="近半年跌倒多发，患者安全自查扣分集中", baseline_start="2026年1月",
         baseline_end="2026-04")
    assert not dialog.try_save()
    assert "YYYY-MM" in dialog.errors["baseline_start"].text()
    fill(qtbot, dialog, baseline_start="2026-01")
    assert dialog.try_save()
    assert any(THEME in t and "计划（P）" in t for t in table_texts(page))
    assert page.selected_row()["title"] == THEME
    gaps = page.case_panel.gaps.text()
    assert "进入“实施（D）”之前还缺" in gaps and "未选择改进的指标及目标值" in gaps
    assert page.move_button.text() == "进入下一阶段：实施（D）"


def test_a_countermeasure_made_on_the_page_is_an_item_on_the_ledger_page(qtbot, ctx):
    leader = ctx.read(people)[0]
    ctx.write(pdca.create_project, title=THEME, reason="跌倒多发", started_on=today(), leader_id=leader.id)
    page = _page(qtbot, ctx)
    dialog = page.countermeasure_form(page.project_id())
    fill(qtbot, dialog, what="加装扶手及夜灯", why="卫生间无扶手", where="卫生间、走廊", how="报后勤科加装",
         responsible_id=leader.name, deadline=today() + timedelta(days=20))
    assert dialog.try_save()
    assert page.case_panel.measures.rowCount() == 1
    assert page.case_panel.measures.item(0, 4).text() == leader.name
    assert page.case_panel.measures.item(0, 6).text() == "待整改"
    ledger = LedgerPage(ctx)
    qtbot.addWidget(ledger)
    ledger.refresh()
    ledger.wait_loaded()
    assert any(f"【{THEME}】加装扶手及夜灯" in t for t in table_texts(ledger)), table_texts(ledger)


def test_moving_to_act_without_the_check_evidence_shows_the_refusal(qtbot, ctx, answers):
    leader = ctx.read(people)[0]
    ctx.write(_project_in_check, leader.id)
    page = _page(qtbot, ctx)
    assert page.case_panel.case.stage == "check"
    assert page.move_button.text() == "进入下一阶段：处理（A）"
    page.move_button.click()
    kind, title, text = answers[-1]
    assert kind == "error" and title == "不能进入下一阶段"
    assert "还不能进入“处理（A）”" in text and "改进后只有" in text, text
    assert any("检查（C）" in t for t in table_texts(page)), "the project stays in C"
    assert page.back_button.isVisible()


def test_the_before_after_chart_marks_the_change_month(qtbot, ctx):
    leader = ctx.read(people)[0]
    ctx.write(_project_in_check, leader.id)
    page = _page(qtbot, ctx)
    page.case_panel.setCurrentIndex(1)
    page.show()
    view = page.case_panel.charts[0]
    assert view.spec is not None and view.spec.change_period == str(Period.of(today()))
    view.resize(900, 360)
    view.grab()
    plot = view._plot()
    assert plot.left() < view.change_x < plot.right()
    before = [i for i, p in enumerate(view.spec.points) if p.phase == "before"]
    assert view._x(plot, before[-1]) < view.change_x
    assert view.spec.before.months_with_data == 4


def test_the_printed_case_reads_back_in_the_standard_order(qtbot, ctx, answers, tmp_path):
    leader = ctx.read(people)[0]
    ctx.write(_project_in_check, leader.id)
    page = _page(qtbot, ctx)
    written = page.print_case(tmp_path / "case.pdf")
    assert written is not None and answers[-1][0] == "info"
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(written.read_bytes())).pages))
    assert f"持续改进案例：{THEME}" in text
    order = [text.index(h) for h in ("一、选题背景与理由", "四、原因分析与要因确认", "五、对策拟定", "七、效果确认", "九、检讨与下一步")]
    assert order == sorted(order)
    assert "用药后复评跌倒风险" in text and leader.name in text


def test_the_plan_is_filled_through_the_tabs_forms_until_doing_may_start(qtbot, ctx):
    leader = ctx.read(people)[0]
    now = Period.of(today())
    months = [now.previous().previous().previous().previous(), now.previous().previous().previous(),
              now.previous().previous()]
    for month in months:
        ctx.write(indicators.enter_value, code="NUR-FALL", period=month, numerator=2, denominator=3000)
    ctx.write(pdca.create_project, title=THEME, reason="跌倒多发", started_on=today(), leader_id=leader.id,
              baseline_start=str(months[0]), baseline_end=str(months[-1]))
    page = _page(qtbot, ctx)
    pid = page.project_id()

    dialog = page.indicator_form(pid)
    fill(qtbot, dialog, code="NUR-FALL", target="0.1")
    assert dialog.try_save()
    assert page.case_panel.targets.item(0, 2).text() == "≤0.10‰"

    dialog = page.source_form(pid)
    fill(qtbot, dialog, kind="不良事件原因因素", start=str(months[0]), end=str(months[-1]))
    assert dialog.try_save()
    assert "柏拉图来源：不良事件原因因素" in page.case_panel.current_state.text()

    dialog = page.cause_form(pid)
    fill(qtbot, dialog, category="人", description="用药后未复评跌倒风险", key_cause=True)
    assert not dialog.try_save(), "a key cause needs its verification"
    assert "验证方法" in dialog.errors["verification"].text()
    fill(qtbot, dialog, verification="3例跌倒中2例发生于用药后")
    assert dialog.try_save()
    assert page.case_panel.fishbone.spec.bone("man").causes[0].primary

    dialog = page.countermeasure_form(pid)
    fill(qtbot, dialog, what="用药后复评跌倒风险", why="流程未规定", where="病区", how="用药后2小时内复评",
         responsible_id=leader.name, deadline=today() + timedelta(days=30), cause_id="用药后未复评跌倒风险")
    assert dialog.try_save()
    assert "已具备进入“实施（D）”的条件" in page.case_panel.gaps.text()
    assert page.move_on()
    assert page.case_panel.case.stage == "do" and "进入实施（D）" in page.case_panel.log.item(0, 2).text()


def test_going_back_from_check_to_do_needs_a_reason(qtbot, ctx):
    leader = ctx.read(people)[0]
    ctx.write(_project_in_check, leader.id)
    page = _page(qtbot, ctx)
    dialog = page.back_form(page.project_id())
    assert not dialog.try_save()
    fill(qtbot, dialog, note="改进后跌倒仍有发生，夜间巡视未落实")
    assert dialog.try_save()
    assert page.case_panel.case.stage == "do" and not page.back_button.isVisible()
    assert any("夜间巡视未落实" in page.case_panel.log.item(r, 2).text() for r in range(page.case_panel.log.rowCount()))


def test_a_closed_cycle_starts_one_next_cycle_and_then_names_it(qtbot, ctx):
    leader = ctx.read(people)[0]
    pid = ctx.write(_project_in_check, leader.id)

    def close(session):
        project = pdca.get_project(session, pid)
        project.stage, project.next_cycle = "closed", "聚焦夜间如厕跌倒"

    ctx.write(close)
    page = _page(qtbot, ctx)
    page.refresh()
    page.select_id(str(pid))
    assert page.next_button.isEnabled()
    dialog = page.next_form(page.project_id())
    assert dialog.try_save()
    page.select_id(str(pid))
    page.show_selected()
    assert not page.next_button.isEnabled()
    assert THEME in page.next_button.toolTip()


def test_a_cause_and_a_note_written_by_mistake_are_removed_from_their_tabs(qtbot, ctx, answers):
    leader = ctx.read(people)[0]
    pid = ctx.write(_project_in_check, leader.id)
    ctx.write(pdca.add_cause, pid, category="environment", description="夜间照明不足")
    page = _page(qtbot, ctx)
    page.select_id(str(pid))
    page.show_selected()
    causes = page.case_panel.causes
    # the cause a countermeasure answers cannot go; the page says which countermeasure holds it
    causes.setCurrentCell(0, 0)
    assert not page.remove_cause()
    assert answers[-1][0] == "error" and "用药后复评跌倒风险" in answers[-1][2]
    row = next(r for r in range(causes.rowCount()) if causes.item(r, 1).text() == "夜间照明不足")
    causes.setCurrentCell(row, 0)
    assert page.remove_cause()
    assert "夜间照明不足" not in [causes.item(r, 1).text() for r in range(causes.rowCount())]
    log = page.case_panel.log
    before = log.rowCount()
    log.setCurrentCell(0, 0)
    assert page.remove_log()
    assert page.case_panel.log.rowCount() == before - 1
