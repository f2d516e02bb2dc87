"""The end-to-end scenarios, one definition run in every engine: Chromium, WebKit (WebKitGTK)
and Gecko (Firefox ESR). Drivers: tests/e2e/engines/ (`engine` fixture in conftest.py).

One browser per engine serves the whole run; before each test it is reset (storage,
IndexedDB, caches and service workers cleared, a blank page), not relaunched. Its HTTP
cache stays warm, so only the first test of an engine pays for Pyodide's download: the cold
path is covered by the offline/first-visit test here and by bench/bench_engines.py.

Every test fails on an uncaught error, unhandled rejection, console error or request to
another origin that the hooks (tests/e2e/engines/hooks.js) or the engine's own events see.

Expected values come from the rulebook's worked examples (tests/examples/*.json) or a
hand calculation from the rulebook, as in the Chromium-only tests; the plan's and the
batch's from the Python engine on the same input (the browser must agree with it).
Checks that only Chromium can make (axe-core, PDF printing, Playwright's keyboard and
request routing) stay in the other test modules.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import icalendar
import pytest

from calculator import score as py_score
from calculator.planner import plan as py_plan
from calculator.timeline import timeline as py_timeline
from conftest import ARTIFACTS, DIST, Site
from helpers import (
    ENGINE_TIMEOUT, PLAN_TIMEOUT, TYPICAL, TYPICAL_TOTAL, Host, csv_text, fragment_for, make_people,
    no_sideways_scroll, precache_list, profile_of,
)

pytestmark = pytest.mark.browser

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.json"))
HAN = re.compile(r"[\u4e00-\u9fff]")
ENGINE = ENGINE_TIMEOUT / 1000    # the drivers wait in seconds
SETTLE = PLAN_TIMEOUT / 1000
EMPTY = {"age": "", "education": "none", "social_insurance_months": "", "insurance_base": "none"}


# ---------------------------------------------------------------- helpers


def open_site(engine, url: str, width: int = 1280, height: int = 900) -> None:
    engine.set_viewport(width, height)
    engine.open(url)
    # the form is in the HTML at first paint; wait until the modules have adopted it
    engine.wait_for("() => ['ready', 'failed'].includes(document.documentElement.dataset.form)", timeout=SETTLE,
                    message="the form's modules")


def wait_engine(engine) -> None:
    engine.wait_for("() => document.documentElement.dataset.engine === 'ready'", timeout=ENGINE, message="the engine")


def wait_features(engine) -> None:
    engine.wait_selector("html[data-features=ready]", timeout=SETTLE)


def settle(engine) -> str:
    """Wait until #total belongs to the newest input; its data-state."""
    return engine.wait_for("() => { const s = document.querySelector('#total').dataset.state;"
                           " return s && s !== 'pending' && s; }", timeout=SETTLE, message="#total to settle")


def total(engine) -> int:
    return int(engine.text("#total").replace(",", "").strip())


def scored_at_375(engine, url: str, profile: dict) -> int:
    """Open the page at 375 px, enter `profile` once the engine is ready; the total shown."""
    open_site(engine, url, width=375)
    wait_engine(engine)
    fill(engine, profile)
    assert settle(engine) == "ready"
    return total(engine)


def set_field(engine, name: str, value) -> None:
    """One profile value through the form's own control, as a user would enter it."""
    form = "#profile-form"
    kind = engine.run("""([form, name]) => {
        const mode = document.querySelector(`${form} input[type=radio][name^="mode-"][value="${name}"]`);
        const el = document.querySelector(`${form} [name="${name}"]`);
        return {mode: !!mode && !mode.checked, tag: el.tagName.toLowerCase(), type: el.type, checked: el.checked};
    }""", [form, name])
    if kind["mode"]:
        engine.click(f'{form} input[type=radio][name^="mode-"][value="{name}"]')
    if kind["tag"] == "select":
        engine.select(f'{form} [name="{name}"]', str(value))
    elif kind["type"] == "checkbox":
        if kind["checked"] != bool(value):
            engine.click(f'{form} [name="{name}"]')
    elif kind["type"] == "radio":
        engine.click(f'{form} [name="{name}"][value="{"yes" if value else "no"}"]')
    else:
        # entered at once, as Playwright's fill and a paste do: WebDriver types key by key, and
        # the total of a half-typed "3" (refused: under 16) would be read as the answer to "30"
        engine.run("""([selector, value]) => { const el = document.querySelector(selector); el.focus();
            el.value = value; el.dispatchEvent(new Event('input', {bubbles: true}));
            el.dispatchEvent(new Event('change', {bubbles: true})); }""", [f'{form} [name="{name}"]', str(value)])


def fill(engine, profile: dict) -> None:
    for name, value in profile.items():
        set_field(engine, name, value)


def form_values(engine, names=TYPICAL) -> dict:
    return {n: engine.value(f'#profile-form [name="{n}"]') for n in names}


def item_points(engine, item: str) -> int:
    text = engine.text(f'#result [data-item="{item}"] .item-points')
    return int(text.replace("−", "-").replace("+", "").replace(",", "").strip())


def score_in_page(engine, profile: dict) -> dict:
    return engine.run("""async (p) => {
        try { return {ok: true, result: await window.shpoints.score(p)}; }
        catch (e) { return {ok: false, message: e.message, errors: e.errors || null}; } }""", profile, timeout=ENGINE)


def example(part: str) -> dict:
    path = next(p for p in EXAMPLES if part in p.name)
    return json.loads(path.read_text(encoding="utf-8"))


