"""Chromium through Playwright (the same launch as tests/e2e/conftest.py): one browser
context for the whole run; Playwright's console and request events add to the hooks."""

from __future__ import annotations

from pathlib import Path

from . import Driver


class ChromiumDriver(Driver):
    name = "chromium"

    def __init__(self, origin: str, *, browser):
        """`browser`: the session's Playwright Chromium (conftest's `browser` fixture)."""
        self.version = browser.version
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="allow")
        self.page = self.context.new_page()
        self.target = self.page
        self.origin = origin
        self._seen: list[str] = []

        def on_request(request) -> None:
            if self.foreign(request.url):
                self._seen.append(f"request to another origin: {request.url}")

        def on_console(message) -> None:
            if message.type == "error":   # where: a failed load names only its status in the text
                where = (message.location or {}).get("url")
                self._seen.append(f"console {message.type}: {message.text}" + (f" ({where})" if where else ""))

        self.page.on("console", on_console)
        self.page.on("pageerror", lambda e: self._seen.append(f"uncaught: {e}"))
        self.page.on("request", on_request)

    def open(self, url: str) -> None:
        self.page.goto(url)

    def run(self, js: str, arg=None, timeout: float = 30.0):
        return self.target.evaluate(js, arg)

    def fill(self, selector: str, value: str) -> None:
        self.target.fill(selector, str(value))

    def select(self, selector: str, value: str) -> None:
        self.target.select_option(selector, str(value))

    def click(self, selector: str) -> None:
        self.target.click(selector)

    def enter_frame(self, selector: str) -> None:
        self.target = self.page.wait_for_selector(selector, state="attached").content_frame()

    def leave_frame(self) -> None:
        self.target = self.page

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
