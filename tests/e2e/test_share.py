"""Share links (#p=...) and saved inputs (localStorage), in a real browser.

A share link carries the profile in the URL fragment, which browsers never send to a
server; opening it in a fresh browser restores the form and the score. Damaged links give
a clear message above a usable form, never a page error (the `page` fixture fails the test
on console errors). Saved inputs survive a reload; the clear button empties form and storage.
"""

from __future__ import annotations

import pytest

from helpers import (
    TYPICAL, TYPICAL_TOTAL, fill, fragment_for, open_page, score, settle, total, wait_engine,
    wait_features, wait_in_page,
)

pytestmark = [pytest.mark.browser, pytest.mark.chromium_only(reason="axe-core and Playwright's storage-less contexts; share links and saved inputs in every engine are in test_engines.py")]

# The form as it starts: text fields empty, enums on their default.
EMPTY = {"age": "", "education": "none", "social_insurance_months": "", "insurance_base": "none"}


def form_values(page) -> dict:
    return {name: page.input_value(f'#profile-form [name="{name}"]') for name in TYPICAL}


def wait_saved(page, text: str) -> None:
    """Saving is debounced: wait until a saved entry contains `text`."""
    wait_in_page(page, "(t) => Object.keys(localStorage).some(k => k.startsWith('shpoints:') && localStorage.getItem(k).includes(t))",
                 text, message=f"saved inputs with {text}")


def stored(page) -> dict:
    return page.evaluate(
        "() => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('shpoints:'))"
        ".map(k => [k, localStorage.getItem(k)]))")


def test_hand_edited_link_with_unknown_fields_fills_the_rest(page, site):
    open_page(page, site.url + fragment_for({**TYPICAL, "favourite_colour": "red"}))
    wait_features(page)
    assert page.get_attribute("#link-notice", "data-kind") == "warning"
    wait_engine(page)
    assert settle(page) == "ready"
    assert total(page) == TYPICAL_TOTAL


def test_share_link_wins_over_saved_inputs_without_overwriting_them(page, site):
    open_page(page, site.url)
    wait_features(page)
    fill(page, {"age": "50", "education": "master"})
    wait_saved(page, '"50"')
    page.goto(site.url + fragment_for(TYPICAL))
    page.wait_for_selector("#profile-form [name=age]")
    wait_features(page)
    assert form_values(page) == TYPICAL
    wait_engine(page)
    assert settle(page) == "ready" and total(page) == TYPICAL_TOTAL
    assert any('"50"' in v for v in stored(page).values()), "opening a link does not replace saved inputs"
    # Editing makes the form the user's own: the fragment leaves the address bar, input is saved.
    page.fill('#profile-form [name="age"]', "33")
    wait_saved(page, '"33"')
    assert "#p=" not in page.url


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
    open_page(page, site.url + fragment_for({**TYPICAL, "favourite_colour": "red"}), width=390)
    wait_features(page)
    wait_engine(page)
    assert settle(page) == "ready"
    page.click("#share-copy")
    page.wait_for_selector("#share-panel:not([hidden])")
    # every control has a name; the link field is labelled
    assert page.get_attribute("label[for=share-url]", "for") == "share-url"
    axe_check(page)
    screenshot(page, "share-panel-390")
