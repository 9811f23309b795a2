"""The office window: every page opens on a real office store (demo units) and shows its data."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from PySide6.QtCore import Qt

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="session")
def office_keys_ui():
    from qmsdesk.sync.keys import generate_office_keys

    return generate_office_keys()


@pytest.fixture(scope="session")
def _demo(tmp_path_factory, office_keys_ui):
    """Three demo units' packages (made once) and a store that knows the units but imported nothing yet."""
    from qmsdesk.office.demo import generate_office_demo
    from qmsdesk.office.store import open_office_store

    root = tmp_path_factory.mktemp("office-demo")
    store = open_office_store(root / "office.db")
    generate_office_demo(root / "packages", hospitals=1, departments=3, months=4, keys=office_keys_ui, store=store,
                         until="2026-10", today=TODAY)
    store.close()
    return root


def _context(tmp_path, demo, keys, *, imported: bool):
    from qmsdesk.office.importer import import_paths
    from qmsdesk.office.store import OfficeFolders, open_office_store
    from qmsdesk.ui.office.context import OfficeContext

    shutil.copyfile(demo / "office.db", tmp_path / "office.db")
    folders = OfficeFolders(tmp_path / "office").ensure()
    shutil.copytree(demo / "packages", folders.inbox, dirs_exist_ok=True)
    store = open_office_store(tmp_path / "office.db")
    if imported:
        import_paths(store, [folders.inbox], keys=keys, folders=folders)
    return OfficeContext(store, folders, lambda: keys)


@pytest.fixture
def ctx(tmp_path, _demo, office_keys_ui):
    c = _context(tmp_path, _demo, office_keys_ui, imported=True)
    yield c
    c.close()


@pytest.fixture
def window(qtbot, ctx):
    from qmsdesk.ui.office.window import OfficeWindow

    w = OfficeWindow(ctx, today=TODAY)
    qtbot.addWidget(w)
    w.show()
    return w


def _open(window, key):
    """The page shown and its data read (pages read on the store's worker, then fill themselves)."""
    page = window.show_page(key)
    page.wait_loaded()
    return page


def _reloaded(page):
    page.refresh()
    page.wait_loaded()
    page.wait_loaded()


def test_every_office_page_opens_and_shows_data(window):
    assert [p.title() for p in window.pages] == ["上报情况", "收件箱与导入", "单位与登记", "指标对比", "整改跟踪",
                                               "培训与不良事件", "评分对比", "季度报告"]
    for page in window.pages:
        window.show_page(page.key)
        assert page.isVisible()
        page.wait_loaded()
        assert not page.loading_note.isVisible()  # "正在读取…" gone: the page shows its data


def test_completeness_grid_shows_each_unit_month_and_the_rates(window):
    page = _open(window, "office-completeness")
    grid = page.grid.model()
    assert grid.rowCount() == 3 + 2  # three units, then the two rate rows
    texts = {page.cell_text(grid.headerData(r, Qt.Orientation.Vertical), "2026-10") for r in range(3)}
    assert texts <= {"按时", "未报"} | {f"迟报 {n} 天" for n in range(1, 20)}
    assert grid.index(3, 0).data().endswith("%")


def test_inbox_scan_imports_and_summarises(qtbot, tmp_path, _demo, office_keys_ui):
    from qmsdesk.ui.office.inbox_page import InboxPage

    c = _context(tmp_path, _demo, office_keys_ui, imported=False)
    try:
        page = InboxPage(c)
        qtbot.addWidget(page)
        page.show()
        summaries = page.scan_now()
        assert summaries and all(s.outcome == "applied" for s in summaries)
        assert "导入" in page.summary_label.text()
        _reloaded(page)
        assert page.packages.rowCount() == len(summaries)
        assert page.log.rowCount() == len(summaries)
        assert page.timer.isActive()
        again = page.scan_now()
        assert again == [] and "没有新的" in page.summary_label.text()
    finally:
        c.close()


