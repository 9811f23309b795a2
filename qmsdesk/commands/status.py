"""`qmsdesk status --period YYYY-MM`: the month at a glance, as a head nurse checks it."""

from __future__ import annotations

import argparse
from datetime import date

from qmsdesk.errors import QmsError, ValidationError
from qmsdesk.i18n import msg


def register(subparsers) -> None:
    from qmsdesk.cli import add_db_option

    p = subparsers.add_parser(
        "status", help=msg("某月质控工作摘要：例会、指标、整改、培训、不良事件、授权、上报",
                           "a month at a glance: meeting, indicators, ledger, training, events, authorisations, submission"),
        description=msg("打印某月的质控工作摘要。", "Print a summary of one month's quality work."),
    )
    p.add_argument("--period", metavar="YYYY-MM", help=msg("月份，例如 2026-10（默认本月）", "month, e.g. 2026-10 (default: this month)"))
    p.add_argument("--as-of", metavar="YYYY-MM-DD", dest="as_of",
                   help=msg("按此日期计算超期与到期（默认：该月最后一天，与月度报告相同；本月为今天）",
                            "count overdue items and expiring authorisations as of this day (default: the month's "
                            "last day, as the month's report does; today for the running month)"))
    add_db_option(p)
    p.set_defaults(handler=status_command)


def _as_of(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(msg("日期格式应为 YYYY-MM-DD（例如 2026-11-23），收到“{t}”",
                                  "A date must look like YYYY-MM-DD (e.g. 2026-11-23), got '{t}'", t=text), "as_of") from None


def status_command(args: argparse.Namespace) -> int:
    from qmsdesk.clock import today
    from qmsdesk.config import database_path
    from qmsdesk.periods import Period

    period = Period.parse(args.period) if args.period else Period.of(today())
    as_of = _as_of(args.as_of)
    target = getattr(args, "db", None)
    if target is None or "://" not in str(target):
        path = database_path(target)
        if not path.exists():
            raise QmsError(msg("找不到数据库文件“{p}”。可用 qmsdesk demo --db {p} 生成演示数据，或用 --db 指定已有的数据库。",
                               "Database file '{p}' not found. Run 'qmsdesk demo --db {p}' for demo data, or name an existing database with --db.",
                               p=path))
        if _print_read_only(path, period, as_of):
            return 0
    _print_through_orm(args, period, as_of)
    return 0


def _print_read_only(path, period, as_of: date | None) -> bool:
    """The summary read with plain SQL from a file at the schema head (qmsdesk/db/raw.py); False when the
    file needs the normal path (an upgrade, or a file SQLite cannot read read-only)."""
    from qmsdesk.db.raw import open_raw

    reader = open_raw(path)
    if reader is None:
        return False
    from qmsdesk import clock
    from qmsdesk.analytics.month_raw import RawMonth
    from qmsdesk.reports.masking import PatientMasker
    from qmsdesk.reports.month_summary import month_summary_of

    with reader:
        source = RawMonth(reader)
        unit = source.unit()
        clock.set_zone(unit.time_zone if unit is not None else None)  # as opening the database does (db/engine.py)
        print(PatientMasker.of(source.record_nos()).text(month_summary_of(source, period, as_of)), end="")
    return True


def _print_through_orm(args: argparse.Namespace, period, as_of: date | None) -> None:
    from qmsdesk.cli import open_db
    from qmsdesk.reports.masking import patient_masker
    from qmsdesk.reports.month_summary import month_summary

    db = open_db(args)
    try:
        with db.session() as s:
            print(patient_masker(s).text(month_summary(s, period, as_of)), end="")
    finally:
        db.close()
