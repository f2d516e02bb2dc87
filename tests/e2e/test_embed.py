"""Embedding the calculator in another site (?embed=1 + embed.js), in a real browser.

The host page lives on a DIFFERENT origin (another port), served without a CSP, like a
blog that pastes the snippet of docs/embed.md. Checks: the calculator works inside the
iframe; embed.js keeps the iframe's height equal to the content (also as it grows); the
only messages the host ever receives are {type: "shpoints:resize", v: 1, height}; embed
mode hides the header title and footer; theme=dark is dark; two iframes are resized
independently; nothing is requested from any origin but the two local ones.
"""

from __future__ import annotations

import pytest

from helpers import TYPICAL, TYPICAL_TOTAL, Host, fill, settle, total, wait_engine

pytestmark = [pytest.mark.browser, pytest.mark.chromium_only(reason="dark theme, two iframes and crops need Playwright's frames and clips; the embed scenario of every engine is in test_engines.py")]

# Records every message the host window receives (top frame only; init scripts run in
# every frame and are not governed by any CSP).
SPY = """
if (window.top === window) {
  window.__msgs = [];
  window.addEventListener('message', (e) => window.__msgs.push({origin: e.origin, data: e.data}));
}
"""

HOST_PAGE = """<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Host blog</title><link rel="icon" href="data:,">
<style>body {{ font-family: sans-serif; margin: 0 auto; max-width: 760px; padding: 16px; }}
 .note {{ background: #f3f3f3; padding: 12px; }}</style></head>
<body>
<h1>一篇博客文章 / A host blog post</h1>
<p class="note">Text above the calculator.</p>
{frames}
<p class="note" id="below">Text below the calculator.</p>
<script src="{site}embed.js" defer></script>
</body></html>
"""

FRAME = ('<iframe id="{id}" src="{site}?embed=1{query}" title="上海居住证积分计算器" '
         'loading="lazy" style="width:100%;border:0"></iframe>')


@pytest.fixture
def host(tmp_path, site):
    frames = {
        "one.html": [("calc", "&lang=zh")],
        "dark.html": [("calc", "&lang=zh&theme=dark")],
        "two.html": [("calc-a", "&lang=zh"), ("calc-b", "&lang=en")],
    }
    for name, spec in frames.items():
        html = "\n".join(FRAME.format(id=i, site=site.url, query=q) for i, q in spec)
        (tmp_path / name).write_text(HOST_PAGE.format(frames=html, site=site.url), encoding="utf-8")
    running = Host(tmp_path)
    assert running.origin != site.origin
    yield running
    running.stop()


