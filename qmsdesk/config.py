"""Every setting of qmsdesk declared once: environment variables and the window's remembered settings.

Each is declared below with its type, default and what it is for, in Chinese and English; code reads
them only through this module (`env(QMSDESK_DB)`, `data_dir()`, `language()` …, and `ui/settings.py`
over `STORED`). The README's table is generated from these declarations (`python -m qmsdesk.config`)
and a test checks that it is up to date. Where data lives: the data folder comes from platformdirs and
can be overridden with `QMSDESK_DATA_DIR`; the database file with `--db PATH` or `QMSDESK_DB`, so
tests and installer smoke tests never touch real data. Folders the program makes for its data are
private to the user (0700 on Linux; Windows' per-user profile ACLs already do that), and so are the
database files it creates (0600).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "qmsdesk"
APP_AUTHOR = "qmsdesk"
DB_FILENAME = "qmsdesk.db"
LANGUAGES = ("zh_CN", "en")


@dataclass(frozen=True)
class Variable:
    """An environment variable qmsdesk reads: its type, what happens when it is unset, what it is for."""

    name: str
    kind: str  # path, url, text, secret, number, flag, choice
    default: tuple[str, str]  # (zh, en): what applies when it is not set
    doc: tuple[str, str]  # (zh, en)
    used_by: str = "program"  # program, tests or build
    fallback: int | None = None  # a number's value when unset, malformed or negative

    def raw(self) -> str | None:
        value = os.environ.get(self.name)
        return value if value not in (None, "") else None


QMSDESK_DB = Variable(
    "QMSDESK_DB", "path", ("数据文件夹中的 qmsdesk.db", "qmsdesk.db in the data folder"),
    ("科室数据库文件；命令行的 --db 优先。数据库不要放在网络共享盘上。",
     "The ward database file; --db on the command line wins. Never on a network share."))
QMSDESK_DATA_DIR = Variable(
    "QMSDESK_DATA_DIR", "path",
    ("Linux ~/.local/share/qmsdesk，Windows %LOCALAPPDATA%\\qmsdesk\\qmsdesk",
     "Linux ~/.local/share/qmsdesk, Windows %LOCALAPPDATA%\\qmsdesk\\qmsdesk"),
    ("数据文件夹：数据库、备份、日志、发件箱、窗口设置都在这里（测试和安装包自检用它隔离真实数据）。",
     "The data folder: database, backups, log, outbox, window settings (tests and installer checks isolate real data with it)."))
QMSDESK_LANG = Variable(
    "QMSDESK_LANG", "choice", ("“设置”中选的语言，否则 zh_CN", "the language chosen in Settings, else zh_CN"),
    ("界面和命令行的语言：zh_CN 或 en；命令行的 --lang 优先，它又优先于“设置”中的选择。",
     "Language of the window and the command line: zh_CN or en; --lang wins over it, it wins over Settings."))
QMSDESK_USER = Variable(
    "QMSDESK_USER", "text", ("系统登录名", "the system login name"),
    ("审计日志里记录的操作人。", "The name written into the audit log as who made a change."))
QMSDESK_KEY_PASSPHRASE = Variable(
    "QMSDESK_KEY_PASSPHRASE", "secret", ("窗口中询问；命令行在终端中询问", "asked in the window, or in the terminal"),
    ("没有系统密钥环时，保护密钥文件的口令（命令行自动化用；窗口中会询问）。",
     "The passphrase of the key file used where no system keyring works (for scripted command lines)."))
QMSDESK_OFFICE_DB = Variable(
    "QMSDESK_OFFICE_DB", "url", ("数据文件夹中的 office.db", "office.db in the data folder"),
    ("质控办汇总库：SQLite 文件路径或 PostgreSQL 地址（postgresql+psycopg://…）；--db 优先。",
     "The office store: a SQLite file or a PostgreSQL URL (postgresql+psycopg://…); --db wins."))
QMSDESK_OFFICE_DIR = Variable(
    "QMSDESK_OFFICE_DIR", "path", ("数据文件夹中的 office", "office in the data folder"),
    ("质控办的收件箱、归档、隔离区和报告文件夹所在处；--dir 优先。",
     "Where the office's inbox, archive, quarantine and reports folders are; --dir wins."))
QMSDESK_BUSY_TIMEOUT = Variable(
    "QMSDESK_BUSY_TIMEOUT", "number", ("30", "30"),
    ("另一个程序正在写数据库时最多等待的秒数（技术支持和测试用）。",
     "Seconds to wait while another program writes to the database (support and tests)."))
QMSDESK_PDF_FONT = Variable(
    "QMSDESK_PDF_FONT", "path", ("自动查找系统中的中文 TrueType 字体", "a Chinese TrueType font found on the system"),
    ("PDF 报告使用的中文字体文件（.ttf/.ttc，须为 TrueType 轮廓）。",
     "The Chinese font file for PDF reports (.ttf/.ttc with TrueType outlines)."))
PYTHON_KEYRING_BACKEND = Variable(
    "PYTHON_KEYRING_BACKEND", "text", ("按平台自动选择", "chosen by platform"),
    ("keyring 库自己的变量：选择钥匙串后端。选中的若是 keyrings.alt 的明文文件后端，仍一律拒用（见 QMSDESK_PLAINTEXT_KEYRING）；"
     "没有可用的系统钥匙串时改用口令保护的密钥文件 keys.qmskey。",
     "The keyring library's own variable: which keyring backend to use. A keyrings.alt plaintext file backend "
     "it selects is still refused (see QMSDESK_PLAINTEXT_KEYRING); with no usable system keyring the "
     "passphrase-protected key file keys.qmskey is used."))
QMSDESK_PLAINTEXT_KEYRING = Variable(
    "QMSDESK_PLAINTEXT_KEYRING", "text", ("明文文件钥匙串一律拒用", "a plaintext file keyring is refused"),
    ("写明愿意使用的明文文件钥匙串后端的名字（如 PlaintextKeyring）；此时程序称之为“明文文件钥匙串（未加密）”。",
     "Names the plaintext file keyring backend the user accepts (e.g. PlaintextKeyring); it is then called a "
     "plaintext file, never a system keyring."))
QMSDESK_QUARANTINE_MAX_FILES = Variable(
    "QMSDESK_QUARANTINE_MAX_FILES", "number", ("50", "50"),
    ("质控办：每个单位隔离区最多保留的被拒文件数；超出时不再保存（导入日志仍记录）。",
     "Office: refused files kept per unit in the quarantine; beyond it they are only logged."), fallback=50)
QMSDESK_QUARANTINE_MAX_MB = Variable(
    "QMSDESK_QUARANTINE_MAX_MB", "number", ("1024", "1024"),
    ("质控办：每个单位隔离区最多占用的 MB。", "Office: megabytes of refused files kept per unit."), fallback=1024)
QMSDESK_INBOX_MAX_WAITING = Variable(
    "QMSDESK_INBOX_MAX_WAITING", "number", ("20", "20"),
    ("质控办接收端：一个单位在收件箱中等待处理的上报包上限。",
     "Office receiver: packages one unit may have waiting in the inbox."), fallback=20)
QMSDESK_EXIT_AFTER_PAINT = Variable(
    "QMSDESK_EXIT_AFTER_PAINT", "flag", ("关", "off"),
    ("设为 1 时，窗口打开数据库并首次绘制后即退出（测量启动时间用）。",
     "With 1 the window quits once it has painted with the database open (start-up benchmarks)."))
QMSDESK_TEST_PG_URL = Variable(
    "QMSDESK_TEST_PG_URL", "url", ("不测 PostgreSQL", "PostgreSQL tests are skipped"),
    ("测试用的 PostgreSQL 数据库地址（每个测试先清空它）。",
     "A PostgreSQL database for the tests (each test empties it first)."), used_by="tests")
QMSDESK_BUNDLE_TRIM = Variable(
    "QMSDESK_BUNDLE_TRIM", "flag", ("1（精简）", "1 (trimmed)"),
    ("制作安装包时设为 0 则保留 PySide6 中不用的部分。", "0 keeps the unused parts of PySide6 when building the installers."),
    used_by="build")

ENVIRONMENT: tuple[Variable, ...] = (
    QMSDESK_DB, QMSDESK_DATA_DIR, QMSDESK_LANG, QMSDESK_USER, QMSDESK_KEY_PASSPHRASE, QMSDESK_OFFICE_DB,
    QMSDESK_OFFICE_DIR, QMSDESK_BUSY_TIMEOUT, QMSDESK_PDF_FONT, PYTHON_KEYRING_BACKEND, QMSDESK_PLAINTEXT_KEYRING,
    QMSDESK_QUARANTINE_MAX_FILES, QMSDESK_QUARANTINE_MAX_MB, QMSDESK_INBOX_MAX_WAITING, QMSDESK_EXIT_AFTER_PAINT,
    QMSDESK_TEST_PG_URL, QMSDESK_BUNDLE_TRIM,
)


@dataclass(frozen=True)
class Stored:
    """A setting the window remembers between runs (ui/settings.py keeps them in qmsdesk-ui.ini)."""

    key: str
    kind: str
    default: object
    doc: tuple[str, str]
    choices: tuple[str, ...] = ()


LANGUAGE = Stored("ui/language", "choice", "zh_CN", ("界面语言（“设置”→界面语言），下次启动生效。",
                                                    "The window's language (Settings), used from the next start."),
                  LANGUAGES)
MODE = Stored("ui/mode", "choice", "ward", ("qmsdesk 打开的窗口：科室工作台或质控办。",
                                            "Which window qmsdesk opens: the ward's or the quality office's."),
              ("ward", "office"))
LAST_PAGE = Stored("window/last_page", "text", "dashboard", ("科室工作台上次显示的页面。", "The ward window's last page."))
OFFICE_LAST_PAGE = Stored("office/last_page", "text", "office-completeness",
                          ("质控办工作台上次显示的页面。", "The office window's last page."))
GEOMETRY = Stored("window/geometry", "bytes", None, ("窗口的位置和大小。", "Where the window was and how big."))
TABLE_HEADER = Stored("tables/<page>", "bytes", None, ("各页表格的列宽、顺序和排序。",
                                                        "Each page's table: column widths, order and sorting."))

STORED: tuple[Stored, ...] = (LANGUAGE, MODE, LAST_PAGE, OFFICE_LAST_PAGE, GEOMETRY, TABLE_HEADER)


# --- reading them ---------------------------------------------------------------------------------

def env(variable: Variable) -> str | None:
    """The variable's value, None when unset or empty."""
    return variable.raw()