def shot(engine, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return engine.screenshot(ARTIFACTS / f"{engine.name}-{name}.png")


# ---------------------------------------------------------------- the calculator


def test_worked_examples_through_the_form(engine, hooked_site):
    """Each worked example typed into the form: the total, the named items, the verdict."""
    open_site(engine, hooked_site.url)
    wait_engine(engine)
    failures = []
    for path in EXAMPLES:
        ex = json.loads(path.read_text(encoding="utf-8"))
        engine.run("() => window.shpoints.setProfile({})")
        settle(engine)
        fill(engine, ex["profile"])
        state = settle(engine)
        if state != "ready":
            failures.append(f"{path.name}: state {state}: {engine.text('#errors-list')}")
            continue
        if total(engine) != ex["expected_total"]:
            failures.append(f"{path.name}: total {total(engine)} != {ex['expected_total']}")
        for item, points in (ex.get("expected_items") or {}).items():
            if item_points(engine, item) != points:
                failures.append(f"{path.name}: {item} shows {item_points(engine, item)} != {points}")
        for item, counted in (ex.get("expected_counted") or {}).items():
            cls = engine.attr(f'#result [data-item="{item}"]', "class").split()
            if ("uncounted" not in cls) != counted:
                failures.append(f"{path.name}: {item} counted != {counted}")
        verdict = engine.attr("#verdict", "data-kind")
        want = "disqualified" if ex["expected_total"] == 0 and "veto" in path.name else (
            "meets" if ex.get("meets_standard") else "below")
        if verdict != want:
            failures.append(f"{path.name}: verdict {verdict} != {want}")
    assert not failures, f"{engine.name}:\n" + "\n".join(failures)


def test_worked_examples_through_window_shpoints_score(engine, hooked_site):
    open_site(engine, hooked_site.url)
    # asked before the engine is ready: the call waits for it
    first = score_in_page(engine, example("engineer")["profile"])
    assert first["ok"], first
    assert first["result"]["total"] == example("engineer")["expected_total"]
    assert {"items", "meets_standard", "disqualified", "edition", "eligibility"} <= first["result"].keys()
    for path in EXAMPLES:
        ex = json.loads(path.read_text(encoding="utf-8"))
        got = score_in_page(engine, ex["profile"])
        assert got["ok"] and got["result"]["total"] == ex["expected_total"], (path.name, got)
        for item in got["result"]["items"]:
            if item["id"] in (ex.get("expected_items") or {}):
                assert item["points"] == ex["expected_items"][item["id"]], (path.name, item)
    refused = score_in_page(engine, {"age": "abc", "social_insurance_months": -3})
    assert not refused["ok"]
    assert {"age", "social_insurance_months"} <= {e["field"] for e in refused["errors"]}
    assert all(e["zh"] and e["en"] for e in refused["errors"])


def test_field_error_kept_at_the_field(engine, hooked_site):
    open_site(engine, hooked_site.url, width=375)
    wait_engine(engine)
    set_field(engine, "age", "abc")
    set_field(engine, "social_insurance_months", "-3")
    assert settle(engine) == "invalid"
    assert engine.visible("#err-age") and engine.visible("#err-social_insurance_months")
    age_zh = engine.text("#err-age")
    assert HAN.search(age_zh) and "16" in age_zh and "100" in age_zh
    assert engine.attr("#f-age", "aria-invalid") == "true"
    assert "err-age" in engine.attr("#f-age", "aria-describedby").split()
    assert engine.value("#f-age") == "abc", "what the user typed is kept"
    assert engine.value("#f-social_insurance_months") == "-3"
    assert engine.text("#total").strip() == "—"
    engine.click("#lang-switch")
    assert engine.attr("html", "lang") == "en"
    assert not HAN.search(engine.text("#err-age")) and "16" in engine.text("#err-age")
    assert engine.value("#f-age") == "abc"
    set_field(engine, "age", "15")          # below 16: out of range, in the current language
    assert settle(engine) == "invalid"
    assert "16" in engine.text("#err-age") and not HAN.search(engine.text("#err-age"))
    assert engine.value("#f-age") == "15"
    engine.click("#lang-switch")
    assert HAN.search(engine.text("#err-age"))
    # fixing the input clears the error: 35 years = 30 points, 12 months = 1 year = 3 points
    set_field(engine, "age", "35")
    set_field(engine, "social_insurance_months", "12")
    assert settle(engine) == "ready"
    assert not engine.visible("#err-age")
    assert engine.attr("#f-age", "aria-invalid") is None
    assert total(engine) == 30 + 3


def test_burst_of_fast_edits_ends_on_the_right_total(engine, hooked_site):
    # Counts the score requests in flight (the worker is made by boot.js: wrap it first).
    hooked_site.state["init_script"] = """(() => {
      const Base = window.Worker, open = new Set();
      window.__scoreRequests = {sent: 0, maxOpen: 0};
      window.Worker = class extends Base {
        constructor(...args) { super(...args); this.addEventListener('message', (e) => { if (e.data) open.delete(e.data.id); }); }
        postMessage(msg, ...rest) {
          if (msg && msg.op === 'score') { open.add(msg.id); window.__scoreRequests.sent += 1;
            window.__scoreRequests.maxOpen = Math.max(window.__scoreRequests.maxOpen, open.size); }
          return super.postMessage(msg, ...rest);
        }
      };
    })();"""
    open_site(engine, hooked_site.url, width=375)
    wait_engine(engine)
    set_field(engine, "age", "30")
    settle(engine)
    # Keystrokes with no pause between them, each an input event: "9876543210", eight
    # backspaces, then "4" -> "984" months = 82 full years = 246 points (3 a year).
    engine.run("""() => {
        const el = document.querySelector('#f-social_insurance_months');
        const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
        const type = (v) => { set.call(el, v); el.dispatchEvent(new Event('input', {bubbles: true})); };
        el.focus();
        let v = '';
        for (const c of '9876543210') type(v += c);
        for (let i = 0; i < 8; i++) type(v = v.slice(0, -1));
        type(v += '4');
        const sel = document.querySelector('#f-education');
        for (const value of ['associate', 'master', 'bachelor', 'doctorate', 'bachelor_degree']) {
            sel.value = value; sel.dispatchEvent(new Event('change', {bubbles: true}));
        }
    }""")
    assert settle(engine) == "ready"
    assert engine.value("#f-social_insurance_months") == "984"
    assert item_points(engine, "social_insurance") == 3 * (984 // 12)
    assert item_points(engine, "education") == 90           # 本科 with degree
    assert total(engine) == 30 + 90 + 3 * (984 // 12)
    counts = engine.run("() => window.__scoreRequests")
    assert counts["sent"] >= 2 and counts["maxOpen"] == 1, counts


def test_language_switch(engine, hooked_site):
    open_site(engine, hooked_site.url)
    wait_engine(engine)
    spec = engine.run("async () => (await fetch('./formspec.json')).json()")
    age = next(f for f in spec["fields"] if f["name"] == "age")
    assert engine.attr("html", "lang") == "zh-CN"
    assert engine.text('label[for="f-age"]') == age["label"]["zh"]
    assert engine.text("#lang-switch").strip() == "English"
    engine.click("#lang-switch")
    assert engine.attr("html", "lang") == "en"
    assert engine.text('label[for="f-age"]') == age["label"]["en"]
    assert engine.text("#lang-switch").strip() == "中文"
    assert not HAN.search(engine.text("h1"))
    set_field(engine, "age", "30")
    # the switch re-scored the empty form ('invalid'); wait for the answer to the age, not that one
    engine.wait_for("() => document.querySelector('#total').dataset.state === 'ready'", timeout=SETTLE, message="the age's total")
    assert not HAN.search(engine.text('#items [data-item="age"] .reason'))
    engine.click("#lang-switch")
    assert engine.attr("html", "lang") == "zh-CN"
    assert HAN.search(engine.text('#items [data-item="age"] .reason'))


def test_tier_helper(engine, hooked_site):
    open_site(engine, hooked_site.url)
    wait_engine(engine)
    set_field(engine, "age", "30")
    engine.click("#tier-helper > summary")
    engine.fill("#tier-monthly_base", "15000")
    engine.fill("#tier-on", "2026-11-21")
    want = engine.run("() => window.shpoints.tier({monthly_base: '15000', on: '2026-11-21'})")
    engine.wait_selector("#tier-apply", visible=True)
    text = engine.text("#tier-out")
    assert f"{want['multiple']:.2f}".rstrip("0").rstrip(".") in text
    assert f"{int(want['average']):,}" in text and want["period"]["from"] in text
    engine.click("#tier-apply")
    assert engine.value("#f-insurance_base") == want["tier"]
    assert settle(engine) == "ready"
    engine.fill("#tier-average", "5000")     # 15,000 on an average of 5,000 is 3×
    engine.wait_for("() => document.querySelector('#tier-out').textContent.includes('3×')")
    engine.fill("#tier-monthly_base", "abc")
    engine.wait_selector("#tier-monthly_base-err", visible=True)
    assert engine.attr("#tier-monthly_base", "aria-invalid") == "true"


# ---------------------------------------------------------------- share links and saved inputs


DAMAGED_LINKS = {
    "garbage": "#p=garbage",
    "empty": "#p=1.",
    "not-base64": "#p=1.@@@not-base64@@@",
    "cut-off-while-copying": fragment_for(TYPICAL)[:-9],
    "another-version": fragment_for(TYPICAL, version=7),
    "not-an-object": fragment_for([1, 2, 3]),
    "absurdly-long": "#p=1." + "A" * 9000,
    "broken-percent-encoding": "#p=%E0%A4%A",
    "timeline-not-an-object": fragment_for({"p": TYPICAL, "t": [1]}, version=2),
    "timeline-without-profile": fragment_for({"t": {"child_stage": "grade_9"}}, version=2),
    "version-1-body-under-version-2": fragment_for(TYPICAL, version=2),
}


def test_share_link_restores(engine, hooked_site):
    open_site(engine, hooked_site.url)
    wait_features(engine)
    fill(engine, TYPICAL)
    wait_engine(engine)
    assert settle(engine) == "ready" and total(engine) == TYPICAL_TOTAL
    engine.click("#share-copy")
    engine.wait_selector("#share-panel:not([hidden])")
    link = engine.value("#share-url")
    assert link.startswith(hooked_site.url) and "#p=1." in link and "embed" not in link

    engine.reset(hooked_site)            # a fresh browser: nothing saved
    open_site(engine, link)
    wait_features(engine)
    wait_engine(engine)
    assert settle(engine) == "ready" and total(engine) == TYPICAL_TOTAL
    assert form_values(engine) == TYPICAL
    assert engine.attr("#link-notice", "data-kind") == "ok"


@pytest.mark.parametrize("fragment", list(DAMAGED_LINKS.values()), ids=list(DAMAGED_LINKS))
def test_a_damaged_share_link_is_explained_above_a_usable_form(engine, hooked_site, fragment):
    open_site(engine, hooked_site.url + fragment)
    wait_features(engine)
    assert engine.attr("#link-notice", "data-kind") == "error"
    assert engine.attr("#link-notice", "role") == "alert"
    assert "链接" in engine.text("#link-notice")
    engine.click("#lang-switch")
    assert "link" in engine.text("#link-notice").lower()
    engine.click("#lang-switch")
    assert form_values(engine) == EMPTY
    fill(engine, TYPICAL)
    wait_engine(engine)
    assert settle(engine) == "ready" and total(engine) == TYPICAL_TOTAL


def stored(engine) -> dict:
    return engine.run("() => Object.fromEntries(Object.keys(localStorage)"
                      ".filter(k => k.startsWith('shpoints:')).map(k => [k, localStorage.getItem(k)]))")


def test_saved_inputs_survive_a_reload_and_clear_removes_them(engine, hooked_site):
    open_site(engine, hooked_site.url)
    wait_features(engine)
    fill(engine, TYPICAL)
    # saving is debounced: wait for it to happen
    engine.wait_for("""() => Object.keys(localStorage).some(k => k.startsWith('shpoints:')
                        && localStorage.getItem(k).includes('bachelor_degree'))""", message="the saved inputs")
    open_site(engine, hooked_site.url)
    wait_features(engine)
    assert form_values(engine) == TYPICAL
    wait_engine(engine)
    assert settle(engine) == "ready" and total(engine) == TYPICAL_TOTAL
    engine.click("#clear-saved")
    assert form_values(engine) == EMPTY
    assert stored(engine) == {}
    open_site(engine, hooked_site.url)
    wait_features(engine)
    assert form_values(engine) == EMPTY and stored(engine) == {}


# ---------------------------------------------------------------- the plan


def test_plan_and_its_chart(engine, hooked_site):
    below = {"age": "30", "education": "bachelor", "social_insurance_months": "24"}   # 30 + 60 + 6 = 96
    assert scored_at_375(engine, hooked_site.url, below) == 96
    engine.wait_for("() => document.querySelector('#plan').dataset.state === 'ready'", timeout=SETTLE, message="the plan")
    expected = py_plan({k: int(v) if v.isdigit() else v for k, v in below.items()})
    assert expected["gap"] == 24
    assert engine.attr("#plan", "data-total") == "96"
    assert "还差 24 分" in engine.text("#plan .plan-gap")
    ids = engine.run("() => [...document.querySelectorAll('#plan .plan-action')].map(e => e.dataset.id)")
    assert ids == [a["id"] for a in expected["actions"]]
    assert engine.attr("#plan svg.chart", "role") == "img"
    assert engine.attr("#plan svg.chart", "data-reached") == expected["reaches_standard_on"]
    assert engine.run("() => document.querySelectorAll('#plan svg.chart .chart-standard line').length") == 1
    box = engine.run("() => { const r = document.querySelector('#plan svg.chart').getBoundingClientRect();"
                     " return [r.width, r.height]; }")
    assert 200 <= box[0] <= 375 and box[1] > 100, f"the chart is drawn and fits: {box}"
    no_sideways_scroll(engine)
    engine.click("#lang-switch")
    assert "24 points short" in engine.text("#plan .plan-gap")


# ---------------------------------------------------------------- the timeline


def timeline_settled(engine) -> str:
    """Wait until #timeline's answer belongs to its newest input; its data-state."""
    return engine.wait_for("() => { const s = document.querySelector('#timeline').dataset.state;"
                           " return s && s !== 'pending' && s !== 'off' && s; }", timeout=SETTLE, message="the timeline")


def test_timeline_keeps_a_bad_date_and_offers_the_calendar(engine, hooked_site):
    met = {"age": "30", "education": "bachelor_degree", "social_insurance_months": "48"}   # 30 + 90 + 12 = 132
    assert scored_at_375(engine, hooked_site.url, met) == 132
    engine.click("#timeline > summary")
    engine.wait_selector("#timeline [name=permit_expiry]", timeout=SETTLE)
    engine.select("#timeline [name=points_status]", "approved")
    engine.click("#tl-mode-child-child_stage")   # the grade instead of the birth date
    engine.select("#timeline [name=child_stage]", "grade_9")
    engine.fill("#timeline [name=permit_expiry]", "2027-02-30")   # no such day
    assert timeline_settled(engine) == "invalid"
    assert "有效日期" in engine.text("#timeline [data-field=permit_expiry] .field-error")
    assert engine.value("#timeline [name=permit_expiry]") == "2027-02-30", "what was typed stays"
    engine.fill("#timeline [name=permit_expiry]", "2027-04-10")
    assert timeline_settled(engine) == "ready"
    # the page sends no `on`: the Python timeline for today is the expectation (as for the plan)
    expected = py_timeline({"profile": {"age": 30, "education": "bachelor_degree", "social_insurance_months": 48},
                            "timeline": {"permit_expiry": "2027-04-10", "points_status": "approved",
                                         "child_stage": "grade_9"}})
    shown = engine.run("() => Object.fromEntries([...document.querySelectorAll('#timeline .tl-milestone')]"
                       ".map(e => [e.dataset.id, e.dataset.verdict]))")
    assert shown == {m["id"]: m["verdict"] for m in expected["child"]["milestones"]}
    name, body = engine.download("#timeline button.tl-ics")
    assert name.endswith(".ics")
    events = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert events and all(e.walk("VALARM") for e in events)
    no_sideways_scroll(engine)
    shot(engine, "timeline-375")


# ---------------------------------------------------------------- 375 px and screenshots


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_375_px_pass_with_screenshots(engine, hooked_site, lang):
    open_site(engine, hooked_site.url, width=375)
    assert engine.run("() => innerWidth") == 375
    wait_engine(engine)
    if lang == "en":
        engine.click("#lang-switch")
    fill(engine, {"age": "abc", "social_insurance_months": "-3"})
    settle(engine)
    no_sideways_scroll(engine)
    shot(engine, f"375-{lang}-errors")
    fill(engine, {"age": "33", "education": "master", "qualification": "senior_title",
                  "social_insurance_months": "60", "detention_count": "1", "employer_type": "outside_branch"})
    assert settle(engine) == "ready"
    engine.click("#tier-helper > summary")
    engine.fill("#tier-monthly_base", "37731")
    engine.wait_selector("#tier-apply", visible=True)
    engine.click("#items-zero-box > summary")
    no_sideways_scroll(engine)
    shot(engine, f"375-{lang}")


# ---------------------------------------------------------------- a phone: the result in reach (375 x 812)


def in_view(engine, selector: str) -> dict:
    """Where `selector` is against the viewport: {top, bottom, height (the viewport's)}."""
    return engine.run("""(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
        return {top: r.top, bottom: r.bottom, height: innerHeight}; }""", selector)


def result_on_screen(engine) -> bool:
    """The result card's top is at the top of the screen (the total, then the breakdown)."""
    card, details = in_view(engine, "#result"), in_view(engine, "#details")
    return -2 <= card["top"] <= card["height"] / 3 and details["top"] < details["height"]


def test_phone_total_to_breakdown_in_one_tap(engine, hooked_site):
    open_site(engine, hooked_site.url, width=375, height=812)
    wait_engine(engine)
    fill(engine, TYPICAL)
    assert settle(engine) == "ready" and total(engine) == TYPICAL_TOTAL
    # the card follows the main fields (formspec.json's first group), not the whole form
    first = engine.run("() => document.querySelector('#form-fields > [data-group]').dataset.group")
    assert engine.exists(f'#form-fields > [data-group="{first}"] + #result'), "the card after the main group"
    assert engine.exists(f'#result ~ [data-group]:not([data-group="{first}"])'), "the other groups under it"
    # further down the form, the bar carries the total; one tap shows the card and its breakdown
    engine.run("() => document.querySelector('#result ~ [data-group]').scrollIntoView({block: 'start'})")
    engine.wait_for("() => getComputedStyle(document.getElementById('mini')).display !== 'none'", message="the bar")
    assert engine.text("#mini-total").strip() == str(TYPICAL_TOTAL)
    address = engine.run("() => location.href")
    engine.click("#mini")
    engine.wait_for("""() => { const r = document.getElementById('result').getBoundingClientRect();
        return r.top > -2 && r.top < innerHeight / 3; }""", message="the card on screen")
    assert result_on_screen(engine)
    assert engine.run("() => document.activeElement.id") == "result-heading"
    assert engine.run("() => location.href") == address, "the tap leaves the address bar alone"
    no_sideways_scroll(engine)
    shot(engine, "phone-after-the-bar")


def test_phone_timeline_entry_after_the_result(engine, hooked_site):
    open_site(engine, hooked_site.url, width=375, height=812)
    wait_engine(engine)
    fill(engine, TYPICAL)
    assert settle(engine) == "ready"
    # the plan above the timeline is drawn a moment after the total; WebKit keeps no scroll
    # anchor, so a jump made before it would land that much short
    engine.wait_for("() => document.querySelector('#plan').dataset.state === 'ready'", timeout=SETTLE, message="the plan")
    # the entry sits in the card, right under the verdict
    assert engine.run("""() => !!(document.getElementById('verdict').compareDocumentPosition(
        document.getElementById('timeline-entry')) & Node.DOCUMENT_POSITION_FOLLOWING)""")
    assert "孩子升学" in engine.text("#timeline-entry") and engine.visible("#timeline-entry")
    assert not engine.run("() => document.getElementById('timeline').open")
    # a disclosure marker the section's heading does not hide: drawn, and turned when opened
    marker = """() => { const s = getComputedStyle(document.querySelector('#timeline > summary'), '::before');
        return {content: s.content, width: parseFloat(s.width), border: parseFloat(s.borderRightWidth), transform: s.transform}; }"""
    closed = engine.run(marker)
    assert closed["content"] not in ("none", "normal") and closed["width"] > 4 and closed["border"] > 0, closed
    engine.click("#timeline-entry")
    engine.wait_for("() => document.getElementById('timeline').open", message="the timeline open")
    engine.wait_selector("#timeline [name=permit_expiry]", timeout=SETTLE)
    assert engine.run("() => document.activeElement === document.querySelector('#timeline > summary')")
    box = in_view(engine, "#timeline")
    assert -2 <= box["top"] <= box["height"] / 3, box
    assert engine.run(marker)["transform"] != closed["transform"], "the marker turns when the section opens"
    engine.click("#lang-switch")
    assert "school" in engine.text("#timeline-entry").lower()
    no_sideways_scroll(engine)
    shot(engine, "phone-timeline-entry")


def timeline_filled(engine, hooked_site, profile) -> None:
    """A phone's page with `profile` scored and the timeline given a grade and a permit date."""
    open_site(engine, hooked_site.url, width=375, height=812)
    wait_engine(engine)
    fill(engine, profile)
    assert settle(engine) == "ready"
    engine.click("#timeline-entry")
    engine.click("#tl-mode-child-child_stage")   # the grade instead of the birth date
    engine.select("#timeline [name=child_stage]", "grade_9")
    engine.fill("#timeline [name=permit_expiry]", "2027-04-10")
    assert timeline_settled(engine) == "ready"


def stored_text(engine) -> str:
    return json.dumps(stored(engine), ensure_ascii=False)


def test_share_link_with_and_without_the_timeline(engine, hooked_site):
    timeline_filled(engine, hooked_site, TYPICAL)
    engine.click("#share-copy")
    engine.wait_selector("#share-panel:not([hidden])")
    assert engine.run("() => document.getElementById('share-timeline').checked") is False, "off by default"
    assert "孩子" in engine.text("label[for=share-timeline]")
    without = engine.value("#share-url")
    assert "#p=1." in without
    engine.click("#share-timeline")
    carried = engine.wait_for("() => { const v = document.getElementById('share-url').value; return v.includes('#p=2.') && v; }",
                              message="the link with the timeline")
    assert engine.run("() => location.href") == carried

    # the recipient has a timeline of their own on this device
    engine.reset(hooked_site)
    open_site(engine, hooked_site.url, width=375, height=812)
    wait_features(engine)
    engine.click("#timeline-entry")
    engine.fill("#timeline [name=permit_expiry]", "2030-01-15")
    engine.wait_for("() => Object.keys(localStorage).some(k => localStorage.getItem(k).includes('2030-01-15'))",
                    message="the recipient's timeline saved")
    # and its answer in: leaving while the worker still fetches (its later modules, through the
    # service worker) is a page's own abort, which Firefox logs as the service worker's error
    timeline_settled(engine)

    # with the timeline: restored in the timeline form and opened; nothing saved over theirs
    engine.open(hooked_site.url + "__e2e/blank.html")
    open_site(engine, carried, width=375, height=812)
    wait_features(engine)
    engine.wait_selector("html[data-share-timeline=restored]", timeout=SETTLE)
    assert form_values(engine) == TYPICAL
    assert engine.value("#timeline [name=permit_expiry]") == "2027-04-10"
    assert engine.value("#timeline [name=child_stage]") == "grade_9"
    assert engine.run("() => document.getElementById('timeline').open")
    assert engine.attr("#link-notice", "data-kind") == "ok" and "居住证有效期" in engine.text("#link-notice")
    wait_engine(engine)
    assert settle(engine) == "ready" and total(engine) == TYPICAL_TOTAL
    assert timeline_settled(engine) == "ready"
    assert engine.exists('#timeline .tl-milestone[data-id]')
    assert result_on_screen(engine), "the link opens on the result, not the top of the form"
    saved = stored_text(engine)
    assert "2030-01-15" in saved and "2027-04-10" not in saved, "opening a link saves nothing"
    shot(engine, "phone-link-with-timeline")

    # without it: the score only, as before; the device's own timeline stays
    engine.open(hooked_site.url + "__e2e/blank.html")
    open_site(engine, without, width=375, height=812)
    wait_features(engine)
    assert form_values(engine) == TYPICAL
    assert engine.attr("#link-notice", "data-kind") == "ok"
    assert "居住证有效期" not in engine.text("#link-notice")
    assert engine.attr("html", "data-share-timeline") is None
    assert not engine.run("() => document.getElementById('timeline').open")
    wait_engine(engine)
    assert settle(engine) == "ready" and total(engine) == TYPICAL_TOTAL
    assert result_on_screen(engine)
    engine.click("#timeline-entry")
    engine.wait_selector("#timeline [name=permit_expiry]", timeout=SETTLE)
    assert engine.value("#timeline [name=permit_expiry]") == "2030-01-15"


# The print rules in every engine: Chromium's print emulation is in test_print.py; here the
# rules of each `@media print` block (and the print-only stylesheet) are made to apply to the
# screen too, through the CSSOM (the page's CSP allows no injected style), and what they show
# and hide is read as on screen.
AS_PRINT = """() => {
    const printOnly = (media) => [...media].includes('print') && ![...media].includes('screen');
    const widen = (rules) => { for (const r of rules) {
        if (r.media && printOnly(r.media)) r.media.appendMedium('screen');
        if (r.cssRules) widen(r.cssRules); } };
    for (const sheet of document.styleSheets) {
        if (printOnly(sheet.media)) sheet.media.appendMedium('screen');   // the print-only <link>
        widen(sheet.cssRules);
    }
    return true;
}"""


def test_print_view_plan_summary_and_timeline_when_filled(engine, hooked_site):
    below = {"age": "30", "education": "bachelor", "social_insurance_months": "24"}   # 30 + 60 + 6 = 96
    assert scored_at_375(engine, hooked_site.url, below) == 96
    engine.wait_for("() => document.querySelector('#plan').dataset.state === 'ready'", timeout=SETTLE, message="the plan")
    engine.wait_selector("#print-head")
    assert engine.run(AS_PRINT)
    engine.wait_for("() => getComputedStyle(document.querySelector('.form-col > h2')).display === 'none'",
                    message="the print rules")
    for shown in ("#print-head", "#total", "#items", "#plan-heading", "#plan .plan-gap", "#plan .plan-when", "#plan .plan-action"):
        assert engine.visible(shown), f"{shown} should print"
    for hidden in ("#f-age", "#plan .plan-chart", "#timeline", "#timeline-entry", "#mini", "#share-copy"):
        assert not engine.visible(hidden), f"{hidden} should not print"
    assert "还差 24 分" in engine.text("#plan .plan-gap")

    # a filled timeline prints, folded or not (unfolded for the print, folded again after)
    timeline_filled(engine, hooked_site, below)
    engine.click("#timeline > summary")
    engine.wait_for("() => !document.getElementById('timeline').open", message="the section folded")
    engine.wait_for("() => document.querySelector('#plan').dataset.state === 'ready'", timeout=SETTLE, message="the plan")
    engine.wait_selector("#print-head")
    engine.run(AS_PRINT)
    engine.run("() => dispatchEvent(new Event('beforeprint'))")
    assert engine.run("() => document.getElementById('timeline').open")
    for shown in ("#timeline-heading", "#timeline .tl-status", "#timeline .tl-milestone", "#plan-heading"):
        assert engine.visible(shown), f"{shown} should print"
    for hidden in ("#timeline [name=permit_expiry]", "#timeline .tl-ics", "#timeline .tl-unlocks"):
        assert not engine.visible(hidden), f"{hidden} should not print"
    engine.run("() => dispatchEvent(new Event('afterprint'))")
    assert not engine.run("() => document.getElementById('timeline').open")


# ---------------------------------------------------------------- the batch page


@pytest.fixture(scope="module")
def team():
    people = make_people(60)
    text = csv_text(people)
    return people, {"utf8": text.encode("utf-8-sig"), "gbk": text.encode("gbk")}


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CLERK = Path(__file__).resolve().parents[1] / "files" / "clerk"
# tests/files/clerk/team.xlsx, worked by hand from the rulebook in tests/test_clerk.py:
# row 2 吴一 192, row 3 郑二 253, row 5 冯三 180; row 4 empty (skipped); row 6 本科 (ambiguous), row 7 合计
CLERK_TOTALS = {2: 192, 3: 253, 5: 180}


def batch_upload(engine, name: str, data: bytes, mime: str = "text/csv") -> None:
    engine.run("() => { delete document.getElementById('batch-result').dataset.state; }")
    engine.upload("#csv-file", name, data, mime)
    state = engine.wait_for("() => { const s = document.getElementById('batch-result').dataset.state;"
                            " return (s === 'done' || s === 'error') && s; }", timeout=ENGINE, message="the batch")
    assert state == "done", engine.text("#batch-status")


def test_batch_page_gbk_csv_and_a_workbook_and_the_downloads(engine, hooked_site, team):
    import openpyxl

    people, files = team
    engine.open(hooked_site.url + "batch.html")
    engine.wait_selector("#csv-file")
    wait_engine(engine)
    for encoding, data in files.items():
        batch_upload(engine, f"team-{encoding}.csv", data)
        assert [int(engine.text(f"#{i}")) for i in ("sum-rows", "sum-ok", "sum-errors")] == [len(people), len(people), 0]
        assert people[0]["姓名"] in engine.text("#preview tbody tr"), f"{encoding}: the names read right"
        name, body = engine.download("#download")
        assert body.startswith(b"\xef\xbb\xbf") and name.endswith(".csv") and name.startswith(f"team-{encoding}")
        rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))
        assert [r["姓名"] for r in rows] == [p["姓名"] for p in people]
        for k in (0, 17, len(people) - 1):
            assert int(rows[k]["总分"]) == py_score(profile_of(people[k])).total, k
    # the clerk's own workbook: installed reader, each bad cell listed once, the .xlsx parsed back
    batch_upload(engine, "team.xlsx", (CLERK / "team.xlsx").read_bytes(), XLSX)
    assert [int(engine.text(f"#{i}")) for i in ("sum-rows", "sum-ok", "sum-errors")] == [5, 3, 2]
    listed = engine.text("#error-rows ol")
    assert "第6行「最高学历」列：“本科”不清楚指哪一项" in listed and "第7行「姓名」列：“合计”是合计行" in listed
    name, body = engine.download("#download-xlsx")
    assert name == "team-积分结果.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(body)).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:5] == ("行号", "姓名", "部门", "总分", "结论")
    assert {r[0]: r[3] for r in values[1:] if r[3] is not None} == CLERK_TOTALS
    engine.click("#lang-switch")
    engine.wait_selector("#error-rows h3")
    assert "Row 6, column “最高学历”: “本科” is ambiguous" in engine.text("#error-rows ol")
    name, body = engine.download("#download-xlsx")
    values = list(openpyxl.load_workbook(io.BytesIO(body)).worksheets[0].iter_rows(values_only=True))
    assert values[0][:5] == ("Row", "姓名", "部门", "Total", "Verdict") and name == "team-points.xlsx"
    engine.set_viewport(375, 900)
    no_sideways_scroll(engine)
    shot(engine, "batch-375")


# ---------------------------------------------------------------- embedded in another site


HOST_PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<script src="{site}__e2e/hooks.js"></script>
<script>window.__msgs = []; addEventListener('message', (e) => __msgs.push({{origin: e.origin, data: e.data}}));</script>
<title>Host</title><link rel="icon" href="data:,"></head><body>
<p>Text above.</p>
<iframe id="calc" src="{site}?embed=1&lang=zh" title="calculator" style="width:100%;border:0"></iframe>
<p id="below">Text below.</p>
<script src="{site}embed.js" defer></script></body></html>"""


def test_embed_from_another_origin_sends_its_height(engine, hooked_site, tmp_path):
    (tmp_path / "host.html").write_text(HOST_PAGE.format(site=hooked_site.url), encoding="utf-8")
    host = Host(tmp_path)
    try:
        assert host.origin != hooked_site.origin
        engine.extra_origins = (host.origin,)
        engine.set_viewport(375, 900)
        engine.open(host.url("host.html"))

        def height() -> float:
            return engine.run("() => document.getElementById('calc').getBoundingClientRect().height")

        def wait_fitted() -> float:
            engine.enter_frame("#calc")
            # the content first settles: the newest total, and the plan view (loaded on the first
            # result) mounted and answered; then its height is what the iframe must reach
            settle(engine)
            engine.wait_for("() => { const s = document.querySelector('#plan').dataset.state;"
                            " return !!s && s !== 'pending'; }", timeout=SETTLE, message="the plan to settle")
            want = engine.run("""() => { const s = getComputedStyle(document.body);
                return Math.ceil(document.body.getBoundingClientRect().height
                  + parseFloat(s.marginTop) + parseFloat(s.marginBottom)); }""")
            engine.leave_frame()
            engine.run("() => document.getElementById('calc').scrollIntoView({block: 'start'})")
            return engine.wait_for("(want) => { const h = document.getElementById('calc').getBoundingClientRect().height;"
                                   " return Math.abs(h - want) <= 2 && h; }", want, message="the iframe to fit")

        engine.enter_frame("#calc")
        engine.wait_selector("#profile-form [name=age]", timeout=SETTLE)
        wait_engine(engine)
        assert engine.attr("html", "data-embed") == "1"
        assert not engine.visible(".site-footer")
        engine.leave_frame()
        empty = wait_fitted()

        engine.enter_frame("#calc")
        fill(engine, TYPICAL)
        assert settle(engine) == "ready" and total(engine) == TYPICAL_TOTAL
        engine.wait_for("() => document.querySelector('#plan').dataset.state === 'ready'", timeout=SETTLE)
        frame_problems = engine.problems()
        engine.leave_frame()
        assert not frame_problems, frame_problems
        fitted = wait_fitted()
        assert fitted > empty + 50, "the result made the content taller and the iframe followed"

        msgs = engine.run("() => window.__msgs")
        assert msgs
        for m in msgs:
            assert m["origin"] == hooked_site.origin
            assert set(m["data"]) == {"type", "v", "height"} and m["data"]["type"] == "shpoints:resize"
        # forged messages (from the host itself, a wrong version) are ignored
        engine.run("() => window.postMessage({type: 'shpoints:resize', v: 1, height: 5}, '*')")
        engine.enter_frame("#calc")
        engine.run("() => parent.postMessage({type: 'shpoints:resize', v: 2, height: 7}, '*')")
        engine.leave_frame()
        engine.wait_for("(n) => window.__msgs.length >= n", len(msgs) + 2, message="the forged messages to arrive")
        assert abs(height() - fitted) <= 2
    finally:
        host.stop()


# ---------------------------------------------------------------- the boot's stage marks (benches)

BOOT_STAGES = ["created", "start", "loader", "wasm", "compiled", "runtime", "downloaded", "unpacked",
               "extension", "imported"]


def test_boot_stages_are_performance_marks_for_the_benches(engine, hooked_site):
    """bench/bench_engines.py reads the worker's boot as performance marks on the page's
    timeline: every stage once, in boot order, before the engine's ready state; nothing of
    them is on the page."""
    engine.reset(hooked_site)
    open_site(engine, hooked_site.url)
    wait_engine(engine)
    got = engine.run("""() => { const out = {}; for (const m of performance.getEntriesByType('mark'))
        if (m.name.startsWith('shpoints:boot:')) (out[m.name.slice(14)] ||= []).push(m.startTime); return out; }""")
    assert all(len(got.get(s, [])) == 1 for s in BOOT_STAGES), got
    times = [got[s][0] for s in BOOT_STAGES]
    assert times == sorted(times) and times[0] >= 0, got
    assert "wasm-streaming" in got or "wasm-bytes" in got, got
    assert not engine.run("() => /shpoints:boot|wasm-streaming/.test(document.body.innerText)")
    assert not engine.problems()


# ---------------------------------------------------------------- offline after one visit


def test_offline_after_one_visit(engine, hooked_site):
    """With a service worker: the server stops and a reload still scores. Where the engine
    offers no service worker in this context, the documented fallback: <html data-sw=none>
    and the page works online the same."""
    own = Site(DIST, hooked=True)
    try:
        engine.reset(own)
        engine.extra_origins = (own.origin,)
        open_site(engine, own.url, width=390)
        wait_engine(engine)
        has_sw = engine.run("() => 'serviceWorker' in navigator && !!navigator.serviceWorker")
        if not has_sw:
            engine.wait_selector("html[data-sw=none]")
            fill(engine, TYPICAL)
            assert settle(engine) == "ready" and total(engine) == TYPICAL_TOTAL
            pytest.skip(f"{engine.name}: no service worker here; the documented fallback (data-sw=none) holds")
        engine.wait_selector("html[data-sw=active]", timeout=ENGINE)
        build_id = json.loads((DIST / "build.json").read_text(encoding="utf-8"))["build_id"]
        expected = sorted(own.url if p == "./" else own.url + p for p in precache_list(DIST))
        engine.wait_for("""async ([name, expected]) => { if (!(await caches.has(name))) return false;
            const urls = (await (await caches.open(name)).keys()).map(r => r.url);
            return expected.every(u => urls.includes(u)); }""",
                        [f"shpoints-{build_id}", expected], timeout=ENGINE, message="every file of the build in the precache")
        # the test hooks are not part of the build: put them in the cache too
        engine.run("async (name) => (await caches.open(name)).add('/__e2e/hooks.js')", f"shpoints-{build_id}")
        assert not engine.problems()
        own.stop()
        engine.open(own.url)
        engine.wait_selector("#profile-form [name=age]", timeout=SETTLE)
        fill(engine, TYPICAL)
        wait_engine(engine)
        assert settle(engine) == "ready" and total(engine) == TYPICAL_TOTAL
        assert engine.run("() => !!navigator.serviceWorker.controller"), "served by the service worker"
        shot(engine, "offline-390")
        # offline the browser may log failed update checks and init.js: only page errors count
        problems = [p for p in engine.problems() if "console" not in p and "init.js" not in p]
        assert not problems, problems
    finally:
        own.stop()
        engine.reset(hooked_site)


# ---------------------------------------------------------------- when the engine cannot start


def wait_failed(engine) -> str:
    engine.wait_for("() => document.documentElement.dataset.engine === 'failed'", timeout=SETTLE, message="the failure")
    assert engine.visible("#engine-failed")
    return engine.text("#engine-failed")


def form_still_usable(engine) -> None:
    set_field(engine, "age", "30")
    assert engine.value("#f-age") == "30", "what the user typed is kept"
    assert not score_in_page(engine, {"age": 30})["ok"]
    engine.click("#lang-switch")
    assert not HAN.search(engine.text("#engine-failed-text")), "the reason in English too"
    engine.click("#lang-switch")


def test_no_webassembly_gives_a_readable_message(engine, hooked_site):
    hooked_site.state["init_script"] = "delete globalThis.WebAssembly;"
    open_site(engine, hooked_site.url, width=375)
    text = wait_failed(engine)
    assert "WebAssembly" in text and HAN.search(text)
    form_still_usable(engine)


def test_no_module_workers_gives_a_readable_message(engine, hooked_site):
    """An older browser runs worker.mjs as a classic script, which cannot parse it."""
    hooked_site.state["init_script"] = """(() => { const Base = window.Worker;
        window.Worker = function (url, options) { return new Base(url, {...options, type: 'classic'}); }; })();"""
    open_site(engine, hooked_site.url, width=375)
    text = wait_failed(engine)
    assert "Web Worker" in text and HAN.search(text)
    form_still_usable(engine)


@pytest.fixture
def fresh_site(engine):
    """A server of its own (a new origin, so nothing of it is in the browser's HTTP cache),
    for tests that serve a broken file in place of a good one."""
    running = Site(DIST, hooked=True)
    engine.extra_origins = (running.origin,)
    yield running
    running.stop()


@pytest.mark.console_errors_ok   # the browser may log the failed download
@pytest.mark.parametrize("broken", ["missing", "corrupt"])
def test_runtime_that_cannot_load_gives_a_readable_message(engine, fresh_site, broken):
    status, body = (404, b"not found") if broken == "missing" else (200, b"\0asm\1\0\0\0 this is not WebAssembly")
    fresh_site.state["overrides"] = {"pyodide/pyodide.asm.wasm": (status, body)}
    open_site(engine, fresh_site.url, width=375)
    set_field(engine, "age", "30")
    text = wait_failed(engine)
    assert HAN.search(text) and ("网络" if broken == "missing" else "损坏") in text and "pyodide.asm.wasm" in text, text
    form_still_usable(engine)


@pytest.mark.console_errors_ok
def test_out_of_memory_gives_a_readable_message(engine, fresh_site):
    """The runtime's script fails as a phone without enough memory makes it fail."""
    fresh_site.state["overrides"] = {
        "pyodide/pyodide.asm.mjs": (200, b"throw new RangeError('WebAssembly.Memory(): could not allocate memory');")}
    open_site(engine, fresh_site.url, width=375)
    text = wait_failed(engine)
    assert "内存" in text, text
    form_still_usable(engine)
