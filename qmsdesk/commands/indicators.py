"""`qmsdesk indicators …`: list the catalogue, import figures, write the template, print SPC charts and warnings."""

from __future__ import annotations

import argparse
import json
import sys

from qmsdesk.i18n import msg


def register(subparsers) -> None:
    from qmsdesk.cli import add_db_option

    parser = subparsers.add_parser("indicators", help=msg("质量指标：目录、导入、模板、控制图", "quality indicators"))
    add_db_option(parser)
    sub = parser.add_subparsers(dest="indicators_command", metavar=msg("操作", "ACTION"), required=True)

    p = sub.add_parser("list", help=msg("列出指标", "list indicators"))
    p.add_argument("--applicable", action="store_true", help=msg("只列出本科室适用的指标", "only those that apply here"))
    p.add_argument("--json", action="store_true", help=msg("以 JSON 输出", "print JSON"))
    add_db_option(p)
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("install", help=msg("安装或更新国家指标目录", "install or update the national catalogue"))
    p.add_argument("--department-type", metavar="TYPE",
                   help=msg("按此科室类型标记适用指标（默认：本单位的科室类型）", "mark indicators of this department type applicable (default: the unit's)"))
    add_db_option(p)
    p.set_defaults(handler=cmd_install)

    p = sub.add_parser("import", help=msg("从 .xlsx 或 .csv 导入指标数据（全部通过才写入）", "import figures from .xlsx/.csv (all or nothing)"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help=msg("只检查，不写入", "check only, write nothing"))
    add_db_option(p)
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("template", help=msg("生成导入模板（.xlsx）", "write the import template (.xlsx)"))
    p.add_argument("out", metavar="OUT.xlsx")
    p.add_argument("--period", metavar="YYYY-MM", help=msg("模板中的月份（默认上个月）", "month in the template (default: last month)"))
    add_db_option(p)
    p.set_defaults(handler=cmd_template)

    p = sub.add_parser("spc", help=msg("指标的运行图或控制图", "run or control chart of an indicator"))
    p.add_argument("code", metavar="CODE")
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM")
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM")
    p.add_argument("--chart", choices=["run", "p", "u", "g", "t"], help=msg(
        "图形（默认按指标类型；罕见事件——每月预期不足 2 例——默认 g 图或 t 图）：g 为两次事件间的分母量（床日、置管日），"
        "控制限按 Benneyan 3σ（ḡ + 3·√(ḡ(ḡ+1))）；t 为两次事件间的天数，取 1/3.6 次方后按单值图计算",
        "chart type (default by kind; rare events — under 2 expected a month — get a g or t chart): g plots the "
        "denominator (patient-days, device-days) between events with Benneyan's 3-sigma limits ḡ + 3·√(ḡ(ḡ+1)); "
        "t plots days between events, transformed by the power 1/3.6 for an individuals chart"))
    p.add_argument("--laney", action="store_true", help=msg("使用 Laney p′/u′ 修正", "use Laney's p′/u′ correction"))
    p.add_argument("--json", action="store_true", help=msg("以 JSON 输出", "print JSON"))
    p.add_argument("--pdf", metavar="OUT.pdf", help=msg("同时输出 PDF 图表", "also write the chart as a PDF"))
    add_db_option(p)
    p.set_defaults(handler=cmd_spc)

    p = sub.add_parser("warnings", help=msg("某月的指标预警（未达标或控制图信号）", "a month's indicator warnings"))
    p.add_argument("--period", required=True, metavar="YYYY-MM")
    p.add_argument("--json", action="store_true", help=msg("以 JSON 输出", "print JSON"))
    add_db_option(p)
    p.set_defaults(handler=cmd_warnings)

    p = sub.add_parser("pareto", help=msg("问题类别排列图（帕累托图）", "Pareto chart of problems by category"))
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM")
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM")
    p.add_argument("--source", action="append", choices=["inspection", "event", "ledger"],
                   help=msg("问题来源（可重复，默认全部）", "problem source (repeatable; default all)"))
    p.add_argument("--json", action="store_true", help=msg("以 JSON 输出", "print JSON"))
    p.add_argument("--pdf", metavar="OUT.pdf", help=msg("同时输出 PDF 图表", "also write the chart as a PDF"))
    add_db_option(p)
    p.set_defaults(handler=cmd_pareto)


def _open(args: argparse.Namespace):
    from qmsdesk.cli import open_db

    return open_db(args)


def _print_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def cmd_list(args: argparse.Namespace) -> int:
    from qmsdesk.analytics.rates import format_value
    from qmsdesk.db.enums import IndicatorKind
    from qmsdesk.services.indicators import list_indicators

    db = _open(args)
    try:
        with db.session() as s:
            rows = list_indicators(s, applicable_only=args.applicable)
            if args.json:
                _print_json([{"code": d.code, "name": d.name_zh, "kind": d.kind, "multiplier": d.multiplier,
                              "unit": d.unit, "direction": d.direction, "target": d.target, "warning": d.warning,
                              "applicable": d.applicable, "custom": d.custom} for d in rows])
                return 0
            if not rows:
                print(msg("没有指标。可用 qmsdesk indicators install 安装国家指标目录。",
                          "No indicators. 'qmsdesk indicators install' installs the national catalogue."))
                return 0
            for d in rows:
                cmp = "≤" if d.direction == "lower" else "≥"
                target = f"{cmp}{format_value(d.target, d.unit or '')}" if d.target is not None else "—"
                mark = "✓" if d.applicable else " "
                print(f"{mark} {d.code:<18} {d.name_zh}  [{IndicatorKind(d.kind).label}，{msg('目标', 'target')} {target}]")
            print(msg("共 {n} 项（✓ 本科室适用）。", "{n} indicators (✓ applies here).", n=len(rows)))
    finally:
        db.close()
    return 0


def cmd_install(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from qmsdesk.db import models as m
    from qmsdesk.errors import ValidationError
    from qmsdesk.services.catalogue import install_catalogue, read_catalogue

    catalogue = read_catalogue()
    db = _open(args)
    try:
        with db.session() as s:
            dept_type = args.department_type
            if not dept_type:
                unit = s.scalars(select(m.Unit).where(m.Unit.deleted.is_(False))).first()
                if unit is None:
                    raise ValidationError(msg("尚未设置本单位，请用 --department-type 指定科室类型。",
                                              "The unit is not set up yet; give --department-type."), "department_type")
                dept_type = unit.department_type
            installed = install_catalogue(s, dept_type, list(catalogue.entries))
            applicable = sum(1 for d in installed if d.applicable)
            print(msg("已安装指标目录 {v}：{n} 项，本科室适用 {a} 项。", "Installed catalogue {v}: {n} indicators, {a} apply here.",
                      v=catalogue.version, n=len(installed), a=applicable))
    finally:
        db.close()
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from qmsdesk.services.indicator_import import import_values

    db = _open(args)
    try:
        with db.session() as s:
            result = import_values(s, args.file, dry_run=args.dry_run)
        print(result.summary())
    finally:
        db.close()
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from qmsdesk.services.indicator_import import write_template

    db = _open(args)
    try:
        with db.session() as s:
            path = write_template(args.out, s, args.period)
        print(msg("已生成导入模板：{p}", "Template written: {p}", p=path))
    finally:
        db.close()
    return 0


def cmd_spc(args: argparse.Namespace) -> int:
    from qmsdesk.analytics.charts import indicator_chart

    db = _open(args)
    try:
        with db.session() as s:
            from qmsdesk.reports.masking import patient_masker

            spec = patient_masker(s).deep(indicator_chart(s, args.code, args.start, args.end, args.chart, args.laney))
    finally:
        db.close()
    if args.pdf:
        from qmsdesk.reports.chart_pdf import write_chart_pdf

        write_chart_pdf(args.pdf, [spec])
    if args.json:
        _print_json(spec.to_json())
        return 0
    print(spec.title)
    print(spec.subtitle)
    if spec.is_gap_chart:
        _print_gaps(spec)
        return 0
    for p in spec.points:
        limits = f"[{spec.fmt(p.lcl)}, {spec.fmt(p.ucl)}]" if spec.has_limits else ""
        flag = p.signal_text if p.signal else ""
        miss = msg("未达标", "off target") if p.target_met is False else ""
        print(f"  {p.period}  {spec.fmt(p.value):>12}  {limits:<24} {miss} {flag}".rstrip())
    r = spec.runs
    print(msg("最长游程 {l}（上限 {lm}），穿越中心线 {c} 次（下限 {cm}）", "longest run {l} (limit {lm}), crossings {c} (minimum {cm})",
              l=r.longest_run, lm=r.longest_run_max, c=r.crossings, cm=r.crossings_min))
    for signal in spec.signals:
        print("  ! " + signal.text)
    if args.pdf:
        print(msg("已输出 PDF：{p}", "PDF written: {p}", p=args.pdf))
    return 0


def _print_gaps(spec) -> None:
    """A g/t chart as text: each gap between events, the limits, and what the notes say."""
    for p in spec.points:
        first, last = p.events
        if p.open_gap:
            what = msg("第 {a} 例后至今", "since event {a}", a=first)
        elif first == 0:
            what = msg("起点至第 1 例", "start to event 1")
        else:
            what = msg("第 {a}–{b} 例", "events {a}–{b}", a=first, b=last)
        limits = f"[{spec.fmt(p.lcl)}, {spec.fmt(p.ucl)}]" if p.ucl is not None else ""
        print(f"  {p.period}  {what:<12} {spec.fmt(p.value):>12}  {limits:<24} {p.signal_text}".rstrip())
    for note in spec.notes():
        print("  · " + note)


def cmd_warnings(args: argparse.Namespace) -> int:
    from qmsdesk.analytics.rates import format_value
    from qmsdesk.analytics.warnings import month_warnings

    db = _open(args)
    try:
        with db.session() as s:
            warnings = month_warnings(s, args.period)
    finally:
        db.close()
    if args.json:
        _print_json([{"code": w.code, "name": w.name, "period": w.period, "value": w.value, "unit": w.unit,
                      "kinds": list(w.kinds), "reason": w.reason, "indicator_value_id": str(w.indicator_value_id)}
                     for w in warnings])
        return 0
    if not warnings:
        print(msg("{p} 没有指标预警。", "No indicator warnings for {p}.", p=args.period))
    for w in warnings:
        print(f"{w.code:<18} {w.name}  {format_value(w.value, w.unit)}  {w.reason}")
    return 0


def cmd_pareto(args: argparse.Namespace) -> int:
    from qmsdesk.analytics.pareto import PARETO_SOURCES, problem_pareto

    db = _open(args)
    try:
        with db.session() as s:
            spec = problem_pareto(s, args.start, args.end, args.source or PARETO_SOURCES)
    finally:
        db.close()
    if args.pdf:
        from qmsdesk.reports.chart_pdf import write_chart_pdf

        write_chart_pdf(args.pdf, [spec])
    if args.json:
        _print_json({"total": spec.total, "bars": [
            {"category": b.category, "count": b.count, "percent": round(b.percent, 2),
             "cumulative_percent": round(b.cumulative_percent, 2), "vital": b.vital} for b in spec.bars]})
        return 0
    print(spec.title)
    print(spec.subtitle)
    for b in spec.bars:
        star = "*" if b.vital else " "
        print(f" {star} {b.category:<16} {b.count:>4}  {b.percent:5.1f}%  {msg('累计', 'cum.')} {b.cumulative_percent:5.1f}%")
    print(msg("合计 {n} 个问题（* 为累计达 80% 的主要类别）。", "{n} problems in all (* the categories making up 80%).", n=spec.total))
    return 0
