"""Firefox ESR (Debian's firefox-esr), headless, over WebDriver BiDi: a small synchronous
client on websocket-client, no geckodriver. BiDi's log.entryAdded and
network.beforeRequestSent events add to the hooks' console and other-origin checks."""

from __future__ import annotations

import base64
import itertools
import json
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from . import Driver, js_call

FIREFOX = "/usr/bin/firefox-esr"
# Quiet profile: no first-run pages, updates, telemetry or background connections.
PREFS = {
    "app.update.disabledForTesting": True,
    "app.normandy.enabled": False,
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.startup.page": 0,
    "browser.newtabpage.enabled": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "browser.safebrowsing.downloads.enabled": False,
    "browser.download.useDownloadDir": True,
    "datareporting.policy.dataSubmissionEnabled": False,
    "datareporting.healthreport.uploadEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "extensions.update.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "browser.region.network.url": "",
    "services.settings.server": "http://127.0.0.1:9/",
    "remote.prefs.recommended": True,
}


class BiDi:
    """Commands by id; events are kept until read."""

    def __init__(self, url: str):
        import websocket

        self.ws = websocket.create_connection(url, timeout=300, suppress_origin=True)
        self.ids = itertools.count(1)
        self.events: list[dict] = []

    def send(self, method: str, params: dict | None = None, timeout: float = 60.0) -> dict:
        ident = next(self.ids)
        self.ws.send(json.dumps({"id": ident, "method": method, "params": params or {}}))
        self.ws.settimeout(timeout)
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("type") == "event":
                self.events.append(msg)
            elif msg.get("id") == ident:
                if msg.get("type") == "error":
                    raise RuntimeError(f"BiDi {method}: {msg.get('error')}: {msg.get('message')}")
                return msg["result"]

    def close(self):
        self.ws.close()


class FirefoxDriver(Driver):
    name = "firefox"

    def __init__(self, origin: str, **_):
        self.profile = tempfile.mkdtemp(prefix="shpoints-firefox-")
        Path(self.profile, "user.js").write_text(
            "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in PREFS.items()))
        self.process = subprocess.Popen(
            [FIREFOX, "--headless", "--no-remote", "--profile", self.profile, "--remote-debugging-port", "0", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        url = None
        deadline = time.monotonic() + 60
        for line in self.process.stderr:      # "WebDriver BiDi listening on ws://127.0.0.1:PORT"
            found = re.search(r"WebDriver BiDi listening on (ws://\S+)", line)
            if found:
                url = found.group(1)
                break
            if time.monotonic() > deadline:
                break
        if not url:
            self.process.kill()
            raise RuntimeError("firefox-esr did not start WebDriver BiDi")
        self.bidi = BiDi(url.rstrip("/") + "/session")
        caps = self.bidi.send("session.new", {"capabilities": {}})["capabilities"]
        self.version = caps.get("browserVersion", "?")
        self.top = self.context = self.bidi.send("browsingContext.getTree", {})["contexts"][0]["context"]
        self.bidi.send("session.subscribe", {"events": ["log.entryAdded", "network.beforeRequestSent"]})
        self.origin = origin
        # stderr keeps flowing: drain it so the browser never blocks on a full pipe
        import threading
        threading.Thread(target=lambda: [None for _ in self.process.stderr], daemon=True).start()

    def open(self, url: str) -> None:
        self.bidi.send("browsingContext.navigate", {"context": self.top, "url": url, "wait": "complete"})

    def run(self, js: str, arg=None, timeout: float = 30.0):
        out = self.bidi.send("script.evaluate", {
            "expression": js_call(js, arg), "target": {"context": self.context},
            "awaitPromise": True, "resultOwnership": "none"}, timeout=timeout + 10)
        if out["type"] == "exception":
            details = out["exceptionDetails"]
            raise RuntimeError(f"firefox: script failed: {details.get('text')}")
        return json.loads(out["result"]["value"])

    def enter_frame(self, selector: str) -> None:
        index = self.run("(sel) => [...document.querySelectorAll('iframe')].indexOf(document.querySelector(sel))", selector)
        tree = self.bidi.send("browsingContext.getTree", {"root": self.top})["contexts"][0]
        self.context = tree["children"][index]["context"]

    def leave_frame(self) -> None:
        self.context = self.top

    def screenshot(self, path: Path) -> Path:
        data = self.bidi.send("browsingContext.captureScreenshot", {"context": self.top, "origin": "document"})["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def set_viewport(self, width: int, height: int = 800) -> None:
        self.bidi.send("browsingContext.setViewport", {"context": self.top, "viewport": {"width": width, "height": height}})

    def engine_problems(self) -> list[str]:
        self.bidi.send("session.status")   # reads the events that arrived meanwhile
        out = []
        for event in self.bidi.events:
            params = event["params"]
            if event["method"] == "log.entryAdded" and params.get("level") == "error":
                out.append(f"console error: {params.get('text')}")
            elif event["method"] == "network.beforeRequestSent":
                url = params["request"]["url"]
                if self.foreign(url):
                    out.append(f"request to another origin: {url}")
        self.bidi.events.clear()
        return out

    def close(self) -> None:
        try:
            self.bidi.send("browser.close", {}, timeout=20)
        except Exception:
            pass
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)
