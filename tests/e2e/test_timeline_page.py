"""The timeline section under the plan (web/timeline/), in Chromium at 375 px, in
both languages.

Fixtures from tests/e2e/conftest.py: `site`, `page` (fails on console errors and requests
to other origins), `screenshot(page, name)`.

Readiness: #timeline[data-state] is "pending" while the answer for the newest input is on
its way, "ready" when it is shown, "invalid" when a field message is shown. The section is
loaded after the first total, so waiting for #total then #timeline is enough; no fixed waits.
The page sends no `on`, so the expected verdicts come from the Python timeline for today
(the same engine, as tests/e2e/test_plan.py does with the planner).
"""

from __future__ import annotations

import re

import icalendar
import pytest

from calculator.timeline import timeline as py_timeline
from helpers import PLAN_TIMEOUT, open_page, wait_engine

pytestmark = pytest.mark.browser

MET = {"age": "30", "education": "bachelor_degree", "social_insurance_months": "48"}   # 30 + 90 + 12 = 132


def fill_profile(page, profile):
    for name, value in profile.items():
        control = page.locator(f'#profile-form [name="{name}"]').first
        if control.evaluate("el => el.tagName.toLowerCase()") == "select":
            control.select_option(value)
        else:
            control.fill(value)
    page.wait_for_selector("#total[data-state=ready]", state="attached", timeout=PLAN_TIMEOUT)


def settled(page) -> str:
    page.wait_for_selector("#timeline:not([data-state=pending]):not([data-state=off])", state="attached",
                           timeout=PLAN_TIMEOUT)
    return page.get_attribute("#timeline", "data-state")


def open_section(page):
    if not page.evaluate("() => document.getElementById('timeline').open"):
        page.click("#timeline > summary")
    page.wait_for_selector("#timeline [name=permit_expiry]")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_timeline_at_375px_bad_date_kept_at_its_field(page, site, screenshot, lang):
    open_page(page, site, engine=True, lang=lang)
    fill_profile(page, MET)
    open_section(page)   # the timeline is worked out only while its section is open
    assert settled(page) == "ready"

    section = page.locator("#timeline")
    section.locator("[name=points_status]").select_option("approved")
    section.locator("#tl-mode-child-child_stage").check()   # the grade instead of the birth date
    section.locator("[name=child_stage]").select_option("grade_9")
    section.locator("[name=settle_permit_years]").fill("8")
    # approved, no expiry yet: a message at the expiry field, verdicts say they cannot tell
    assert settled(page) == "ready"
    hint = section.locator("[data-field=permit_expiry] .field-error")
    assert hint.is_visible()
    assert ("居住证有效期" if lang == "zh" else "expiry date") in hint.text_content()

    # a date that does not exist: a message at the field in the page language; nothing lost
    section.locator("[name=permit_expiry]").fill("2027-02-30")
    assert settled(page) == "invalid"
    message = section.locator("[data-field=permit_expiry] .field-error")
    assert message.is_visible()
    assert ("有效日期" if lang == "zh" else "valid date") in message.text_content()
    assert "YYYY-MM-DD" in message.text_content()
    assert section.locator("[name=permit_expiry]").input_value() == "2027-02-30"
    assert section.locator("[name=child_stage]").input_value() == "grade_9"
    assert section.locator("[name=settle_permit_years]").input_value() == "8"
    # the other language has the same message at the same field
    page.click("#lang-switch")
    assert settled(page) == "invalid"
    assert ("valid date" if lang == "zh" else "有效日期") in message.text_content()
    page.click("#lang-switch")
    assert settled(page) == "invalid"

    section.locator("[name=permit_expiry]").fill("2027-04-10")
    assert settled(page) == "ready"
    assert not message.is_visible()

    profile = {"age": 30, "education": "bachelor_degree", "social_insurance_months": 48}
    expected = py_timeline({"profile": profile, "timeline": {"permit_expiry": "2027-04-10", "points_status": "approved",
                                                             "child_stage": "grade_9", "settle_permit_years": 8}})
    shown = {el.get_attribute("data-id"): el.get_attribute("data-verdict")
             for el in section.locator(".tl-milestone").all()}
    assert shown == {m["id"]: m["verdict"] for m in expected["child"]["milestones"]}
    assert section.locator(".tl-settle [data-id=permit_years]").get_attribute("data-status") == "met"
    # unofficial dates say which office confirms them
    assert section.locator(".tl-m-office").count() == len(expected["child"]["milestones"])
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    screenshot(page, f"timeline-375-{lang}")
    section.screenshot(path=str(screenshot(page, f"timeline-375-{lang}").with_name(f"timeline-section-375-{lang}.png")))

    # the calendar file, made in the page
    with page.expect_download() as info:
        section.locator("button.tl-ics").click()
    cal = icalendar.Calendar.from_ical(open(info.value.path(), "rb").read())
    summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert any(("续签居住证" if lang == "zh" else "Renew the residence permit") in s for s in summaries)
    assert all(e.walk("VALARM") for e in cal.walk("VEVENT"))

    # saved like the other inputs: back after a reload
    page.reload()
    wait_engine(page)
    page.wait_for_selector("#total[data-state=ready]", state="attached", timeout=PLAN_TIMEOUT)
    open_section(page)
    assert page.locator("#timeline [name=permit_expiry]").input_value() == "2027-04-10"
    assert page.locator("#timeline [name=child_stage]").input_value() == "grade_9"


def test_unlocks_reachable_from_the_result_and_hidden_in_print(page, site):
    open_page(page, site, engine=True, lang="zh")
    fill_profile(page, MET)
    page.click("#unlocks-link")
    page.wait_for_selector("#unlocks[open]")
    no_hukou = page.locator("#unlocks [data-id=no_hukou]")
    assert no_hukou.is_visible() and "落户" in no_hukou.text_content()
    page.emulate_media(media="print")
    assert not page.locator("#timeline").is_visible()
    assert not page.locator("#unlocks-link").is_visible()


def test_timeline_headings_are_chinese_in_the_chinese_view(page, site):
    """The section's and the 居转户 block's headings, in zh: Chinese words, full-width punctuation."""
    open_page(page, site, engine=True, lang="zh")
    fill_profile(page, MET)
    page.click("#timeline-entry")
    assert settled(page) == "ready"
    headings = [page.text_content(s) for s in ("#timeline-heading", "#tl-settle-heading", "#timeline-entry")]
    headings += page.locator("#timeline legend").all_text_contents()   # the groups' labels (formspec.json)
    for text in headings:
        assert not re.search(r"[A-Za-z]", text), f"English in the Chinese view: {text!r}"
        assert not re.search(r"[(),;:]", text), f"half-width punctuation in Chinese: {text!r}"
    assert "预检" not in "".join(headings)
