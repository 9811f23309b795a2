"""持续改进项目 (PDCA): a theme walked P→D→C→A, its countermeasures run through the ledger.

The stages and what each move needs (TRANSITIONS, `gaps_for`): to start doing, a plan — indicators with
a baseline and a target, the current state, verified key causes (要因), countermeasures; to check, the
month the change took effect and an implementation log; to act, the C evidence — enough months after
the change in every indicator, computed from the indicator data, and a conclusion; to close, the
standardisation, the next cycle, and every countermeasure closed (销号) in the ledger.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from qmsdesk.clock import today
from qmsdesk.db import models as m
from qmsdesk.db.enums import FishboneCategory, PdcaStage, SourceKind
from qmsdesk.db.queries import live
from qmsdesk.errors import Collector, FieldError, ValidationError
from qmsdesk.i18n import msg
from qmsdesk.periods import Period
from qmsdesk.services.base import as_uuid, check_changes, check_choice, check_not_future, check_required, get
from qmsdesk.services.staff import require_staff

TRANSITIONS: dict[str, tuple[str, ...]] = {
    PdcaStage.PLAN: (PdcaStage.DO,),
    PdcaStage.DO: (PdcaStage.CHECK,),
    PdcaStage.CHECK: (PdcaStage.ACT, PdcaStage.DO),  # back to D: the effect was not reached yet
    PdcaStage.ACT: (PdcaStage.CLOSED,),
    PdcaStage.CLOSED: (),
}
ANALYSIS_KINDS = ("checklist", "events")
_FROZEN = frozenset({"stage", "closed_on", "previous_id"})


def _clean(text: str | None) -> str | None:
    return text.strip() if isinstance(text, str) and text.strip() else None


def get_project(session: Session, project_id) -> m.PdcaProject:
    return get(session, m.PdcaProject, project_id)


def _editable(project: m.PdcaProject) -> None:
    if project.stage == PdcaStage.CLOSED:
        raise ValidationError(msg("已结案的改进项目不能修改；可开始下一轮循环。",
                                  "A closed project cannot be changed; start its next cycle instead."), "stage")


def _check_project(session: Session, v: dict) -> None:
    c = Collector()
    check_required(c, "title", v.get("title"), msg("改进主题", "the theme"))
    check_required(c, "reason", v.get("reason"), msg("选题理由", "why this theme was chosen"))
    check_required(c, "started_on", v.get("started_on"), msg("立项日期", "the start date"))
    check_not_future(c, "started_on", v.get("started_on"), msg("立项日期", "The start date"))
    require_staff(session, c, "leader_id", v.get("leader_id"), msg("项目负责人", "The project leader"))
    for key in ("baseline_start", "baseline_end", "change_period"):
        if v.get(key) is not None:
            try:
                Period.parse(v[key], key)
            except ValidationError as exc:
                c.errors += exc.errors
    c.raise_if_any()
    if v.get("baseline_start") and v.get("baseline_end") and v["baseline_end"] < v["baseline_start"]:
        raise ValidationError(msg("基线结束月份早于开始月份。", "The baseline ends before it starts."), "baseline_end")
    if v.get("baseline_end") and v.get("change_period") and v["change_period"] <= v["baseline_end"]:
        raise ValidationError(msg("改进措施生效月份（{c}）应在基线（至 {b}）之后。",
                                  "The change month ({c}) must come after the baseline (to {b}).",
                                  c=v["change_period"], b=v["baseline_end"]), "change_period")


def create_project(session: Session, *, title: str, reason: str, started_on: date, leader_id=None,
                   team: str | None = None, current_state: str | None = None, baseline_start: str | None = None,
                   baseline_end: str | None = None) -> m.PdcaProject:
    """A new project in the plan stage."""
    values = dict(title=_clean(title), reason=_clean(reason), started_on=started_on, leader_id=as_uuid(leader_id),
                  team=_clean(team), current_state=_clean(current_state), baseline_start=_clean(baseline_start),
                  baseline_end=_clean(baseline_end))
    _check_project(session, values)
    project = m.PdcaProject(stage=PdcaStage.PLAN.value, analysis_source={}, **values)
    session.add(project)
    session.flush()
    return project


def update_project(session: Session, project_id, **changes) -> m.PdcaProject:
    """Edit the project's texts and periods; the stage moves only through `move`."""
    from qmsdesk.services.base import values_of

    check_changes(m.PdcaProject, changes, frozen=_FROZEN)
    project = get_project(session, project_id)
    _editable(project)
    changes = {k: (_clean(v) if isinstance(v, str) else v) for k, v in changes.items()}
    if "leader_id" in changes:
        changes["leader_id"] = as_uuid(changes["leader_id"])
    _check_project(session, values_of(project) | changes)
    for key, value in changes.items():
        setattr(project, key, value)
    session.flush()
    return project


