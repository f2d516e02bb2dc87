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
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
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
from sitebuild.serve import make_server  # noqa: E402  (the one server implementation)


def chromium_executable() -> str | None:
    chosen = os.environ.get("SHPOINTS_CHROMIUM")
    if chosen:
        return chosen
    for candidate in ("/usr/bin/chromium", shutil.which("chromium") or ""):
        if candidate and Path(candidate).exists():
            return candidate
    return None  # Playwright's own browser, if `playwright install chromium` was run


class Site(str):
    """The base URL of a running server for a folder; stop() and start() keep the port."""

    def __new__(cls, directory: Path) -> Site:
        server = make_server(directory, 0, quiet=True)
        self = super().__new__(cls, f"http://127.0.0.1:{server.server_address[1]}/")
        self.directory, self.server = directory, server
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
            self.server = make_server(self.directory, self.port, quiet=True)
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
