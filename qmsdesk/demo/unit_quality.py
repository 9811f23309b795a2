"""An office-demo unit's quality tools, straight as package records: its inspections scored from the shipped
checklists, an RCA for every grade I–II event, and — in some units — a PDCA project on a weak indicator.

The rows have the shape sync.records gives a ward's package (qmsdesk.sync.records_build: the checklist's
code, version and item texts on each scored item, a score computed from the items, a factor's vocabulary
label, a project's progress computed for the month). Everything is drawn from a random source of its own,
seeded by the unit, so the rest of the unit's history is the same with or without it.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from sqlalchemy import inspect

from qmsdesk.db import models as m
from qmsdesk.periods import Period

# The checklist a unit's inspections use, by department type (wards rotate through the nursing ones).
WARD_LISTS = ("NUR-SAFE", "NUR-DOC", "NUR-LEVEL", "NUR-IC", "NUR-CORE", "NUR-WARD", "NUR-EMERG")
OTHER_LISTS = ("NUR-IC", "NUR-WARD", "NUR-CORE")
CRITICAL = {"icu": ("NUR-CRIT", "NUR-SAFE", "NUR-IC", "NUR-EMERG")}
FACTORS = {"fall": ("MAN-ASSESS", "MAT-DRUG", "MAN-PATROL", "ENV-LIGHT", "ENV-LAYOUT", "MAN-EDU"),
           "pressure_injury": ("MAN-ASSESS", "MTD-NOT-FOLLOWED", "MAT-SUPPLY"),
           "medication_error": ("MTD-NOT-FOLLOWED", "MAN-CHECK", "MAN-HANDOVER", "MAN-STAFFING")}
GENERIC_FACTORS = ("MTD-NOT-FOLLOWED", "MAN-ASSESS", "MTD-TRAINING", "MEA-FEEDBACK")
WHYS = ("为什么发生？防范措施未落实到位。", "为什么未落实？风险评估不及时，未识别高危。", "为什么评估不及时？流程未规定复评时机，培训后未考核。")
THEMES = (("NUR-FALL", "降低住院患者跌倒发生率", 0.1), ("NIT-VTE", "提高VTE规范预防率", 90.0),
          ("NUR-CAUTI", "降低导尿管相关尿路感染发生率", 2.0), ("NUR-PI", "降低院内压力性损伤发生率", 0.1))


@cache
def _keys(model) -> tuple[str, ...]:
    return tuple(c.key for c in inspect(model).column_attrs)


@cache
def _templates() -> dict[str, Any]:
    from qmsdesk.services.checklists import shipped_templates

    return {t.code: t for t in shipped_templates()}


@cache
def _vocabulary():
    from qmsdesk.services.factors import vocabulary

    return vocabulary()


@dataclass
class Project:
    row: dict
    code: str
    start: int  # month index of the plan
    change: int  # month index the change took effect
    close: int | None  # month index it closed in (None: still running at the window's end)
    target: float
    causes: list[str] = field(default_factory=list)


class UnitQuality:
    """The quality-tool rows of one unit (`h` is its qmsdesk.demo.unit_history.UnitHistory)."""

    def __init__(self, h, seed: int) -> None:
        self.h = h
        self.rng = random.Random(f"qmsdesk-office-demo-quality/{seed}/{h.spec.key}")
        self.template_ids = {code: self._id() for code in _templates()}
        self.item_ids: dict[tuple[str, str], str] = {}
        self.project: Project | None = None

    def _id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def _put(self, p: Period, table: str, model, when: date, **values) -> dict:
        from qmsdesk.demo.unit_history import _stamp

        row = dict.fromkeys(_keys(model))
        row.update(id=self._id(), created_at=_stamp(when), updated_at=_stamp(when), deleted=False, **values)
        self.h.months[str(p)].setdefault(table, {})[row["id"]] = row
        return row

    # --- scored inspections -------------------------------------------------------------------

    def score(self, p: Period, inspection: dict, findings: int) -> None:
        """Score the inspection from a checklist: a few deducted lines, more in a weaker unit."""
        rng, dept = self.rng, self.h.spec.department
        lists = CRITICAL.get(dept.type) or (WARD_LISTS if dept.beds else OTHER_LISTS)
        t = _templates()[lists[(p.year * 12 + p.month) % len(lists)]]
        weak = 1 - self.h.profile.quality
        chosen = rng.sample(t.items, min(len(t.items), findings + rng.choice((0, 1, 1, 2)) + int(weak * 3)))
        deducted = 0.0
        when = date.fromisoformat(inspection["date"])
        for line in chosen:
            failures = rng.choice((1, 1, 2)) + (rng.random() < weak)
            per = line.per if line.per is not None else min(2.0, line.cap)
            deduction = min(failures * per, line.cap)
            deducted += deduction
            reason = f"抽查{line.sample}份（人），{failures}处不符合" if line.sample else f"现场查看发现{failures}处不符合"
            key = (t.code, line.code)
            self.item_ids.setdefault(key, self._id())
            self._put(p, "inspection_items", m.InspectionItem, when, inspection_id=inspection["id"],
                      template_item_id=self.item_ids[key], deduction=deduction, reason=reason, sample_size=line.sample,
                      failures=failures, not_applicable=False, item_code=line.code, section=line.section,
                      text=line.text, standard=line.standard, method=line.method, cap=line.cap, template_code=t.code,
                      template_version=t.version)
        points = t.total - deducted
        inspection.update(template_id=self.template_ids[t.code], scored=True, template_code=t.code,
                          template_version=t.version, template_name=t.name, score=round(points, 4),
                          max_score=t.total, percent=round(points / t.total * 100, 4), deducted_items=len(chosen))

    # --- RCAs -----------------------------------------------------------------------------------

    def analyse(self, p: Period, event: dict, when: date) -> None:
        """An RCA for a grade I–II event, as a ward completes it before the month is submitted."""
        rng, vocab = self.rng, _vocabulary()
        analysis = self._put(p, "event_analyses", m.EventAnalysis, when, event_id=event["id"],
                             analysed_on=(when + timedelta(days=rng.randint(2, 6))).isoformat(),
                             team="护士长、质控员、责任护士", whys=list(WHYS),
                             root_cause=event.get("analysis") or "高危因素评估与防范措施落实不到位",
                             lessons="完善流程，全员培训并考核，纳入交接班核查。", event_category=event["category"],
                             event_grade=event["grade"], harm_level=event["harm_level"])
        pool = FACTORS.get(event["category"], GENERIC_FACTORS)
        for n, code in enumerate(rng.sample(pool, min(len(pool), rng.randint(2, 3)))):
            self._put(p, "event_factors", m.EventFactor, when, analysis_id=analysis["id"],
                      category=vocab.get(code).category, code=code, note=None, primary=n == 0,
                      label=vocab.label(code), event_category=event["category"], event_grade=event["grade"])

    # --- a PDCA project -------------------------------------------------------------------------

    def plan_project(self) -> None:
        """Some units take up an indicator as a PDCA project in the window's first half — one whose figures
        after the change are better than before (the project follows the unit's data, not the other way)."""
        h, rng = self.h, self.rng
        entries = {e.code: e for e, _id in h.definitions}
        themes = [t for t in THEMES if t[0] in entries]
        rng.shuffle(themes)
        if len(h.periods) < 8 or not themes or rng.random() > 0.45:
            return
        start = rng.randint(2, 4)
        change = start + 2
        close = change + 4 if change + 5 < len(h.periods) and rng.random() < 0.6 else None
        end = (close if close is not None else len(h.periods) - 1) + 1
        chosen = next((t for t in themes if self._improves(entries[t[0]], start, change, end)), None)
        if chosen is None:
            return
        code, title, target = chosen
        leader = h.members[1]
        row = dict.fromkeys(_keys(m.PdcaProject))
        row.update(id=self._id(), deleted=False, title=title, reason=f"{title.removeprefix('降低').removeprefix('提高')}"
                   "近期未达目标，属高风险、可改进的问题。", started_on=h.periods[start].first_day.isoformat(),
                   leader_id=leader.id, team="护士长、质控员、责任护士", baseline_start=str(h.periods[0]),
                   baseline_end=str(h.periods[start]), change_period=str(h.periods[change]),
                   current_state="查检近期数据并分析原因。", analysis_source={}, previous_id=None)
        self.project = Project(row, code, start, change, close, target,
                               causes=["风险评估不及时", "措施执行不到位", "培训后未考核"])

    def project_rows(self, p: Period, created_on: date) -> dict[str, dict]:
        """The project as the package of `p` carries it: its stage and progress as of that month."""
        pr = self.project
        if pr is None:
            return {}
        index = self.h.periods.index(p)
        if index < pr.start or (pr.close is not None and index > pr.close):
            return {}
        stage = ("plan" if index < pr.start + 1 else "do" if index < pr.change + 1 else
                 "check" if index < pr.change + 3 else "act")
        closed = pr.close is not None and index == pr.close
        row = dict(pr.row, stage="closed" if closed else stage, updated_at=f"{created_on.isoformat()}T09:00:00+00:00",
                   created_at=pr.row["started_on"] + "T09:00:00+00:00",
                   closed_on=p.last_day.isoformat() if closed else None,
                   standardization="修订相关护理常规并纳入培训。" if stage == "act" or closed else None,
                   next_cycle="持续监测，下一轮聚焦执行薄弱环节。" if closed else None)
        row["progress"] = self._progress(pr, index, row["stage"])
        return {row["id"]: row}

    def _progress(self, pr: Project, index: int, stage: str) -> dict:
        entry = next(e for e, _id in self.h.definitions if e.code == pr.code)
        before = self._pooled(pr.code, 0, pr.start + 1, entry)
        after_months = max(0, index - pr.change + 1)
        after = self._pooled(pr.code, pr.change, index + 1, entry) if after_months else None
        better = None if before is None or after is None else (after < before if entry.direction == "lower" else after > before)
        met = None if after is None else (after <= pr.target if entry.direction == "lower" else after >= pr.target)
        done = 0 if stage in ("plan", "do") else 3
        return {"stage": stage, "indicators": [{
            "code": pr.code, "name": entry.name_zh, "unit": entry.unit, "direction": entry.direction, "target": pr.target,
            "baseline": before, "after": after, "after_months": after_months, "improved": better, "target_met": met}],
            "key_causes": pr.causes, "countermeasures": 3, "countermeasures_closed": done, "log": [], "summary": ""}

    def _improves(self, entry, start: int, change: int, end: int) -> bool:
        before = self._pooled(entry.code, 0, start + 1, entry)
        after = self._pooled(entry.code, change, end, entry)
        if before is None or after is None:
            return False
        return after < before if entry.direction == "lower" else after > before

    def _pooled(self, code: str, lo: int, hi: int, entry) -> float | None:
        num = den = 0.0
        for p in self.h.periods[lo:hi]:
            for row in self.h.months[str(p)]["indicator_values"].values():
                if row["indicator_code"] == code:
                    num += row["numerator"]
                    den += row["denominator"] or 0
        return round(num / den * entry.multiplier, 4) if den else None