def set_analysis_source(session: Session, project_id, *, kind: str, start: str, end: str,
                        template_code: str | None = None, event_category: str | None = None) -> m.PdcaProject:
    """Where the current-state Pareto comes from: checklist deductions (of one checklist, or all) or event factors."""
    project = get_project(session, project_id)
    _editable(project)
    c = Collector()
    if kind not in ANALYSIS_KINDS:
        c.add("kind", msg("现状分析来源应为检查扣分或不良事件原因。", "The analysis comes from checklist deductions or event factors."))
    for key, value in (("start", start), ("end", end)):
        try:
            Period.parse(value, key)
        except ValidationError as exc:
            c.errors += exc.errors
    c.raise_if_any()
    project.analysis_source = {k: v for k, v in dict(kind=kind, start=str(Period.parse(start)), end=str(Period.parse(end)),
                                                     template=template_code, event_category=event_category).items()
                               if v is not None}
    session.flush()
    return project


def add_indicator(session: Session, project_id, *, code: str, target: float) -> m.PdcaIndicator:
    """An indicator the project means to move, with the target the project sets for it."""
    from qmsdesk.analytics.charts import find_indicator

    project = get_project(session, project_id)
    _editable(project)
    indicator = find_indicator(session, code)
    if isinstance(target, bool) or not isinstance(target, int | float):
        raise ValidationError(msg("请填写目标值（数字）。", "Give the target as a number."), "target")
    existing = session.scalars(live(m.PdcaIndicator).where(m.PdcaIndicator.project_id == project.id,
                                                           m.PdcaIndicator.indicator_id == indicator.id)).first()
    if existing is not None:
        existing.target = float(target)
        session.flush()
        return existing
    row = m.PdcaIndicator(project_id=project.id, indicator_id=indicator.id, target=float(target))
    project.indicators.append(row)
    session.flush()
    return row


def add_cause(session: Session, project_id, *, category: str, description: str, key_cause: bool = False,
              verification: str | None = None) -> m.PdcaCause:
    """A cause on the project's fishbone; a key cause (要因) needs the way it was verified (要因确认)."""
    project = get_project(session, project_id)
    _editable(project)
    c = Collector()
    check_choice(c, "category", category, FishboneCategory, msg("原因类别", "cause category"))
    check_required(c, "description", description, msg("原因", "the cause"))
    if key_cause and not _clean(verification):
        c.add("verification", msg("确认为要因时请写明验证方法和结果（如现场查检 n 例，占比 x%）。",
                                  "A key cause needs its verification (how it was checked and what was found)."))
    c.raise_if_any()
    row = m.PdcaCause(project_id=project.id, category=str(category), description=description.strip(),
                      key_cause=bool(key_cause), verification=_clean(verification))
    project.causes.append(row)
    session.flush()
    return row


def _countermeasure(session: Session, project: m.PdcaProject, *, what: str, why: str, where: str, how: str,
                    cause_id, responsible_id, deadline: date | None) -> m.PdcaCountermeasure:
    c = Collector()
    for key, value, what_zh, what_en in (("what", what, "对策内容（What）", "what"), ("why", why, "对策理由（Why）", "why"),
                                         ("where", where, "实施地点（Where）", "where"), ("how", how, "实施方法（How）", "how")):
        check_required(c, key, value, msg(what_zh, what_en))
    if responsible_id is None:
        c.add("responsible_id", msg("请指定对策负责人（Who）。", "Name who is responsible (Who)."))
    if deadline is None:
        c.add("deadline", msg("请填写完成期限（When）。", "Give the deadline (When)."))
    cause = get(session, m.PdcaCause, cause_id) if cause_id is not None else None
    if cause is not None and cause.project_id != project.id:
        c.add("cause_id", msg("所选原因不属于本项目。", "That cause belongs to another project."))
    c.raise_if_any()
    row = m.PdcaCountermeasure(project_id=project.id, cause_id=cause.id if cause else None, what=what.strip(),
                               why=why.strip(), where=where.strip(), how=how.strip())
    project.countermeasures.append(row)
    session.flush()
    return row


