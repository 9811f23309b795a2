"""`qmsdesk binder --year 2026 --out FILE.pdf` (or `--quarter 2026Q3`): print the 科室质量与安全管理记录本."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from qmsdesk.i18n import msg


def register(subparsers) -> None:
    from qmsdesk.cli import add_db_option
    from qmsdesk.commands.year_common import add_span_options

    p = subparsers.add_parser(
        "binder", help=msg("打印科室质量与安全管理记录本（全年或一个季度）", "print the quality group's binder (a year or a quarter)"),
        description=msg("生成一个 PDF：封面、目录、月度工作一览，以及小组成员及职责、年度计划、月度会议记录、培训与考核、"
                        "质量指标监测与分析、检查督查、不良事件与分析、整改台账、持续改进案例、季度分析、年度总结。",
                        "One PDF: cover, contents, the months at a glance, then the eleven sections of the binder."))
    add_span_options(p)
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    add_db_option(p)
    p.set_defaults(handler=binder_command)


def binder_command(args: argparse.Namespace) -> int:
    from qmsdesk.commands.year_common import open_existing, span_of
    from qmsdesk.reports.binder import write_binder

    span = span_of(args)
    out = Path(args.out)

    def progress(step: int, total: int, label: str) -> None:
        print(f"[{step}/{total}] {label}", file=sys.stderr)

    db = open_existing(args)
    try:
        with db.session() as s:
            built = write_binder(s, span, out, progress=progress)
    finally:
        db.close()
    print(msg("记录本已写入 {p}（{s}，共 {n} 页）", "Binder written to {p} ({s}, {n} pages)", p=built.path, s=span.label(),
              n=built.pages))
    return 0
