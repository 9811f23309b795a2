"""Menus of both windows: what they list, their shortcuts, and that each does what its page's button does."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QKeySequence
from uihelpers import select_text, table_texts

from qmsdesk.manual import anchors, manual_path
from qmsdesk.ui import menus
from qmsdesk.ui.main_window import MainWindow
from qmsdesk.ui.registry import OFFICE_PAGES, WARD_PAGES


def _menu(window, title: str):
    return next(a.menu() for a in window.menuBar().actions() if a.text() == title)


def _shown(action) -> str:
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


@pytest.fixture
def window(qtbot, ctx):
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    return w


@pytest.fixture
def opened(monkeypatch):
    urls: list[str] = []
    monkeypatch.setattr(menus, "open_url", lambda url: urls.append(url) or True)
    return urls


def test_the_ward_menus_list_their_actions_with_shortcuts_and_the_pages(window):
    assert [a.text() for a in window.menuBar().actions()] == ["文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)"]
    file_menu = _menu(window, "文件(&F)")
    items = [(a.text(), _shown(a)) for a in file_menu.actions() if not a.isSeparator()]
    assert items == [("立即备份", "Ctrl+B"), ("从备份恢复…", ""), ("导出本月报表…", "Ctrl+E"),
                     ("打印本月报表…", "Ctrl+P"), ("打印质控记录本…", "Ctrl+Shift+P"), ("退出", "Ctrl+Q")]
    assert _shown(window.undo_action) == "Ctrl+Z" and window.undo_action.text() == "撤销删除"
    view = [a.text() for a in _menu(window, "视图(&V)").actions()]
    assert view == [s.title() for s in WARD_PAGES]
    assert _shown(window.view_actions["dashboard"]) == "Ctrl+1"
    assert [(a.text(), _shown(a)) for a in _menu(window, "帮助(&H)").actions() if not a.isSeparator()] == [
        ("用户手册", "F1"), ("打开日志文件夹", ""), ("关于本程序…", "")]


def _listed(window) -> list[tuple[str, list[tuple[str, str]]]]:
    return [(top.text(), [(a.text(), _shown(a)) for a in top.menu().actions()]) for top in window.menuBar().actions()]


def test_the_programs_window_shows_the_menu_titles_first_and_their_actions_once_it_has_painted(qtbot, ctx, window):
    """The window the program starts (ui/app.py) fills its menus right after its first paint: the same menus."""
    started = MainWindow(ctx, menus_after_paint=True)
    qtbot.addWidget(started)
    assert _listed(started) == [
        ("文件(&F)", []), ("编辑(&E)", []), ("视图(&V)", []), ("帮助(&H)", [])]
    with qtbot.waitSignal(started.first_painted, timeout=10_000):
        started.show()
    qtbot.waitUntil(lambda: hasattr(started, "quit_action"), timeout=5_000)
    assert _listed(started) == _listed(window)
    started.view_actions["ledger"].trigger()
    assert started.current_key() == "ledger" and started.view_actions["ledger"].isChecked()


def test_the_view_menu_opens_a_page_and_follows_the_sidebar(window):
    window.view_actions["ledger"].trigger()
    assert window.current_key() == "ledger"
    window.sidebar.setCurrentRow(window.keys.index("staff"))
    assert window.view_actions["staff"].isChecked()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_f1_opens_the_manual_in_the_window_language_at_the_page_on_screen(window, opened, qapp, language):
    from qmsdesk.ui.app import install_translations

    install_translations(qapp, language)
    try:
        for key in ("training", "ledger", "submission"):
            window.show_page(key)
            window.manual_action.trigger()
            url = opened[-1]
            assert url == manual_path(language).as_uri() + "#" + key
            assert ("/en/" in url) == (language == "en")
            assert key in anchors(manual_path(language).read_text("utf-8")), "the anchor is in the manual"
    finally:
        install_translations(qapp, "zh_CN")


def test_f1_on_every_ward_page_opens_that_pages_section(window, opened):
    html = manual_path("zh_CN").read_text("utf-8")
    for spec in WARD_PAGES:
        window.view_actions[spec.key].trigger()
        window.manual_action.trigger()
        anchor = opened[-1].rsplit("#", 1)[1]
        assert anchor == spec.key and anchor in anchors(html)


def test_every_page_of_both_windows_has_its_section_in_both_manuals():
    for language in ("zh_CN", "en"):
        found = anchors(manual_path(language).read_text("utf-8"))
        assert {s.key for s in (*WARD_PAGES, *OFFICE_PAGES)} <= found, language


def test_undo_delete_in_the_edit_menu_restores_the_person_deleted_on_the_staff_page(qtbot, window, answers):
    window.show()
    page = window.show_page("staff")
    page.refresh()
    select_text(page, "张伟")
    assert not window.undo_action.isEnabled()
    assert page.delete_selected()
    assert not any("张伟" in t for t in table_texts(page))
    assert window.undo_action.isEnabled() and window.undo_action.text().startswith("撤销删除：") and "张伟" in window.undo_action.text()
    window.undo_action.trigger()
    assert any("张伟" in t for t in table_texts(page))
    assert not window.undo_action.isEnabled()


def test_export_this_months_report_writes_the_workbook_and_pdf_of_last_month(window, answers, monkeypatch, tmp_path):
    from qmsdesk.clock import today
    from qmsdesk.periods import Period
    from qmsdesk.ui import month_report

    monkeypatch.setattr(month_report.QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    window.export_action.trigger()
    last = str(Period.of(today()).previous())
    pdf = tmp_path / f"{last} 心血管内科 质控月报.pdf"
    assert pdf.exists() and (tmp_path / f"{last} 心血管内科 质控月报.xlsx").exists()
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "心血管内科" in text
    assert any(kind == "info" and title == "报表已导出" for kind, title, _t in answers)


def test_print_sends_every_page_of_the_month_report_to_the_printer_chosen(window, answers, monkeypatch, tmp_path):
    from PySide6 import QtPrintSupport

    out = tmp_path / "printed.pdf"

    class ChosePdfPrinter:  # the print dialog, where the user picks a printer and presses 打印
        DialogCode = QtPrintSupport.QPrintDialog.DialogCode

        def __init__(self, printer, _parent=None):
            printer.setOutputFormat(QtPrintSupport.QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))

        def setWindowTitle(self, _title):  # noqa: N802 (Qt's name)
            pass

        def exec(self):
            return self.DialogCode.Accepted

    monkeypatch.setattr(QtPrintSupport, "QPrintDialog", ChosePdfPrinter)
    from qmsdesk.ui import month_report

    made: list[bytes] = []

    original_pdf = month_report.month_pdf
    monkeypatch.setattr(month_report, "month_pdf", lambda *a: made.append(original_pdf(*a)) or made[-1])
    window.print_action.trigger()
    source_pages = len(PdfReader(io.BytesIO(made[0])).pages)
    assert out.exists() and len(PdfReader(out).pages) == source_pages >= 1


def test_office_window_has_its_own_file_view_and_help_menus(qtbot, tmp_path, opened):
    from qmsdesk.office.store import OfficeFolders, open_office_store
    from qmsdesk.ui.office.context import OfficeContext
    from qmsdesk.ui.office.window import OfficeWindow

    c = OfficeContext(open_office_store(tmp_path / "office.db"), OfficeFolders(tmp_path / "office").ensure(),
                      lambda: object())
    try:
        w = OfficeWindow(c)
        qtbot.addWidget(w)
        assert [a.text() for a in w.menuBar().actions()] == ["文件(&F)", "视图(&V)", "帮助(&H)"]
        file_items = [a.text() for a in _menu(w, "文件(&F)").actions() if not a.isSeparator()]
        assert file_items == ["扫描收件箱", "导入上报包…", "下次启动时打开科室工作台", "退出"]
        assert [a.text() for a in _menu(w, "视图(&V)").actions()] == [s.title() for s in OFFICE_PAGES]
        w.view_actions["office-report"].trigger()
        w.manual_action.trigger()
        assert opened[-1] == manual_path("zh_CN").as_uri() + "#office-report"
        assert Path(manual_path("zh_CN")).exists()
    finally:
        c.close()


def test_print_binder_in_the_file_menu_runs_the_binder_print_action(window, monkeypatch):
    from qmsdesk.ui import binder_print

    called = []
    monkeypatch.setattr(binder_print, "print_binder", lambda parent, ctx: called.append((parent, ctx)))
    window.binder_action.trigger()
    assert called == [(window, window.ctx)]
