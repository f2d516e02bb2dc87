#!/usr/bin/env bash
# The test command (README; .ci/run calls it). On a fresh machine it sets up what is
# missing — the virtualenv with the pinned packages, Chromium, WebKitGTK (WebKitWebDriver,
# MiniBrowser, Xvfb), Firefox ESR and CJK fonts from Debian, axe-core for the
# accessibility checks — then builds dist/ and runs every test.
# Arguments go to pytest: bash tests/run.sh tests/e2e/test_page.py -x
# SHPOINTS_ENGINES=chromium,webkit,firefox (the default: all three) picks the engines of
# tests/e2e/test_engines.py; only the chosen ones are installed.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. Python: .venv with the project, its test extras, and the same wheel versions the browser
#    gets. build.py owns the virtualenv (sitebuild/venv.py); this only asks for the test extra.
python3 build.py venv --extra test

# 2. The browsers: $SHPOINTS_CHROMIUM or Debian's Chromium, and Debian's WebKitGTK and
#    Firefox ESR for the engines chosen (each installed here only if missing).
engines=",${SHPOINTS_ENGINES:-chromium,webkit,firefox},"
missing=()
[ -n "${SHPOINTS_CHROMIUM:-}" ] || [ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if [[ $engines == *,webkit,* ]]; then
  [ -x /usr/bin/WebKitWebDriver ] || missing+=(webkit2gtk-driver)
  command -v Xvfb >/dev/null || missing+=(xvfb)
fi
if [[ $engines == *,firefox,* ]]; then
  [ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} (apt-get)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 3. axe-core, for the tests only (never shipped).
if [ ! -f tests/node_modules/axe-core/axe.min.js ]; then
  npm ci --prefix tests --silent
fi

# 4. Build dist/ (offline once .cache/ holds the pinned artifacts), then every test.
.venv/bin/python build.py
exec .venv/bin/python -m pytest -q "$@"