def number(variable: Variable) -> int:
    """A whole-number setting; unset, malformed or negative means its declared fallback."""
    assert variable.fallback is not None, variable.name
    try:
        value = int(env(variable) or "")
    except ValueError:
        return variable.fallback
    return value if value >= 0 else variable.fallback


def private_dir(path: Path) -> Path:
    """Make `path` (and missing parents) as folders only the user can open (0700 on Linux)."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        for made in missing:
            os.chmod(made, 0o700)
    return path


def create_private_file(path: Path) -> Path:
    """Make an empty file only the user can read (0600 on Linux) unless it exists; its folder private too.

    SQLite opens an empty file as a new database and gives its -wal and -shm files the same permissions,
    so a database, a backup or an office store holding patient numbers never starts world-readable.
    """
    path = Path(path)
    if path.exists():
        return path
    private_dir(path.parent)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        return path  # made meanwhile by another program: it is theirs to keep
    return path


def data_dir() -> Path:
    override = env(QMSDESK_DATA_DIR)
    if override:
        return private_dir(Path(override))
    from platformdirs import user_data_dir

    path = private_dir(Path(user_data_dir(APP_NAME, APP_AUTHOR)))
    if os.name == "posix" and path.stat().st_mode & 0o077:
        # The program's own folder, made readable by an older version: databases with record numbers live here.
        os.chmod(path, 0o700)
    return path


def database_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database file: explicit argument, then QMSDESK_DB, then the user data folder."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    configured = env(QMSDESK_DB)
    if configured:
        return Path(configured).expanduser().resolve()
    return data_dir() / DB_FILENAME


def current_user() -> str:
    """The name written into the audit log for changes made in this session."""
    name = env(QMSDESK_USER)
    if name:
        return name
    import getpass  # with termios: not needed until something is written in the user's name

    try:
        return getpass.getuser()
    except Exception:  # getpass raises various errors when no login name exists (services, containers)
        return "unknown"


def language(explicit: str | None = None, stored: str | None = None) -> str:
    """The language to use: --lang, then QMSDESK_LANG, then the one chosen in Settings, then Chinese."""
    for choice in (explicit, env(QMSDESK_LANG), stored):
        if choice:
            return "en" if choice.lower().startswith("en") else "zh_CN"
    return "zh_CN"


DEFAULT_BUSY_TIMEOUT_S = 30  # how long a writer waits for another one (QMSDESK_BUSY_TIMEOUT overrides it)


def busy_timeout_s(default: int = DEFAULT_BUSY_TIMEOUT_S) -> int:
    try:
        return max(1, int(env(QMSDESK_BUSY_TIMEOUT) or default))
    except ValueError:
        return default


def flag(variable: Variable) -> bool:
    return env(variable) == "1"


# --- the README's table ---------------------------------------------------------------------------

def markdown_table() -> str:
    """The environment variables and remembered settings as the README shows them."""
    lines = ["| 环境变量 / variable | 类型 / type | 未设置时 / when unset | 作用 / what it does |", "|---|---|---|---|"]
    for v in ENVIRONMENT:
        scope = "" if v.used_by == "program" else {"tests": "（测试 / tests）", "build": "（安装包 / build）"}[v.used_by]
        default = v.default[0] if v.default[0] == v.default[1] else f"{v.default[0]} / {v.default[1]}"
        lines.append(f"| `{v.name}`{scope} | {v.kind} | {default} | {v.doc[0]} {v.doc[1]} |")
    lines += ["", "窗口记住的设置（数据文件夹中的 `qmsdesk-ui.ini`）/ what the window remembers (`qmsdesk-ui.ini` in the "
              "data folder):", "", "| 键 / key | 类型 / type | 默认 / default | 作用 / what it is |", "|---|---|---|---|"]
    for s in STORED:
        default = "" if s.default is None else f"`{s.default}`"
        kind = f"{s.kind}: {' / '.join(s.choices)}" if s.choices else s.kind
        lines.append(f"| `{s.key}` | {kind} | {default} | {s.doc[0]} {s.doc[1]} |")
    return "\n".join(lines)


if __name__ == "__main__":  # python -m qmsdesk.config: print the README's table
    sys.stdout.write(markdown_table() + "\n")