def add_countermeasure(session: Session, project_id, *, what: str, why: str, where: str, how: str, responsible_id,
                       deadline: date, cause_id=None, found_on: date | None = None) -> m.PdcaCountermeasure:
    """A countermeasure in 5W1H; who and when live on the ledger item made with it, which the ledger then walks."""
    from qmsdesk.services import ledger

    project = get_project(session, project_id)
    _editable(project)
    row = _countermeasure(session, project, what=what, why=why, where=where, how=how, cause_id=cause_id,
                          responsible_id=responsible_id, deadline=deadline)
    found = found_on or min(today(), deadline)
    ledger.create_item(session, source_kind=SourceKind.PDCA, category=msg("持续改进", "Improvement"),
                       problem=msg("【{t}】{w}", "[{t}] {w}", t=project.title, w=row.what),
                       found_on=found, deadline=deadline, root_cause=row.cause.description if row.cause else None,
                       measures=row.how, responsible_id=responsible_id, countermeasure_id=row.id)
    return row


def adopt_item(session: Session, project_id, item_id, *, what: str, why: str, where: str, how: str,
               cause_id=None) -> m.PdcaCountermeasure:
    """Make an item already in the ledger (a problem raised at the project's planning meeting, say) one of
    the project's countermeasures: its owner and deadline stay the item's (Who, When)."""
    project = get_project(session, project_id)
    _editable(project)
    item = get(session, m.RectificationItem, item_id)
    if item.countermeasure_id is not None:
        raise ValidationError(msg("这个整改事项已是某改进项目的对策。", "This item is already a project's countermeasure."),
                              "item_id")
    row = _countermeasure(session, project, what=what, why=why, where=where, how=how, cause_id=cause_id,
                          responsible_id=item.responsible_id, deadline=item.deadline)
    item.countermeasure_id = row.id
    session.flush()
    return row


def add_log(session: Session, project_id, *, on: date, note: str, author: str | None = None) -> m.PdcaLogEntry:
    """实施记录: what was done on a day, tagged with the stage the project is in."""
    project = get_project(session, project_id)
    _editable(project)
    c = Collector()
    check_required(c, "note", note, msg("实施记录", "the note"))
    check_required(c, "date", on, msg("日期", "the date"))
    check_not_future(c, "date", on, msg("记录日期", "The note's date"))
    if on is not None and on < project.started_on:
        c.add("date", msg("记录日期不能早于立项日期（{d}）。", "A note cannot predate the project ({d}).",
                          d=project.started_on.isoformat()))
    c.raise_if_any()
    row = m.PdcaLogEntry(project_id=project.id, date=on, stage=project.stage, note=note.strip(),
                         author=author or session.info.get("actor"))
    project.log.append(row)
    session.flush()
    return row


def _part(session: Session, model, part_id, what: tuple[str, str]):
    row = get(session, model, part_id)
    if row.deleted:
        raise ValidationError(msg("该{w}已删除。", "That {w} has already been removed.", w=msg(*what)), "id")
    _editable(get_project(session, row.project_id))
    return row


def remove_cause(session: Session, cause_id) -> None:
    """Take a cause off the fishbone; refused while a countermeasure still answers it."""
    cause = _part(session, m.PdcaCause, cause_id, ("原因", "cause"))
    answered = [c.what for c in cause.project.countermeasures if not c.deleted and c.cause_id == cause.id]
    if answered:
        raise ValidationError(msg("原因“{c}”下还有对策：{m}。请先删除这些对策。",
                                  "Countermeasures still answer the cause '{c}': {m}. Remove them first.",
                                  c=cause.description, m="、".join(answered)), "id")
    cause.deleted = True
    session.flush()


def remove_countermeasure(session: Session, countermeasure_id) -> None:
    """Take a countermeasure out of the project. Its ledger item stays in the ledger (a rectification record
    is closed or deleted there), no longer tied to the project, so it can be adopted again."""
    row = _part(session, m.PdcaCountermeasure, countermeasure_id, ("对策", "countermeasure"))
    for item in session.scalars(live(m.RectificationItem).where(m.RectificationItem.countermeasure_id == row.id)):
        item.countermeasure_id = None
    row.deleted = True
    session.flush()


