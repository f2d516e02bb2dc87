"""The batch template a clerk fills: every profile field as a column, in the model's order,
headed in Chinese (the field's short name: 年龄, 学历, 社保月数) or in English (the
field's id), after the identifying columns; two example rows written as a clerk would.

As CSV (``template_csv``) and as a workbook (``template_xlsx``), which adds a drop-down
list on every choice and yes/no column, the limits on every number column, and a second
sheet explaining each column (label, help, allowed values, unit, limits, what an empty
cell means, the other names the column may have). Everything is read from the models.
"""

from __future__ import annotations

from typing import Any

from . import csvio
from .columns import short_name
from .dates import EXAMPLE
from .errors import DATE_SPELLINGS, request_error
from .fields import column_names, kind, limits, meta
from .profile import CHOICES, FIELDS, Profile
from .text import Text, t

LANGS = ("zh", "en")
ID_HEADERS = {"zh": ["姓名", "工号"], "en": ["name", "id"]}
YES_NO = {"zh": ["是", "否"], "en": ["yes", "no"]}

EXAMPLES: tuple[dict[str, Any], ...] = (
    {"姓名": "（示例）张三", "工号": "A001", "age": 30, "education": "bachelor_degree", "social_insurance_months": 36,
     "insurance_base": "x1"},
    {"姓名": "（示例）李四", "工号": "A002", "birth_date": "1988-05-01", "qualification": "intermediate_title",
     "qualification_salary_ok": True, "social_insurance_months": 60, "spouse_hukou_years": 3, "suburb_years": 6},
)


def _lang(lang: Any) -> str:
    if lang not in LANGS:
        raise request_error("lang 须为 zh 或 en", "lang must be zh or en")
    return str(lang)


def option_words(name: str, lang: str) -> list[str]:
    """A choice field's options as the template offers them: the short Chinese word
    (本科学士, 1倍), or the English label; the model reads both back."""
    c = CHOICES[name]
    return [c.short(v) if lang == "zh" else c.options[v].label["en"] for v in c.options]


def headers(lang: str) -> list[str]:
    return [*ID_HEADERS[lang], *(short_name(f)[lang] for f in FIELDS)]


def example_cell(name: str, value: Any, lang: str) -> Any:
    if name in CHOICES:
        return option_words(name, lang)[list(CHOICES[name].options).index(value)]
    if isinstance(value, bool):
        return YES_NO[lang][0 if value else 1]
    return value


def example_rows(lang: str) -> list[list[Any]]:
    ids = ID_HEADERS["zh"]
    rows = []
    for example in EXAMPLES:  # the examples must use real fields and options
        assert set(example) <= set(FIELDS) | set(ids), set(example) - set(FIELDS) - set(ids)
        rows.append([example.get(i, "") for i in ids] + [example_cell(f, example[f], lang) if f in example else ""
                                                         for f in FIELDS])
    return rows


def template_csv(lang: str = "zh") -> str:
    """The header and the two example rows (no BOM: write it with ``csvio.encode``)."""
    lang = _lang(lang)
    return csvio.write(headers(lang), example_rows(lang))


def _fmt(x: float | None) -> str:
    return "" if x is None else (str(int(x)) if float(x).is_integer() else str(x))


def _limits_text(name: str) -> Text:
    low, high = limits(Profile, name)
    if low is None and high is None:
        return t("", "")
    if high is None:
        return t(f"不小于{_fmt(low)}", f"at least {_fmt(low)}")
    return t(f"{_fmt(low)}–{_fmt(high)}", f"{_fmt(low)}–{_fmt(high)}")


def _default_text(name: str) -> Text:
    info = Profile.model_fields[name]
    if info.default_factory is not None:
        return t("今天", "today")
    value = info.default
    if value is None:
        return t("不填即未知", "unknown")
    if name in CHOICES:
        c = CHOICES[name]
        return t(c.short(value), c.options[value].label["en"])
    if isinstance(value, bool):
        return t("是" if value else "否", "yes" if value else "no")
    return t(_fmt(value), _fmt(value))


def allowed_text(name: str) -> Text:
    k = kind(Profile, name)
    if name in CHOICES:
        c = CHOICES[name]
        return t("\n".join(f"{c.short(v)}({o.label['zh']})" if c.short(v) != o.label["zh"] else o.label["zh"]
                           for v, o in c.options.items()),
                 "\n".join(f"{o.label['en']} ({v})" for v, o in c.options.items()))
    if k == "boolean":
        return t("是 / 否（也可写 √ ×、Y N、1 0）", "yes / no (also Y N, 1 0, true false, 是 否)")
    if k == "date":
        return DATE_SPELLINGS
    if k == "integer":
        return t("整数", "a whole number")
    return t("数", "a number")


def guide_rows(lang: str) -> list[list[str]]:
    """The second sheet: one row a column."""
    head = {"zh": ["列名", "项目", "说明", "可填的值", "单位", "范围", "不填时", "也认的列名"],
            "en": ["Column", "Field", "Help", "Allowed values", "Unit", "Limits", "If empty", "Other names for the column"]}[lang]
    rows = [head]
    ids = {"zh": "姓名、工号、编号、部门、id、name：原样抄到结果里，不参与计算", "en": "name, id, 姓名, 工号, 编号, 部门: copied to the result as they are"}
    rows.append([" / ".join(ID_HEADERS[lang]), t("识别列", "Identifying columns")[lang], ids[lang], "", "", "", "", ""])
    for name in FIELDS:
        m = meta(Profile, name)
        unit = m.get("x-unit")
        header = short_name(name)[lang]
        others = [n for n in column_names(Profile, name) if n != header]
        rows.append([header, m["x-label"][lang], m["x-help"][lang], allowed_text(name)[lang], unit[lang] if unit else "",
                     _limits_text(name)[lang], _default_text(name)[lang], "、".join(others) if lang == "zh" else ", ".join(others)])
    return rows


def template_xlsx(lang: str = "zh") -> bytes:
    from .workbook import TemplateColumn, as_cell, write_template

    lang = _lang(lang)
    columns = [TemplateColumn(h, width=14) for h in ID_HEADERS[lang]]
    for name in FIELDS:
        m = meta(Profile, name)
        k = kind(Profile, name)
        header = short_name(name)[lang]
        label = m["x-label"][lang]
        c = TemplateColumn(header, width=14, prompt=(header, f"{label}\n{m['x-help'][lang]}"))
        if name in CHOICES:
            c.choices = option_words(name, lang)
            c.width = 18 if lang == "zh" else 30
            c.error = (header, t("请从下拉列表中选", "Choose from the list")[lang])
        elif k == "boolean":
            c.choices = YES_NO[lang]
        elif k in ("integer", "number"):
            low, high = limits(Profile, name)
            c.number = ("whole" if k == "integer" else "decimal", low, high)
            c.error = (header, f"{t('范围', 'Limits')[lang]} {_limits_text(name)[lang]}")
        elif k == "date":
            c.date = True
            c.prompt = (header, f"{label}\n{m['x-help'][lang]}\n{EXAMPLE.isoformat()}")
        columns.append(c)
    examples = [[as_cell(v) for v in row] for row in example_rows(lang)]
    return write_template(t("员工名单", "People")[lang], columns, examples, t("填写说明", "How to fill")[lang],
                          guide_rows(lang), t("选项", "Options")[lang])
