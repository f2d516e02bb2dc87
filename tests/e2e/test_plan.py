"""The plan under the result (web/plan/plan-view.mjs) and its chart (web/plan/chart.mjs), in Chromium.

Fixtures from tests/e2e/conftest.py: `site`, `page` (fails on console errors and requests
to other origins), `screenshot(page, name)`, `axe_check(page)`.

Readiness: #plan[data-state] is "pending" while the plan for the newest input is being
worked out, "ready" once it is shown (then #plan[data-total] is the total it was made for
and #plan[data-reaches] the date the projection reaches 120, empty if never), "off" when
the input was refused. Expected values come from the Python planner on the same profile
(the page sends no as_of, so both use today's date).
"""

from __future__ import annotations

import re

import pytest

from calculator.planner import plan as py_plan
from helpers import PLAN_TIMEOUT, no_sideways_scroll, open_page, total

pytestmark = [pytest.mark.browser, pytest.mark.chromium_only(reason="axe-core and the plan's details in Chromium; the plan scenario of every engine is in test_engines.py")]

BELOW = {"age": "30", "education": "bachelor", "social_insurance_months": "24"}        # 96: reaches 120 by time
NEVER = {"age": "50", "education": "associate", "social_insurance_months": "24"}       # 73: never by time alone
MET = {"age": "30", "education": "bachelor_degree", "social_insurance_months": "48"}   # 132


def as_profile(form: dict) -> dict:
    return {k: int(v) if v.isdigit() else v for k, v in form.items()}


def set_field(page, name, value):
    control = page.locator(f'#profile-form [name="{name}"]').first
    if control.evaluate("el => el.tagName.toLowerCase()") == "select":
        control.select_option(str(value))
    else:
        control.fill(str(value))


def fill_profile(page, profile):
    for name, value in profile.items():
        set_field(page, name, value)


def settle_plan(page) -> str:
    page.wait_for_selector("#total:not([data-state=pending])", state="attached", timeout=PLAN_TIMEOUT)
    # the plan view sets data-state once its module has loaded (on the first result): wait for it
    page.wait_for_selector("#plan[data-state]:not([data-state=pending])", state="attached", timeout=PLAN_TIMEOUT)
    return page.get_attribute("#plan", "data-state")


# ---------------------------------------------------------------- tests


def test_gap_actions_and_chart_below_the_standard(page, site):
    open_page(page, site, engine=True)
    fill_profile(page, BELOW)
    assert settle_plan(page) == "ready"
    expected = py_plan(as_profile(BELOW))
    assert expected["gap"] == 24 and expected["reaches_standard_on"]

    plan = page.locator("#plan")
    assert plan.is_visible()
    assert page.get_attribute("#plan", "data-total") == str(expected["total"]) == str(total(page))
    assert "还差 24 分" in plan.locator(".plan-gap").text_content()
    y, m, d = (int(x) for x in expected["reaches_standard_on"].split("-"))
    assert f"{y}年{m}月{d}日" in plan.locator(".plan-when").text_content()

    # Ranked actions: as many as the planner gives, in its order, with points, time, article.
    items = plan.locator(".plan-action")
    assert items.count() == len(expected["actions"])
    ids = plan.locator(".plan-action").evaluate_all("els => els.map(e => e.dataset.id)")
    assert ids == [a["id"] for a in expected["actions"]]
    first = expected["actions"][0]
    assert first["closes_gap"]
    head = items.first
    assert f"+{first['points']} 分" in head.locator(".pa-points").text_content()
    assert "单独即可达标" in head.text_content()
    assert first["article"] in head.text_content()
    timed = next(a for a in expected["actions"] if a["months"])
    assert "需时：最多" in plan.locator(f'.plan-action[data-id="{timed["id"]}"]').text_content()

    # The chart: an SVG image with the 120 line, the reached date marked, years on the axis.
    svg = plan.locator("svg.chart")
    assert svg.get_attribute("role") == "img"
    assert svg.get_attribute("data-reached") == expected["reaches_standard_on"]
    assert svg.locator(".chart-standard line").count() == 1
    assert svg.locator(".chart-mark-dot").count() == 1
    assert expected["reaches_standard_on"][:7] in svg.locator(".chart-mark-label").text_content()
    years = svg.locator(".chart-tick-x").all_text_contents()
    assert years and all(re.fullmatch(r"20\d\d", y) for y in years)
    label_ids = svg.get_attribute("aria-labelledby").split()
    described = " ".join(page.text_content(f"#{i}") for i in label_ids)
    assert "120" in described and f"{y}年{m}月{d}日" in described
    # The data for screen readers: a table with the total each year.
    rows = plan.locator(".sr-only table tbody tr")
    assert rows.count() == 11
    assert rows.first.locator("td").text_content() == str(expected["total"])

    # Assumptions are listed; English on the switch.
    assert plan.locator(".plan-assumptions li").count() == len(expected["assumptions"])
    page.click("#lang-switch")
    assert "24 points short" in plan.locator(".plan-gap").text_content()
    assert "Closes the gap alone" in items.first.text_content()
    title_id = plan.locator("svg.chart").get_attribute("aria-labelledby").split()[0]
    assert "Points over the next 10 years" in page.text_content(f"#{title_id}")


