"""Which units an office demo has: hospitals of the right kinds, each with the departments it really has.

`plan_units(hospitals, departments, layout)` is a function of its parameters, not a fixed table:
- layout "county" (the default, a 医共体): hospital 1 is the county hospital (县人民医院, up to 30
  departments of every type the indicator catalogue knows: medical and surgical wards, obstetrics,
  paediatrics, ICU, emergency, theatre, medical technology, outpatients); the others are township health
  centres — a central one (中心卫生院: 全科, 内科, 外科, 妇产科, 公共卫生科) every third, the rest small
  (乡镇卫生院: 全科, 公共卫生科, now and then 中医科). No township has specialty wards.
- layout "province" (issue 18: some 150 hospitals × 30 departments): county hospitals, one in ten a
  中医医院 and one in ten a 妇幼保健院 (产科, 妇科, 儿科, 新生儿科, 手术室, 保健门诊 — no
  internal-medicine wards), each with up to `departments` departments.
`departments` caps each hospital; a small hospital simply has fewer. Department types are those of the
indicator catalogue (qmsdesk.db.enums.DepartmentType), so every unit gets the indicators that fit it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    type: str     # DepartmentType value
    flavour: str  # qmsdesk.demo.bank.FLAVOURS key: the words its reports use
    beds: int     # 0: no inpatient beds (theatre, emergency, outpatients, technology, public health)


def _d(code: str, name: str, type_: str, flavour: str, beds: int = 0) -> Department:
    return Department(code, name, type_, flavour, beds)


# In the order a hospital's departments are taken: the first dozen cover every type.
GENERAL = (
    _d("0312", "心血管内科", "inpatient_medical", "cardiology", 48), _d("0401", "普通外科", "inpatient_surgical", "surgical", 50),
    _d("0501", "产科", "obstetrics", "obstetrics", 36), _d("0701", "儿科", "pediatrics", "pediatrics", 42),
    _d("2801", "重症医学科", "icu", "icu", 12), _d("2001", "急诊科", "emergency", "medical"),
    _d("3001", "手术麻醉科", "operating_room", "surgical"), _d("0302", "呼吸与危重症医学科", "inpatient_medical", "medical", 45),
    _d("0402", "骨科", "inpatient_surgical", "surgical", 50), _d("0303", "神经内科", "inpatient_medical", "medical", 45),
    _d("3201", "医学检验科", "medical_tech", "medical"), _d("0502", "妇科", "inpatient_surgical", "surgical", 30),
    _d("0304", "消化内科", "inpatient_medical", "medical", 40), _d("0305", "内分泌科", "inpatient_medical", "medical", 30),
    _d("0306", "肾内科", "inpatient_medical", "medical", 30), _d("0403", "神经外科", "inpatient_surgical", "surgical", 35),
    _d("0404", "泌尿外科", "inpatient_surgical", "surgical", 30), _d("0702", "新生儿科", "pediatrics", "pediatrics", 20),
    _d("0307", "老年医学科", "inpatient_medical", "medical", 35), _d("0405", "胸心外科", "inpatient_surgical", "surgical", 25),
    _d("0308", "肿瘤科", "inpatient_medical", "medical", 40), _d("3202", "医学影像科", "medical_tech", "medical"),
    _d("0309", "感染性疾病科", "inpatient_medical", "medical", 25), _d("1001", "眼耳鼻喉科", "inpatient_surgical", "surgical", 25),
    _d("2101", "康复医学科", "inpatient_medical", "medical", 30), _d("5001", "中医科", "inpatient_medical", "medical", 30),
    _d("0101", "门诊部", "outpatient", "medical"), _d("3203", "血液净化中心", "other", "medical"),
    _d("3204", "消毒供应中心", "other", "medical"), _d("3205", "病理科", "medical_tech", "medical"),
)
TCM = (
    _d("5001", "中医内科", "inpatient_medical", "medical", 45), _d("5002", "骨伤科", "inpatient_surgical", "surgical", 40),
    _d("5003", "针灸推拿康复科", "inpatient_medical", "medical", 35), _d("2001", "急诊科", "emergency", "medical"),
    _d("0501", "妇产科", "obstetrics", "obstetrics", 20), _d("0701", "儿科", "pediatrics", "pediatrics", 20),
    _d("3001", "手术室", "operating_room", "surgical"), _d("5004", "中医外科", "inpatient_surgical", "surgical", 30),
    _d("5005", "脾胃病科", "inpatient_medical", "medical", 30), _d("2801", "重症医学科", "icu", "icu", 8),
    _d("3201", "医学检验科", "medical_tech", "medical"), _d("0101", "门诊部", "outpatient", "medical"),
)
MATERNAL_CHILD = (
    _d("0501", "产科", "obstetrics", "obstetrics", 45), _d("0502", "妇科", "inpatient_surgical", "surgical", 25),
    _d("0701", "儿科", "pediatrics", "pediatrics", 35), _d("0702", "新生儿科", "pediatrics", "pediatrics", 20),
    _d("3001", "手术室", "operating_room", "surgical"), _d("0601", "儿童保健科", "outpatient", "pediatrics"),
    _d("0602", "妇女保健科", "outpatient", "obstetrics"), _d("3201", "医学检验科", "medical_tech", "medical"),
)
TOWNSHIP_CENTRAL = (
    _d("0201", "全科医学科", "township", "township", 30), _d("0301", "内科", "township", "township", 25),
    _d("0401", "外科", "township", "township", 15), _d("0501", "妇产科", "obstetrics", "obstetrics", 10),
    _d("6001", "公共卫生科", "other", "township"),
)
TOWNSHIP = (_d("0201", "全科医学科", "township", "township", 20), _d("6001", "公共卫生科", "other", "township"))
TOWNSHIP_TCM = (*TOWNSHIP, _d("5001", "中医科", "outpatient", "township"))

KINDS = {
    "county_general": GENERAL, "county_tcm": TCM, "maternal_child": MATERNAL_CHILD,
    "township_central": TOWNSHIP_CENTRAL, "township": TOWNSHIP, "township_tcm": TOWNSHIP_TCM,
}
# What a hospital of each kind may have, by department type: the test of a plausible unit list.
ALLOWED_TYPES = {kind: {d.type for d in departments} for kind, departments in KINDS.items()}

PLACES = ("城关", "河口", "青山", "石桥", "白沙", "龙泉", "双河", "柳林", "高坪", "新店", "梅溪", "东关", "西岭",
          "南塘", "北山", "桃源", "松坪", "金鸡", "马头", "黄土", "清水", "三合", "太平", "永丰", "长岭", "花桥",
          "黎明", "大营", "水口", "凤凰")
# Two-character county names for a province's hospitals: enough for some 160 of them.
COUNTIES = tuple(a + b for a in "安宁桂临石慈茶攸新隆洞绥会麻溆辰沅泸凤花保古永龙桑汝" for b in "阳江平山乡源")
COUNTY_CODE = "430521"


@dataclass(frozen=True)
class UnitSpec:
    hospital_code: str
    hospital_name: str
    hospital_kind: str
    department: Department

    @property
    def key(self) -> str:
        return f"{self.hospital_code}/{self.department.code}"


def _place(i: int) -> str:
    base = PLACES[i % len(PLACES)]
    return base if i < len(PLACES) else f"{base}{'二三四五六七八九'[(i // len(PLACES) - 1) % 8]}"


def _county_hospital(i: int) -> tuple[str, str, str]:
    """(code, name, kind) of hospital i of a 医共体."""
    if i == 0:
        return f"{COUNTY_CODE}001", "某县人民医院", "county_general"
    place = _place(i - 1)
    if i % 3 == 1:
        return f"{COUNTY_CODE}{100 + i:03d}", f"{place}镇中心卫生院", "township_central"
    kind = "township_tcm" if i % 4 == 0 else "township"
    return f"{COUNTY_CODE}{100 + i:03d}", f"{place}{'乡' if i % 5 == 2 else '镇'}卫生院", kind


def _province_hospital(i: int) -> tuple[str, str, str]:
    county = COUNTIES[i % len(COUNTIES)] + ("" if i < len(COUNTIES) else "二三四五六七八九"[(i // len(COUNTIES) - 1) % 8])
    code = f"43{i // 100 + 1:02d}{i % 100:02d}001"
    if i % 10 == 9:
        return code, f"{county}县妇幼保健院", "maternal_child"
    if i % 10 == 4:
        return code, f"{county}县中医医院", "county_tcm"
    return code, f"{county}县人民医院", "county_general"


def plan_units(hospitals: int, departments: int, layout: str = "county") -> list[UnitSpec]:
    """The units of `hospitals` hospitals with up to `departments` departments each."""
    name_of = {"county": _county_hospital, "province": _province_hospital}[layout]
    units = []
    for i in range(max(0, hospitals)):
        code, name, kind = name_of(i)
        units += [UnitSpec(code, name, kind, d) for d in KINDS[kind][: max(0, departments)]]
    return units
