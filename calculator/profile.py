"""The profile: the input contract (the rulebook's "Contract"; docs/rulebook-additions.md).

Each field carries its limits, default, Chinese and English label, a one-line help text
and the short column names a spreadsheet may give it. The form, the JSON Schema, the
command line and the batch template are all generated from this model, so a field is
defined here and nowhere else. The fields are declared in the order the form shows them:
the ones that decide most scores first, who may apply last (it never changes the score).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .dates import full_years, today_in_shanghai
from .editions import first_date
from .fields import field
from .labels import tf
from .options import AWARD, EDUCATION, EMPLOYER_TYPE, INSURANCE_BASE, QUALIFICATION, Choices
from .text import Text, t
from .values import (AGE_UNITS, MONTH_UNITS, PEOPLE_UNITS, TIME_UNITS, WAN_UNITS, YEAR_UNITS, Bool, Date, Int, Number,
                     with_units)

Education = Annotated[Literal["none", "associate", "bachelor", "bachelor_degree", "master", "doctorate"], EDUCATION.validator]
Qualification = Annotated[Literal["none", "skill_5", "skill_4", "skill_3", "skill_2", "intermediate_title", "skill_1",
                                  "senior_title"], QUALIFICATION.validator]
InsuranceBase = Annotated[Literal["none", "x0.8", "x1", "x2", "x3"], INSURANCE_BASE.validator]
Award = Annotated[Literal["none", "municipal_special", "municipal_comprehensive", "provincial"], AWARD.validator]
EmployerType = Annotated[Literal["shanghai_employer", "outside_branch", "representative_office", "self_employed"],
                         EMPLOYER_TYPE.validator]

CHOICES: dict[str, Choices] = {
    "education": EDUCATION,
    "qualification": QUALIFICATION,
    "insurance_base": INSURANCE_BASE,
    "award": AWARD,
    "employer_type": EMPLOYER_TYPE,
}
# the labels by option id, as the rules and the planner name them
OPTIONS: dict[str, dict[str, Text]] = {name: c.labels for name, c in CHOICES.items()}
EDUCATION_OPTIONS = OPTIONS["education"]
QUALIFICATION_OPTIONS = OPTIONS["qualification"]
INSURANCE_BASE_OPTIONS = OPTIONS["insurance_base"]
AWARD_OPTIONS = OPTIONS["award"]
EMPLOYER_TYPE_OPTIONS = OPTIONS["employer_type"]

YEARS = t("年", "years")
MONTHS = t("个月", "months")
TIMES = t("次", "times")

AGE_MIN, AGE_MAX = 16, 100

Age = Annotated[int, Field(ge=AGE_MIN, le=AGE_MAX), with_units(AGE_UNITS)]
Months = Annotated[Int, with_units(MONTH_UNITS)]
Years = Annotated[Int, with_units(YEAR_UNITS)]
Times = Annotated[Int, with_units(TIME_UNITS)]


class Profile(BaseModel):
    """An applicant's situation, as the 办法 asks for it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_default=False)

    # ---- 基础指标 第六条, and the contribution-base tier of 第七条(五): what decides most scores
    age: Age | None = field(
        None, "base",
        t("年龄（周岁）", "Age (full years)"),
        t("申请日的周岁年龄；也可以改填出生日期", "Age in full years on the application date; or give the birth date instead"),
        unit=t("岁", "years"), one_of="age", main=True, aliases=("年龄", "周岁"),
    )
    birth_date: Date | None = field(
        None, "base",
        t("出生日期", "Birth date"),
        t("按申请日计算周岁；2月29日出生的，平年按3月1日满岁", "Age is counted on the application date; born on 29 February, you turn a year older on 1 March in common years"),
        one_of="age", main=True, aliases=("生日", "出生年月日"), example=dt.date(1990, 5, 20),
    )
    education: Education = field(
        "none", "base",
        t("教育背景（最高学历学位）", "Education (highest degree)"),
        t("国家认可的国内外学历学位；与职称/技能等级二选一，取高者", "A recognised degree; only the higher of education and title/skill counts"),
        main=True, aliases=("学历", "最高学历", "教育背景", "学历学位"),
    )
    qualification: Qualification = field(
        "none", "base",
        t("专业技术职称或技能等级", "Professional title or skill level"),
        t("在本市工作期间取得、与岗位相符；与学历二选一，取高者", "Obtained while working in Shanghai and matching the job; only the higher of this and education counts"),
        main=True, aliases=("职称", "技能等级", "职称或技能等级", "职称/技能等级"),
    )
    qualification_salary_ok: Bool = field(
        True, "base",
        tf("近{qualification.salary_condition_window_months}个月中有{qualification.salary_condition_months}个月社保基数不低于上年度社平工资",
           "In the last {qualification.salary_condition_window_months} months, {qualification.salary_condition_months} months of insurance paid on at least the average wage"),
        t("中级/高级职称和技能二级/一级须满足此条件才能积分", "Needed for intermediate/senior titles and skill levels 2/1 to count"),
        aliases=("职称社保条件",), shown_with="qualification",
    )
    social_insurance_months: Months = field(
        0, "base",
        t("在本市缴纳职工社保的月数", "Months of Shanghai employee social insurance"),
        tf("累计正常缴纳的月数，补缴不算；每满{social_insurance.months_per_step}个月积{social_insurance.points_per_step}分",
           "Months paid in total, back payments excluded; {social_insurance.points_per_step} points per full {social_insurance.months_per_step} months"),
        unit=MONTHS, ge=0, le=1200, main=True, aliases=("社保月数", "社保缴纳月数", "在沪社保月数", "社保"),
    )
    insurance_base: InsuranceBase = field(
        "none", "bonus",
        t("职工社保缴费基数档次", "Social insurance contribution base tier"),
        t("缴费基数相对上年度社平工资的倍数；可用下方工具按月缴费基数换算", "Your base as a multiple of the average wage; the helper below converts a monthly base"),
        main=True, section="base", aliases=("社保基数", "社保基数档次", "缴费基数档次", "缴费基数"),
    )

    # ---- 加分指标 第七条
    startup_talent: Bool = field(
        False, "bonus",
        t("创业人才", "Entrepreneurial talent"),
        t("符合市科委公布的创业人才条件", "Meets the start-up talent conditions published by the Science and Technology Commission"),
    )
    startup_service_talent: Bool = field(
        False, "bonus",
        t("创新创业中介服务人才", "Innovation and start-up service talent"),
        t("符合市科委公布的中介服务人才条件", "Meets the service-talent conditions published by the Science and Technology Commission"),
        aliases=("中介服务人才",),
    )
    shortage_major: Bool = field(
        False, "bonus",
        t("紧缺急需专业，且岗位与专业一致", "Major in short supply, and the job matches it"),
        t("所学专业在本市紧缺急需专业目录内", "The major is on Shanghai's list of majors in short supply"),
        aliases=("紧缺急需专业", "紧缺专业"),
    )
    invest_tax_wan: Annotated[Number, with_units(WAN_UNITS)] = field(
        0, "bonus",
        t("投资企业年均纳税（万元，按个人份额）", "Yearly tax of your company (10,000 CNY, your share)"),
        tf("最近连续{investment.average_years}年的年平均纳税额；满{investment.tax_step_wan}万元起，每{investment.tax_step_wan}万元积{investment.points_per_step}分",
           "Yearly average over the last {investment.average_years} years; from {investment.tax_step_wan:cny} CNY, {investment.points_per_step} points per {investment.tax_step_wan:cny}"),
        unit=t("万元", "× 10,000 CNY"), ge=0, le=1e8, aliases=("投资纳税", "年均纳税"),
    )
    invest_local_hires: Annotated[Number, with_units(PEOPLE_UNITS)] = field(
        0, "bonus",
        t("投资企业年均聘用本市户籍人员（人，按个人份额）", "Yearly Shanghai-hukou hires of your company (your share)"),
        tf("最近连续{investment.average_years}年的年平均人数；满{investment.hires_step}人起，每{investment.hires_step}人积{investment.points_per_step}分；与纳税取高者",
           "Yearly average over the last {investment.average_years} years; from {investment.hires_step} people, {investment.points_per_step} points per {investment.hires_step}; the higher of this and tax counts"),
        unit=t("人", "people"), ge=0, le=1e7, aliases=("投资聘用", "聘用本市户籍人数"),
    )
    public_service_years: Years = field(
        0, "bonus",
        t("在特定公共服务领域就业的年数", "Years employed in a designated public-service sector"),
        tf("每满1年积{public_service.points_per_year}分，满{public_service.counts_from_years}年后才计入总分",
           "{public_service.points_per_year} points per full year, counted only from {public_service.counts_from_years} full years on"),
        unit=YEARS, ge=0, le=100, aliases=("公共服务年数", "公共服务领域年数"),
    )
    suburb_years: Years = field(
        0, "bonus",
        t("在远郊重点区域工作并居住的年数", "Years working and living in a key outer-suburb area"),
        tf("每满1年积{suburb.points_per_year}分，满{suburb.counts_from_years}年后才计入，最高{suburb.max_points}分",
           "{suburb.points_per_year} points per full year, counted only from {suburb.counts_from_years} full years on, at most {suburb.max_points}"),
        unit=YEARS, ge=0, le=100, aliases=("远郊年数", "远郊重点区域年数"),
    )
    fresh_graduate: Bool = field(
        False, "bonus",
        t("全日制应届高校毕业生", "Full-time fresh university graduate"),
        t("以应届毕业生身份申请", "Applying as a fresh graduate"),
        aliases=("应届生", "应届毕业生"),
    )
    award: Award = field(
        "none", "bonus",
        t("表彰奖励（最高一项）", "Government award (highest)"),
        t("在本市工作期间获得的政府表彰奖励，只计最高一项", "Awards received while working in Shanghai; only the highest counts"),
        aliases=("表彰奖励", "表彰", "奖励"),
    )
    spouse_hukou_years: Years = field(
        0, "bonus",
        t("与本市户籍配偶结婚的年数", "Years married to a spouse with Shanghai hukou"),
        tf("结婚每满1年积{spouse.points_per_year}分，最高{spouse.max_points}分", "{spouse.points_per_year} points per full year of marriage, at most {spouse.max_points}"),
        unit=YEARS, ge=0, le=100, aliases=("配偶年数", "沪籍配偶结婚年数", "结婚年数"),
    )

    # ---- 减分指标 第八条
    false_material_count: Times = field(
        0, "deduction",
        tf("{false_material.within_years}年内提供虚假材料次数", "False material supplied in the last {false_material.within_years} years (times)"),
        tf("每次扣{-false_material.points_each}分", "Minus {-false_material.points_each} points each time"),
        unit=TIMES, ge=0, le=99, aliases=("虚假材料次数", "虚假材料"),
    )
    detention_count: Times = field(
        0, "deduction",
        tf("{detention.within_years}年内行政拘留记录条数", "Administrative detentions in the last {detention.within_years} years"),
        tf("每条扣{-detention.points_each}分", "Minus {-detention.points_each} points each"),
        unit=TIMES, ge=0, le=99, aliases=("行政拘留", "行政拘留次数"),
    )
    criminal_count: Times = field(
        0, "deduction",
        tf("{criminal.within_years}年内一般刑事犯罪记录条数", "Ordinary criminal records in the last {criminal.within_years} years"),
        tf("每条扣{-criminal.points_each}分", "Minus {-criminal.points_each} points each"),
        unit=TIMES, ge=0, le=99, aliases=("刑事犯罪", "一般刑事犯罪"),
    )

    # ---- 一票否决 第九条
    family_planning_violation: Bool = field(
        False, "veto",
        t("有违反计划生育政策的记录", "Family-planning violation on record"),
        t("有此记录即取消积分资格", "Any such record disqualifies the applicant"),
        aliases=("违反计划生育",),
    )
    serious_crime: Bool = field(
        False, "veto",
        t("有严重刑事犯罪记录", "Serious criminal record"),
        t("有此记录即取消积分资格", "Any such record disqualifies the applicant"),
        aliases=("严重刑事犯罪",),
    )

    # ---- 申请条件 (第二条, 第十三条): they never change the score; and the date it is computed for
    has_residence_permit: Bool | None = field(
        None, "application",
        t("持有有效的《上海市居住证》", "Holds a valid Shanghai Residence Permit"),
        t("积分只对有效期内的居住证持证人办理", "Points are only granted to holders of a valid residence permit"),
        aliases=("居住证", "持有居住证"),
    )
    employer_type: EmployerType | None = field(
        None, "application",
        t("工作单位类型", "Employer"),
        t("积分须由在本市注册的用人单位代为申请，个人不能自行申请", "An employer registered in Shanghai files the application; individuals cannot apply themselves"),
        aliases=("单位类型",),
    )
    insured_this_month: Bool | None = field(
        None, "application",
        t("申请当月在本市就业并缴纳职工社保", "Employed and paying Shanghai employee social insurance this month"),
        t("申请当月须处于就业状态并正常缴纳本市职工社保", "In the month of application you must be employed and paying employee social insurance"),
        aliases=("当月社保", "当月缴纳社保"),
    )
    insured_months_last_12: Annotated[int, Field(ge=0, le=12), with_units(MONTH_UNITS)] | None = field(
        None, "application",
        tf("近{eligibility.insured_months_window}个月正常缴纳职工社保的月数", "Months of employee social insurance paid in the last {eligibility.insured_months_window}"),
        tf("须至少{eligibility.insured_months_min}个月，补缴的月份不算", "At least {eligibility.insured_months_min} are needed; back-paid months do not count"),
        unit=MONTHS, aliases=("近12个月社保月数",),
    )
    as_of: Date = field(
        today_in_shanghai, "application",
        t("申请日期", "Application date"),
        t("按哪一天计算积分（年龄、规则版本都以这天为准），默认今天", "The date the points are computed for (age and rule edition); today by default"),
        aliases=("计算日期",),
    )

    @field_validator("as_of")
    @classmethod
    def _edition_exists(cls, value: dt.date) -> dt.date:
        first = first_date()
        if value < first:
            raise PydanticCustomError(
                "no_edition",
                "no edition of the rules is in force on {date}",
                {"date": value.isoformat(), "first": first.isoformat()},
            )
        return value

    @model_validator(mode="after")
    def _exactly_one_age(self) -> Profile:
        if self.age is None and self.birth_date is None:
            raise PydanticCustomError("age_missing", "give age or birth_date", {"field": "age"})
        if self.age is not None and self.birth_date is not None:
            raise PydanticCustomError("age_twice", "give age or birth_date, not both", {"field": "birth_date"})
        if self.birth_date is not None:
            if self.birth_date > self.as_of:
                raise PydanticCustomError("birth_after_as_of", "birth_date is after as_of", {"field": "birth_date", "as_of": self.as_of.isoformat()})
            years = full_years(self.birth_date, self.as_of)
            if not AGE_MIN <= years <= AGE_MAX:
                raise PydanticCustomError("birth_age_range", "age from birth_date out of range", {"field": "birth_date", "age": years})
        return self

    @property
    def age_on_as_of(self) -> int:
        """周岁 on the application date."""
        if self.age is not None:
            return self.age
        assert self.birth_date is not None
        return full_years(self.birth_date, self.as_of)


FIELDS: tuple[str, ...] = tuple(Profile.model_fields)

