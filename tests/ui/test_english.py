"""In English the window has no Chinese left but the data people typed: every page and dialog of both windows.

The walk is the self-test's (every page of the registry, every dialog it opens) on the demo year and the
office demo store. Every text a user can read — labels, buttons, tabs, choices, placeholders, table
headers and cells, tooltips, titles, menus, the status bar — is collected; a run of Chinese characters in
it must be part of what the databases hold (names, problems, the units' names, what the demo typed).
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

from qmsdesk.ui.chart_view import ChartView, SpecView

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff、，；：（）]+")  # with Chinese punctuation
TODAY = date(2026, 11, 23)


def database_texts(path: Path) -> set[str]:
    """Every text a SQLite database holds (the audit log's old and new values too), and the user's name: the data.

    The shipped indicator catalogue's Chinese names and units are not: it has English ones, which an English
    window shows.
    """
    from qmsdesk.analytics.rates import UNITS_EN
    from qmsdesk.services.catalogue import load_catalogue

    found: set[str] = set()
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in con.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, str):
                        found |= _strings(value)
    finally:
        con.close()
    from qmsdesk.config import current_user

    found.add(current_user())  # the person using the program, named as who accepts warnings
    return {t for t in found if HAN.search(t)} - {e.name_zh for e in load_catalogue()} - set(UNITS_EN)


def _strings(value: str) -> set[str]:
    """The text and, for JSON (audit changes, package records), every string inside it."""
    out = {value}
    if value[:1] in "[{":
        try:
            doc = json.loads(value)
        except ValueError:
            return out
        stack = [doc]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                out.add(item)
            elif isinstance(item, dict):
                stack += list(item.values()) + list(item.keys())
            elif isinstance(item, list):
                stack += item
    return out


def _model_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    texts = []
    for orientation in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical):
        count = model.columnCount() if orientation == Qt.Orientation.Horizontal else model.rowCount()
        texts += [str(model.headerData(i, orientation) or "") for i in range(min(count, 200))]
    for r in range(min(model.rowCount(), 200)):
        for c in range(model.columnCount()):
            index = model.index(r, c, QModelIndex())
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    texts.append(value)
    return texts


def _chart_texts(view: SpecView) -> list[str]:
    """What a chart draws in words: title, subtitle, axis label, the labels at its right."""
    spec = view.spec
    texts = [getattr(spec, name, "") for name in ("title", "subtitle", "y_label")]
    if isinstance(view, ChartView):
        texts += [text for _, text, _ in view._right_labels(spec)]
    return texts


def visible_texts(top: QWidget) -> list[str]:
    """What a user can read in `top` and everything inside it."""
    texts = [top.windowTitle()]
    if isinstance(top, QMainWindow):
        for action in top.menuBar().actions():
            texts.append(action.text())
            texts += [a.text() for a in action.menu().actions()] if action.menu() else []
        texts.append(top.statusBar().currentMessage())
    for w in [top, *top.findChildren(QWidget)]:
        texts.append(w.toolTip())
        if isinstance(w, QLabel):
            texts.append(w.text())
        elif isinstance(w, QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QLineEdit):
            texts += [w.text(), w.placeholderText()]
        elif isinstance(w, QPlainTextEdit):
            texts += [w.toPlainText(), w.placeholderText()]
        elif isinstance(w, QListWidget):
            texts += [w.item(i).text() for i in range(w.count())]
        if isinstance(w, QAbstractItemView) and not isinstance(w, QListWidget):
            texts += _model_texts(w)
        if isinstance(w, SpecView) and w.spec is not None:
            texts += _chart_texts(w)
    return [t for t in texts if t]


def collect(seen: dict[str, list[str]]):
    """The self-test's callback: for a page the whole window it is in, for a dialog the dialog."""
    def on_page(widget: QWidget) -> None:
        top = widget.window() if widget.window() is not widget else widget
        seen.setdefault(widget.objectName(), []).extend(visible_texts(top))
    return on_page


def _no_chinese_left(seen: dict[str, list[str]], data: set[str]) -> None:
    left = [f"{name}: {text}" for name, texts in sorted(seen.items()) for text in sorted(chinese_left(texts, data))]
    if left:
        pytest.fail("Chinese left in the English window:\n" + "\n".join(left), pytrace=False)


# A language chooser names each language in that language.
OWN_NAMES = {"中文（简体）"}


LONG_RUN = 6  # a run of Chinese this long found in the data is the data (shown differently than stored)
CUT_WINDOW = 60  # how far before a “…” the shown beginning of a cut-short datum may start


def _without_data(text: str, pieces: list[str], prefixes: set[str]) -> str:
    rest = text
    start = rest.find("…")
    while start > 0:  # data cut short: the longest beginning of a datum ending at the “…”
        cut = next((b for b in range(max(0, start - CUT_WINDOW), start) if rest[b:start] in prefixes), None)
        if cut is not None:
            rest = rest[:cut] + "\x00" + rest[start + 1:]
            start = cut
        start = rest.find("…", start + 1)
    for piece in pieces:  # data shown whole
        if not HAN.search(rest):
            break
        if piece in rest:
            rest = rest.replace(piece, "\x00")
    return rest


def chinese_left(texts: list[str], data: set[str]) -> set[str]:
    """The texts still holding Chinese once the data in them is taken out.

    Data is taken out whole (as stored, or with its line breaks shown as spaces or slashes) or cut short
    before a “…”; what remains may only be a long run found in the data. A short leftover word such as
    状态 is the window's own text, whatever the demo happens to contain.
    """
    shown = data | {d.replace("\n", " ") for d in data} | {d.replace("\n", " / ") for d in data}
    pieces = sorted(shown, key=len, reverse=True)
    prefixes = {d[:k] for d in shown for k in range(2, min(len(d), CUT_WINDOW) + 1)}
    haystack = "\x00".join(data)
    left = set()
    for text in set(texts) - OWN_NAMES:
        if not HAN.search(text):
            continue
        rest = _without_data(text, pieces, prefixes)
        if any(len(run) < LONG_RUN or run not in haystack for run in HAN.findall(rest)):
            left.add(text)
    return left


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from qmsdesk.services.setup import write_demo_database

    return write_demo_database(tmp_path_factory.mktemp("english") / "demo.db")


def test_every_ward_page_and_dialog_reads_in_english(qapp, demo_db, tmp_path, monkeypatch):
    from qmsdesk.ui.app import install_translations
    from qmsdesk.ui.selftest import run_selftest

    path = tmp_path / "demo.db"
    shutil.copyfile(demo_db, path)
    data = database_texts(path)
    seen: dict[str, list[str]] = {}
    try:
        problems = run_selftest(path, language="en", on_page=collect(seen))
    finally:
        install_translations(qapp, "zh_CN")
    assert problems == []
    assert len(seen) > 12  # the twelve pages and their dialogs
    _no_chinese_left(seen, data)


def test_every_office_page_reads_in_english(qapp, tmp_path):
    from qmsdesk.office.demo import generate_office_demo
    from qmsdesk.office.importer import import_paths
    from qmsdesk.office.store import OfficeFolders, open_office_store
    from qmsdesk.sync.keys import generate_office_keys
    from qmsdesk.ui.app import install_translations
    from qmsdesk.ui.selftest import run_office_selftest

    keys = generate_office_keys()
    store = open_office_store(tmp_path / "office.db")
    folders = OfficeFolders(tmp_path / "office").ensure()
    generate_office_demo(folders.inbox, hospitals=1, departments=3, months=4, keys=keys, store=store)
    import_paths(store, [folders.inbox], keys=keys, folders=folders)
    store.close()
    data = database_texts(tmp_path / "office.db")
    seen: dict[str, list[str]] = {}
    try:
        problems = run_office_selftest(tmp_path / "office.db", tmp_path / "office", language="en", today=TODAY,
                                       on_page=collect(seen))
    finally:
        install_translations(qapp, "zh_CN")
    assert problems == []
    assert len(seen) >= 7
    _no_chinese_left(seen, data)


def test_no_english_page_is_wider_than_the_window(qapp, qtbot, demo_db, tmp_path):
    """English words are longer: each page (a table's filters, the chart's choosers) still fits 1280 pixels, so
    nothing at a page's right edge is cut off."""
    from qmsdesk.db.engine import open_database
    from qmsdesk.ui.app import install_translations
    from qmsdesk.ui.context import AppContext
    from qmsdesk.ui.main_window import MainWindow
    from qmsdesk.ui.selftest import WINDOW_SIZE

    path = tmp_path / "demo.db"
    shutil.copyfile(demo_db, path)
    install_translations(qapp, "en")
    ctx = AppContext(open_database(path, actor="test"))
    try:
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.resize(*WINDOW_SIZE)
        window.show()
        wide = {}
        for page in window.pages:
            window.show_page(page.key)
            if hasattr(page, "wait_loaded"):
                page.wait_loaded()
            if window.minimumSizeHint().width() > WINDOW_SIZE[0]:
                wide[page.key] = window.minimumSizeHint().width()
        assert wide == {}
        window.hide()
    finally:
        ctx.close()
        install_translations(qapp, "zh_CN")
