"""`qmsdesk receipts import DIR` / `receipts fetch`: apply the office's signed acknowledgements."""

from __future__ import annotations

import argparse

from qmsdesk.i18n import msg

EXIT_REFUSED = 1


def register(subparsers) -> None:
    from qmsdesk.cli import add_db_option

    p = subparsers.add_parser("receipts", help=msg("导入质控办回执（接收或退回）", "import the office's receipts (accepted or returned)"))
    sub = p.add_subparsers(dest="receipts_command", metavar=msg("操作", "ACTION"), required=True)
    i = sub.add_parser("import", help=msg("从文件夹导入回执并核对质控办签名", "import receipts from a folder, checking the office signature"))
    i.add_argument("folder", metavar=msg("文件夹", "DIR"))
    add_db_option(i)
    i.set_defaults(handler=import_command)
    f = sub.add_parser("fetch", help=msg("从质控办接收地址下载回执并导入", "download receipts from the office receiver and import them"))
    f.add_argument("--url", help=msg("接收地址（默认取自登记文件）", "receiver URL (default: from the enrollment)"))
    add_db_option(f)
    f.set_defaults(handler=fetch_command)


def _apply(args: argparse.Namespace, folder) -> int:
    from qmsdesk.cli import open_db
    from qmsdesk.sync.receipts import import_receipts

    db = open_db(args)
    try:
        with db.session() as s:
            outcomes = import_receipts(s, folder)
    finally:
        db.close()
    if not outcomes:
        print(msg("{d} 中没有回执。", "No receipts in {d}.", d=folder))
    for o in outcomes:
        print(f"{o.path.name}: {o.message}")
    return EXIT_REFUSED if any(o.receipt is None for o in outcomes) else 0


def import_command(args: argparse.Namespace) -> int:
    return _apply(args, args.folder)


def fetch_command(args: argparse.Namespace) -> int:
    from qmsdesk.commands.enroll import cli_key_store
    from qmsdesk.config import data_dir
    from qmsdesk.errors import QmsError
    from qmsdesk.sync.enrollment import require_enrollment
    from qmsdesk.sync.keys import get_upload_token
    from qmsdesk.sync.transport import fetch_receipts

    enrollment = require_enrollment()
    url = args.url or enrollment.url
    if not url:
        raise QmsError(msg("登记文件没有接收地址，请用 --url 给出，或用 receipts import 从文件夹导入。",
                           "The enrollment gives no receiver URL; pass --url, or import from a folder."))
    token = get_upload_token(cli_key_store(), enrollment.hospital_code, enrollment.department_code)
    folder = data_dir() / "receipts"
    new = fetch_receipts(url, token, folder)
    print(msg("已下载 {n} 份新回执到 {d}。", "Downloaded {n} new receipt(s) into {d}.", n=len(new), d=folder))
    return _apply(args, folder)
