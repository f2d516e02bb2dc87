"""One driver interface over the three browser engines the end-to-end scenarios run in.

    chromium  Debian's Chromium through Playwright (executable_path, as the other tests)
    webkit    Debian's WebKitGTK: WebKitWebDriver driving MiniBrowser under Xvfb, through
              Selenium's WebKitGTK driver (no headless mode, no console log)
    firefox   Debian's firefox-esr, headless, over WebDriver BiDi (firefox.py, a small client
              on websocket-client: no geckodriver)

`SHPOINTS_ENGINES=chromium,webkit,firefox` (default: all three) or `--engines` picks them.

Every method takes CSS selectors and JavaScript *function expressions* (`"(arg) => ..."`,
may be async) run in the page with one JSON argument; results come back as JSON values.
Waits run in the page (`wait_for` polls its predicate there until it is truthy or the
timeout passes): no test sleeps a fixed time.

Console errors and requests to another origin: every page the engine tests' server sends
gets hooks.js first (TestSite below), which records uncaught errors, unhandled rejections,
console.error calls, other-origin resources (PerformanceObserver) and clicked downloads.
Chromium adds Playwright's console/request events, Firefox BiDi's log and network events.
`problems()` returns them all.
"""

from __future__ import annotations

import base64
import json
import os
import re
from pathlib import Path

ENGINES = ("chromium", "webkit", "firefox")
HERE = Path(__file__).resolve().parent
HOOKS = (HERE / "hooks.js").read_text(encoding="utf-8")


def selected(option: str | None = None) -> list[str]:
    chosen = option or os.environ.get("SHPOINTS_ENGINES") or ",".join(ENGINES)
    names = [n.strip() for n in chosen.split(",") if n.strip()]
    unknown = sorted(set(names) - set(ENGINES))
    if unknown:
        raise ValueError(f"unknown engine(s) {unknown}; choose from {ENGINES}")
    return names


# Polls `predicate` in the page (every 25 ms, until it is truthy or `ms` pass): a wait for a
# state, never a fixed sleep. Runs through the driver's evaluate, which the page's CSP does
# not govern (unlike Playwright's wait_for_function, which needs 'unsafe-eval').
WAIT_JS = """async ([arg, ms]) => {
    const predicate = (PREDICATE);
    const start = performance.now();
    for (;;) {
        let value, error = null;
        try { value = await predicate(arg); } catch (err) { error = err; }
        if (value) return {value};
        if (performance.now() - start > ms) return {timeout: true, error: error && String(error)};
        await new Promise((r) => setTimeout(r, 25));
    }
}"""


def wait_js(predicate: str) -> str:
    return WAIT_JS.replace("PREDICATE", predicate)


