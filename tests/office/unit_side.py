"""A real ward installation for the office tests: its own SQLite file, key file, enrollment and outbox.

It goes through the unit-side API exactly as `qmsdesk enroll` and `qmsdesk submit` do: enroll, submit
the month (which locks it), build the signed package sealed to the office, send it to the inbox folder,
read the office's receipts, amend and submit again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from qmsdesk.db import models as m
from qmsdesk.db.engine import open_database
from qmsdesk.periods import Period
from qmsdesk.services import submission
from qmsdesk.sync.enrollment import enroll
from qmsdesk.sync.keys import PassphraseFileStore
from qmsdesk.sync.monthly import build_month_package, send_package
from qmsdesk.sync.outbox import Outbox
from qmsdesk.sync.receipts import import_receipts

PERIOD = "2026-10"


@dataclass
class Ward:
    root: Path
    db: object
    store: object
    enrollment: object
    outbox: Outbox

    @classmethod
    def enrolled(cls, root: Path, enrollment_file: Path, falls: int = 2) -> Ward:
        root.mkdir(parents=True, exist_ok=True)
        db = open_database(root / "ward.db", actor="测试护士长")
        store = PassphraseFileStore(root / "keys.qmskey", "ward-passphrase")
        with db.session() as s:
            result = enroll(s, enrollment_file, store=store, data_dir=root)
            head = m.Staff(name="王护士长", employee_no="N001", profession="nurse")
            fall = m.IndicatorDefinition(code="NUR-FALL", name_zh="住院患者跌倒发生率", name_en="Falls",
                                         numerator_def="跌倒例次", denominator_def="占用床日数", kind="rate",
                                         multiplier=1000, direction="lower", target=0.5)
            s.add_all([head, fall])
            s.flush()
            s.add(m.IndicatorValue(indicator_id=fall.id, period=PERIOD, numerator=falls, denominator=3000))
            s.add(m.AdverseEvent(occurred_at=datetime(2026, 10, 9, 6, 0, tzinfo=UTC),
                                 reported_at=datetime(2026, 10, 9, 8, 0, tzinfo=UTC), category="fall", grade="III",
                                 description="夜间如厕跌倒", medical_record_no="ZY20261234"))
            s.add(m.RectificationItem(source_kind="event", category="跌倒", problem="夜班巡视不足",
                                      found_on=date(2026, 10, 10), deadline=date(2026, 10, 31), responsible_id=head.id))
        return cls(root, db, store, result.enrollment, Outbox(root / "outbox"))

    def submit(self, inbox: Path) -> Path:
        with self.db.session() as s:
            sub = submission.submit_month(s, Period.parse(PERIOD))
            built = build_month_package(s, sub, store=self.store, outbox=self.outbox, enrollment=self.enrollment)
            send_package(s, built, folder=inbox, outbox=self.outbox, enrollment=self.enrollment)
        return inbox / built.path.name

    def amend(self, reason: str) -> None:
        with self.db.session() as s:
            submission.amend_month(s, Period.parse(PERIOD), reason)

    def set_falls(self, falls: int) -> None:
        with self.db.session() as s:
            value = s.query(m.IndicatorValue).filter(m.IndicatorValue.period == PERIOD).one()
            value.numerator = falls

    def read_receipts(self, folder: Path):
        with self.db.session() as s:
            return import_receipts(s, folder, enrollment=self.enrollment, outbox=self.outbox)

    def status(self) -> str:
        with self.db.session() as s:
            return submission.month_state(s, Period.parse(PERIOD)).status

    def close(self) -> None:
        self.db.close()
