"""The shape of the law's data files in ``parameters/``, checked when they load.

``sources.toml`` lists the documents (the 办法 and its articles) and the public notices;
``edition_*.toml`` holds one edition's figures; ``average_wage.toml`` the dated wages.
Every key is declared here: an unknown or misspelt key fails at load with the file and
the key's path, not later when the rule that reads it runs. Every ``reference`` must
name a document, an article and a notice that ``sources.toml`` lists.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# ------------------------------------------------------------------ sources.toml
class Document(_Strict):
    title_zh: str
    title_en: str
    issued: dt.date
    in_force_from: dt.date
    number: str
    number_confirmed: bool
    articles: dict[str, str]


class Notice(_Strict):
    title: str
    url: str


class Guide(_Strict):
    """A secondary source: a page written for applicants, not an official text."""

    title: str
    says: str
    url: str


class Sources(_Strict):
    documents: dict[str, Document]
    notices: dict[str, Notice]
    guides: dict[str, Guide]


# ------------------------------------------------------------------ references
class Reference(_Strict):
    """A citation of the 办法: the document's key in sources.toml and the article (第六条(一))."""

    document: str
    article: str


class NoticeReference(_Strict):
    """A citation of a public notice: its key in sources.toml and its address (or "URL not in sources")."""

    notice: str
    url: str


class Bilingual(_Strict):
    zh: str
    en: str


class _Section(_Strict):
    reference: Reference


# ------------------------------------------------------------------ edition_*.toml
class Head(_Section):
    id: str
    in_force_from: dt.date
    name_zh: str
    name_en: str


class Standard(_Section):
    points: int


class Application(_Section):
    documents: list[Bilingual]


class Totals(_Section):
    floor: int


class Eligibility(_Section):
    insured_months_min: int
    insured_months_window: int
    employer: _Section


class Groups(_Strict):
    application: _Section
    base: _Section
    bonus: _Section
    deduction: _Section
    veto: _Section


class _Indicator(_Section):
    name_zh: str
    name_en: str
    documents: list[Bilingual] = []
    conditions: list[Bilingual] = []


class Age(_Indicator):
    band_from: int
    band_to: int
    band_points: int
    points_per_year_younger: int
    max_points: int


class PointsByLevel(_Indicator):
    points: dict[str, int]


class Qualification(PointsByLevel):
    salary_condition_levels: list[str]
    salary_condition_months: int
    salary_condition_window_months: int


class SocialInsurance(_Indicator):
    months_per_step: int
    points_per_step: int


class FixedPoints(_Indicator):
    points: int


class Investment(_Indicator):
    tax_step_wan: int | float  # kept as written: 10, not 10.0
    hires_step: int
    points_per_step: int
    max_points: int
    average_years: int


class Tier(_Strict):
    points: int
    multiple_from: float
    multiple_below: float | None = None
    months: int
    within_years: int
    at_ceiling: bool = False  # reached only by paying at the contribution-base ceiling


class InsuranceBase(_Indicator):
    tiers: dict[str, Tier]  # keyed by the profile's insurance_base ids


class YearsAfterThreshold(_Indicator):
    points_per_year: int
    counts_from_years: int
    max_points: int | None = None


class Spouse(_Indicator):
    points_per_year: int
    max_points: int


class Deduction(_Indicator):
    points_each: int
    within_years: int


class Veto(_Indicator):
    pass


class EditionFile(_Strict):
    edition: Head
    standard: Standard
    application: Application
    totals: Totals
    eligibility: Eligibility
    groups: Groups
    age: Age
    education: PointsByLevel
    qualification: Qualification
    social_insurance: SocialInsurance
    startup_talent: FixedPoints
    startup_service_talent: FixedPoints
    shortage_major: FixedPoints
    investment: Investment
    insurance_base: InsuranceBase
    public_service: YearsAfterThreshold
    suburb: YearsAfterThreshold
    fresh_graduate: FixedPoints
    award: PointsByLevel
    spouse: Spouse
    false_material: Deduction
    detention: Deduction
    criminal: Deduction
    family_planning_violation: Veto
    serious_crime: Veto


# ------------------------------------------------------------------ average_wage.toml
class Override(_Strict):
    ceiling_multiple: int
    reference: NoticeReference


class WagePeriod(_Strict):
    start: dt.date = Field(alias="from")
    to: dt.date | None = None
    average: int
    base_floor: int
    base_ceiling: int
    reference: NoticeReference
    confirmed: bool
    confirmed_by: list[str] = []


class WageTable(_Strict):
    override: Override
    period: list[WagePeriod]


# ------------------------------------------------------------------ loading
class DataFileError(ValueError):
    """A data file in parameters/ does not have the declared shape, or cites what sources.toml lacks."""


def validate(model: type[BaseModel], data: dict[str, Any], name: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        lines = [f"  {'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors(include_url=False)]
        raise DataFileError(f"parameters/{name} does not load:\n" + "\n".join(lines)) from None


_ARTICLE = re.compile(r"第[一二三四五六七八九十]+条")


def check_references(data: Any, sources: Sources, name: str, path: str = "") -> None:
    """Every ``reference`` in ``data`` names a document and articles, or a notice, listed in sources.toml."""
    if isinstance(data, dict):
        ref = data.get("reference")
        where = f"parameters/{name}: {path or '(top)'}.reference"
        if isinstance(ref, dict) and "document" in ref:
            doc = sources.documents.get(ref["document"])
            if doc is None:
                raise DataFileError(f"{where} names document {ref['document']!r}, which sources.toml does not list")
            cited = _ARTICLE.findall(ref["article"])
            missing = [a for a in cited if a not in doc.articles]
            if not cited or missing:
                raise DataFileError(f"{where} cites {ref['article']!r}, not an article of {ref['document']} in sources.toml")
        elif isinstance(ref, dict) and "notice" in ref:
            notice = sources.notices.get(ref["notice"])
            if notice is None:
                raise DataFileError(f"{where} names notice {ref['notice']!r}, which sources.toml does not list")
            if ref["url"] != notice.url:
                raise DataFileError(f"{where} gives url {ref['url']!r}, sources.toml gives {notice.url!r}")
        for key, value in data.items():
            if key != "reference":
                check_references(value, sources, name, f"{path}.{key}" if path else key)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            check_references(value, sources, name, f"{path}[{i}]")
