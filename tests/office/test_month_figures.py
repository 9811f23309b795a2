"""The office judges a unit's month by the same rules as the unit: on its last day, in the unit's time zone."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime

from office_helpers import month_records

from qmsdesk import rules
from qmsdesk.office import completeness as comp
from qmsdesk.office.followup import all_items
from qmsdesk.office.importer import import_file
from qmsdesk.office.month_figures import unit_month
from qmsdesk.rules import ItemDates

OCT = "2026-10"
TODAY = date(2026, 12, 6)


def _item_variety() -> list[ItemDates]:
    found = (date(2026, 9, 10), date(2026, 10, 1), date(2026, 10, 31))
    deadline = (date(2026, 9, 30), date(2026, 10, 29), date(2026, 10, 31), date(2026, 12, 1))
    closure = (None, date(2026, 10, 2), date(2026, 10, 31), date(2026, 11, 8))
    out = [ItemDates(f, max(d, f), "closed" if c else "open", c, c)
           for f, d, c in itertools.product(found, deadline, closure) if c is None or c >= f]
    out.append(ItemDates(date(2026, 9, 1), date(2026, 9, 5), "closed", None, date(2026, 10, 3)))  # verified only
    return out


def test_a_units_month_counts_in_sql_what_the_rules_say(store, factory, folders, office_keys):
    unit = factory.unit()
    records = month_records(unit.identity.unit_id, OCT, events=3, items=0)
    items = _item_variety()
    records["rectification_items"] = {}
    for x in items:
        rid = str(uuid.uuid4())
        records["rectification_items"][rid] = {
            "id": rid, "deleted": False, "category": "跌倒", "source_kind": "meeting", "status": x.status,
            "problem": "p", "found_on": x.found_on.isoformat(), "deadline": x.deadline.isoformat(),
            "closed_on": x.closed_on.isoformat() if x.closed_on else None,
            "verified_on": x.verified_on.isoformat() if x.verified_on else None}
    records["meetings"] = {"m1": {"id": "m1", "deleted": False, "kind": "group_monthly", "date": "2026-10-20"},
                           "m2": {"id": "m2", "deleted": False, "kind": "safety", "date": "2026-10-21"}}
    path = factory.package(unit, OCT, 1, records, out=folders.inbox / "u")
    assert import_file(store, path, keys=office_keys, folders=folders).outcome == "applied"

    end = date(2026, 10, 31)
    with store.session() as s:
        got = unit_month(s, unit.unit_id, OCT)
        follow = all_items(s)
    assert got.as_of == end
    assert (got.group_meetings, got.indicators_entered, got.events) == (1, 1, 3)
    assert got.items_in_month == sum(rules.in_month(x, OCT) for x in items)
    assert got.items_raised == sum(x.found_on.strftime("%Y-%m") == OCT for x in items)
    assert got.items_closed == sum(rules.closed_in(x, OCT) for x in items)
    assert got.items_open == sum(rules.open_on(x, end) for x in items)
    assert got.items_overdue == sum(rules.overdue_on(x, end) for x in items) > 0
    # The follow-up list judges each item on the same day, whatever the office's today.
    assert sum(i.overdue(TODAY) for i in follow) == got.items_overdue
    closed_later = [i for i in follow if rules.closed_after(i, end)]
    assert closed_later and all("2026-11-08 销号" in i.status_label for i in closed_later)


def test_timeliness_is_the_day_the_unit_signed_in_its_own_time_zone(store, factory, folders, office_keys):
    shanghai, urumqi = factory.unit("H001", "D01"), factory.unit("H001", "D02")
    # 2026-11-05 17:30 UTC is 11-06 01:30 in Shanghai (one day late) but 11-05 23:30 in Urumqi (on time).
    signed = datetime(2026, 11, 5, 17, 30, tzinfo=UTC)
    for unit, zone in ((shanghai, None), (urumqi, "Asia/Urumqi")):
        notes = {"time_zone": zone} if zone else None
        path = factory.package(unit, OCT, 1, month_records(unit.identity.unit_id, OCT), created=signed,
                               out=folders.inbox / unit.identity.department_code, notes=notes)
        assert import_file(store, path, keys=office_keys, folders=folders).outcome == "applied"
    with store.session() as s:
        table = comp.completeness(s, [OCT], TODAY)
        assert table.cell(shanghai.unit_id, OCT).text == "迟报 1 天"
        assert table.cell(urumqi.unit_id, OCT).text == "按时"


def test_one_fall_at_a_small_unit_is_not_a_target_miss_at_the_office(store, factory, folders, office_keys):
    from qmsdesk.analytics.rates import TargetStatus
    from qmsdesk.office.comparison import compare_units

    small, large = factory.unit("H001", "D01"), factory.unit("H001", "D02")
    for unit, falls in ((small, (1, 1250)), (large, (30, 3000))):
        path = factory.package(unit, OCT, 1, month_records(unit.identity.unit_id, OCT, fall=falls),
                               out=folders.inbox / unit.identity.department_code)
        assert import_file(store, path, keys=office_keys, folders=folders).outcome == "applied"
    with store.session() as s:
        result = {r.unit_id: r for r in compare_units(s, "NUR-FALL", OCT).rows}
    # 0.80‰ against ≤0.10‰ from one fall: its exact interval (0.02–4.46‰) holds the target.
    assert result[small.unit_id].value == 0.8 and result[small.unit_id].status is TargetStatus.UNCERTAIN
    assert result[large.unit_id].status is TargetStatus.MISSED  # 30 falls a month is not rare
