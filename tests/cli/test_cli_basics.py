"""What every `qmsdesk` command shares: the version, where the database is, and how errors look."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def run_cli(*args: str | Path, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    full_env = dict(os.environ, QMSDESK_LANG="zh_CN", PYTHONIOENCODING="utf-8", **env)
    return subprocess.run([sys.executable, "-m", "qmsdesk", *map(str, args)], cwd=cwd, env=full_env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def assert_one_line_error(result: subprocess.CompletedProcess, *fragments: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    for fragment in fragments:
        assert fragment in result.stderr


def test_version_comes_from_pyproject(tmp_path):
    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    result = run_cli("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"qmsdesk {version}"


def test_help_lists_the_commands(tmp_path):
    result = run_cli("-h", cwd=tmp_path)
    assert result.returncode == 0
    for command in ("demo", "db", "status", "audit"):
        assert command in result.stdout


def test_database_given_as_a_folder_is_one_line(tmp_path):
    assert_one_line_error(run_cli("audit", "--db", tmp_path, cwd=tmp_path), "是一个文件夹")
    assert_one_line_error(run_cli("--db", tmp_path, "db", "upgrade", cwd=tmp_path), "是一个文件夹")


def test_database_that_is_not_a_database_is_one_line_and_untouched(tmp_path):
    notes = tmp_path / "交班记录.txt"
    notes.write_text("12床 夜间血压偏高，已通知医生。\n" * 50, encoding="utf-8")
    before = notes.read_bytes()
    assert_one_line_error(run_cli("audit", "--db", notes, cwd=tmp_path), "不是 qmsdesk 数据库文件")
    assert notes.read_bytes() == before


def test_another_programs_database_is_one_line_and_untouched(tmp_path):
    other = tmp_path / "his.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    assert_one_line_error(run_cli("db", "upgrade", "--db", other, cwd=tmp_path), "其他程序的数据库")
    con = sqlite3.connect(other)
    try:
        assert [r[0] for r in con.execute("SELECT name FROM sqlite_master")] == ["orders"]
    finally:
        con.close()


def test_unknown_command_is_one_line(tmp_path):
    assert_one_line_error(run_cli("frobnicate", cwd=tmp_path), "frobnicate", "qmsdesk -h")


def test_bad_option_value_is_one_line(tmp_path):
    assert_one_line_error(run_cli("audit", "--limit", "many", cwd=tmp_path), "--limit")


def test_bad_period_is_one_line(tmp_path):
    result = run_cli("status", "--period", "2026-13", "--db", tmp_path / "q.db", cwd=tmp_path)
    assert_one_line_error(result, "YYYY-MM", "2026-13")


def test_database_from_environment_variable(tmp_path):
    target = tmp_path / "from-env.db"
    result = run_cli("db", "upgrade", cwd=tmp_path, QMSDESK_DB=str(target))
    assert result.returncode == 0, result.stderr
    assert target.exists() and str(target) in result.stdout


def test_db_option_wins_over_environment_variable(tmp_path):
    env_target, option_target = tmp_path / "env.db", tmp_path / "option.db"
    result = run_cli("db", "upgrade", "--db", option_target, cwd=tmp_path, QMSDESK_DB=str(env_target))
    assert result.returncode == 0, result.stderr
    assert option_target.exists() and not env_target.exists()


def test_default_database_lives_in_the_data_folder(tmp_path, _isolated_data):
    result = run_cli("db", "upgrade", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (_isolated_data / "qmsdesk.db").exists()


def test_unexpected_error_is_short_and_logged(monkeypatch, capsys, _isolated_data):
    # An unexpected failure cannot be provoked from outside on purpose, so the audit handler is
    # replaced by one that fails like a bug would.
    import qmsdesk.commands.audit as audit_command
    from qmsdesk import cli

    def broken(_args):
        raise RuntimeError("索引越界")

    monkeypatch.setattr(audit_command, "audit_command", broken)
    code = cli.main(["audit"])
    err = capsys.readouterr().err
    log = _isolated_data / "qmsdesk.log"
    assert code == 1
    assert "意外错误" in err and str(log) in err and "Traceback" not in err
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "RuntimeError: 索引越界" in text


@pytest.mark.parametrize("lang", ["en"])
def test_errors_follow_the_language(tmp_path, lang):
    result = run_cli("--lang", lang, "audit", "--db", tmp_path, cwd=tmp_path)
    assert_one_line_error(result, "is a folder")


def test_output_cut_short_by_the_reader_is_not_an_error(db, db_path, tmp_path):
    # `qmsdesk audit | head` closes the pipe early; that must not end in an "unexpected error".
    from qmsdesk.db import models as m

    with db.session() as s:
        for i in range(1500):
            s.add(m.Staff(name=f"护士{i}", employee_no=f"N{i:04d}", profession="nurse", title="护师"))
    db.close()
    script = f'"{sys.executable}" -m qmsdesk audit --limit 0 --db "{db_path}" | head -n 1; exit ${{PIPESTATUS[0]}}'
    result = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True, text=True, encoding="utf-8",
                            env=dict(os.environ, QMSDESK_LANG="zh_CN", PYTHONIOENCODING="utf-8"), timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.count("\n") == 1 and "新建  人员" in result.stdout


def test_each_command_line_builds_the_parser_of_its_own_sub_command_only():
    import argparse
    import importlib

    from qmsdesk import cli

    for name in cli.COMMAND_MODULES:  # every sub-command is found in the module that registers it
        sub = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(name).register(sub)
        assert {cli.module_of(command) for command in sub.choices} == {name}
    assert cli.command_in([]) is None  # the window
    assert cli.command_in(["--db", "status", "--lang", "en"]) is None  # option values are not commands
    assert cli.command_in(["--lang", "en", "--db", "x.db", "print", "roster"]) == "print"
    assert cli.command_in(["-h"]) == cli.ALL
    assert cli.command_in(["statsu"]) == cli.ALL  # the full parser names the choices
    parser = cli.build_parser(cli.command_in(["status", "--period", "2026-10"]))
    choices = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    assert list(choices) == ["status"]


def test_the_windows_plain_command_lines_are_read_as_the_parser_reads_them():
    from qmsdesk import cli

    plain = [[], ["--demo"], ["--db", "x.db"], ["--db", ""], ["--lang", "en"], ["--lang", "zh_CN", "--db", "科室.db"],
             ["--db", "x.db", "--demo", "--lang", "en"]]
    for argv in plain:
        assert vars(cli.window_args(argv)) == vars(cli.build_parser(cli.command_in(argv)).parse_args(argv)), argv
    # everything else is left to the parser (which reads it, or says what is wrong)
    for argv in (["--db"], ["--db", "-x"], ["--db=x.db"], ["--lang", "fr"], ["--db", "a", "--db", "b"], ["-h"],
                 ["--version"], ["status"], ["--db", "x.db", "status"], ["--dem"], ["--demo", "extra"]):
        assert cli.window_args(argv) is None, argv


def test_window_and_version_start_without_the_other_commands_or_the_package_metadata(tmp_path):
    code = ("import sys; from qmsdesk import cli; cli.build_parser(cli.command_in(['--db', 'x.db'])); "
            "print(sorted(m for m in sys.modules if m.startswith(('qmsdesk.commands', 'importlib.metadata', "
            "'sqlalchemy'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr


def test_a_sub_command_run_as_the_program_leaves_its_objects_to_the_os(monkeypatch, capsys, _isolated_data):
    """The interpreter's last full garbage collection kept the shell waiting 0.3–0.5 s after `submit` had printed
    its result; a sub-command run as the program freezes what it made instead (the OS frees it at exit). Called
    from Python with its arguments (tests, other code) or opening the window, nothing is frozen."""
    import gc

    from qmsdesk import cli

    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    monkeypatch.setattr(cli, "run_window", lambda _args: 0)
    monkeypatch.setattr(sys, "argv", ["qmsdesk", "--version"])
    assert cli.main() == 0 and frozen == [True]
    monkeypatch.setattr(sys, "argv", ["qmsdesk", "audit", "--bogus"])
    with pytest.raises(SystemExit):
        cli.main()  # argparse's own exit, before any command ran
    assert frozen == [True]
    assert cli.main(["--version"]) == 0 and frozen == [True]
    monkeypatch.setattr(sys, "argv", ["qmsdesk"])
    assert cli.main() == 0 and frozen == [True]  # the window
    capsys.readouterr()
