"""整改台账 page: the form, status buttons only for allowed moves, a refused move, overdue rows, filters."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from uihelpers import crud_roundtrip, fill, open_form, press_enter, select_text, table_texts

from qmsdesk import clock
from qmsdesk.ui.pages.base import OVERDUE_BACKGROUND
from qmsdesk.ui.pages.ledger import LedgerPage


def _save(qtbot, dialog):
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    return dialog.result() == QDialog.DialogCode.Accepted


def _page_with_item(qtbot, ctx, problem="抢救车除颤仪自检记录缺1天", found=None, deadline=None):
    page = LedgerPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    found = found or clock.today() - timedelta(days=3)
    dialog = open_form(qtbot, page)
    fill(qtbot, dialog, category="急救管理", problem=problem, found_on=found,
         deadline=deadline or clock.today() + timedelta(days=20), responsible_id="王芳")
    press_enter(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.general_error.text()
    return page, select_text(page, problem)


def test_add_edit_delete_and_undo_an_item(qtbot, ctx, answers):
    page = LedgerPage(ctx)
    qtbot.addWidget(page)
    crud_roundtrip(qtbot, page,
                   add=dict(category="护理文书", problem="交班记录不完整", found_on=date(2026, 10, 2),
                            deadline=date(2026, 12, 31), responsible_id="王芳"),
                   shown="待整改 |  | 交班记录不完整", edit=dict(measures="每班核对"), edited="交班记录不完整")


def test_only_allowed_moves_have_buttons_and_status_reads_in_words(qtbot, ctx, answers):
    page, row = _page_with_item(qtbot, ctx)
    assert "待整改" in table_texts(page)[0]
    visible = lambda: {b.objectName() for b in (page.start_button, page.submit_button, page.close_button,  # noqa: E731
                                                page.reject_button) if b.isVisibleTo(page)}
    assert visible() == {"to-in_progress"}

    assert _save(qtbot, page.transition_form(row, "in_progress"))
    row = select_text(page, "除颤仪")
    assert "整改中" in table_texts(page)[0] and visible() == {"to-awaiting_verification"}

    assert _save(qtbot, page.transition_form(row, "awaiting_verification"))
    row = select_text(page, "除颤仪")
    assert "待验证" in table_texts(page)[0] and visible() == {"to-closed", "to-rejected"}

    assert _save(qtbot, page.transition_form(row, "closed")) is False  # verifier, date and evaluation required
    form = page.transition_form(row, "closed")
    qtbot.addWidget(form)
    fill(qtbot, form, verifier_id="张伟", verified_on=clock.today(), effect_evaluation="连续两周自检记录完整")
    assert _save(qtbot, form)
    select_text(page, "除颤仪")
    assert "已销号" in table_texts(page)[0] and visible() == set()
    assert not page.edit_button.isEnabled()


def test_a_move_the_service_refuses_shows_its_reason(qtbot, ctx, answers):
    page, row = _page_with_item(qtbot, ctx)
    form = page.transition_form(row, "closed")  # an open item cannot be closed directly
    qtbot.addWidget(form)
    form.show()
    fill(qtbot, form, verifier_id="张伟", verified_on=clock.today(), effect_evaluation="已改善")
    assert _save(qtbot, form) is False
    assert "不能从“待整改”变为“已销号”" in form.general_error.text()
    assert "待整改" in table_texts(page)[0]


def test_overdue_items_stand_out_and_can_be_filtered(qtbot, ctx, answers):
    page, _row = _page_with_item(qtbot, ctx, problem="PICC维护记录缺失", found=clock.today() - timedelta(days=40),
                                 deadline=clock.today() - timedelta(days=10))
    dialog = open_form(qtbot, page)
    fill(qtbot, dialog, category="护理文书", problem="体温单漏记", found_on=clock.today(),
         deadline=clock.today() + timedelta(days=30))
    press_enter(qtbot, dialog)
    late = select_text(page, "PICC维护记录缺失")
    assert "逾期 10 天" in next(t for t in table_texts(page) if "PICC" in t)
    assert page.model.row_background(late) == OVERDUE_BACKGROUND
    page.overdue_only.setChecked(True)
    assert len(table_texts(page)) == 1 and "PICC" in table_texts(page)[0]
    page.overdue_only.setChecked(False)
    page.person_filter.setCurrentIndex(page.person_filter.findText("王芳"))
    assert len(table_texts(page)) == 1


def test_search_filters_after_a_short_pause(qtbot, ctx, answers):
    page, _ = _page_with_item(qtbot, ctx, problem="高警示药品未单独存放")
    qtbot.keyClicks(page.search, "xyz")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=2000)
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)


def test_rows_load_on_a_worker_thread_and_the_page_shows_them(qtbot, ctx, answers):
    page, _ = _page_with_item(qtbot, ctx, problem="输液卡信息不全")
    ctx.background_loads = True
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.refresh()
        assert page.count_label.text() == "正在加载…"
    assert any("输液卡信息不全" in t for t in table_texts(page))
    assert page.count_label.text() == "共 1 条"


def test_the_item_view_shows_progress_and_history_from_the_audit_log(qtbot, ctx, answers):
    page, row = _page_with_item(qtbot, ctx)
    form = page.transition_form(row, "in_progress")
    qtbot.addWidget(form)
    fill(qtbot, form, note="已更换电池并补记")
    assert _save(qtbot, form)
    select_text(page, "除颤仪")
    text = page.details.toPlainText()
    assert "已更换电池并补记" in text
    assert "修改记录" in text and "测试护士长" in text and "整改中" in text


def test_an_item_added_while_rows_load_in_the_background_ends_up_selected(qtbot, ctx, answers):
    page, _ = _page_with_item(qtbot, ctx, problem="输液卡信息不全")
    ctx.background_loads = True
    page.window().show()
    dialog = open_form(qtbot, page)
    fill(qtbot, dialog, category="护理文书", problem="体温单漏记", found_on=clock.today(),
         deadline=clock.today() + timedelta(days=30))
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        press_enter(qtbot, dialog)
        page.select_result(dialog.result_value)
    assert page.selected_row()["problem"] == "体温单漏记"
