"""Adverse-event texts for the demos: templates by category, filled per department and per draw.

Both demos draw from here: the ward demo for its background events (its falls and pressure injuries are
scripted in qmsdesk.demo.story), the office demo for every unit. A template's slots ({who}, {drug},
{oral}, …) are filled from the department's flavour, so a paediatric ward reports about 患儿 and a
township centre about the drugs it actually gives, and two units seldom write the same sentence.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Flavour:
    """The words a department's reports use."""

    who: str = "患者"
    drugs: tuple[str, ...] = ("头孢呋辛钠", "奥美拉唑钠", "氯化钾注射液", "胰岛素注射液", "低分子肝素钙")
    oral: tuple[str, ...] = ("二甲双胍片", "氨氯地平片", "阿司匹林肠溶片", "呋塞米片")
    antibiotics: tuple[str, ...] = ("头孢呋辛钠", "左氧氟沙星注射液", "头孢曲松钠")
    symptoms: tuple[str, ...] = ("血压升高", "血糖波动", "心率增快")
    ages: tuple[int, int] = (66, 89)


FLAVOURS = {
    "cardiology": Flavour(
        drugs=("低分子肝素钙", "胺碘酮注射液", "硝酸甘油注射液", "呋塞米注射液", "氯化钾注射液", "多巴胺注射液",
               "去乙酰毛花苷注射液", "单硝酸异山梨酯注射液"),
        oral=("呋塞米片", "螺内酯片", "美托洛尔缓释片", "华法林钠片", "替格瑞洛片", "氯化钾缓释片"),
        antibiotics=("头孢呋辛钠", "左氧氟沙星注射液", "哌拉西林他唑巴坦"),
        symptoms=("气促加重", "心率增快", "下肢水肿加重", "血压升高"),
    ),
    "medical": Flavour(),
    "surgical": Flavour(drugs=("头孢唑林钠", "氨甲环酸注射液", "帕瑞昔布钠", "低分子肝素钙", "氯化钾注射液"),
                        oral=("塞来昔布胶囊", "氨氯地平片", "阿司匹林肠溶片"),
                        symptoms=("切口疼痛加重", "血压升高", "恶心呕吐")),
    "icu": Flavour(drugs=("去甲肾上腺素", "咪达唑仑注射液", "丙泊酚注射液", "氯化钾注射液", "胰岛素注射液", "肝素钠"),
                   oral=("鼻饲营养液",), symptoms=("血压波动", "血糖波动", "躁动加重")),
    "obstetrics": Flavour(who="产妇", drugs=("缩宫素注射液", "硫酸镁注射液", "头孢唑林钠", "氨甲环酸注射液"),
                          oral=("硝苯地平片", "拉贝洛尔片", "铁剂"), antibiotics=("头孢唑林钠", "头孢呋辛钠"),
                          symptoms=("血压升高", "宫缩乏力"), ages=(22, 39)),
    "pediatrics": Flavour(who="患儿", drugs=("头孢曲松钠", "阿奇霉素注射液", "布地奈德混悬液", "葡萄糖酸钙注射液"),
                          oral=("布洛芬混悬液", "蒙脱石散", "对乙酰氨基酚混悬滴剂"), antibiotics=("头孢曲松钠", "阿莫西林克拉维酸钾"),
                          symptoms=("发热反复", "呕吐"), ages=(2, 12)),
    "township": Flavour(drugs=("头孢呋辛钠", "左氧氟沙星注射液", "氯化钾注射液", "胰岛素注射液", "丹参注射液"),
                        oral=("二甲双胍片", "硝苯地平缓释片", "阿司匹林肠溶片", "卡托普利片"),
                        antibiotics=("头孢呋辛钠", "左氧氟沙星注射液", "阿奇霉素注射液"),
                        symptoms=("血压升高", "血糖升高")),
}


@dataclass(frozen=True)
class EventTemplate:
    category: str
    grade: str
    hours: tuple[int, int]  # local hours it usually happens between
    description: str
    action: str
    analysis: str | None = None
    tube: str | None = None  # the unplanned-extubation indicator it counts towards


def template(category, grade, hours, description, action, analysis=None, tube=None) -> EventTemplate:
    return EventTemplate(category, grade, hours, description, action, analysis, tube)


