"""Background jobs: progress reaches the GUI thread, Cancel stops the work at the next report, errors become messages."""

from __future__ import annotations

import threading

from qmsdesk.errors import QmsError
from qmsdesk.ui.jobs import Job


def test_progress_and_result_arrive_from_the_worker_thread(qtbot):
    seen: list[tuple[int, int]] = []
    worker_threads: list[int] = []

    def work(control):
        worker_threads.append(threading.get_ident())
        for i in range(1, 4):
            control.progress(i, 3)
        return "done"

    job = Job("测试", work)
    job.progressed.connect(lambda d, t: seen.append((d, t)))
    with qtbot.waitSignal(job.succeeded, timeout=10_000) as blocker:
        job.start()
    job.wait()
    assert blocker.args == ["done"]
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert worker_threads[0] != threading.get_ident()


def test_cancel_stops_the_work_at_the_next_progress_report(qtbot):
    gate = threading.Event()
    steps: list[int] = []

    def work(control):
        for i in range(1000):
            control.progress(i, 1000)
            steps.append(i)
            gate.wait(0.01)
        return "finished"

    job = Job("测试", work)
    with qtbot.waitSignal(job.cancelled, timeout=10_000):
        job.start()
        qtbot.waitUntil(lambda: len(steps) > 2, timeout=10_000)
        job.cancel()
    job.wait()
    assert len(steps) < 1000 and job.result is None


def test_a_user_error_in_the_job_becomes_its_message(qtbot):
    def work(_control):
        raise QmsError("备份失败：磁盘已满。原数据库未受影响。")

    job = Job("测试", work)
    with qtbot.waitSignal(job.failed, timeout=10_000) as blocker:
        job.start()
    job.wait()
    assert blocker.args == ["备份失败：磁盘已满。原数据库未受影响。"]
