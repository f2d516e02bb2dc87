"""Chromium through Playwright (the same launch as tests/e2e/conftest.py): one browser
context for the whole run; Playwright's console and request events add to the hooks."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from . import Driver


class ChromiumDriver(Driver):
    name = "chromium"

    def __init__(self, origin: str, *, executable: str | None = None, args: list[str] = (), init_script: str | None = None):
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self.browser = self._pw.chromium.launch(executable_path=executable, args=list(args))
        self.version = self.browser.version
        self.context = self.browser.new_context(viewport={"width": 1280, "height": 900})
        if init_script:
            self.context.add_init_script(init_script)
        self.page = self.context.new_page()
        self.origin = origin
        self._seen: list[str] = []

        def on_request(request) -> None:
            url = request.url
            if urlsplit(url).scheme not in {"data", "blob"} and not url.startswith(origin + "/"):
                self._seen.append(f"request to another origin: {url}")

        self.page.on("console", lambda m: self._seen.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self._seen.append(f"uncaught: {e}"))
        self.page.on("request", on_request)

    def open(self, url: str) -> None:
        self.page.goto(url)

    def run(self, js: str, arg=None, timeout: float = 30.0):
        return self.page.evaluate(js, arg)

    def fill(self, selector: str, value: str) -> None:
        self.page.fill(selector, str(value))

    def select(self, selector: str, value: str) -> None:
        self.page.select_option(selector, str(value))

    def click(self, selector: str) -> None:
        self.page.click(selector)

    def screenshot(self, path: Path) -> Path:
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def set_viewport(self, width: int, height: int = 800) -> None:
        self.page.set_viewport_size({"width": width, "height": height})

    def engine_problems(self) -> list[str]:
        out, self._seen = self._seen, []
        return out

    def close(self) -> None:
        self.context.close()
        self.browser.close()
        self._pw.stop()