TEMPLATES = (
    # medication
    template("medication_error", "IV", (8, 17), "配药时发现{bed}床{who}{drug}医嘱剂量与体重不符，给药前核对发现，未给药。",
       "暂停给药，联系医师更正医嘱后执行。"),
    template("medication_error", "IV", (7, 20), "双人核对时发现{drug}输液标签床号与{who}腕带不符，未给药。",
       "重新打印标签，双人核对后执行。"),
    template("medication_error", "IV", (9, 16), "药房发放的{drug}规格与{bed}床医嘱不符，护士核对时发现并退回。",
       "联系药房更换，登记并反馈药剂科。"),
    template("medication_error", "III", (6, 22), "{bed}床{who}漏服一次{oral}，下一班交接时发现，未出现不良后果。",
       "报告医师，遵医嘱处理，加强观察并记录。"),
    template("medication_error", "III", (8, 23), "{drug}输注速度设置为医嘱的2倍，约{n}分钟后巡视发现并调整，{who}生命体征平稳。",
       "立即调整输注速度，报告医师，监测生命体征。"),
    template("medication_error", "III", (8, 18), "同一{who}同时开具两种含相同成分的药物（{oral}），执行一次后药师审核时发现，停用其一。",
       "报告医师调整医嘱，观察用药反应。"),
    template("medication_error", "II", (7, 21), "{who}口服{oral}后未看服到口，次日发现药片遗留床头，{who}出现{symptom}，需调整治疗。",
       "立即报告医师，遵医嘱处理，密切观察病情变化。",
       "根本原因：口服药发放后未看服到口，交接班时未核对服药情况。改进：口服药看服到口并签字，交接班核对。"),
    # infusion
    template("infusion_reaction", "III", (9, 21), "{who}输注{antibiotic}约{n}分钟后出现寒战、发热（{temp}℃）。",
       "立即停止输液，更换输液器，遵医嘱用药，保留余液及输液器送检。"),
    template("infusion_reaction", "III", (9, 20), "{bed}床{who}输注{antibiotic}过程中出现皮肤瘙痒、散在皮疹。",
       "停止输液，遵医嘱予抗过敏治疗，观察至症状消退。"),
    template("other", "III", (0, 23), "{who}{site}静脉留置针处{drug}外渗，局部肿胀约{a}cm×{b}cm。",
       "停止输液，抬高患肢，局部湿敷，班班交接观察。"),
    template("other", "III", (7, 22), "{bed}床{who}{site}留置针处出现Ⅱ度静脉炎，沿静脉走向红肿约{a}cm。",
       "拔除留置针，更换穿刺部位，局部湿敷并记录。"),
    template("other", "III", (6, 10), "{bed}床{who}需空腹行{exam}，晨间未落实禁食告知，检查推迟一天。",
       "向{who}及家属致歉，重新预约检查，修订检查前告知流程。"),
    template("other", "IV", (6, 9), "{bed}床{who}的{specimen}标本因采集量不足被检验科退回，重新采集。",
       "重新采集送检，对采血人员进行现场指导。"),
    # identification
    template("identification", "IV", (6, 9), "执行静脉采血前核对发现{bed}床试管标签为同病室另一{who}，未采血。",
       "重新打印标签，双人核对后采血。"),
    template("identification", "IV", (7, 19), "发药时发现{bed}床与相邻床位{who}的{oral}放错药杯，发放前核对发现。",
       "重新核对分发，提醒发药时逐一核对腕带。"),
    template("identification", "III", (9, 17), "{bed}床{who}转科交接时腕带信息与病历不一致（{field}错误），接收科室核对时发现。",
       "更正腕带信息，与接收科室重新交接。"),
    # equipment
    template("equipment", "IV", (7, 9), "晨间检查发现{n}号微量泵报警功能失灵，未用于{who}。",
       "停用并贴标识，报设备科维修。"),
    template("equipment", "IV", (7, 9), "除颤仪每日自检时显示电池故障（{n}号机），立即启用备用除颤仪。",
       "报设备科维修，更新急救设备交接记录。"),
    template("equipment", "III", (0, 23), "输液泵输注{drug}时管路堵塞报警未及时处理，延迟约{n}分钟。",
       "处理报警后继续输注，观察{who}病情无变化。"),
    # transfusion
    template("transfusion", "IV", (9, 18), "{bed}床{who}输血前床旁核对时发现交叉配血报告缺复核签字，未输注。",
       "暂停输血，联系输血科补签后输注。"),
    template("transfusion", "III", (9, 20), "输注红细胞过程中{who}出现轻度发热（{temp}℃），停止输血后好转。",
       "停止输血，保留血袋送检，遵医嘱处理并上报输血科。"),
    # the rarer ones, drawn by the office demo (the ward's are scripted)
    template("fall", "III", (0, 6), "{who}{age}岁，夜间如厕时滑倒，臀部着地，查体无明显外伤。",
       "扶回病床，测生命体征，通知医师查体，复评跌倒风险。"),
    template("fall", "III", (0, 23), "{bed}床{who}从床上坠落，当时床栏未拉起，查体无异常。",
       "扶回床上，拉起床栏，告知家属并加强看护。"),
    template("fall", "II", (0, 23), "{who}{age}岁，下床活动时跌倒，致{part}皮肤裂伤，予清创缝合。",
       "评估伤情，通知医师清创缝合，复评跌倒风险。",
       "根本原因：高危{who}下床时无人陪同，防跌倒宣教未落实到家属。改进：高危{who}入院时签署陪护告知并复评。"),
    template("pressure_injury", "III", (8, 18), "{who}入院第{n}天骶尾部出现2期压力性损伤，面积约{a}cm×{b}cm。",
       "使用减压床垫，每2小时翻身，伤口护理小组会诊。"),
    template("pressure_injury", "II", (8, 18), "{bed}床{who}足跟部出现深部组织损伤（院内新发），局部紫红色约{a}cm×{b}cm。",
       "足跟悬空减压，伤口护理小组会诊，班班交接。",
       "根本原因：高危{who}足跟减压措施未落实，Braden评分未按时复评。改进：Braden≤12分每班评估皮肤。"),
    template("unplanned_extubation", "III", (0, 6), "{bed}床{who}意识模糊，夜间自行拔除胃管。",
       "评估{who}，报告医师后重新置管，评估约束必要性。", tube="NUR-UEX-GT"),
    template("unplanned_extubation", "III", (0, 23), "{bed}床{who}躁动，自行拔除导尿管，尿道口少量出血。",
       "评估后遵医嘱观察自行排尿情况。", tube="NUR-UEX-UC"),
    template("unplanned_extubation", "III", (8, 18), "翻身时{who}PICC导管脱出约{a}cm。",
       "评估导管尖端位置，报告医师，按规范处理并固定。", tube="NUR-UEX-PICC"),
    template("unplanned_extubation", "II", (0, 23), "{bed}床{who}躁动，自行拔除气管导管，血氧饱和度下降，立即重新插管。",
       "立即给氧，通知医师重新插管，评估镇静及约束。",
       "根本原因：镇静评估不足，约束不到位，夜间巡视间隔长。改进：每4小时镇静评分，高危{who}专人看护。",
       tube="NUR-UEX-ETT"),
)

