"""Steps of the build (sitebuild/) that need no built dist/: the CSP written into the
pages, the service worker template, what counts as a site asset."""

from __future__ import annotations

import json
import re

import pytest

from sitebuild import BuildError
from sitebuild.assemble import is_asset, render_service_worker
from sitebuild.headers import CSP, CSP_PLACEHOLDER, inject_csp, meta_csp

PAGE = f"<!doctype html><html><head>\n<meta charset=utf-8>\n{CSP_PLACEHOLDER}\n<title>t</title></head></html>"


def directives(policy: str) -> dict[str, str]:
    return {p.split()[0]: " ".join(p.split()[1:]) for p in policy.split(";") if p.split()}


def test_the_page_gets_the_header_policy_less_frame_ancestors():
    page = inject_csp(PAGE, "index.html")
    (content,) = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    header = directives(CSP)
    assert "frame-ancestors" in header  # the header lets other sites embed the calculator
    assert directives(content) == {k: v for k, v in header.items() if k != "frame-ancestors"}
    assert content == meta_csp()
    assert CSP_PLACEHOLDER not in page


@pytest.mark.parametrize("page", [
    "<html><head><title>no placeholder</title></head></html>",
    PAGE.replace("<title>", CSP_PLACEHOLDER + "<title>"),  # twice
])
def test_a_page_without_exactly_one_placeholder_fails_the_build(page):
    with pytest.raises(BuildError, match="index.html"):
        inject_csp(page, "index.html")


def test_service_worker_template_is_filled_in():
    template = 'const BUILD_ID = "dev";\nconst PRECACHE = [];\nself.x = 1;\n'
    out = render_service_worker(template, "abc123", ["./", "index.html"])
    assert 'const BUILD_ID = "abc123";' in out
    assert json.loads(re.search(r"^const PRECACHE = (.*);$", out, re.M).group(1)) == ["./", "index.html"]
    with pytest.raises(BuildError, match="PRECACHE"):
        render_service_worker('const BUILD_ID = "dev";\n', "abc123", [])


def test_precompressed_siblings_and_build_files_are_not_assets():
    assert is_asset("pyodide/pyodide.asm.wasm")
    assert is_asset("engine/worker.mjs")
    for path in ("pyodide/pyodide.asm.wasm.br", "index.html.gz", "build.json", "sw.js", "_headers"):
        assert not is_asset(path), path
