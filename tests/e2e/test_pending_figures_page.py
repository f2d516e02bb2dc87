"""The pending-figures note on the page: a date in a social-insurance year whose average-wage
notice is not in the data (the rulebook's table ends with the year from 2026-07-01) shows,
beside the score and in the tier helper, that last year's figures were used."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from helpers import SETTLE_TIMEOUT, fill_profile, open_page, set_field, settle, total, wait_engine

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # tests/rulebook.py: the rulebook's tables
from rulebook import WAGES  # noqa: E402

# The last year of the rulebook's table (2026-07-01 today) and the year after it, whose notice is not out yet.
LAST = int(WAGES[-1][0][:4])
KNOWN_DAY, PENDING_DAY = f"{LAST}-08-15", f"{LAST + 1}-08-15"

pytestmark = [pytest.mark.browser, pytest.mark.chromium_only(reason="one check of the note's rendering")]

NOTE = '#notices li[data-note-kind="pending_figures"]'


def test_the_score_and_the_tier_helper_say_the_figures_are_pending(page, site):
    open_page(page, site)
    wait_engine(page)
    fill_profile(page, {"age": "30", "education": "bachelor_degree", "insurance_base": "x1", "as_of": PENDING_DAY})
    assert settle(page) == "ready"
    assert total(page) == 30 + 90 + 50   # the note changes no score
    assert page.locator(NOTE).count() == 1
    text = page.locator(NOTE).text_content()
    assert "尚未公布" in text and f"{LAST}年7月1日" in text
    assert page.locator("#notices-box").get_attribute("hidden") is None

    page.click("#tier-helper > summary")
    page.fill("#tier-monthly_base", "15000")
    page.locator("#tier-apply").wait_for(timeout=SETTLE_TIMEOUT)
    assert page.locator('#tier-out [data-note-kind="pending_figures"]').count() == 1

    set_field(page, "as_of", KNOWN_DAY)   # that year's notice is in the data
    assert settle(page) == "ready"
    assert page.locator(NOTE).count() == 0


def test_the_plan_and_the_batch_page_say_the_figures_are_pending(page, site, tmp_path):
    from test_batch_page import open_batch, upload
    from test_plan import settle_plan

    open_page(page, site)
    wait_engine(page)
    fill_profile(page, {"age": "30", "education": "bachelor", "insurance_base": "x0.8", "as_of": PENDING_DAY})
    assert settle_plan(page) == "ready"
    assert page.locator('#plan .plan-notes [data-note-kind="pending_figures"]').count() == 1

    rows = tmp_path / "team.csv"
    rows.write_text(f"name,as_of,age,insurance_base\npending,{PENDING_DAY},30,x1\nknown,{KNOWN_DAY},30,x1\n", encoding="utf-8")
    open_batch(page, site)
    assert upload(page, rows) == "done"
    note = page.locator('.batch-note[data-note-kind="pending_figures"]')
    assert note.count() == 1 and "1" in note.text_content()
