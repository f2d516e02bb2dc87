"""WebKitGTK: Debian's WebKitWebDriver driving MiniBrowser under Xvfb, through Selenium's
WebKitGTK driver. MiniBrowser has no headless mode, so an Xvfb display is started here.
Its toolbar is shrunk with a GTK style sheet (XDG_CONFIG_HOME) so the window can be
375 CSS px wide. WebKitGTK's WebDriver reports no console messages: the hooks do."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from . import Driver, js_call

MINIBROWSER_PATHS = ("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
                     "/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
GTK_CSS = ("headerbar, headerbar *, toolbar, toolbar *, entry, button, label "
           "{ min-width: 0; min-height: 0; padding: 0; margin: 0; font-size: 1px; border-width: 0; }\n")


def minibrowser() -> str:
    for path in MINIBROWSER_PATHS:
        if Path(path).exists():
            return path
    raise FileNotFoundError("MiniBrowser not found: install Debian's webkit2gtk-driver")


class Xvfb:
    def __init__(self):
        read, write = os.pipe()
        self.process = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24",
                                         "-nolisten", "tcp"], pass_fds=(write,), stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as pipe:
            self.display = ":" + pipe.readline().strip()

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


class WebKitDriver(Driver):
    name = "webkit"

    def __init__(self, origin: str, **_):
        from selenium import webdriver

        self.xvfb = Xvfb()
        self.config = tempfile.mkdtemp(prefix="shpoints-webkit-")
        (Path(self.config) / "gtk-3.0").mkdir()
        (Path(self.config) / "gtk-3.0" / "gtk.css").write_text(GTK_CSS)
        env = {"DISPLAY": self.xvfb.display, "XDG_CONFIG_HOME": self.config}
        saved = {k: os.environ.get(k) for k in env}
        os.environ.update(env)   # WebKitWebDriver passes its environment to MiniBrowser
        try:
            options = webdriver.WebKitGTKOptions()
            options.binary_location = minibrowser()
            options.add_argument("--automation")
            service = webdriver.WebKitGTKService(executable_path=shutil.which("WebKitWebDriver") or "/usr/bin/WebKitWebDriver")
            self.driver = webdriver.WebKitGTK(options=options, service=service)
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
        self.version = self.driver.capabilities.get("browserVersion", "?")
        self.origin = origin

    def open(self, url: str) -> None:
        self.driver.get(url)

    def run(self, js: str, arg=None, timeout: float = 30.0):
        self.driver.set_script_timeout(timeout)
        script = ("const done = arguments[arguments.length - 1];"
                  f"{js_call(js, arg)}.then((v) => done({{ok: v}}), (e) => done({{error: String(e) + (e && e.stack ? '\\n' + e.stack : '')}}));")
        out = self.driver.execute_async_script(script)
        if "error" in out:
            raise RuntimeError(f"webkit: script failed: {out['error']}")
        import json
        return json.loads(out["ok"])

    def enter_frame(self, selector: str) -> None:
        from selenium.webdriver.common.by import By

        self.driver.switch_to.frame(self.driver.find_element(By.CSS_SELECTOR, selector))

    def leave_frame(self) -> None:
        self.driver.switch_to.default_content()

    def screenshot(self, path: Path) -> Path:
        self.driver.save_screenshot(str(path))
        return path

    def set_viewport(self, width: int, height: int = 800) -> None:
        self.driver.set_window_size(width, height)
        try:   # the resize reaches the page a little later: wait for it
            self.wait_for("(w) => innerWidth === w", width, timeout=5)
            return
        except AssertionError:
            pass
        # the window's frame took some width: correct by the difference once the size is stable
        got = self.wait_for("""async () => { const a = innerWidth;
            await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
            return innerWidth === a && a; }""", timeout=10)
        self.driver.set_window_size(max(width, width + (width - got)), height)
        self.wait_for("(w) => innerWidth === w", width, timeout=10, message=f"a {width} px wide viewport")

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            self.xvfb.stop()
            shutil.rmtree(self.config, ignore_errors=True)
