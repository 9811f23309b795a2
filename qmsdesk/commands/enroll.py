"""`qmsdesk enroll FILE`: import the quality office's enrollment file and make this unit's key pair."""

from __future__ import annotations

import argparse
import getpass
import sys

from qmsdesk.errors import QmsError
from qmsdesk.i18n import msg


def register(subparsers) -> None:
    from qmsdesk.cli import add_db_option

    p = subparsers.add_parser(
        "enroll", help=msg("导入质控办发放的登记文件，生成本科室密钥", "import the office's enrollment file and make the unit key"),
        description=msg(
            "校验登记文件的质控办签名，写入医院和科室编码、质控办公钥、收件文件夹/接收地址和上报截止日，并生成本科室的签名密钥"
            "（保存在系统钥匙串；没有可用钥匙串时保存在口令保护的密钥文件中）。请把显示的质控办指纹与质控办公布的核对。",
            "Checks the office signature of the enrollment file, stores the hospital and department codes, the office's "
            "public keys, the inbox/receiver and the deadline day, and makes this unit's signing key (in the system "
            "keyring, or a passphrase-protected key file when there is none). Compare the office fingerprint shown "
            "with the one the office published."),
        epilog=msg("无系统钥匙串时，密钥文件口令可用环境变量 QMSDESK_KEY_PASSPHRASE 提供。",
                   "Without a system keyring the key file passphrase can be given in QMSDESK_KEY_PASSPHRASE."),
    )
    p.add_argument("file", nargs="?", metavar=msg("登记文件", "FILE"))
    p.add_argument("--public-key", action="store_true",
                   help=msg("只显示本科室公钥及指纹（不导入）", "only show this unit's public key and fingerprint"))
    p.add_argument("--new-key", action="store_true",
                   help=msg("生成新的密钥对替换旧的（质控办需重新确认）", "replace the key pair (the office must confirm it again)"))
    add_db_option(p)
    p.set_defaults(handler=enroll_command)


def cli_key_store():
    """The key store; without a safe keyring, ask for the key file passphrase when a person is at the terminal."""
    from qmsdesk.sync.keys import PassphraseRequired, open_key_store

    try:
        return open_key_store()
    except PassphraseRequired as exc:
        if not sys.stdin.isatty():
            raise
        print(str(exc), file=sys.stderr)
        first = getpass.getpass(msg("口令：", "Passphrase: "))
        if exc.creating and getpass.getpass(msg("再次输入口令：", "Passphrase again: ")) != first:
            raise QmsError(msg("两次输入的口令不一致。", "The two passphrases differ.")) from None
        return open_key_store(passphrase=first)


def enroll_command(args: argparse.Namespace) -> int:
    from qmsdesk.sync import keys
    from qmsdesk.sync.enrollment import enroll, require_enrollment

    if args.public_key:
        enrollment = require_enrollment()
        export = keys.public_export(keys.load_unit_key(cli_key_store(), enrollment.hospital_code,
                                                       enrollment.department_code))
        print(msg("本科室公钥：{k}", "Unit public key: {k}", k=export.key_b64))
        print(msg("指纹：{f}", "Fingerprint: {f}", f=export.fingerprint))
        return 0
    if not args.file:
        raise QmsError(msg("请给出登记文件，例如：qmsdesk enroll 登记文件.json", "Give the enrollment file: qmsdesk enroll FILE"))
    from qmsdesk.cli import open_db

    store = cli_key_store()
    db = open_db(args)
    try:
        with db.session() as s:
            result = enroll(s, args.file, store=store, replace_key=args.new_key)
    finally:
        db.close()
    e = result.enrollment
    print(msg("已登记：{h}（{hc}）{d}（{dc}），每月 {n} 日前上报。", "Enrolled: {h} ({hc}) {d} ({dc}); report by day {n} of "
              "each month.", h=e.hospital_name, hc=e.hospital_code, d=e.department_name, dc=e.department_code,
              n=e.deadline_day))
    print(msg("质控办签名密钥指纹：{f}（请与质控办公布的核对）", "Office signing key fingerprint: {f} (compare with the "
              "office's)", f=e.office_fingerprint))
    if e.inbox:
        print(msg("收件文件夹：{p}", "Inbox folder: {p}", p=e.inbox))
    if e.url:
        print(msg("接收地址：{u}", "Receiver URL: {u}", u=e.url))
    print(msg("本科室公钥指纹：{f}（随每个上报包发送，由质控办确认）", "Unit key fingerprint: {f} (sent with every package, "
              "confirmed by the office)", f=result.unit_public_key.fingerprint))
    print(msg("密钥保存在：{s}", "Key kept in: {s}", s=result.key_store))
    return 0