def test_returning_a_package_from_the_inbox_page_marks_it_returned(window, ctx):
    page = _open(window, "office-inbox")
    first = page.packages.row_at(0)
    result = page.acknowledge(first["id"], "returned", "请核对跌倒例次")
    assert result.receipt.exists()
    _reloaded(page)
    assert page.packages.row_at(0)["ack"] == "已退回"


def test_units_page_registers_a_unit_and_writes_its_enrollment_file(window, tmp_path):
    from qmsdesk.sync.enrollment import read_enrollment

    page = _open(window, "office-units")
    before = page.model.rowCount()
    path = page.register(dict(hospital_code="H09", hospital_name="新店乡卫生院", department_code="D01",
                              department_name="全科", department_type="township", deadline_day=6), tmp_path / "e.json")
    enrollment, token = read_enrollment(path)
    assert (enrollment.hospital_name, enrollment.deadline_day) == ("新店乡卫生院", 6) and token
    _reloaded(page)
    assert page.model.rowCount() == before + 1
    assert {page.model.row_at(i)["key_state"] for i in range(page.model.rowCount())} == {"confirmed", "none"}
    assert {page.model.index(i, 5).data() for i in range(page.model.rowCount())} == {"已确认", "未收到上报包"}


def test_comparison_page_orders_units_with_the_target_and_draws_a_unit_chart(window):
    page = _open(window, "office-comparison")
    page.month.setCurrentText("2026-10")
    page.wait_loaded()
    page.indicator.setCurrentIndex(page.indicator.findData("NUR-FALL"))
    page.wait_loaded()
    assert page.bars.rows and page.bars.target is not None
    assert page.model.rowCount() >= 1
    assert page.chart.spec is not None and page.chart.spec.code == "NUR-FALL"
    assert len(page.funnel.points) == page.model.rowCount() and page.funnel.pooled is not None
    page.tabs.setCurrentIndex(1)
    page.funnel.grab()  # paints without error


def test_followup_page_filters_overdue_items_and_shows_the_pareto(window):
    page = _open(window, "office-followup")
    everything = page.items.rowCount()
    page.overdue.setChecked(True)
    page.wait_loaded()
    assert 0 < page.items.rowCount() <= everything
    assert all(page.items.row_at(i)["days"] for i in range(page.items.rowCount()))
    page.tabs.setCurrentIndex(1)  # 各单位销号率 is read when its tab is opened
    page.wait_loaded()
    assert page.closure.rowCount() == 3
    assert page.pareto.spec is not None and page.pareto.spec.total > 0


def test_compliance_page_shows_training_and_events_per_unit(window):
    page = _open(window, "office-compliance")
    page.quarter.setCurrentText("2026Q3")
    page.wait_loaded()
    assert page.training.rowCount() == 3
    assert page.events.rowCount() > 0


def test_report_page_writes_the_quarterly_pdf_and_workbook(window, _never_block):
    page = _open(window, "office-report")
    page.quarter.setCurrentText("2026Q3")
    result = page.generate()
    assert _never_block == []
    assert result.pdf.exists() and result.xlsx.exists()
    assert "已生成" in page.where.text()


def test_the_mode_is_remembered(window):
    from qmsdesk.ui.settings import UiSettings

    settings = UiSettings()
    settings.mode = "office"
    window.settings = settings
    window.ward_mode.trigger()
    assert UiSettings().mode == "ward"


