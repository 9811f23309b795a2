"""Sending, backing up and exporting to a folder that is missing, read-only, full, or pulled out mid-copy.

Each fault must leave nothing under the final name, keep the package in the outbox (or the database
unchanged), and say what happened in one clear Chinese line. Read-only and full file systems are real
tmpfs mounts (the tests run as root); elsewhere they are skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from month_records import PERIOD, seed_month

from qmsdesk.db.engine import open_database

needs_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("mount"),
                                reason="tmpfs mounts need root")


@contextmanager
def tmpfs(folder: Path, options: str) -> Iterator[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], check=False).returncode:
            subprocess.run(["umount", "-l", str(folder)], check=False)


FILLER = "filler.bin"


def fill(folder: Path) -> None:
    """Fill a small file system to the last byte, as a stick full of photos would be."""
    with (folder / FILLER).open("wb", buffering=0) as fh:
        try:
            while True:
                fh.write(b"\0" * 4096)
        except OSError:
            pass


def run_cli(*args: str | Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qmsdesk", *map(str, args)], env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=300)


def one_clear_message(stderr: str, *expected: str) -> None:
    assert "Traceback" not in stderr
    for text in expected:
        assert text in stderr, stderr
    assert stderr.count("错误：") <= 1 and stderr.count("发送失败") <= 1, stderr


@pytest.fixture(scope="module")
def submitted(tmp_path_factory):
    """A month submitted into the outbox but not sent; (env, db file, outbox package)."""
    root = tmp_path_factory.mktemp("faults")
    base = {k: v for k, v in os.environ.items() if k not in ("QMSDESK_KEY_PASSPHRASE", "PYTHON_KEYRING_BACKEND")}
    env = dict(base, QMSDESK_LANG="zh_CN", PYTHONIOENCODING="utf-8", QMSDESK_DATA_DIR=str(root / "data"),
               XDG_DATA_HOME=str(root / "xdg-data"), XDG_CONFIG_HOME=str(root / "xdg-config"),
               PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring", QMSDESK_PLAINTEXT_KEYRING="PlaintextKeyring")
    dbf = root / "q.db"
    db = open_database(dbf, actor="测试护士长")
    with db.session() as s:
        seed_month(s)
    db.close()
    done = run_cli("submit", "--period", PERIOD, "--db", dbf, "--accept-warnings", "已核实", env=env)
    assert done.returncode == 0, done.stderr
    packages = list((root / "data" / "outbox").glob("*.qmspkg"))
    assert len(packages) == 1
    return env, dbf, packages[0]


def still_in_outbox(package: Path) -> None:
    from qmsdesk.sync.outbox import Outbox

    entry = Outbox(package.parent).entry(package.name)
    assert entry is not None and entry.state == "built" and Outbox(package.parent).intact(entry)


def nothing_under_final_name(folder: Path, name: str) -> None:
    if folder.is_dir():
        leftovers = [p.name for p in folder.iterdir()]
        assert leftovers == [], f"left behind in {folder}: {leftovers}"


def test_sending_to_a_missing_stick_says_so_and_keeps_the_package(submitted, tmp_path):
    env, dbf, package = submitted
    stick = tmp_path / "media" / "usb" / "质控"
    done = run_cli("submit", "--period", PERIOD, "--db", dbf, "--to", stick, env=env)
    assert done.returncode != 0
    one_clear_message(done.stderr, "不存在", "发件箱")
    assert not stick.exists()
    still_in_outbox(package)


def test_sending_to_a_file_where_the_folder_should_be(submitted, tmp_path):
    env, dbf, package = submitted
    stick = tmp_path / "stick"
    stick.write_text("not a folder")
    done = run_cli("submit", "--period", PERIOD, "--db", dbf, "--to", stick, env=env)
    assert done.returncode != 0
    one_clear_message(done.stderr, "不是文件夹", "发件箱")
    assert stick.read_text() == "not a folder"
    still_in_outbox(package)


@needs_root
def test_sending_to_a_read_only_stick(submitted, tmp_path):
    env, dbf, package = submitted
    with tmpfs(tmp_path / "ro", "ro,size=1m") as stick:
        done = run_cli("submit", "--period", PERIOD, "--db", dbf, "--to", stick, env=env)
        assert done.returncode != 0
        one_clear_message(done.stderr, "不可写", "发件箱")
        nothing_under_final_name(stick, package.name)
    still_in_outbox(package)


@needs_root
def test_sending_to_a_full_stick_leaves_no_half_package(submitted, tmp_path):
    env, dbf, package = submitted
    with tmpfs(tmp_path / "full", f"size={max(4096, package.stat().st_size // 2)}") as stick:
        done = run_cli("submit", "--period", PERIOD, "--db", dbf, "--to", stick, env=env)
        assert done.returncode != 0
        one_clear_message(done.stderr, "无法写入", "发件箱")
        nothing_under_final_name(stick, package.name)
    still_in_outbox(package)


def test_a_stick_pulled_out_during_the_copy_leaves_no_package_under_its_name(submitted, tmp_path):
    """The folder vanishes while the temporary copy is being written (a watcher removes it)."""
    from qmsdesk.sync.transport import TransportError, send_to_folder

    _env, _dbf, package = submitted
    big = tmp_path / package.name  # the same name, padded so the copy lasts long enough to be interrupted
    with big.open("wb") as fh:
        fh.write(package.read_bytes())
        fh.write(os.urandom(48 * 2**20))
    hit = False
    for attempt in range(5):
        stick = tmp_path / f"stick{attempt}"
        stick.mkdir()
        stop = threading.Event()

        def pull_out(folder: Path = stick, stop: threading.Event = stop) -> None:
            while not stop.is_set():
                if any(p.name.endswith(".partial") for p in folder.iterdir()):
                    shutil.rmtree(folder)
                    return
                time.sleep(0.0005)

        watcher = threading.Thread(target=pull_out)
        watcher.start()
        try:
            send_to_folder(big, stick)
        except TransportError as exc:
            hit = True
            text = str(exc)
            assert "发件箱" in text and "\n" not in text.strip()
        finally:
            stop.set()
            watcher.join()
        assert not (stick / big.name).exists()
        if hit:
            break
    assert hit, "the copy always finished before the folder vanished"
    assert big.is_file()


@needs_root
def test_backup_to_a_full_disk_says_so_and_leaves_no_backup_file(submitted, tmp_path):
    env, dbf, _package = submitted
    size = dbf.stat().st_size
    with tmpfs(tmp_path / "small", f"size={size + 64 * 1024}") as disk:
        db = disk / "q.db"
        shutil.copyfile(dbf, db)
        done = run_cli("db", "backup", "--db", db, env=env)
        assert done.returncode != 0
        one_clear_message(done.stderr, "备份失败", "原数据库未受影响")
        assert sorted(p.name for p in disk.iterdir() if "backup" in p.name) == []
        check = run_cli("db", "check", "--db", db, env=env)
        assert check.returncode == 0, check.stderr


@needs_root
@pytest.mark.parametrize("fault", ["missing", "read_only", "full"])
def test_exports_to_a_bad_folder_leave_no_half_file(submitted, tmp_path, fault):
    env, dbf, _package = submitted
    expected = {"missing": "不存在", "read_only": "只读", "full": "已满"}[fault]
    if fault == "missing":
        folder = tmp_path / "gone"
        ctx = None
    else:
        ctx = tmpfs(tmp_path / fault, "ro,size=1m" if fault == "read_only" else "size=64k")
        folder = ctx.__enter__()
        if fault == "full":
            fill(folder)
    try:
        template = run_cli("indicators", "template", folder / "模板.xlsx", "--period", PERIOD, "--db", dbf, env=env)
        chart = run_cli("indicators", "spc", "NUR-FALL", "--from", "2025-11", "--to", PERIOD, "--pdf",
                        folder / "跌倒.pdf", "--db", dbf, env=env)
        for done in (template, chart):
            assert done.returncode != 0
            one_clear_message(done.stderr, "无法写入", expected)
        if folder.exists():
            assert [p.name for p in folder.iterdir() if p.name != FILLER] == []
    finally:
        if ctx is not None:
            ctx.__exit__(None, None, None)
