"""The build: what dist/ holds, the pinned artifacts, the calculator wheel, the server's
headers, and Pyodide running the same calculator as CPython under the production CSP.

The file checks run without a browser; the ones marked `browser` run headless Chromium.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import urllib.error
import urllib.request
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import DIST, ROOT, Site, watch
from helpers import ENGINE_TIMEOUT, wait_engine
from sitebuild import BuildError
from sitebuild.assemble import dist_files, is_asset
from sitebuild.bytecode import PYODIDE_ENV
from sitebuild.calculator_wheel import build_calculator_wheel
from sitebuild.compress import is_sibling
from sitebuild.headers import CSP, CSP_PLACEHOLDER
from sitebuild.lock import artifacts, check_hash, extract_runtime, load_lock
from sitebuild.paths import CACHE
from sitebuild.process import sha256_file
from sitebuild.venv import venv_python

BARE = Path(__file__).resolve().parent / "bare"
EXAMPLES = sorted((ROOT / "tests" / "examples").glob("*.json"))
LOCK = json.loads((ROOT / "pyodide.lock.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(dist_dir) -> dict:
    """build.json of the current dist/ (the `dist_dir` fixture builds it when missing)."""
    return json.loads((dist_dir / "build.json").read_text(encoding="utf-8"))


def csp_directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out[words[0].lower()] = words[1:]
    return out


def fetch(url: str, method: str = "GET"):
    with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=30) as res:
        return res.status, res.headers, res.read()


# ------------------------------------------------------------------ dist/ contents


def test_dist_has_the_site(built):
    for name in ("index.html", "engine/worker.mjs", "engine/engine-client.mjs", "calculator/app.mjs", "formspec.json",
                 "sw.js", "manifest.webmanifest", "build.json", "_headers"):
        assert (DIST / name).is_file(), f"dist/{name} is missing"
    for name in LOCK["pyodide"]["runtime_files"]:
        assert (DIST / "pyodide" / name).is_file(), f"dist/pyodide/{name} (Pyodide runtime) is missing"
    # the test/bench fixture is never shipped
    assert not (DIST / "bare.mjs").exists()


def test_manifest_icons_exist():
    manifest = json.loads((DIST / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["icons"], "the web app manifest lists no icons"
    for icon in manifest["icons"]:
        path = DIST / icon["src"]
        assert path.is_file(), f"manifest icon {icon['src']} is not in dist/"
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert any(i.get("purpose") == "maskable" for i in manifest["icons"])


def test_wheel_manifest_lists_the_wheels_that_exist():
    """sitebuild/trim.py: two app archives in place of the wheels, what a score loads and what
    only the other ops load (tests/test_trim.py runs them)."""
    manifest = json.loads((DIST / "wheels" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["env"] == PYODIDE_ENV
    # the published lock file's header (its ABI, which the runtime checks), none of its packages
    published = json.loads((DIST / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert manifest["lock"] == {"info": published["info"], "packages": {}}
    assert published["info"]["abi_version"] and published["packages"]
    listed = manifest["wheels"]
    later = manifest["on_demand"]   # the workbook reader: installed only when a workbook is opened
    on_demand = [later["stdlib"], later["micropip"], *later["wheels"]]
    present = sorted(p.name for p in (DIST / "wheels").iterdir() if p.name != "manifest.json" and not is_sibling(p.name))
    rest = manifest["later"]   # the other ops' modules: fetched by the first request that needs them
    assert re.fullmatch(r"app-later-[0-9a-f]{12}\.zip", rest["file"])
    assert rest["sha256"] == hashlib.sha256((DIST / "wheels" / rest["file"]).read_bytes()).hexdigest()
    assert sorted(listed + [rest["file"]] + on_demand) == present
    # the published wheels as the lock pins them; the worker checks every one against these
    pinned = {w["file"]: w["sha256"] for w in LOCK["on_demand"]}
    assert {n: later["sha256"][n] for n in on_demand[1:]} == pinned
    assert all(later["sha256"][n] == hashlib.sha256((DIST / "wheels" / n).read_bytes()).hexdigest() for n in on_demand)
    assert re.fullmatch(r"stdlib-workbook-[0-9a-f]{12}\.zip", later["stdlib"])
    assert len(listed) == 1 and re.fullmatch(r"app-[0-9a-f]{12}\.zip", listed[0]), listed
    with zipfile.ZipFile(DIST / "wheels" / listed[0]) as app:
        tops = {n.split("/", 1)[0] for n in app.namelist()}
    assert {"calculator", "pydantic", "pydantic_core"} <= tops, tops


def test_what_the_browser_imports_ships_as_bytecode(built, tmp_path):
    """Compiled by the pinned runtime: the app archive carries .pyc instead of .py, and
    python_stdlib.zip keeps only what the browser loads (sitebuild/trim.py), in the
    published order, as .pyc for the modules the runtime and the calculator import."""
    magic = set()
    for name in json.loads((DIST / "wheels" / "manifest.json").read_text(encoding="utf-8"))["wheels"]:
        with zipfile.ZipFile(DIST / "wheels" / name) as whl:
            names = whl.namelist()
            assert not [n for n in names if n.endswith(".py") and ".dist-info/" not in n], name
            magic |= {whl.read(n)[:4] for n in names if n.endswith(".pyc")}
    extract_runtime(LOCK, tmp_path)
    with zipfile.ZipFile(tmp_path / "python_stdlib.zip") as stock, \
            zipfile.ZipFile(DIST / "pyodide" / "python_stdlib.zip") as ours:
        compiled = {n[:-1] for n in ours.namelist() if n.endswith(".pyc")}
        kept = [n for n in stock.namelist() if n in compiled or n in ours.namelist()]
        assert ours.namelist() == [n + "c" if n in compiled else n for n in kept]
        # the runtime's own start, the engine, batch mode's CSV and GBK decoding
        assert {"_pyodide/_base.py", "typing.py", "dataclasses.py", "json/decoder.py", "tomllib/_parser.py",
                "datetime.py", "csv.py", "encodings/gb18030.py"} <= compiled
        assert len(ours.namelist()) < len(stock.namelist()) / 2, "only what is imported, not the whole library"
        magic |= {ours.read(n + "c")[:4] for n in compiled}
    assert len(magic) == 1, "one interpreter (the pinned runtime) compiled all of it"


def test_service_worker_has_build_id_and_precaches_every_asset(built):
    sw = (DIST / "sw.js").read_text(encoding="utf-8")
    build_id = re.search(r"^const BUILD_ID = (.*);$", sw, re.M)
    precache = re.search(r"^const PRECACHE = (.*);$", sw, re.M)
    assert build_id and precache, "dist/sw.js: BUILD_ID / PRECACHE were not filled in"
    assert json.loads(build_id.group(1)) == built["build_id"]
    listed = set(json.loads(precache.group(1)))
    assets = {f["path"] for f in built["files"]}
    assert assets <= listed, f"not precached: {sorted(assets - listed)}"
    assert "./" in listed
    # build.json covers every file of dist/ that is a site asset
    on_disk = {p for p in dist_files(DIST) if is_asset(p)}
    assert on_disk == assets
    for entry in built["files"]:
        assert sha256_file(DIST / entry["path"]) == entry["sha256"], entry["path"]


def test_headers_file_for_static_hosts():
    text = (DIST / "_headers").read_text(encoding="utf-8")
    assert f"Content-Security-Policy: {CSP}" in text
    assert "X-Content-Type-Options: nosniff" in text
    assert re.search(r"^/sw\.js\n  Cache-Control: no-cache$", text, re.M)
    assert re.search(r"^/\*\.wasm\n  Content-Type: application/wasm$", text, re.M)


class _MetaCSP(HTMLParser):
    def __init__(self):
        super().__init__()
        self.policies: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append(attrs.get("content") or "")


@pytest.mark.parametrize("page", ["index.html", "batch.html"])
def test_html_csp_is_the_header_csp(page):
    """One CSP: the <meta> the build writes into each page is the header's policy (less
    frame-ancestors, which a <meta> cannot carry), and web/ holds no copy of its own."""
    parser = _MetaCSP()
    parser.feed((DIST / page).read_text(encoding="utf-8"))
    assert len(parser.policies) == 1, f"dist/{page}: {len(parser.policies)} CSP <meta> tags"
    expected = {k: v for k, v in csp_directives(CSP).items() if k != "frame-ancestors"}
    assert csp_directives(parser.policies[0]) == expected
    assert CSP_PLACEHOLDER in (ROOT / "web" / page).read_text(encoding="utf-8")
    source = _MetaCSP()
    source.feed((ROOT / "web" / page).read_text(encoding="utf-8"))
    assert source.policies == [], f"web/{page} writes a CSP of its own"


def test_formspec_is_exported_from_the_models():
    """dist/formspec.json is calculator.formspec.form_spec(): one source of truth."""
    from calculator.formspec import form_spec

    shipped = json.loads((DIST / "formspec.json").read_text(encoding="utf-8"))
    expected = json.loads(json.dumps(form_spec(), ensure_ascii=False))
    assert [f["name"] for f in shipped["fields"]] == [f["name"] for f in expected["fields"]]
    assert shipped == expected


# ------------------------------------------------------------------ pinned artifacts


def test_every_locked_artifact_has_its_pinned_hash():
    for artifact in artifacts(LOCK):
        path = CACHE / artifact["file"]
        assert path.is_file(), f".cache/artifacts/{artifact['file']} is missing (run python build.py)"
        check_hash(artifact, path)  # raises BuildError on a mismatch


def test_a_tampered_artifact_is_refused(tmp_path):
    artifact = min(LOCK["wheels"], key=lambda w: (CACHE / w["file"]).stat().st_size)
    copy = tmp_path / artifact["file"]
    shutil.copyfile(CACHE / artifact["file"], copy)
    check_hash(artifact, copy)
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0x01
    copy.write_bytes(bytes(data))
    with pytest.raises(BuildError, match="sha256 mismatch"):
        check_hash(artifact, copy)


def test_lock_agrees_with_pyproject_pins():
    load_lock()  # raises when pyproject.toml pins a version the browser does not get


# ------------------------------------------------------------------ the calculator wheel


def test_calculator_wheel_is_deterministic(tmp_path):
    """`pip wheel` with SOURCE_DATE_EPOCH: built twice, the same bytes."""
    python = venv_python()
    name_a = build_calculator_wheel(tmp_path / "a", python)
    name_b = build_calculator_wheel(tmp_path / "b", python)
    assert name_a == name_b
    assert sha256_file(tmp_path / "a" / name_a) == sha256_file(tmp_path / "b" / name_b)

    with zipfile.ZipFile(tmp_path / "a" / name_a) as whl:
        names = set(whl.namelist())
        assert whl.testzip() is None
    tomls = {f"calculator/parameters/{p.name}" for p in (ROOT / "calculator" / "parameters").glob("*.toml")}
    assert tomls and tomls <= names, f"missing from the wheel: {sorted(tomls - names)}"
    assert "calculator/__init__.py" in names and "calculator/api.py" in names
    assert any(n.endswith(".dist-info/RECORD") for n in names)
    assert not any("__pycache__" in n for n in names)


# ------------------------------------------------------------------ the server


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("pyodide/pyodide.asm.wasm", "application/wasm"),
        ("pyodide/pyodide.mjs", "text/javascript"),
        ("engine/worker.mjs", "text/javascript"),
        ("embed.js", "text/javascript"),
        ("manifest.webmanifest", "application/manifest+json"),
        ("formspec.json", "application/json"),
        ("index.html", "text/html; charset=utf-8"),
    ],
)
def test_server_content_types(site, path, content_type):
    if not (DIST / path).exists():
        pytest.skip(f"dist/{path} is not part of this build")
    status, headers, _ = fetch(site.url + path, "HEAD")
    assert status == 200
    assert headers["Content-Type"] == content_type


def test_server_security_headers(site):
    for path in ("", "index.html", "engine/worker.mjs", "pyodide/pyodide.asm.wasm", "formspec.json", "sw.js"):
        status, headers, _ = fetch(site.url + path)
        assert status == 200, path
        csp = csp_directives(headers["Content-Security-Policy"])
        assert csp["script-src"] == ["'self'", "'wasm-unsafe-eval'"], path
        assert csp["default-src"] == ["'self'"], path
        assert "'unsafe-eval'" not in headers["Content-Security-Policy"]
        assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers.get_all("Set-Cookie") is None, path
    _, headers, _ = fetch(site.url + "sw.js")
    assert headers["Cache-Control"] == "no-cache"


def test_server_lists_no_directories(site):
    with pytest.raises(urllib.error.HTTPError) as err:
        fetch(site.url + "wheels/")
    assert err.value.code == 404


# ------------------------------------------------------------------ in the browser


@pytest.fixture(scope="module")
def bare_site(tmp_path_factory, dist_dir):
    """A temporary copy of dist/ plus the bare-Pyodide page (as bare.html), served like the real site."""
    root = tmp_path_factory.mktemp("bare") / "site"
    shutil.copytree(dist_dir, root)
    shutil.copyfile(BARE / "index.html", root / "bare.html")
    shutil.copyfile(BARE / "bare.mjs", root / "bare.mjs")
    running = Site(root)
    yield running
    running.stop()


@pytest.fixture
def bare_page(browser, bare_site):
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    watch(page, bare_site.origin, problems)
    yield page
    context.close()
    assert not problems, "the bare page misbehaved:\n" + "\n".join(problems)


@pytest.mark.browser
def test_pyodide_and_cpython_agree(bare_page, bare_site):
    """Pyodide under the production CSP: 1+1, the shipped wheels, and the same totals as CPython."""
    from calculator import score

    response = bare_page.goto(bare_site.url + "bare.html")
    assert csp_directives(response.headers["content-security-policy"])["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
    bare_page.wait_for_selector("html[data-runtime=ready]", state="attached", timeout=ENGINE_TIMEOUT)
    assert bare_page.evaluate("window.bare.two") == 2

    bare_page.evaluate("() => window.loadWheels()")
    assert bare_page.evaluate("code => window.runPython(code)",
                              "import calculator, pydantic; pydantic.VERSION") == "2.14.3"

    chosen = EXAMPLES[:: max(1, len(EXAMPLES) // 6)]
    assert len(chosen) >= 5
    for path in chosen:
        example = json.loads(path.read_text(encoding="utf-8"))
        profile = example["profile"]
        expected = score(profile).total
        code = f"import json\nfrom calculator import score\nscore(json.loads({json.dumps(profile, ensure_ascii=False)!r})).total"
        got = bare_page.evaluate("code => window.runPython(code)", code)
        assert got == expected == example["expected_total"], f"{path.name}: Pyodide {got}, CPython {expected}"

    # the whole result, not just the total, through the worker's entry point
    profile = json.loads(chosen[0].read_text(encoding="utf-8"))["profile"]
    request = json.dumps({"op": "score", "profile": profile}, ensure_ascii=False)
    code = f"from calculator.api import handle\nhandle({request!r})"
    in_browser = json.loads(bare_page.evaluate("code => window.runPython(code)", code))
    from calculator.api import handle

    assert in_browser == json.loads(handle(request))


@pytest.mark.browser
def test_site_csp_header_and_meta_fallback(page, site):
    response = page.goto(site.url)
    header = csp_directives(response.headers["content-security-policy"])
    assert header == csp_directives(CSP)
    assert response.headers.get("x-content-type-options") == "nosniff"
    meta = page.evaluate(
        "() => [...document.querySelectorAll('meta[http-equiv]')]"
        ".filter(m => m.httpEquiv.toLowerCase() === 'content-security-policy').map(m => m.content)"
    )
    if meta:
        assert len(meta) == 1
        fallback = csp_directives(meta[0])
        # a meta CSP cannot carry frame-ancestors; everything else matches the header
        expected = {k: v for k, v in header.items() if k != "frame-ancestors"}
        assert fallback == expected
    # and the engine starts under it
    wait_engine(page)


@pytest.mark.browser
def test_site_loads_compressed_and_scores(page, site):
    """Chromium through the server that sends the precompressed siblings: the runtime and
    the page arrive encoded, and the engine starts and scores from them."""
    encodings: dict[str, str | None] = {}
    page.on("response", lambda r: encodings.__setitem__(r.url[len(site.url):], r.headers.get("content-encoding")))
    page.goto(site.url)
    wait_engine(page)
    example = json.loads(EXAMPLES[0].read_text(encoding="utf-8"))
    got = page.evaluate("async p => (await window.shpoints.score(p)).total", example["profile"])
    assert got == example["expected_total"]
    # Chromium offers br to 127.0.0.1 (Accept-Encoding: gzip, deflate, br, zstd)
    assert encodings.get("pyodide/pyodide.asm.wasm") == "br", encodings
    assert encodings.get("") == "br", "index.html"
    assert encodings.get("formspec.json") == "br"
