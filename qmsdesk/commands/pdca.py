"""`qmsdesk pdca list|show`: the improvement projects, their stage, and each one as a case (JSON or PDF)."""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from pathlib import Path

from qmsdesk.i18n import msg


def register(subparsers) -> None:
    from qmsdesk.cli import add_db_option

    parser = subparsers.add_parser("pdca", help=msg("持续改进项目（PDCA）", "improvement projects (PDCA)"))
    add_db_option(parser)
    sub = parser.add_subparsers(dest="pdca_command", metavar=msg("操作", "ACTION"), required=True)

    p = sub.add_parser("list", help=msg("列出改进项目及其进展", "list projects and their progress"))
    p.add_argument("--json", action="store_true", help=msg("以 JSON 输出", "print JSON"))
    add_db_option(p)
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("show", help=msg("查看一个改进项目（可打印持续改进案例 PDF）", "show one project (or print its case)"))
    p.add_argument("id", metavar="ID", help=msg("项目编号（pdca list 显示的前 8 位即可）", "project id (the first 8 characters do)"))
    p.add_argument("--json", action="store_true", help=msg("以 JSON 输出", "print JSON"))
    p.add_argument("--pdf", metavar="OUT.pdf", help=msg("输出持续改进案例 PDF", "write the case write-up as PDF"))
    add_db_option(p)
    p.set_defaults(handler=cmd_show)


def _print_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def find_by_prefix(session, model, text: str, what: str):
    """The live record whose id is `text` or starts with it (at least 4 hex digits), or a clear error."""
    from qmsdesk.db.queries import live
    from qmsdesk.errors import NotFoundError, ValidationError

    key = text.strip().lower()
    try:
        whole = uuid.UUID(key)
    except ValueError:
        whole = None  # not a whole id: a prefix, looked up below
    if whole is not None:
        record = session.scalars(live(model).where(model.id == whole)).first()
        if record is None:
            raise NotFoundError(msg("没有编号为 {i} 的{w}。", "No {w} has the id {i}.", i=text, w=what))
        return record
    if len(key) < 4 or any(ch not in "0123456789abcdef-" for ch in key):
        raise ValidationError(msg("编号“{i}”无效：请给出完整编号或其前 8 位。", "Id '{i}' is not valid: give the id or its "
                                  "first 8 characters.", i=text), "id")
    found = [r for r in session.scalars(live(model)) if str(r.id).startswith(key)]
    if len(found) != 1:
        raise NotFoundError(msg("没有编号以 {i} 开头的{w}。", "No {w} id starts with {i}.", i=text, w=what) if not found
                            else msg("有多条{w}的编号以 {i} 开头，请多给几位。", "Several {w} ids start with {i}; give more.",
                                     i=text, w=what))
    return found[0]


def _num(x):
    if x is None:
        return None
    return int(x) if float(x).is_integer() else round(x, 4)


def case_json(case) -> dict:
    """A project for `pdca show --json` (keys documented in the README)."""
    indicators = []
    by_code = {s.code: s for s in case.comparisons}
    for ind in case.indicators:
        spec = by_code.get(ind.code)
        indicators.append({
            "code": ind.code, "name": ind.name, "unit": ind.unit, "direction": ind.direction, "target": _num(ind.target),
            "baseline": _num(ind.baseline),
            "before": {"value": _num(spec.before.value), "median": _num(spec.before.median),
                       "months": spec.before.months_with_data} if spec else None,
            "after": {"value": _num(spec.after.value), "median": _num(spec.after.median),
                      "months": spec.after.months_with_data} if spec else None,
            "improved": spec.improved if spec else None, "target_met": spec.target_met if spec else None,
            "shift_run": spec.shift_run if spec else None, "verdict": spec.verdict() if spec else None})
    return {
        "id": case.id, "title": case.title, "reason": case.reason, "stage": case.stage, "stage_label": case.stage_label,
        "started_on": case.started_on.isoformat(), "closed_on": case.closed_on.isoformat() if case.closed_on else None,
        "leader": case.leader, "team": case.team,
        "baseline": {"start": case.baseline_start, "end": case.baseline_end}, "change_period": case.change_period,
        "current_state": case.current_state, "analysis_source": case.analysis_source,
        "pareto": [{"category": b.category, "count": b.count, "cumulative_percent": round(b.cumulative_percent, 1),
                    "vital": b.vital} for b in (case.pareto.bars if case.pareto else ())],
        "causes": [{"category": c.category, "description": c.description, "key_cause": c.key_cause,
                    "verification": c.verification} for c in case.causes],
        "countermeasures": [{"what": c.what, "why": c.why, "where": c.where, "how": c.how, "who": c.who,
                             "when": c.when.isoformat() if c.when else None, "status": c.status,
                             "ledger_item_id": c.item_id, "closed_on": c.closed_on.isoformat() if c.closed_on else None}
                            for c in case.countermeasures],
        "log": [{"date": e.date.isoformat(), "stage": e.stage, "note": e.note} for e in case.log],
        "indicators": indicators, "check_summary": case.check_summary, "standardization": case.standardization,
        "next_cycle": case.next_cycle, "next_stage": case.next_stage, "next_gaps": list(case.next_gaps),
    }


def cmd_list(args: argparse.Namespace) -> int:
    from qmsdesk.analytics.pdca_case import project_rows
    from qmsdesk.cli import open_db

    db = open_db(args)
    try:
        with db.session() as s:
            rows = project_rows(s)
            if args.json:
                _print_json([{"id": r.id, "title": r.title, "stage": r.stage, "stage_label": r.stage_label,
                              "started_on": r.started_on.isoformat(),
                              "closed_on": r.closed_on.isoformat() if r.closed_on else None, "leader": r.leader,
                              "progress": r.progress} for r in rows])
                return 0
            if not rows:
                print(msg("还没有持续改进项目。", "No improvement projects yet."))
            for r in rows:
                print(f"{r.id[:8]}  {r.started_on.isoformat()}  {r.title}\n          {r.progress}")
    finally:
        db.close()
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from qmsdesk.analytics.pdca_case import project_case
    from qmsdesk.cli import open_db
    from qmsdesk.db import models as m

    db = open_db(args)
    try:
        with db.session() as s:
            project = find_by_prefix(s, m.PdcaProject, args.id, msg("改进项目", "project"))
            case = project_case(s, project.id)
            if args.pdf:
                from qmsdesk.reports.pdca_pdf import write_case_pdf

                path = write_case_pdf(s, project.id, Path(args.pdf))
                print(msg("已输出持续改进案例：{p}", "Case write-up written: {p}", p=path), file=sys.stderr)
            if args.json:
                _print_json(case_json(case))
            elif not args.pdf:
                _print_text(case)
    finally:
        db.close()
    return 0


def _print_text(case) -> None:
    print(f"{case.title}（{case.stage_label}）")
    print(msg("选题理由：{r}", "Why: {r}", r=case.reason))
    for spec in case.comparisons:
        print(f"  {spec.name}：{spec.verdict()}")
    for c in case.countermeasures:
        print(f"  {msg('对策', 'countermeasure')}：{c.what}（{c.who}，{c.when}，{c.status_label}）")
    if case.next_gaps:
        print(msg("进入下一阶段还需要：{g}", "Before the next stage: {g}", g="；".join(case.next_gaps)))
