"""The support log: errors with context for a phone call, rotation at about 1 MB × 3, no record numbers."""

from __future__ import annotations

import logging

from qmsdesk import cli, logs

MRN = "2612345678"


def _log_text(folder) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("qmsdesk.log*")))


def test_a_crash_is_logged_with_command_period_versions_and_platform(monkeypatch, capsys, _isolated_data):
    import qmsdesk.commands.status as status_command

    def broken(_args):
        raise RuntimeError(f"病案号 {MRN} 的事件无法汇总")

    monkeypatch.setattr(status_command, "status_command", broken)
    assert cli.main(["status", "--period", "2026-10"]) == 1
    capsys.readouterr()
    text = _log_text(_isolated_data)
    assert "command: qmsdesk status --period 2026-10" in text
    assert "period: 2026-10" in text
    assert "versions: qmsdesk " in text and "Python " in text
    import platform

    assert platform.system() in text
    assert "RuntimeError" in text and "Traceback" in text


def test_record_numbers_never_reach_the_log(monkeypatch, capsys, _isolated_data):
    import qmsdesk.commands.status as status_command

    def broken(_args):
        logging.getLogger("qmsdesk.test").warning("checking record %s (ZY%s)", MRN, MRN)
        raise ValueError(f"bad record {MRN}")

    monkeypatch.setattr(status_command, "status_command", broken)
    assert cli.main(["status", "--period", "2026-10", "--db", f"/tmp/{MRN}.db"]) == 1
    capsys.readouterr()
    text = _log_text(_isolated_data)
    assert MRN not in text
    assert "****5678" in text  # still tells two events apart for support
    assert "2026-10" in text  # periods and dates are not mistaken for record numbers


def test_patient_text_options_are_left_out_of_the_logged_command():
    line = logs.safe_command(["events", "add", "--description", "患者张三跌倒", "--medical-record-no=2612345678"])
    assert "张三" not in line and MRN not in line
    assert line.startswith("qmsdesk events add --description <…>")


def test_the_log_rotates_at_about_one_megabyte_keeping_three_files(_isolated_data):
    path = logs.setup_logging()
    try:
        line = "x" * 1000
        for i in range(4000):
            logging.getLogger("qmsdesk.flood").warning("%d %s", i, line)
    finally:
        for h in list(logging.getLogger().handlers):
            if h.get_name() == logs.HANDLER_NAME:
                h.close()
                logging.getLogger().removeHandler(h)
    files = sorted(_isolated_data.glob("qmsdesk.log*"))
    assert path in files
    assert [f.name for f in files] == ["qmsdesk.log", "qmsdesk.log.1", "qmsdesk.log.2"]
    assert all(f.stat().st_size <= logs.MAX_BYTES + 2000 for f in files)
    assert "3999" in path.read_text(encoding="utf-8")  # the newest lines are in the current file


def test_an_unwritable_data_folder_does_not_stop_the_program(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("QMSDESK_DATA_DIR", str(blocker / "data"))
    assert logs.setup_logging() is None


def test_an_error_in_the_window_is_logged_with_where_it_happened(_isolated_data, monkeypatch, capsys):
    """Exceptions raised in Qt slots reach sys.excepthook, not main(): the hook logs them too."""
    import sys

    monkeypatch.setattr(sys, "excepthook", lambda *a: None)
    logs.setup_logging()
    logs.install_excepthook(["--db", "/tmp/qms.db"], where=lambda: "window, page 不良事件")
    try:
        raise KeyError(f"record {MRN}")
    except KeyError:
        sys.excepthook(*sys.exc_info())
    for h in list(logging.getLogger().handlers):
        if h.get_name() == logs.HANDLER_NAME:
            h.close()
            logging.getLogger().removeHandler(h)
    text = _log_text(_isolated_data)
    assert "where: window, page 不良事件" in text and "command: qmsdesk --db /tmp/qms.db" in text
    assert "KeyError" in text and MRN not in text
