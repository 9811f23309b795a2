"""`qmsdesk package verify|show|outbox`: check a package, show its manifest, list the outbox."""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from qmsdesk.i18n import msg

EXIT_REFUSED = 1


def register(subparsers) -> None:
    p = subparsers.add_parser("package", help=msg("检查、查看上报包；查看发件箱", "check or show a package; list the outbox"))
    sub = p.add_subparsers(dest="package_command", metavar=msg("操作", "ACTION"), required=True)

    v = sub.add_parser("verify", help=msg("校验上报包的完整性和签名（完好时退出码为 0）", "check hashes and signature (exit 0 only when intact)"))
    v.add_argument("file", metavar=msg("上报包", "FILE"))
    v.add_argument("--unit-key", metavar="BASE64",
                   help=msg("要求由这把单位公钥签名（质控办已确认的公钥）", "require this unit public key (the one the office confirmed)"))
    v.set_defaults(handler=verify_command)

    s = sub.add_parser("show", help=msg("显示清单和记录数（只有用质控办密钥才能解密内容）",
                                        "show the manifest and counts (contents only with the office key)"))
    s.add_argument("file", metavar=msg("上报包", "FILE"))
    s.add_argument("--key", metavar=msg("质控办密钥文件", "OFFICE_KEYFILE"),
                   help=msg("口令保护的质控办密钥文件，用于解密（口令可用 QMSDESK_KEY_PASSPHRASE 提供）",
                            "passphrase-protected office key file to decrypt with (passphrase: QMSDESK_KEY_PASSPHRASE)"))
    s.add_argument("--json", action="store_true", help=msg("以 JSON 输出清单", "print the manifest as JSON"))
    s.set_defaults(handler=show_command)

    o = sub.add_parser("outbox", help=msg("列出发件箱中的上报包及状态", "list the packages in the outbox and their state"))
    o.set_defaults(handler=outbox_command)


def verify_command(args: argparse.Namespace) -> int:
    from qmsdesk.sync.package import PackageError, verify_package

    try:
        result = verify_package(args.file, expected_unit_key=args.unit_key)
    except PackageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REFUSED
    m = result.manifest
    print(msg("完好：{f}", "Intact: {f}", f=result.path.name))
    print(msg("单位：{h}/{d}　月份：{p}　第 {v} 版", "Unit: {h}/{d}  month: {p}  version {v}", h=m["hospital_code"],
              d=m["department_code"], p=m["period"], v=m["version"]))
    print(msg("单位密钥指纹：{k}", "Unit key fingerprint: {k}", k=result.unit_key_fingerprint))
    print(msg("加密：{e}", "Encrypted: {e}", e=msg("是", "yes") if result.encrypted else msg("否", "no")))
    print(f"SHA-256: {result.sha256}")
    return 0


def _office_key(path: str):
    from qmsdesk import config
    from qmsdesk.sync.keys import PASSPHRASE_ENV, load_office_key_file

    passphrase = config.env(config.QMSDESK_KEY_PASSPHRASE)
    if not passphrase:
        if not sys.stdin.isatty():
            from qmsdesk.errors import QmsError

            raise QmsError(msg("需要质控办密钥文件的口令：请在终端中运行，或设置环境变量 {e}。",
                               "The office key file needs its passphrase: run in a terminal or set {e}.", e=PASSPHRASE_ENV))
        passphrase = getpass.getpass(msg("质控办密钥文件口令：", "Office key file passphrase: "))
    return load_office_key_file(path, passphrase).encryption


def show_command(args: argparse.Namespace) -> int:
    from qmsdesk.sync.package import read_package

    contents = read_package(args.file, _office_key(args.key) if args.key else None)
    m = contents.manifest
    if args.json:
        print(json.dumps(m, ensure_ascii=False, indent=1, sort_keys=True))
    else:
        print(msg("上报包：{f}", "Package: {f}", f=contents.verified.path.name))
        print(msg("单位：{hn}（{h}）{dn}（{d}）", "Unit: {hn} ({h}) {dn} ({d})", hn=m.get("hospital_name", ""),
                  h=m["hospital_code"], dn=m.get("department_name", ""), d=m["department_code"]))
        print(msg("月份：{p}　第 {v} 版　生成于 {c}　程序版本 {a}", "Month: {p}  version {v}  created {c}  app {a}",
                  p=m["period"], v=m["version"], c=m["created"], a=m.get("app_version", "")))
        print(msg("单位密钥指纹：{k}", "Unit key fingerprint: {k}", k=contents.verified.unit_key_fingerprint))
        enc = m.get("encryption")
        print(msg("加密给质控办密钥：{f}", "Encrypted to office key: {f}", f=enc["recipient_key_fingerprint"]) if enc
              else msg("未加密", "Not encrypted"))
        print(msg("记录数（有效/删除）：", "Records (live/deleted):"))
        for kind, n in sorted(m.get("record_counts", {}).items()):
            print(f"  {kind}: {n['live']}/{n['deleted']}")
        print(msg("成员：", "Members:"))
        for name, meta in sorted(m["members"].items()):
            print(f"  {name}  {meta['size']} B  sha256 {meta['sha256'][:16]}…")
    if contents.data is not None:
        notes = {k: v for k, v in contents.data.get("notes", {}).items() if v}
        if notes and not args.json:
            print(msg("附注：", "Notes:"))
            for key, value in sorted(notes.items()):
                print(f"  {key}: {json.dumps(value, ensure_ascii=False)}")
    elif m.get("encryption") and not args.json:
        print(msg("内容已加密，只有质控办密钥能打开（--key 质控办密钥文件）。",
                  "The contents are encrypted; only the office key opens them (--key OFFICE_KEYFILE)."))
    return 0


def outbox_command(args: argparse.Namespace) -> int:
    from qmsdesk.sync.outbox import Outbox

    outbox = Outbox()
    entries = outbox.entries()
    if not entries:
        print(msg("发件箱为空：{d}", "The outbox is empty: {d}", d=outbox.root))
        return 0
    for e in entries:
        line = f"{e.period}  v{e.version}  {e.state_label}  {e.name}"
        if e.last_error:
            line += "  " + msg("（上次发送失败：{x}）", "(last send failed: {x})", x=e.last_error)
        if e.comments:
            line += "  " + msg("意见：{c}", "comments: {c}", c=e.comments)
        print(line)
    return 0