def remove_log_entry(session: Session, entry_id) -> None:
    """Remove an 实施记录 written by mistake."""
    _part(session, m.PdcaLogEntry, entry_id, ("实施记录", "note")).deleted = True
    session.flush()


# --- the stages --------------------------------------------------------------------------------

def move(session: Session, project_id, to_stage: str, *, on: date | None = None, note: str | None = None) -> m.PdcaProject:
    """Move the project to its next stage when nothing is missing; the move is written to the log."""
    from qmsdesk.analytics.pdca_case import gaps_for

    project = get_project(session, project_id)
    target = PdcaStage(to_stage)
    if target not in TRANSITIONS.get(project.stage, ()):
        raise ValidationError(msg("改进项目不能从“{a}”变为“{b}”。", "A project cannot go from '{a}' to '{b}'.",
                                  a=PdcaStage(project.stage).label, b=target.label), "stage")
    backwards = project.stage == PdcaStage.CHECK and target == PdcaStage.DO
    if backwards and not _clean(note):
        raise ValidationError(msg("退回实施阶段请写明原因（效果未达到的情况）。", "Say why the project goes back to Do."), "note")
    gaps = [] if backwards else gaps_for(session, project, target)  # analytics.pdca_case
    if gaps:
        head = msg("还不能进入“{s}”：", "Cannot move to '{s}' yet:", s=target.label)
        raise ValidationError([FieldError("stage", head), *(FieldError("stage", g) for g in gaps)])
    day = on or today()
    text = msg("进入{s}", "moved to {s}", s=target.label) + (f"：{note.strip()}" if _clean(note) else "")
    project.log.append(m.PdcaLogEntry(project_id=project.id, date=day, stage=target.value, note=text,
                                      author=session.info.get("actor")))
    project.stage = target.value
    if target == PdcaStage.CLOSED:
        project.closed_on = day
    session.flush()
    return project


def start_next_cycle(session: Session, project_id, *, started_on: date, title: str | None = None,
                     reason: str | None = None) -> m.PdcaProject:
    """A new project in plan, carrying the closed one's indicators and targets, its baseline the old after-period."""
    old = get_project(session, project_id)
    if old.stage != PdcaStage.CLOSED:
        raise ValidationError(msg("本轮结案后才能开始下一轮循环。", "Close this cycle before starting the next."), "stage")
    from qmsdesk.analytics.pdca_case import next_cycle_of

    following = next_cycle_of(session, old.id)
    if following is not None:
        raise ValidationError(msg("本轮已开始下一轮循环“{t}”，请在该项目中继续。",
                                  "The next cycle '{t}' has already been started from this one; continue there.",
                                  t=following.title), "stage")
    new = create_project(session, title=title or old.title, reason=reason or old.next_cycle or old.reason,
                         started_on=started_on, leader_id=old.leader_id, team=old.team,
                         baseline_start=old.change_period)
    new.previous_id = old.id
    for ind in old.indicators:
        if not ind.deleted:
            new.indicators.append(m.PdcaIndicator(project_id=new.id, indicator_id=ind.indicator_id, target=ind.target))
    session.flush()
    return new


def list_projects(session: Session, *, stage: str | None = None) -> list[m.PdcaProject]:
    stmt = live(m.PdcaProject)
    if stage is not None:
        stmt = stmt.where(m.PdcaProject.stage == str(stage))
    return list(session.scalars(stmt.order_by(m.PdcaProject.started_on)))


def delete_project(session: Session, project_id) -> None:
    """Soft delete with its parts; the ledger items of its countermeasures stay in the ledger."""
    project = get_project(session, project_id)
    for row in (*project.indicators, *project.causes, *project.countermeasures, *project.log):
        row.deleted = True
    project.deleted = True
    session.flush()


PROJECT_FIELDS = ("title", "reason", "started_on", "leader_id", "team", "current_state", "baseline_start",
                  "baseline_end", "change_period", "check_summary", "standardization", "next_cycle")


def project_values(session: Session, project_id) -> dict:
    """The project's editable values, for the window's form."""
    project = get_project(session, project_id)
    return {key: getattr(project, key) for key in PROJECT_FIELDS}


def template_choices(session: Session) -> list[tuple[str, str]]:
    """(code, name) of the checklists a current-state Pareto may count the deductions of, one per code."""
    from qmsdesk.services.checklists import list_templates

    return list({t.code: (t.code, t.name) for t in list_templates(session)}.values())
