"""`qmsdesk plan show|edit|import --year`: the annual quality plan (年度质控计划) and how far it has got."""

from __future__ import annotations

import argparse
from pathlib import Path

from qmsdesk.errors import ValidationError
from qmsdesk.i18n import msg


def register(subparsers) -> None:
    from qmsdesk.cli import add_db_option

    parser = subparsers.add_parser("plan", help=msg("年度质控计划：查看、修改、导入", "the annual quality plan: show, edit, import"))
    add_db_option(parser)
    sub = parser.add_subparsers(dest="plan_command", metavar=msg("操作", "ACTION"), required=True)

    p = sub.add_parser("show", help=msg("显示年度计划及执行情况", "show the plan and how far it has got"))
    p.add_argument("--year", required=True, metavar="YYYY")
    p.add_argument("--out", metavar="FILE.xlsx", help=msg("同时写出计划工作簿（可修改后用 plan import 导入）",
                                                          "also write the plan workbook (edit it and bring it back with plan import)"))
    add_db_option(p)
    p.set_defaults(handler=show_command)

    p = sub.add_parser("edit", help=msg("修改年度计划（每个选项是一处修改，全部通过才保存）", "change the plan (each option is one change; all or nothing)"),
                       description=msg("例：qmsdesk plan edit --year 2026 --goal NUR-FALL 0.08 --focus 3 跌倒预防 "
                                       "--training 3 心肺复苏 操作技能 2 全体医护",
                                       "e.g. qmsdesk plan edit --year 2026 --goal NUR-FALL 0.08 --focus 3 跌倒预防"))
    p.add_argument("--year", required=True, metavar="YYYY")
    p.add_argument("--objectives", metavar=msg("文字", "TEXT"), help=msg("年度质控目标与工作重点", "the year's aims"))
    p.add_argument("--goal", nargs=2, action="append", metavar=("CODE", msg("目标值", "VALUE")), default=[],
                   help=msg("某指标的年度目标（指标的单位）", "an indicator's goal for the year, in its unit"))
    p.add_argument("--goal-note", metavar=msg("说明", "NOTE"), help=msg("--goal 的说明", "a note for --goal"))
    p.add_argument("--reset-goal", action="append", metavar="CODE", default=[],
                   help=msg("恢复为目录目标值", "back to the catalogue target"))
    p.add_argument("--focus", nargs="+", action="append", metavar=msg("月份 重点 [内容]", "MONTH THEME [DETAILS]"), default=[],
                   help=msg("每月质控重点", "a monthly focus theme"))
    p.add_argument("--focus-outcome", nargs=2, action="append", metavar=("ID", msg("落实情况", "OUTCOME")), default=[],
                   help=msg("写下某月重点的落实情况", "write how a month's focus was carried out"))
    p.add_argument("--training", nargs="+", action="append", default=[],
                   metavar=msg("月份 主题 类别 学时 [对象 [授课人]]", "MONTH TOPIC CATEGORY HOURS [AUDIENCE [TRAINER]]"),
                   help=msg("计划培训；类别如 三基理论、操作技能、法律法规/医疗安全", "a planned training"))
    p.add_argument("--inspection", nargs="+", action="append", default=[],
                   metavar=msg("项目 频次 [类型 [评分表 [负责人]]]", "TITLE FREQUENCY [KIND [CHECKLIST [WHO]]]"),
                   help=msg("检查计划；频次：每月、每季度、每半年、每年", "a planned inspection; frequency 每月/每季度/每半年/每年"))
    p.add_argument("--pdca", nargs="+", action="append", default=[],
                   metavar=msg("主题 开始月份 [指标 [负责人]]", "THEME START_MONTH [INDICATOR [LEADER]]"),
                   help=msg("计划的 PDCA 持续改进主题", "a planned PDCA theme"))
    p.add_argument("--remove", action="append", metavar="ID", default=[], help=msg("删除一条计划条目（编号见 plan show）",
                                                                                  "remove a plan item (ids in plan show)"))
    add_db_option(p)
    p.set_defaults(handler=edit_command)

    p = sub.add_parser("import", help=msg("从工作簿导入，或从上一年复制", "import from a workbook, or copy another year's plan"))
    p.add_argument("--year", required=True, metavar="YYYY")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", metavar="FILE.xlsx")
    source.add_argument("--from-year", metavar="YYYY", help=msg("复制该年的计划", "copy that year's plan"))
    add_db_option(p)
    p.set_defaults(handler=import_command)


def _month(text: str) -> int:
    value = str(text).strip().removesuffix("月")
    if not value.isdigit():
        raise ValidationError(msg("月份应为 1–12，收到“{m}”。", "The month must be 1–12; got '{m}'.", m=text), "month")
    return int(value)


def _number(text: str, what: str) -> float:
    try:
        return float(str(text).strip())
    except ValueError:
        raise ValidationError(msg("{w}应为数字，收到“{t}”。", "{w} must be a number; got '{t}'.", w=what, t=text)) from None


