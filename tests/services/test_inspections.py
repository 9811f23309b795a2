"""Inspections and their findings."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from qmsdesk.clock import today
from qmsdesk.errors import ValidationError
from qmsdesk.periods import Period
from qmsdesk.services import inspections as svc
from qmsdesk.services import ledger

DAY = date(2026, 3, 20)


def test_inspection_with_findings_feeds_the_ledger(session):
    insp = svc.create_inspection(session, kind="flying", date=DAY, inspector="护理部", topic="夜班质量",
                                 findings=[("交接班", "未床旁交接"), {"category": "院感", "description": "锐器盒超3/4"}])
    found = svc.findings_of(session, insp.id)
    assert [(f.category, f.description) for f in found] == [("交接班", "未床旁交接"), ("院感", "锐器盒超3/4")]
    item = ledger.item_from_finding(session, found[1].id)
    assert item.found_on == DAY and item.category == "院感"


def test_inspection_rules_collected(session):
    with pytest.raises(ValidationError) as err:
        svc.create_inspection(session, kind="surprise", date=today() + timedelta(days=1), inspector=" ",
                              findings=[("", "")])
    assert set(err.value.fields) == {"kind", "date", "inspector", "findings.category", "findings.description"}
    assert "飞行检查" in str(err.value)


def test_findings_added_edited_removed(session):
    insp = svc.create_inspection(session, kind="self", date=DAY, inspector="护士长")
    f = svc.add_finding(session, insp.id, category="文书", description="体温单漏记")
    with pytest.raises(ValidationError):
        svc.add_finding(session, insp.id, category="文书", description=" ")
    svc.update_finding(session, f.id, description="体温单漏记2份")
    assert svc.findings_of(session, insp.id)[0].description == "体温单漏记2份"
    svc.delete_finding(session, f.id)
    assert svc.findings_of(session, insp.id) == []


def test_update_and_list(session):
    a = svc.create_inspection(session, kind="self", date=DAY, inspector="护士长")
    b = svc.create_inspection(session, kind="cross", date=date(2026, 4, 2), inspector="外科病区")
    with pytest.raises(TypeError):  # scores are computed from checklists (tests/services/test_scoring.py)
        svc.update_inspection(session, a.id, score=90)
    with pytest.raises(TypeError):
        svc.update_inspection(session, a.id, findings=[])
    svc.update_inspection(session, a.id, summary="总体良好")
    assert svc.list_inspections(session, period=Period(2026, 3)) == [a]
    assert svc.list_inspections(session, kind="cross") == [b]
    svc.delete_inspection(session, b.id)
    assert svc.list_inspections(session, year=2026) == [a]
    svc.restore_inspection(session, b.id)
    assert svc.list_inspections(session, year=2026) == [a, b]
