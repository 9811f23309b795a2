"""Starting the window: Qt application, Chinese font and translations, first-run wizard, then the database.

The window paints first and the database opens right after (DESIGN §3): importing the ORM and
running migrations costs more than showing a window, and a head nurse should see something at once.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import threading
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from qmsdesk import config, i18n
from qmsdesk.ui.settings import UiSettings

# TrueType files that carry Simplified Chinese, tried when Qt reports no CJK font (bare Xvfb, containers).
CJK_FONT_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
)
LATIN_FAMILIES = ("Segoe UI", "Helvetica Neue", "Arial", "Noto Sans", "DejaVu Sans", "Liberation Sans")
PREFERRED_FAMILIES = ("Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC",
                      "WenQuanYi Zen Hei", "PingFang SC", "SimSun", "AR PL UMing CN")

_translators: list[QTranslator] = []  # kept alive for the application's lifetime
_cjk_family: str | None = None  # the family ensure_cjk_font chose


def translations_dir() -> Path:
    # The package's folder, as importlib.resources.files() gives it for a package on disk (qmsdesk.resources
    # always is: the code reads its files by path), without importing importlib.resources (~2 ms) before the paint.
    import qmsdesk.resources

    return Path(qmsdesk.resources.__file__).parent / "translations"


def ensure_cjk_font(app: QApplication) -> str | None:
    """Make sure Chinese renders: pick an installed CJK family, or load one from a known file."""
    families = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    if not families:
        for path in CJK_FONT_FILES:
            if os.path.exists(path) and QFontDatabase.addApplicationFont(path) >= 0:
                families = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
                break
    chosen = next((f for f in PREFERRED_FAMILIES if f in families), None) or (sorted(families)[0] if families else None)
    if chosen:
        global _cjk_family
        _cjk_family = chosen
        font = QFont(chosen)
        font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
        app.setFont(font)
    return chosen


def _font_for(app: QApplication, language: str) -> None:
    """Chinese: the CJK family draws everything, punctuation included. English: the system's own family
    first (a CJK font draws “quotes” and ‘apostrophes’ full width), the CJK family for Chinese data."""
    if _cjk_family is None:
        return
    font = QFont(app.font())
    if language == "zh_CN":
        font.setFamilies([_cjk_family])
    else:
        installed = set(QFontDatabase.families())
        latin = next((f for f in LATIN_FAMILIES if f in installed), None)
        font.setFamilies([latin, _cjk_family] if latin else [_cjk_family])
    app.setFont(font)


def install_translations(app: QCoreApplication, language: str) -> None:
    """Our strings (source language zh_CN; English from qmsdesk_en.qm) and Qt's own dialog texts."""
    for t in _translators:
        app.removeTranslator(t)
    _translators.clear()
    i18n.set_language(language)
    if isinstance(app, QApplication):
        _font_for(app, language)
    QLocale.setDefault(QLocale("zh_CN") if language == "zh_CN"
                       else QLocale("en_GB"))
    ours = QTranslator(app)
    if ours.load(str(translations_dir() / f"qmsdesk_{language}.qm")):
        app.installTranslator(ours)
        _translators.append(ours)
    if language == "zh_CN":
        qt = QTranslator(app)
        if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _translators.append(qt)


