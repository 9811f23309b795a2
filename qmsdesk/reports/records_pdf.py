"""Printed records the group signs: the roster with duties, meeting minutes, training records, sign-in sheets.

Each `*_block` returns the flowables of one record, so the binder prints exactly what the single
printouts print; the `build_*` functions make a one-record PDF of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from qmsdesk.reports.paper import SIGN_ROW_MM, Paper
from qmsdesk.services.group import RosterLine
from qmsdesk.services.group_records import MeetingRecord, Person, SigninSheet, TrainingRecord

EXTRA_SIGNIN_ROWS = 5  # blank rows for people who come without being expected


def _names(people: Sequence[Person]) -> str:
    return "、".join(p.name for p in people) if people else "无"


def roster_block(paper: Paper, lines: Sequence[RosterLine], *, year: int | None = None) -> list[Any]:
    """小组成员及职责: every member with role, 职务, duties, the time in the group and a column to sign."""
    if not lines:
        return [paper.empty("未登记质控小组成员。")]
    rows = []
    for n, x in enumerate(lines, start=1):
        held = f"{x.start_date.isoformat()} 起" if x.end_date is None else f"{x.start_date.isoformat()} 至 {x.end_date.isoformat()}"
        rows.append([str(n), x.name, x.title or x.profession, x.role, x.duty_title, x.duties or "（未填写）", held, ""])
    out: list[Any] = [paper.table(["序号", "姓名", "职称", "小组角色", "职务", "职责/分工", "任职期间", "本人签名"], rows,
                                  [9, 16, 19, 17, 19, 56, 25, 24], numeric=(0,), min_row_height_mm=SIGN_ROW_MM)]
    if year is not None:
        changes = [x for x in lines if x.start_date.year == year or (x.end_date and x.end_date.year == year)]
        for x in changes:
            what = (f"{x.start_date.isoformat()} 加入小组" if x.start_date.year == year else "") + \
                   (f"，{x.end_date.isoformat()} 离开小组" if x.end_date and x.end_date.year == year else "")
            out.append(paper.para(f"成员变动：{x.name}（{x.role}）{what.lstrip('，')}。", "note"))
    return out


def _attendance(paper: Paper, present, absent, excused) -> list[Any]:
    return [paper.labelled(f"出席（{len(present)} 人）", _names(present)),
            paper.labelled(f"缺席（{len(absent)} 人）", _names(absent)),
            paper.labelled(f"请假（{len(excused)} 人）", _names(excused))]


def _sign_grid(paper: Paper, people: Sequence[Person]) -> Any:
    """参会人员签名: two people to a row, a blank cell beside each name."""
    rows, line = [], []
    for p in people:
        line += [p.name, ""]
        if len(line) == 4:
            rows.append(line)
            line = []
    if line:
        rows.append(line + ["", ""])
    return paper.table(["姓名", "签名", "姓名", "签名"], rows, [25, 62, 25, 62], row_height_mm=SIGN_ROW_MM)


def meeting_block(paper: Paper, rec: MeetingRecord, *, level: int = 1) -> list[Any]:
    """会议记录 of one meeting, with the attendees by status and their signatures."""
    out = paper.heading(rec.title, level)
    out.append(paper.facts([("会议类型", rec.kind_label), ("时间", rec.date.isoformat()), ("地点", rec.place),
                            ("主持人", rec.host), ("记录人", rec.recorder),
                            ("应到/实到", f"{len(rec.present) + len(rec.absent) + len(rec.excused)} / {len(rec.present)}")]))
    out += _attendance(paper, rec.present, rec.absent, rec.excused)
    out += [paper.labelled("会议议程", rec.agenda), paper.labelled("会议纪要", rec.minutes)]
    if rec.problems:
        out.append(paper.labelled("发现问题", "；".join(f"{n}. {p}" for n, p in enumerate(rec.problems, start=1))))
    else:
        out.append(paper.labelled("发现问题", "本次会议未提出新问题"))
    out += [paper.labelled("决议", rec.decisions), paper.labelled("上次问题跟进", rec.follow_up)]
    if rec.present:
        out += [paper.minor("参会人员签名"), _sign_grid(paper, rec.present)]
    out += paper.signatures("记录人", "主持人")
    return out


def training_block(paper: Paper, rec: TrainingRecord) -> list[Any]:
    """培训记录 of one session: attendance by status and the scores of its assessment."""
    from reportlab.platypus import KeepTogether

    out: list[Any] = [paper.minor(f"{rec.date.isoformat()}　{rec.topic}"),
                      paper.facts([("类别", rec.category_label), ("学时", f"{rec.hours:g}"), ("授课人", rec.trainer),
                                   ("地点", rec.place), ("应到", str(rec.expected)), ("实到", str(len(rec.present)))],
                                  columns=3, label_mm=12)]
    out += _attendance(paper, rec.present, rec.absent, rec.excused)
    if rec.scores:
        rows = [[s.name, s.kind_label + ("（补考）" if s.retake else ""), s.score, "合格" if s.passed else "不合格"]
                for s in rec.scores]
        passed = sum(s.passed for s in rec.scores)
        out += [paper.para(f"考核：{rec.scores[0].subject}，{len(rec.scores)} 人次，合格 {passed} 人次。", "note"),
                paper.table(["姓名", "考核类型", "成绩", "结果"], rows, [30, 40, 20, 20], numeric=(2,))]
    return [KeepTogether(out[:3]), *out[3:]]


def signin_block(paper: Paper, sheet: SigninSheet, unit_label: str) -> list[Any]:
    """签到表: the expected people with blank 签到时间 and 签名 columns, and a few blank rows more."""
    out: list[Any] = [paper.para(unit_label, "subtitle"), paper.para(sheet.title, "doc"), paper.facts(sheet.facts)]
    rows = [[str(n), p.name, p.post, "", "", ""] for n, p in enumerate(sheet.expected, start=1)]
    rows += [[str(n), "", "", "", "", ""] for n in range(len(rows) + 1, len(rows) + 1 + EXTRA_SIGNIN_ROWS)]
    out += [paper.para(" ", "note"),
            paper.table(["序号", "姓名", "职称/岗位", "签到时间", "签名", "备注"], rows, [10, 24, 28, 26, 46, 30],
                        numeric=(0,), row_height_mm=SIGN_ROW_MM),
            paper.para(f"应到 {len(sheet.expected)} 人，实到 ______ 人；缺席 ______ 人，请假 ______ 人。", "sign")]
    out += paper.signatures("记录人")
    return out


def build_signin_pdf(sheet: SigninSheet, unit_label: str, record_nos: Sequence[str] = ()) -> bytes:
    paper = Paper(record_nos)
    return paper.build(signin_block(paper, sheet, unit_label), title=f"{unit_label} {sheet.title}",
                       header=f"{unit_label}  {sheet.title}")


def build_minutes_pdf(rec: MeetingRecord, unit_label: str, record_nos: Sequence[str] = ()) -> bytes:
    paper = Paper(record_nos)
    story = [paper.para(unit_label, "subtitle"), paper.para("会议记录", "doc"), *meeting_block(paper, rec, level=0)]
    return paper.build(story, title=f"{unit_label} {rec.title} 会议记录", header=f"{unit_label}  {rec.title} 会议记录")


def build_training_pdf(rec: TrainingRecord, unit_label: str, record_nos: Sequence[str] = ()) -> bytes:
    paper = Paper(record_nos)
    story = [paper.para(unit_label, "subtitle"), paper.para("培训记录", "doc"), *training_block(paper, rec)]
    return paper.build(story, title=f"{unit_label} {rec.topic} 培训记录", header=f"{unit_label}  培训记录")


def build_roster_pdf(lines: Sequence[RosterLine], unit_label: str, on: date, record_nos: Sequence[str] = ()) -> bytes:
    paper = Paper(record_nos)
    story = [paper.para(unit_label, "subtitle"), paper.para("科室质量与安全管理小组成员及职责", "doc"),
             paper.para(f"截至 {on.isoformat()}", "note"), *roster_block(paper, lines)]
    story += [paper.para(" ", "note"), *paper.signatures("科主任")]
    return paper.build(story, title=f"{unit_label} 质控小组成员及职责", header=f"{unit_label}  质控小组成员及职责")
