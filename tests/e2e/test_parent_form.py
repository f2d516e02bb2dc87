"""The form a parent finishes on a phone, at 375 × 812 in every engine (Chromium, WebKit,
Firefox; tests/e2e/engines/): the fields that decide most scores come first and fit the
first screen, a blank form says nothing is wrong, dates are taken as people write them, a
field that gets focus is not left under the bottom bar, and nothing moves when the engine
arrives (the form is in the HTML at first paint and adopted, not drawn again)."""

from __future__ import annotations

import pytest

from conftest import ARTIFACTS

pytestmark = pytest.mark.browser

ENGINE = 180.0      # first start of Pyodide in an engine on a slow machine (s)
SETTLE = 60.0
WIDTH, HEIGHT = 375, 812
START = {"zh": "填写年龄即可开始", "en": "Enter your age to start"}
FIX = {"zh": "请修改：", "en": "Please correct: "}


def open_at_375(engine, url: str, lang: str = "zh") -> None:
    engine.set_viewport(WIDTH, HEIGHT)
    engine.open(url + ("?lang=en" if lang == "en" else ""))
    engine.wait_selector("html[data-form=ready]", timeout=SETTLE)


def wait_engine(engine) -> None:
    engine.wait_for("() => document.documentElement.dataset.engine === 'ready'", timeout=ENGINE, message="the engine")


def settle(engine) -> str:
    return engine.wait_for("() => { const s = document.querySelector('#total').dataset.state;"
                           " return s && s !== 'pending' && s; }", timeout=SETTLE, message="#total to settle")


def visible_errors(engine) -> list[str]:
    return engine.run("() => [...document.querySelectorAll('#profile-form .field-error')]"
                      ".filter(e => !e.hidden && e.getClientRects().length).map(e => e.id)")


# the first screen's fields: those of the main section (on a phone the result card follows
# it, and grows when the engine arrives, below the fold)
BOXES = """() => [...document.querySelectorAll('#profile-form [data-group=base] .field:not([hidden]), #profile-form [data-group=base] .one-of')]
    .map(e => { const r = e.getBoundingClientRect(); return [e.dataset.field || e.dataset.oneOf, r.top + scrollY, r.left, r.width, r.height]; })"""


def test_main_fields_first_and_on_the_first_screen(engine, hooked_site):
    for lang in ("zh", "en"):
        open_at_375(engine, hooked_site.url, lang)
        spec = engine.run("async () => (await fetch('./formspec.json')).json()")
        main = [f["name"] for f in spec["fields"] if f.get("main")]
        assert {"age", "education", "qualification", "social_insurance_months", "insurance_base"} <= set(main)
        # in the page's order: every main field before any field of another section
        order = engine.run("() => [...document.querySelectorAll('#profile-form .field[data-field]')].map(e => e.dataset.field)")
        groups = {f["name"]: f["group"] for f in spec["fields"]}
        last_main = max(order.index(n) for n in main)
        assert all(groups[n] == "base" for n in order[:last_main + 1]), order[:last_main + 1]
        # on the first screen: each shown main field's control above the bottom bar
        placed = engine.run("""(names) => { window.scrollTo(0, 0);
            const bar = document.getElementById('mini').getBoundingClientRect().top;
            return {bar, fields: names.map(n => document.querySelector(`#profile-form [name="${n}"]`))
              .filter(el => el.closest('.field').offsetParent !== null)
              .map(el => { const r = (el.closest('.select-box, .input-wrap') || el).getBoundingClientRect();
                           return [el.name, Math.round(r.top), Math.round(r.bottom)]; })}; }""", main)
        shown = [name for name, _, _ in placed["fields"]]
        assert len(shown) == 5, shown
        for name, top, bottom in placed["fields"]:
            assert top < placed["bar"], f"{engine.name} {lang}: {name} starts at {top}, under the bar at {placed['bar']}"
            if lang == "zh":
                assert bottom <= placed["bar"], f"{engine.name}: {name} ends at {bottom}, the bar is at {placed['bar']}"
        print(f"{engine.name} {lang} bar {placed['bar']}: {placed['fields']}")


def test_blank_form_is_quiet_until_a_field_is_left(engine, hooked_site):
    open_at_375(engine, hooked_site.url)
    wait_engine(engine)
    assert settle(engine) == "invalid"                    # the age is required
    assert visible_errors(engine) == []
    assert engine.run("() => document.querySelectorAll('#profile-form .invalid, #profile-form [aria-invalid]').length") == 0
    assert engine.text("#mini-verdict") == START["zh"]
    # into the age and out again, empty: now it is flagged, and the bar names it. Two ways
    # of leaving, as the drivers allow: a focus move (a headless Firefox without window
    # focus fires no blur for it) and the change event a typed-and-cleared box fires.
    engine.run("() => { document.getElementById('f-age').focus(); document.getElementById('f-education').focus(); }")
    engine.fill("#f-age", "")
    engine.wait_for("() => !document.getElementById('err-age').hidden", message="the age's message")
    label = engine.run("async () => (await (await fetch('./formspec.json')).json()).fields.find(f => f.name === 'age').label.zh")
    engine.wait_for("(t) => document.getElementById('mini-verdict').textContent === t", FIX["zh"] + label)
    # announced once: a polite live region around the message, no alert role as well
    assert engine.run("() => { const e = document.getElementById('err-age');"
                      " return e.parentElement.getAttribute('aria-live') === 'polite' && !e.closest('[role=alert]'); }")
    # the English view says the same in English
    engine.click("#lang-switch")
    engine.wait_for("(t) => document.getElementById('mini-verdict').textContent.startsWith(t)", FIX["en"])


