"""`qmsdesk analysis draft|show|complete|summary|add-problem|approve|reopen --quarter 2026Q3 | --year 2026`.

The quarterly analysis (季度质量分析) and the annual summary (年度质控总结): a draft from the data, each
problem completed with its 原因分析 and 改进措施, approved by the group's leader, printed with --out.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from qmsdesk.i18n import msg


def register(subparsers) -> None:
    from qmsdesk.cli import add_db_option
    from qmsdesk.commands.year_common import add_span_options

    parser = subparsers.add_parser("analysis", help=msg("季度质量分析与年度质控总结", "quarterly analysis and annual summary"))
    add_db_option(parser)
    sub = parser.add_subparsers(dest="analysis_command", metavar=msg("操作", "ACTION"), required=True)

    def command(name: str, help_zh: str, help_en: str, handler):
        p = sub.add_parser(name, help=msg(help_zh, help_en))
        add_span_options(p)
        add_db_option(p)
        p.set_defaults(handler=handler)
        return p

    p = command("draft", "由数据生成（或刷新）分析草稿，保留已填写的内容", "draft (or refresh) from the data, keeping what was written",
                draft_command)
    p.add_argument("--out", metavar="FILE.pdf", help=msg("同时输出 PDF", "also write the PDF"))
    p = command("show", "显示分析", "show the analysis", show_command)
    p.add_argument("--out", metavar="FILE.pdf", help=msg("输出 PDF", "write the PDF"))
    p.add_argument("--json", action="store_true", help=msg("以 JSON 输出", "print JSON"))
    p = command("complete", "填写某个问题的原因分析和改进措施", "write a problem's cause analysis and measures", complete_command)
    p.add_argument("--problem", required=True, type=int, metavar="N", help=msg("问题序号（见 show）", "problem number (see show)"))
    p.add_argument("--cause", required=True, metavar=msg("原因分析", "CAUSE"))
    p.add_argument("--measures", required=True, metavar=msg("改进措施", "MEASURES"))
    p = command("summary", "填写总体评价", "write the overall judgement", summary_command)
    p.add_argument("--text", required=True, metavar=msg("总体评价", "TEXT"))
    p = command("add-problem", "补充一个数据中没有的问题", "add a problem the data does not show", add_problem_command)
    p.add_argument("--problem", required=True, metavar=msg("问题", "PROBLEM"))
    p.add_argument("--cause", metavar=msg("原因分析", "CAUSE"))
    p.add_argument("--measures", metavar=msg("改进措施", "MEASURES"))
    p = command("approve", "组长审定并锁定", "the leader approves and locks it", approve_command)
    p.add_argument("--by", required=True, metavar=msg("组长姓名或工号", "LEADER"))
    p.add_argument("--on", metavar="YYYY-MM-DD", help=msg("审定日期（默认今天）", "approval date (default today)"))
    p = command("reopen", "撤回审定以便修改", "reopen an approved analysis for changes", reopen_command)
    p.add_argument("--reason", required=True, metavar=msg("原因", "REASON"))


def _run(args: argparse.Namespace, change, *, write_pdf: bool = False) -> int:
    from qmsdesk.commands.year_common import open_existing, span_of

    span = span_of(args)
    db = open_existing(args)
    try:
        with db.session() as s:
            said = change(s, span)
        if said:
            print(said)
        with db.session() as s:
            from qmsdesk.reports.masking import patient_masker
            from qmsdesk.services.analysis import get_analysis, view

            current = view(get_analysis(s, span))
            masker = patient_masker(s)  # printed, pasted, forwarded: no patient number in full
            if getattr(args, "json", False):
                json.dump(masker.deep(current.figures.to_json() | {"problems": [p.__dict__ | {"id": str(p.id)}
                                                                                for p in current.problems]}),
                          sys.stdout, ensure_ascii=False, indent=2, default=str)
                sys.stdout.write("\n")
            else:
                print(masker.text(analysis_text(current)), end="")
            if write_pdf and args.out:
                print(msg("PDF 已写入 {p}", "PDF written to {p}", p=write_analysis_pdf(s, current, Path(args.out))))
    finally:
        db.close()
    return 0


def write_analysis_pdf(s, current, path: Path) -> Path:
    from qmsdesk.exports import save_export
    from qmsdesk.reports.printouts import analysis_pdf

    return save_export(path, analysis_pdf(s, current.span))


def draft_command(args: argparse.Namespace) -> int:
    from qmsdesk.services.analysis import draft_analysis

    def change(s, span):
        draft_analysis(s, span)
        return msg("已由数据生成{s}分析草稿（已填写的原因分析、改进措施保留）。", "Drafted the analysis of {s} from the data (what "
                   "was written is kept).", s=span.label())

    return _run(args, change, write_pdf=True)


def show_command(args: argparse.Namespace) -> int:
    return _run(args, lambda _s, _span: None, write_pdf=True)


def _problem_id(s, span, number: int):
    from qmsdesk.errors import ValidationError
    from qmsdesk.services.analysis import get_analysis, view

    problems = view(get_analysis(s, span)).problems
    if not 1 <= number <= len(problems):
        raise ValidationError(msg("问题序号应为 1–{n}。", "The problem number must be 1–{n}.", n=len(problems)), "problem")
    return problems[number - 1].id


def complete_command(args: argparse.Namespace) -> int:
    from qmsdesk.services.analysis import complete_problem

    def change(s, span):
        complete_problem(s, _problem_id(s, span, args.problem), cause=args.cause, measures=args.measures)
        return msg("已填写问题 {n} 的原因分析和改进措施。", "Problem {n} completed.", n=args.problem)

    return _run(args, change)


def summary_command(args: argparse.Namespace) -> int:
    from qmsdesk.services.analysis import set_summary

    def change(s, span):
        set_summary(s, span, args.text)
        return msg("已填写总体评价。", "Overall judgement written.")

    return _run(args, change)


def add_problem_command(args: argparse.Namespace) -> int:
    from qmsdesk.services.analysis import add_problem

    def change(s, span):
        add_problem(s, span, problem=args.problem, cause=args.cause, measures=args.measures)
        return msg("已补充问题。", "Problem added.")

    return _run(args, change)


def approve_command(args: argparse.Namespace) -> int:
    from qmsdesk.commands.year_common import find_person, parse_day
    from qmsdesk.services.analysis import approve_analysis

    def change(s, span):
        person = find_person(s, args.by)
        approve_analysis(s, span, approver_id=person.id, on=parse_day(args.on, "on") if args.on else None)
        return msg("{n} 已审定{s}分析，分析已锁定。", "{n} approved the analysis of {s}; it is locked.", n=person.name,
                   s=span.label())

    return _run(args, change)


def reopen_command(args: argparse.Namespace) -> int:
    from qmsdesk.services.analysis import reopen_analysis

    def change(s, span):
        reopen_analysis(s, span, reason=args.reason)
        return msg("已撤回审定，可以修改；修改后请组长重新审定。", "Reopened for changes; the leader approves it again afterwards.")

    return _run(args, change)


def analysis_text(v) -> str:
    """The analysis as `analysis show` prints it: status, figures in brief, each problem with its text."""
    from qmsdesk.services.analysis_figures import GRADES

    f = v.figures
    state = msg("已审定（{n}，{d}）", "approved ({n}, {d})", n=v.approved_by, d=v.approved_on) if v.approved else msg(
        "草稿：{k} 个问题待填写", "draft: {k} problem(s) to complete", k=len(v.incomplete))
    grades = "，".join(f"{label} {f.events.by_grade.get(code, 0)}" for code, label in GRADES)
    t, led = f.training, f.ledger
    out = [f"{v.title} — {state}",
           msg("数据截至 {d}", "figures as of {d}", d=f.as_of),
           msg("  例会 {a}/{b} 个月；培训 {s} 次 {h} 学时；考核合格率 {r}", "  meetings {a}/{b} months; {s} trainings, {h} hours; "
               "pass rate {r}", a=len(f.meetings.months_held), b=len(f.meetings.months_judged), s=t.sessions, h=f"{t.hours:g}",
               r="—" if t.pass_rate is None else f"{t.pass_rate:.1f}%"),
           msg("  不良事件 {n} 例（{g}）；检查 {i} 次；整改新增 {ra} 销号 {c}，超期 {o}", "  {n} events ({g}); {i} inspections; "
               "ledger {ra} raised, {c} closed, {o} overdue", n=f.events.total, g=grades, i=f.inspections.count, ra=led.raised,
               c=led.closed, o=led.overdue_at_end),
           msg("  未达年度目标或有控制图信号的指标：{x}", "  indicators off goal or signalling: {x}",
               x="、".join(i.name for i in f.indicators_of_concern) or msg("无", "none")),
           msg("存在问题（{n} 项）：", "Problems ({n}):", n=len(v.problems))]
    for p in v.problems:
        out.append(f"  {p.number}. [{p.source_label}] {p.problem}")
        out.append(msg("     原因分析：{c}", "     cause: {c}", c=p.cause or msg("（未填写）", "(not written)")))
        out.append(msg("     改进措施：{m}", "     measures: {m}", m=p.measures or msg("（未填写）", "(not written)")))
    out.append(msg("总体评价：{t}", "Overall: {t}", t=v.summary or msg("（未填写）", "(not written)")))
    if v.reopen_reason:
        out.append(msg("撤回审定的原因：{r}", "Reopened because: {r}", r=v.reopen_reason))
    return "\n".join(out) + "\n"
