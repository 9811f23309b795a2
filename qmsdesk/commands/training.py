"""`qmsdesk training …`: list sessions, write the sign-in and score templates, import attendance and scores."""

from __future__ import annotations

import argparse
from datetime import date

from qmsdesk.errors import ValidationError
from qmsdesk.i18n import msg


def register(subparsers) -> None:
    from qmsdesk.cli import add_db_option
    from qmsdesk.commands.importing import add_import_options

    parser = subparsers.add_parser("training", help=msg("培训考核：培训列表、导入出勤和成绩", "training: sessions, import attendance and scores"))
    add_db_option(parser)
    sub = parser.add_subparsers(dest="training_command", metavar=msg("操作", "ACTION"), required=True)

    p = sub.add_parser("sessions", help=msg("列出培训（日期、主题、编号）", "list training sessions (date, topic, id)"))
    p.add_argument("--period", metavar="YYYY-MM", help=msg("只列出该月", "only this month"))
    add_db_option(p)
    p.set_defaults(handler=cmd_sessions)

    p = sub.add_parser("template", help=msg("生成签到表或成绩表导入模板（.xlsx）", "write the attendance or scores template (.xlsx)"))
    p.add_argument("which", choices=["attendance", "scores"], help=msg("attendance 签到表，scores 成绩表",
                                                                       "attendance or scores"))
    p.add_argument("--out", required=True, metavar="FILE.xlsx")
    p.set_defaults(handler=cmd_template)

    p = sub.add_parser("import-attendance", help=msg("导入某次培训的签到表（全部通过才写入）",
                                                     "import a session's sign-in sheet (all or nothing)"))
    add_import_options(p)
    _session_options(p, required=True)
    add_db_option(p)
    p.set_defaults(handler=cmd_import_attendance)

    p = sub.add_parser("import-scores", help=msg("导入考核成绩，某次培训的或单独的（全部通过才写入）",
                                                 "import assessment scores, of a session or on their own (all or nothing)"))
    add_import_options(p)
    _session_options(p, required=False)
    p.add_argument("--subject", help=msg("考核内容（表中没有时使用）", "subject, when the sheet has none"))
    p.add_argument("--date", metavar="YYYY-MM-DD", help=msg("考核日期（表中没有时使用）", "assessment date, when the sheet has none"))
    p.add_argument("--kind", choices=["theory", "practical", "理论", "操作"], help=msg("考核类型（默认理论）", "kind (default theory)"))
    p.add_argument("--pass-mark", type=float, metavar="N", help=msg("合格线（默认 80）", "pass mark (default 80)"))
    add_db_option(p)
    p.set_defaults(handler=cmd_import_scores)


def _session_options(p: argparse.ArgumentParser, *, required: bool) -> None:
    p.add_argument("--session", required=required, metavar=msg("编号或日期", "ID|YYYY-MM-DD"),
                   help=msg("哪一次培训：编号（training sessions 列出）或培训日期", "which session: its id (see 'training "
                            "sessions') or its date"))
    p.add_argument("--topic", help=msg("同一天有几次培训时，主题中的文字", "words of the topic, when a day had several sessions"))


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(msg("{o} 的日期应写成 YYYY-MM-DD（例如 2026-10-12），收到“{t}”。",
                                  "{o} takes a date as YYYY-MM-DD (e.g. 2026-10-12); got '{t}'.", o=option, t=text),
                              option) from None


def _training(s, args: argparse.Namespace):
    from qmsdesk.services.training_import import find_training_session

    if not args.session:
        return None
    text = args.session.strip()
    if len(text) == 10 and text[4] == "-":
        return find_training_session(s, on=_day(text, "--session"), topic=args.topic)
    try:
        return find_training_session(s, session_id=text)
    except ValueError:
        raise ValidationError(msg("--session 应为培训编号或日期，收到“{t}”。", "--session takes a session id or a date; got '{t}'.",
                                  t=text), "session") from None


def cmd_sessions(args: argparse.Namespace) -> int:
    from qmsdesk.cli import open_db
    from qmsdesk.db.enums import Attendance, TrainingCategory
    from qmsdesk.periods import Period
    from qmsdesk.services.training import list_training_sessions

    db = open_db(args)
    try:
        with db.session() as s:
            rows = list_training_sessions(s, period=Period.parse(args.period) if args.period else None)
            for t in rows:
                present = sum(1 for a in t.attendance if not a.deleted and a.status == Attendance.PRESENT.value)
                print(f"{t.date.isoformat()}  {t.id}  {TrainingCategory(t.category).label:<10} "
                      f"{msg('出席 {n} 人', '{n} present', n=present)}  {t.topic}")
            print(msg("共 {n} 次培训。", "{n} sessions.", n=len(rows)))
    finally:
        db.close()
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from qmsdesk.services.training_import import write_attendance_template, write_scores_template

    write = write_attendance_template if args.which == "attendance" else write_scores_template
    print(msg("已生成导入模板：{p}", "Template written: {p}", p=write(args.out)))
    return 0


def cmd_import_attendance(args: argparse.Namespace) -> int:
    from qmsdesk.cli import open_db
    from qmsdesk.commands.importing import run_import
    from qmsdesk.services.training_import import import_attendance, preview_attendance_import

    db = open_db(args)
    try:
        with db.session() as s:
            training = _training(s, args)
            print(msg("培训：{d} {t}", "Session: {d} {t}", d=training.date.isoformat(), t=training.topic))
            return run_import(args, lambda answers: preview_attendance_import(s, args.file, training, answers),
                              lambda answers: import_attendance(s, args.file, training, answers))
    finally:
        db.close()


def cmd_import_scores(args: argparse.Namespace) -> int:
    from qmsdesk.cli import open_db
    from qmsdesk.commands.importing import run_import
    from qmsdesk.services.training_import import import_scores, preview_scores_import, score_defaults

    kind = {"理论": "theory", "操作": "practical"}.get(args.kind, args.kind)
    db = open_db(args)
    try:
        with db.session() as s:
            training = _training(s, args)
            if training is not None:
                print(msg("培训：{d} {t}", "Session: {d} {t}", d=training.date.isoformat(), t=training.topic))
            defaults = score_defaults(training, subject=args.subject, on=_day(args.date, "--date") if args.date else None,
                                      kind=kind, pass_mark=args.pass_mark)
            return run_import(args, lambda answers: preview_scores_import(s, args.file, defaults, answers),
                              lambda answers: import_scores(s, args.file, defaults, answers))
    finally:
        db.close()