class Driver:
    """What a scenario may do. Subclasses implement open/run/screenshot/set_viewport/close;
    the rest is built on `run` here, the same for every engine."""

    name = "?"
    version = "?"
    origin = ""
    extra_origins: tuple[str, ...] = ()   # a test's second origin (a host page), allowed until reset

    def foreign(self, url: str) -> bool:
        """Whether the engine's request events should flag `url` (another origin)."""
        if re.match(r"(data|blob|about):", url):
            return False
        return not any(url == o or url.startswith(o + "/") for o in (self.origin, *self.extra_origins))

    # -- implemented per engine
    def open(self, url: str) -> None:
        raise NotImplementedError

    def run(self, js: str, arg=None, timeout: float = 30.0):
        """Call the function expression `js` with `arg` in the page; await it; return JSON."""
        raise NotImplementedError

    def screenshot(self, path: Path) -> Path:
        raise NotImplementedError

    def set_viewport(self, width: int, height: int = 800) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def enter_frame(self, selector: str) -> None:
        """Run the next calls in the iframe `selector` (of the top page) until leave_frame()."""
        raise NotImplementedError

    def leave_frame(self) -> None:
        raise NotImplementedError

    def engine_problems(self) -> list[str]:
        """Problems the driver itself saw (console/network events), since the last call."""
        return []

    # -- shared, on top of run()
    def wait_for(self, predicate: str, arg=None, timeout: float = 30.0, message: str = ""):
        """Poll `predicate` (a function expression) in the page until it returns a truthy value."""
        out = self.run(wait_js(predicate), [arg, timeout * 1000], timeout=timeout + 10)
        if out.get("timeout"):
            raise AssertionError(f"{self.name}: timed out after {timeout} s waiting for "
                                 f"{message or predicate} ({out.get('error')})")
        return out["value"]

    def wait_selector(self, selector: str, timeout: float = 30.0, visible: bool = False):
        check = "el => el && (el.offsetWidth || el.offsetHeight || el.getClientRects().length)" if visible else "el => !!el"
        return self.wait_for(f"(sel) => ({check})(document.querySelector(sel))", selector, timeout, message=selector)

    def exists(self, selector: str) -> bool:
        return self.run("(sel) => !!document.querySelector(sel)", selector)

    def text(self, selector: str) -> str | None:
        return self.run("(sel) => { const e = document.querySelector(sel); return e ? e.textContent : null; }", selector)

    def attr(self, selector: str, name: str) -> str | None:
        return self.run("([sel, n]) => { const e = document.querySelector(sel); return e ? e.getAttribute(n) : null; }",
                        [selector, name])

    def value(self, selector: str) -> str | None:
        return self.run("(sel) => { const e = document.querySelector(sel); return e ? e.value : null; }", selector)

    def visible(self, selector: str) -> bool:
        return self.run("""(sel) => { const e = document.querySelector(sel);
            if (!e) return false; const s = getComputedStyle(e);
            return s.display !== 'none' && s.visibility !== 'hidden' && e.getClientRects().length > 0; }""", selector)

    # The actions below wait for their element first, as Playwright's do: a part of the page
    # that mounts when first used (the tier helper's fields) is there a moment after the click.
    def fill(self, selector: str, value: str) -> None:
        """Set a text field as typing does: focus, the new value, an input and a change event."""
        self.wait_selector(selector)
        self.run("""([sel, v]) => {
            const e = document.querySelector(sel);
            if (!e) throw new Error('no element ' + sel);
            e.focus();
            const proto = e instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
            Object.getOwnPropertyDescriptor(proto, 'value').set.call(e, v);
            e.dispatchEvent(new Event('input', {bubbles: true}));
            e.dispatchEvent(new Event('change', {bubbles: true}));
        }""", [selector, str(value)])

    def select(self, selector: str, value: str) -> None:
        self.wait_selector(selector)
        self.run("""([sel, v]) => {
            const e = document.querySelector(sel);
            if (!e) throw new Error('no element ' + sel);
            if (![...e.options].some(o => o.value === v)) throw new Error('no option ' + v + ' in ' + sel);
            e.value = v;
            e.dispatchEvent(new Event('input', {bubbles: true}));
            e.dispatchEvent(new Event('change', {bubbles: true}));
        }""", [selector, str(value)])

    def click(self, selector: str) -> None:
        self.wait_selector(selector)
        self.run("(sel) => { const e = document.querySelector(sel); if (!e) throw new Error('no element ' + sel); e.click(); }",
                 selector)

    def upload(self, selector: str, name: str, data: bytes, mime: str = "text/csv") -> None:
        """Choose a file in <input type=file> (a File made in the page from `data`)."""
        self.run("""([sel, name, b64, mime]) => {
            const bin = atob(b64), bytes = new Uint8Array(bin.length);
            for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
            const input = document.querySelector(sel);
            const dt = new DataTransfer();
            dt.items.add(new File([bytes], name, {type: mime}));
            input.files = dt.files;
            input.dispatchEvent(new Event('input', {bubbles: true}));
            input.dispatchEvent(new Event('change', {bubbles: true}));
        }""", [selector, name, base64.b64encode(data).decode(), mime])

    def download(self, selector: str, timeout: float = 30.0) -> tuple[str, bytes]:
        """Click `selector`, which offers a file; return its name and bytes (read from the Blob)."""
        count = self.run("() => window.__e2e.downloads.length")
        self.click(selector)
        got = self.wait_for("(n) => { const d = window.__e2e.downloads[n]; return d && d.base64 && d; }",
                            count, timeout, message="the download")
        return got["name"], base64.b64decode(got["base64"])

    def hooks_problems(self) -> list[str]:
        got = self.run("""() => { const h = window.__e2e; if (!h) return ['the test hooks did not run'];
            const out = [...h.errors, ...h.foreign.map(u => 'request to another origin: ' + u)];
            h.errors.length = 0; h.foreign.length = 0; return out; }""")
        return got or []

    def problems(self) -> list[str]:
        return self.hooks_problems() + self.engine_problems()

    def reset(self, site) -> None:
        """Forget everything a test left: storage, caches, service workers; then a blank page."""
        self.open(site.url + "__e2e/blank.html")
        self.run("""async () => {
            try { localStorage.clear(); sessionStorage.clear(); } catch (err) {}
            if (indexedDB.databases) for (const db of await indexedDB.databases()) indexedDB.deleteDatabase(db.name);
            if (self.caches) for (const key of await caches.keys()) await caches.delete(key);
            if (navigator.serviceWorker) for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
        }""")
        self.engine_problems()
        self.extra_origins = ()


def launch(name: str, origin: str, **options) -> Driver:
    if name == "chromium":
        from .chromium import ChromiumDriver
        return ChromiumDriver(origin, **options)
    if name == "webkit":
        from .webkit import WebKitDriver
        return WebKitDriver(origin, **options)
    if name == "firefox":
        from .firefox import FirefoxDriver
        return FirefoxDriver(origin, **options)
    raise ValueError(name)


def js_call(js: str, arg) -> str:
    """Source of an async IIFE calling `js` with `arg` and resolving to its JSON text."""
    return f"(async () => JSON.stringify(await ({js})({json.dumps(arg)}) ?? null))()"
