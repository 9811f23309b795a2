"""`qmsdesk events show ID`: an adverse event with its root-cause analysis (factors, whys, lessons, actions)."""

from __future__ import annotations

import argparse
import json
import sys

from qmsdesk.i18n import msg


def register(subparsers) -> None:
    from qmsdesk.cli import add_db_option

    parser = subparsers.add_parser("events", help=msg("不良事件与根因分析", "adverse events and their analysis"))
    add_db_option(parser)
    sub = parser.add_subparsers(dest="events_command", metavar=msg("操作", "ACTION"), required=True)
    p = sub.add_parser("show", help=msg("查看一个不良事件及其根因分析", "show an event with its root-cause analysis"))
    p.add_argument("id", metavar="ID", help=msg("事件编号（前 8 位即可）", "event id (the first 8 characters do)"))
    p.add_argument("--json", action="store_true", help=msg("以 JSON 输出", "print JSON"))
    add_db_option(p)
    p.set_defaults(handler=cmd_show)


def rca_json(view, record_no: str | None) -> dict:
    """An event and its analysis for `events show --json` (keys documented in the README)."""
    from qmsdesk import clock
    from qmsdesk.reports.masking import mask_in_text, mask_record_no

    def mask(text):
        return mask_in_text(text, [record_no] if record_no else []) if text else text

    return {
        "id": view.event_id, "occurred_at": clock.local(view.occurred_at).isoformat(timespec="minutes"),
        "category": view.category, "grade": view.grade, "harm_level": view.harm_level,
        "medical_record_no": mask_record_no(record_no) or None, "description": mask(view.description),
        "rca": {
            "required": view.required, "complete": view.complete, "gaps": list(view.gaps),
            "analysed_on": view.analysed_on.isoformat() if view.analysed_on else None, "team": view.team,
            "factors": [{"code": f.code, "category": f.category, "label": f.label, "note": mask(f.note),
                         "primary": f.primary} for f in view.factors],
            "whys": [mask(w) for w in view.whys], "root_cause": mask(view.root_cause), "lessons": mask(view.lessons),
            "legacy_analysis": mask(view.legacy_analysis),
            "actions": [{"id": a.id, "problem": mask(a.problem), "measures": mask(a.measures),
                         "responsible": a.responsible, "deadline": a.deadline.isoformat(), "status": a.status}
                        for a in view.actions],
        },
    }


def cmd_show(args: argparse.Namespace) -> int:
    from qmsdesk.analytics.rca import event_rca
    from qmsdesk.cli import open_db
    from qmsdesk.commands.pdca import find_by_prefix
    from qmsdesk.db import models as m

    db = open_db(args)
    try:
        with db.session() as s:
            event = find_by_prefix(s, m.AdverseEvent, args.id, msg("不良事件", "adverse event"))
            data = rca_json(event_rca(s, event.id), event.medical_record_no)
    finally:
        db.close()
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    _print_text(data)
    return 0


def _print_text(d: dict) -> None:
    from qmsdesk.db.enums import EventCategory, EventGrade, FishboneCategory, HarmLevel

    rca = d["rca"]
    harm = HarmLevel(d["harm_level"]).label if d["harm_level"] else msg("未填写", "not given")
    print(f"{d['occurred_at']}  {EventCategory(d['category']).label}  {EventGrade(d['grade']).label}  "
          f"{msg('伤害程度', 'harm')}：{harm}")
    print(f"  {d['description']}")
    if rca["analysed_on"] is None:
        print(msg("尚未做根因分析。", "No root-cause analysis yet.") + (msg("（Ⅰ、Ⅱ级事件必须完成）", " (required for grades I–II)")
                                                                      if rca["required"] else ""))
        return
    team = f"，{rca['team']}" if rca["team"] else ""
    print(msg("根因分析（{d}{t}）", "Root-cause analysis ({d}{t})", d=rca["analysed_on"], t=team))
    for f in rca["factors"]:
        mark = msg("【主要】", "[primary] ") if f["primary"] else ""
        note = f"（{f['note']}）" if f["note"] else ""
        print(f"  {FishboneCategory(f['category']).label}：{mark}{f['label']}{note}")
    for n, why in enumerate(rca["whys"], start=1):
        print(f"  {msg('为什么', 'Why')} {n}：{why}")
    print(f"  {msg('根本原因', 'Root cause')}：{rca['root_cause'] or ''}")
    print(f"  {msg('经验教训', 'Lessons')}：{rca['lessons'] or ''}")
    for a in rca["actions"]:
        print(f"  {msg('改进措施', 'Action')}：{a['problem']}（{a['responsible'] or ''}，{a['deadline']}）")
    print(msg("分析完整。", "Complete.") if rca["complete"] else msg("尚缺：{g}", "Missing: {g}", g="、".join(rca["gaps"])))
