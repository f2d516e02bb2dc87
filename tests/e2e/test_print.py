"""The printable result: print media shows a clean summary (total, verdict, breakdown with
articles, date and rule edition, documents to prepare, the plan's summary, the timeline
when filled) and hides the form and controls; a typical profile prints on one A4 page."""

from __future__ import annotations

import re

import pytest

from helpers import SETTLE_TIMEOUT, TYPICAL, TYPICAL_TOTAL, open_page, score, wait_features

pytestmark = [pytest.mark.browser, pytest.mark.chromium_only(reason="PDF printing exists only in Chromium's DevTools protocol")]

# Typical plus a title, so the breakdown and the documents list have several groups.
PROFILE = {**TYPICAL, "qualification": "intermediate_title"}

SHOWN = ["#total", "#verdict", "#items", "#edition", "#print-head", "#print-documents"]
HIDDEN = [".site-header", ".site-footer", ".form-col", "#profile-form", "#share-copy", "#print-button",
          "#clear-saved", "#engine-status", "#mini", "#lang-switch", ".privacy"]


def pdf_pages(pdf: bytes) -> int:
    """Number of page objects (/Type /Page, not /Pages) in a PDF."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


@pytest.fixture
def printed(page, site):
    open_page(page, site.url, width=1280, height=900)
    wait_features(page)
    value = score(page, PROFILE)
    assert value > TYPICAL_TOTAL
    assert page.is_visible("#print-button")
    assert not page.is_visible("#print-head"), "the print heading is for paper only"
    page.emulate_media(media="print")
    return page


def test_print_shows_the_summary_and_hides_the_controls(printed):
    page = printed
    for selector in SHOWN:
        assert page.is_visible(selector), f"{selector} should print"
    for selector in HIDDEN:
        assert not page.is_visible(selector), f"{selector} should not print"
    items = page.inner_text("#items")
    assert "第六条" in items and "第七条" in items, "articles printed with the breakdown"
    edition = page.inner_text("#edition")
    assert re.search(r"\d{4}-\d{2}-\d{2}", edition), "the date the result applies to"
    docs = page.inner_text("#print-documents")
    assert "第十四条" in docs, "the basic application materials"
    # one group per counted indicator that needs proof, from the result JSON
    groups = page.eval_on_selector_all("#print-documents [data-doc-group]", "els => els.map(e => e.dataset.docGroup)")
    expected = page.evaluate("async (p) => (await window.shpoints.score(p)).documents.map(d => d.id)", PROFILE)
    assert groups == expected and groups[0] == "application" and "qualification" in groups


def test_print_is_one_a4_page(printed, screenshot):
    page = printed
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    assert pdf_pages(pdf) == 1
    screenshot(page, "print-render")


def test_print_in_english(printed):
    page = printed
    page.emulate_media(media="screen")
    page.click("#lang-switch")
    page.emulate_media(media="print")
    assert "Documents to prepare" in page.inner_text("#print-documents")
    assert pdf_pages(page.pdf(format="A4")) == 1


def test_print_on_a_phone_has_the_plan_summary_and_a_filled_timeline(page, site, screenshot):
    """At 375 x 812 the result card sits inside the form (after its first group): the card
    prints, the form does not; the plan prints as its summary; the timeline once filled."""
    open_page(page, site.url, width=375, height=812)
    wait_features(page)
    below = {"age": "30", "education": "bachelor", "social_insurance_months": "24"}   # 30 + 60 + 6 = 96
    assert score(page, below) == 96
    page.wait_for_selector("#plan[data-state=ready]", state="attached", timeout=SETTLE_TIMEOUT)
    page.wait_for_selector("#print-head", state="attached")
    page.emulate_media(media="print")
    for selector in ["#total", "#items", "#print-head", "#plan-heading", "#plan .plan-gap", "#plan .plan-action"]:
        assert page.is_visible(selector), f"{selector} should print"
    for selector in ["#f-age", "#form-heading", "#plan .plan-chart", "#timeline", "#timeline-entry", "#mini"]:
        assert not page.is_visible(selector), f"{selector} should not print"
    page.emulate_media(media="screen")

    page.click("#timeline-entry")
    page.click("#tl-mode-child-child_stage")   # the grade instead of the birth date
    page.select_option("#timeline [name=child_stage]", "grade_9")
    page.fill("#timeline [name=permit_expiry]", "2027-04-10")
    page.wait_for_selector("#timeline[data-state=ready]", state="attached", timeout=SETTLE_TIMEOUT)
    page.emulate_media(media="print")
    for selector in ["#timeline-heading", "#timeline .tl-status", "#timeline .tl-milestone", "#timeline .tl-actions"]:
        assert page.is_visible(selector), f"{selector} should print"
    for selector in ["#timeline [name=permit_expiry]", "#timeline .tl-ics", "#timeline .tl-unlocks"]:
        assert not page.is_visible(selector), f"{selector} should not print"
    assert "2027-04-10" in page.inner_text("#timeline .tl-actions"), "the dates to act on"
    screenshot(page, "print-375-timeline")
