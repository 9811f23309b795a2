"""The installed Qt binding keeps Python's reference counts: a window used all day must not abort.

PySide6 6.12.0 on Python 3.11 drops one reference to None on each call of a void method. None is not
immortal before Python 3.12, so after a few thousand such calls (a refresh of the office's 上报情况 grid
makes about 5,000) the interpreter aborts with "Fatal Python error: none_dealloc". pyproject.toml keeps
that release out; this test fails if an install brings it (or a later release with the same fault) back.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QListWidget, QTableWidget, QTableWidgetItem


def test_qt_calls_leave_the_reference_count_of_none_alone(qtbot):
    table = QTableWidget(50, 4)
    qtbot.addWidget(table)
    items = QListWidget()
    qtbot.addWidget(items)
    combo = QComboBox()
    qtbot.addWidget(combo)
    calls = 100  # enough to tell, few enough that the faulty binding fails here rather than aborting
    before = sys.getrefcount(None)
    for i in range(calls):
        cell = QTableWidgetItem(str(i))
        cell.setToolTip("提示")
        cell.setBackground(QColor("#e2efda"))
        table.setItem(i % 50, i % 4, cell)
        table.setRowCount(50)
        items.addItems(["护理部"])
        combo.addItem("心血管内科", i)
    after = sys.getrefcount(None)
    # A correct binding leaves it where it was or a little higher (caches); the faulty one is ~6 × calls lower.
    assert after >= before - calls // 10, (
        f"None lost {before - after} references over {calls} rounds of Qt calls: this PySide6 build would crash "
        "a long-running window (see pyproject.toml)"
    )
