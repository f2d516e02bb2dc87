"""Offline use through the service worker (web/sw.js, registered by web/features/pwa.mjs).

- After one visit the whole build is in the cache `shpoints-<build id>`; with the server
  stopped, a reload still computes the typical applicant's 191 points.
- Without service workers (in-app browsers, private windows) the page works online the
  same and says <html data-sw="none">.
- A new build id replaces the old cache when the new worker activates (via the page's
  "new version ready" bar).

These tests run their own server (not the session `site`): stopping it must not break
the other tests. Same origin = same port, so the "new build" is served on the same port.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import DIST, Site, watch
from helpers import (
    TYPICAL, TYPICAL_TOTAL, fill, open_page, precache_list, settle, total, wait_engine, wait_in_page,
)

pytestmark = [pytest.mark.browser, pytest.mark.chromium_only(reason="a new build replacing the old cache, and blocked service workers, need Playwright's context options; offline use in every engine is in test_engines.py")]

SW_TIMEOUT = 120_000   # the precache downloads the whole build (~16 MB) after the engine


def build_id(directory) -> str:
    return json.loads((directory / "build.json").read_text(encoding="utf-8"))["build_id"]


def cache_state(page, name: str) -> dict:
    return page.evaluate(
        """async (name) => ({
             names: await caches.keys(),
             urls: (await caches.has(name))
               ? (await (await caches.open(name)).keys()).map(r => r.url) : [],
           })""",
        name,
    )


def wait_sw_active(page):
    page.wait_for_selector("html[data-sw=active]", state="attached", timeout=SW_TIMEOUT)
    wait_in_page(page, "async () => !!navigator.serviceWorker.controller"
                 " || !!((await navigator.serviceWorker.getRegistration())?.active)",
                 timeout=30, message="an active service worker")


def wait_precached(page, site, directory) -> dict:
    """Every PRECACHE entry of `directory`/sw.js is in shpoints-<build id>; returns the state."""
    name = f"shpoints-{build_id(directory)}"
    expected = {site.url if path == "./" else site.url + path for path in precache_list(directory)}
    assert len(expected) > 10

    state = wait_in_page(page, """async ([name, expected]) => {
        if (!(await caches.has(name))) return null;
        const urls = (await (await caches.open(name)).keys()).map(r => r.url);
        return expected.every(u => urls.includes(u)) && {names: await caches.keys(), urls}; }""",
                         [name, sorted(expected)], timeout=SW_TIMEOUT / 1000, message=f"the precache {name}")
    assert [n for n in state["names"] if n.startswith("shpoints-")] == [name], state["names"]
    return state


def precached_page(context, site):
    """A page of `site` after a first visit whose precache is complete; returns it and the
    list its watcher fills with problems."""
    page = context.new_page()
    problems: list[str] = []
    watch(page, site.origin, problems, console=False)
    open_page(page, site.url)
    wait_engine(page)
    wait_sw_active(page)
    wait_precached(page, site, DIST)
    return page, problems


@pytest.fixture
def own_site():
    running = Site(DIST)
    yield running
    running.stop()


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 900}, service_workers="allow")
    yield ctx
    ctx.close()


def test_without_service_workers_the_page_works_the_same(page, site):
    # Runs regardless of the page's CSP: the page sees no navigator.serviceWorker at all.
    page.context.add_init_script("delete Navigator.prototype.serviceWorker;")
    open_page(page, site.url)
    assert page.evaluate("() => !('serviceWorker' in navigator)")
    fill(page, TYPICAL)
    wait_engine(page)
    assert settle(page) == "ready"
    assert total(page) == TYPICAL_TOTAL
    page.wait_for_selector("html[data-sw=none]", state="attached")


def test_new_build_replaces_the_old_cache(context, own_site, tmp_path):
    page, problems = precached_page(context, own_site)
    old = f"shpoints-{build_id(DIST)}"

    # The "next release": the same files, a different build id, on the same origin.
    newer = tmp_path / "dist"
    shutil.copytree(DIST, newer)
    new_id = "0123456789abcdef"
    assert new_id != build_id(DIST)
    sw = (newer / "sw.js").read_text(encoding="utf-8")
    sw, n = re.subn(r'^const BUILD_ID = ".*";$', f'const BUILD_ID = "{new_id}";', sw, flags=re.M)
    assert n == 1
    (newer / "sw.js").write_text(sw, encoding="utf-8")
    info = json.loads((newer / "build.json").read_text(encoding="utf-8"))
    info["build_id"] = new_id
    (newer / "build.json").write_text(json.dumps(info), encoding="utf-8")
    own_site.stop()
    own_site.directory = newer
    own_site.start()

    page.reload()
    wait_engine(page)
    # The new worker installs next to the old one and waits: the bar offers the reload.
    page.wait_for_selector("#update-reload", timeout=SW_TIMEOUT)
    assert page.get_attribute("html", "data-update") == "waiting"
    assert old in cache_state(page, old)["names"], "the old cache stays until the new worker takes over"
    with page.expect_navigation(timeout=60_000):
        page.click("#update-reload")
    page.wait_for_selector("#profile-form [name=age]")
    new = f"shpoints-{new_id}"
    wait_in_page(page, """async (name) => { const names = (await caches.keys()).filter(k => k.startsWith('shpoints-'));
        return names.length === 1 && names[0] === name; }""", new, message="only the new cache")
    wait_precached(page, own_site, newer)
    assert not page.query_selector("#update-reload")
    assert not problems, "\n".join(problems)


def test_blocked_service_workers_are_no_error(browser, site):
    """Playwright's service_workers="block" makes register() resolve to nothing: pwa.mjs
    used to throw "Cannot read properties of undefined (reading 'waiting')" there."""
    ctx = browser.new_context(service_workers="block")
    try:
        page = ctx.new_page()
        problems: list[str] = []
        watch(page, site.origin, problems)
        open_page(page, site.url)
        fill(page, TYPICAL)
        wait_engine(page)
        assert settle(page) == "ready" and total(page) == TYPICAL_TOTAL
        page.wait_for_selector("html[data-sw=none], html[data-sw=error]", state="attached")
        assert not problems, "\n".join(problems)
    finally:
        ctx.close()


def test_the_runtime_wasm_comes_from_the_http_cache_only_when_it_is_the_stored_file(context, own_site):
    """sw.js answers *.wasm from the browser's HTTP cache, where Chromium keeps the code it
    compiled (so the repeat visit skips compiling it again), only if that copy has the length, encoding and
    date of the one the precache checked and stored; otherwise the stored copy answers."""
    page, problems = precached_page(context, own_site)
    page.reload()   # now controlled by the service worker
    wait_engine(page)
    assert page.evaluate("() => !!navigator.serviceWorker.controller")
    name, wasm = f"shpoints-{build_id(DIST)}", own_site.url + "pyodide/pyodide.asm.wasm"
    mark_stored = """async ([name, url, date]) => {
        const cache = await caches.open(name);
        const stored = await cache.match(url);
        const headers = new Headers(stored.headers);
        headers.set('x-stored-copy', 'yes');   // says which copy answered
        if (date) headers.set('last-modified', date);
        await cache.put(url, new Response(await stored.arrayBuffer(), { status: 200, headers }));
      }"""
    answered_by = "async (url) => (await fetch(url)).headers.get('x-stored-copy') || 'http cache'"

    page.evaluate(mark_stored, [name, wasm, None])
    assert page.evaluate(answered_by, wasm) == "http cache", "the very file is in the HTTP cache"
    page.evaluate(mark_stored, [name, wasm, "Thu, 01 Jan 1970 00:00:00 GMT"])
    assert page.evaluate(answered_by, wasm) == "yes", "another file in the HTTP cache must not answer"
    # The engine still starts from the stored copy and scores.
    page.reload()
    fill(page, TYPICAL)
    wait_engine(page)
    assert settle(page) == "ready" and total(page) == TYPICAL_TOTAL
    assert not problems, "\n".join(problems)


def test_a_workbook_opens_offline_once_the_site_is_precached(context, own_site):
    """The workbook reader (openpyxl, micropip, their standard-library zip) is installed only
    when a workbook is opened, from files the precache stored after the first total: a
    clerk who visited once can open an .xlsx without a connection."""
    from pathlib import Path

    page, problems = precached_page(context, own_site)
    own_site.stop()
    try:
        page.goto(own_site.url + "batch.html")
        page.wait_for_selector("html[data-engine=ready]", state="attached", timeout=180_000)
        clerk = Path(__file__).resolve().parents[1] / "files" / "clerk" / "team.xlsx"
        page.set_input_files("#csv-file", str(clerk))
        page.wait_for_selector("#batch-result[data-state=done], #batch-result[data-state=error]",
                               state="attached", timeout=180_000)
        assert page.get_attribute("#batch-result", "data-state") == "done", page.text_content("#batch-status")
        assert [page.text_content(f"#{i}") for i in ("sum-rows", "sum-ok", "sum-errors")] == ["5", "3", "2"]
    finally:
        own_site.start()
    assert not problems, "\n".join(problems)