def _code(enum, text: str) -> str:
    try:
        return enum.from_label_or_code(str(text).strip()).value
    except ValueError:
        return str(text).strip()


def _arity(values: list[str], low: int, high: int, option: str) -> None:
    if not low <= len(values) <= high:
        raise ValidationError(msg("{o} 需要 {a}–{b} 个值，收到 {n} 个：{v}", "{o} takes {a} to {b} values, got {n}: {v}",
                                  o=option, a=low, b=high, n=len(values), v=" ".join(values)))


def _apply_edits(s, year: int, args: argparse.Namespace) -> list[str]:
    """Every change the options ask for, in order; returns what was done, one line each."""
    from qmsdesk.db.enums import InspectionFrequency, InspectionKind, TrainingCategory
    from qmsdesk.services import plan as svc

    done = []
    svc.plan_for(s, year)  # an edit of a year without a plan starts one
    if args.objectives is not None:
        svc.set_objectives(s, year, args.objectives)
        done.append(msg("已修改年度质控目标", "aims changed"))
    for code, value in args.goal:
        svc.set_goal(s, year, code, _number(value, msg("目标值", "the goal")), note=args.goal_note)
        done.append(msg("{c} 年度目标设为 {v}", "goal of {c} set to {v}", c=code, v=value))
    for code in args.reset_goal:
        svc.reset_goal(s, year, code)
        done.append(msg("{c} 恢复为目录目标值", "{c} back to the catalogue target", c=code))
    for values in args.focus:
        _arity(values, 2, 3, "--focus")
        svc.add_focus(s, year, month=_month(values[0]), theme=values[1], details=values[2] if len(values) > 2 else None)
        done.append(msg("新增 {m} 月质控重点：{t}", "focus for month {m}: {t}", m=values[0], t=values[1]))
    for item_id, outcome in args.focus_outcome:
        from qmsdesk.services.plan import find_item

        _model, row = find_item(s, item_id)
        svc.record_focus_outcome(s, row.id, outcome)
        done.append(msg("已写入落实情况：{t}", "outcome written: {t}", t=row.theme))
    for values in args.training:
        _arity(values, 4, 6, "--training")
        svc.add_training(s, year, month=_month(values[0]), topic=values[1], category=_code(TrainingCategory, values[2]),
                         hours=_number(values[3], msg("学时", "hours")), audience=values[4] if len(values) > 4 else None,
                         trainer=values[5] if len(values) > 5 else None)
        done.append(msg("新增计划培训：{m} 月 {t}", "planned training: month {m}, {t}", m=values[0], t=values[1]))
    for values in args.inspection:
        _arity(values, 2, 5, "--inspection")
        svc.add_inspection(s, year, title=values[0], frequency=_code(InspectionFrequency, values[1]),
                           kind=_code(InspectionKind, values[2]) if len(values) > 2 else InspectionKind.SELF,
                           template_code=values[3] if len(values) > 3 else None,
                           responsible=values[4] if len(values) > 4 else None)
        done.append(msg("新增检查计划：{t}", "planned inspection: {t}", t=values[0]))
    for values in args.pdca:
        _arity(values, 2, 4, "--pdca")
        svc.add_pdca_theme(s, year, theme=values[0], start_month=_month(values[1]),
                           indicator_code=values[2] if len(values) > 2 else None,
                           leader=values[3] if len(values) > 3 else None)
        done.append(msg("新增 PDCA 主题：{t}", "PDCA theme: {t}", t=values[0]))
    for item_id in args.remove:
        svc.delete_item(s, item_id)
        done.append(msg("已删除条目 {i}", "removed item {i}", i=item_id))
    return done


def edit_command(args: argparse.Namespace) -> int:
    from qmsdesk.commands.year_common import open_existing, year_of

    year = year_of(args.year)
    db = open_existing(args)
    try:
        with db.session() as s:
            done = _apply_edits(s, year, args)
            if not done:
                done = [msg("{y} 年度计划已建立（未做其他修改）", "the {y} plan exists (nothing else changed)", y=year)]
        for line in done:
            print(line)
        with db.session() as s:
            print()
            print(plan_text(s, year), end="")
    finally:
        db.close()
    return 0


def import_command(args: argparse.Namespace) -> int:
    from qmsdesk.commands.year_common import open_existing, year_of
    from qmsdesk.services import plan as svc
    from qmsdesk.services.plan_workbook import import_plan

    year = year_of(args.year)
    db = open_existing(args)
    try:
        with db.session() as s:
            if args.from_year:
                svc.copy_plan(s, year_of(args.from_year), year)
                print(msg("已从 {a} 年复制 {b} 年度质控计划。", "Copied the {a} plan into {b}.", a=args.from_year, b=year))
            else:
                parsed = import_plan(s, year, Path(args.file))
                counts = "，".join(f"{k} {n}" for k, n in parsed.counts().items())
                print(msg("已导入 {y} 年度质控计划：{c}。", "Imported the {y} plan: {c}.", y=year, c=counts))
        with db.session() as s:
            print(plan_text(s, year), end="")
    finally:
        db.close()
    return 0


