"""Facts from pyproject.toml."""

from __future__ import annotations

import tomllib

from sitebuild.paths import ROOT
from sitebuild.process import BuildError


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def pinned_dependencies() -> dict[str, str]:
    """{name: version} of the `name==version` runtime dependencies in pyproject.toml."""
    pins = {}
    for dep in pyproject()["dependencies"]:
        name, sep, version = dep.partition("==")
        if not sep:
            raise BuildError(f"pyproject.toml: dependency {dep!r} is not pinned with ==")
        pins[name.strip().lower()] = version.strip()
    return pins
