"""The `qmsdesk` command: the window with no sub-command, and the sub-commands in `qmsdesk.commands`.

Each module of `qmsdesk.commands` exposes `register(subparsers)`, adding its sub-commands with a
`handler(args) -> int`. User errors (`QmsError`) print one clear line and exit non-zero.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import os
import sys

import qmsdesk
from qmsdesk.errors import QmsError, ValidationError
from qmsdesk.i18n import msg, set_language
from qmsdesk.logs import log_unexpected, setup_logging

COMMAND_MODULES = (
    "qmsdesk.commands.demo",
    "qmsdesk.commands.db",
    "qmsdesk.commands.status",
    "qmsdesk.commands.audit",
    "qmsdesk.commands.selftest",
    "qmsdesk.commands.submit",
    "qmsdesk.commands.package",
    "qmsdesk.commands.enroll",
    "qmsdesk.commands.receipts",
    "qmsdesk.commands.indicators",
    "qmsdesk.commands.staff",
    "qmsdesk.commands.training",
    "qmsdesk.commands.checklists",
    "qmsdesk.commands.events",
    "qmsdesk.commands.pdca",
    "qmsdesk.commands.office",
    "qmsdesk.commands.plan",
    "qmsdesk.commands.analysis",
    "qmsdesk.commands.binder",
    "qmsdesk.commands.printing",
)
# Sub-commands registered by a module of another name; every other module registers its own name.
OTHER_NAMES = {"group": "qmsdesk.commands.staff", "print": "qmsdesk.commands.printing",
               "inspections": "qmsdesk.commands.checklists"}
ALL = "*"  # build_parser(ALL): every sub-command, for help and for what is not one of them
_TOP_OPTIONS_WITH_VALUE = ("--db", "--lang")


log = logging.getLogger("qmsdesk")


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad argument in one line instead of usage plus message."""

    def error(self, message: str):
        print(msg("错误：{m}（运行 {p} -h 查看用法）", "Error: {m} (run '{p} -h' for usage)", m=message, p=self.prog), file=sys.stderr)
        raise SystemExit(2)


class _Version(argparse.Action):
    """--version, with the version read only when asked for (see qmsdesk.__getattr__)."""

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"qmsdesk {qmsdesk.__version__}")
        parser.exit()


def module_of(command: str) -> str | None:
    """The module of `qmsdesk.commands` that registers sub-command `command`, if any does."""
    name = OTHER_NAMES.get(command, f"qmsdesk.commands.{command}")
    return name if name in COMMAND_MODULES else None


def command_in(argv: list[str]) -> str | None:
    """The sub-command an argument list asks for: None for the window, ALL when every one must be known.

    Building the parser of one sub-command only spares the window and `status` importing the other
    sixteen (and what they import) before they start.
    """
    words = iter(argv)
    for word in words:
        if word in ("-h", "--help"):
            return ALL
        if word in _TOP_OPTIONS_WITH_VALUE:
            next(words, None)
        elif not word.startswith("-"):
            return word if module_of(word) else ALL  # not a sub-command: the full parser says what is
    return None


def window_args(argv: list[str]) -> argparse.Namespace | None:
    """The window's arguments when `argv` holds only --db PATH, --lang zh_CN|en and --demo, each at most once (as
    the desktop shortcut and the installers start it), read without building the parser: its help texts and
    gettext's look-ups cost the window's first paint ~2 ms. None for anything else (a sub-command, -h, --db=PATH,
    a mistake): the parser reads that, and says what is wrong. The same Namespace as the parser's
    (tests/cli/test_cli_basics.py compares them)."""
    args = argparse.Namespace(version=None, lang=None, demo=False, command=None)
    words, seen = iter(argv), set()
    for word in words:
        if word in seen or word not in ("--db", "--lang", "--demo"):
            return None
        seen.add(word)
        if word == "--demo":
            args.demo = True
            continue
        value = next(words, None)
        if value is None or value.startswith("-") or (word == "--lang" and value not in ("zh_CN", "en")):
            return None
        setattr(args, word[2:], value)
    return args


