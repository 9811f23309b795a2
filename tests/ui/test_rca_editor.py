"""The RCA editor on the 不良事件 page: a grade II event without an analysis is flagged and blocks its month; the
head nurse ticks factors from the vocabulary, writes the whys, raises an item, and the flag and the block go."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from uihelpers import fill, table_texts

from qmsdesk import clock
from qmsdesk.clock import today
from qmsdesk.periods import Period
from qmsdesk.services import events
from qmsdesk.services.factors import vocabulary
from qmsdesk.ui.pages.events import EventsPage
from qmsdesk.ui.pages.submission import SubmissionPage
from qmsdesk.ui.rca_dialog import PRIMARY, TERM, RcaDialog


def _grade_two_fall(ctx) -> tuple[object, str]:
    """A grade II fall a few days ago (this month or the last), reported by nobody in particular."""
    day = today() - timedelta(days=3)
    when = clock.at_local(day) + timedelta(hours=2)
    ev = ctx.write(events.report_event, occurred_at=when, reported_at=when + timedelta(hours=1), category="fall",
                   grade="II", description="患者夜间自行如厕时跌倒，右髋部疼痛", medical_record_no="A200001")
    return ev.id, str(Period.of(when))


def _row_text(page: EventsPage) -> str:
    return next(t for t in table_texts(page) if "右髋部疼痛" in t)


def _rca_cell(page: EventsPage):
    col = next(i for i, c in enumerate(page.model.columns) if c.key == "rca")
    return page.model.index(0, col)


def _blocking_texts(qtbot, ctx, period: str) -> list[str]:
    page = SubmissionPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    assert page.select_id(period), table_texts(page)
    report = page.check_selected()
    return [i.message for i in report.errors]


def test_a_grade_two_event_without_rca_is_flagged_and_blocks_its_month(qtbot, ctx):
    eid, period = _grade_two_fall(ctx)
    page = EventsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    assert "须做，尚未分析" in _row_text(page)
    assert page.model.data(_rca_cell(page), Qt.ItemDataRole.ForegroundRole).color().name() == "#b71c1c"
    page.lacking_only.setChecked(True)
    assert page.proxy.rowCount() == 1
    blocking = _blocking_texts(qtbot, ctx, period)
    assert any("根因分析未完成" in t for t in blocking), blocking


def test_the_rca_editor_offers_only_vocabulary_terms_and_draws_what_is_ticked(qtbot, ctx):
    eid, _ = _grade_two_fall(ctx)
    dialog = RcaDialog(ctx, eid)
    qtbot.addWidget(dialog)
    shown = {dialog.factors.topLevelItem(i).child(k).text(TERM) for i in range(dialog.factors.topLevelItemCount())
             for k in range(dialog.factors.topLevelItem(i).childCount())}
    assert shown == {t.label for t in vocabulary().terms}
    assert "Ⅰ、Ⅱ级事件须完成根因分析" in dialog.gaps_label.text()

    term = vocabulary().get("MAN-ASSESS")
    dialog.terms["MAN-ASSESS"].setCheckState(TERM, Qt.CheckState.Checked)
    dialog.terms["MAN-ASSESS"].setCheckState(PRIMARY, Qt.CheckState.Checked)
    dialog.fishbone.resize(900, 380)
    dialog.fishbone.grab()  # paint
    assert any(text.startswith(term.label[:6]) for text in dialog.fishbone.drawn_causes), dialog.fishbone.drawn_causes
    bone = dialog.fishbone.spec.bone("man")
    assert bone.causes[0].primary and bone.causes[0].text == term.label


def test_a_harm_level_that_does_not_fit_the_grade_is_refused_in_chinese(qtbot, ctx):
    eid, _ = _grade_two_fall(ctx)
    dialog = RcaDialog(ctx, eid)
    qtbot.addWidget(dialog)
    assert dialog.findChild(QLabel, "harm-fits").text() == "Ⅱ级（不良后果事件）可选：轻度伤害、中度伤害、重度伤害"
    dialog.harm.setCurrentIndex(dialog.harm.findText("无伤害"))
    assert not dialog.try_save()
    assert dialog.error.isVisibleTo(dialog)
    assert "与事件分级" in dialog.error.text() and "不符" in dialog.error.text()


def test_completing_the_rca_with_an_item_clears_the_flag_and_the_block(qtbot, ctx, monkeypatch):
    eid, period = _grade_two_fall(ctx)
    page = EventsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    page.table.selectRow(0)
    item_form = page.item_form

    def filled_item_form(row):  # the page's 转为整改事项 form, filled and saved as a user would
        form = item_form(row)
        fill(qtbot, form, measures="夜间加强巡视，高风险患者床旁悬挂防跌倒标识")
        form.exec = lambda: (form.try_save(), form.result())[1]
        return form

    monkeypatch.setattr(page, "item_form", filled_item_form)
    dialog = page.rca_dialog(page.selected_row())
    qtbot.addWidget(dialog)
    dialog.harm.setCurrentIndex(dialog.harm.findText("中度伤害"))
    whys = ("患者自行下床如厕", "夜间未呼叫护士协助", "入院时未告知夜间如厕需呼叫", "跌倒风险评估后未做针对性宣教")
    for line, text in zip(dialog.whys, whys, strict=False):
        line.setText(text)
    dialog.root_cause.setPlainText("高风险患者的防跌倒宣教未落实到夜间如厕")
    dialog.lessons.setPlainText("评估高风险后当班完成宣教并请家属复述")
    dialog.terms["MAN-EDU"].setCheckState(TERM, Qt.CheckState.Checked)
    dialog.terms["MAN-EDU"].setCheckState(PRIMARY, Qt.CheckState.Checked)
    assert dialog.new_item()
    assert dialog.items.rowCount() == 1 and "防跌倒标识" not in dialog.items.item(0, 0).text()
    assert dialog.try_save()

    page.refresh()
    assert "已完成" in _row_text(page)
    assert not any("根因分析未完成" in t for t in _blocking_texts(qtbot, ctx, period))
    again = RcaDialog(ctx, eid)
    qtbot.addWidget(again)
    assert again.terms["MAN-EDU"].checkState(TERM) == Qt.CheckState.Checked
    assert again.whys[3].text() == whys[3] and again.harm.currentText() == "中度伤害"
    assert "根因分析完整" in again.gaps_label.text()
    assert date.fromisoformat(again.items.item(0, 2).text()) > today()


def test_the_blocking_row_opens_the_event_ready_for_its_analysis(qtbot, ctx):
    from qmsdesk.ui.main_window import MainWindow

    eid, period = _grade_two_fall(ctx)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("submission")
    assert page.select_id(period)
    page.check_selected()
    row = next(r for r in range(page.issues.rowCount()) if "根因分析未完成" in page.issues.item(r, 1).text())
    assert page.issues.item(row, 0).text() == "必须处理"
    page.issues.cellDoubleClicked.emit(row, 1)
    events_page = window.current_page()
    assert events_page.key == "events" and events_page.selected_row()["id"] == eid
    assert events_page.rca_button.isEnabled()
