"""Paper records read back: sign-in sheets with the expected names and blank columns, minutes with who came,
who did not and who was excused, training records with scores, the roster with duties and a place to sign."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from qmsdesk.reports import records_pdf as rp
from qmsdesk.services import group, meetings, training
from qmsdesk.services import group_records as gr
from qmsdesk.services import plan as plan_svc
from qmsdesk.services import staff as staff_svc

UNIT = "示例县人民医院 心血管内科"
RECORD_NO = "ZY20260777"


def _text(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def _person(session, name, no, profession, **kw):
    return staff_svc.create_staff(session, name=name, employee_no=no, profession=profession,
                                  hire_date=date(2015, 7, 1), **kw)


@pytest.fixture
def head_nurse(session):
    return _person(session, "王芳", "N000", "nurse", title="副主任护师", nursing_level="N4")


@pytest.fixture
def nurse(session):
    return _person(session, "李娜", "N001", "nurse", title="主管护师", nursing_level="N3")


@pytest.fixture
def doctor(session):
    return _person(session, "张伟", "D001", "doctor", title="主治医师")


@pytest.fixture
def ward(session, head_nurse, nurse, doctor):
    tech = staff_svc.create_staff(session, name="赵技师", employee_no="T001", profession="technician",
                                  hire_date=date(2019, 1, 1))
    group.add_member(session, staff_id=doctor.id, role="leader", start_date=date(2025, 1, 1), duty_title="科主任",
                     duties="科室质量与安全第一责任人，主持例会")
    group.add_member(session, staff_id=head_nurse.id, role="deputy", start_date=date(2025, 1, 1), duty_title="护士长",
                     duties="负责护理质量检查与培训考核")
    mt = meetings.create_meeting(session, kind="group_monthly", date=date(2026, 3, 25), place="示教室",
                                 host_id=doctor.id, recorder_id=head_nurse.id, agenda="跌倒防范",
                                 minutes=f"讨论患者 {RECORD_NO} 跌倒经过", decisions="夜间加强巡视",
                                 attendance=[(doctor.id, "present"), (head_nurse.id, "present"), (nurse.id, "excused"),
                                             (tech.id, "absent")], problems=["跌倒评估不及时"])
    ts = training.create_training_session(session, topic="心肺复苏", category="skills", hours=2, date=date(2026, 3, 12),
                                          trainer="张伟", attendance=[(nurse.id, "present"), (head_nurse.id, "present"),
                                                                      (doctor.id, "absent")])
    training.record_scores(session, ts.id, {nurse.id: 92, head_nurse.id: 71}, kind="practical")
    return {"meeting": mt, "training": ts, "tech": tech}


def test_signin_sheet_lists_the_expected_people_with_blank_columns(session, ward):
    pdf = rp.build_signin_pdf(gr.meeting_signin(session, ward["meeting"].id), UNIT)
    text = _text(pdf)
    assert "质控小组例会签到表" in text and "签到时间" in text and "签名" in text
    assert all(n in text for n in ("张伟", "王芳", "李娜", "赵技师")) and "应到4人" in text
    assert "第1页/共1页" in text and "记录人（签字）" in text


def test_signin_for_a_meeting_still_to_be_held_lists_the_members(session, ward):
    sheet = gr.planned_meeting_signin(session, date(2026, 4, 24), place="示教室")
    text = _text(rp.build_signin_pdf(sheet, UNIT))
    assert "张伟" in text and "王芳" in text and "李娜" not in text and "2026-04-24" in text


def test_signin_for_a_planned_training_lists_its_audience(session, ward):
    planned = plan_svc.add_training(session, 2026, month=5, topic="静脉留置针维护", category="skills", hours=1,
                                    audience="护士")
    sheet = gr.training_signin(session, planned.id)
    assert [p.name for p in sheet.expected] == ["王芳", "李娜"]  # nurses only, by employee number
    text = _text(rp.build_signin_pdf(sheet, UNIT))
    assert "培训签到表" in text and "静脉留置针维护" in text and "2026年5月____日" in text


def test_minutes_name_present_absent_and_excused_and_mask_record_numbers(session, ward):
    record = gr.meeting_record(session, ward["meeting"].id)
    text = _text(rp.build_minutes_pdf(record, UNIT, [RECORD_NO]))
    assert "出席（2人）：张伟、王芳" in text and "缺席（1人）：赵技师" in text and "请假（1人）：李娜" in text
    assert "参会人员签名" in text and "记录人（签字）" in text and "主持人（签字）" in text
    assert RECORD_NO not in text and "****0777" in text


def test_training_record_shows_attendance_and_scores(session, ward):
    text = _text(rp.build_training_pdf(gr.training_record(session, ward["training"].id), UNIT))
    assert "出席（2人）" in text and "缺席（1人）：张伟" in text
    assert "李娜操作考核92合格" in text and "王芳操作考核71不合格" in text and "2人次，合格1人次" in text


def test_roster_prints_duties_and_a_signature_column(session, ward):
    lines = group.roster(session, on=date(2026, 3, 1))
    text = _text(rp.build_roster_pdf(lines, UNIT, date(2026, 3, 1)))
    assert "本人签名" in text and "科主任" in text and "科室质量与安全第一责任人，主持例会" in text
    assert text.index("张伟") < text.index("王芳")  # leader first


def test_duty_title_is_short_and_duties_are_kept(session, nurse):
    with pytest.raises(Exception) as err:
        group.add_member(session, staff_id=nurse.id, role="member", start_date=date(2025, 1, 1), duty_title="质" * 40)
    assert "职务最多" in str(err.value)
    row = group.add_member(session, staff_id=nurse.id, role="member", start_date=date(2025, 1, 1), duty_title=" 护理质控员 ")
    group.set_duties(session, row.id, duty_title="护理质控员", duties="每月护理文书自查")
    line = group.roster(session, on=date(2026, 1, 1))[0]
    assert (line.duty_title, line.duties) == ("护理质控员", "每月护理文书自查")
