"""Submitting a month locks it; amending reopens it as a new version and keeps the old ones."""

from __future__ import annotations

import pytest

from qmsdesk.clock import today
from qmsdesk.errors import ValidationError
from qmsdesk.periods import Period
from qmsdesk.services import submission


def test_unsubmitted_month_is_open(session):
    state = submission.month_state(session, Period(2026, 3))
    assert (state.locked, state.version, state.status, state.submission) == (False, 0, None, None)
    assert state.status_label == "未上报"


def test_submit_creates_version_one_and_locks(session):
    sub = submission.submit_month(session, Period(2026, 3))
    assert (sub.period, sub.version, sub.status) == ("2026-03", 1, "submitted")
    assert sub.submitted_at is not None
    state = submission.month_state(session, Period(2026, 3))
    assert state.locked and state.version == 1 and state.submission is sub
    assert submission.is_locked(session, Period(2026, 3))
    assert submission.submitted_periods(session) == ["2026-03"]


def test_submitting_twice_is_refused_with_how_to_amend(session):
    submission.submit_month(session, Period(2026, 3))
    with pytest.raises(ValidationError) as err:
        submission.submit_month(session, Period(2026, 3))
    assert "已上报" in str(err.value) and "更正" in str(err.value)


def test_future_month_cannot_be_submitted(session):
    future = Period.of(today()).next()
    with pytest.raises(ValidationError) as err:
        submission.submit_month(session, future)
    assert err.value.fields == ["period"]


def test_bad_period_text_is_refused_where_it_is_read():
    with pytest.raises(ValidationError) as err:
        Period.parse("2026-13")
    assert "YYYY-MM" in str(err.value)


def test_amend_reopens_as_version_two_and_supersedes(session):
    submission.submit_month(session, Period(2026, 3))
    draft = submission.amend_month(session, Period(2026, 3), "跌倒例数录入错误")
    assert (draft.version, draft.status, draft.amend_reason) == (2, "draft", "跌倒例数录入错误")
    state = submission.month_state(session, Period(2026, 3))
    assert not state.locked and state.version == 2 and state.status == "draft"
    assert [(s.version, s.status) for s in submission.versions(session, Period(2026, 3))] == [
        (1, "superseded"), (2, "draft")]


def test_resubmitting_after_amend_submits_the_draft(session):
    submission.submit_month(session, Period(2026, 3))
    submission.amend_month(session, Period(2026, 3), "补录会议")
    again = submission.submit_month(session, Period(2026, 3))
    assert (again.version, again.status) == (2, "submitted")
    assert submission.month_state(session, Period(2026, 3)).locked


def test_amend_requires_reason(session):
    submission.submit_month(session, Period(2026, 3))
    with pytest.raises(ValidationError) as err:
        submission.amend_month(session, Period(2026, 3), "  ")
    assert err.value.fields == ["amend_reason"] and "原因" in str(err.value)
    assert submission.month_state(session, Period(2026, 3)).locked


def test_amending_an_open_month_is_refused(session):
    with pytest.raises(ValidationError) as err:
        submission.amend_month(session, Period(2026, 3), "原因")
    assert "尚未上报" in str(err.value)


def test_current_month_may_be_submitted(session):
    sub = submission.submit_month(session, Period.of(today()))
    assert sub.status == "submitted"


def test_the_pages_months_are_the_last_twelve_and_every_submitted_one_with_deadline_and_lateness(session, tmp_path):
    """月度上报's list, once the page's own query: newest first; an old submitted month stays listed."""
    from datetime import date

    from qmsdesk.services.unit import set_unit

    set_unit(session, hospital_code="H001", hospital_name="某县人民医院", department_code="CARD",
             department_name="心血管内科", department_type="inpatient_medical", deadline_day=7)
    submission.submit_month(session, Period(2024, 2))
    submission.submit_month(session, Period(2026, 9))
    rows = submission.month_rows(session, as_of=date(2026, 11, 10), outbox_root=tmp_path / "outbox")
    assert [r.period for r in rows] == [*reversed([Period(2025, 12), *[Period(2026, m) for m in range(1, 12)]]),
                                        Period(2024, 2)]
    october, september = rows[1], rows[2]
    assert (october.deadline, october.overdue, october.status) == (date(2026, 11, 7), True, None)
    assert (september.status, september.version, september.overdue) == ("submitted", 1, False)
    assert [(v.version, v.status, v.outbox) for v in september.versions] == [(1, "submitted", None)]
    assert not rows[0].overdue  # November's deadline is in December