@pytest.fixture
def host_page(browser, site, host):
    """A page on the host origin that fails the test on errors or any third origin."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(SPY)
    page = context.new_page()
    problems: list[str] = []
    allowed = (site.origin + "/", host.origin + "/")

    def on_request(request):
        if request.url.split(":", 1)[0] in ("data", "blob"):
            return
        if not request.url.startswith(allowed):
            problems.append(f"request to another origin: {request.url}")

    page.on("request", on_request)
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"uncaught: {e}"))
    yield page
    context.close()
    assert not problems, "the pages misbehaved:\n" + "\n".join(problems)


def frame_of(page, frame_id: str):
    frame = page.wait_for_selector(f"#{frame_id}", state="attached").content_frame()
    frame.wait_for_url("**embed=1**")
    frame.wait_for_selector("#profile-form [name=age]")
    return frame


def scored(frame) -> int:
    """Fill the typical profile; wait for the score AND the plan below it (rendered after)."""
    fill(frame, TYPICAL)
    assert settle(frame) == "ready"
    frame.wait_for_selector("#plan[data-state=ready]", state="attached", timeout=30_000)
    return total(frame)


def unscored(frame) -> None:
    """Wait for the settled state of a frame with nothing typed: once ready, the engine
    refuses the empty form (its field messages) and the plan view mounts (off). Both make
    the page taller, so a height taken before them is not the one the iframe settles at."""
    wait_engine(frame)
    assert settle(frame) == "invalid"
    frame.wait_for_selector("#plan[data-state=off]", state="attached", timeout=30_000)


def content_height(frame) -> int:
    """What the embedded page measures (body box + margins), from inside the iframe."""
    return frame.evaluate(
        """() => { const s = getComputedStyle(document.body);
                   return Math.ceil(document.body.getBoundingClientRect().height
                     + parseFloat(s.marginTop) + parseFloat(s.marginBottom)); }""")


def iframe_height(page, frame_id: str) -> float:
    return page.evaluate("(id) => document.getElementById(id).getBoundingClientRect().height", frame_id)


def wait_fitted(page, frame, frame_id: str) -> int:
    """Wait until the iframe is as tall as its content (within 2 px); returns the height.

    Scrolls the iframe into view first: Chrome does not run rendering updates (so no
    ResizeObserver callbacks) for a cross-origin iframe that is off screen; it catches up
    the moment the iframe scrolls into view, which is when the reader would see it."""
    page.evaluate("(id) => document.getElementById(id).scrollIntoView({block: 'start'})", frame_id)
    want = content_height(frame)
    # The host page has no CSP, so Playwright's wait_for_function can wait there.
    page.wait_for_function("([id, want]) => Math.abs(document.getElementById(id).getBoundingClientRect().height - want) <= 2",
                           arg=[frame_id, want], timeout=15_000)
    have = iframe_height(page, frame_id)
    assert frame.evaluate("() => document.documentElement.scrollHeight") <= have + 2
    return have


def messages(page) -> list[dict]:
    return page.evaluate("() => window.__msgs")


def check_messages(page, site) -> list[dict]:
    msgs = messages(page)
    assert msgs, "the calculator posted its height"
    for m in msgs:
        assert m["origin"] == site.origin
        data = m["data"]
        assert isinstance(data, dict) and set(data) == {"type", "v", "height"}, data
        assert data["type"] == "shpoints:resize" and data["v"] == 1
        assert isinstance(data["height"], (int, float)) and 0 < data["height"] < 100_000
        # Nothing typed and no score: the height is the only number, and never the total.
        assert str(TYPICAL_TOTAL) not in str({k: v for k, v in data.items() if k != "height"})
    return msgs


def test_embedded_calculator_works_and_fits_its_content(host_page, host, site, screenshot):
    page = host_page
    page.goto(host.url("one.html"))
    frame = frame_of(page, "calc")
    unscored(frame)

    # Embed mode: no site header title, no footer, no mini bar; the language button stays.
    assert frame.get_attribute("html", "data-embed") == "1"
    assert not frame.is_visible(".site-header h1") and not frame.is_visible(".site-header .tagline")
    assert not frame.is_visible(".site-footer")
    assert frame.is_visible("#lang-switch")
    assert frame.get_attribute("html", "lang").startswith("zh")
    empty = wait_fitted(page, frame, "calc")

    assert scored(frame) == TYPICAL_TOTAL
    after = wait_fitted(page, frame, "calc")
    assert after > empty + 50, "the breakdown made the content taller and the iframe followed"

    # Fold out the zero items of the breakdown: taller again.
    if frame.is_visible("#items-zero-summary"):
        frame.click("#items-zero-summary")
        opened = wait_fitted(page, frame, "calc")
        assert opened > after
        frame.click("#items-zero-summary")
        assert wait_fitted(page, frame, "calc") < opened, "and shrinks back"

    # English wraps differently: the iframe still fits.
    frame.click("#lang-switch")
    frame.wait_for_selector("html[lang=en]", state="attached")
    wait_fitted(page, frame, "calc")
    frame.click("#lang-switch")
    frame.wait_for_selector("html[lang^=zh]", state="attached")
    wait_fitted(page, frame, "calc")

    msgs = check_messages(page, site)
    heights = [m["data"]["height"] for m in msgs]
    assert len(heights) >= 3
    assert all(x != y for x, y in zip(heights, heights[1:])), "a message per change, not a stream"
    assert page.get_attribute("#calc", "data-shpoints-height") == str(heights[-1])

    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        wait_fitted(page, frame, "calc")
        path = screenshot(page, f"embed-host-{width}")
        # Two readable crops: the top, and where the iframe ends and the host text resumes.
        bottom = page.evaluate("() => document.getElementById('below').getBoundingClientRect().bottom + scrollY")
        page.screenshot(path=str(path.with_name(f"embed-host-{width}-top.png")), full_page=True,
                        clip={"x": 0, "y": 0, "width": width, "height": 1100})
        page.screenshot(path=str(path.with_name(f"embed-host-{width}-end.png")), full_page=True,
                        clip={"x": 0, "y": max(0, bottom - 700), "width": width, "height": 720})
    check_messages(page, site)


def test_embed_dark_theme(host_page, host, site, screenshot):
    page = host_page
    page.set_viewport_size({"width": 375, "height": 900})
    page.goto(host.url("dark.html"))
    frame = frame_of(page, "calc")
    assert frame.get_attribute("html", "data-theme") == "dark"
    background = frame.evaluate("() => getComputedStyle(document.body).backgroundColor")
    rgb = [int(x) for x in background[background.index("(") + 1:background.index(")")].split(",")[:3]]
    assert sum(rgb) / 3 < 60, f"dark background, got {background}"
    color = frame.evaluate("() => getComputedStyle(document.body).color")
    light = [int(x) for x in color[color.index("(") + 1:color.index(")")].split(",")[:3]]
    assert sum(light) / 3 > 180, f"light text, got {color}"
    wait_engine(frame)
    assert scored(frame) == TYPICAL_TOTAL
    wait_fitted(page, frame, "calc")
    page.evaluate("() => scrollTo(0, 0)")
    screenshot(page, "embed-host-dark-375")
    check_messages(page, site)


def test_two_iframes_are_resized_independently(host_page, host, site):
    page = host_page
    page.goto(host.url("two.html"))
    a, b = frame_of(page, "calc-a"), frame_of(page, "calc-b")
    assert b.get_attribute("html", "lang") == "en"
    unscored(a)
    unscored(b)
    a_before = wait_fitted(page, a, "calc-a")
    b_before = wait_fitted(page, b, "calc-b")

    assert scored(a) == TYPICAL_TOTAL
    a_after = wait_fitted(page, a, "calc-a")
    assert a_after > a_before + 50
    assert abs(iframe_height(page, "calc-b") - b_before) <= 2, "the other iframe kept its height"
    assert wait_fitted(page, b, "calc-b") == b_before

    assert scored(b) == TYPICAL_TOTAL
    assert wait_fitted(page, b, "calc-b") > b_before + 50
    assert abs(iframe_height(page, "calc-a") - a_after) <= 2
    check_messages(page, site)


def test_host_ignores_forged_messages(host_page, host, site):
    """embed.js only accepts the shape above, from one of the page's own iframes' origin."""
    page = host_page
    page.goto(host.url("one.html"))
    frame = frame_of(page, "calc")
    wait_engine(frame)
    # The total and the plan first: the plan arrives after the total and makes the page
    # taller, so a height taken before it is not the fitted one.
    assert scored(frame) == TYPICAL_TOTAL
    fitted = wait_fitted(page, frame, "calc")
    # From the host itself (not the iframe), and a wrong shape from the iframe.
    page.evaluate("() => window.postMessage({type: 'shpoints:resize', v: 1, height: 5}, '*')")
    frame.evaluate("() => parent.postMessage({type: 'shpoints:resize', v: 2, height: 7}, '*')")
    frame.evaluate("() => parent.postMessage({type: 'shpoints:resize', v: 1, height: '9'}, '*')")
    # wait until the host has received all three (the spy records every message)
    page.wait_for_function("() => [5, 7, '9'].every(h => window.__msgs.some(m => m.data && m.data.height === h))")
    assert abs(iframe_height(page, "calc") - fitted) <= 2