def test_units_page_shows_both_fingerprints_when_a_unit_brings_a_new_key(window, ctx, office_keys_ui):
    import uuid
    from datetime import UTC, datetime

    from qmsdesk.office.importer import import_file
    from qmsdesk.sync import crypto
    from qmsdesk.sync.package import UnitIdentity, build_package

    page = _open(window, "office-units")
    old = page.model.row_at(0)
    new_key = crypto.new_signing_key()
    new_fp = crypto.fingerprint(crypto.raw_public(new_key))
    built = build_package(ctx.folders.unit_inbox(old["folder"]), unit=UnitIdentity(
        str(uuid.uuid4()), old["hospital_code"], old["department_code"], old["hospital"], old["department"]),
        period="2026-10", version=9, records={}, signing_key=new_key,
        office_key=office_keys_ui.encryption_public.key_b64, created=datetime(2026, 11, 2, tzinfo=UTC))
    assert import_file(ctx.store, built.path, keys=office_keys_ui, folders=ctx.folders).code == "new_key_pending"
    _reloaded(page)
    row = next(page.model.row_at(i) for i in range(page.model.rowCount()) if page.model.row_at(i)["id"] == old["id"])
    assert (row["key_state"], row["fingerprint"], row["pending"]) == ("replacing", old["fingerprint"], new_fp)
    text = page.confirm_text(row)
    assert new_fp in text and old["fingerprint"] in text and "替换" in text
    page.confirm(row["id"], row["pending"])
    _reloaded(page)
    row = next(page.model.row_at(i) for i in range(page.model.rowCount()) if page.model.row_at(i)["id"] == old["id"])
    assert (row["key_state"], row["fingerprint"], row["pending"]) == ("confirmed", new_fp, "")


def test_the_timer_scan_imports_on_the_worker_and_the_page_follows_by_itself(qtbot, tmp_path, _demo, office_keys_ui):
    from qmsdesk.ui.office.window import OfficeWindow

    c = _context(tmp_path, _demo, office_keys_ui, imported=False)
    try:
        window = OfficeWindow(c, today=TODAY)
        qtbot.addWidget(window)
        window.show()
        page = _open(window, "office-inbox")
        assert page.packages.rowCount() == 0 and c.inbox_timer.isActive()
        with qtbot.waitSignal(c.inbox_scanned, timeout=60_000):
            c.inbox_timer.timeout.emit()  # what the timer does every five minutes
        page.wait_loaded()
        assert "导入" in page.summary_label.text()
        assert page.packages.rowCount() > 0  # reloaded from the scan's changes, no click needed
        grid = _open(window, "office-completeness")
        assert any(grid.grid.model().index(r, c_).data() != "未报" for r in range(3) for c_ in range(3))
    finally:
        c.close()


def test_a_timer_scan_that_cannot_run_says_why_in_the_status_bar_and_the_log(qtbot, tmp_path, _demo, caplog):
    import logging

    from qmsdesk.office.store import OfficeFolders, open_office_store
    from qmsdesk.ui.office.context import OfficeContext
    from qmsdesk.ui.office.window import OfficeWindow

    shutil.copyfile(_demo / "office.db", tmp_path / "office.db")
    folders = OfficeFolders(tmp_path / "office").ensure()
    shutil.copytree(_demo / "packages", folders.inbox, dirs_exist_ok=True)
    store = open_office_store(tmp_path / "office.db")
    c = OfficeContext(store, folders, lambda: object())  # real packages from known units, "keys" that cannot open them
    try:
        window = OfficeWindow(c, today=TODAY)
        qtbot.addWidget(window)
        with caplog.at_level(logging.WARNING), qtbot.waitSignal(c.problem, timeout=60_000):
            c.scan_in_background()
        assert "自动扫描收件箱" in window.statusBar().currentMessage()
        logged = [r for r in caplog.records if "自动扫描收件箱" in r.getMessage()]
        assert logged and logged[0].exc_info is not None  # with its traceback
    finally:
        c.close()


