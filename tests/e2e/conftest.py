"""Fixtures for the browser tests: the built site served over HTTP, headless Chromium
through Playwright, and checks every test gets for free.

- `site`: dist/ served on 127.0.0.1 by sitebuild.serve.make_server (the same server as
  `python build.py serve`, precompressed files included). It is the base URL (a str) with `.url`, `.stop()` and
  `.start()` (same port) for the offline test.
- `browser`: Chromium. $SHPOINTS_CHROMIUM picks the executable; otherwise Debian's
  /usr/bin/chromium, else the one `python -m playwright install chromium` fetched.
- `page`: a fresh context per test. The test FAILS if the page logs a console error,
  throws, or requests anything from another origin. `@pytest.mark.console_errors_ok`
  lifts the console check for a test that provokes errors on purpose.
- `screenshot(page, name)`: full-page PNG in tests/artifacts/.
- `axe_check(page)`: runs axe-core (tests/node_modules) and fails on serious or
  critical findings; returns every violation.
- `engine` (test_engines.py): one browser per engine for the whole run, parametrised by
  $SHPOINTS_ENGINES or `--engines` (default chromium,webkit,firefox), on `hooked_site`
  (dist/ with the test hooks of tests/e2e/engines/hooks.js); reset between tests, and the
  test FAILS on what the hooks or the engine's events saw (console errors, uncaught errors,
  other-origin requests), unless marked console_errors_ok.
"""

from __future__ import annotations

import hashlib
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
ARTIFACTS = ROOT / "tests" / "artifacts"
AXE = ROOT / "tests" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]

sys.path.insert(0, str(ROOT))
from sitebuild import serve  # noqa: E402  (the one server implementation)


def chromium_executable() -> str | None:
    chosen = os.environ.get("SHPOINTS_CHROMIUM")
    if chosen:
        return chosen
    for candidate in ("/usr/bin/chromium", shutil.which("chromium") or ""):
        if candidate and Path(candidate).exists():
            return candidate
    return None  # Playwright's own browser, if `playwright install chromium` was run


class HookedHandler(serve.SiteHandler):
    """The production server, plus tests/e2e/engines/hooks.js as the first script of every
    HTML page, then /__e2e/init.js (the test's `site.init_script`, for engines without init
    scripts), an empty same-origin page (/__e2e/blank.html) to reset storage from, and
    `site.overrides` {path: (status, body)} to serve a broken asset."""

    quiet = True
    state: dict = {}

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        from engines import HOOKS

        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == "/__e2e/hooks.js":
            return self._send(HOOKS.encode(), "text/javascript; charset=utf-8")
        if path == "/__e2e/init.js":
            return self._send(self.state.get("init_script", "").encode(), "text/javascript; charset=utf-8")
        override = self.state.get("overrides", {}).get(path.lstrip("/"))
        if override:
            status, body = override
            self.send_response(status)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)
            return None
        if path == "/__e2e/blank.html":
            # Its icon is inline: without one Chromium asks for /favicon.ico (a 404 logged a
            # moment later, charged to the next test), and a site file asked for here is the
            # service worker's to answer: a test that leaves at once aborts it, which Firefox
            # logs as the service worker's error.
            return self._send((b'<!doctype html><meta charset="utf-8"><script src="/__e2e/hooks.js"></script>'
                              b'<link rel="icon" href="data:,">'
                              b'<title>blank</title>'), "text/html; charset=utf-8")
        local = Path(self.translate_path(path))
        if local.is_dir():
            local = local / "index.html"
        if local.suffix == ".html" and local.is_file():
            return self._send(self.hooked_html(local), "text/html; charset=utf-8")
        if local.name == "build.json" and local.is_file():
            return self._send(self.hooked_build_info(local), "application/json")
        return super().do_GET()

    @staticmethod
    def hooked_html(local: Path) -> bytes:
        html = local.read_text(encoding="utf-8")
        return html.replace("<head>", '<head>\n<script src="/__e2e/hooks.js"></script>'
                            '<script src="/__e2e/init.js"></script>', 1).encode()

    def hooked_build_info(self, local: Path) -> bytes:
        """build.json with the sha256 of the pages as this server sends them (hooks added),
        so the service worker's check of what it stores holds for the pages it is given."""
        info = json.loads(local.read_text(encoding="utf-8"))
        for entry in info["files"]:
            if entry["path"].endswith(".html"):
                entry["sha256"] = hashlib.sha256(self.hooked_html(local.parent / entry["path"])).hexdigest()
        return json.dumps(info).encode()