def test_action_that_needs_another_field_says_so(page, site):
    open_page(page, site, engine=True)
    # the salary condition is asked once a title or skill level is chosen
    titled = {**BELOW, "qualification": "skill_3"}
    form = {**titled, "qualification_salary_ok": False}
    fill_profile(page, titled)
    page.locator('#profile-form [name="qualification_salary_ok"]').set_checked(False)
    assert settle_plan(page) == "ready"
    expected = py_plan({**as_profile(titled), "qualification_salary_ok": False})
    needing = [a for a in expected["actions"] if a["also"]]
    assert needing, form
    box = page.locator(f'#plan .plan-action[data-id="{needing[0]["id"]}"] .pa-also')
    assert box.count() == 1
    assert "还需要" in box.text_content() and "是" in box.text_content()


def test_never_reaching_the_standard_says_so(page, site):
    open_page(page, site, engine=True)
    fill_profile(page, NEVER)
    assert settle_plan(page) == "ready"
    expected = py_plan(as_profile(NEVER))
    assert expected["reaches_standard_on"] is None
    plan = page.locator("#plan")
    assert page.get_attribute("#plan", "data-reaches") == ""
    assert "10 年内达不到 120 分" in plan.locator(".plan-when").text_content()
    svg = plan.locator("svg.chart")
    assert svg.get_attribute("data-reached") == ""
    assert svg.locator(".chart-mark-dot").count() == 0
    assert "达不到" in svg.locator(".chart-never").text_content()
    assert "达不到" in page.text_content(f"#{svg.get_attribute('aria-labelledby').split()[1]}")
    page.click("#lang-switch")
    assert "does not get you to 120 within 10 years" in plan.locator(".plan-when").text_content()


def test_meeting_the_standard_and_a_veto(page, site):
    open_page(page, site, engine=True)
    fill_profile(page, MET)
    assert settle_plan(page) == "ready"
    plan = page.locator("#plan")
    assert "已达到标准分" in plan.locator(".plan-gap").text_content()
    assert plan.locator("svg.chart .chart-mark-dot").count() == 1
    assert not plan.locator(".plan-more .plan-action").first.is_visible()   # folded when met
    page.locator('#profile-form [name="serious_crime"]').set_checked(True)
    assert settle_plan(page) == "ready"
    assert "一票否决" in plan.locator(".plan-gap").text_content()
    assert plan.locator(".plan-explanations li").count() >= 1
    assert plan.locator("svg.chart").count() == 0
    assert plan.locator(".plan-action").count() == 0


def test_shown_plan_belongs_to_the_latest_input(page, site):
    open_page(page, site, engine=True)
    fill_profile(page, BELOW)
    assert settle_plan(page) == "ready"
    # A burst of edits: every value is a different plan; only the last may stay on screen.
    for months in ("30", "36", "40", "48", "55", "60", "66", "72", "3", "12"):
        page.fill('#profile-form [name="social_insurance_months"]', months)
    assert settle_plan(page) == "ready"
    expected = py_plan({**as_profile(BELOW), "social_insurance_months": 12})
    assert total(page) == expected["total"] == 93
    assert page.get_attribute("#plan", "data-total") == "93"
    assert "还差 27 分" in page.text_content("#plan .plan-gap")
    assert page.get_attribute("#plan svg.chart", "data-reached") == (expected["reaches_standard_on"] or "")
    # Nothing changes afterwards (no late answer to an older input): the worker answers in
    # order, so once a request sent now is answered, every older answer has arrived too.
    page.evaluate("() => window.shpoints.score({age: 30})")
    assert page.get_attribute("#plan", "data-total") == "93"
    # A refused input hides the plan instead of leaving the old one.
    page.fill('#profile-form [name="social_insurance_months"]', "-5")
    assert settle_plan(page) == "off"
    assert page.locator("#plan .plan-gap").count() == 0
    page.fill('#profile-form [name="social_insurance_months"]', "24")
    assert settle_plan(page) == "ready"
    assert "还差 24 分" in page.text_content("#plan .plan-gap")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_sideways_scroll_at_375(page, site, lang):
    open_page(page, site, width=375, engine=True)
    if lang == "en":
        page.click("#lang-switch")
    fill_profile(page, BELOW)
    assert settle_plan(page) == "ready"
    page.click("#plan .plan-more > summary")
    page.click("#plan .plan-assumptions > summary")
    no_sideways_scroll(page)
    box = page.locator("#plan svg.chart").bounding_box()
    assert box["width"] <= 375 and box["x"] >= 0
    assert box["width"] >= 300, "the chart uses the width of the phone"


