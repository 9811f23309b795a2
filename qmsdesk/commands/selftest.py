"""`qmsdesk selftest`: open the window on a database, visit every page, open and close every dialog.

Installers and QA run it (offscreen works: QT_QPA_PLATFORM=offscreen). Any error is printed with the
page or dialog it happened on and the exit status is non-zero. With --screenshots DIR one PNG is
saved per page (01-dashboard.png …) and per dialog (dlg-ledger-edit.png …). With --office the quality
office's window is visited instead, on its store.
"""

from __future__ import annotations

import argparse
import sys
import traceback

from qmsdesk.i18n import msg


def register(subparsers) -> None:
    from qmsdesk.cli import add_db_option

    p = subparsers.add_parser(
        "selftest",
        help=msg("打开窗口，逐页检查并打开每个对话框（可离屏运行）", "open the window, visit every page and dialog (works offscreen)"),
    )
    add_db_option(p)
    p.add_argument("--screenshots", metavar="DIR",
                   help=msg("把每个页面和对话框截图保存到此文件夹", "save a PNG of every page and dialog into DIR"))
    p.add_argument("--office", nargs="?", const="", metavar="STORE",
                   help=msg("检查质控办窗口（汇总库：文件或 PostgreSQL 地址，默认 QMSDESK_OFFICE_DB 或数据文件夹中的 office.db）",
                            "visit the quality office's window (its store: a file or PostgreSQL URL; default "
                            "QMSDESK_OFFICE_DB or office.db in the data folder)"))
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        from qmsdesk.ui.selftest import run_office_selftest, run_selftest
    except ImportError as exc:
        print(msg("无法加载窗口组件：{e}", "Cannot load the window components: {e}", e=exc), file=sys.stderr)
        return 2
    from qmsdesk.config import database_path

    language = getattr(args, "lang", None)
    office = getattr(args, "office", None)
    path = database_path(getattr(args, "db", None))
    if office is None and not path.exists():
        print(msg("找不到数据库“{p}”。可先运行 qmsdesk demo --db {p} 生成演示数据。",
                  "Database '{p}' not found. Create demo data first: qmsdesk demo --db {p}", p=path), file=sys.stderr)
        return 2
    try:
        if office is None:
            problems = run_selftest(path, args.screenshots, language=language)
        else:
            problems = run_office_selftest(office or None, None, args.screenshots, language=language)
    except Exception:  # the self-test must report any crash, with where it happened
        traceback.print_exc()
        print(msg("自检失败：程序出错（见上方信息）。", "Self-test failed: the program crashed (see above)."), file=sys.stderr)
        return 1
    if problems:
        for line in problems:
            print(line, file=sys.stderr)
        print(msg("自检失败：{n} 个问题。", "Self-test failed: {n} problem(s).", n=len(problems)), file=sys.stderr)
        return 1
    print(msg("自检通过。", "Self-test passed."))
    return 0