def test_a_pending_key_is_confirmed_by_its_state_not_by_the_words_shown(qtbot, qapp, tmp_path, _demo, office_keys_ui,
                                                                          answers):
    """The units page once compared the shown text "待确认"; in English the state reads "to confirm" and still works."""
    from qmsdesk.ui.app import install_translations
    from qmsdesk.ui.office.units_page import UnitsPage

    c = _context(tmp_path, _demo, office_keys_ui, imported=True)
    install_translations(qapp, "en")
    try:
        c.write(_forget_a_confirmed_key)
        page = UnitsPage(c, today=TODAY)
        qtbot.addWidget(page)
        page.show()
        page.wait_loaded()
        shown = {page.model.index(i, 5).data() for i in range(page.model.rowCount())}
        assert "to confirm" in shown and not any("确认" in text for text in shown)
        pending = next(i for i in range(page.model.rowCount()) if page.model.row_at(i)["key_state"] == "pending")
        page.table.selectRow(pending)
        page._confirm()
        page.wait_loaded()
        assert {page.model.row_at(i)["key_state"] for i in range(page.model.rowCount())} == {"confirmed"}
    finally:
        install_translations(qapp, "zh_CN")
        c.close()


def _forget_a_confirmed_key(s):
    """One unit's key back to pending, as if its first package had just arrived."""
    from qmsdesk.office.units import list_units

    unit = list_units(s)[0]
    unit.pending_key_b64, unit.pending_fingerprint = unit.key_b64, unit.key_fingerprint
    unit.key_b64 = unit.key_fingerprint = None


def test_checklist_scores_compare_units_on_one_version_and_list_the_most_deducted_items(window, ctx):
    from qmsdesk.office import quality
    from qmsdesk.office.queries import quarter_periods

    page = _open(window, "office-checklists")
    page.quarter.setCurrentText("2026Q3")
    page.wait_loaded()
    expected = ctx.read(quality.template_comparisons, quarter_periods("2026Q3"))
    assert page.template.count() == len(expected) > 0
    first = expected[page.template.currentData()]
    assert f"{first.version} 版" in page.template.currentText()
    shown = [page.scores.index(r, 0).data() for r in range(page.scores.rowCount())]
    assert shown == [r.unit_label for r in first.rows]
    assert page.scores.index(0, 2).data() == f"{first.rows[0].mean_percent:.1f}%"
    assert [label for label, *_ in page.bars.rows] == shown
    items = ctx.read(quality.deducted_items, quarter_periods("2026Q3"))
    assert page.items.rowCount() == len(items) > 0
    assert page.items.index(0, 1).data() == items[0].item_code
    spec = quality.most_deducted(None, quarter_periods("2026Q3"), items, top=15)
    assert [b.category for b in page.pareto.spec.bars] == [b.category for b in spec.bars]
    assert page.pareto.spec.bars[0].count == items[0].inspections


def test_pages_read_on_the_store_worker_and_say_so_until_their_data_arrive(window, ctx, monkeypatch):
    """Nothing is read on the GUI thread: a page opens at once saying 正在读取…, then fills itself."""
    import threading

    readers: list[str] = []
    session = ctx.store.session

    def watched():
        readers.append(threading.current_thread().name)
        return session()

    monkeypatch.setattr(ctx.store, "session", watched)
    for key in ("office-completeness", "office-inbox", "office-units", "office-comparison", "office-followup",
                "office-compliance", "office-checklists"):
        page = window.show_page(key)
        if page.loading:  # the page read nothing yet when it is first shown
            assert page.loading_note.isVisible() and page.property("loading") is True
        page.wait_loaded()
        assert not page.loading_note.isVisible() and page.property("loading") is False
    assert readers and threading.main_thread().name not in readers


def test_the_newest_choice_wins_when_the_user_changes_it_while_a_page_reads(window):
    page = window.show_page("office-completeness")
    page.wait_loaded()
    page.span.setCurrentIndex(page.span.findData(12))  # a year: its read is still on the worker when…
    page.span.setCurrentIndex(page.span.findData(6))  # …the user settles on six months
    page.wait_loaded()
    grid = page.grid.model()
    assert grid.columnCount() == 6 + 2 and list(page.view.periods) == page.periods()
