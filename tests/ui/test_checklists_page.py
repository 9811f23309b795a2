"""检查评分表 and 评分分析 pages: templates listed with their items, a revision saved as a new version,
export and import of the CLI's files, the score trend and the Pareto of deducted items."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from qmsdesk.services import checklists, scoring
from qmsdesk.services.inspections import create_inspection
from qmsdesk.ui.pages.checklist_analysis import ChecklistAnalysisPage
from qmsdesk.ui.pages.checklists import ChecklistsPage

DOCS = "护理文书书写质量检查评分标准"


def _texts(model) -> list[str]:
    return [" | ".join(model.index(r, c).data() or "" for c in range(model.columnCount())) for r in range(model.rowCount())]


def _page(qtbot, ctx) -> ChecklistsPage:
    page = ChecklistsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    return page


def _select(page: ChecklistsPage, name: str, version: str | None = None) -> None:
    for r, line in enumerate(_texts(page.model)):
        if name in line and (version is None or f"| {version} |" in line):
            page.table.selectRow(r)
            return
    raise AssertionError(f"{name} {version} not listed: {_texts(page.model)}")


def test_the_shipped_templates_are_listed_with_their_items_and_rules(qtbot, ctx):
    page = _page(qtbot, ctx)
    assert page.model.rowCount() >= 8
    _select(page, DOCS)
    assert "标准分 100 分" in page.about.text() and "已用于 0 次检查" in page.about.text()
    first = _texts(page.items_model)[0]
    assert page.items_model.index(0, 3).data()  # 标准分
    assert "扣分标准：" in page.items_model.index(0, 2).data()  # the deduction rule as printed on the form
    assert page.items_model.index(0, 4).data() and first


def test_a_revision_is_a_new_active_version_and_the_old_one_stays(qtbot, ctx, answers):
    page = _page(qtbot, ctx)
    _select(page, DOCS)
    old_version = page.selected_template()["version"]
    editor = page.revise_form()
    qtbot.addWidget(editor)
    editor.table.item(0, 2).setText("入院评估单 24 小时内完成并签全名（本科要求）")
    editor.version.setText(old_version)  # a used version number is refused
    qtbot.mouseClick(editor.buttons.button(editor.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert editor.result() != QDialog.DialogCode.Accepted and "新的版本号" in editor.error.text()

    editor.table.item(0, 3).setText("abc")  # 标准分 not a number: named with its item
    editor.version.setText(f"{old_version}-本科1")
    assert not editor.save() and "标准分" in editor.error.text()
    editor.table.item(0, 3).setText(page.items_model.index(0, 3).data())
    assert editor.save(), editor.error.text()

    page.refresh()
    _select(page, DOCS, f"{old_version}-本科1")
    assert "本科修订" in _texts(page.model)[page.table.selectionModel().selectedRows()[0].row()]
    assert page.items_model.index(0, 2).data().startswith("入院评估单 24 小时内完成并签全名（本科要求）\n扣分标准：")
    assert f"修订自 {old_version} 版" in page.about.text()
    page.all_versions.setChecked(True)
    assert any(f"| {old_version} |" in line and DOCS in line for line in _texts(page.model))


def test_export_then_import_a_changed_file(qtbot, ctx, answers, tmp_path):
    page = _page(qtbot, ctx)
    _select(page, DOCS)
    version = page.selected_template()["version"]
    out = tmp_path / "docs.toml"
    assert page.export_selected(str(out))
    text = out.read_text(encoding="utf-8")
    assert f'version = "{version}"' in text
    assert not page.import_file(str(out))  # same version: refused with a message
    assert answers[-1][0] == "error" and "已经存在" in answers[-1][2]

    out.write_text(text.replace(f'version = "{version}"', 'version = "2027"'), encoding="utf-8")
    assert page.import_file(str(out))
    row = page.selected_template()
    assert row["version"] == "2027" and row["active"] and row["name"] == DOCS


def test_the_analysis_page_draws_the_score_trend_and_the_pareto_of_deductions(qtbot, ctx):
    with ctx.db.session() as s:
        template = checklists.find_template(s, "NUR-DOC")
        items = [i for i in template.items if i.deduct_per is not None][:2]
        for day, failures in ((date(2026, 9, 10), 1), (date(2026, 10, 12), 2)):
            ins = create_inspection(s, kind="self", date=day, inspector="护士长", template_id=template.id)
            scoring.score_item(s, ins.id, items[0].code, failures=failures, sample_size=10, reason="记录不全")
        codes = (items[0].code, template.code)
    page = ChecklistAnalysisPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.show_template(codes[1])
    page.range.set_range("2026-08", "2026-10")
    trend = page.trend.spec
    values = [p.value for p in trend.points]
    assert len(values) == 3 and values[0] is None and values[2] < values[1] < 100
    pareto = page.pareto.spec
    assert pareto is not None and pareto.bars[0].category.startswith(codes[0]) and pareto.bars[0].count == 3
    assert page.counts.rowCount() == 1  # the table under the chart names the item in full
    assert page.counts.index(0, 0).data() == codes[0] and page.counts.index(0, 2).data() == "3"
