"""The ward demo's scripted stories: one full PDCA cycle (falls) and one real excursion (CAUTI).

Everything else in the demo year is drawn at random around these. Months are indexes into the demo's
twelve months (m0 the first, m11 the last; with `--until 2026-10`, m0 = 2025-11 and m11 = 2026-10), days
are days of that month (meetings and inspections move to the nearest weekday). The records below are
what issue 16 attaches its PDCA project and checklist inspections to (qmsdesk.demo.checklists scores the
falls inspections, qmsdesk.demo.rca analyses fall-3, qmsdesk.demo.pdca makes the project and adopts the m4
items as its countermeasures); `Demo.story` holds each of them by the key given here.

Falls — 跌倒/坠床 PDCA (P: m3–m4, D: m4–m6, C: m5–m6, A: m7, effect to m11)
    events      fall-1  m1 d17 03:10  Ⅲ级, no injury, on the way back from the toilet at night
                fall-2  m3 d11 05:20  Ⅲ级, dizzy after furosemide, slid to the bathroom floor
                fall-3  m4 d9  02:40  Ⅱ级, forehead laceration sutured (RCA in the event's analysis)
    inspections falls-check     m3 d14 self  跌倒/坠床防范专项自查: 落实率 75% (9/12); findings
                                warning-signs (item), call-bell (item), reassess-after-drugs (no item:
                                taken into the theme of the m4 meeting)
                falls-recheck-1 m5 d19 self  跌倒防范措施落实复查: 93% (14/15); one finding, no item
                falls-recheck-2 m6 d15 self  分级护理及跌倒防范复查: 100% (14/14); one unrelated finding
    meetings    m3 announces the theme; m4 is the PDCA plan (现状, 鱼骨图原因, 目标, 4 对策 raised as the
                meeting's problems → items pdca-reassess, pdca-rails, pdca-night-rounds, pdca-training);
                m5 reports the doing; m6 checks the effect (items verified and closed); m7 standardises
                (revised 跌倒预防护理常规); m10 and m11 report the months without falls.
    training    m5 d8 跌倒/坠床风险评估与预防（专题培训）, assessed m5 d21 (linked, everyone passes)
    items       event items fall-1, fall-2, fall-3 (fall-3's measures point to the PDCA); finding items
                warning-signs, call-bell; the four countermeasures (owners 护理质控员, 护士长,
                跌倒专项护士, 护士长) closed m5 d22 – m6 d16, pdca-rails four days late (后勤 schedule)
    indicator   NUR-FALL numerators 1 (m1), 1 (m3), 1 (m4), 0 from m5 to m11: three falls in about
                17,000 patient-days, ≈0.18‰ for the year, none after the countermeasures

CAUTI — one real excursion (m7), handled (m7–m11)
    indicator   NUR-CAUTI numerators 1 (m1), 4 (m7, ≈14‰ on ~285 catheter-days: an excess the seven months
                before cannot explain, P < 0.00135), 1 (m8), 0 after
    inspections cauti-check   m7 d20 functional (院感科) 导尿管相关感染防控专项督查: findings
                              daily-review (folded into the meeting's problem) and bag-level (item)
                cauti-recheck m9 d18 functional (院感科) 集束化措施落实复查: 95%, one finding, no item
    meetings    m7 discusses the cluster (problems cauti-review, cauti-care → items); m8, m9 follow it;
                m10 reports the items closed; m11 reports the indicator item closed
    training    m8 d4 导尿管相关尿路感染（CAUTI）防控集束化措施再培训
    items       cauti-review (医疗质控员), cauti-care (护理质控员, 12 days late), bag-level, and
                cauti-indicator raised from the m7 CAUTI value on m8 d6, closed m11 d6 after two
                months without a case

Other scripted rare events: pressure injuries m2 d20 (Ⅲ级) and m9 d16 (Ⅱ级); unplanned extubations of a
gastric tube m5 d3 and a urinary catheter m9 d12; one CLABSI (indicator only) in m6.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# month index -> cases: the indicators' numerators (the registers hold the events, not these infections)
CAUTI_CASES = {1: 1, 7: 4, 8: 1}
CLUSTER = 4  # the excursion's cases: a 院感 cluster (≥3 of one infection), and a rare-event signal
CLABSI_CASES = {6: 1}
MEETING_DAY = 26  # story months hold their meeting on the weekday nearest before this day


@dataclass(frozen=True)
class StoryEvent:
    key: str
    month: int
    day: int
    hour: int
    minute: int
    category: str
    grade: str
    description: str
    action: str
    analysis: str | None = None
    tube: str | None = None


EVENTS = (
    StoryEvent("fall-1", 1, 17, 3, 10, "fall", "III",
               "患者{age}岁，心衰加重入院，夜间自行如厕返回时在床旁滑倒，臀部着地，查体无外伤。",
               "立即扶回病床，测生命体征，通知值班医师查体，未见骨折，复评跌倒风险。"),
    StoryEvent("pi-1", 2, 20, 10, 30, "pressure_injury", "III",
               "心衰患者入院第6天骶尾部出现2期压力性损伤，面积约2cm×3cm。",
               "使用减压床垫，每2小时翻身，伤口护理小组会诊。",
               "Braden评分未按时复评，翻身执行不到位；已纳入整改。"),
    StoryEvent("fall-2", 3, 11, 5, 20, "fall", "III",
               "患者{age}岁，服用呋塞米后夜间多次如厕，第3次起床时头晕，滑坐于卫生间地面，无外伤。",
               "协助回床，测卧立位血压提示体位性低血压，报告医师调整用药时间。",
               "利尿剂服药时间安排在下午，夜间如厕频繁；用药后未复评跌倒风险。"),
    StoryEvent("fall-3", 4, 9, 2, 40, "fall", "II",
               "患者{age}岁，夜间未按铃独自下床如厕，在卫生间门口跌倒，致右侧额部皮肤裂伤约2cm，清创缝合3针。",
               "立即评估意识、瞳孔及生命体征，通知值班医师，急查头颅CT未见出血，伤口清创缝合，告知家属。",
               "RCA：使用利尿剂后夜间如厕频繁，用药后未复评跌倒风险；夜间巡视间隔2小时；卫生间无扶手、"
               "夜间照明不足；陪护未到位。改进措施纳入科室跌倒专题PDCA。"),
    StoryEvent("uex-gt", 5, 3, 1, 50, "unplanned_extubation", "III",
               "患者意识模糊，夜间自行拔除胃管。",
               "评估患者，报告医师后重新置管，评估约束必要性并告知家属。", tube="NUR-UEX-GT"),
    StoryEvent("uex-uc", 9, 12, 4, 15, "unplanned_extubation", "III",
               "患者躁动，自行拔除导尿管，尿道口少量出血。",
               "评估后遵医嘱暂不重置，观察自行排尿情况。", tube="NUR-UEX-UC"),
    StoryEvent("pi-2", 9, 16, 15, 10, "pressure_injury", "II",
               "长期卧床心衰患者左足跟出现深部组织损伤（院内新发），局部紫红色约3cm×3cm。",
               "足跟悬空减压，伤口护理小组会诊，班班交接观察。",
               "根本原因：水肿患者足跟减压措施未落实，Braden评分≤12分后未每班评估皮肤。"
               "改进：水肿患者足跟使用减压垫，Braden≤12分每班评估并记录。"),
)


@dataclass(frozen=True)
class StoryFinding:
    key: str
    category: str
    description: str
    root: str
    measures: str


@dataclass(frozen=True)
class StoryInspection:
    key: str
    month: int
    day: int
    kind: str
    inspector: str
    topic: str
    summary: str
    findings: tuple[StoryFinding, ...]


INSPECTIONS = (
    StoryInspection("falls-check", 3, 14, "self", "科室质控小组", "跌倒/坠床防范专项自查",
                    "抽查跌倒高危患者12例，防范措施落实率75%（9/12）；发现问题3项，第3项纳入科室跌倒专题分析。", (
        StoryFinding("warning-signs", "患者安全", "跌倒高危患者12例中3例床头未悬挂防跌倒警示标识",
                     "标识放置依赖个人习惯，未纳入交接班内容", "跌倒高危标识纳入床旁交接班核查表；质控员每周抽查"),
        StoryFinding("call-bell", "患者安全", "夜间2名高危患者床旁呼叫器不在可及范围",
                     "整理床单元后未复位", "每班巡视检查呼叫器位置并交接"),
        StoryFinding("reassess-after-drugs", "患者安全", "使用利尿剂、降压药后未重新评估跌倒风险2例",
                     "评估流程未规定用药后复评", "纳入跌倒专题分析"),
    )),
    StoryInspection("falls-recheck-1", 5, 19, "self", "科室质控小组", "跌倒防范措施落实复查",
                    "抽查跌倒高危患者15例，防范措施落实率93%（14/15）；用药后复评记录完整。", (
        StoryFinding("consent-unsigned", "患者安全", "1例高危患者陪护告知书未签字",
                     "家属夜间到院，未及时补签", "当班补签，陪护告知纳入入院宣教核查"),
    )),
    StoryInspection("falls-recheck-2", 6, 15, "self", "科室质控小组", "分级护理及跌倒防范措施复查",
                    "抽查跌倒高危患者14例，防范措施落实率100%（14/14）；分级护理发现问题1项。", (
        StoryFinding("rounds-gap", "分级护理", "一级护理患者巡视记录间隔超过1小时1例",
                     "夜间收治新患者时巡视顺延", "夜间新收患者时由二线护士协助巡视"),
    )),
    StoryInspection("cauti-check", 7, 20, "functional", "院感科", "导尿管相关感染防控专项督查",
                    "本月确诊导尿管相关尿路感染4例，判定为聚集性病例；抽查留置导尿患者8例，发现问题2项，要求科室限期整改。", (
        StoryFinding("daily-review", "医院感染", "留置导尿患者8例中5例无每日拔管指征评估记录",
                     "每日评估未纳入医嘱及护理记录", "纳入例会CAUTI专题整改"),
        StoryFinding("bag-level", "医院感染", "2例患者集尿袋高于膀胱水平",
                     "转运及翻身后未复位，床旁无固定挂钩", "床旁加装集尿袋挂钩；转运时夹闭导尿管"),
    )),
    StoryInspection("cauti-recheck", 9, 18, "functional", "院感科", "CAUTI集束化措施落实复查",
                    "抽查留置导尿患者10例，集束化措施执行率95%；本月CAUTI 0例。", (
        StoryFinding("perineal-sign", "医院感染", "1例会阴护理记录漏签1次", "夜班交接时遗漏", "当班补记，纳入交接核查"),
    )),
)
FINDING_ITEMS = {"warning-signs", "call-bell", "bag-level"}


@dataclass(frozen=True)
class StoryProblem:
    key: str
    category: str
    problem: str
    root: str
    measures: str


@dataclass(frozen=True)
class StoryMeeting:
    agenda: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()
    minutes: tuple[str, ...] = ()  # format with the names in `meeting_words`
    problems: tuple[StoryProblem, ...] = ()


MEETINGS = {
    3: StoryMeeting(
        agenda=("跌倒/坠床防范专项自查结果反馈",),
        decisions=("下月例会开展跌倒专题分析（PDCA），护士长牵头收集近3个月跌倒资料",),
        minutes=("跌倒专项自查（{falls_check}）高危患者防范措施落实率75%；结合{m1}、{m3}两例跌倒，决定下月例会开展跌倒专题分析。",),
    ),
    4: StoryMeeting(
        agenda=("跌倒专题分析（PDCA计划阶段）：近3个月跌倒3例",),
        decisions=("成立跌倒专项改进小组，护士长任组长，跌倒专项护士负责日常督查",
                   "4项对策列入整改台账，责任到人，按期落实"),
        minutes=(
            "跌倒专题——现状：{m1}至{m4}共发生跌倒3例（Ⅱ级1例、Ⅲ级2例），均在夜间22:00—6:00，2例发生于使用利尿剂后如厕途中；"
            "专项自查防范措施落实率75%。",
            "原因分析（鱼骨图）：人——高龄、利尿剂/降压药后体位性低血压，护士用药后未复评；环境——卫生间无扶手、夜间照明不足；"
            "管理——夜间巡视间隔2小时，陪护告知不到位。",
            "目标：高危患者防范措施落实率≥95%，3个月内不再发生跌倒。对策4项列入整改台账（见本次提出的问题）。",
        ),
        problems=(
            StoryProblem("pdca-reassess", "患者安全", "使用利尿剂、降压药、镇静药后未复评跌倒风险",
                         "跌倒风险评估流程未规定用药后复评", "修订跌倒风险评估流程：用药后2小时内复评并记录，纳入交接班"),
            StoryProblem("pdca-rails", "设备管理", "卫生间及走廊无扶手、夜间照明不足",
                         "病区改造时未配置扶手，夜灯损坏未报修", "报后勤科在卫生间、走廊加装扶手及夜灯"),
            StoryProblem("pdca-night-rounds", "患者安全", "夜间高危患者巡视间隔过长、如厕无人协助",
                         "夜班人力紧张，巡视频次未按风险分级", "22:00—6:00高危患者每小时巡视，如厕由护工或陪护协助，呼叫器放于可及处"),
            StoryProblem("pdca-training", "人员培训", "护士跌倒风险评估及防范知识掌握不足",
                         "新版评估量表未组织全员培训", "全科跌倒预防专题培训与考核，考核合格率100%"),
        ),
    ),
    5: StoryMeeting(
        agenda=("跌倒专题对策落实进度（PDCA实施阶段）",),
        decisions=("继续执行夜间每小时巡视，下月例会进行效果评价",),
        minutes=("跌倒专题——对策落实：用药后复评流程已修订；专题培训已完成（{training}），考核全员合格；扶手及夜灯已报后勤科；"
                 "夜间每小时巡视已执行。复查（{recheck_1}）防范措施落实率93%，本月未发生跌倒。",),
    ),
    6: StoryMeeting(
        agenda=("跌倒专题效果评价（PDCA检查阶段）",),
        decisions=("跌倒专题对策转为常规工作，下月例会完成标准化",),
        minutes=("跌倒专题——效果：{m5}、{m6}未再发生跌倒；第二次复查（{recheck_2}）防范措施落实率100%（14/14）；"
                 "扶手及夜灯已于{rails_done}安装完毕。4项对策及相关事件整改项已验证销号。",),
    ),
    7: StoryMeeting(
        agenda=("跌倒专题标准化（PDCA处理阶段）", "院感科反馈：本月导尿管相关尿路感染4例（聚集）原因分析"),
        decisions=("修订《住院患者跌倒/坠床预防护理常规》，纳入新入职护士岗前培训",
                   "启动CAUTI集束化干预：每日评估拔管指征、会阴护理每日2次、集尿袋低于膀胱、密闭引流，纳入每日交班"),
        minutes=(
            "跌倒专题——标准化：用药后复评、夜间每小时巡视、如厕协助写入《住院患者跌倒/坠床预防护理常规》；"
            "夜间陪护落实情况转入下一轮改进。",
            "CAUTI——院感科反馈本月确诊导尿管相关尿路感染4例，为聚集性病例；督查（{cauti_check}）发现拔管指征评估记录缺失、"
            "集尿袋位置不当。讨论后提出问题2项。",
        ),
        problems=(
            StoryProblem("cauti-review", "医院感染", "CAUTI聚集：留置导尿患者未每日评估拔管指征，导尿管留置时间偏长",
                         "每日评估未纳入医嘱及护理记录", "每日晨交班评估导尿管留置必要性，医嘱注明留置理由，尽早拔管"),
            StoryProblem("cauti-care", "医院感染", "会阴护理执行记录缺失，夜班执行不到位",
                         "集束化措施未纳入交接班核查", "会阴护理每日2次并记录；集束化措施核查表纳入每日交班"),
        ),
    ),
    8: StoryMeeting(
        agenda=("CAUTI整改进度",),
        decisions=("院感护士每周督查集束化措施，结果在例会通报",),
        minutes=("CAUTI——集束化措施已于{cauti_training}培训全员并执行；本月新发1例，置管时间早于措施落实。",),
    ),
    9: StoryMeeting(
        agenda=("CAUTI整改效果跟踪",),
        minutes=("CAUTI——院感科复查（{cauti_recheck}）集束化措施执行率95%，本月未发生CAUTI。",),
    ),
    10: StoryMeeting(
        agenda=("跌倒及CAUTI整改效果评价",),
        minutes=("CAUTI——{m9}未发生CAUTI，相关整改项已验证销号；指标项待本月数据确认后销号。"
                 "跌倒——自{m5}起未再发生跌倒。",),
    ),
    11: StoryMeeting(
        agenda=("跌倒专题PDCA结题及下一轮改进选题",),
        decisions=("跌倒专题PDCA结题，下一轮选题：夜间陪护落实率",),
        minutes=("CAUTI——指标整改项已于{cauti_closed}验证销号：{m9}、{m10}连续2个月CAUTI 0例，指标回到目标范围。"
                 "跌倒——自{m5}起连续7个月未发生跌倒，跌倒专题PDCA结题。",),
    ),
}


@dataclass(frozen=True)
class StoryItem:
    """A ledger item the story raises: `source` is `event:KEY`, `finding:KEY`, `problem:KEY` or
    `indicator:CODE` (the value of `found` month). Dates are (month index, day)."""

    source: str
    owner: str  # a post in Demo.posts
    found: tuple[int, int] | None  # None: the day its source was recorded
    deadline: tuple[int, int]
    closed: tuple[int, int]
    effect: str
    notes: tuple[tuple[tuple[int, int], str], ...] = field(default_factory=tuple)
    category: str | None = None
    problem: str | None = None
    root: str | None = None
    measures: str | None = None


ITEMS = (
    StoryItem("event:fall-1", "跌倒专项护士", (1, 18), (2, 1), (1, 29),
              "全科已学习事件经过，夜间如厕高危患者已落实协助，跟踪1个月未再发生同类事件，同意销号。",
              (((1, 22), "全科学习事件经过，强调夜间如厕协助。"),),
              measures="夜间如厕高危患者落实协助，床旁放置便器，复评跌倒风险"),
    StoryItem("event:fall-2", "护理质控员", (3, 12), (4, 2), (3, 30),
              "利尿剂服药时间已调整至上午，复查执行到位；用药后复评纳入跌倒专题，同意销号。",
              (((3, 16), "与医师沟通，利尿剂服药时间调整至上午。"),),
              measures="利尿剂服药时间调整至上午；用药后复评跌倒风险"),
    StoryItem("event:fall-3", "护士长", (4, 10), (6, 20), (6, 18),
              "跌倒专题PDCA效果评价：对策落实后连续2个月未再发生跌倒，复查落实率100%，同意销号。",
              (((4, 12), "完成RCA，措施纳入科室跌倒专题PDCA。"), ((5, 20), "对策落实中，复查落实率93%。")),
              measures="纳入科室跌倒专题PDCA：用药后复评、夜间每小时巡视、加装扶手及夜灯、全科专题培训"),
    StoryItem("finding:warning-signs", "跌倒专项护士", None, (3, 28), (3, 25),
              "复查高危患者床头标识全部悬挂，同意销号。", (((3, 18), "已补挂标识，标识纳入交接班核查表。"),)),
    StoryItem("finding:call-bell", "跌倒专项护士", None, (3, 21), (3, 18),
              "夜查房复核呼叫器均在可及处，同意销号。", (((3, 15), "当班复位，纳入每班巡视内容。"),)),
    StoryItem("problem:pdca-reassess", "护理质控员", None, (5, 25), (5, 22),
              "复查（跌倒防范措施落实复查）用药后复评记录完整，措施有效，同意销号。",
              (((5, 6), "修订评估流程并组织学习。"), ((5, 20), "复查用药后复评记录完整，申请验证。"))),
    StoryItem("problem:pdca-rails", "护士长", None, (6, 10), (6, 14),
              "现场复核卫生间及走廊扶手、夜灯已安装并可正常使用，同意销号。",
              (((5, 5), "已报后勤科，列入施工计划。"), ((6, 12), "后勤科排期延误，已于本周安装完毕。"))),
    StoryItem("problem:pdca-night-rounds", "跌倒专项护士", None, (6, 20), (6, 16),
              "夜查房连续4周抽查，高危患者每小时巡视及如厕协助落实，同意销号。",
              (((5, 4), "夜间巡视表已修订，22:00—6:00每小时巡视。"), ((6, 15), "第二次复查落实率100%，申请验证。"))),
    StoryItem("problem:pdca-training", "护士长", None, (5, 31), (5, 26),
              "专题培训已完成，考核全员合格，同意销号。",
              (((5, 8), "完成跌倒/坠床专题培训。"), ((5, 21), "完成考核，全员合格。"))),
    StoryItem("finding:bag-level", "护理质控员", None, (8, 19), (8, 15),
              "床旁已加装集尿袋挂钩，复查集尿袋均低于膀胱水平，同意销号。", (((7, 24), "申领并加装集尿袋挂钩。"),)),
    StoryItem("problem:cauti-review", "医疗质控员", None, (9, 25), (9, 22),
              "院感科复查每日评估记录完整，平均留置日数缩短，同意销号。",
              (((8, 5), "每日晨交班评估导尿管留置必要性，医嘱注明留置理由。"),)),
    StoryItem("problem:cauti-care", "护理质控员", None, (9, 10), (9, 22),
              "院感科复查集束化措施执行率95%，本月CAUTI 0例，同意销号。",
              (((8, 4), "完成全员集束化措施再培训，核查表纳入每日交班。"), ((9, 8), "夜班执行仍有漏记，已反馈，继续督查。"))),
    StoryItem("indicator:NUR-CAUTI", "护理质控员", (8, 6), (11, 10), (11, 6),
              "连续2个月CAUTI 0例，集束化措施执行率≥95%，指标回到目标范围，同意销号。",
              (((8, 20), "集束化措施执行中，院感护士每周督查。"), ((10, 8), "连续1个月CAUTI 0例，继续观察1个月。")),
              category="医院感染", root="留置导尿时间偏长，集束化措施执行不到位",
              measures="落实CAUTI集束化措施；院感护士每周督查；连续监测3个月"),
)


def meeting_words(days: dict[str, date], labels: dict[int, str]) -> dict[str, str]:
    """The names a story meeting's minutes use: dates of the story's records and month labels m0..m11."""
    words = {k: f"{v.month}月{v.day}日" for k, v in days.items()}
    words.update({f"m{i}": label for i, label in labels.items()})
    return words