def show_command(args: argparse.Namespace) -> int:
    from qmsdesk.commands.year_common import open_existing, year_of

    year = year_of(args.year)
    db = open_existing(args)
    try:
        with db.session() as s:
            print(plan_text(s, year), end="")
            if args.out:
                from qmsdesk.exports import save_export
                from qmsdesk.reports.masking import patient_masker
                from qmsdesk.services.plan import plan_view
                from qmsdesk.services.plan_workbook import plan_workbook

                path = save_export(Path(args.out), plan_workbook(plan_view(s, year), patient_masker(s)))
                print(msg("计划工作簿已写入 {p}", "Plan workbook written to {p}", p=path))
    finally:
        db.close()
    return 0


def plan_text(s, year: int) -> str:
    """The plan with each item's id and where it stands, as `plan show` prints it."""
    from qmsdesk.clock import today
    from qmsdesk.commands.year_common import short
    from qmsdesk.periods import Period
    from qmsdesk.services.plan_progress import plan_progress

    day = today()
    through = min(Period(year, 12), Period.of(day))
    progress = plan_progress(s, year, through, as_of=day)
    plan = progress.plan
    if not plan.exists:
        return msg("{y} 年还没有年度质控计划。用 qmsdesk plan edit --year {y} … 逐项建立，或 qmsdesk plan import --year {y} FILE.xlsx 导入。\n",
                   "There is no plan for {y}. Build it with 'qmsdesk plan edit --year {y} …' or import one with "
                   "'qmsdesk plan import --year {y} FILE.xlsx'.\n", y=year)
    out = [msg("{y} 年度质控计划（执行情况截至 {d}）", "Annual quality plan {y} (progress as of {d})", y=year, d=day.isoformat()),
           msg("年度质控目标：{t}", "Aims: {t}", t=plan.objectives or msg("（未填写）", "(not written)"))]
    own = [g for g in plan.goals if g.own]
    out.append(msg("一、质量指标年度目标：{n} 项，其中科室调整 {k} 项", "1. Indicator goals: {n}, {k} set by the group",
                   n=len(plan.goals), k=len(own)))
    out += [f"    {g.code} {g.name}：{g.target_text or '—'} → {g.goal_text}" + (f"（{g.note}）" if g.note else "") for g in own]
    out.append(msg("二、每月质控重点", "2. Monthly focus"))
    for f in progress.focus:
        state = msg("已落实（{w}）", "taken up ({w})", w=f.where) if f.covered else (
            msg("未落实", "not taken up") if f.due else msg("未到期", "not yet due"))
        out.append(f"    [{short(f.plan.id)}] {f.plan.month}月 {f.plan.theme} — {state}")
    out.append(msg("三、培训计划", "3. Training plan"))
    for t in progress.trainings:
        state = msg("已开展 {d}", "held {d}", d=t.held_on.isoformat()) if t.held else (
            msg("未开展", "not held") if t.due else msg("未到期", "not yet due"))
        out.append(f"    [{short(t.plan.id)}] {t.plan.month}月 {t.plan.topic}（{t.plan.category_label}，{t.plan.hours:g} 学时"
                   f"{'，' + t.plan.audience if t.plan.audience else ''}）— {state}")
    out.append(msg("四、检查计划", "4. Inspection plan"))
    for i in progress.inspections:
        missed = "、".join(w.label for w in i.missed)
        state = msg("已完成 {a}/{b} 次", "{a} of {b} done", a=i.done, b=i.expected) + (
            msg("；未完成：{m}", "; missing: {m}", m=missed) if missed else "")
        template = f"，评分表 {i.plan.template_code}" if i.plan.template_code else ""
        out.append(f"    [{short(i.plan.id)}] {i.plan.title}（{i.plan.kind_label}，{i.plan.frequency_label}{template}"
                   f"{'，' + i.plan.responsible if i.plan.responsible else ''}）— {state}")
    out.append(msg("五、PDCA 主题", "5. PDCA themes"))
    out += [f"    [{short(p.plan.id)}] {p.plan.start_month}月起 {p.plan.theme}"
            + (f"（{p.plan.indicator_code}）" if p.plan.indicator_code else "")
            + (f" 负责人：{p.plan.leader}" if p.plan.leader else "") for p in progress.pdca]
    out.append(msg("合计：培训 {th}/{tp} 项已开展，检查 {id}/{ie} 次已完成，每月重点 {fc}/{fd} 项已落实",
                   "In all: {th}/{tp} trainings held, {id}/{ie} inspections done, {fc}/{fd} focus themes taken up",
                   th=progress.trainings_held, tp=progress.trainings_due, id=progress.inspections_done,
                   ie=progress.inspections_expected, fc=progress.focus_covered, fd=progress.focus_due))
    return "\n".join(out) + "\n"
