"""The indicators of the 办法, one module per article.

Each rule is a small function ``(profile, edition) -> Item`` that reads its
amounts from the edition's parameters and cites its article. ``INDICATORS``
lists them in the 办法's order; ``totals`` applies 第十条–第十二条.
"""

from __future__ import annotations

from collections.abc import Callable

from ..editions import Edition
from ..profile import Profile
from ..result import Item
from . import base, bonus, deductions, veto

Rule = Callable[[Profile, Edition], Item]

INDICATORS: tuple[Rule, ...] = (
    base.age,
    base.education,
    base.qualification,
    base.social_insurance,
    bonus.startup_talent,
    bonus.startup_service_talent,
    bonus.shortage_major,
    bonus.investment,
    bonus.insurance_base,
    bonus.public_service,
    bonus.suburb,
    bonus.fresh_graduate,
    bonus.award,
    bonus.spouse,
    deductions.false_material,
    deductions.detention,
    deductions.criminal,
    veto.family_planning_violation,
    veto.serious_crime,
)
