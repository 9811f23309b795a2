"""`qmsdesk audit`: print who changed which record when, field by field, in the user's language.

The entries and their wording come from `qmsdesk.services.audit`; it is imported inside the handler
because every `qmsdesk` start builds the argument parser, and the window must not wait for SQLAlchemy.
"""

from __future__ import annotations

import argparse
import uuid
from datetime import date, datetime

from qmsdesk import clock
from qmsdesk.errors import ValidationError
from qmsdesk.i18n import msg

DEFAULT_LIMIT = 100


def register(subparsers) -> None:
    from qmsdesk.cli import add_db_option

    p = subparsers.add_parser(
        "audit", help=msg("查看审计日志：谁在何时改了哪条记录", "show the audit log: who changed which record when"),
        description=msg("按时间倒序显示审计日志，每条列出改动的字段（原值 → 新值）。",
                        "Shows the audit log newest first, with each changed field (old → new)."),
    )
    p.add_argument("--since", metavar="YYYY-MM-DD", help=msg("只显示该日期（含）以后的记录", "only entries on or after this date"))
    p.add_argument("--record", metavar="UUID", help=msg("只显示这条记录的改动", "only changes of this record"))
    p.add_argument("--limit", metavar="N", type=int, default=DEFAULT_LIMIT,
                   help=msg("最多显示 N 条（默认 {n}；0 表示全部）", "show at most N entries (default {n}; 0 for all)", n=DEFAULT_LIMIT))
    add_db_option(p)
    p.set_defaults(handler=audit_command)


def parse_since(text: str) -> datetime:
    """Local midnight of a YYYY-MM-DD date, as an aware datetime."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(msg("日期格式应为 YYYY-MM-DD（例如 2026-11-01），收到“{t}”。",
                                  "A date must look like YYYY-MM-DD (e.g. 2026-11-01), got '{t}'.", t=text), "since") from None
    return clock.at_local(day)


def parse_record(text: str) -> str:
    try:
        return str(uuid.UUID(text.strip()))
    except ValueError:
        raise ValidationError(msg("记录编号应为 UUID（例如 3f2a1c7e-0b5d-4c1e-9a77-2d0e8c4b6f10），收到“{t}”。",
                                  "A record id must be a UUID (e.g. 3f2a1c7e-0b5d-4c1e-9a77-2d0e8c4b6f10), got '{t}'.", t=text), "record") from None


def _count(session, since: datetime | None, record_id: str | None) -> int:
    """How many entries match, so the reader learns how many the limit hid."""
    from sqlalchemy import func, select

    from qmsdesk.db import models as m

    query = select(func.count(m.AuditEntry.id))
    if since is not None:
        query = query.where(m.AuditEntry.at >= since)
    if record_id is not None:
        query = query.where(m.AuditEntry.record_id == record_id)
    return session.scalar(query) or 0


def audit_command(args: argparse.Namespace) -> int:
    from qmsdesk.cli import open_db
    from qmsdesk.services.audit import entries

    since = parse_since(args.since) if args.since else None
    record = parse_record(args.record) if args.record else None
    if args.limit < 0:
        raise ValidationError(msg("--limit 不能为负数。", "--limit cannot be negative."), "limit")
    db = open_db(args)
    try:
        with db.session() as session:
            rows = entries(session, since=since, record_id=record, limit=args.limit or None)
            if not rows:
                print(msg("没有符合条件的审计记录。", "No audit entries match."))
                return 0
            for row in rows:
                print("\n".join(row.lines()))
            total = _count(session, since, record) if args.limit and len(rows) == args.limit else len(rows)
            if total > len(rows):
                print(msg("仅显示最近 {n} 条，共 {t} 条。用 --limit 0 显示全部。",
                          "Showing the newest {n} of {t} entries. Use --limit 0 to show all.", n=len(rows), t=total))
    finally:
        db.close()
    return 0