def test_plan_accessibility_axe(page, site, axe_check):
    open_page(page, site, width=375, engine=True)
    fill_profile(page, BELOW)
    assert settle_plan(page) == "ready"
    page.click("#plan .plan-more > summary")
    page.click("#plan .plan-assumptions > summary")
    axe_check(page)
    fill_profile(page, NEVER)
    assert settle_plan(page) == "ready"
    page.click("#lang-switch")
    page.set_viewport_size({"width": 1280, "height": 900})
    axe_check(page)


@pytest.mark.parametrize("width", [375, 1280])
def test_plan_screenshots(page, site, screenshot, width):
    open_page(page, site, width=width, engine=True)
    fill_profile(page, BELOW)
    assert settle_plan(page) == "ready"
    page.locator("#plan").scroll_into_view_if_needed()
    screenshot(page, f"plan-{width}")
    page.click("#lang-switch")
    fill_profile(page, NEVER)
    assert settle_plan(page) == "ready"
    page.locator("#plan").scroll_into_view_if_needed()
    screenshot(page, f"plan-{width}-en-never")


PLAN_COUNTER = """
(() => {
  window.__planRequests = 0;
  const send = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.op === 'plan') window.__planRequests += 1;
    return send.call(this, message, ...rest);
  };
})();
"""

BURST = r"""
async (n) => {
  const input = document.querySelector('#profile-form [name=social_insurance_months]');
  const total = document.getElementById('total');
  const waitFor = (ok) => new Promise((resolve, reject) => {
    if (ok()) { resolve(); return; }
    const timer = setTimeout(() => { mo.disconnect(); reject(new Error('timed out')); }, 30000);
    const mo = new MutationObserver(() => { if (ok()) { clearTimeout(timer); mo.disconnect(); resolve(); } });
    mo.observe(total, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const states = [];
  for (let i = 0; i < n; i++) {
    const before = total.textContent;
    input.value = String(12 * (3 + i));
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await waitFor(() => total.dataset.state === 'ready' && total.textContent !== before);
    const plan = document.getElementById('plan');
    states.push([plan.dataset.state, !!plan.querySelector('.plan-updating')]);
  }
  // Read here, in the same task as the last total: once the result has been stable for a
  // moment the plan is asked for and the note goes, so reading it later would race that.
  const note = document.querySelector('#plan .plan-updating');
  return { planRequests: window.__planRequests, states, note: note && note.textContent };
}
"""


def test_plan_waits_until_the_result_is_stable(page, site):
    """Quick edits are scored at once; the plan is asked for only once the result has been
    stable for a moment (so a plan never holds up the next score), and the shown plan says
    it is being updated meanwhile."""
    page.add_init_script(PLAN_COUNTER)
    open_page(page, site, width=1280, engine=True)
    fill_profile(page, BELOW)
    assert settle_plan(page) == "ready"
    page.evaluate("() => { window.__planRequests = 0; }")
    burst = page.evaluate(BURST, 8)
    assert burst["planRequests"] == 0, burst
    assert all(state == "pending" and updating for state, updating in burst["states"]), burst
    assert "正在更新" in burst["note"], burst
    assert settle_plan(page) == "ready"
    assert page.evaluate("window.__planRequests") == 1
    assert page.locator("#plan .plan-updating").count() == 0
    expected = py_plan({**as_profile(BELOW), "social_insurance_months": 12 * (3 + 7)})
    assert page.get_attribute("#plan", "data-total") == str(expected["total"]) == str(total(page))
