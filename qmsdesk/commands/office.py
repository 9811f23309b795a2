"""`qmsdesk office …`: the quality office's commands (import, status, ack, enroll, units, serve, report, demo).

`qmsdesk office` alone opens the office window (and remembers office mode for the next start).
The office store is `--db` (a file or a postgresql+psycopg:// URL; default office.db in the data folder
or QMSDESK_OFFICE_DB); the folders (inbox, archive, quarantine) are under `--dir` (default the data
folder's office/, or QMSDESK_OFFICE_DIR).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from qmsdesk import clock
from qmsdesk.i18n import msg

EXIT_REFUSED = 1
EXIT_HELD = 3


def _common(p: argparse.ArgumentParser) -> None:
    from qmsdesk.cli import add_db_option

    add_db_option(p)
    p.add_argument("--dir", metavar="DIR", default=argparse.SUPPRESS, help=msg("质控办文件夹（收件箱、归档、隔离区；默认数据文件夹下 office/）",
                                                   "office folder (inbox, archive, quarantine; default office/ in the data folder)"))


def register(subparsers) -> None:
    office = subparsers.add_parser("office", help=msg("质控办：导入各单位上报、上报情况、退回、季度报告",
                                                      "quality office: import units' submissions, completeness, returns, "
                                                      "quarterly report"),
                                   description=msg("不带子命令时打开质控办窗口。", "Opens the office window without a sub-command."))
    _common(office)
    office.set_defaults(handler=window_command)
    sub = office.add_subparsers(dest="office_command", metavar=msg("子命令", "COMMAND"))

    p = sub.add_parser("import", help=msg("导入上报包（文件或文件夹；不给路径时扫描收件箱）", "import packages (files or folders; "
                                          "the inbox when none given)"),
                       epilog=msg("退出码：0 全部导入或未变；1 有被拒绝的文件（已移入隔离区）；3 有待确认密钥的单位。",
                                  "Exit codes: 0 all imported or unchanged; 1 some refused (moved to quarantine); 3 some "
                                  "wait for key confirmation."))
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--dry-run", action="store_true", help=msg("只检查并报告，不写入、不移动文件", "check and report only"))
    p.add_argument("--details", action="store_true", help=msg("列出每类记录的数目", "list counts per record kind"))
    _common(p)
    p.set_defaults(handler=import_command)

    p = sub.add_parser("status", help=msg("上报情况：按时、迟报、退回、未报", "completeness: on time, late, returned, missing"))
    p.add_argument("--period", required=True, metavar="YYYY-MM")
    p.add_argument("--months", type=int, default=1, help=msg("向前显示的月数", "months to show, ending at --period"))
    _common(p)
    p.set_defaults(handler=status_command)

    p = sub.add_parser("ack", help=msg("接收或退回一个已导入的上报包（写回执）", "accept or return an imported package (writes a receipt)"))
    p.add_argument("file", metavar="FILE")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--accept", action="store_true", help=msg("接收", "accept"))
    how.add_argument("--return", dest="return_comments", metavar=msg("意见", "COMMENTS"), help=msg("退回并写明原因", "return, with the reason"))
    _common(p)
    p.set_defaults(handler=ack_command)

    p = sub.add_parser("enroll", help=msg("登记单位并生成登记文件", "register a unit and write its enrollment file"))
    p.add_argument("--hospital", required=True, metavar="CODE")
    p.add_argument("--hospital-name", required=True)
    p.add_argument("--department", required=True, metavar="CODE")
    p.add_argument("--department-name", required=True)
    p.add_argument("--type", default="inpatient_medical", help=msg("科室类型代码", "department type code"))
    p.add_argument("--deadline-day", type=int, default=5)
    p.add_argument("--inbox", metavar="DIR", help=msg("该单位的收件文件夹（默认收件箱下的单位文件夹）", "the unit's inbox folder"))
    p.add_argument("--url", metavar="URL", help=msg("接收地址，例如 https://qc.example/qms", "receiver URL"))
    p.add_argument("--office-name", default="")
    p.add_argument("--out", required=True, metavar="FILE")
    _common(p)
    p.set_defaults(handler=enroll_command)

    p = sub.add_parser("units", help=msg("列出单位及其密钥状态", "list units and their key status"))
    _common(p)
    p.set_defaults(handler=units_command)

    p = sub.add_parser("confirm-key", help=msg("核对指纹后确认单位的新密钥", "confirm a unit's pending key after checking it"))
    p.add_argument("--hospital", required=True)
    p.add_argument("--department", required=True)
    p.add_argument("--fingerprint", required=True, help=msg("科室报出的指纹", "the fingerprint the unit read out"))
    _common(p)
    p.set_defaults(handler=confirm_command)

    p = sub.add_parser("serve", help=msg("启动 HTTP 接收端", "run the HTTP receiver"))
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--max-mb", type=int, default=256, help=msg("单个上报包大小上限（MB）", "size limit per package (MB)"))
    p.add_argument("--timeout", type=float, default=30.0, metavar=msg("秒", "SECONDS"), help=msg(
        "连接须在这段时间内发完请求头，空闲连接在此后关闭；上传每个时段至少 1 KB/秒（默认 30）",
        "a connection must send its request headers within this time and is closed when idle this long; an upload "
        "must bring at least 1 KB/s over each such period (default 30)"))
    p.add_argument("--max-connections", type=int, metavar="N", help=msg(
        "同时接受的连接数上限（默认 200，或文件数上限允许的更小值）",
        "connections accepted at once (default 200, or fewer when the open-file limit is lower)"))
    p.add_argument("--ssl-certfile", metavar="PEM", help=msg("HTTPS 证书（见 docs/office.md）", "HTTPS certificate"))
    p.add_argument("--ssl-keyfile", metavar="PEM", help=msg("HTTPS 私钥", "HTTPS private key"))
    _common(p)
    p.set_defaults(handler=serve_command)

    p = sub.add_parser("report", help=msg("季度质控报告（PDF 与 XLSX）", "quarterly report (PDF and XLSX)"))
    p.add_argument("--quarter", required=True, metavar="YYYYQn")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--office-name", default="", help=msg("报告署名，例如“某县医共体质控办”", "the office's name on the report"))
    _common(p)
    p.set_defaults(handler=report_command)

    p = sub.add_parser("demo", help=msg("生成一个医共体各单位的演示上报包", "generate demo packages of a county medical community"),
                       description=msg("第 1 家为县人民医院（各类科室），其余为乡镇卫生院（全科、内科、外科、妇产科、公共卫生科）；"
                                       "每个单位有自己的一年：有的达标有的不达标，有的迟报，偶有漏报。",
                                       "Hospital 1 is the county hospital (departments of every type), the others township "
                                       "health centres; each unit has a year of its own: on target or not, punctual or late, "
                                       "now and then a month missing."))
    p.add_argument("--units", type=int, default=6, help=msg("医院数：县人民医院 + 乡镇卫生院（默认 6）",
                                                             "hospitals: the county hospital + township centres (default 6)"))
    p.add_argument("--departments", type=int, default=12, help=msg("每家医院最多的科室数（默认 12）",
                                                                   "most departments per hospital (default 12)"))
    p.add_argument("--months", type=int, default=12, help=msg("月数（默认 12，截至 --until）", "months (default 12, ending at --until)"))
    p.add_argument("--until", metavar="YYYY-MM", type=_month,
                   help=msg("最后一个月（默认：今天之前最后一个完整月份）", "the last month (default: the last complete month before today)"))
    p.add_argument("--seed", type=int, default=7, metavar="N", help=msg("随机种子（相同种子生成相同数据）", "random seed (the same seed writes the same data)"))
    p.add_argument("--layout", choices=("county", "province"), default="county",
                   help=msg("county：一个医共体（默认）；province：全省各县医院（约 150 家 × 30 个科室）",
                            "county: one medical community (default); province: a province's county hospitals"))
    p.add_argument("--out", metavar="DIR", help=msg("上报包写入的收件箱文件夹", "inbox folder for the packages"))
    p.add_argument("--import", dest="do_import", action="store_true", help=msg("生成后登记单位并导入", "register the units and import"))
    p.add_argument("--direct", action="store_true",
                   help=msg("不写上报包，直接把导入后的数据写入汇总库（用于全省规模的测量，见 docs/office.md）",
                            "write the rows an import leaves straight into the store, no package files (for "
                            "measuring at a province's size; see docs/office.md)"))
    _common(p)
    p.set_defaults(handler=demo_command)

    from qmsdesk.commands.office_quality import register_factor_groups

    register_factor_groups(sub, _common)


def _month(text: str):
    from qmsdesk.errors import QmsError
    from qmsdesk.periods import Period

    try:
        return Period.parse(text, "until")
    except QmsError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _store(args):
    from qmsdesk.office.store import open_office_store

    return open_office_store(getattr(args, "db", None))


def _folders(args):
    from qmsdesk.office.store import office_folders

    return office_folders(getattr(args, "dir", None))


def _keys(create: bool = True):
    from qmsdesk.commands.submit import _key_store
    from qmsdesk.office.store import office_keys

    return office_keys(_key_store(), create=create)


def window_command(args: argparse.Namespace) -> int:
    try:
        from qmsdesk.ui.office.app import run_office
    except ImportError as exc:
        print(msg("无法打开窗口：{e}。可使用 qmsdesk office import / status / report 等子命令。",
                  "Cannot open the window: {e}. Use qmsdesk office import / status / report.", e=exc), file=sys.stderr)
        return 2
    return run_office(args)


def import_command(args: argparse.Namespace) -> int:
    from qmsdesk.office.importer import import_paths

    store, folders = _store(args), _folders(args)
    try:
        summaries = import_paths(store, args.paths or [folders.inbox], keys=_keys(), folders=folders,
                                 dry_run=args.dry_run)
    finally:
        store.close()
    if not summaries:
        print(msg("没有找到上报包（*.qmspkg）。", "No packages (*.qmspkg) found."))
    for s in summaries:
        print(s.line(), file=sys.stderr if s.refused else sys.stdout)
        if args.details:
            for line in s.detail_lines():
                print(line)
    refused = sum(s.refused for s in summaries)
    held = sum(s.outcome == "held" for s in summaries)
    if refused:
        print(msg("{n} 个文件被拒绝，已移入隔离区 {q}（按单位分文件夹，每个旁边有 .reason.txt 说明原因；超出限额或重复的未再保存）。",
                  "{n} file(s) refused and moved to the quarantine {q} (a folder per unit, a .reason.txt beside each; "
                  "over the quota or kept before: not stored again).",
                  n=refused, q=folders.quarantine), file=sys.stderr)
        return EXIT_REFUSED
    return EXIT_HELD if held else 0


def status_command(args: argparse.Namespace) -> int:
    from qmsdesk.office.completeness import completeness, rate_text, reminders
    from qmsdesk.office.queries import period_list
    from qmsdesk.periods import Period

    end = Period.parse(args.period)
    start = end
    for _ in range(max(args.months, 1) - 1):
        start = start.previous()
    periods = period_list(start, end)
    store = _store(args)
    try:
        with store.session() as s:
            table = completeness(s, periods, clock.today())
            if not table.units:
                print(msg("尚未登记任何单位（qmsdesk office enroll）。", "No units registered yet (qmsdesk office enroll)."))
                return 0
            width = max(_width(u.label) for u in table.units) + 2
            print(_pad(msg("单位", "Unit"), width) + "".join(_pad(p, 16) for p in periods))
            for u in table.units:
                print(_pad(u.label, width) + "".join(_pad(table.cell(u.id, p).text, 16) for p in periods))
            for p in periods:
                r = table.month_rate(p)
                print(msg("{p}：上报率 {c}（{n}/{e}），及时率 {t}", "{p}: completeness {c} ({n}/{e}), on time {t}", p=p,
                          c=rate_text(r.completeness), n=r.reported, e=r.expected, t=rate_text(r.timeliness)))
            owing = reminders(s, str(end), clock.today())
            if owing:
                print(msg("{p} 尚需提醒的单位：", "Units to remind for {p}:", p=end))
                for unit, cell in owing:
                    print(f"  {unit.label}（{cell.text}）")
    finally:
        store.close()
    return 0


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    """Pad to a terminal width, counting a Chinese character as two columns."""
    return text + " " * max(width - _width(text), 1)


def ack_command(args: argparse.Namespace) -> int:
    from qmsdesk.office.acks import acknowledge, package_for_file

    store, folders = _store(args), _folders(args)
    keys = _keys(create=False)
    try:
        with store.session() as s:
            pkg = package_for_file(s, args.file)
            status = "accepted" if args.accept else "returned"
            result = acknowledge(s, pkg, status, args.return_comments or "", keys=keys, folders=folders)
    finally:
        store.close()
    print(result.message)
    return 0


def enroll_command(args: argparse.Namespace) -> int:
    from qmsdesk.office.units import issue_enrollment, register_unit

    store, folders = _store(args), _folders(args)
    keys = _keys()
    try:
        with store.session() as s:
            unit = register_unit(s, hospital_code=args.hospital, hospital_name=args.hospital_name,
                                 department_code=args.department, department_name=args.department_name,
                                 department_type=args.type, deadline_day=args.deadline_day)
            inbox = args.inbox or (None if args.url else str(folders.unit_inbox(unit.folder_name)))
            if inbox and not args.inbox:
                folders.unit_inbox(unit.folder_name).mkdir(parents=True, exist_ok=True)
            issued = issue_enrollment(s, unit, keys, Path(args.out), inbox=inbox, url=args.url,
                                      office_name=args.office_name)
    finally:
        store.close()
    print(msg("已登记 {u}，登记文件：{f}", "Enrolled {u}; enrollment file: {f}", u=issued.unit.label, f=issued.path))
    print(msg("质控办公钥指纹：{f}（请告知科室，用于核对）", "Office key fingerprint: {f} (tell the unit, to check it)",
              f=keys.signing_public.fingerprint))
    return 0


def units_command(args: argparse.Namespace) -> int:
    from qmsdesk.office.units import list_units

    store = _store(args)
    try:
        with store.session() as s:
            for u in list_units(s):
                if u.key_fingerprint and u.pending_fingerprint:
                    key = msg("新密钥待确认 {n}（已确认的旧密钥 {f}）", "new key pending {n} (confirmed key {f})",
                              n=u.pending_fingerprint, f=u.key_fingerprint)
                elif u.key_fingerprint:
                    key = msg("密钥已确认 {f}", "key confirmed {f}", f=u.key_fingerprint)
                elif u.pending_fingerprint:
                    key = msg("待确认密钥 {f}", "key pending {f}", f=u.pending_fingerprint)
                else:
                    key = msg("尚未收到上报包", "no package yet")
                print(f"{u.hospital_code}/{u.department_code}  {u.label}  {key}")
    finally:
        store.close()
    return 0


def confirm_command(args: argparse.Namespace) -> int:
    from qmsdesk.errors import NotFoundError
    from qmsdesk.office.units import confirm_key, find_unit

    store = _store(args)
    try:
        with store.session() as s:
            unit = find_unit(s, args.hospital, args.department)
            if unit is None:
                raise NotFoundError(msg("单位 {h}/{d} 未登记。", "Unit {h}/{d} is not registered.", h=args.hospital,
                                        d=args.department))
            old = unit.key_fingerprint
            confirm_key(s, unit, args.fingerprint)
            print(msg("已确认 {u} 的密钥 {f}。之后只接受该密钥签名的上报包；收件箱中待处理的包可重新导入。",
                      "Confirmed the key {f} of {u}. Only packages signed by it are accepted now; import the waiting "
                      "packages again.", u=unit.label, f=unit.key_fingerprint))
            if old:
                print(msg("旧密钥 {o} 已停用：它在此之前签名的上报包仍然有效。", "The old key {o} is retired: packages it "
                          "signed before now stay valid.", o=old))
    finally:
        store.close()
    return 0


def serve_command(args: argparse.Namespace) -> int:
    from qmsdesk.office.server import serve

    return serve(db=getattr(args, "db", None), folder=getattr(args, "dir", None), host=args.host, port=args.port,
                 max_bytes=args.max_mb * 1024 * 1024, keys=_keys(), ssl_certfile=args.ssl_certfile,
                 ssl_keyfile=args.ssl_keyfile, timeout=max(args.timeout, 0.5), max_connections=args.max_connections)


def _judging(done: int, total: int) -> None:
    print(msg("正在判读各单位的指标：{d}/{t}", "Judging the units' indicators: {d}/{t}", d=done, t=total), file=sys.stderr)


def report_command(args: argparse.Namespace) -> int:
    from qmsdesk.office.quarterly import write_quarterly_report

    store = _store(args)
    try:
        result = write_quarterly_report(store, args.quarter, Path(args.out), office_name=args.office_name,
                                        today=clock.today(), progress=_judging)
    finally:
        store.close()
    print(msg("季度报告已写出：{p}", "Quarterly report written: {p}", p=result.pdf))
    print(msg("数据表：{x}", "Workbook: {x}", x=result.xlsx))
    return 0


def _direct_demo(args: argparse.Namespace) -> int:
    from qmsdesk.office.demo_store import fill_province_store

    store = _store(args)
    try:
        result = fill_province_store(store, hospitals=args.units, departments=args.departments, months=args.months,
                                     seed=args.seed, until=args.until, layout=args.layout,
                                     progress=lambda text: print(text, file=sys.stderr))
    finally:
        store.close()
    print(msg("已写入 {u} 个单位、{n} 个上报包的数据（{a} 至 {b}）：{d}", "Wrote {n} packages of {u} units ({a} to {b}) "
              "into {d}", u=result.units, n=result.packages, a=result.first, b=result.last, d=store.display))
    return 0


def demo_command(args: argparse.Namespace) -> int:
    from qmsdesk.errors import QmsError
    from qmsdesk.office.demo import generate_office_demo

    if args.direct:
        return _direct_demo(args)
    if not args.out:
        raise QmsError(msg("请用 --out 指定上报包写入的文件夹（或用 --direct 直接写入汇总库）。",
                           "Give --out, the folder for the packages (or --direct to write into the store)."))
    store = _store(args) if args.do_import else None
    folders = _folders(args)
    try:
        result = generate_office_demo(Path(args.out), hospitals=args.units, departments=args.departments,
                                      months=args.months, keys=_keys(), store=store, seed=args.seed, until=args.until,
                                      layout=args.layout,
                                      progress=lambda text: print(text, file=sys.stderr))
        print(msg("已生成 {u} 个单位、{n} 个上报包（{a} 至 {b}）：{d}", "Generated {n} packages of {u} units ({a} to {b}) in {d}",
                  u=result.units, n=result.packages, a=result.first, b=result.last, d=args.out))
        if store is not None:
            from qmsdesk.office.importer import import_paths

            summaries = import_paths(store, [Path(args.out)], keys=_keys(), folders=folders)
            print(msg("已导入 {a} 个，拒绝 {r} 个。", "Imported {a}, refused {r}.",
                      a=sum(s.outcome == "applied" for s in summaries), r=sum(s.refused for s in summaries)))
    finally:
        if store is not None:
            store.close()
    return 0
