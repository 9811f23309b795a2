"""`qmsdesk submit --period YYYY-MM [--to DIR | --url URL] [--accept-warnings "说明"]`: send a month to the office."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from qmsdesk.i18n import msg

EXIT_BLOCKED = 2
EXIT_WARNINGS = 3
EXIT_NOT_SENT = 4
EXIT_REFUSED = 5
EXIT_HELD = 6


def register(subparsers) -> None:
    from qmsdesk.cli import add_db_option

    p = subparsers.add_parser(
        "submit", help=msg("月度上报：校验、锁定本月、生成并发送上报包", "monthly submission: check, lock, build and send the package"),
        description=msg(
            "校验本月数据；没有必须处理的问题时，锁定本月，生成 report.xlsx 与 report.pdf，签名（已登记时加密）打包到发件箱，"
            "并可发送到文件夹（U 盘、共享目录）或质控办接收地址。",
            "Checks the month; when nothing blocks it, locks the month, writes report.xlsx and report.pdf, signs (and, "
            "when enrolled, encrypts) the package into the outbox, and can send it to a folder or the office's URL."),
        epilog=msg(
            "退出码：0 成功；2 有必须处理的问题（未锁定）；3 有提示未确认（未锁定，用 --accept-warnings 填写说明）；"
            "4 已上报并锁定，但发送失败（上报包留在发件箱，可再次运行本命令发送）；5 质控办拒收（发件箱状态“质控办已拒收”，"
            "附原因）；6 质控办已收到但暂存，待其确认本科室密钥。无系统钥匙串时，密钥文件口令可用环境变量 "
            "QMSDESK_KEY_PASSPHRASE 提供。",
            "Exit codes: 0 done; 2 blocking problems (not locked); 3 warnings not accepted (not locked; use "
            "--accept-warnings); 4 submitted and locked but not sent (the package stays in the outbox; run again to "
            "send); 5 refused by the office (outbox state 'refused', with the reason); 6 received but held by the "
            "office until it confirms this unit's key. Without a system keyring the key file passphrase can be given "
            "in QMSDESK_KEY_PASSPHRASE."),
    )
    p.add_argument("--period", required=True, metavar="YYYY-MM", help=msg("上报月份，例如 2026-10", "month, e.g. 2026-10"))
    where = p.add_mutually_exclusive_group()
    where.add_argument("--to", metavar="DIR", help=msg("发送到文件夹（U 盘、共享目录）", "send to a folder (USB stick, share)"))
    where.add_argument("--url", metavar="URL", help=msg("发送到质控办接收地址", "send to the office's receiver URL"))
    where.add_argument("--preview", metavar="DIR", help=msg(
        "只生成 report.xlsx 和 report.pdf 到该文件夹供核对、打印签字，不锁定、不打包", "only write report.xlsx and "
        "report.pdf into DIR to check, print and sign; nothing is locked or packed"))
    p.add_argument("--accept-warnings", metavar=msg("说明", "COMMENT"),
                   help=msg("已逐条核实全部提示，并填写说明：上报包、PDF 封面和工作簿都写明由谁、何时确认及说明；"
                            "有提示而不填写时不上报、不锁定（退出码 3）",
                            "accept every warning after checking it, with a comment: the package, the PDF cover and "
                            "the workbook state who accepted them, when, and the comment; with warnings and no "
                            "comment nothing is submitted or locked (exit code 3)"))
    add_db_option(p)
    p.set_defaults(handler=submit_command)


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def _progress(step: int, total: int, label: str) -> None:
    _err(f"[{step}/{total}] {label}…")


def _key_store():
    """The key store; on a machine without a keyring, ask for the key file passphrase when someone is there."""
    import getpass

    from qmsdesk.sync.keys import PassphraseRequired, open_key_store

    try:
        return open_key_store()
    except PassphraseRequired as exc:
        if not sys.stdin.isatty():
            raise
        _err(str(exc))
        first = getpass.getpass(msg("口令：", "Passphrase: "))
        if exc.creating and getpass.getpass(msg("再次输入口令：", "Passphrase again: ")) != first:
            from qmsdesk.errors import QmsError

            raise QmsError(msg("两次输入的口令不一致。", "The two passphrases differ.")) from None
        return open_key_store(passphrase=first)


def _prepare_folder(folder: Path) -> None:
    """Make the target folder when only its last part is missing (a new folder on a stick that is there).

    A missing parent (a stick not plugged in, a share not mapped) is left for the transport to report.
    """
    if folder.exists() or not folder.parent.is_dir():
        return
    try:
        folder.mkdir()
    except OSError:
        return
    _err(msg("已创建文件夹 {d}。", "Created the folder {d}.", d=folder))


def _list(title: str, issues) -> None:
    _err(title)
    for n, issue in enumerate(issues, start=1):
        _err(f"  {n}. {issue.message}")


def submit_command(args: argparse.Namespace) -> int:
    # A submission is one short run that ends with the process: the cyclic garbage collector only rescans
    # the ORM, openpyxl and reportlab objects it cannot free, again and again (0.8 s of a 5 s run on a
    # busy ward PC, for 1 MiB). Reference counting still frees everything else; the rest goes at exit.
    gc.disable()
    try:
        return _submit(args)
    finally:
        gc.enable()


def _submit(args: argparse.Namespace) -> int:
    from qmsdesk.periods import Period

    period = Period.parse(args.period)
    if args.preview:
        return preview_command(args, period)
    if args.to:
        _prepare_folder(Path(args.to))
    done = _submit_plain(args, period)
    if done is not None:
        return done
    return _submit_through_orm(args, period)


def _submit_plain(args: argparse.Namespace, period) -> int | None:
    """A month not yet locked, in a SQLite file at the schema head: submitted with plain SQL, no SQLAlchemy import
    (services/month_package_raw.py). None when the file needs the normal way (an upgrade, a PostgreSQL URL, a
    locked month to send again or explain)."""
    from qmsdesk.config import database_path

    target = getattr(args, "db", None)
    if target is not None and "://" in str(target):
        return None
    from qmsdesk.services.month_package_raw import open_raw_source

    source = open_raw_source(database_path(target))
    if source is None:
        return None
    with source.writer:
        if source.locked(period):
            return None
        code, result = _submit_open_month(source, period, args)
        if result is None:
            return code
        source.writer.commit()
    return _report_submitted(period, result, args)


def _submit_through_orm(args: argparse.Namespace, period) -> int:
    from qmsdesk.cli import open_db
    from qmsdesk.services import submission
    from qmsdesk.services.month_package import SessionSource, send_submitted

    db = open_db(args)
    try:
        with db.session() as s:
            state = submission.month_state(s, period)
            if state.locked and state.status == "submitted" and (args.to or args.url):
                _err(msg("{p} 已上报（第 {v} 版），尚未发送：现在发送发件箱中的上报包。",
                         "{p} is submitted (version {v}) but not sent: sending the outbox package now.",
                         p=period.label(), v=state.version))
                return _report_send(send_submitted(s, period, folder=args.to, url=args.url, store=None), resent=True)
            if state.locked:
                _err(msg("{p} 已上报（第 {v} 版，{s}），记录已锁定。如需更正，请先申请更正（月度上报页面）并填写原因，"
                         "再重新上报为第 {n} 版。", "{p} is already submitted (version {v}, {s}) and locked. To correct it, "
                         "amend it with a reason (Monthly submission page), then submit version {n}.",
                         p=period.label(), v=state.version, s=state.status_label, n=state.version + 1))
                return EXIT_BLOCKED
            code, result = _submit_open_month(SessionSource(s), period, args)
            if result is None:
                return code
    finally:
        db.close()
    return _report_submitted(period, result, args)


def _submit_open_month(source, period, args: argparse.Namespace):
    """(exit code, None) when the month is refused, else (0, the SubmitResult): the same words whichever way
    the month is read (`source`: services/submit_flow.MonthSource)."""
    from qmsdesk.services.submit_flow import submit_with

    # Checked once, in the transaction that then locks and packs the month: what is shown is what is sent.
    report = source.validate(period)
    if report.errors:
        _list(msg("{p} 有 {n} 个问题必须先处理，才能上报（本月未锁定）：",
                  "{p} has {n} problem(s) to fix before it can be submitted (the month is not locked):",
                  p=period.label(), n=len(report.errors)), report.errors)
        if report.warnings:
            _list(msg("另有 {n} 条提示：", "And {n} warning(s):", n=len(report.warnings)), report.warnings)
        return EXIT_BLOCKED, None
    if report.warnings and not (args.accept_warnings or "").strip():
        return _warnings_not_accepted(period, report.warnings), None
    return 0, submit_with(source, period, args.accept_warnings, folder=args.to, url=args.url, store=_key_store(),
                          progress=_progress, report=report)


def _report_submitted(period, result, args: argparse.Namespace) -> int:
    print(msg("已上报 {p}（第 {v} 版），本月记录已锁定。", "Submitted {p} (version {v}); the month is locked.",
              p=period.label(), v=result.version))
    print(msg("上报包：{f}", "Package: {f}", f=result.package))
    print(f"SHA-256: {result.sha256}")
    print(msg("已签名并加密给质控办。", "Signed and encrypted to the quality office.") if result.encrypted else msg(
        "已签名，未加密：本机尚未导入质控办登记文件（qmsdesk enroll 登记文件）。登记后的上报包只有质控办能打开。",
        "Signed, not encrypted: this installation has not imported the office's enrollment file (qmsdesk enroll FILE). "
        "After enrollment only the office can open the packages."))
    if result.report.warnings:
        print(msg("已确认 {n} 条提示，说明：{c}", "{n} warning(s) accepted with the comment: {c}",
                  n=len(result.report.warnings), c=args.accept_warnings.strip()))
    return _report_send(result)


def _warnings_not_accepted(period, warnings) -> int:
    _list(msg("{p} 有 {n} 条提示需要核实确认，本月未上报、未锁定：",
              "{p} has {n} warning(s) to check and accept; nothing was submitted or locked:",
              p=period.label(), n=len(warnings)), warnings)
    _err(msg("逐条核实后，用 --accept-warnings \"说明\" 再次上报；说明会随上报包交给质控办，并写在 PDF 封面和工作簿中。",
             "After checking each one, submit again with --accept-warnings \"comment\"; the comment goes to the office "
             "in the package and is printed on the PDF cover and in the workbook."))
    return EXIT_WARNINGS


def _report_send(result, resent: bool = False) -> int:
    if result.office_outcome == "refused":
        _err(msg("质控办拒收了第 {v} 版：{r}", "The office refused version {v}: {r}", v=result.version, r=result.office_reason))
        _err(msg("上报包保留在发件箱（{f}），状态为“质控办已拒收”。按上面的原因处理（必要时申请更正生成新版本）后再发送。",
                 "The package stays in the outbox ({f}) as 'refused by the office'. Act on the reason above (amend to a "
                 "new version if needed), then send again.", f=result.package))
        return EXIT_REFUSED
    if result.office_outcome == "held":
        _err(msg("质控办已收到第 {v} 版，但暂存未导入：{r}", "The office received version {v} but holds it without "
                 "importing: {r}", v=result.version, r=result.office_reason))
        _err(msg("请打电话给质控办，报出本科室的密钥指纹（qmsdesk enroll 时显示的指纹），请其确认后导入。",
                 "Call the office and read out this unit's key fingerprint (shown by qmsdesk enroll) so it can confirm "
                 "the key and import the package."))
        return EXIT_HELD
    if result.send_error:
        _err(msg("发送失败：{e}", "Sending failed: {e}", e=result.send_error))
        _err(msg("上报包保留在发件箱：{f}。处理后再次运行本命令即可发送。",
                 "The package stays in the outbox: {f}. Run this command again to send it.", f=result.package))
        return EXIT_NOT_SENT
    if result.destination:
        print(msg("已发送到：{d}", "Sent to: {d}", d=result.destination))
    elif not resent:
        print(msg("尚未发送：可用 --to 文件夹 或 --url 地址 发送。", "Not sent yet: use --to DIR or --url URL to send it."))
    return 0


def preview_command(args: argparse.Namespace, period) -> int:
    """Write the month's workbook and PDF for checking and signing, as the package would carry them."""
    from qmsdesk.cli import open_db
    from qmsdesk.config import current_user
    from qmsdesk.services import submission
    from qmsdesk.services.month_package import PDF, XLSX, build_reports
    from qmsdesk.sync.keys import write_atomically

    folder = Path(args.preview)
    folder.mkdir(parents=True, exist_ok=True)
    db = open_db(args)
    try:
        with db.session() as s:
            state = submission.month_state(s, period)
            # The version the next submission will carry (or the submitted one, for a locked month).
            version = state.version if state.locked or state.status in ("draft", "validated") else state.version + 1
            report = submission.validate_month(s, period)
            acceptance = report.acceptance(args.accept_warnings, by=current_user()) if not report.errors else None
            built = build_reports(s, period, version=max(version, 1), report=report, acceptance=acceptance)
            s.rollback()
    finally:
        db.close()
    for name, blob in ((XLSX, built.workbook), (PDF, built.pdf)):
        write_atomically(folder / name, blob, mode=0o644)
        print(msg("已生成 {f}", "Wrote {f}", f=folder / name))
    if report.errors:
        _list(msg("注意：还有 {n} 个问题必须处理后才能上报：", "Note: {n} problem(s) must be fixed before submitting:",
                  n=len(report.errors)), report.errors)
    if report.warnings:
        _list(msg("提示 {n} 条（上报时需确认）：", "{n} warning(s) to accept when submitting:", n=len(report.warnings)),
              report.warnings)
    return 0