def make_app(language: str | None = None) -> QApplication:
    """The QApplication with font and translations; reuses an existing one (tests, selftest)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("qmsdesk")
    app.setOrganizationName("qmsdesk")
    icon = Path(str(translations_dir().parent / "icons" / "qmsdesk.png"))
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    ensure_cjk_font(app)
    install_translations(app, config.language(language, UiSettings().language))
    return app  # type: ignore[return-value]


def demo_database_path() -> Path:
    from qmsdesk.config import data_dir

    return data_dir() / "demo.db"


def ensure_demo_database(path: Path) -> bool:
    """`qmsdesk --demo`: the demo year in the data folder, generated (off the GUI thread) the first time and
    again whenever the one there was made by an older program, demo or schema, or in an earlier month."""
    from qmsdesk.db.instance_lock import DatabaseInUseError, acquire_instance_lock
    from qmsdesk.services.setup import demo_is_current

    if demo_is_current(path):
        return True
    try:  # an older demo another window has open is not replaced under it (this window may open it read-only)
        lock = acquire_instance_lock(path)
    except DatabaseInUseError:
        return True
    try:
        return _write_demo(path)
    finally:
        lock.release()


def _write_demo(path: Path) -> bool:
    from qmsdesk.services.setup import write_demo_database
    from qmsdesk.ui import messages
    from qmsdesk.ui.jobs import Job, run_job

    title = (QCoreApplication.translate("app", "演示数据来自旧版本，正在重新生成（约需十几秒）…") if path.exists()
             else QCoreApplication.translate("app", "正在生成演示数据（约需十几秒）…"))
    outcome, value = run_job(Job(title, lambda _control: write_demo_database(path)))
    if outcome == "failed":
        messages.error(None, QCoreApplication.translate("app", "无法生成演示数据"), value)
    return outcome == "ok"


def target_database(args: argparse.Namespace) -> Path:
    from qmsdesk.config import database_path

    if getattr(args, "demo", False):
        return demo_database_path()
    return database_path(getattr(args, "db", None))


def claim_database(path: Path):
    """The window lock of `path` (qmsdesk.db.instance_lock); if another window holds it, offer read-only.

    Returns (lock, read_only), or None when the user chose not to open the database.
    """
    from qmsdesk.db.instance_lock import DatabaseInUseError, acquire_instance_lock
    from qmsdesk.errors import QmsError

    try:  # who holds it is written once the database is open (run): its modules are not needed before
        return acquire_instance_lock(path, describe=False), False
    except DatabaseInUseError as exc:
        from qmsdesk.ui import messages  # QMessageBox: not imported before the first paint unless asked

        if messages.confirm(None, QCoreApplication.translate("app", "数据库已在另一个窗口中打开"), str(exc),
                            yes=QCoreApplication.translate("app", "只读打开")):
            return None, True
        return None
    except QmsError as exc:
        from qmsdesk.ui import messages

        messages.error(None, QCoreApplication.translate("app", "无法打开数据库"), str(exc))
        return None


class _PaintWatcher(QObject):
    """QMSDESK_EXIT_AFTER_PAINT=1 (benchmarks): quit once the window has painted with the database open."""

    def __init__(self, app: QApplication, window, ctx) -> None:
        super().__init__(window)
        self._app, self._painted, self._opened = app, False, False
        window.installEventFilter(self)
        ctx.opened.connect(self._on_opened)

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            self._maybe_quit()
        return False

    def _on_opened(self) -> None:
        self._opened = True
        self._maybe_quit()

    def _maybe_quit(self) -> None:
        if self._painted and self._opened:
            QTimer.singleShot(0, self._app.quit)


class _PacedImports:
    """While the database opens: a short sleep on the opening thread before each module it imports.

    Importing SQLAlchemy, the models and the services is ~0.5 s of pure Python holding the GIL the window
    needs for every repaint and click. On a busy machine the opening thread is often descheduled while it
    holds it, and the window waits until it runs again (stalls of 50–100 ms at load 5). Giving up the CPU a
    moment before each module keeps its stretches short, so it rarely loses the CPU while holding the GIL.
    """

    PAUSE_S = 0.0005

    def __init__(self) -> None:
        self.thread = threading.get_ident()

    def find_spec(self, _name, _path=None, _target=None):
        if threading.get_ident() == self.thread:
            time.sleep(self.PAUSE_S)
        return None  # the usual finders find it

    def __enter__(self) -> _PacedImports:
        sys.meta_path.insert(0, self)
        return self

    def __exit__(self, *_exc) -> None:
        sys.meta_path.remove(self)


def _open_database(path: Path, read_only: bool, first_page: str | None):
    with _PacedImports():
        return _open_database_now(path, read_only, first_page)


def _open_database_now(path: Path, read_only: bool, first_page: str | None):
    """Off the GUI thread: open (and maybe migrate) the database, and read what the first page shows.

    SQLAlchemy, the models and the services the first page reads through take longer to import than the
    window takes to paint; imported here, they never hold up the GUI thread. The first page's content is
    read here too (Page.read_ahead) unless it was read from the file already (`first_page` None), so the
    page is built once, with its figures. Returns (database, first page's key, its content or None).
    """
    from qmsdesk.config import current_user
    from qmsdesk.db.engine import open_database, prepare_models
    from qmsdesk.ui.registry import spec

    db = open_database(path, actor=current_user(), upgrade=not read_only)
    if read_only:
        from qmsdesk.db.instance_lock import make_read_only

        make_read_only(db)
    import qmsdesk.services.unit  # noqa: F401  (the status bar names the unit)

    page = spec(first_page) if first_page else None
    page_class = page.page_class() if page is not None else None
    prepare_models()  # else the first query does it, on the GUI thread
    return db, first_page, _read_quietly(page_class, "read_ahead", db)


def _read_before_open(path: Path, first_page: str):
    """Off the GUI thread, before SQLAlchemy is imported: the unit's title (its time zone taken, as opening the
    database does) and the first page's content read from the file itself (services.dashboard.use_unit_at,
    Page.read_before_open), each None when it cannot."""
    from qmsdesk.services.dashboard import use_unit_at
    from qmsdesk.ui.registry import spec

    unit = use_unit_at(path)
    if unit is None:  # not readable without the ORM (older schema, not SQLite): the page cannot be either
        return None, None
    page = spec(first_page)
    return unit, _read_quietly(page.page_class() if page is not None else None, "read_before_open", path)


def _read_quietly(page_class, how: str, source):
    """`page_class.<how>(source)`, or None when it could not be read here: the page then reads when it is
    shown and reports a failure as it always does (this attempt is logged)."""
    if page_class is None:
        return None
    try:
        return getattr(page_class, how)(source)
    except Exception:
        logging.getLogger("qmsdesk.window").warning("%s.%s failed", page_class.__name__, how, exc_info=True)
        return None


def open_window(path: Path, app: QApplication, read_only: bool = False):
    """Show the main window at once; once it has painted, read the first page's content from the file if it
    can be read without the ORM (and show it), then open the database on a thread."""
    from qmsdesk.ui.context import AppContext
    from qmsdesk.ui.main_window import MainWindow

    ctx = AppContext()
    window = MainWindow(ctx, menus_after_paint=True)
    window.show()
    window.opening = window.looking = None

    def opened(result) -> None:
        db, first_page, content = result
        if read_only:
            window.setWindowTitle(window.windowTitle() + window.tr("（只读）"))
        if content is not None:
            window.read_ahead(first_page, content)
        ctx.set_database(db)

    def failed(message: str) -> None:
        from qmsdesk.ui import messages

        messages.error(window, window.tr("无法打开数据库"), message)
        window.close()

    def open_db(first_page: str | None) -> None:
        from qmsdesk.ui.jobs import Job

        job = Job(QCoreApplication.translate("app", "打开数据库"),
                  lambda _c: _open_database(path, read_only, first_page), window)
        job.succeeded.connect(opened)
        job.failed.connect(failed)
        window.opening = job
        job.start()

    def looked(first_page: str, unit: str | None, content) -> None:
        if unit is not None:
            window.show_unit(unit, path)
        if content is None:
            open_db(first_page)
            return
        window.show_read_before_open(first_page, content)
        # The ORM's imports hold the GIL for long stretches: started while the page is painted, they made every
        # Python step of that paint (the boxes' paintEvent, the window's event) wait its turn, up to 5 ms each.
        window.when_page_painted(lambda: open_db(None))

    def look() -> None:  # after the first paint: the jobs module (and its progress dialog) are not needed before
        from qmsdesk.ui.jobs import Job

        first_page = window.current_key()
        job = Job(QCoreApplication.translate("app", "打开数据库"), lambda _c: _read_before_open(path, first_page),
                  window)
        job.succeeded.connect(lambda result: looked(first_page, *result))
        job.failed.connect(lambda _message: looked(first_page, None, None))
        window.looking = job
        job.start()

    if config.flag(config.QMSDESK_EXIT_AFTER_PAINT):
        window._paint_watcher = _PaintWatcher(app, window, ctx)
    # DESIGN §3: the window paints first; opening (and maybe migrating) the database comes after.
    window.first_painted.connect(look)
    return window, ctx


def _describe_once_open(ctx, lock) -> None:
    """Who holds the window lock is written once the database is open: opening it has imported, off the GUI
    thread, what writing that needs (JSON, the clock's time zones; ~7 ms on the GUI thread otherwise). A second
    window started before is refused all the same, told that this one is still starting."""

    def describe() -> None:
        ctx.opened.disconnect(describe)
        lock.describe()

    ctx.opened.connect(describe)


def run(args: argparse.Namespace) -> int:
    """Entry point of `qmsdesk` without a sub-command (called by cli.run_window)."""
    settings = UiSettings()
    if settings.mode == "office" and not getattr(args, "demo", False):  # the last window chosen was the office's
        from qmsdesk.ui.office.app import run_office

        return run_office(args)
    app = make_app(getattr(args, "lang", None))
    path = target_database(args)
    if getattr(args, "demo", False) and not ensure_demo_database(path):
        return 1
    first_run = not path.exists()
    if first_run:
        from qmsdesk.ui.wizard import FirstRunWizard

        wizard = FirstRunWizard(path)
        if not wizard.exec():
            return 1
    claimed = claim_database(path)
    if claimed is None:
        return 1
    lock, read_only = claimed
    from qmsdesk.logs import install_excepthook

    install_excepthook(sys.argv[1:], where=lambda: f"window, database {path.name}")  # slot errors reach the log
    # Building the window makes thousands of objects and no garbage (nothing is collectable at its first paint):
    # the cyclic collector, which would go over them meanwhile (~1.5 ms of CPU), is on again once it has painted.
    gc.disable()
    try:
        window, ctx = open_window(path, app, read_only)
        window.first_painted.connect(gc.enable)
        if lock is not None:
            _describe_once_open(ctx, lock)
        if first_run:
            from qmsdesk.ui.setup_steps import after_first_open

            after_first_open(window, ctx)  # roster, group, indicators, plan: each skippable, all in 设置 too
        code = app.exec()
        if window.looking is not None:  # closed while the first page was read or the database opened
            window.looking.wait()
        if window.opening is not None:
            window.opening.wait()
            if ctx.db is None and window.opening.result is not None:
                window.opening.result[0].close()
        ctx.close()
        del window
    finally:
        gc.enable()
        if lock is not None:
            lock.release()
    return code
