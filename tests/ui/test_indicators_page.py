"""质量指标 page: entering a month's figures; the rate is computed, not typed."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog
from uihelpers import crud_roundtrip, fill, open_form, press_enter

from qmsdesk.ui.pages.indicators import IndicatorValuesList


def test_enter_edit_delete_and_undo_an_indicator_value(qtbot, ctx, answers):
    page = IndicatorValuesList(ctx)
    qtbot.addWidget(page)
    crud_roundtrip(qtbot, page,
                   add=dict(code="NUR-PI", period="2026-09", numerator="1", denominator="400"),
                   shown="2026-09 | NUR-PI | 院内压力性损伤发生率（2期及以上） | 1 | 400 | 0.25",
                   edit=dict(numerator="2"), edited="2026-09 | NUR-PI | 院内压力性损伤发生率（2期及以上） | 2 | 400 | 0.5")


def test_numerator_above_denominator_is_refused_beside_the_numerator(qtbot, ctx, answers):
    page = IndicatorValuesList(ctx)
    qtbot.addWidget(page)
    page.refresh()
    dialog = open_form(qtbot, page)
    fill(qtbot, dialog, code="NUR-PI", period="2026-09", numerator="5", denominator="4")
    press_enter(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "不能大于分母" in dialog.error_text("numerator")


def test_a_bad_month_is_flagged_while_typing(qtbot, ctx, answers):
    page = IndicatorValuesList(ctx)
    qtbot.addWidget(page)
    dialog = open_form(qtbot, page)
    fill(qtbot, dialog, period="2026-13")
    assert "YYYY-MM" in dialog.error_text("period")
