"""The shape of an edition file of the 办法 (``parameters/edition_*.toml``), checked when it loads.

Every key is declared here: an unknown or misspelt key fails at load with the file and the
key's path, not later when the rule that reads it runs. Every ``reference`` must name a
document and an article that ``sources.toml`` lists (``source_model``). The rules read
the loaded edition as this typed object: ``edition.age.band_from``.

An amendment file holds ``[edition]`` (with ``amends``) and only the keys it changes; it is
laid over the edition it amends and the result is checked by the same ``EditionFile``.
"""

from __future__ import annotations

import datetime as dt

from .text import Text, t
from .source_model import Bilingual, DataFileError, NoticeReference, Reference, Strict, check_references, validate

__all__ = ["DataFileError", "EditionFile", "check_references", "validate"]

_Strict = Strict


class _Section(_Strict):
    reference: Reference


# ------------------------------------------------------------------ edition_*.toml
class Head(_Section):
    id: str
    in_force_from: dt.date
    amends: str | None = None   # the id of the edition this file is laid over (an amendment)
    announced: NoticeReference | None = None   # the public notice that published it, when there is one
    # The edition's name; when left out, the name of the document its reference cites
    # (sources.toml), so the 办法's title and dates are written once.
    name_zh: str | None = None
    name_en: str | None = None


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

    def label(self) -> Text:
        return t(self.name_zh, self.name_en)


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
