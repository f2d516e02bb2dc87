"""What the browser tests share: one place for their timeouts, the typical applicant, page
helpers (Playwright pages; `no_sideways_scroll` also takes an engine driver of
tests/e2e/engines/), the generated batch file and the small servers some tests start.
Test modules import from here (and from conftest.py), never from one another.

The page runs under a CSP without 'unsafe-eval', so Playwright's wait_for_function cannot
be used on it: waits go through selectors, or poll `evaluate` (which CSP does not block).
"""

from __future__ import annotations

import base64
import csv
import functools
import http.server
import io
import json
import random
import re
import threading

from engines import wait_js

# Timeouts (ms, Playwright's unit; the engine drivers take seconds: divide by 1000). They
# bound waits for a state, they are never waited out.
ENGINE_TIMEOUT = 180_000   # a cold start of Pyodide on a slow CI machine
SETTLE_TIMEOUT = 30_000    # the newest input's total, once the engine is ready
PLAN_TIMEOUT = 60_000      # the plan or the timeline: asked for once the result is stable, then worked out

# A typical applicant (tests/examples/01): 30 + 90 + 21 + 50 = 191.
TYPICAL = {"age": "32", "education": "bachelor_degree", "social_insurance_months": "84", "insurance_base": "x1"}
TYPICAL_TOTAL = 191


def fragment_for(profile: dict, version: int = 1) -> str:
    """The share fragment the page would make: #p=<version>.<base64url(UTF-8 JSON)>."""
    raw = json.dumps(profile, ensure_ascii=False, separators=(",", ":")).encode()
    return f"#p={version}." + base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def open_page(page, url, width=375, height=900, *, engine=False, lang=None):
    """Open the calculator at `url` in a `width` px viewport and wait for its form; with
    `engine`, also for the engine; with `lang` "en", switch the page to English."""
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    page.wait_for_selector("#profile-form [name=age]")
    if engine:
        wait_engine(page)
    if lang == "en":
        page.click("#lang-switch")
        page.wait_for_selector("html[lang=en]", state="attached")


def wait_engine(page_or_frame, timeout=ENGINE_TIMEOUT):
    page_or_frame.wait_for_selector("html[data-engine=ready]", state="attached", timeout=timeout)


def wait_features(page_or_frame):
    page_or_frame.wait_for_selector("html[data-features=ready]", state="attached", timeout=SETTLE_TIMEOUT)


def settle(page_or_frame) -> str:
    """Wait until #total belongs to the newest input; returns its data-state."""
    page_or_frame.wait_for_selector("#total:not([data-state=pending])", state="attached", timeout=SETTLE_TIMEOUT)
    return page_or_frame.get_attribute("#total", "data-state")


def total(page_or_frame) -> int:
    return int(page_or_frame.text_content("#total").replace(",", "").strip())


def fill(page_or_frame, profile: dict):
    """Type text fields, choose enum options (by the form's control type)."""
    for name, value in profile.items():
        control = page_or_frame.locator(f'#profile-form [name="{name}"]').first
        tag = control.evaluate("e => e.tagName")
        if tag == "SELECT":
            control.select_option(str(value))
        else:
            control.fill(str(value))


def score(page_or_frame, profile: dict) -> int:
    """Fill `profile`, wait for its result, return the total."""
    fill(page_or_frame, profile)
    wait_engine(page_or_frame)
    assert settle(page_or_frame) == "ready"
    return total(page_or_frame)


def wait_in_page(page_or_frame, predicate: str, arg=None, timeout: float = 30.0, message: str = ""):
    """Wait until the JavaScript function expression `predicate(arg)` is truthy in the page
    (polled there, see engines.WAIT_JS); returns its value."""
    out = page_or_frame.evaluate(wait_js(predicate), [arg, timeout * 1000])
    if out.get("timeout"):
        raise AssertionError(f"timed out after {timeout} s waiting for {message or predicate} ({out.get('error')})")
    return out["value"]


def no_sideways_scroll(target, width: int = 375) -> None:
    """The page in `target` (a Playwright page or an engines.Driver) is no wider than
    `width`; if it is, the message names the elements and text that stick out."""
    run = target.evaluate if hasattr(target, "evaluate") else target.run
    scroll = run("() => document.documentElement.scrollWidth")
    if scroll <= width:
        return
    wide = run("""(w) => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > w + 1 || e.scrollWidth > w + 1)
        .slice(0, 8).map(e => `${e.tagName}#${e.id}.${e.className} ${Math.round(e.getBoundingClientRect().right)} sw=${e.scrollWidth}`)
        .concat([...(function* () { const it = document.createNodeIterator(document.body, NodeFilter.SHOW_TEXT);
            for (let n; (n = it.nextNode());) { const r = document.createRange(); r.selectNodeContents(n);
              const b = r.getBoundingClientRect(); if (b.right > w + 1) yield `text in ${n.parentElement.tagName}#${n.parentElement.id}.${n.parentElement.className}: ${Math.round(b.right)} ${n.textContent.slice(0, 30)}`; } })()].slice(0, 8))
        .concat([`body ${document.body.scrollWidth}, scrollX ${scrollX}`])""", width)
    name = getattr(target, "name", "chromium")
    raise AssertionError(f"{name}: the page scrolls sideways: scrollWidth {scroll} > {width}: {wide}")


