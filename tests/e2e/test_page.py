"""The page in a real browser (headless Chromium), against the built site over HTTP.

Uses the fixtures of tests/e2e/conftest.py: `site` (base URL), `page` (fails the test on
any console error or request to another origin), `screenshot(page, name)` and
`axe_check(page)`.

Readiness signals the page gives (see web/calculator/app.mjs):
  <html data-engine="loading|ready|failed">
  #total[data-state]: "pending" while the newest input is being computed, then "ready"
  (result shown), "invalid" (field errors shown) or "error".

The page runs under a CSP without 'unsafe-eval', so Playwright's wait_for_function (which
evaluates its predicate with eval) cannot be used: waits go through selectors.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import SETTLE_TIMEOUT, fill_profile, open_page, set_field, settle, total, wait_engine

pytestmark = [pytest.mark.browser, pytest.mark.chromium_only(reason="axe-core, Playwright's keyboard and request routing; the page's scenarios of every engine are in test_engines.py")]

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.json"))
HAN = re.compile(r"[\u4e00-\u9fff]")


# ---------------------------------------------------------------- helpers


def item_points(page, item_id) -> int:
    text = page.text_content(f'#result [data-item="{item_id}"] .item-points')
    return int(text.replace("−", "-").replace("+", "").replace(",", "").strip())


def item_counted(page, item_id) -> bool:
    cls = page.get_attribute(f'#result [data-item="{item_id}"]', "class")
    return "uncounted" not in cls.split()



def score_in_page(page, profile):
    return page.evaluate(
        """async (p) => {
            try { return {ok: true, result: await window.shpoints.score(p)}; }
            catch (e) { return {ok: false, message: e.message, errors: e.errors || null}; }
        }""",
        profile,
    )


def example(name_part):
    for path in EXAMPLES:
        if name_part in path.name:
            return json.loads(path.read_text(encoding="utf-8"))
    pytest.skip(f"no example matching {name_part!r} in tests/examples/")


# ---------------------------------------------------------------- tests


def test_breakdown_shows_uncounted_items_and_reasons(page, site):
    open_page(page, site)
    wait_engine(page)
    # education (90) beats the qualification (60): the qualification is shown, not counted
    fill_profile(page, {"age": "30", "education": "bachelor_degree", "qualification": "skill_3", "social_insurance_months": "36"})
    assert settle(page) == "ready"
    assert total(page) == 30 + 90 + 9
    assert item_counted(page, "education") and item_points(page, "education") == 90
    qual = page.locator('#items [data-item="qualification"]')
    assert qual.is_visible()
    assert not item_counted(page, "qualification")
    assert "未计入" in qual.text_content()
    assert qual.locator("s.item-points").count() == 1, "an uncounted item's points are struck through"
    assert "第六条" in qual.text_content()
    assert page.locator("#verdict").text_content().startswith("达标")
    # subtotals and the edition line
    assert page.locator("#subtotals").text_content().count("+") >= 1
    assert page.locator("#edition").text_content()


def test_disqualification_is_shown_clearly(page, site):
    ex = example("veto")
    open_page(page, site)
    wait_engine(page)
    fill_profile(page, ex["profile"])
    assert settle(page) == "ready"
    assert total(page) == 0
    assert page.locator("#disq").is_visible()
    assert HAN.search(page.locator("#disq").text_content())
    assert page.get_attribute("#verdict", "data-kind") == "disqualified"
    assert "一票否决" in page.locator("#verdict").text_content()
    # what the items would have given stays visible, marked not counted
    assert not item_counted(page, "education")


def test_below_standard_shows_gap(page, site):
    open_page(page, site)
    wait_engine(page)
    fill_profile(page, {"age": "40", "education": "associate", "social_insurance_months": "24"})
    assert settle(page) == "ready"
    assert total(page) == 30 + 50 + 6
    verdict = page.locator("#verdict").text_content()
    assert "未达标" in verdict and "34" in verdict
    assert page.get_attribute("#gauge", "data-kind") == "below"


def test_untouched_required_age_is_not_flagged_at_the_field(page, site):
    """On a fresh form the missing age is explained in the result, not shouted at the field."""
    open_page(page, site)
    wait_engine(page)
    assert settle(page) == "invalid"
    assert not page.locator("#err-age").is_visible()
    assert HAN.search(page.locator("#errors-list").text_content())


def test_birth_date_toggle_sends_only_the_chosen_one(page, site):
    open_page(page, site)
    wait_engine(page)
    set_field(page, "age", "40")
    page.check("#mode-age-birth_date")
    assert page.locator("#f-birth_date").is_visible() and not page.locator("#f-age").is_visible()
    set_field(page, "as_of", "2026-11-21")
    page.fill("#f-birth_date", "1990-11-22")   # 35 the day after
    assert settle(page) == "ready"
    profile = page.evaluate("() => window.shpoints.getProfile()")
    assert "age" not in profile and profile["birth_date"] == "1990-11-22"
    assert item_points(page, "age") == 30
    page.check("#mode-age-age")
    assert settle(page) == "ready"
    assert page.evaluate("() => window.shpoints.getProfile()").get("age") == "40"




def test_form_is_usable_before_the_engine_is_ready(page, site):
    held, released = [], []

    def hold(route):   # held until the form has been used; released ones pass straight on
        route.continue_() if released else held.append(route)

    page.route("**/wheels/manifest.json", hold)
    # the worker asks for the wheel manifest while the runtime loads
    with page.expect_request("**/wheels/manifest.json", timeout=60_000):
        open_page(page, site)
    assert page.get_attribute("html", "data-engine") == "loading"
    assert page.locator("#engine-status").is_visible()
    assert HAN.search(page.locator("#engine-text").text_content())
    set_field(page, "age", "45")
    set_field(page, "education", "master")
    page.check("#f-shortage_major")
    assert page.locator("#f-age").input_value() == "45"
    assert page.get_attribute("#total", "data-state") == "pending"
    assert page.get_attribute("html", "data-engine") == "loading"
    released.append(True)
    for route in held:
        route.continue_()
    page.unroute("**/wheels/manifest.json")
    wait_engine(page)
    assert settle(page) == "ready"
    assert total(page) == 27 + 100 + 30
    assert not page.locator("#engine-status").is_visible()


@pytest.mark.console_errors_ok  # the browser logs the 404 it is given
def test_readable_message_when_a_wheel_cannot_be_downloaded(page, site):
    page.route("**/wheels/app-*.zip", lambda route: route.fulfill(status=404, body="not found"))
    open_page(page, site)
    set_field(page, "age", "30")
    page.wait_for_selector("html[data-engine=failed]", state="attached", timeout=SETTLE_TIMEOUT)
    box = page.locator("#engine-failed")
    assert box.is_visible()
    assert "网络" in box.text_content()                       # the download failed: check the connection
    assert "wheels/app-" in page.locator("#engine-failed").text_content()   # and which file
    assert page.locator("#f-age").input_value() == "30"      # what was typed is kept
    assert not score_in_page(page, {"age": 30})["ok"]


def test_keyboard_only(page, site):
    open_page(page, site, width=1280)
    wait_engine(page)
    page.locator("body").click(position={"x": 5, "y": 5})

    def tab_to(name, limit=80):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement && document.activeElement.name") == name:
                outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
                assert outline != "none", f"no visible focus on {name}"
                return
        raise AssertionError(f"Tab never reached {name}")

    tab_to("age")
    page.keyboard.type("38")
    tab_to("education")
    # options: none, associate, bachelor, bachelor_degree, ...
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    assert page.locator("#f-education").input_value() == "bachelor_degree"
    tab_to("social_insurance_months")
    page.keyboard.type("60")
    tab_to("shortage_major")
    page.keyboard.press("Space")
    assert page.locator("#f-shortage_major").is_checked()
    assert settle(page) == "ready"
    assert total(page) == 30 + 90 + 15 + 30
    # the language switch and the tier helper are reachable too
    page.locator("#lang-switch").focus()
    page.keyboard.press("Enter")
    assert page.get_attribute("html", "lang") == "en"


def test_result_event_and_profile_hooks(page, site):
    open_page(page, site)
    wait_engine(page)
    page.evaluate("""() => { window.__results = [];
        document.addEventListener('shpoints:result', (e) => window.__results.push(e.detail)); }""")
    unknown = page.evaluate("() => window.shpoints.setProfile({age: 50, education: 'master', nope: 1})")
    assert unknown == ["nope"]
    assert page.locator("#f-age").input_value() == "50"
    assert page.locator("#f-education").input_value() == "master"
    assert settle(page) == "ready"
    details = page.evaluate("() => window.__results")
    assert details and details[-1]["profile"] == {"age": "50", "education": "master"}
    assert details[-1]["result"]["total"] == 17 + 100
    assert page.locator("section#plan").count() == 1


def test_eligibility_beside_the_score(page, site):
    open_page(page, site)
    wait_engine(page)
    fill_profile(page, {"age": "30", "has_residence_permit": True, "employer_type": "outside_branch"})
    assert settle(page) == "ready"
    box = page.locator("#eligibility")
    assert box.is_visible()
    assert box.get_attribute("data-status") == "not_eligible"
    assert page.locator("#eligibility-more").get_attribute("open") is not None
    assert page.locator("#eligibility-checks .check-fail").count() >= 1


def test_accessibility_axe(page, site, axe_check):
    open_page(page, site, width=375)
    axe_check(page)                                 # while loading
    wait_engine(page)
    fill_profile(page, {"age": "abc"})
    settle(page)
    axe_check(page)                                 # with field errors
    fill_profile(page, {"age": "33", "education": "master", "has_residence_permit": False})
    assert settle(page) == "ready"
    page.click("#tier-helper > summary")
    page.fill("#tier-monthly_base", "15000")
    page.locator("#tier-apply").wait_for(timeout=SETTLE_TIMEOUT)
    axe_check(page)                                 # with a result
    page.click("#lang-switch")
    page.set_viewport_size({"width": 1280, "height": 900})
    axe_check(page)


def test_every_control_has_a_label(page, site):
    open_page(page, site)
    unlabeled = page.evaluate("""() => [...document.querySelectorAll('input, select, button')]
        .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                      && !el.getAttribute('aria-labelledby') && !(el.tagName === 'BUTTON' && el.textContent.trim()))
        .map(el => el.name || el.id)""")
    assert unlabeled == []
    names = page.evaluate("() => [...new Set([...document.querySelectorAll('#profile-form [name]')].map(el => el.name))]")
    spec = page.evaluate("async () => (await fetch('./formspec.json')).json()")
    assert {f["name"] for f in spec["fields"]} <= set(names), "every field of the contract has a control"


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots(page, site, screenshot, width):
    open_page(page, site, width=width)
    wait_engine(page)
    ex = example("engineer")
    fill_profile(page, ex["profile"])
    assert settle(page) == "ready"
    page.evaluate("() => window.scrollTo(0, 0)")
    screenshot(page, f"page-{width}")
    page.click("#lang-switch")
    set_field(page, "age", "abc")
    settle(page)
    screenshot(page, f"page-{width}-en-errors")




def test_tier_helper_shows_the_engine_texts_in_the_page_language(page, site):
    """The helper's source, condition and tier come from the engine as {zh, en}: the page
    shows the language it is in (and follows a switch), never the other one."""
    open_page(page, site)
    wait_engine(page)
    page.click("#tier-helper > summary")
    page.fill("#tier-monthly_base", "15000")
    page.locator("#tier-apply").wait_for(timeout=SETTLE_TIMEOUT)
    answer = page.evaluate("() => window.shpoints.tier({monthly_base: '15000'})")
    facts = lambda: page.inner_text("#tier-out .tier-facts")   # noqa: E731
    assert answer["source"]["zh"] in facts()
    assert answer["condition"]["zh"] in page.inner_text("#tier-out")
    page.click("#lang-switch")
    page.wait_for_selector("html[lang=en]", state="attached")
    assert answer["source"]["en"] in facts()
    assert answer["condition"]["en"] in page.inner_text("#tier-out")
