"""`qmsdesk demo`: write the demo year (心血管内科, the twelve months up to the last complete one) into a database."""

from __future__ import annotations

import argparse
from pathlib import Path

from qmsdesk.errors import QmsError
from qmsdesk.i18n import msg


def register(subparsers) -> None:
    from qmsdesk.cli import add_db_option

    p = subparsers.add_parser(
        "demo", help=msg("写入一年的演示数据（心血管内科，截至上个完整月份）", "write a demo year (cardiology ward, up to the last complete month)"),
        description=msg("向数据库写入一年可重复的演示数据：12 个月，截至今天之前最后一个完整月份（或 --until 指定的月份）。"
                        "数据库中已有记录时不写入，除非加 --force。",
                        "Write a reproducible demo year into the database: twelve months up to the last complete month before "
                        "today (or the month given with --until). Refuses a database that already holds records unless --force."),
    )
    p.add_argument("--seed", type=int, default=1, metavar="N", help=msg("随机种子（默认 1；相同种子生成相同数据）", "random seed (default 1; the same seed writes the same data)"))
    p.add_argument("--until", metavar="YYYY-MM", type=_month,
                   help=msg("演示数据的最后一个月（默认：今天之前最后一个完整月份）；固定它，数据就不随日期变化",
                            "the demo's last month (default: the last complete month before today); fixing it keeps the data the same whatever the date"))
    p.add_argument("--force", action="store_true",
                   help=msg("数据库已有记录时，先备份原数据库，再用演示数据替换它", "when the database holds records, back it up and replace it with the demo"))
    add_db_option(p)
    p.set_defaults(handler=demo_command)


def _month(text: str):
    from qmsdesk.periods import Period

    try:
        return Period.parse(text, "until")
    except QmsError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _describe(existing: dict[str, int]) -> str:
    from qmsdesk.db import models as m

    names = {
        m.Staff.__tablename__: msg("人员", "staff"), m.Meeting.__tablename__: msg("会议", "meetings"),
        m.RectificationItem.__tablename__: msg("整改项", "rectification items"),
        m.IndicatorValue.__tablename__: msg("指标数据", "indicator values"),
    }
    shown = [f"{names[k]} {n}" for k, n in existing.items() if k in names]
    return msg("，", ", ").join(shown) if shown else msg("共 {n} 条", "{n} in all", n=sum(existing.values()))


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def demo_command(args: argparse.Namespace) -> int:
    from qmsdesk.cli import open_db
    from qmsdesk.clock import today
    from qmsdesk.db.backup import backup_database
    from qmsdesk.demo import demo_window, existing_records, generate

    demo_window(args.until, today())  # a month not yet over is refused before any database is touched
    db = open_db(args)
    try:
        with db.session() as s:
            existing = existing_records(s)
    except BaseException:
        db.close()
        raise
    if existing:
        where = db.path or getattr(args, "db", "")
        if not args.force:
            db.close()
            raise QmsError(msg(
                "数据库“{p}”中已有记录（{d}），未写入演示数据。如要用演示数据替换它，请加 --force（原数据库会先备份）；或用 --db 指定一个新文件。",
                "Database '{p}' already holds records ({d}); no demo data was written. Add --force to replace it "
                "(it is backed up first), or name a new file with --db.", p=where, d=_describe(existing)))
        if db.path is None:
            db.close()
            raise QmsError(msg("--force 只能用于数据库文件，不能用于数据库服务器。",
                               "--force works on a database file only, not on a database server."))
        db.close()
        kept = backup_database(db.path, kind="before-demo")
        _remove_database(db.path)
        print(msg("原数据库已备份为 {k}", "The previous database was backed up as {k}", k=kept))
        db = open_db(args)
    try:
        with db.session() as s:
            summary = generate(s, seed=args.seed, until=args.until)
        where = db.path or getattr(args, "db", "")
    finally:
        db.close()
    for line in summary.lines():
        print(line)
    print(msg("已写入 {p}。查看某月摘要：qmsdesk status --period {m} --db {p}",
              "Written to {p}. See a month: qmsdesk status --period {m} --db {p}", p=where, m=summary.last))
    return 0