def test_dates_as_people_write_them(engine, hooked_site):
    open_at_375(engine, hooked_site.url)
    wait_engine(engine)
    engine.fill("#f-age", "35")
    engine.select("#f-education", "bachelor_degree")
    engine.fill("#f-social_insurance_months", "36")
    totals = {}
    for spelling in ("2027-04-10", "2027/4/10", "2027.4.10", "2027年4月10日"):
        engine.fill("#f-as_of", spelling)
        assert settle(engine) == "ready", spelling
        totals[spelling] = engine.text("#total")
        assert engine.value("#f-as_of") == spelling
        assert "2027-04-10" in engine.text("#edition"), f"{spelling}: the date the engine scored on"
    assert len(set(totals.values())) == 1, totals
    for impossible in ("2027/13/1", "2027/2/30"):
        engine.fill("#f-as_of", impossible)
        assert settle(engine) == "invalid", impossible
        assert engine.visible("#err-as_of"), impossible
        assert "有效日期" in engine.text("#err-as_of")
        assert engine.value("#f-as_of") == impossible, "what was typed stays"
    # the date boxes are text boxes with the picker beside them, never the only way in
    for name in ("as_of", "birth_date"):
        assert engine.attr(f"#f-{name}", "type") == "text"
        assert engine.attr(f"#f-{name}", "inputmode")
        assert engine.attr(f"#pick-{name}", "type") == "date"
    # a date picked fills the text box as YYYY-MM-DD
    engine.run("""() => { const p = document.getElementById('pick-as_of'); p.value = '2027-05-06';
        p.dispatchEvent(new Event('change', {bubbles: true})); }""")
    assert engine.value("#f-as_of") == "2027-05-06"
    assert settle(engine) == "ready"


def test_nothing_moves_when_the_engine_arrives(engine, hooked_site):
    open_at_375(engine, hooked_site.url)
    assert engine.attr("#form-fields", "data-adopted") == "yes", "the build's form is adopted, not drawn again"
    before = engine.run(BOXES)
    wait_engine(engine)
    settle(engine)
    after = engine.run(BOXES)
    assert [b[0] for b in before] == [a[0] for a in after]
    for b, a in zip(before, after):
        assert all(abs(x - y) < 0.5 for x, y in zip(b[1:], a[1:])), (b, a)


def test_a_focused_field_is_not_under_the_bar(engine, hooked_site):
    open_at_375(engine, hooked_site.url)
    wait_engine(engine)
    settle(engine)
    # put a box of the bonus section just under the bar, then focus it
    engine.run("""() => { const el = document.getElementById('f-public_service_years');
        const bar = document.getElementById('mini').getBoundingClientRect();
        window.scrollBy(0, el.getBoundingClientRect().top - bar.top - 8); }""")
    assert engine.run("""() => document.getElementById('f-public_service_years').getBoundingClientRect().bottom
        > document.getElementById('mini').getBoundingClientRect().top""")
    engine.run("() => document.getElementById('f-public_service_years').focus()")
    engine.wait_for("""() => document.getElementById('f-public_service_years').closest('.input-wrap').getBoundingClientRect().bottom
        <= document.getElementById('mini').getBoundingClientRect().top""", message="the focused field above the bar")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_screenshots_at_375(engine, hooked_site, lang):
    open_at_375(engine, hooked_site.url, lang)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    engine.screenshot(ARTIFACTS / f"{engine.name}-parent-form-{lang}-first.png")
    wait_engine(engine)
    engine.select("#f-qualification", "intermediate_title")
    engine.select("#f-insurance_base", "x3")
    text = engine.text("[data-field=qualification] .select-shown")
    assert "中级职称" in text or "Intermediate" in text
    # the points are shown whole beside the choice, not cut off
    assert engine.run("""() => [...document.querySelectorAll('#profile-form .select-points')].every(p =>
        !p.textContent || p.getBoundingClientRect().right <= p.closest('.select-box').getBoundingClientRect().right)""")
    engine.run("() => document.querySelector('[data-field=qualification]').scrollIntoView()")
    engine.screenshot(ARTIFACTS / f"{engine.name}-parent-form-{lang}-selects.png")
