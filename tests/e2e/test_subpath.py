"""The site served from a sub-path of a static host (https://host/apps/points/), in Chromium.

Every file the page and its worker load is resolved from the site root (the worker lives in
engine/ and finds pyodide/, wheels/ and formspec.json one folder up), so the calculator,
its plan (loaded on first use) and the batch page work there as they do at the host root.
"""

from __future__ import annotations

import pytest
from conftest import Site, watch

from helpers import TYPICAL, TYPICAL_TOTAL, fill, settle, total, wait_engine

pytestmark = pytest.mark.browser

SUB = "apps/points"


@pytest.fixture(scope="module")
def nested(dist_dir, tmp_path_factory):
    root = tmp_path_factory.mktemp("host")
    (root / "apps").mkdir()
    (root / SUB).symlink_to(dist_dir, target_is_directory=True)
    running = Site(root)
    yield running
    running.stop()


def test_the_calculator_works_from_a_sub_path(browser, nested):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    watch(page, nested.origin, problems)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        page.goto(f"{nested.url}{SUB}/")
        page.wait_for_selector("#profile-form [name=age]")
        fill(page, TYPICAL)
        wait_engine(page)
        assert settle(page) == "ready"
        assert total(page) == TYPICAL_TOTAL
        page.wait_for_selector("#plan[data-state=ready]", state="attached", timeout=30_000)
        outside = [u for u in requested if u.startswith("http") and not u.startswith(f"{nested.url}{SUB}/")]
        assert not outside, f"requests outside the site's folder: {outside}"
        assert any(u.endswith(f"/{SUB}/engine/worker.mjs") for u in requested)
        assert any(f"/{SUB}/wheels/" in u for u in requested)
    finally:
        context.close()
    assert not problems, "the page misbehaved:\n" + "\n".join(problems)
