"""Shared helpers for the browser tests (page, offline, embed, share, print).

The page runs under a CSP without 'unsafe-eval', so Playwright's wait_for_function cannot
be used on it: waits go through selectors, or poll `evaluate` (which CSP does not block).
"""

from __future__ import annotations

import base64
import json

from engines import wait_js

ENGINE_TIMEOUT = 180_000   # first load of Pyodide on a slow CI machine
SETTLE_TIMEOUT = 30_000

# A typical applicant (tests/examples/01): 30 + 90 + 21 + 50 = 191.
TYPICAL = {"age": "32", "education": "bachelor_degree", "social_insurance_months": "84", "insurance_base": "x1"}
TYPICAL_TOTAL = 191


def fragment_for(profile: dict, version: int = 1) -> str:
    """The share fragment the page would make: #p=<version>.<base64url(UTF-8 JSON)>."""
    raw = json.dumps(profile, ensure_ascii=False, separators=(",", ":")).encode()
    return f"#p={version}." + base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def open_page(page, url, width=390, height=900):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    page.wait_for_selector("#profile-form [name=age]")


def wait_engine(page_or_frame, timeout=ENGINE_TIMEOUT):
    page_or_frame.wait_for_selector("html[data-engine=ready]", state="attached", timeout=timeout)


def wait_features(page_or_frame):
    page_or_frame.wait_for_selector("html[data-features=ready]", state="attached", timeout=SETTLE_TIMEOUT)


def settle(page_or_frame) -> str:
    """Wait until #total belongs to the newest input; returns its data-state."""
    page_or_frame.wait_for_selector("#total:not([data-state=pending])", state="attached", timeout=SETTLE_TIMEOUT)
    return page_or_frame.get_attribute("#total", "data-state")


def total(page_or_frame) -> int:
    return int(page_or_frame.text_content("#total").replace(",", "").strip())


def fill(page_or_frame, profile: dict):
    """Type text fields, choose enum options (by the form's control type)."""
    for name, value in profile.items():
        control = page_or_frame.locator(f'#profile-form [name="{name}"]').first
        tag = control.evaluate("e => e.tagName")
        if tag == "SELECT":
            control.select_option(str(value))
        else:
            control.fill(str(value))


def score(page_or_frame, profile: dict) -> int:
    """Fill `profile`, wait for its result, return the total."""
    fill(page_or_frame, profile)
    wait_engine(page_or_frame)
    assert settle(page_or_frame) == "ready"
    return total(page_or_frame)


def wait_in_page(page_or_frame, predicate: str, arg=None, timeout: float = 30.0, message: str = ""):
    """Wait until the JavaScript function expression `predicate(arg)` is truthy in the page
    (polled there, see engines.WAIT_JS); returns its value."""
    out = page_or_frame.evaluate(wait_js(predicate), [arg, timeout * 1000])
    if out.get("timeout"):
        raise AssertionError(f"timed out after {timeout} s waiting for {message or predicate} ({out.get('error')})")
    return out["value"]
