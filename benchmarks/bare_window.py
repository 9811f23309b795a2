"""The bare window baseline: a QMainWindow holding an empty QTableView, 1200×760 like qmsdesk's first window.

Run by benchmarks/probe.py (or benchmarks/hold.py) exactly as they run qmsdesk. Nothing else is imported,
so its peak memory is PySide6's own.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMainWindow, QTableView


def run(_args: list[str]) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1200, 760)
    window.setCentralWidget(QTableView())
    window.show()
    return app.exec()