# ---------------------------------------------------------------- a generated batch file
# The HR batch file of the batch tests (test_batch_page.py at scale, test_engines.py in every
# engine): contract fields varied deterministically, an id and a Chinese name per row;
# every row carries `as_of`, so the browser and Python score on the same date.

AS_OF = "2026-11-21"
N_ROWS = 1000

EDUCATION = ["none", "associate", "bachelor", "bachelor_degree", "master", "doctorate"]
QUALIFICATION = ["", "none", "skill_4", "skill_3", "skill_2", "intermediate_title", "skill_1", "senior_title"]
INSURANCE_BASE = ["", "none", "x0.8", "x1", "x2", "x3"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["小明", "静", "洋", "伟", "芳", "娜", "秀英", "敏", "磊", "军", "丽", "强", "婷", "杰", "晓东"]

COLUMNS = ["id", "姓名", "as_of", "age", "education", "qualification", "qualification_salary_ok",
           "social_insurance_months", "insurance_base", "suburb_years", "spouse_hukou_years",
           "shortage_major", "detention_count"]


def make_people(n: int = N_ROWS) -> list[dict]:
    """n profiles from the contract's fields, varied deterministically, with an id and a Chinese name."""
    rng = random.Random(20261121)
    people = []
    for k in range(n):
        p: dict = {"id": f"E{k + 1:04d}", "姓名": rng.choice(SURNAMES) + rng.choice(GIVEN), "as_of": AS_OF,
                   "age": 18 + (k * 7) % 43, "education": EDUCATION[k % len(EDUCATION)],
                   "social_insurance_months": (k * 13) % 121}
        qualification = QUALIFICATION[(k // 3) % len(QUALIFICATION)]
        if qualification:
            p["qualification"] = qualification
            p["qualification_salary_ok"] = rng.random() < 0.7
        base = INSURANCE_BASE[(k // 2) % len(INSURANCE_BASE)]
        if base:
            p["insurance_base"] = base
        if k % 4 == 0:
            p["suburb_years"] = rng.randint(0, 8)
        if k % 5 == 1:
            p["spouse_hukou_years"] = rng.randint(0, 6)
        if k % 6 == 2:
            p["shortage_major"] = rng.random() < 0.5
        if k % 17 == 3:
            p["detention_count"] = 1
        people.append(p)
    return people


def profile_of(person: dict) -> dict:
    return {k: v for k, v in person.items() if k not in ("id", "姓名")}


def cell(value) -> str:
    if value is True:
        return "是"
    if value is False:
        return "否"
    return "" if value is None else str(value)


def csv_text(people: list[dict]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for p in people:
        writer.writerow([cell(p.get(c)) for c in COLUMNS])
    return out.getvalue()


# ---------------------------------------------------------------- the service worker


def precache_list(directory) -> list[str]:
    """The files the build's sw.js precaches (its PRECACHE line), for a dist/ folder."""
    text = (directory / "sw.js").read_text(encoding="utf-8")
    match = re.search(r"^const PRECACHE = (.*);$", text, flags=re.M)
    assert match, "dist/sw.js has no PRECACHE line"
    return json.loads(match.group(1))


# ---------------------------------------------------------------- a host page on another origin


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class Host:
    """A plain static server (no CSP, like many blogs) for the host page: another origin."""

    def __init__(self, directory):
        handler = functools.partial(QuietHandler, directory=str(directory))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, name: str) -> str:
        return f"{self.origin}/{name}"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

def set_field(page, name, value):
    """Enter one profile value through the form's own control, as a user would."""
    mode = page.locator(f'#profile-form input[type=radio][name^="mode-"][value="{name}"]')
    if mode.count():
        mode.check()
    control = page.locator(f'#profile-form [name="{name}"]').first
    tag, kind = control.evaluate("el => [el.tagName.toLowerCase(), el.type]")
    if tag == "select":
        control.select_option(str(value))
    elif kind == "checkbox":
        control.set_checked(bool(value))
    elif kind == "radio":
        page.check(f'#profile-form [name="{name}"][value="{"yes" if value else "no"}"]')
    else:
        control.fill(str(value))


def fill_profile(page, profile):
    for name, value in profile.items():
        set_field(page, name, value)
