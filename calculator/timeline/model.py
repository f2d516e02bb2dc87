"""The timeline's input: optional dates about the permit, the points and the child, and the
居转户 pre-check answers. Each field carries its limits and its Chinese and English label and
help, declared with the same field factory as the Profile; calculator/formspec.py exports
both models the same way, and calculator/errors.py words the refusals of both."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from ..dates import today_in_shanghai
from ..errors import ProfileError, field_errors
from ..fields import field
from ..options import Choices, choices
from ..text import t
from ..values import YEAR_UNITS, Bool, Date, with_units

POINTS_STATUS = choices([
    ("unknown", t("不填", "Not given"), ()),
    ("approved", t("已获批", "Approved"), ("已批", "已获批准")),
    ("not_yet", t("尚未申请或尚未获批", "Not yet (not applied or not approved)"), ("未获批", "尚未获批", "未申请")),
])
_GRADES = ("小学一年级", "小学二年级", "小学三年级", "小学四年级", "小学五年级", "初中六年级",
           "初中七年级", "初中八年级", "初中九年级", "高一", "高二", "高三")
_SHORT = ("一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级", "高中一年级", "高中二年级", "高中三年级")
CHILD_STAGE = choices([(f"grade_{n}", t(f"{zh}（{n}年级）", f"Grade {n}"), (short, zh, f"{n}年级"))
                       for n, (zh, short) in enumerate(zip(_GRADES, _SHORT), start=1)])
PointsStatus = Annotated[Literal["unknown", "approved", "not_yet"], POINTS_STATUS.validator]
ChildStage = Annotated[Literal["grade_1", "grade_2", "grade_3", "grade_4", "grade_5", "grade_6", "grade_7", "grade_8",
                               "grade_9", "grade_10", "grade_11", "grade_12"], CHILD_STAGE.validator]
TIMELINE_CHOICES: dict[str, Choices] = {"points_status": POINTS_STATUS, "child_stage": CHILD_STAGE}
TIMELINE_OPTIONS = {name: c.labels for name, c in TIMELINE_CHOICES.items()}

CHILD_MAX_YEARS = 20   # a birth date more than this many years back is no school child
YEARS_MAX = 60
YEARS = t("年", "years")
WholeYears = Annotated[int, Field(ge=0, le=YEARS_MAX), with_units(YEAR_UNITS)]


class TimelineInput(BaseModel):
    """Everything optional: the timeline says what it cannot tell without a date."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_default=False)

    on: Date = field(today_in_shanghai, "timeline", t("今天", "Today"),
                        t("从哪一天看今后的日期，默认今天", "The date the timeline looks ahead from; today by default"))
    permit_expiry: Date | None = field(
        None, "timeline", t("居住证有效期至", "Residence permit valid until"),
        t("《上海市居住证》上的有效期截止日；积分随居住证有效", "The expiry date on your Shanghai Residence Permit; the points are valid with it"))
    points_status: PointsStatus = field(
        "unknown", "timeline", t("积分是否已获批", "Points approved?"),
        t("已获批请填批准日期；尚未获批的按达标计划推算", "If approved, give the date; if not, the plan's projection is used"))
    points_approved_on: Date | None = field(
        None, "timeline", t("积分批准日期", "Date the points were approved"),
        t("积分通知书上的日期（可不填）", "The date on the points notice (optional)"), example=dt.date(2024, 6, 15))
    child_birth_date: Date | None = field(
        None, "timeline", t("孩子出生日期", "Child's birth date"),
        t("用来推算入学、中考、高考的年份；也可以只选年级", "Gives the years of school entry, 中考 and 高考; or choose the grade instead"),
        one_of="child", example=dt.date(2018, 9, 1))
    child_stage: ChildStage | None = field(
        None, "timeline", t("孩子现在的年级", "Child's grade now"),
        t("本学年所在年级（9月开学算新学年）", "The grade in this school year (a new school year starts in September)"),
        one_of="child")
    settle_permit_years: WholeYears | None = field(
        None, "settle", t("已持居住证累计年数", "Years holding the permit, in total"),
        t("持《上海市居住证》的累计整年数", "Full years you have held a Shanghai Residence Permit"), unit=YEARS)
    settle_insured_years: WholeYears | None = field(
        None, "settle", t("持证期间缴纳本市社保年数", "Years of Shanghai social insurance while holding it"),
        t("持证期间按规定缴纳职工社会保险的整年数", "Full years of employee social insurance paid while holding the permit"), unit=YEARS)
    settle_tax_in_shanghai: Bool | None = field(
        None, "settle", t("在本市缴纳个人所得税", "Income tax paid in Shanghai"),
        t("持证期间依法在上海缴纳个人所得税", "Income tax paid in Shanghai while holding the permit"))
    settle_title_matches: Bool | None = field(
        None, "settle", t("中级职称或技师以上且与岗位相符", "Intermediate title or technician+, matching the job"),
        t("中级及以上职称或技师（国家二级）及以上职业资格，且与所聘岗位相符", "An intermediate or higher title, or technician (level 2) or higher, matching your job"))
    settle_no_record: Bool | None = field(
        None, "settle", t("无计划生育、违法犯罪等不良记录", "No family-planning or criminal record"),
        t("没有违反计划生育政策记录和违法犯罪记录", "No record of a family-planning violation or a crime"))

    @model_validator(mode="after")
    def _consistent(self) -> TimelineInput:
        if self.points_approved_on is not None:
            if self.points_status == "not_yet":
                raise PydanticCustomError("approved_not_yet", "approved date with status not_yet", {"field": "points_approved_on"})
            if self.points_approved_on > self.on:
                raise PydanticCustomError("date_in_future", "approval after today", {"field": "points_approved_on", "on": self.on.isoformat()})
        if self.child_birth_date is not None:
            if self.child_stage is not None:
                raise PydanticCustomError("child_twice", "birth date and grade", {"field": "child_stage"})
            if self.child_birth_date > self.on:
                raise PydanticCustomError("date_in_future", "birth after today", {"field": "child_birth_date", "on": self.on.isoformat()})
            if self.child_birth_date.year < self.on.year - CHILD_MAX_YEARS:
                raise PydanticCustomError("child_too_old", "too old", {"field": "child_birth_date", "max_years": CHILD_MAX_YEARS})
        return self

    @property
    def approved(self) -> bool:
        return self.points_status == "approved" or self.points_approved_on is not None


TIMELINE_FIELDS: tuple[str, ...] = tuple(TimelineInput.model_fields)


def parse_timeline(data: Any) -> TimelineInput:
    """Validate the timeline input; a refused one raises ProfileError, one message per field (zh+en)."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ProfileError([{"field": None, "type": "request", "zh": "timeline 必须是一个JSON对象", "en": "timeline must be a JSON object"}])
    try:
        return TimelineInput.model_validate(data)
    except ValidationError as exc:
        raise ProfileError(field_errors(exc, TimelineInput, TIMELINE_CHOICES)) from None
