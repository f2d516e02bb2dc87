"""score(profile) -> Result: the whole 办法 applied to one profile."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from . import eligibility
from .editions import Edition, edition_on
from .errors import ProfileError, field_errors, request_error
from .profile import CHOICES, Profile
from .result import Documents, Item, Result
from .rules import INDICATORS, totals
from .text import t
from .wages import pending_notes, profile_uses_figures


def documents(items: list[Item], edition: Edition) -> list[Documents]:
    """第十四条: the basic materials, plus the proof for each indicator that counted."""
    out = [Documents(id="application", label=t("申请基本材料", "Basic application materials"), article=edition.article("application"),
                     documents=[d.text() for d in edition.application.documents])]
    for item in items:
        docs = getattr(edition, item.id).documents
        if item.counted and docs:
            out.append(Documents(id=item.id, label=item.label, article=item.article, documents=[d.text() for d in docs]))
    return out


def parse(data: Profile | dict[str, Any]) -> Profile:
    """Validate a profile; a refused one raises ProfileError with one message per field."""
    if isinstance(data, Profile):
        return data
    if not isinstance(data, dict):
        raise request_error("输入必须是一个JSON对象（字段名：值）", "the input must be a JSON object (field name: value)")
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        raise ProfileError(field_errors(exc, Profile, CHOICES)) from None


def score(data: Profile | dict[str, Any], editions: tuple[Edition, ...] | None = None) -> Result:
    """The result for one profile under the edition in force on its date: of the shipped
    editions, or of ``editions`` (``editions.read_editions(folder)``, e.g. a draft amendment)."""
    profile = parse(data)
    edition = edition_on(profile.as_of, editions)
    items = [rule(profile, edition) for rule in INDICATORS]
    done = totals.apply(items, edition)
    notices = list(done.notices)
    if profile.age_on_as_of > edition.age.band_to:
        notices.append(t(
            f"年龄指标的分值表只到{edition.age.band_to}周岁，超过后年龄积0分；其他指标照常计算。",
            f"The age table stops at {edition.age.band_to}; older applicants get 0 for age, the other indicators still count.",
        ))
    return Result(
        total=done.total,
        standard=done.standard,
        meets_standard=not done.disqualified and done.total >= done.standard,
        disqualified=done.disqualified,
        gap=max(0, done.standard - done.total),
        edition=edition.id,
        edition_name=edition.name,
        as_of=profile.as_of,
        age=profile.age_on_as_of,
        subtotals=done.subtotals,
        items=done.items,
        notices=notices,
        notes=pending_notes(profile.as_of, profile_uses_figures(profile, edition)),
        eligibility=eligibility.check(profile, done.disqualified, edition),
        documents=documents(done.items, edition),
    )
