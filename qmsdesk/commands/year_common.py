"""What the commands of the group's year share (`plan`, `analysis`, `binder`, `print`): opening an existing
database, reading --year/--quarter, dates, record ids given in full or by their first characters, people."""

from __future__ import annotations

import argparse
import uuid
from datetime import date

from qmsdesk.errors import NotFoundError, QmsError, ValidationError
from qmsdesk.i18n import msg

SHORT_ID = 8


def add_span_options(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    group = parser.add_mutually_exclusive_group(required=required)
    group.add_argument("--quarter", metavar="YYYYQn", help=msg("季度，例如 2026Q3", "a quarter, e.g. 2026Q3"))
    group.add_argument("--year", metavar="YYYY", help=msg("年度，例如 2026", "a year, e.g. 2026"))


def span_of(args: argparse.Namespace):
    from qmsdesk.spans import Span

    text = args.quarter or args.year
    span = Span.parse(text, "quarter" if args.quarter else "year")
    if args.quarter and span.is_year or args.year and not span.is_year:
        raise ValidationError(msg("“{t}”格式不对：季度写作 2026Q3（--quarter），年度写作 2026（--year）。",
                                  "'{t}' is malformed: a quarter is 2026Q3 (--quarter), a year 2026 (--year).", t=text))
    return span


def year_of(text: str) -> int:
    value = str(text).strip()
    if not (value.isdigit() and len(value) == 4):
        raise ValidationError(msg("年份应为四位数，例如 2026，收到“{t}”。", "A year has four digits, e.g. 2026; got '{t}'.",
                                  t=text), "year")
    return int(value)


def parse_day(text: str, field: str = "date") -> date:
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise ValidationError(msg("日期格式应为 YYYY-MM-DD（例如 2026-11-20），收到“{t}”。",
                                  "A date must look like YYYY-MM-DD (e.g. 2026-11-20), got '{t}'.", t=text), field) from None


def open_existing(args: argparse.Namespace):
    """The database named by --db (or the default), refusing a file that does not exist yet."""
    from qmsdesk.cli import open_db
    from qmsdesk.config import database_path

    target = getattr(args, "db", None)
    if target is None or "://" not in str(target):
        path = database_path(target)
        if not path.exists():
            raise QmsError(msg("找不到数据库文件“{p}”。可用 qmsdesk demo --db {p} 生成演示数据，或用 --db 指定已有的数据库。",
                               "Database file '{p}' not found. Run 'qmsdesk demo --db {p}' for demo data, or name an "
                               "existing database with --db.", p=path))
    return open_db(args)


def short(record_id) -> str:
    return str(record_id)[:SHORT_ID]


def resolve(session, models, text: str, what: str):
    """The live record of one of `models` whose id is `text` or starts with it (at least 6 characters)."""
    key = str(text).strip().lower()
    try:
        exact = uuid.UUID(key)
    except ValueError:
        exact = None
    found = []
    for model in models:
        if exact is not None:
            row = session.get(model, exact)
            if row is not None and not row.deleted:
                return row
        elif len(key) >= 6:
            from qmsdesk.db.queries import live

            found += [r for r in session.scalars(live(model)) if str(r.id).startswith(key)]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise ValidationError(msg("编号 {i} 对应多条记录，请多写几位。", "The id {i} matches several records; give more of it.",
                                  i=text), "id")
    raise NotFoundError(msg("找不到编号为 {i} 的{w}（qmsdesk print list 列出各记录的编号）。",
                            "No {w} has the id {i} ('qmsdesk print list' shows the ids).", i=text, w=what))


def find_person(session, text: str):
    """A live staff member by name or employee number."""
    from sqlalchemy import or_

    from qmsdesk.db import models as m
    from qmsdesk.db.queries import live

    key = str(text).strip()
    rows = list(session.scalars(live(m.Staff).where(or_(m.Staff.name == key, m.Staff.employee_no == key))))
    if len(rows) == 1:
        return rows[0]
    if len(rows) > 1:
        raise ValidationError(msg("有多人叫“{n}”，请用工号。", "Several people are called '{n}'; use the employee number.",
                                  n=key), "by")
    raise NotFoundError(msg("人员名单中没有“{n}”（可写姓名或工号）。", "No one on the staff list is '{n}' (give a name or an "
                            "employee number).", n=key))
