"""Share links (#p=...) and saved inputs (localStorage), in a real browser.

A share link carries the profile in the URL fragment, which browsers never send to a
server; opening it in a fresh browser restores the form and the score. Damaged links give
a clear message above a usable form, never a page error (the `page` fixture fails the test
on console errors). Saved inputs survive a reload; the clear button empties form and storage.
"""

from __future__ import annotations

import pytest

from features_helpers import (
    TYPICAL, TYPICAL_TOTAL, fill, fragment_for, open_page, score, settle, total, wait_engine,
    wait_features,
)

pytestmark = pytest.mark.browser

# The form as it starts: text fields empty, enums on their default.
EMPTY = {"age": "", "education": "none", "social_insurance_months": "", "insurance_base": "none"}


def form_values(page) -> dict:
    return {name: page.input_value(f'#profile-form [name="{name}"]') for name in TYPICAL}


def stored(page) -> dict:
    return page.evaluate(
        "() => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('shpoints:'))"
        ".map(k => [k, localStorage.getItem(k)]))")


def test_copy_link_and_open_it_in_a_fresh_browser(page, browser, site):
    open_page(page, site.url)
    wait_features(page)
    assert score(page, TYPICAL) == TYPICAL_TOTAL
    page.click("#share-copy")
    page.wait_for_selector("#share-panel:not([hidden])")
    link = page.input_value("#share-url")
    assert "#p=1." in link and link.startswith(site.url)
    assert "embed" not in link
    fragment = link.split("#", 1)[1]
    assert len(fragment) < 200, "share links stay short"
    assert page.url == link, "the address bar shows the link too (clipboard may be unavailable)"
    assert page.is_visible("text=/never send that part|不会把这部分发送/")

    context = browser.new_context()
    try:
        other = context.new_page()
        errors = []
        other.on("pageerror", lambda e: errors.append(str(e)))
        open_page(other, link)
        wait_features(other)
        wait_engine(other)
        assert settle(other) == "ready"
        assert total(other) == TYPICAL_TOTAL
        assert form_values(other) == TYPICAL
        assert other.get_attribute("#link-notice", "data-kind") == "ok"
        assert not errors
    finally:
        context.close()


@pytest.mark.parametrize("fragment", [
    "#p=garbage",
    "#p=1.",
    "#p=1.@@@not-base64@@@",
    fragment_for(TYPICAL)[:-9],                      # cut off while copying
    fragment_for(TYPICAL, version=7),                # from another version
    fragment_for([1, 2, 3]),                         # not an object
    "#p=1." + "A" * 9000,                            # absurdly long
    "#p=%E0%A4%A",                                   # broken percent-encoding
], ids=["garbage", "empty", "not-base64", "truncated", "wrong-version", "not-object", "too-long", "bad-escape"])
def test_damaged_link_gives_a_message_and_a_usable_form(page, site, fragment):
    open_page(page, site.url + fragment)
    wait_features(page)
    notice = page.locator("#link-notice")
    assert notice.get_attribute("data-kind") == "error"
    assert notice.get_attribute("role") == "alert"
    text = notice.inner_text()
    assert "链接" in text  # the page is in Chinese by default
    page.click("#lang-switch")
    assert "link" in notice.inner_text().lower()
    page.click("#lang-switch")
    assert form_values(page) == EMPTY
    assert score(page, TYPICAL) == TYPICAL_TOTAL


def test_hand_edited_link_with_unknown_fields_fills_the_rest(page, site):
    open_page(page, site.url + fragment_for({**TYPICAL, "favourite_colour": "red"}))
    wait_features(page)
    assert page.get_attribute("#link-notice", "data-kind") == "warning"
    wait_engine(page)
    assert settle(page) == "ready"
    assert total(page) == TYPICAL_TOTAL


def test_inputs_survive_a_reload_and_clear_removes_them(page, site):
    open_page(page, site.url)
    wait_features(page)
    assert score(page, TYPICAL) == TYPICAL_TOTAL
    page.wait_for_timeout(800)      # saving is debounced
    assert any("bachelor_degree" in v for v in stored(page).values())
    page.reload()
    page.wait_for_selector("#profile-form [name=age]")
    wait_features(page)
    assert form_values(page) == TYPICAL
    wait_engine(page)
    assert settle(page) == "ready" and total(page) == TYPICAL_TOTAL

    page.click("#clear-saved")
    assert form_values(page) == EMPTY
    assert stored(page) == {}
    assert page.is_visible("#clear-status")
    page.reload()
    page.wait_for_selector("#profile-form [name=age]")
    wait_features(page)
    assert form_values(page) == EMPTY
    assert stored(page) == {}


def test_share_link_wins_over_saved_inputs_without_overwriting_them(page, site):
    open_page(page, site.url)
    wait_features(page)
    fill(page, {"age": "50", "education": "master"})
    page.wait_for_timeout(800)
    page.goto(site.url + fragment_for(TYPICAL))
    page.wait_for_selector("#profile-form [name=age]")
    wait_features(page)
    assert form_values(page) == TYPICAL
    wait_engine(page)
    assert settle(page) == "ready" and total(page) == TYPICAL_TOTAL
    page.wait_for_timeout(800)
    assert any('"50"' in v for v in stored(page).values()), "opening a link does not replace saved inputs"
    # Editing makes the form the user's own: the fragment leaves the address bar, input is saved.
    page.fill('#profile-form [name="age"]', "33")
    page.wait_for_timeout(800)
    assert "#p=" not in page.url
    assert any('"33"' in v for v in stored(page).values())


def test_works_without_storage(browser, site):
    context = browser.new_context()
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }});")
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        open_page(page, site.url)
        wait_features(page)
        assert page.get_attribute("html", "data-storage") == "off"
        assert score(page, TYPICAL) == TYPICAL_TOTAL
        page.click("#clear-saved")
        assert form_values(page) == EMPTY
        assert not errors
    finally:
        context.close()


def test_share_and_saved_data_controls_are_accessible(page, site, axe_check, screenshot):
    open_page(page, site.url + fragment_for({**TYPICAL, "favourite_colour": "red"}))
    wait_features(page)
    wait_engine(page)
    assert settle(page) == "ready"
    page.click("#share-copy")
    page.wait_for_selector("#share-panel:not([hidden])")
    # every control has a name; the link field is labelled
    assert page.get_attribute("label[for=share-url]", "for") == "share-url"
    axe_check(page)
    screenshot(page, "share-panel-390")
