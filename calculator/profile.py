"""The profile: the input contract (the rulebook's "Contract"; docs/rulebook-additions.md).

Each field carries its limits, default, Chinese and English label and a one-line
help text. The form, the JSON Schema, the CLI and the batch template are all
generated from this model, so a field is defined here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .editions import editions, first_date
from .text import Text, t, with_figures

SHANGHAI = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")


def today_in_shanghai() -> dt.date:
    """The application date defaults to today's date in Shanghai (UTC+8)."""
    return dt.datetime.now(SHANGHAI).date()


# Labels and help texts that quote an amount take it from the newest edition's parameters
# ({indicator.key}, see text.with_figures), so they cannot disagree with the rules. The
# breakdown of a result quotes the edition in force on its own date.
NEWEST = editions()[-1]


def tf(zh: str, en: str) -> Text:
    """A text quoting figures of the newest edition."""
    return with_figures(t(zh, en), NEWEST.params)


# ------------------------------------------------------------------ option labels
Education = Literal["none", "associate", "bachelor", "bachelor_degree", "master", "doctorate"]
EDUCATION_OPTIONS: dict[str, Text] = {
    "none": t("无(大专以下)", "None (below associate degree)"),
    "associate": t("大专(高职)学历", "Associate degree (大专/高职)"),
    "bachelor": t("大学本科学历(无学士学位)", "Bachelor's education, no degree"),
    "bachelor_degree": t("大学本科学历和学士学位", "Bachelor's education and degree"),
    "master": t("硕士研究生学历学位", "Master's degree"),
    "doctorate": t("博士研究生学历学位", "Doctorate"),
}

Qualification = Literal["none", "skill_5", "skill_4", "skill_3", "skill_2", "intermediate_title", "skill_1", "senior_title"]
QUALIFICATION_OPTIONS: dict[str, Text] = {
    "none": t("无", "None"),
    "skill_5": t("技能类国家职业资格五级(初级工)", "Skill level 5 (entry)"),
    "skill_4": t("技能类国家职业资格四级(中级工)", "Skill level 4"),
    "skill_3": t("技能类国家职业资格三级(高级工)", "Skill level 3"),
    "skill_2": t("技能类国家职业资格二级(技师)", "Skill level 2 (technician)"),
    "intermediate_title": t("中级专业技术职务任职资格(中级职称)", "Intermediate professional title"),
    "skill_1": t("技能类国家职业资格一级(高级技师)", "Skill level 1 (senior technician)"),
    "senior_title": t("高级专业技术职务任职资格(高级职称)", "Senior professional title"),
}

InsuranceBase = Literal["none", "x0.8", "x1", "x2", "x3"]


def _tier(name: str) -> Text:
    k = f"insurance_base.tiers.{name}"
    return tf(f"社平工资{{{k}.multiple_from}}倍至{{{k}.multiple_below}}倍以下(近{{{k}.within_years}}年累计{{{k}.months}}个月)",
              f"{{{k}.multiple_from}}× to under {{{k}.multiple_below}}× the average ({{{k}.months}} months within {{{k}.within_years}} years)")


INSURANCE_BASE_OPTIONS: dict[str, Text] = {
    "none": tf("低于社平工资的{insurance_base.tiers.x0.8.multiple_from}倍,或不满足月数", "Below {insurance_base.tiers.x0.8.multiple_from}× the average wage, or too few months"),
    "x0.8": _tier("x0.8"),
    "x1": _tier("x1"),
    "x2": _tier("x2"),
    "x3": tf("社平工资{insurance_base.tiers.x3.multiple_from}倍,即缴费上限(近{insurance_base.tiers.x3.within_years}年累计{insurance_base.tiers.x3.months}个月)",
             "{insurance_base.tiers.x3.multiple_from}× the average, the ceiling ({insurance_base.tiers.x3.months} months within {insurance_base.tiers.x3.within_years} years)"),
}

Award = Literal["none", "municipal_special", "municipal_comprehensive", "provincial"]
AWARD_OPTIONS: dict[str, Text] = {
    "none": t("无", "None"),
    "municipal_special": t("市级机关专项性表彰奖励", "Municipal special award"),
    "municipal_comprehensive": t("市级机关综合性表彰奖励", "Municipal comprehensive award"),
    "provincial": t("省部级及以上政府表彰奖励", "Provincial/ministerial or higher government award"),
}