def build_parser(command: str | None = ALL) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="qmsdesk",
        description=msg("科室质控小组工作台。不带子命令时打开窗口。", "Quality group workbench. Opens the window when no sub-command is given."),
    )
    parser.add_argument("--version", action=_Version, nargs=0, help=msg("显示版本号并退出", "show the version and exit"))
    add_db_option(parser)
    parser.add_argument("--lang", choices=["zh_CN", "en"], help=msg("界面语言", "language of messages"))
    parser.add_argument("--demo", action="store_true",
                        help=msg("打开演示数据（首次使用时在数据文件夹生成 demo.db）", "open the demo data (demo.db in the data folder, made on first use)"))
    subparsers = parser.add_subparsers(dest="command", metavar=msg("子命令", "COMMAND"))
    modules = COMMAND_MODULES if command == ALL else [module_of(command)] if command else []
    for name in modules:
        importlib.import_module(name).register(subparsers)
    return parser


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS,
        help=msg("数据库文件（默认：用户数据文件夹，或环境变量 QMSDESK_DB）", "database file (default: the user data folder, or QMSDESK_DB)"),
    )


def open_db(args: argparse.Namespace):
    """Open the database named by --db / QMSDESK_DB / the default location, migrated to head."""
    from qmsdesk.config import current_user, database_path
    from qmsdesk.db.engine import open_database

    return open_database(database_path(getattr(args, "db", None)), actor=current_user())


def print_error(error: BaseException) -> None:
    prefix = msg("错误：", "Error: ")
    if isinstance(error, ValidationError) and len(error.errors) > 1:
        print(prefix, file=sys.stderr)
        for e in error.errors:
            print(f"  - {e.message}", file=sys.stderr)
    else:
        print(f"{prefix}{error}", file=sys.stderr)


def run_window(args: argparse.Namespace) -> int:
    """Open the main window (the `ui` package), or explain why it cannot be opened."""
    try:
        from qmsdesk.ui.app import run as run_app
    except ImportError as exc:
        print(msg("无法打开窗口：{e}。可先使用子命令，例如 qmsdesk demo、qmsdesk status。",
                  "Cannot open the window: {e}. Sub-commands such as 'qmsdesk demo' and 'qmsdesk status' work.", e=exc),
              file=sys.stderr)
        return 2
    return run_app(args)


def main(argv: list[str] | None = None) -> int:
    """Run the window or one sub-command; `argv` None means this process's own command line (the program)."""
    as_program = argv is None
    code, one_shot = _run(list(sys.argv[1:] if argv is None else argv))
    if as_program and one_shot:
        # The process ends now. The interpreter's last act would be a full cyclic collection over every object
        # a sub-command made (the ORM's mappers, openpyxl's and reportlab's trees: 0.3–0.5 s after `submit`
        # has printed its result, with the shell still waiting). Frozen objects are left to the OS, which frees
        # the memory anyway; files, databases and logs are already closed (atexit still runs). Not for the
        # window: Qt's objects are torn down in their own order.
        gc.freeze()
    return code


def _run(argv: list[str]) -> tuple[int, bool]:
    """(exit code, whether a sub-command ran rather than the window)."""
    if argv == ["--version"]:
        # Installers and IT staff call this often: answered before logging and the parser.
        print(f"qmsdesk {qmsdesk.__version__}")
        return 0, True
    # The language must be known before the help texts are built.
    if "--lang" in argv and argv.index("--lang") + 1 < len(argv):
        set_language(argv[argv.index("--lang") + 1])
    log_path = setup_logging()
    args = window_args(argv)
    if args is None:
        args = build_parser(command_in(argv)).parse_args(argv)
    one_shot = args.command is not None
    try:
        return (int(args.handler(args) or 0) if one_shot else run_window(args)), one_shot
    except QmsError as exc:
        print_error(exc)
        return 2, one_shot
    except KeyboardInterrupt:
        print(msg("已取消。", "Cancelled."), file=sys.stderr)
        return 130, one_shot
    except BrokenPipeError:
        # The reader stopped early (`qmsdesk audit | head`); what it read was what it wanted.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0, one_shot
    except Exception as exc:  # a bug, not a user error: a short message here, the traceback in the log
        log_unexpected(argv, period=getattr(args, "period", None), kind=getattr(args, "kind", None),
                       record_id=getattr(args, "id", None))
        where = log_path or msg("（日志不可写）", "(log not writable)")
        print(msg("程序出现意外错误（{t}: {e}）。详细信息已写入日志 {l}，请把日志发给信息科或维护人员。",
                  "Unexpected error ({t}: {e}). Details are in the log: {l}. Please send the log to your support contact.",
                  t=type(exc).__name__, e=exc, l=where), file=sys.stderr)
        return 1, one_shot


if __name__ == "__main__":
    sys.exit(main())
