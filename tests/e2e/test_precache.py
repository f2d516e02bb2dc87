"""The first visit's precache (web/sw.js), which must not compete with the first score for
the link: it waits for the first total, never
downloads a file twice, and stores only what matches build.json's sha256.

Counted with the server's own request log: after one visit with a total and a complete
precache, every path of the build was answered with a body (200) at most once; the
service worker took what the page had downloaded from the HTTP cache. A persistent
profile is used, as a phone's browser has: its HTTP cache is on disk (an incognito
context keeps a small one in memory, too small for the 9.6 MB runtime).
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from urllib.parse import urlsplit

import pytest

from conftest import CHROMIUM_ARGS, DIST, Site, chromium_executable, watch
from helpers import TYPICAL, TYPICAL_TOTAL, fragment_for, settle, total, wait_engine

pytestmark = pytest.mark.browser
TIMEOUT = 180_000


class LoggedSite(Site):
    """A Site whose server records (path, status) of every request it answers."""

    def __new__(cls, directory):
        self = super().__new__(cls, directory)
        self.log, self.lock = [], threading.Lock()
        handler = self.server.RequestHandlerClass.func   # make_server's per-server class

        def log_request(handler_self, code="-", size="-"):
            with self.lock:
                self.log.append((urlsplit(handler_self.path).path, int(getattr(code, "value", code))))

        handler.log_request = log_request
        return self


@pytest.fixture
def logged_site():
    running = LoggedSite(DIST)
    yield running
    running.stop()


@pytest.fixture
def profile_context(playwright_instance, tmp_path):
    ctx = playwright_instance.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=chromium_executable(), args=CHROMIUM_ARGS,
        viewport={"width": 390, "height": 900}, service_workers="allow")
    yield ctx
    ctx.close()


def test_first_visit_precaches_after_the_first_total_and_downloads_nothing_twice(profile_context, logged_site):
    page = profile_context.new_page()
    problems: list[str] = []
    watch(page, logged_site.origin, problems)
    page.goto(logged_site.url + fragment_for(TYPICAL))   # a forwarded share link
    wait_engine(page, timeout=TIMEOUT)
    assert settle(page) == "ready" and total(page) == TYPICAL_TOTAL
    page.wait_for_selector("html[data-precache=done]", state="attached", timeout=TIMEOUT)

    info = json.loads((DIST / "build.json").read_text(encoding="utf-8"))
    with logged_site.lock:
        log = list(logged_site.log)
    bodies = Counter(path for path, status in log if status == 200)
    twice = {path: n for path, n in bodies.items() if n > 1 and path != "/build.json"}
    assert not twice, f"downloaded more than once: {twice}"
    # the precache is complete, and what it stored is what build.json lists
    stored = page.evaluate("""async (name) => {
        const cache = await caches.open(name);
        const out = {};
        for (const req of await cache.keys()) {
          const body = await (await cache.match(req)).arrayBuffer();
          const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
          out[new URL(req.url).pathname] = Array.from(hash, b => b.toString(16).padStart(2, '0')).join('');
        }
        return out;
      }""", f"shpoints-{info['build_id']}")
    for entry in info["files"]:
        assert stored.get("/" + entry["path"]) == entry["sha256"], entry["path"]
    assert stored["/"] == next(e["sha256"] for e in info["files"] if e["path"] == "index.html")
    assert not problems, "\n".join(problems)


def test_the_runtime_waits_until_the_page_has_loaded(profile_context, logged_site):
    """The form first: no runtime file is asked for before the page's own files are in."""
    page = profile_context.new_page()
    page.goto(logged_site.url)
    wait_engine(page, timeout=TIMEOUT)
    with logged_site.lock:
        order = [path for path, _ in logged_site.log]
    first_runtime = min(i for i, p in enumerate(order) if p.startswith(("/pyodide/", "/wheels/")))
    own = [p for p in ("/calculator/app.mjs", "/formspec.json", "/styles/styles.css", "/calculator/form.mjs") if p in order]
    assert own and all(order.index(p) < first_runtime for p in own), order[:first_runtime + 3]


def test_the_runtime_gets_its_lock_file_in_the_wheel_manifest(browser, logged_site):
    """wheels/manifest.json carries the runtime's lock file header: no request of its own
    (without a service worker here, so that no precache request can enter the log)."""
    ctx = browser.new_context(service_workers="block")
    try:
        page = ctx.new_page()
        page.goto(logged_site.url + fragment_for(TYPICAL))
        wait_engine(page, timeout=TIMEOUT)
        assert settle(page) == "ready" and total(page) == TYPICAL_TOTAL
        with logged_site.lock:
            asked = [path for path, _ in logged_site.log if path.startswith(("/pyodide/", "/wheels/"))]
        assert "/wheels/manifest.json" in asked and "/pyodide/pyodide.asm.wasm" in asked, asked
        assert "/pyodide/pyodide-lock.json" not in asked, asked
    finally:
        ctx.close()