def make_server(directory: Path, port: int, hooked: bool, state: dict | None = None):
    if not hooked:
        return serve.make_server(directory, port, quiet=True)
    handler = type("Handler", (HookedHandler,), {"state": state if state is not None else {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(directory)))
    server.daemon_threads = True
    return server


class Site(str):
    """The base URL of a running server for a folder; stop() and start() keep the port."""

    def __new__(cls, directory: Path, hooked: bool = False) -> Site:
        state: dict = {"init_script": "", "overrides": {}}
        server = make_server(directory, 0, hooked, state)
        self = super().__new__(cls, f"http://127.0.0.1:{server.server_address[1]}/")
        self.directory, self.server, self.hooked, self.state = directory, server, hooked, state
        self.port = server.server_address[1]
        self._run()
        return self

    @property
    def url(self) -> str:
        return str(self)

    @property
    def origin(self) -> str:
        return str(self).rstrip("/")

    def _run(self) -> None:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def start(self) -> None:
        if self.server is None:
            self.server = make_server(self.directory, self.port, self.hooked, self.state)
            self._run()


def _built() -> bool:
    return (DIST / "index.html").exists() and (DIST / "build.json").exists()


@pytest.fixture(scope="session")
def dist_dir() -> Path:
    if not _built():
        subprocess.run([sys.executable, str(ROOT / "build.py")], check=True, cwd=ROOT)
    return DIST


@pytest.fixture(scope="session")
def site(dist_dir):
    running = Site(dist_dir)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def hooked_site(dist_dir):
    running = Site(dist_dir, hooked=True)
    yield running
    running.stop()


def pytest_addoption(parser):
    parser.addoption("--engines", default=None,
                     help="browser engines for test_engines.py: chromium,webkit,firefox (default: $SHPOINTS_ENGINES or all)")


def pytest_generate_tests(metafunc):
    if "engine_name" in metafunc.fixturenames:
        from engines import selected

        metafunc.parametrize("engine_name", selected(metafunc.config.getoption("--engines")), scope="session")


@pytest.fixture(scope="session")
def engine_driver(engine_name, hooked_site, request):
    """One browser of `engine_name` for the whole run (Pyodide's files stay in its HTTP cache)."""
    from engines import launch

    options = {"browser": request.getfixturevalue("browser")} if engine_name == "chromium" else {}
    driver = launch(engine_name, hooked_site.origin, **options)
    yield driver
    driver.close()


@pytest.fixture
def engine(engine_driver, hooked_site, request):
    """The engine's browser, reset to no storage/caches/service workers; fails on problems."""
    hooked_site.state.update(init_script="", overrides={})
    engine_driver.reset(hooked_site)
    engine_driver.set_viewport(1280, 900)
    yield engine_driver
    problems = engine_driver.problems()
    if request.node.get_closest_marker("console_errors_ok"):
        problems = [p for p in problems if "another origin" in p]
    assert not problems, f"the page misbehaved in {engine_driver.name}:\n" + "\n".join(problems)


@pytest.fixture(scope="session")
def playwright_instance():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def watch(page, origin: str, problems: list[str], console: bool = True) -> None:
    """Record console errors, uncaught errors and requests to other origins."""

    def on_request(request) -> None:
        url = request.url
        if urlsplit(url).scheme in {"data", "blob"}:
            return
        if not url.startswith(origin + "/") and url != origin:
            problems.append(f"request to another origin: {url}")

    if console:
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"uncaught: {e}"))
    page.on("request", on_request)


@pytest.fixture
def page(browser, site, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    watch(page, site.origin, problems, console=request.node.get_closest_marker("console_errors_ok") is None)
    yield page
    context.close()
    assert not problems, "the page misbehaved:\n" + "\n".join(problems)


@pytest.fixture
def screenshot():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def shot(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return shot


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `bash tests/run.sh` (it runs `npm ci --prefix tests`)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def axe_check(axe_source):
    """axe-core in the page. page.evaluate goes through the DevTools protocol, which the
    page's CSP does not govern, so no CSP bypass is needed to inject it."""

    def check(page_or_frame, disable: tuple[str, ...] = ()):
        page_or_frame.evaluate(axe_source)
        rules = {rule: {"enabled": False} for rule in disable}
        violations = page_or_frame.evaluate(
            """async (rules) => (await axe.run(document, {resultTypes: ['violations'], rules}))
                 .violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                   nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}))""",
            rules,
        )
        bad = [v for v in violations if v["impact"] in ("serious", "critical")]
        assert not bad, "axe-core found serious or critical problems:\n" + "\n".join(map(str, bad))
        return violations

    return check
