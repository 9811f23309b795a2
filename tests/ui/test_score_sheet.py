"""逐项评分 on the 检查督查 page: the score follows what is entered and cannot be typed; a deduction becomes
a ledger item that the 整改台账 page shows."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit
from uihelpers import fill, open_form, press_enter, select_text, table_texts

from qmsdesk.ui.pages.inspections import InspectionsPage
from qmsdesk.ui.pages.ledger import LedgerPage
from qmsdesk.ui.score_sheet import ScoreSheetDialog

TEMPLATE = "护理文书书写质量检查评分标准"


def _scored_inspection(qtbot, ctx) -> InspectionsPage:
    page = InspectionsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    dialog = open_form(qtbot, page)
    choice = next(dialog.widgets["template_id"].itemText(i) for i in range(dialog.widgets["template_id"].count())
                  if dialog.widgets["template_id"].itemText(i).startswith(TEMPLATE))
    fill(qtbot, dialog, kind="科室自查", date=date(2026, 10, 15), inspector="护士长", template_id=choice)
    press_enter(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.general_error.text()
    select_text(page, "护士长")
    return page


def _sheet(qtbot, page) -> ScoreSheetDialog:
    sheet = page.score_form()
    qtbot.addWidget(sheet)
    sheet.show()
    return sheet


def _first_per_instance_row(sheet):
    return next(r for r in sheet.rows if r.item.deduct_per is not None and r.item.cap > r.item.deduct_per)


def test_entering_a_deduction_changes_the_shown_score_which_cannot_be_typed(qtbot, ctx, answers):
    page = _scored_inspection(qtbot, ctx)
    assert "100 分" in table_texts(page)[0]  # nothing deducted yet
    sheet = _sheet(qtbot, page)
    assert isinstance(sheet.score_label, QLabel) and not isinstance(sheet.score_label, QLineEdit)
    assert sheet.score_label.text().startswith("得分：100 分")
    editable = [w for w in sheet.findChildren(QLineEdit) if "score" in w.objectName()]
    assert editable == []

    row = _first_per_instance_row(sheet)
    row.failures.setValue(1)  # one non-compliant record: the rule's points per instance come off
    per = row.item.deduct_per
    assert row.deduction.value() == per
    assert f"扣 {per:g} 分" in sheet.score_label.text()
    assert sheet.score_label.text().startswith(f"得分：{100 - per:g} 分")

    row.deduction.setValue(row.item.cap + 5)  # the spin box stops at the rule's cap
    assert row.deduction.value() == row.item.cap


def test_a_deduction_without_reason_is_refused_and_a_saved_one_shows_on_the_list(qtbot, ctx, answers):
    page = _scored_inspection(qtbot, ctx)
    sheet = _sheet(qtbot, page)
    row = _first_per_instance_row(sheet)
    row.sample.setValue(10)
    row.failures.setValue(2)
    qtbot.mouseClick(sheet.buttons.button(sheet.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert sheet.result() != QDialog.DialogCode.Accepted
    assert "扣分原因" in sheet.error.text() and row.item.code in sheet.error.text()

    row.reason.setText("2 份护理记录未记录出入量")
    qtbot.mouseClick(sheet.buttons.button(sheet.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert sheet.result() == QDialog.DialogCode.Accepted, sheet.error.text()
    expected = 100 - min(2 * row.item.deduct_per, row.item.cap)
    select_text(page, "护士长")
    assert f"{expected:g} 分" in table_texts(page)[0]
    assert page.deductions_model.rowCount() == 1
    assert page.deductions_model.index(0, 3).data() == "2 份护理记录未记录出入量"
    assert page.deductions_model.index(0, 4).data() == "未转整改"

    again = _sheet(qtbot, page)  # reopened: what was saved is shown
    saved = next(r for r in again.rows if r.item.code == row.item.code)
    assert saved.failures.value() == 2 and saved.sample.value() == 10
    assert again.score_label.text().startswith(f"得分：{expected:g} 分")


def test_a_deduction_becomes_a_ledger_item_shown_on_the_ledger_page(qtbot, ctx, answers):
    page = _scored_inspection(qtbot, ctx)
    ledger = LedgerPage(ctx)
    qtbot.addWidget(ledger)
    ledger.refresh()
    assert ledger.proxy.rowCount() == 0
    sheet = _sheet(qtbot, page)
    row = _first_per_instance_row(sheet)
    row.failures.setValue(1)
    row.reason.setText("抽查病历首页签名缺失")
    assert sheet.save()

    select_text(page, "护士长")
    form = page.deduction_item_form()
    qtbot.addWidget(form)
    fill(qtbot, form, responsible_id="王芳", measures="每班交班前核对签名")
    qtbot.mouseClick(form.buttons.button(form.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert form.result() == QDialog.DialogCode.Accepted, form.general_error.text()
    assert page.deductions_model.index(0, 4).data() == "待整改"

    ledger.show()  # the ledger heard the Changes of the write and reloads when shown
    texts = table_texts(ledger)
    assert len(texts) == 1 and row.item.code in texts[0] and "抽查病历首页签名缺失" in texts[0]

    second = page.deduction_item_form()  # once per deduction
    qtbot.addWidget(second)
    qtbot.mouseClick(second.buttons.button(second.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert second.result() != QDialog.DialogCode.Accepted
    assert "已转为整改事项" in second.general_error.text()


def test_a_deducted_item_is_marked_on_the_sheet(qtbot, ctx, answers):
    from qmsdesk.ui.score_sheet import DEDUCTED, TEXT

    page = _scored_inspection(qtbot, ctx)
    sheet = _sheet(qtbot, page)
    row = _first_per_instance_row(sheet)
    r = next(i for i in range(sheet.table.rowCount()) if sheet.table.item(i, 0) and sheet.table.item(i, 0).text() == row.item.code)
    assert sheet.table.item(r, TEXT).background().color() != DEDUCTED
    row.failures.setValue(1)
    assert sheet.table.item(r, TEXT).background().color() == DEDUCTED
    row.not_applicable.setChecked(True)  # an item that does not apply loses nothing (the save refuses both at once)
    assert sheet.table.item(r, TEXT).background().color() != DEDUCTED


def test_saving_a_sheet_without_deductions_records_every_item_at_full_marks(qtbot, ctx, answers):
    from qmsdesk.services import scoring

    page = _scored_inspection(qtbot, ctx)
    sheet = _sheet(qtbot, page)
    assert sheet.save()
    saved = ctx.read(scoring.score_sheet, page.selected_row()["id"])
    assert all(i.inspection_item_id is not None and i.deduction == 0 for i in saved.items)
    assert "100 分" in table_texts(page)[0] and page.deductions_model.rowCount() == 0