EmployerType = Literal["shanghai_employer", "outside_branch", "representative_office", "self_employed"]
EMPLOYER_TYPE_OPTIONS: dict[str, Text] = {
    "shanghai_employer": t("在本市注册登记并纳税的用人单位", "An employer registered and paying tax in Shanghai"),
    "outside_branch": t("本市单位在外省市设立的分支机构", "A Shanghai employer's branch outside Shanghai"),
    "representative_office": t("外省市政府或企事业单位在沪办事机构", "A representative office in Shanghai of an organisation from elsewhere"),
    "self_employed": t("个人或个体工商户(无用人单位)", "Self-employed or sole trader (no employer)"),
}

OPTIONS: dict[str, dict[str, Text]] = {
    "education": EDUCATION_OPTIONS,
    "qualification": QUALIFICATION_OPTIONS,
    "insurance_base": INSURANCE_BASE_OPTIONS,
    "award": AWARD_OPTIONS,
    "employer_type": EMPLOYER_TYPE_OPTIONS,
}


# ------------------------------------------------------------------ value checks
def _halfwidth(value: Any) -> Any:
    """Chinese keyboards may type full-width digits and signs ("３０", "２０２６－０３－０１")."""
    return unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else value


def _not_bool(value: Any) -> Any:
    """pydantic would read true as 1; a number field takes numbers only."""
    if isinstance(value, bool):
        raise PydanticCustomError("number_not_bool", "a number is required, not true/false")
    return _halfwidth(value)


