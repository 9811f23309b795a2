"""The office window's link to its data: the office store, its folders and keys, its one writer.

Pages read through `OfficePage.load` (ui/office/widgets.py): the office's query functions in qmsdesk.office
return plain rows, read on the store's database worker and shown on the GUI thread; every write — registering a unit, acknowledging a package, an import started from a button or by
the inbox timer — runs on the store's database worker and announces its `Changes` (ui/operations.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

import qmsdesk.db.changes  # noqa: F401  (registers the change-recording and read-only hooks)
from qmsdesk.errors import QmsError
from qmsdesk.office.store import OfficeFolders, OfficeStore
from qmsdesk.ui.jobs import Job
from qmsdesk.ui.operations import DataContext, Task

SCAN_INTERVAL_MS = 5 * 60 * 1000


class _StoreSource:
    """The office store as a `DataSource`: its transaction for writes, a read-only one for reads."""

    def __init__(self, store: OfficeStore) -> None:
        self.store = store

    def session(self):
        return self.store.session()

    @contextmanager
    def read_session(self) -> Iterator[Any]:
        with self.store.session() as s:
            s.info["read_only"] = True  # a flush that would write raises: nothing is ever committed here
            yield s


class OfficeContext(DataContext):
    """The office store and everything that writes to it, including the inbox scan on its timer."""

    inbox_scanned = Signal(object)  # the list of ImportSummary of a scan nobody waited for (the timer's)

    def __init__(self, store: OfficeStore, folders: OfficeFolders, key_provider: Callable[[], Any],
                 parent: QObject | None = None) -> None:
        super().__init__(_StoreSource(store), parent)
        self.store = store
        self.folders = folders
        self._key_provider = key_provider
        self._keys = None
        self._scan: Task | None = None
        self.background_loads = True  # pages read on the worker; tests may read at once instead
        self.inbox_timer = QTimer(self)
        self.inbox_timer.setInterval(SCAN_INTERVAL_MS)
        self.inbox_timer.timeout.connect(self.scan_in_background)

    def keys(self):
        """The office key pair, asked for once (the keyring, or the passphrase key file)."""
        if self._keys is None:
            self._keys = self._key_provider()
        return self._keys

    @property
    def has_keys(self) -> bool:
        """Whether the keys were unlocked already (the inbox timer never asks for a passphrase)."""
        return self._keys is not None

    def import_job(self, paths: list[Path] | None = None, parent: QObject | None = None) -> Job:
        """Importing files or folders (the whole inbox when `paths` is None), queued on the worker."""
        from qmsdesk.office import importer

        keys, store, folders = self.keys(), self.store, self.folders

        def work(control):
            return importer.import_paths(store, paths or [folders.inbox], keys=keys, folders=folders,
                                         progress=lambda i, n, _s: control.progress(i, n),
                                         cancelled=lambda: control.cancelled)

        return self.job(self.tr("正在导入上报包…"), work, parent)

    def watch_inbox(self, on: bool) -> None:
        """Scan the inbox every SCAN_INTERVAL_MS while the window is open (the inbox page's check box)."""
        if on:
            self.inbox_timer.start()
        else:
            self.inbox_timer.stop()

    def scan_in_background(self) -> Task | None:
        """One scan of the inbox on the worker, unless one is still queued; its summaries go to `inbox_scanned`."""
        from qmsdesk.office import importer

        if self._scan is not None and not self._scan.done.is_set():
            return None
        try:
            keys = self.keys()
        except QmsError as exc:  # no keys unlocked yet: said once, and the next tick tries again
            self.problem.emit(self.tr("自动扫描收件箱：%1").replace("%1", str(exc)))
            return None
        store, folders = self.store, self.folders
        self._scan = self.start(self.tr("自动扫描收件箱"),
                                lambda: importer.scan_inbox(store, folders, keys=keys),
                                on_done=self.inbox_scanned.emit)
        return self._scan

    def close(self) -> None:
        self.inbox_timer.stop()
        self.stop_worker()
        self.store.close()
