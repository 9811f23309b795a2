"""`qmsdesk print signin|minutes|training|roster|list`: the paper records a group signs, one PDF each."""

from __future__ import annotations

import argparse
from pathlib import Path

from qmsdesk.i18n import msg


def register(subparsers) -> None:
    from qmsdesk.cli import add_db_option

    parser = subparsers.add_parser("print", help=msg("打印签到表、会议记录、培训记录、小组成员及职责",
                                                     "print sign-in sheets, minutes, training records, the roster"))
    add_db_option(parser)
    sub = parser.add_subparsers(dest="print_command", metavar=msg("打印什么", "WHAT"), required=True)

    p = sub.add_parser("signin", help=msg("签到表：应到人员姓名，签名和签到时间留空", "a sign-in sheet with the expected names"))
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--meeting", metavar="ID", help=msg("已登记的会议", "a recorded meeting"))
    which.add_argument("--training", metavar="ID", help=msg("已登记的培训或年度计划中的培训", "a recorded or planned training"))
    which.add_argument("--meeting-date", metavar="YYYY-MM-DD", help=msg("将要召开的质控小组例会（按当日小组成员）",
                                                                        "a group meeting still to be held (that day's members)"))
    p.add_argument("--place", help=msg("例会地点（--meeting-date 时）", "the meeting place (with --meeting-date)"))
    _out(p, add_db_option, signin_command)

    p = sub.add_parser("minutes", help=msg("会议记录（出席/缺席/请假与签名栏）", "meeting minutes with attendance and signature lines"))
    p.add_argument("--meeting", required=True, metavar="ID")
    _out(p, add_db_option, minutes_command)

    p = sub.add_parser("training", help=msg("培训记录（出勤与考核成绩）", "a training record with attendance and scores"))
    p.add_argument("--training", required=True, metavar="ID")
    _out(p, add_db_option, training_command)

    p = sub.add_parser("roster", help=msg("质控小组成员及职责（含签名栏）", "the group roster with duties and a signature column"))
    p.add_argument("--on", metavar="YYYY-MM-DD", help=msg("某日的成员（默认今天）", "members on this day (default today)"))
    _out(p, add_db_option, roster_command)

    p = sub.add_parser("list", help=msg("列出某月的会议、培训和计划培训及其编号", "list a month's meetings, trainings and planned trainings with ids"))
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    add_db_option(p)
    p.set_defaults(handler=list_command)


def _out(p: argparse.ArgumentParser, add_db_option, handler) -> None:
    p.add_argument("--out", metavar="FILE.pdf", help=msg("输出文件（默认在当前文件夹）", "output file (default: in this folder)"))
    add_db_option(p)
    p.set_defaults(handler=handler)


def _write(args: argparse.Namespace, default_name: str, make) -> int:
    from qmsdesk.commands.year_common import open_existing
    from qmsdesk.exports import save_export

    db = open_existing(args)
    try:
        with db.session() as s:
            data = make(s)
    finally:
        db.close()
    path = save_export(Path(args.out or default_name), data)
    print(msg("已写入 {p}", "Written to {p}", p=path))
    return 0


def signin_command(args: argparse.Namespace) -> int:
    from qmsdesk.commands.year_common import parse_day, resolve
    from qmsdesk.db import models as m
    from qmsdesk.reports import printouts

    def make(s):
        if args.meeting:
            return printouts.meeting_signin_pdf(s, resolve(s, [m.Meeting], args.meeting, msg("会议", "meeting")).id)
        if args.training:
            row = resolve(s, [m.TrainingSession, m.PlanTraining], args.training, msg("培训", "training"))
            return printouts.training_signin_pdf(s, row.id)
        return printouts.planned_meeting_signin_pdf(s, parse_day(args.meeting_date, "meeting_date"), args.place)

    name = "签到表_" + (args.meeting_date or (args.meeting or args.training)[:8]) + ".pdf"
    return _write(args, name, make)


def minutes_command(args: argparse.Namespace) -> int:
    from qmsdesk.commands.year_common import resolve
    from qmsdesk.db import models as m
    from qmsdesk.reports.printouts import minutes_pdf

    return _write(args, f"会议记录_{args.meeting[:8]}.pdf",
                  lambda s: minutes_pdf(s, resolve(s, [m.Meeting], args.meeting, msg("会议", "meeting")).id))


def training_command(args: argparse.Namespace) -> int:
    from qmsdesk.commands.year_common import resolve
    from qmsdesk.db import models as m
    from qmsdesk.reports.printouts import training_record_pdf

    return _write(args, f"培训记录_{args.training[:8]}.pdf", lambda s: training_record_pdf(
        s, resolve(s, [m.TrainingSession], args.training, msg("培训", "training")).id))


def roster_command(args: argparse.Namespace) -> int:
    from qmsdesk.clock import today
    from qmsdesk.commands.year_common import parse_day
    from qmsdesk.reports.printouts import roster_pdf

    day = parse_day(args.on, "on") if args.on else today()
    return _write(args, f"质控小组成员及职责_{day.isoformat()}.pdf", lambda s: roster_pdf(s, day))


def list_command(args: argparse.Namespace) -> int:
    from qmsdesk.commands.year_common import open_existing, short
    from qmsdesk.db import enums as e
    from qmsdesk.periods import Period
    from qmsdesk.services.meetings import list_meetings
    from qmsdesk.services.plan import plan_view
    from qmsdesk.services.training import list_training_sessions

    period = Period.parse(args.month)
    db = open_existing(args)
    try:
        with db.session() as s:
            print(msg("{p} 的会议：", "Meetings of {p}:", p=period))
            for mt in list_meetings(s, period=period):
                print(f"  {short(mt.id)}  {mt.date.isoformat()}  {e.MeetingKind(mt.kind).label}")
            print(msg("{p} 的培训：", "Training sessions of {p}:", p=period))
            for ts in list_training_sessions(s, period=period):
                print(f"  {short(ts.id)}  {ts.date.isoformat()}  {ts.topic}")
            planned = plan_view(s, period.year).trainings_of(period.month)
            print(msg("{p} 年度计划中的培训：", "Planned trainings of {p}:", p=period))
            for t in planned:
                print(f"  {short(t.id)}  {t.topic}（{t.category_label}）")
    finally:
        db.close()
    return 0