def _finite(value: Any) -> Any:
    value = _not_bool(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return value  # pydantic reports the parsing error
    if not math.isfinite(number):
        raise PydanticCustomError("finite_number", "a finite number is required")
    return value


def _iso_date(value: Any) -> Any:
    """Dates are ISO strings (YYYY-MM-DD) or date objects, nothing else."""
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("date_type", "a date is required")
    if isinstance(value, dt.date) or value is None:
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("date_type", "a date is required")
    return _halfwidth(value)


Int = Annotated[int, BeforeValidator(_not_bool)]
Number = Annotated[float, BeforeValidator(_finite)]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
# An optional bounded integer spells its limits before the validator, so that
# the JSON Schema shows them as minimum/maximum.


def field(default: Any, group: str, label: Text, help: Text, *, unit: Text | None = None, one_of: str | None = None, **limits: Any) -> Any:
    extra: dict[str, Any] = {"x-group": group, "x-label": label, "x-help": help}
    if unit:
        extra["x-unit"] = unit
    if one_of:
        extra["x-one-of"] = one_of
    kwargs: dict[str, Any] = {"default_factory": default} if callable(default) else {"default": default}
    return Field(**kwargs, title=label["en"], description=help["en"], json_schema_extra=extra, **limits)


YEARS = t("年", "years")
MONTHS = t("个月", "months")
TIMES = t("次", "times")

AGE_MIN, AGE_MAX = 16, 100


class Profile(BaseModel):
    """An applicant's situation, as the 办法 asks for it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_default=False)

    # ---- 申请条件 (第二条, 第十三条) and the application date
    as_of: IsoDate = field(
        today_in_shanghai, "application",
        t("申请日期", "Application date"),
        t("按哪一天计算积分(年龄、规则版本都以这天为准),默认今天", "The date the points are computed for (age and rule edition); today by default"),
    )
    has_residence_permit: bool | None = field(
        None, "application",
        t("持有有效的《上海市居住证》", "Holds a valid Shanghai Residence Permit"),
        t("积分只对有效期内的居住证持证人办理", "Points are only granted to holders of a valid residence permit"),
    )
    employer_type: EmployerType | None = field(
        None, "application",
        t("工作单位类型", "Employer"),
        t("积分须由在本市注册的用人单位代为申请,个人不能自行申请", "An employer registered in Shanghai files the application; individuals cannot apply themselves"),
    )
    insured_this_month: bool | None = field(
        None, "application",
        t("申请当月在本市就业并缴纳职工社保", "Employed and paying Shanghai employee social insurance this month"),
        t("申请当月须处于就业状态并正常缴纳本市职工社保", "In the month of application you must be employed and paying employee social insurance"),
    )
    insured_months_last_12: Annotated[int, Field(ge=0, le=12), BeforeValidator(_not_bool)] | None = field(
        None, "application",
        tf("近{eligibility.insured_months_window}个月正常缴纳职工社保的月数", "Months of employee social insurance paid in the last {eligibility.insured_months_window}"),
        tf("须至少{eligibility.insured_months_min}个月,补缴的月份不算", "At least {eligibility.insured_months_min} are needed; back-paid months do not count"),
        unit=MONTHS,
    )

    # ---- 基础指标 第六条
    age: Annotated[int, Field(ge=AGE_MIN, le=AGE_MAX), BeforeValidator(_not_bool)] | None = field(
        None, "base",
        t("年龄(周岁)", "Age (full years)"),
        t("申请日的周岁年龄;也可以改填出生日期", "Age in full years on the application date; or give the birth date instead"),
        unit=t("岁", "years"), one_of="age",
    )
    birth_date: IsoDate | None = field(
        None, "base",
        t("出生日期", "Birth date"),
        t("按申请日计算周岁;2月29日出生的,平年按3月1日满岁", "Age is counted on the application date; born on 29 February, you turn a year older on 1 March in common years"),
        one_of="age",
    )
    education: Education = field(
        "none", "base",
        t("教育背景(最高学历学位)", "Education (highest degree)"),
        t("国家认可的国内外学历学位;与职称/技能等级二选一,取高者", "A recognised degree; only the higher of education and title/skill counts"),
    )
    qualification: Qualification = field(
        "none", "base",
        t("专业技术职称或技能等级", "Professional title or skill level"),
        t("在本市工作期间取得、与岗位相符;与学历二选一,取高者", "Obtained while working in Shanghai and matching the job; only the higher of this and education counts"),
    )
    qualification_salary_ok: bool = field(
        True, "base",
        tf("近{qualification.salary_condition_window_months}个月中有{qualification.salary_condition_months}个月社保基数不低于上年度社平工资",
           "In the last {qualification.salary_condition_window_months} months, {qualification.salary_condition_months} months of insurance paid on at least the average wage"),
        t("中级/高级职称和技能二级/一级须满足此条件才能积分", "Needed for intermediate/senior titles and skill levels 2/1 to count"),
    )
    social_insurance_months: Int = field(
        0, "base",
        t("在本市缴纳职工社保的月数", "Months of Shanghai employee social insurance"),
        tf("累计正常缴纳的月数,补缴不算;每满{social_insurance.months_per_step}个月积{social_insurance.points_per_step}分",
           "Months paid in total, back payments excluded; {social_insurance.points_per_step} points per full {social_insurance.months_per_step} months"),
        unit=MONTHS, ge=0, le=1200,
    )

    # ---- 加分指标 第七条
    startup_talent: bool = field(
        False, "bonus",
        t("创业人才", "Entrepreneurial talent"),
        t("符合市科委公布的创业人才条件", "Meets the start-up talent conditions published by the Science and Technology Commission"),
    )
    startup_service_talent: bool = field(
        False, "bonus",
        t("创新创业中介服务人才", "Innovation and start-up service talent"),
        t("符合市科委公布的中介服务人才条件", "Meets the service-talent conditions published by the Science and Technology Commission"),
    )
    shortage_major: bool = field(
        False, "bonus",
        t("紧缺急需专业,且岗位与专业一致", "Major in short supply, and the job matches it"),
        t("所学专业在本市紧缺急需专业目录内", "The major is on Shanghai's list of majors in short supply"),
    )
    invest_tax_wan: Number = field(
        0, "bonus",
        t("投资企业年均纳税(万元,按个人份额)", "Yearly tax of your company (10,000 CNY, your share)"),
        tf("最近连续{investment.average_years}年的年平均纳税额;满{investment.tax_step_wan}万元起,每{investment.tax_step_wan}万元积{investment.points_per_step}分",
           "Yearly average over the last {investment.average_years} years; from {investment.tax_step_wan:cny} CNY, {investment.points_per_step} points per {investment.tax_step_wan:cny}"),
        unit=t("万元", "× 10,000 CNY"), ge=0, le=1e8,
    )
    invest_local_hires: Number = field(
        0, "bonus",
        t("投资企业年均聘用本市户籍人员(人,按个人份额)", "Yearly Shanghai-hukou hires of your company (your share)"),
        tf("最近连续{investment.average_years}年的年平均人数;满{investment.hires_step}人起,每{investment.hires_step}人积{investment.points_per_step}分;与纳税取高者",
           "Yearly average over the last {investment.average_years} years; from {investment.hires_step} people, {investment.points_per_step} points per {investment.hires_step}; the higher of this and tax counts"),
        unit=t("人", "people"), ge=0, le=1e7,
    )
    insurance_base: InsuranceBase = field(
        "none", "bonus",
        t("职工社保缴费基数档次", "Social insurance contribution base tier"),
        t("缴费基数相对上年度社平工资的倍数;可用下方工具按月缴费基数换算", "Your base as a multiple of the average wage; the helper below converts a monthly base"),
    )
    public_service_years: Int = field(
        0, "bonus",
        t("在特定公共服务领域就业的年数", "Years employed in a designated public-service sector"),
        tf("每满1年积{public_service.points_per_year}分,满{public_service.counts_from_years}年后才计入总分",
           "{public_service.points_per_year} points per full year, counted only from {public_service.counts_from_years} full years on"),
        unit=YEARS, ge=0, le=100,
    )
    suburb_years: Int = field(
        0, "bonus",
        t("在远郊重点区域工作并居住的年数", "Years working and living in a key outer-suburb area"),
        tf("每满1年积{suburb.points_per_year}分,满{suburb.counts_from_years}年后才计入,最高{suburb.max_points}分",
           "{suburb.points_per_year} points per full year, counted only from {suburb.counts_from_years} full years on, at most {suburb.max_points}"),
        unit=YEARS, ge=0, le=100,
    )
    fresh_graduate: bool = field(
        False, "bonus",
        t("全日制应届高校毕业生", "Full-time fresh university graduate"),
        t("以应届毕业生身份申请", "Applying as a fresh graduate"),
    )
    award: Award = field(
        "none", "bonus",
        t("表彰奖励(最高一项)", "Government award (highest)"),
        t("在本市工作期间获得的政府表彰奖励,只计最高一项", "Awards received while working in Shanghai; only the highest counts"),
    )
    spouse_hukou_years: Int = field(
        0, "bonus",
        t("与本市户籍配偶结婚的年数", "Years married to a spouse with Shanghai hukou"),
        tf("结婚每满1年积{spouse.points_per_year}分,最高{spouse.max_points}分", "{spouse.points_per_year} points per full year of marriage, at most {spouse.max_points}"),
        unit=YEARS, ge=0, le=100,
    )

    # ---- 减分指标 第八条
    false_material_count: Int = field(
        0, "deduction",
        tf("{false_material.within_years}年内提供虚假材料次数", "False material supplied in the last {false_material.within_years} years (times)"),
        tf("每次扣{-false_material.points_each}分", "Minus {-false_material.points_each} points each time"),
        unit=TIMES, ge=0, le=99,
    )
    detention_count: Int = field(
        0, "deduction",
        tf("{detention.within_years}年内行政拘留记录条数", "Administrative detentions in the last {detention.within_years} years"),
        tf("每条扣{-detention.points_each}分", "Minus {-detention.points_each} points each"),
        unit=TIMES, ge=0, le=99,
    )
    criminal_count: Int = field(
        0, "deduction",
        tf("{criminal.within_years}年内一般刑事犯罪记录条数", "Ordinary criminal records in the last {criminal.within_years} years"),
        tf("每条扣{-criminal.points_each}分", "Minus {-criminal.points_each} points each"),
        unit=TIMES, ge=0, le=99,
    )

    # ---- 一票否决 第九条
    family_planning_violation: bool = field(
        False, "veto",
        t("有违反计划生育政策的记录", "Family-planning violation on record"),
        t("有此记录即取消积分资格", "Any such record disqualifies the applicant"),
    )
    serious_crime: bool = field(
        False, "veto",
        t("有严重刑事犯罪记录", "Serious criminal record"),
        t("有此记录即取消积分资格", "Any such record disqualifies the applicant"),
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


def full_years(born: dt.date, on: dt.date) -> int:
    """周岁: whole years since birth. Born on 29 February, one turns a year older on
    1 March in a common year, which the (month, day) comparison gives by itself."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


FIELDS: tuple[str, ...] = tuple(Profile.model_fields)


def field_limits(name: str) -> tuple[float | None, float | None]:
    """The (minimum, maximum) a numeric field allows, read from its JSON Schema."""
    schema = _schema()["properties"][name]
    for option in schema.get("anyOf", [schema]):
        if option.get("type") in {"integer", "number"}:
            return option.get("minimum"), option.get("maximum")
    return None, None


def field_meta(name: str) -> dict[str, Any]:
    """The x- metadata (group, label, help, unit, one_of) of a field."""
    extra = Profile.model_fields[name].json_schema_extra
    assert isinstance(extra, dict)
    return extra


def field_type(name: str) -> Literal["integer", "number", "boolean", "enum", "date"]:
    """The kind of control a field needs, read from its JSON Schema."""
    if name in OPTIONS:
        return "enum"
    schema = _schema()["properties"][name]
    kinds = {s.get("type") for s in schema.get("anyOf", [schema])} - {"null"}
    if schema.get("format") == "date" or any(s.get("format") == "date" for s in schema.get("anyOf", [])):
        return "date"
    (kind,) = kinds
    return kind  # type: ignore[return-value]


_SCHEMA: dict[str, Any] = {}


def _schema() -> dict[str, Any]:
    if not _SCHEMA:
        _SCHEMA.update(Profile.model_json_schema())
    return _SCHEMA