SITES = ("左手背", "右手背", "左前臂", "右前臂", "左足背")
EXAMS = ("腹部彩超", "上消化道造影", "冠脉CTA", "胃镜检查")
SPECIMENS = ("血常规", "凝血功能", "血培养", "生化")
FIELDS = ("年龄", "住院号", "性别")
PARTS = ("额部", "眉弓", "下颌", "右前臂", "左膝部")


def by_category(category: str, templates: tuple[EventTemplate, ...] = TEMPLATES) -> list[EventTemplate]:
    return [t for t in templates if t.category == category]


def fill(text: str, rng: random.Random, flavour: Flavour) -> str:
    """One concrete sentence from a template: every slot drawn anew."""
    return text.format(
        who=flavour.who, drug=rng.choice(flavour.drugs), oral=rng.choice(flavour.oral),
        antibiotic=rng.choice(flavour.antibiotics), symptom=rng.choice(flavour.symptoms),
        n=rng.randint(10, 40), temp=f"{rng.uniform(38.1, 39.4):.1f}", a=rng.randint(2, 5), b=rng.randint(2, 4),
        site=rng.choice(SITES), part=rng.choice(PARTS), age=rng.randint(*flavour.ages), bed=rng.randint(1, 48),
        exam=rng.choice(EXAMS), specimen=rng.choice(SPECIMENS), field=rng.choice(FIELDS),
    )
