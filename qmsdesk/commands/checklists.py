"""`qmsdesk checklists …` (the scored checklist templates) and `qmsdesk inspections list` (scores computed)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from qmsdesk.i18n import msg


def register(subparsers) -> None:
    from qmsdesk.cli import add_db_option

    parser = subparsers.add_parser("checklists", help=msg("检查评分表：列出、查看、导入、导出", "scored checklists"))
    add_db_option(parser)
    sub = parser.add_subparsers(dest="checklists_command", metavar=msg("操作", "ACTION"), required=True)

    p = sub.add_parser("list", help=msg("列出检查评分表（默认只列当前使用的版本）", "list checklists (the active versions)"))
    p.add_argument("--all", action="store_true", help=msg("列出所有版本", "every version"))
    p.add_argument("--json", action="store_true", help=msg("以 JSON 输出", "print JSON"))
    add_db_option(p)
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("show", help=msg("查看一张检查评分表的全部项目", "show a checklist's items"))
    p.add_argument("code", metavar="CODE")
    p.add_argument("--version", dest="template_version", metavar="VERSION", help=msg("版本（默认当前版本）", "version"))
    p.add_argument("--json", action="store_true", help=msg("以 JSON 输出", "print JSON"))
    add_db_option(p)
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("install", help=msg("安装程序自带的检查评分表（已有的版本不变）", "install the shipped checklists"))
    add_db_option(p)
    p.set_defaults(handler=cmd_install)

    p = sub.add_parser("import", help=msg("导入检查评分表文件（.toml），作为新版本启用", "import a checklist file as a new version"))
    p.add_argument("file", metavar="FILE.toml")
    add_db_option(p)
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("export", help=msg("把检查评分表导出为 .toml 文件（可修改后再导入）", "export a checklist as .toml"))
    p.add_argument("code", metavar="CODE")
    p.add_argument("out", metavar="OUT.toml")
    p.add_argument("--version", dest="template_version", metavar="VERSION", help=msg("版本（默认当前版本）", "version"))
    add_db_option(p)
    p.set_defaults(handler=cmd_export)

    parser = subparsers.add_parser("inspections", help=msg("检查督查：逐项评分与计算得分", "inspections and their scores"))
    add_db_option(parser)
    sub = parser.add_subparsers(dest="inspections_command", metavar=msg("操作", "ACTION"), required=True)
    p = sub.add_parser("list", help=msg("某月的检查及其计算得分", "a month's inspections with computed scores"))
    p.add_argument("--period", required=True, metavar="YYYY-MM")
    p.add_argument("--json", action="store_true", help=msg("以 JSON 输出（每项的标准分与扣分）", "print JSON"))
    add_db_option(p)
    p.set_defaults(handler=cmd_inspections)


def _print_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _session_run(args: argparse.Namespace, work):
    from qmsdesk.cli import open_db

    db = open_db(args)
    try:
        with db.session() as s:
            return work(s)
    finally:
        db.close()


def _num(x: float | None):
    if x is None:
        return None
    return int(x) if float(x).is_integer() else round(x, 2)


def _template_json(t, used: int) -> dict:
    return {"code": t.code, "version": t.version, "name": t.name, "category": t.category, "total": _num(t.total),
            "items": len([i for i in t.items if not i.deleted]), "active": t.active, "origin": t.origin,
            "inspections": used}


def cmd_list(args: argparse.Namespace) -> int:
    from qmsdesk.services import checklists

    def work(s) -> int:
        rows = checklists.list_templates(s, active_only=not args.all)
        if args.json:
            _print_json([_template_json(t, checklists.times_used(s, t.id)) for t in rows])
            return 0
        if not rows:
            print(msg("还没有检查评分表。运行 qmsdesk checklists install 安装程序自带的评分表。",
                      "No checklists yet. 'qmsdesk checklists install' installs the shipped ones."))
            return 0
        for t in rows:
            mark = "✓" if t.active else " "
            print(f"{mark} {t.code:<10} {t.version:<14} {t.name}  [{msg('满分', 'total')} {_num(t.total)}，"
                  f"{msg('{n} 项', '{n} items', n=len(t.items))}]")
        print(msg("共 {n} 张（✓ 当前使用的版本）。", "{n} checklists (✓ the active version).", n=len(rows)))
        return 0

    return _session_run(args, work)


def _item_json(i) -> dict:
    return {"code": i.code, "section": i.section, "text": i.text, "standard": _num(i.standard), "method": i.method,
            "sample": i.sample_size, "per": _num(i.deduct_per), "cap": _num(i.cap), "rule": i.rule}


def cmd_show(args: argparse.Namespace) -> int:
    from qmsdesk.db.enums import CheckMethod
    from qmsdesk.services import checklists

    def work(s) -> int:
        t = checklists.find_template(s, args.code, args.template_version)
        items = [i for i in t.items if not i.deleted]
        if args.json:
            _print_json(_template_json(t, checklists.times_used(s, t.id)) | {
                "sources": list(t.sources or []), "item_list": [_item_json(i) for i in items]})
            return 0
        print(f"{t.name}（{t.code} {t.version}，{msg('满分', 'total')} {_num(t.total)}）")
        section = None
        for i in items:
            if i.section != section:
                section = i.section
                print(f"\n【{section}】")
            method = CheckMethod(i.method).label + (f" {i.sample_size}" if i.sample_size else "")
            print(f"  {i.code:<8} {_num(i.standard):>3} {msg('分', 'pts')}  {i.text}")
            print(f"           {msg('方法', 'method')}：{method}；{msg('扣分', 'deduction')}：{i.rule}"
                  f"（{msg('最多扣', 'at most')} {_num(i.cap)}）")
        print("\n" + msg("出处：", "Sources: ") + "；".join(t.sources or []))
        return 0

    return _session_run(args, work)


def cmd_install(args: argparse.Namespace) -> int:
    from qmsdesk.services import checklists

    specs = checklists.shipped_templates()  # a bad shipped file stops here, before the database is touched

    def work(s) -> int:
        before = {(t.code, t.version) for t in checklists.list_templates(s, active_only=False)}
        rows = checklists.install_templates(s, specs)
        added = [t for t in rows if (t.code, t.version) not in before]
        print(msg("检查评分表：新安装 {a} 张，已有 {k} 张。", "Checklists: {a} installed, {k} already there.",
                  a=len(added), k=len(rows) - len(added)))
        return 0

    return _session_run(args, work)


def cmd_import(args: argparse.Namespace) -> int:
    from qmsdesk.services import checklists

    def work(s) -> int:
        t = checklists.import_template(s, Path(args.file))
        print(msg("已导入 {n}（{c} 版本 {v}，{k} 项），并设为当前使用的版本。",
                  "Imported {n} ({c} version {v}, {k} items) and made it the active version.",
                  n=t.name, c=t.code, v=t.version, k=len(t.items)))
        return 0

    return _session_run(args, work)


def cmd_export(args: argparse.Namespace) -> int:
    from qmsdesk.exports import save_export
    from qmsdesk.services import checklists

    def work(s) -> int:
        t = checklists.find_template(s, args.code, args.template_version)
        path = save_export(Path(args.out), checklists.export_template(t).encode("utf-8"))
        print(msg("已导出到 {p}。修改后请改用新的版本号再导入。", "Exported to {p}. Give it a new version before importing "
                  "an edited copy.", p=path))
        return 0

    return _session_run(args, work)


def inspection_json(row) -> dict:
    """One inspection for `inspections list --json` (keys documented in the README)."""
    sc = row.scored
    out = {"id": row.id, "date": row.date.isoformat(), "kind": row.kind, "inspector": row.inspector,
           "topic": row.topic, "findings": row.findings, "score": None, "max_score": None, "percent": None,
           "score_source": "none", "template": None, "items": []}
    if sc is not None:
        out.update(score=_num(round(sc.points, 2)), max_score=_num(sc.applicable_total),
                   percent=None if sc.percent is None else round(sc.percent, 1), score_source="computed",
                   template={"code": sc.template_code, "version": sc.template_version, "name": sc.template_name})
        out["items"] = [{"code": i.code, "section": i.section, "text": i.text, "standard": _num(i.standard),
                         "deduction": _num(i.deduction), "reason": i.reason, "sample_size": i.sample_size,
                         "failures": i.failures, "not_applicable": i.not_applicable, "attachment": i.attachment,
                         "ledger_item_id": i.ledger_item_id} for i in sc.items]
    elif row.typed_score is not None:
        out.update(score=_num(row.typed_score), score_source="typed")
    return out


def cmd_inspections(args: argparse.Namespace) -> int:
    from qmsdesk.analytics.inspections import inspection_rows
    from qmsdesk.periods import Period

    period = Period.parse(args.period, "period")

    def work(s) -> int:
        rows = inspection_rows(s, period=period)
        if args.json:
            _print_json([inspection_json(r) for r in rows])
            return 0
        if not rows:
            print(msg("{p} 没有检查记录。", "{p} has no inspections.", p=period.label()))
            return 0
        for r in rows:
            print(f"{r.date.isoformat()}  {r.kind_label}  {r.topic or ''}  {r.score_text or msg('未评分', 'not scored')}")
            for i in r.scored.deducted_items if r.scored else ():
                print(f"    -{_num(i.deduction)}  {i.code} {i.text}：{i.reason or ''}")
        return 0

    return _session_run(args, work)
