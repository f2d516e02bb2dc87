"""The choices a field offers, each with its label in Chinese and English and the other
words people write for it (a clerk's 本科学士, 副高, 2倍). A word that could mean two
options (本科 alone: with a 学士学位 or not) is refused with what to write instead.

The parser, the batch template and the docs all read these catalogues; the points of
each option are the edition's, never stated here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from .labels import tf
from .text import Text, t
from .values import halfwidth


def _key(word: str) -> str:
    return "".join(halfwidth(word).split())


@dataclass(frozen=True)
class Option:
    label: Text
    aliases: tuple[str, ...] = ()   # the first one is the shortest way to write it (the fix a message offers)


@dataclass
class Choices:
    """A field's options by id, read from the id, either label or an alias (spaces and width
    ignored; case kept, so that a misspelt id such as MASTER is refused, not guessed)."""

    options: Mapping[str, Option]
    ambiguous: Mapping[str, Text] = field(default_factory=dict)   # word -> what to write instead

    def __post_init__(self) -> None:
        self._words: dict[str, str] = {}
        for value, option in self.options.items():
            for word in (value, option.label["zh"], option.label["en"], *option.aliases):
                key = _key(word)
                if self._words.setdefault(key, value) != value:
                    raise ValueError(f"{word!r} names two options: {self._words[key]} and {value}")
        self._ambiguous = {_key(w): fix for w, fix in self.ambiguous.items()}
        clash = set(self._ambiguous) & set(self._words)
        if clash:
            raise ValueError(f"both a name and ambiguous: {sorted(clash)}")

    @property
    def labels(self) -> dict[str, Text]:
        return {value: option.label for value, option in self.options.items()}

    def short(self, value: str) -> str:
        """The shortest Chinese way to write an option (its first alias, else its label)."""
        option = self.options[value]
        return option.aliases[0] if option.aliases else option.label["zh"]

    def read(self, value: Any) -> Any:
        """The option id that ``value`` names; a non-text value is left to pydantic."""
        if not isinstance(value, str):
            return value
        key = _key(value)
        if key in self._words:
            return self._words[key]
        if key in self._ambiguous:
            fix = self._ambiguous[key]
            raise PydanticCustomError("choice_ambiguous", "{found} is ambiguous: {fix_en}",
                                      {"found": value.strip(), "fix_zh": fix["zh"], "fix_en": fix["en"]})
        shorts = [self.short(v) for v in self.options]
        raise PydanticCustomError("choice_unknown", "{found} is not one of the options",
                                  {"found": value.strip(), "short_zh": "、".join(shorts), "values": ", ".join(self.options)})

    @property
    def validator(self) -> BeforeValidator:
        return BeforeValidator(self.read)


def choices(options: Iterable[tuple[str, Text, tuple[str, ...]]], ambiguous: Mapping[str, Text] | None = None) -> Choices:
    return Choices({value: Option(label, aliases) for value, label, aliases in options}, ambiguous or {})


EDUCATION = choices(
    [
        ("none", t("无（大专以下）", "None (below associate degree)"), ("无", "高中", "中专", "初中", "技校", "职高", "大专以下")),
        ("associate", t("大专（高职）学历", "Associate degree (大专/高职)"), ("大专", "专科", "高职", "大专学历")),
        ("bachelor", t("大学本科学历（无学士学位）", "Bachelor's education, no degree"), ("本科无学位", "本科无学士学位", "本科(无学位)")),
        ("bachelor_degree", t("大学本科学历和学士学位", "Bachelor's education and degree"),
         ("本科学士", "学士", "学士学位", "本科有学位", "本科及学士", "本科(学士)", "bachelor's degree")),
        ("master", t("硕士研究生学历学位", "Master's degree"), ("硕士", "研究生", "硕士研究生")),
        ("doctorate", t("博士研究生学历学位", "Doctorate"), ("博士", "博士研究生")),
    ],
    {"本科": t("写 本科学士 或 本科无学位", "write 本科学士 (with degree) or 本科无学位 (without)")},
)

QUALIFICATION = choices(
    [
        ("none", t("无", "None"), ("无",)),
        ("skill_5", t("技能类国家职业资格五级（初级工）", "Skill level 5 (entry)"), ("初级工", "五级", "职业资格五级")),
        ("skill_4", t("技能类国家职业资格四级（中级工）", "Skill level 4"), ("中级工", "四级", "职业资格四级")),
        ("skill_3", t("技能类国家职业资格三级（高级工）", "Skill level 3"), ("高级工", "三级", "职业资格三级")),
        ("skill_2", t("技能类国家职业资格二级（技师）", "Skill level 2 (technician)"), ("技师", "二级", "职业资格二级")),
        ("intermediate_title", t("中级专业技术职务任职资格（中级职称）", "Intermediate professional title"),
         ("中级职称", "中级专业技术职称")),
        ("skill_1", t("技能类国家职业资格一级（高级技师）", "Skill level 1 (senior technician)"), ("高级技师", "一级", "职业资格一级")),
        ("senior_title", t("高级专业技术职务任职资格（高级职称）", "Senior professional title"),
         ("高级职称", "副高", "正高", "副高级职称", "正高级职称", "高级专业技术职称")),
    ],
    {"中级": t("写 中级职称 或 中级工", "write 中级职称 (title) or 中级工 (skill level 4)"),
     "高级": t("写 高级职称、高级工 或 高级技师", "write 高级职称 (title), 高级工 (skill level 3) or 高级技师 (skill level 1)")},
)



def _tier(name: str) -> Text:
    k = f"insurance_base.tiers.{name}"
    return tf(f"社平工资{{{k}.multiple_from}}倍至{{{k}.multiple_below}}倍以下（近{{{k}.within_years}}年累计{{{k}.months}}个月）",
                  f"{{{k}.multiple_from}}× to under {{{k}.multiple_below}}× the average ({{{k}.months}} months within {{{k}.within_years}} years)")


INSURANCE_BASE = choices([
    ("none", tf("低于社平工资的{insurance_base.tiers.x0.8.multiple_from}倍，或不满足月数",
                    "Below {insurance_base.tiers.x0.8.multiple_from}× the average wage, or too few months"),
     ("无", "不满足", "0.8倍以下")),
    ("x0.8", _tier("x0.8"), ("0.8倍", "0.8")),
    ("x1", _tier("x1"), ("1倍", "1")),
    ("x2", _tier("x2"), ("2倍", "2")),
    ("x3", tf("社平工资{insurance_base.tiers.x3.multiple_from}倍，即缴费上限（近{insurance_base.tiers.x3.within_years}年累计{insurance_base.tiers.x3.months}个月）",
                  "{insurance_base.tiers.x3.multiple_from}× the average, the ceiling ({insurance_base.tiers.x3.months} months within {insurance_base.tiers.x3.within_years} years)"),
     ("3倍", "3", "上限")),
])

AWARD = choices([
    ("none", t("无", "None"), ("无",)),
    ("municipal_special", t("市级机关专项性表彰奖励", "Municipal special award"), ("市级专项", "市级专项表彰")),
    ("municipal_comprehensive", t("市级机关综合性表彰奖励", "Municipal comprehensive award"), ("市级综合", "市级综合表彰")),
    ("provincial", t("省部级及以上政府表彰奖励", "Provincial/ministerial or higher government award"), ("省部级", "省部级及以上")),
])

EMPLOYER_TYPE = choices([
    ("shanghai_employer", t("在本市注册登记并纳税的用人单位", "An employer registered and paying tax in Shanghai"), ("本市单位", "用人单位")),
    ("outside_branch", t("本市单位在外省市设立的分支机构", "A Shanghai employer's branch outside Shanghai"), ("外省市分支机构", "分支机构")),
    ("representative_office", t("外省市政府或企事业单位在沪办事机构", "A representative office in Shanghai of an organisation from elsewhere"),
     ("驻沪办事机构", "办事机构")),
    ("self_employed", t("个人或个体工商户（无用人单位）", "Self-employed or sole trader (no employer)"), ("个体", "个人", "个体工商户")),
])
